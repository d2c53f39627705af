"""The office's own name and icon on the desk and the public site; /favicon.ico answers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_served_at_the_root_without_a_cookie(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO signature
    assert not response.cookies


def test_the_desk_carries_the_site_name_and_icon(settings, client, client_for, writer):
    settings.NEWSROOM_SITE_NAME = "Southern Command News"
    login = client.get(reverse("admin:login")).content.decode()
    assert "Southern Command News desk" in login
    assert "Django administration" not in login
    assert '<link rel="icon" href="/static/img/favicon.svg"' in login
    desk = client_for(writer).get(reverse("admin:index")).content.decode()
    assert "<title>Desk | Southern Command News</title>" in desk
    assert 'rel="icon"' in desk


def test_public_pages_carry_the_icon(client):
    page = client.get(reverse("public:home")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg"' in page
