"""Background work of distribution, run by the Celery worker (or in-process with no broker).

Every task is idempotent: it reads its state from the database and acts only on rows still
pending, moving them with conditional updates, so a redelivered or retried task never sends
a message or a webhook twice.
"""

import logging
import smtplib

from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone

from articles.notifications import went_live_messages
from newsroom.tasks import RETRYING, retry_countdown

from . import events, services
from .messages import AlertComposer, confirmation_message
from .models import (
    Delivery,
    DeliveryStatus,
    EventKind,
    PublicationEvent,
    Subscriber,
    WebhookDelivery,
)
from .webhooks import post

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# Sent messages are recorded in groups: a worker killed mid-batch leaves at most this many
# messages marked "sending" although they left (they are never sent again either way).
SENT_RECORDED_EVERY = 20


@shared_task
def announce_due_releases():
    """Run by celery beat: releases whose scheduled time has passed get their "published"
    event, exactly once."""
    for event in events.announce_due_releases():
        logger.info("Release %s went live: alerts queued", event.article_id)
    for event in PublicationEvent.objects.filter(
        fanned_out_at__isnull=True, occurred_at__lt=timezone.now() - events.SCAN_OVERLAP
    ):
        # Left behind by a broker that was unreachable when the event was recorded.
        fan_out.delay(event_id=event.pk)


def _still_public(event):
    """Alerts about a release are sent only while it is live (never before its embargo
    lifts, never after a withdrawal); a withdrawal notice always is."""
    return event.kind == EventKind.WITHDRAWN or event.article.is_live


@shared_task
def fan_out(event_id):
    """One delivery row per recipient and endpoint, then the sends in rate-limited batches."""
    event = PublicationEvent.objects.select_related("article").filter(pk=event_id).first()
    if event is None:
        return
    if _still_public(event):
        services.create_deliveries(event)
        pending = list(
            event.deliveries.filter(status=DeliveryStatus.PENDING).values_list("pk", flat=True)
        )
        for index, countdown in services.batch_schedule(len(pending)):
            batch = pending[index : index + services.batch_size()]
            send_alerts.apply_async(
                kwargs={"event_id": event.pk, "delivery_ids": batch}, countdown=countdown
            )
        for delivery_id in event.webhook_deliveries.filter(
            status=DeliveryStatus.PENDING
        ).values_list("pk", flat=True):
            deliver_webhook.delay(delivery_id=delivery_id)
        if event.staff_notice == DeliveryStatus.PENDING:
            tell_staff_went_live.delay(event_id=event.pk)
    PublicationEvent.objects.filter(pk=event.pk, fanned_out_at__isnull=True).update(
        fanned_out_at=timezone.now()
    )


@shared_task(bind=True, max_retries=MAX_ATTEMPTS)
def send_alerts(self, event_id, delivery_ids):
    """Send one batch of alerts over one SMTP connection."""
    event = (
        PublicationEvent.objects.select_related("article", "correction").filter(pk=event_id).first()
    )
    if event is None:
        return
    batch = Delivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.PENDING)
    if not _still_public(event):
        batch.update(status=DeliveryStatus.SKIPPED, last_error="The release is not public.")
        return
    composer = AlertComposer(event)
    to_retry = []
    try:
        with get_connection() as connection:
            sent = []
            for delivery in services.claim(delivery_ids):
                try:
                    composer.message(delivery.subscriber, connection=connection).send()
                except smtplib.SMTPRecipientsRefused as error:
                    services.finish([delivery.pk], DeliveryStatus.FAILED, error=error)
                except (smtplib.SMTPException, OSError) as error:
                    services.finish([delivery.pk], DeliveryStatus.PENDING, error=error)
                    to_retry.append(delivery.pk)
                else:
                    sent.append(delivery.pk)
                    if len(sent) >= SENT_RECORDED_EVERY:
                        services.finish(sent, DeliveryStatus.SENT)
                        sent = []
            services.finish(sent, DeliveryStatus.SENT)
    except OSError as error:  # the SMTP server could not be reached at all
        logger.warning("SMTP connection failed: %s", error)
        to_retry = list(batch.values_list("pk", flat=True))
    if not to_retry:
        return
    if self.request.retries >= self.max_retries:
        Delivery.objects.filter(pk__in=to_retry, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.FAILED
        )
        logger.error("Gave up on %d alerts of event %s", len(to_retry), event.key)
        return
    raise self.retry(
        kwargs={"event_id": event_id, "delivery_ids": to_retry},
        countdown=retry_countdown(self.request.retries),
    )


@shared_task(bind=True, max_retries=MAX_ATTEMPTS)
def tell_staff_went_live(self, event_id, owed=None):
    """The staff's "now live" e-mail about a scheduled release that went public by itself.

    Once per publication: the event's notice is claimed (waiting → sending) by a conditional
    update, so a second task, a redelivery or an overlapping scan finds nothing to do; a worker
    killed while sending leaves it "sending", never sent again. A mail server that cannot be
    reached, or drops the connection part way, puts it back to waiting for the retry, which
    mails only the staff still `owed` (user ids) the e-mail: never one already sent."""
    claimed = PublicationEvent.objects.filter(
        pk=event_id, staff_notice=DeliveryStatus.PENDING
    ).update(staff_notice=DeliveryStatus.SENDING)
    if not claimed:
        return
    event = PublicationEvent.objects.select_related("article__created_by").get(pk=event_id)
    notice = PublicationEvent.objects.filter(pk=event_id)
    messages = went_live_messages(event.article, only=owed)
    unsent = list(messages)
    try:
        if messages:
            with get_connection(fail_silently=False) as connection:
                for user_id, message in messages.items():
                    try:
                        connection.send_messages([message])
                    except smtplib.SMTPRecipientsRefused as error:
                        logger.error("Now-live e-mail refused for user %s: %s", user_id, error)
                    unsent.remove(user_id)
    except OSError as error:  # smtplib's errors included
        if self.request.retries >= self.max_retries:
            notice.update(staff_notice=DeliveryStatus.FAILED)
            logger.error("Gave up on the now-live e-mail of %s: %s", event.article_id, error)
            return
        notice.update(staff_notice=DeliveryStatus.PENDING)
        raise self.retry(
            kwargs={"event_id": event_id, "owed": unsent},
            countdown=retry_countdown(self.request.retries),
        ) from error
    notice.update(staff_notice=DeliveryStatus.SENT)


@shared_task(bind=True, max_retries=MAX_ATTEMPTS)
def deliver_webhook(self, delivery_id):
    delivery = (
        WebhookDelivery.objects.select_related("endpoint", "event__article", "event__correction")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
    try:
        status = post(delivery.endpoint, delivery.event)
    except ValidationError as error:  # the address now resolves somewhere it may not go
        services.finish_webhook(delivery, DeliveryStatus.FAILED, error=" ".join(error.messages))
        return
    except OSError as error:
        services.finish_webhook(delivery, DeliveryStatus.PENDING, error=error)
    else:
        if 200 <= status < 300:
            services.finish_webhook(delivery, DeliveryStatus.SENT, response_status=status)
            return
        permanent = 400 <= status < 500 and status not in (408, 425, 429)
        services.finish_webhook(
            delivery,
            DeliveryStatus.FAILED if permanent else DeliveryStatus.PENDING,
            response_status=status,
            error=f"HTTP {status}",
        )
        if permanent:
            return
    if self.request.retries >= self.max_retries:
        services.finish_webhook(delivery, DeliveryStatus.FAILED, error="Gave up after retries.")
        logger.error("Gave up on webhook delivery %s to %s", delivery.pk, delivery.endpoint)
        return
    raise self.retry(countdown=retry_countdown(self.request.retries))


@shared_task(**RETRYING)  # smtplib's errors are OSErrors
def send_confirmation(subscriber_id, already_subscribed=False):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        confirmation_message(subscriber, already_subscribed=already_subscribed).send()


@shared_task
def purge_unconfirmed_subscribers():
    """The retention rule of the privacy page: addresses never confirmed are deleted."""
    deleted = services.purge_unconfirmed()
    if deleted:
        logger.info("Deleted %d unconfirmed subscriber addresses", deleted)
