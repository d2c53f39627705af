"""Writing the sign-in audit log."""

from axes.helpers import get_client_ip_address

from .models import SignInEvent


def record_sign_in_event(*, kind, request=None, user=None, username=""):
    if user is not None and not username:
        username = user.get_username()
    ip_address = None
    user_agent = ""
    if request is not None:
        ip_address = get_client_ip_address(request) or None
        user_agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    return SignInEvent.objects.create(
        kind=kind,
        user=user,
        username=username[:150],
        ip_address=ip_address,
        user_agent=user_agent,
    )
