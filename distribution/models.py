"""Who hears about releases and what they were sent: subscribers and their subscriptions,
the publication events (publish, each correction, withdrawal), one delivery per event and
subscriber, and partners' webhook endpoints with their delivery log.

A subscriber's address is the only personal data kept (docs/distribution.md, "Privacy").
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleKind


def new_key():
    return secrets.token_urlsafe(16)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment):
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Subscriber(models.Model):
    """An e-mail address that asked for alerts. Links in messages carry its signed id and key;
    a new key (or deleting the row) makes every earlier link useless."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Confirmation mails sent on `confirmations_day`, for the daily cap.
    confirmations_day = models.DateField(null=True, blank=True, editable=False)
    confirmations_sent = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False, subscriber__confirmed_at__isnull=False)

    def matching(self, article):
        """Confirmed subscriptions that `article` falls under: every release, its kind, or one
        of its organizations, initiatives or tags."""
        return self.confirmed().filter(
            Q(kind="", organization=None, initiative=None, tag=None)
            | Q(kind=article.kind)
            | Q(organization__in=article.organizations.values("pk"))
            | Q(initiative__in=article.initiatives.values("pk"))
            | Q(tag__in=article.tags.values("pk"))
        )


class Subscription(models.Model):
    """Every release (no facet), or the releases of one kind, organization, initiative or tag."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ArticleKind.choices, blank=True)
    organization = models.ForeignKey(
        "articles.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    initiative = models.ForeignKey(
        "articles.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    tag = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("tag"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                name="subscription_one_facet",
                condition=(
                    Q(kind="", organization=None, initiative=None, tag=None)
                    | (~Q(kind="") & Q(organization=None, initiative=None, tag=None))
                    | Q(kind="", organization__isnull=False, initiative=None, tag=None)
                    | Q(kind="", organization=None, initiative__isnull=False, tag=None)
                    | Q(kind="", organization=None, initiative=None, tag__isnull=False)
                ),
            )
        ]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        if self.kind:
            return self.get_kind_display()
        for facet in (self.organization, self.initiative, self.tag):
            if facet is not None:
                return str(facet)
        return _("Every release")


class EventKind(models.TextChoices):
    PUBLISHED = "published", _("Published")
    CORRECTED = "corrected", _("Corrected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent")


class PublicationEventQuerySet(models.QuerySet):
    def with_counts(self):
        """Messages sent, waiting and failed, and webhook deliveries made and failed."""

        def count(relation, *statuses):
            return models.Count(
                relation, filter=Q(**{f"{relation}__status__in": statuses}), distinct=True
            )

        return self.annotate(
            sent=count("deliveries", DeliveryStatus.SENT),
            waiting=count("deliveries", DeliveryStatus.PENDING, DeliveryStatus.SENDING),
            failed=count("deliveries", DeliveryStatus.FAILED),
            skipped=count("deliveries", DeliveryStatus.SKIPPED),
            webhooks_sent=count("webhook_deliveries", DeliveryStatus.SENT),
            webhooks_waiting=count("webhook_deliveries", DeliveryStatus.PENDING),
            webhooks_failed=count("webhook_deliveries", DeliveryStatus.FAILED),
        )


class PublicationEvent(models.Model):
    """A moment a release changed for the public: it went live, a correction, its withdrawal.

    `key` is unique, so recording the same event twice (the scheduler's overlapping scans, a
    retried task) keeps one row; every message and webhook delivery hangs off it.
    """

    key = models.CharField(max_length=80, unique=True, editable=False)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="publication_events",
    )
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    correction = models.ForeignKey(
        "articles.Correction",
        verbose_name=_("correction"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    # Set once every matching subscriber has a delivery row and every endpoint a webhook
    # delivery; the scheduler re-runs events left without it (a broker that was down).
    fanned_out_at = models.DateTimeField(_("queued"), null=True, blank=True)
    # The staff's "now live" e-mail, for a scheduled release that went public by itself (a
    # release published now was announced to them by the workflow e-mail: blank). It moves
    # waiting → sending → sent like a delivery, so it goes once.
    staff_notice = models.CharField(
        _("staff e-mail"), max_length=10, choices=DeliveryStatus.choices, blank=True
    )

    objects = PublicationEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("publication event")
        verbose_name_plural = _("publication events")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"

    @staticmethod
    def key_for(*, article, kind, correction=None):
        if kind == EventKind.CORRECTED:
            return f"corrected:{correction.pk}"
        return f"{kind}:{article.pk}"


class DeliveryRecord(models.Model):
    """Where one delivery stands, how often it was tried and why it last failed."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True


class Delivery(DeliveryRecord):
    """One message for one event to one subscriber: the idempotency key of sending.

    The unique constraint makes a second row impossible; a row moves pending → sending → sent
    under a conditional update, so two workers never send the same message.
    """

    event = models.ForeignKey(PublicationEvent, on_delete=models.CASCADE, related_name="deliveries")
    # Kept (empty) when the subscriber leaves, so the counts on the release stay true.
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "subscriber"], name="delivery_once_per_event_and_subscriber"
            )
        ]

    def __str__(self):
        return f"{self.event} → {self.subscriber or '—'}"


class WebhookEndpoint(models.Model):
    """A partner's HTTPS address that receives signed JSON for every publication event."""

    name = models.CharField(_("partner"), max_length=200)
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_("An https:// address on the public internet."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=64,
        default=new_key,
        help_text=_("Give it to the partner: it signs every delivery (X-Newsroom-Signature)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name


class WebhookDelivery(DeliveryRecord):
    """One event posted to one endpoint: the delivery log, and the idempotency key."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.ForeignKey(
        PublicationEvent,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="webhook_deliveries",
    )
    response_status = models.PositiveSmallIntegerField(_("response"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="webhook_delivery_once_per_event"
            )
        ]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"


class ReleaseScan(models.Model):
    """Where the scheduler's search for releases whose time has come stopped last time (one
    row). Releases that went live before the first scan are never announced."""

    checked_until = models.DateTimeField()

    class Meta:
        verbose_name = _("release scan")

    def __str__(self):
        return f"{self.checked_until:%Y-%m-%d %H:%M:%S}"
