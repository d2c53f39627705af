"""A release authority signs in for the first time in a real browser: password, then setting
up an authenticator app from the QR code, then the backup codes. Every step is accessible."""

import importlib
import re

from django.apps import apps
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles import roles
from tests.factories import UserFactory
from tests.signing_in import current_code

PASSWORD = "correct horse battery staple"


def test_first_sign_in_sets_up_the_authenticator(
    live_server, page, assert_no_axe_violations, transactional_db
):
    importlib.import_module("articles.migrations.0004_create_roles").create_roles(apps, None)
    authority = UserFactory(username="authority", roles=[roles.RELEASE_AUTHORITY])
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "authority")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/mfa/setup/.*"))
    qr = page.get_by_role("img", name="QR code for setting up your authenticator app")
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    assert_no_axe_violations(page, context="#content-main")

    page.fill("#id_token", "000000")
    page.click("input[type=submit]")
    assert "That code does not match" in page.locator(".errornote").inner_text()
    assert_no_axe_violations(page, context="#content-main")

    device = TOTPDevice.objects.get(user=authority)
    page.wait_for_timeout(1500)  # a wrong code throttles the next try for a second
    page.fill("#id_token", current_code(device))
    page.click("input[type=submit]")
    assert len(page.locator(".backup-codes li").all()) == 10
    assert_no_axe_violations(page, context="#content-main")
    page.click("text=Continue")
    page.wait_for_url(live_server.url + "/admin/")
