"""Staff session lifetime: an idle timeout (Django's SESSION_COOKIE_AGE, renewed on every
request) and an absolute lifetime counted from sign-in, whatever the activity."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from .audit import record_sign_in_event
from .models import SignInEventKind

SIGNED_IN_AT_SESSION_KEY = "newsroom_signed_in_at"


class AbsoluteSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT_SESSION_KEY)
            lifetime = settings.NEWSROOM_SESSION_ABSOLUTE_LIFETIME
            # A session from before this check existed has no start time: treat it as expired.
            if signed_in_at is None or time.time() - signed_in_at > lifetime:
                record_sign_in_event(
                    kind=SignInEventKind.SESSION_EXPIRED, request=request, user=user
                )
                request.session_expired = True
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
        return self.get_response(request)
