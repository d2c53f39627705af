"""Multi-factor sign-in for the admin (django-otp): an authenticator app (TOTP) plus one-time
backup codes. Required for every staff account (every role: a writer's password alone must not
be enough to change a photo or a person that releases show) on every admin page, the embargo
and import pages included; once set up it is asked for at every sign-in. Only the local demo
(`make run`, NEWSROOM_REQUIRE_MFA off) skips it."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

BACKUP_CODE_COUNT = 10


def mfa_required(user):
    """Everyone who can open the admin owes a second factor, whatever their role."""
    return settings.NEWSROOM_REQUIRE_MFA and (user.is_staff or user.is_superuser)


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
