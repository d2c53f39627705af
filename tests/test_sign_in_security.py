"""Staff sign-in: lock-out, two-step sign-in, session lifetime and the sign-in audit log."""

import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles import roles
from newsroom.security.models import SignInEvent, SignInEventKind
from tests.factories import UserFactory
from tests.signing_in import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN_URL = reverse("admin:login")


def password_sign_in(client, username, password=PASSWORD):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"})


def two_step_sign_in(client, user):
    """Password, then the code of the user's authenticator app, as every staff account must."""
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    password_sign_in(client, user.username)
    client.post(reverse("security:mfa_verify"), {"token": current_code(device)})


def kinds_for(username):
    return list(
        SignInEvent.objects.filter(username=username).order_by("pk").values_list("kind", flat=True)
    )


# Lock-out ---------------------------------------------------------------------------------


def test_repeated_wrong_passwords_lock_the_account_with_a_clear_message(writer, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = password_sign_in(client, "writer", "wrong password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = password_sign_in(client, "writer", "wrong password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "locked for 30 minutes" in page
    assert "ask a site administrator to unlock" in page

    # Even the right password is refused while the lock holds.
    assert password_sign_in(client, "writer").status_code == 429
    # The attempt that reaches the limit locks; every attempt during the lock is refused
    # and logged again.
    failed, locked = SignInEventKind.FAILED, SignInEventKind.LOCKED_OUT
    assert kinds_for("writer") == [failed] * (settings.AXES_FAILURE_LIMIT - 1) + [
        locked,
        failed,
        locked,
        failed,
    ]


def test_the_lock_is_per_address_so_an_attacker_cannot_lock_out_the_office(writer, settings):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        password_sign_in(attacker, "writer", "guess")
    assert password_sign_in(attacker, "writer").status_code == 429
    office = Client(REMOTE_ADDR="198.51.100.20")
    assert password_sign_in(office, "writer").status_code == 302


def test_a_site_administrator_can_unlock_an_account(writer, site_admin, client_for, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        password_sign_in(client, "writer", "wrong password")
    attempt = AccessAttempt.objects.get(username="writer")

    admin = client_for(site_admin)
    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "writer" in changelist.content.decode()
    response = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302

    assert password_sign_in(client, "writer").status_code == 302


def test_the_lock_lifts_after_the_cool_off(writer, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        password_sign_in(client, "writer", "wrong password")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert password_sign_in(client, "writer").status_code == 302


# Audit log --------------------------------------------------------------------------------


def test_sign_ins_and_sign_outs_are_in_the_audit_log_with_address_and_browser(writer):
    client = Client(REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="Firefox/140")
    password_sign_in(client, "writer", "typo")
    password_sign_in(client, "writer")
    client.post(reverse("admin:logout"))
    assert kinds_for("writer") == [
        SignInEventKind.FAILED,
        SignInEventKind.SIGNED_IN,
        SignInEventKind.SIGNED_OUT,
    ]
    signed_in = SignInEvent.objects.get(kind=SignInEventKind.SIGNED_IN)
    assert signed_in.user == writer
    assert signed_in.ip_address == "198.51.100.7"
    assert signed_in.user_agent == "Firefox/140"


def test_a_failure_for_an_account_that_does_not_exist_is_logged_by_name(db):
    password_sign_in(Client(), "nobody-here", "guess")
    event = SignInEvent.objects.get()
    assert (event.kind, event.username, event.user) == (SignInEventKind.FAILED, "nobody-here", None)


def test_the_audit_log_is_read_only_even_for_site_administrators(writer, site_admin, client_for):
    password_sign_in(Client(), "writer")
    event = SignInEvent.objects.get()
    admin = client_for(site_admin)
    changelist = admin.get(reverse("admin:security_signinevent_changelist"))
    assert changelist.status_code == 200
    assert "Signed in" in changelist.content.decode()
    assert admin.get(reverse("admin:security_signinevent_add")).status_code == 403
    delete_url = reverse("admin:security_signinevent_delete", args=[event.pk])
    assert admin.post(delete_url, {"post": "yes"}).status_code == 403
    change_url = reverse("admin:security_signinevent_change", args=[event.pk])
    admin.post(change_url, {"kind": "failed", "username": "someone-else"})
    event.refresh_from_db()
    assert (event.kind, event.username) == (SignInEventKind.SIGNED_IN, "writer")


def test_writers_cannot_read_the_audit_log(writer, client_for):
    response = client_for(writer).get(reverse("admin:security_signinevent_changelist"))
    assert response.status_code == 403


# Two-step sign-in -------------------------------------------------------------------------


def test_a_release_authority_must_set_up_two_step_sign_in_before_anything_else(authority):
    client = Client()
    response = password_sign_in(client, "authority")
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("security:mfa_setup"))
    page = response.content.decode()
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="QR code', page)
    # Nothing in the admin is reachable until the second factor is set up.
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert changelist.url.startswith(reverse("security:mfa_setup"))

    device = TOTPDevice.objects.get(user=authority, confirmed=False)
    wrong = client.post(reverse("security:mfa_setup"), {"token": "000000", "next": "/admin/"})
    assert "That code does not match" in wrong.content.decode()

    # A wrong code throttles the next try for a moment (django-otp's brute-force guard).
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        done = client.post(
            reverse("security:mfa_setup"), {"token": current_code(device), "next": "/admin/"}
        )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(codes)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
    assert SignInEventKind.MFA_ENROLLED in kinds_for("authority")


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def test_an_enrolled_user_gives_a_code_after_the_password(authority):
    device = enrolled(authority)
    client = Client()
    password_sign_in(client, "authority")
    response = client.get(reverse("admin:index"))
    assert response.url.startswith(reverse("security:mfa_verify"))

    wrong = client.post(reverse("security:mfa_verify"), {"token": "123456"})
    assert "That code is not valid" in wrong.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        right = client.post(
            reverse("security:mfa_verify"), {"token": current_code(device), "next": "/admin/"}
        )
    assert right.url == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200
    assert kinds_for("authority")[-2:] == [SignInEventKind.MFA_FAILED, SignInEventKind.MFA_VERIFIED]


def test_a_backup_code_works_once(authority):
    enrolled(authority)
    code = "abcd2345"
    StaticDevice.objects.create(user=authority, name="Backup codes").token_set.create(token=code)
    client = Client()
    password_sign_in(client, "authority")
    assert client.post(reverse("security:mfa_verify"), {"token": code}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200

    again = Client()
    password_sign_in(again, "authority")
    reused = again.post(reverse("security:mfa_verify"), {"token": code})
    assert "That code is not valid" in reused.content.decode()


def test_the_verify_page_never_redirects_off_site(authority):
    device = enrolled(authority)
    client = Client()
    password_sign_in(client, "authority")
    response = client.post(
        reverse("security:mfa_verify"),
        {"token": current_code(device), "next": "https://evil.example/steal"},
    )
    assert response.url == reverse("admin:index")


def test_a_writer_who_set_up_a_second_factor_is_asked_for_it(writer):
    enrolled(writer)
    client = Client()
    password_sign_in(client, "writer")
    assert client.get(reverse("admin:index")).url.startswith(reverse("security:mfa_verify"))


def test_site_administrators_and_superusers_need_a_second_factor(site_admin, admin_user):
    for username in (site_admin.username, admin_user.username):
        client = Client()
        password = PASSWORD if username == site_admin.username else "password"
        password_sign_in(client, username, password)
        assert client.get(reverse("admin:index")).url.startswith(reverse("security:mfa_setup"))


def test_only_a_development_site_may_switch_the_second_factor_off(settings, authority):
    settings.NEWSROOM_REQUIRE_MFA = False  # what `make run` uses (newsroom.settings.dev)
    client = Client()
    password_sign_in(client, "authority")
    assert client.get(reverse("admin:index")).status_code == 200
    production = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsroom.settings import production as p; print(p.NEWSROOM_REQUIRE_MFA)",
        ],
        env={**os.environ, "SECRET_KEY": "x" * 60, "NEWSROOM_REQUIRE_MFA": "false"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert production.stdout.strip() == "True"


# Sessions ---------------------------------------------------------------------------------


def test_an_idle_session_ends_after_thirty_minutes(writer):
    client = Client()
    two_step_sign_in(client, writer)
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=29)):
        assert client.get(reverse("admin:index")).status_code == 200
    # Activity renews the idle timer ...
    with time_machine.travel(start + timedelta(minutes=58)):
        assert client.get(reverse("admin:index")).status_code == 200
    # ... but thirty idle minutes end the session.
    with time_machine.travel(start + timedelta(minutes=89)):
        assert client.get(reverse("admin:index")).url.startswith(LOGIN_URL)


def test_a_session_ends_after_twelve_hours_however_active(writer):
    client = Client()
    two_step_sign_in(client, writer)
    start = timezone.now()
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get(reverse("admin:index")).status_code == 200, minutes
    with time_machine.travel(start + timedelta(hours=12, minutes=1)):
        response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN_URL)
    assert "Your session has ended. Please sign in again." in response.content.decode()
    assert kinds_for("writer")[-1] == SignInEventKind.SESSION_EXPIRED


def test_session_lifetimes_are_configurable(writer, settings):
    settings.NEWSROOM_SESSION_ABSOLUTE_LIFETIME = 60 * 60
    client = Client()
    password_sign_in(client, "writer")
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert client.get(reverse("admin:index")).url.startswith(LOGIN_URL)


def test_readers_still_get_no_cookie(client):
    response = client.get("/")
    assert response.cookies == {}


# Passwords --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    ["password12345", "short", "123456789012", "officer-diaz-2026"],
)
def test_weak_passwords_are_refused(password):
    user = UserFactory.build(username="officer-diaz-2026", roles=[roles.WRITER])
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_writer_sets_up_two_step_sign_in_like_everyone_else(writer):
    client = Client()
    password_sign_in(client, "writer")
    assert client.get(reverse("admin:index")).url.startswith(reverse("security:mfa_setup"))
    page = client.get(reverse("security:mfa_setup")).content.decode()
    assert "signing in takes two steps" in page
    device = TOTPDevice.objects.get(user=writer, confirmed=False)
    client.post(reverse("security:mfa_setup"), {"token": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    # From now on the writer is asked for it too.
    other = Client()
    password_sign_in(other, "writer")
    assert other.get(reverse("admin:index")).url.startswith(reverse("security:mfa_verify"))


def test_a_password_alone_cannot_replace_an_existing_second_factor(authority):
    enrolled(authority)
    client = Client()
    password_sign_in(client, "authority")
    response = client.get(reverse("security:mfa_setup"))
    assert response.url.startswith(reverse("security:mfa_verify"))
    attacker_device_code = client.post(reverse("security:mfa_setup"), {"token": "123456"})
    assert attacker_device_code.url.startswith(reverse("security:mfa_verify"))
    assert TOTPDevice.objects.filter(user=authority).count() == 1
