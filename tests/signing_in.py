"""Signing a test client in the way a real person ends up: password and, where the role needs
it, the second factor already given."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.security.mfa import mfa_required


def authenticator(user):
    """The user's authenticator app, set up."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    return device


def current_code(device):
    """The code the authenticator app shows right now."""
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def browser_sign_in(page, base_url, user, password):
    """Signs in through the admin's pages, giving the second factor where the role needs it."""
    device = authenticator(user) if mfa_required(user) else None
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    if device is not None:
        page.wait_for_url("**/admin/mfa/verify/**")
        page.fill("#id_token", current_code(device))
        page.click("input[type=submit]")
    page.wait_for_url(base_url + "/admin/")


def sign_in(client, user):
    client.force_login(user)
    if mfa_required(user):
        device = authenticator(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
