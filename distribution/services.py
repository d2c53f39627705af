"""State changes of distribution: subscribing, confirming, leaving; and the bookkeeping of
deliveries that the tasks use.

The subscription services answer the same way whatever the address's state, so the form
never tells anyone whether an address is subscribed.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsroom.tasks import run_after_commit

from .models import (
    Delivery,
    DeliveryStatus,
    EventKind,
    PublicationEvent,
    Subscriber,
    Subscription,
    WebhookDelivery,
    WebhookEndpoint,
)


def normalize_email(email):
    """One row per mailbox: the domain is case-insensitive, and so in practice is the rest."""
    return email.strip().lower()


@transaction.atomic
def request_subscription(*, email, language, facet=None):
    """Add a subscription waiting for confirmation and mail the confirmation link (at most
    DISTRIBUTION_CONFIRMATIONS_PER_DAY a day to one address). `facet` is None for every
    release, or one of {"kind": …}, {"organization": …}, {"initiative": …}, {"tag": …}."""
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=normalize_email(email), defaults={"language": language}
    )
    lookup = {"kind": "", "organization": None, "initiative": None, "tag": None, **(facet or {})}
    subscription, _new = Subscription.objects.get_or_create(subscriber=subscriber, **lookup)
    if not subscriber.confirmed_at:
        subscriber.language = language
    already_subscribed = subscription.confirmed_at is not None and subscriber.confirmed_at
    today = timezone.localdate()
    if subscriber.confirmations_day != today:
        subscriber.confirmations_day, subscriber.confirmations_sent = today, 0
    if subscriber.confirmations_sent >= settings.DISTRIBUTION_CONFIRMATIONS_PER_DAY:
        subscriber.save()
        return
    subscriber.confirmations_sent += 1
    subscriber.save()
    from .tasks import send_confirmation

    run_after_commit(
        send_confirmation, subscriber_id=subscriber.pk, already_subscribed=bool(already_subscribed)
    )


@transaction.atomic
def confirm(*, subscriber):
    now = timezone.now()
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
    subscriber.subscriptions.filter(confirmed_at__isnull=True).update(confirmed_at=now)


@transaction.atomic
def update_subscriptions(*, subscriber, keep, language):
    """Keep only the subscriptions whose ids are in `keep`; no subscription left means the
    address is deleted."""
    subscriber.subscriptions.confirmed().exclude(pk__in=keep).delete()
    if not subscriber.subscriptions.exists():
        unsubscribe(subscriber=subscriber)
        return False
    subscriber.language = language
    subscriber.save(update_fields=["language"])
    return True


def unsubscribe(*, subscriber):
    """Delete the address and its subscriptions: nothing personal is kept. Delivery counts on
    releases stay (their rows lose the subscriber)."""
    subscriber.delete()


def purge_unconfirmed():
    """Delete addresses, and subscriptions, left unconfirmed past the retention period."""
    cutoff = timezone.now() - timedelta(days=settings.DISTRIBUTION_UNCONFIRMED_DAYS)
    deleted, _ = Subscriber.objects.unconfirmed_before(cutoff).delete()
    Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return deleted


def recipients(event):
    """Ids of the subscribers an event goes to: those whose subscriptions match the release;
    for a withdrawal, those who were sent something about it (nobody else needs the notice)."""
    if event.kind == EventKind.WITHDRAWN:
        return (
            Delivery.objects.filter(
                event__article=event.article,
                status=DeliveryStatus.SENT,
                subscriber__confirmed_at__isnull=False,
            )
            .values_list("subscriber_id", flat=True)
            .distinct()
        )
    return (
        Subscription.objects.matching(event.article)
        .values_list("subscriber_id", flat=True)
        .distinct()
    )


def create_deliveries(event: PublicationEvent):
    """One delivery per recipient and per active endpoint; the unique constraints make a
    second call add nothing."""
    Delivery.objects.bulk_create(
        [Delivery(event=event, subscriber_id=pk) for pk in recipients(event)],
        ignore_conflicts=True,
        batch_size=1000,
    )
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(event=event, endpoint=endpoint)
            for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        ],
        ignore_conflicts=True,
    )


def batch_size():
    return max(1, settings.DISTRIBUTION_BATCH_SIZE)


def batch_schedule(count):
    """(start index, countdown in seconds) of each batch, spread so that no more than
    DISTRIBUTION_SEND_RATE_PER_MINUTE messages leave per minute, whatever the workers."""
    size = batch_size()
    seconds_per_batch = 60 * size / max(1, settings.DISTRIBUTION_SEND_RATE_PER_MINUTE)
    return [
        (number * size, math.floor(number * seconds_per_batch))
        for number in range(math.ceil(count / size))
    ]


@transaction.atomic
def claim(delivery_ids):
    """Take the still-pending deliveries among `delivery_ids` for sending, in one statement
    (rows another worker holds are skipped): the deliveries taken, with their subscribers."""
    taken = list(
        Delivery.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in=delivery_ids, status=DeliveryStatus.PENDING, subscriber__isnull=False)
        .select_related("subscriber")
    )
    Delivery.objects.filter(pk__in=[delivery.pk for delivery in taken]).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1
    )
    return taken


def finish(delivery_ids, status, *, error=None):
    """Record the outcome of deliveries in one statement (one commit per batch, not per
    message: each commit waits for the disk)."""
    if delivery_ids:
        Delivery.objects.filter(pk__in=delivery_ids).update(
            status=status,
            last_error=str(error or "")[:2000],
            sent_at=timezone.now() if status == DeliveryStatus.SENT else None,
        )


def finish_webhook(delivery, status, *, response_status=None, error=None):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        response_status=response_status,
        last_error=str(error or "")[:2000],
        delivered_at=timezone.now() if status == DeliveryStatus.SENT else None,
    )
