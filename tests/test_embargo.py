"""Embargoed previews: a secret link shows a cleared release early, and stops working when it
expires, is revoked, or the release is no longer cleared."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles.models import EmbargoLink
from articles.models.workflow import hash_token
from articles.workflow import transitions
from articles.workflow.embargo import create_embargo_link, revoke_embargo_link
from tests.factories import release_in_state

pytestmark = pytest.mark.django_db


def new_link(article, user, *, expires_in=datetime.timedelta(hours=6)):
    link, token = create_embargo_link(
        article=article,
        user=user,
        label="Wire services",
        expires_at=timezone.now() + expires_in,
    )
    return link, reverse("public:embargoed", kwargs={"token": token})


def test_a_valid_link_shows_the_release_with_the_embargo_banner(client, authority):
    article = release_in_state("cleared", headline="Coast guard receives patrol boats")
    _link, url = new_link(article, authority)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Coast guard receives patrol boats</h1>" in html
    assert "EMBARGOED until" in html
    assert f'datetime="{timezone.localtime(article.release_at).isoformat()}"' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    # The release itself is still not public.
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_release_previews_until_its_time_then_redirects(client, authority):
    article = release_in_state("scheduled")
    _link, url = new_link(article, authority, expires_in=datetime.timedelta(days=3))
    assert client.get(url).status_code == 200
    with time_machine.travel(article.release_at + datetime.timedelta(seconds=1), tick=False):
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


def test_an_expired_link_works_for_nobody(client, authority):
    article = release_in_state("cleared")
    link, url = new_link(article, authority, expires_in=datetime.timedelta(hours=1))
    with time_machine.travel(link.expires_at - datetime.timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(link.expires_at + datetime.timedelta(seconds=1), tick=False):
        response = client.get(url)
    assert response.status_code == 404
    assert article.headline not in response.content.decode()
    assert "This preview link does not work" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_link_works_for_nobody(client, client_for, authority):
    article = release_in_state("cleared")
    link, url = new_link(article, authority)
    _other_link, other_url = new_link(article, authority)
    response = client_for(authority).post(
        reverse("admin:articles_article_embargo_revoke", args=[article.pk, link.pk])
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.revoked_by, link.state_label) == (authority, "Revoked")
    assert client.get(url).status_code == 404
    assert client.get(other_url).status_code == 200


def test_a_link_dies_when_the_release_goes_back_to_draft(client, authority):
    article = release_in_state("cleared")
    _link, url = new_link(article, authority)
    transitions.return_to_draft(article=article, user=authority, comment="Hold it.")
    assert client.get(url).status_code == 404


def test_unknown_tokens_open_nothing(client):
    response = client.get(reverse("public:embargoed", kwargs={"token": "not-a-real-token"}))
    assert response.status_code == 404


def test_links_are_created_in_the_admin_and_shown_once(client_for, authority):
    article = release_in_state("cleared")
    client = client_for(authority)
    url = reverse("admin:articles_article_embargo", args=[article.pk])
    expires = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"label": "Prensa Latina desk", "expires_at": expires})
    html = response.content.decode()
    assert "Copy this link now: it is shown only once." in html
    (link_url,) = re.findall(r'value="(http://testserver/embargoed/[^"]+/)"', html)
    token = link_url.rstrip("/").rsplit("/", 1)[1]
    link = EmbargoLink.objects.get()
    assert link.token_hash == hash_token(token)
    assert token not in link.token_hash
    assert link_url not in client.get(url).content.decode()
    assert client_for(authority).get(link_url).status_code == 200


def test_bad_input_to_a_new_link_gets_field_errors(client_for, authority):
    article = release_in_state("cleared")
    url = reverse("admin:articles_article_embargo", args=[article.pk])
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(authority).post(url, {"label": "", "expires_at": past})
    html = response.content.decode()
    assert "Say who receives the link" in html
    response = client_for(authority).post(url, {"label": "AP", "expires_at": past})
    assert "Choose an expiry time in the future." in response.content.decode()
    assert not EmbargoLink.objects.exists()


def test_only_cleared_releases_can_be_shared_and_only_by_those_allowed(
    client_for, authority, writer
):
    draft = release_in_state("draft")
    url = reverse("admin:articles_article_embargo", args=[draft.pk])
    expires = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(authority).post(url, {"label": "AP", "expires_at": expires})
    assert "Only a cleared or scheduled release can be shared" in response.content.decode()
    assert not EmbargoLink.objects.exists()

    cleared = release_in_state("cleared")
    url = reverse("admin:articles_article_embargo", args=[cleared.pk])
    assert client_for(writer).post(url, {"label": "AP", "expires_at": expires}).status_code == 403
    assert not EmbargoLink.objects.exists()
    link, _url = new_link(cleared, authority)
    with pytest.raises(PermissionDenied):
        revoke_embargo_link(link=link, user=writer)
    link.refresh_from_db()
    assert link.revoked_at is None
