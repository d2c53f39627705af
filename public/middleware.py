import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe


class ConditionalPageMiddleware:
    """ETag and 304 Not Modified for public pages, feeds and sitemaps.

    Public pages carry no CSP nonce, so the ETag is a hash of the body. Views and feeds set
    Last-Modified where they know it; get_conditional_response answers If-None-Match (and
    If-Modified-Since) with 304. Admin pages and anything personal are left alone. Anonymous
    pages are marked public (settings.PAGE_CACHE_CONTROL), which is what lets the page cache
    store them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self._applies(request, response):
            return response
        digest = hashlib.blake2b(response.content, digest_size=16).hexdigest()
        response.headers["ETag"] = f'"{digest}"'
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Staff may see more than readers (edit links, unpublished neighbours): never shared.
            patch_cache_control(response, private=True, no_cache=True)
        elif getattr(request, "_csp_nonce", None):
            # A page with an inline script carries this response's nonce: storing it would hand
            # every reader the same one. Public pages have none (see base.html).
            patch_cache_control(response, private=True, no_cache=True)
        else:
            # Shared caches (a CDN, public.page_cache) may keep anonymous pages briefly.
            response.headers["Cache-Control"] = settings.PAGE_CACHE_CONTROL
        conditional = get_conditional_response(
            request,
            etag=response.headers["ETag"],
            last_modified=parse_http_date_safe(response.headers.get("Last-Modified", "")),
            response=response,
        )
        return conditional

    @staticmethod
    def _applies(request, response):
        match = getattr(request, "resolver_match", None)
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A view that set its own caching (embargoed previews: private, no-store) decided.
            and not response.has_header("Cache-Control")
            and match is not None
            and "admin" not in match.namespaces
        )
