"""The admin's one exception to the site-wide content security policy."""

from csp.constants import UNSAFE_INLINE


class AdminStylePolicyMiddleware:
    """Relax style-src for admin responses only.

    content-editor and the prose editor inject <style> elements without a nonce; scripts stay
    strict everywhere. Listed after CSPMiddleware so it runs before the policy is written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and "admin" in match.namespaces:
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response
