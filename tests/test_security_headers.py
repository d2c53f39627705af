"""Every page, public and admin, goes out with the security headers and a strict script policy:
scripts from us, inline ones only with this response's nonce, never 'unsafe-inline'."""

import contextlib
import re

import pytest
from django.contrib import admin
from django.db import OperationalError
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    add_blocks,
)

pytestmark = pytest.mark.django_db

# Inline scripts, not data blocks (JSON-LD), which browsers never run and CSP does not govern.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)([^>]*)>", re.IGNORECASE
)


def directives(policy):
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_strict(response, url):
    assert response.status_code < 500, url
    policy = response.get("Content-Security-Policy")
    assert policy, f"{url}: no Content-Security-Policy"
    script_src = directives(policy)["script-src"]
    assert "'unsafe-inline'" not in script_src, url
    assert "'unsafe-eval'" not in script_src, url
    # django-csp adds the nonce only to responses that used it: a page without inline
    # scripts gets the stricter "script-src 'self'".
    nonces = [value[len("'nonce-") : -1] for value in script_src if value.startswith("'nonce-")]
    assert [value for value in script_src if not value.startswith("'nonce-")] == ["'self'"], url
    if "html" in response.get("Content-Type", ""):
        for attributes in INLINE_SCRIPT.findall(response.content.decode()):
            assert len(nonces) == 1, f"{url}: inline script but no nonce in the policy"
            assert f'nonce="{nonces[0]}"' in attributes, f"{url}: inline script without nonce"
    assert response["X-Content-Type-Options"] == "nosniff", url
    # Embargoed previews send no referrer at all, so their secret link cannot leak.
    assert response["Referrer-Policy"] in ("strict-origin-when-cross-origin", "no-referrer"), url
    assert response["X-Frame-Options"] == "DENY", url
    assert "frame-ancestors 'none'" in policy, url


@pytest.fixture
def content():
    article = ArticleFactory()
    add_blocks(article, 4)
    return {
        "article": article,
        "person": PersonFactory(),
        "organization": OrganizationFactory(),
        "initiative": InitiativeFactory(),
        "image": ImageFactory(),
    }


def test_every_public_page_has_the_strict_policy(client, content):
    urls = [
        "/",
        "/?page=2",
        *(obj.get_absolute_url() for obj in content.values() if hasattr(obj, "get_absolute_url")),
        "/releases/no-such-release/",
        "/embargoed/not-a-token/",
    ]
    for url in urls:
        assert_strict(client.get(url), url)


def admin_urls(model_admin, model):
    info = (model._meta.app_label, model._meta.model_name)
    yield reverse("admin:{}_{}_changelist".format(*info))
    with contextlib.suppress(NoReverseMatch):
        yield reverse("admin:{}_{}_add".format(*info))
    instance = model._default_manager.first()
    if instance is not None:
        yield reverse("admin:{}_{}_change".format(*info), args=[instance.pk])
        yield reverse("admin:{}_{}_history".format(*info), args=[instance.pk])


def test_every_admin_page_has_the_strict_policy(admin_client, content, writer):
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        urls += admin_urls(model_admin, model)
        urls.append(reverse("admin:app_list", args=[model._meta.app_label]))
    for url in urls:
        assert_strict(admin_client.get(url), url)


def test_sign_in_pages_have_the_strict_policy(settings, writer):
    anonymous = Client()
    assert_strict(anonymous.get(reverse("admin:login")), "login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = anonymous.post(
            reverse("admin:login"), {"username": "writer", "password": "wrong"}
        )
    assert response.status_code == 429
    assert_strict(response, "lock-out page")

    authority = UserFactory(username="authority2", roles=["Release authority"])
    client = Client()
    client.force_login(authority)
    assert_strict(client.get(reverse("security:mfa_setup")), "MFA setup")


def test_the_error_pages_have_the_strict_policy(monkeypatch):
    def lost(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("public.views.releases.paginate", lost)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in directives(policy)["script-src"]
