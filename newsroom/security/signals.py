"""Every sign-in, failure, lock-out and sign-out goes to the audit log (SignInEvent)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from .audit import record_sign_in_event
from .models import SignInEventKind
from .sessions import SIGNED_IN_AT_SESSION_KEY


@receiver(user_logged_in, dispatch_uid="security.signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT_SESSION_KEY] = timezone.now().timestamp()
    record_sign_in_event(kind=SignInEventKind.SIGNED_IN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="security.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username", "")
    record_sign_in_event(kind=SignInEventKind.FAILED, request=request, username=username or "")


@receiver(user_locked_out, dispatch_uid="security.locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    record_sign_in_event(kind=SignInEventKind.LOCKED_OUT, request=request, username=username or "")


@receiver(user_logged_out, dispatch_uid="security.signed_out")
def signed_out(sender, request, user, **kwargs):
    # An expired session has its own entry (see sessions.py).
    if user is not None and not getattr(request, "session_expired", False):
        record_sign_in_event(kind=SignInEventKind.SIGNED_OUT, request=request, user=user)
