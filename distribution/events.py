"""Publication events: the moments subscribers and webhooks hear about.

- Published: a release goes live. "Publish now" records it with the audit-log line; a
  scheduled release is found by the scheduler (announce_due_releases, run by celery beat)
  once its time has passed, with no save at all, and its staff get a "now live" e-mail.
- Corrected: each correction note on a live release.
- Withdrawn: the withdrawal of a release (only a live one can be withdrawn).

The event row is written in the transaction that made the change (or by the scan), and its
fan-out is queued when that transaction commits. The event's unique key makes every path
idempotent: the scans overlap on purpose, and a second recording of an event is a no-op.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from articles.models import Article, Correction, StateChange, WorkflowAction
from newsroom.tasks import run_after_commit

from .models import DeliveryStatus, EventKind, PublicationEvent, ReleaseScan

# Each scan looks this far behind where the previous one stopped: a release published by a
# transaction that committed just after a scan read the table is still found.
SCAN_OVERLAP = timedelta(minutes=5)


def record_event(*, article, kind, correction=None, tell_staff=False):
    """Store the event (once) and queue its fan-out at commit; the event, or None if it was
    recorded before. `tell_staff`: the fan-out also sends the staff their "now live" e-mail."""
    key = PublicationEvent.key_for(article=article, kind=kind, correction=correction)
    defaults = {"article": article, "kind": kind, "correction": correction}
    if tell_staff:
        defaults["staff_notice"] = DeliveryStatus.PENDING
    try:
        with transaction.atomic():
            event, created = PublicationEvent.objects.get_or_create(key=key, defaults=defaults)
    except IntegrityError:  # recorded by a concurrent scan in between
        return None
    if not created:
        return None
    from .tasks import fan_out

    run_after_commit(fan_out, event_id=event.pk)
    return event


def announce_due_releases(now=None):
    """Record "published" for every release whose release time passed since the last scan;
    the events recorded."""
    now = now or timezone.now()
    with transaction.atomic():
        scan = ReleaseScan.objects.select_for_update().first()
        if scan is None:
            # First run on this site: what is already public was never announced, and isn't.
            ReleaseScan.objects.create(checked_until=now)
            return []
        due = (
            Article.objects.published()
            .filter(release_at__gt=scan.checked_until - SCAN_OVERLAP, release_at__lte=now)
            .exclude(publication_events__kind=EventKind.PUBLISHED)
        )
        # Nobody acted, so no workflow e-mail told the staff: the fan-out does.
        events = [
            record_event(article=article, kind=EventKind.PUBLISHED, tell_staff=True)
            for article in due
        ]
        scan.checked_until = now
        scan.save(update_fields=["checked_until"])
    return [event for event in events if event is not None]


def on_state_change(sender, instance, created, raw=False, **kwargs):
    """Publish now and withdrawal, from the audit-log line every workflow step writes."""
    if not created or raw:
        return
    article = instance.article
    if instance.action == WorkflowAction.PUBLISHED and article.is_live:
        record_event(article=article, kind=EventKind.PUBLISHED)
    elif instance.action == WorkflowAction.WITHDRAWN:
        # The workflow withdraws only releases that went public.
        record_event(article=article, kind=EventKind.WITHDRAWN)


def on_correction(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_event(article=instance.article, kind=EventKind.CORRECTED, correction=instance)


def connect():
    post_save.connect(on_state_change, sender=StateChange, dispatch_uid="distribution.events.state")
    post_save.connect(
        on_correction, sender=Correction, dispatch_uid="distribution.events.correction"
    )
