import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def sign_in_request():
    # django-axes needs the request to know where a sign-in comes from.
    return RequestFactory().post("/admin/login/")


def test_demo_command_creates_one_login_per_role_with_a_fresh_password(settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_admin")
    (password,) = re.findall(r"password: (\S+)", capsys.readouterr().out)
    for username, group in [
        ("demo-admin", None),
        ("demo-writer", "Writer"),
        ("demo-editor", "Editor"),
        ("demo-authority", "Release authority"),
    ]:
        user = authenticate(sign_in_request(), username=username, password=password)
        assert user is not None and user.is_staff, username
        if group:
            assert list(user.groups.values_list("name", flat=True)) == [group]
    call_command("create_demo_admin")
    assert authenticate(sign_in_request(), username="demo-writer", password=password) is None


def test_demo_command_refuses_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_admin")
