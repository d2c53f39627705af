"""The whole path with real components: a reader subscribes and confirms; a release scheduled
a few seconds ahead goes live with no save, and celery beat, a real worker on the Redis broker
and a real SMTP server deliver exactly one alert (and one "now live" e-mail to its writer);
its one-click unsubscribe works; a withdrawal reaches a webhook receiver with a valid
signature."""

import datetime
import hashlib
import hmac
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Quote
from articles.workflow import transitions
from distribution.models import Subscriber, WebhookEndpoint
from tests.factories import PersonFactory, UserFactory, release_in_state

from .helpers import link_path, subscribe_data

pytestmark = pytest.mark.django_db(transaction=True)


def body_text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_scheduled_release_reaches_a_confirmed_subscriber_once_and_a_withdrawal_the_webhook(
    client, worker, beat, smtp_server, webhook_receiver, admin_user, settings
):
    settings.NEWSROOM_SITE_URL = "https://news.example.mil"
    inbox = smtp_server.inbox
    response = client.post(reverse("distribution:subscribe"), subscribe_data())
    assert response.status_code == 200
    assert not response.cookies

    confirmation = inbox.wait_for(lambda m: m["Subject"].startswith("Confirm"))
    assert confirmation, "no confirmation mail arrived"
    confirm_path = link_path(body_text(confirmation[0]), "confirm")
    assert client.post(confirm_path).status_code == 200
    assert Subscriber.objects.get().confirmed_at is not None

    endpoint = WebhookEndpoint.objects.create(name="Partner desk", url=webhook_receiver.url)
    release = release_in_state(
        "scheduled",
        headline="Engineers open a river crossing at Camp Alder",
        release_at=timezone.now() + datetime.timedelta(seconds=4),
        created_by=UserFactory(username="writer"),
    )
    Quote.objects.create(
        parent=release,
        region="body",
        ordering=10,
        speaker=PersonFactory(given_name="Dana", family_name="Okafor"),
        text="The crossing cuts the route to the clinic by an hour",
    )

    alerts = inbox.wait_for(lambda m: m["Subject"] == release.headline, timeout=40)
    assert alerts, "the scheduled release was not sent"
    time.sleep(3)  # three more scans by beat: still one message
    alerts = inbox.matching(lambda m: m["Subject"] == release.headline)
    assert len(alerts) == 1
    # Its writer hears from the same queue that it is live: once too.
    staff_notices = inbox.wait_for(lambda m: m["Subject"].endswith(f"Now live: {release.headline}"))
    assert [notice["To"] for notice in staff_notices] == ["writer@example.mil"]
    alert = alerts[0]
    assert alert["To"] == "reporter@example.org"
    text = body_text(alert)
    assert "The crossing cuts the route to the clinic by an hour" in text
    assert "Okafor" in text
    html = alert.get_body(preferencelist=("html",)).get_content()
    assert "<blockquote>" in html
    assert f"https://news.example.mil{release.get_absolute_url()}" in html
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # A superuser: an earlier transactional test may have flushed the roles' permissions.
    transitions.withdraw(article=release, user=admin_user, reason="The crossing opens next week.")
    delivery = webhook_receiver.wait_for("release.withdrawn")
    assert delivery, "the withdrawal did not reach the webhook"
    timestamp = delivery["headers"]["X-Newsroom-Timestamp"]
    expected = hmac.new(
        endpoint.secret.encode(), f"{timestamp}.".encode() + delivery["body"], hashlib.sha256
    ).hexdigest()
    assert delivery["headers"]["X-Newsroom-Signature"] == f"sha256={expected}"
    assert delivery["json"]["release"]["slug"] == release.slug
    assert delivery["json"]["withdrawal"]["reason"] == "The crossing opens next week."
    notices = inbox.wait_for(lambda m: m["Subject"].startswith("Withdrawn:"))
    assert "The crossing opens next week." in body_text(notices[0])

    # The mail client's one-click unsubscribe (RFC 8058): a POST to the header's address.
    unsubscribe_url = alert["List-Unsubscribe"].strip().strip("<>")
    response = client.post(
        unsubscribe_url.removeprefix("https://news.example.mil"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
