"""Signing a test client in the way a real person ends up: password and, where the role needs
it, the second factor already given."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.security.mfa import mfa_required


def sign_in(client, user):
    client.force_login(user)
    if mfa_required(user):
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="Authenticator app", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
