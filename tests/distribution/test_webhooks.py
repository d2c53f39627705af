"""Webhook endpoints: HTTPS to public addresses only, checked when an editor registers one and
again at each delivery; deliveries signed, logged, and retried without sending twice."""

import hashlib
import hmac
import json

import pytest
from django.core.exceptions import ValidationError

from distribution import webhooks
from distribution.models import DeliveryStatus, EventKind, PublicationEvent, WebhookEndpoint
from distribution.tasks import deliver_webhook, fan_out
from tests.factories import ArticleFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

REFUSED = [
    ("http://93.184.216.34/hook", "https://"),
    ("https://10.1.2.3/hook", "private"),
    ("https://192.168.0.10/hook", "private"),
    ("https://127.0.0.1/hook", "private"),
    ("https://localhost/hook", "private"),
    ("https://169.254.169.254/latest/meta-data", "private"),
    ("https://[::1]/hook", "private"),
    ("https://[fd00::1]/hook", "private"),
    ("ftp://93.184.216.34/hook", "https://"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_an_editor_cannot_register_a_private_or_plain_http_endpoint(client, editor, url, reason):
    response = sign_in(client, editor).post(
        "/admin/distribution/webhookendpoint/add/",
        {"name": "Partner", "url": url, "is_active": "on"},
    )
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_an_editor_registers_a_public_https_endpoint_and_sees_its_secret(client, editor):
    admin = sign_in(client, editor)
    response = admin.post(
        "/admin/distribution/webhookendpoint/add/",
        {"name": "Wire partner", "url": "https://93.184.216.34/hooks/newsroom", "is_active": "on"},
    )
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert len(endpoint.secret) >= 20
    page = admin.get(f"/admin/distribution/webhookendpoint/{endpoint.pk}/change/")
    assert endpoint.secret in page.content.decode()


def test_delivery_refuses_an_address_that_now_resolves_privately(monkeypatch):
    """A host that passed at registration and resolves to a private address later (DNS
    rebinding) is refused at delivery, with no request made."""
    WebhookEndpoint.objects.create(name="Partner", url="https://partner.example/hook")
    monkeypatch.setattr(
        webhooks.socket,
        "getaddrinfo",
        lambda *args, **kwargs: [(2, 1, 6, "", ("10.0.0.7", 443))],
    )
    connections = []
    monkeypatch.setattr(webhooks.socket, "create_connection", connections.append)
    event = PublicationEvent.objects.create(
        key="published:1", article=ArticleFactory(), kind=EventKind.PUBLISHED
    )
    fan_out(event_id=event.pk)
    delivery = event.webhook_deliveries.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert "private" in delivery.last_error
    assert not connections


def test_a_delivered_webhook_is_not_sent_again(monkeypatch):
    endpoint = WebhookEndpoint.objects.create(name="Partner", url="https://partner.example/hook")
    posted = []
    monkeypatch.setattr("distribution.tasks.post", lambda *args: posted.append(args) or 204)
    event = PublicationEvent.objects.create(
        key="published:2", article=ArticleFactory(), kind=EventKind.PUBLISHED
    )
    fan_out(event_id=event.pk)
    delivery = event.webhook_deliveries.get(endpoint=endpoint)
    deliver_webhook(delivery_id=delivery.pk)  # a redelivered task
    assert len(posted) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.response_status == 204


def test_a_partner_refusing_the_payload_is_logged_as_failed(monkeypatch):
    WebhookEndpoint.objects.create(name="Partner", url="https://partner.example/hook")
    monkeypatch.setattr("distribution.tasks.post", lambda *args: 410)
    event = PublicationEvent.objects.create(
        key="published:3", article=ArticleFactory(), kind=EventKind.PUBLISHED
    )
    fan_out(event_id=event.pk)
    delivery = event.webhook_deliveries.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.response_status == 410 and delivery.last_error == "HTTP 410"


def test_the_payload_is_signed_with_the_endpoint_secret():
    article = ArticleFactory(headline="Divers recover a lost buoy")
    event = PublicationEvent.objects.create(
        key="published:4", article=article, kind=EventKind.PUBLISHED
    )
    body = webhooks.payload(event)
    data = json.loads(body)
    assert data["event"] == "release.published"
    assert data["release"]["headline"] == "Divers recover a lost buoy"
    assert data["release"]["api_url"].endswith(f"/api/v1/releases/{article.slug}/")
    expected = hmac.new(b"s3cret", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert webhooks.signature("s3cret", "1700000000", body) == f"sha256={expected}"


def test_loopback_is_refused_unless_the_test_setting_allows_it(settings):
    with pytest.raises(ValidationError):
        webhooks.checked_address("http://127.0.0.1:9/hook")
    settings.DISTRIBUTION_WEBHOOKS_ALLOW_LOOPBACK = True
    assert webhooks.checked_address("http://127.0.0.1:9/hook")[3] == "127.0.0.1"
    with pytest.raises(ValidationError):
        webhooks.checked_address("http://10.0.0.1/hook")


def test_the_delivery_logs_list_failures_with_their_errors(
    client, site_admin, monkeypatch, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(name="Partner", url="https://partner.example/hook")
    monkeypatch.setattr("distribution.tasks.post", lambda *args: 410)
    event = PublicationEvent.objects.create(
        key="published:5", article=ArticleFactory(headline="Sappers clear a road"), kind="published"
    )
    fan_out(event_id=event.pk)
    admin = sign_in(client, site_admin)
    log = admin.get("/admin/distribution/webhookdelivery/?status__exact=failed").content.decode()
    assert "Sappers clear a road" in log and "HTTP 410" in log
    events = admin.get("/admin/distribution/publicationevent/").content.decode()
    assert "Sappers clear a road" in events
    for page in ("subscriber", "delivery", "webhookendpoint"):
        assert admin.get(f"/admin/distribution/{page}/").status_code == 200

    # Delivering again puts the failed delivery back in the queue (run here at once).
    monkeypatch.setattr("distribution.tasks.post", lambda *args: 200)
    delivery = event.webhook_deliveries.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            "/admin/distribution/webhookdelivery/",
            {"action": "deliver_again", "_selected_action": [delivery.pk]},
        )
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
