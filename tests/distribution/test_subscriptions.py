"""Subscribing by e-mail: double opt-in, a form token instead of a CSRF cookie, a honeypot,
limits per client and address, no way to learn whether an address is subscribed, signed links
to confirm, manage and leave (RFC 8058 one-click), and unconfirmed addresses deleted."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from distribution import services, tokens
from distribution.models import Subscriber, Subscription
from distribution.tasks import purge_unconfirmed_subscribers

from .helpers import link_path, subscribe_data

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/alerts/"


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def post(path=SUBSCRIBE, data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data if data is not None else subscribe_data(), **kwargs)

    return post


def page_text(response, name):
    """The page with the typed name and the per-request CSP nonce taken out."""
    return re.sub(r'nonce="[^"]*"', "", response.content.decode().replace(name, "X"))


def confirmed_subscriber(email="desk@example.org", **facet):
    subscriber = Subscriber.objects.create(email=email, language="en", confirmed_at=timezone.now())
    Subscription.objects.create(subscriber=subscriber, confirmed_at=timezone.now(), **facet)
    return subscriber


def test_the_form_page_sets_no_cookie_and_is_never_cached(client):
    response = client.get(reverse("distribution:subscribe"))
    assert response.status_code == 200
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert 'name="form_token"' in content
    assert 'name="website"' in content  # the honeypot
    assert "csrfmiddlewaretoken" not in content


def test_subscribing_mails_a_confirmation_and_nothing_counts_until_it_is_confirmed(
    client, post, mailoutbox
):
    response = post()
    assert response.status_code == 200
    assert not response.cookies
    assert b"Check your inbox" in response.content
    subscriber = Subscriber.objects.get(email="reporter@example.org")
    assert subscriber.confirmed_at is None
    assert len(mailoutbox) == 1
    confirm_path = link_path(mailoutbox[0].body, "confirm")

    # Opening the link (or a mail scanner fetching it) confirms nothing; the button does.
    page = client.get(confirm_path)
    assert page.status_code == 200 and b"Confirm my alerts" in page.content
    assert Subscriber.objects.get().confirmed_at is None
    assert client.post(confirm_path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert subscriber.subscriptions.get().confirmed_at is not None


def test_a_known_address_gets_the_same_answer_as_a_new_one(post, mailoutbox):
    confirmed_subscriber(email="reporter@example.org")
    known = post(data=subscribe_data(email="reporter@example.org"))
    new = post(data=subscribe_data(email="someone-else@example.org"))
    assert known.status_code == new.status_code == 200
    assert page_text(known, "reporter") == page_text(new, "someone-else")
    # The known address is told how to manage its alerts, not asked to confirm again.
    assert "already receives them" in mailoutbox[0].body


@pytest.mark.parametrize(
    "token",
    ["", "forged:token", "fresh"],
    ids=["missing", "forged", "sent-too-quickly"],
)
def test_a_form_without_a_valid_token_is_refused_and_keeps_what_was_typed(post, mailoutbox, token):
    data = subscribe_data(form_token=tokens.form_token() if token == "fresh" else token)
    response = post(data=data)
    assert response.status_code == 400
    assert b"This form has expired or was sent too quickly" in response.content
    assert b'value="reporter@example.org"' in response.content
    assert not Subscriber.objects.exists() and not mailoutbox


def test_an_expired_form_token_is_refused(post):
    data = subscribe_data()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert post(data=data).status_code == 400


def test_the_honeypot_catches_bots_without_telling_them(post, mailoutbox):
    response = post(data=subscribe_data(website="https://spam.example"))
    assert response.status_code == 200 and b"Check your inbox" in response.content
    assert not Subscriber.objects.exists() and not mailoutbox


def test_confirmation_mails_to_one_address_are_capped_per_day(post, mailoutbox, settings):
    settings.DISTRIBUTION_CONFIRMATIONS_PER_DAY = 2
    for _ in range(4):
        assert post().status_code == 200
    assert len(mailoutbox) == 2


def test_requests_for_one_address_are_limited_per_hour(post, mailoutbox, settings):
    settings.DISTRIBUTION_ADDRESS_LIMIT_PER_HOUR = 1
    post()
    post(data=subscribe_data(alerts="kind:statement"))
    assert len(mailoutbox) == 1
    assert Subscription.objects.count() == 1


def test_one_client_is_limited_per_hour(post, settings):
    settings.DISTRIBUTION_CLIENT_LIMIT_PER_HOUR = 2
    assert post(data=subscribe_data(email="a@example.org")).status_code == 200
    assert post(data=subscribe_data(email="b@example.org")).status_code == 200
    response = post(data=subscribe_data(email="c@example.org"))
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="c@example.org").exists()


def test_a_tag_page_links_to_alerts_for_that_tag(client, post):
    from tests.factories import ArticleFactory

    ArticleFactory().tags.add("Humanitarian aid")
    tag = Tag.objects.get()
    page = client.get(reverse("public:tag", kwargs={"slug": tag.slug})).content.decode()
    assert f'href="/alerts/?alerts=tag%3A{tag.slug}"' in page
    form = client.get(f"/alerts/?alerts=tag:{tag.slug}").content.decode()
    assert f'<option value="tag:{tag.slug}" selected>Humanitarian aid</option>' in form
    post(data=subscribe_data(alerts=f"tag:{tag.slug}"))
    assert Subscription.objects.get().tag == tag


def test_the_form_offers_recent_topics_and_any_public_topic_asked_for(
    client, post, few_filter_choices
):
    from tests.factories import ArticleFactory

    few_filter_choices(recent=1, choices=1)
    for age, topic in enumerate(["Recent topic", "Older topic"], start=1):
        ArticleFactory(release_at=timezone.now() - datetime.timedelta(days=age)).tags.add(topic)
    form = client.get(SUBSCRIBE).content.decode()
    assert 'value="tag:recent-topic"' in form and "tag:older-topic" not in form
    assert 'aria-describedby="id_alerts_helptext"' in form and 'id="id_alerts_helptext"' in form
    # A topic page's link asks for its topic: offered and chosen, then subscribed to.
    asked = client.get(f"{SUBSCRIBE}?alerts=tag:older-topic").content.decode()
    assert '<option value="tag:older-topic" selected>Older topic</option>' in asked
    post(data=subscribe_data(alerts="tag:older-topic"))
    assert Subscription.objects.get().tag.name == "Older topic"
    # A topic no release names is refused at the field, the address kept in the form.
    refused = post(data=subscribe_data(email="desk@example.org", alerts="tag:no-such-topic"))
    assert refused.status_code == 400
    assert 'id="id_alerts-error"' in refused.content.decode()
    assert 'value="desk@example.org"' in refused.content.decode()


def test_confirmation_links_expire_with_the_unconfirmed_address(client, post, mailoutbox):
    post()
    confirm_path = link_path(mailoutbox[0].body, "confirm")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        response = client.post(confirm_path)
    assert response.status_code == 404
    assert b"This link does not work" in response.content
    assert Subscriber.objects.get().confirmed_at is None


def test_managing_alerts_from_the_signed_link(client):
    subscriber = confirmed_subscriber()
    statements = Subscription.objects.create(
        subscriber=subscriber, kind="statement", confirmed_at=timezone.now()
    )
    path = reverse(
        "distribution:manage", kwargs={"token": tokens.link_token(subscriber, tokens.MANAGE)}
    )
    page = client.get(path)
    assert page.status_code == 200 and not page.cookies
    assert b"Every release" in page.content and b"Statement" in page.content
    response = client.post(
        path,
        {
            "keep": [str(statements.pk)],
            "language": "es",
            "form_token": subscribe_data()["form_token"],
        },
    )
    assert response.status_code == 200 and b"Your changes are saved" in response.content
    assert list(subscriber.subscriptions.all()) == [statements]
    subscriber.refresh_from_db()
    assert subscriber.language == "es"

    response = client.post(path, {"language": "es", "form_token": subscribe_data()["form_token"]})
    assert b"You are unsubscribed" in response.content
    assert not Subscriber.objects.exists()


def test_a_tampered_or_forged_manage_link_shows_nothing(client):
    subscriber = confirmed_subscriber()
    other = confirmed_subscriber(email="other@example.org")
    token = tokens.link_token(subscriber, tokens.MANAGE)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    # Signed properly, but with another subscriber's id: the key in it does not match.
    forged = signing.dumps(
        {"s": other.pk, "k": subscriber.key}, salt="distribution.manage", compress=True
    )
    unsubscribe_token = tokens.link_token(other, tokens.UNSUBSCRIBE)  # another purpose
    for bad in (tampered, forged, unsubscribe_token):
        response = client.get(reverse("distribution:manage", kwargs={"token": bad}))
        assert response.status_code == 404
        assert b"@example.org" not in response.content


def test_one_click_unsubscribe_by_post_and_only_a_button_on_get(client):
    subscriber = confirmed_subscriber()
    path = reverse(
        "distribution:unsubscribe",
        kwargs={"token": tokens.link_token(subscriber, tokens.UNSUBSCRIBE)},
    )
    assert client.get(path).status_code == 200
    assert Subscriber.objects.exists()
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and not response.cookies
    assert not Subscriber.objects.exists()
    # The same link again: still a friendly answer.
    assert client.post(path).status_code == 200


def test_unconfirmed_addresses_are_deleted_after_the_retention_period(settings):
    settings.DISTRIBUTION_UNCONFIRMED_DAYS = 7
    old = timezone.now() - datetime.timedelta(days=8)
    Subscriber.objects.create(email="stale@example.org", language="en", created_at=old)
    Subscriber.objects.create(email="recent@example.org", language="en")
    kept = confirmed_subscriber(email="kept@example.org")
    Subscriber.objects.filter(pk=kept.pk).update(created_at=old)
    purge_unconfirmed_subscribers()
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "recent@example.org",
        "kept@example.org",
    }


def test_normalized_addresses_share_one_row():
    services.request_subscription(email="Desk@Example.ORG ", language="en")
    services.request_subscription(email="desk@example.org", language="en")
    assert Subscriber.objects.get().email == "desk@example.org"


def test_the_privacy_page_states_what_is_kept_and_the_retention_rule(client, settings):
    settings.DISTRIBUTION_UNCONFIRMED_DAYS = 5
    content = client.get(reverse("public:privacy")).content.decode()
    assert "E-mail alerts" in content
    assert "An address that is not confirmed within 5 days is deleted." in content


def test_the_spanish_page_and_messages(client, post, mailoutbox):
    page = client.get("/es/alerts/")
    assert '<html lang="es">' in page.content.decode()
    assert "Alertas por correo electrónico" in page.content.decode()
    post(path="/es/alerts/", data=subscribe_data(language="es"))
    assert mailoutbox[0].subject == "Confirme sus alertas de Newsroom"
    assert "Para empezar a recibirlas" in mailoutbox[0].body
