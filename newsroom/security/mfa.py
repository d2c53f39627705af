"""Multi-factor sign-in for the admin (django-otp): an authenticator app (TOTP) plus one-time
backup codes. Required for everyone who can clear or publish; optional for writers, but once a
writer has set it up it is asked for at every sign-in."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

BACKUP_CODE_COUNT = 10
# Permissions that make a second factor mandatory (articles.workflow.rules).
MFA_REQUIRING_PERMISSIONS = ("articles.clear_article", "articles.publish_article")


def mfa_required(user):
    if not settings.NEWSROOM_REQUIRE_MFA:
        return False
    return any(user.has_perm(permission) for permission in MFA_REQUIRING_PERMISSIONS)


class RequireMFAMiddleware:
    """Sends a signed-in user who still owes a second factor to verify it (or set it up)
    before any admin page. Listed after django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self._pending_step(request)
        if redirect_to is not None:
            return redirect(f"{redirect_to}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _pending_step(request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        admin_root = reverse("admin:index")
        exempt = (reverse("security:mfa_verify"), reverse("security:mfa_setup"))
        if not request.path.startswith(admin_root) or request.path in exempt:
            return None
        if request.path == reverse("admin:logout"):
            return None
        if user_has_device(user):
            return reverse("security:mfa_verify")
        if mfa_required(user):
            return reverse("security:mfa_setup")
        return None
