"""Records of the editorial workflow: who moved a release where, who cleared it, what was
corrected after release, and the embargoed preview links shared with journalists.

The rows are written by the services in articles.workflow, never edited afterwards.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import ArticleStatus


class WorkflowAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to draft")
    CLEARED = "cleared", _("Cleared")
    PUBLISHED = "published", _("Published")
    SCHEDULED = "scheduled", _("Scheduled")
    UNSCHEDULED = "unscheduled", _("Schedule cancelled")
    REOPENED = "reopened", _("Edited after clearance: back to review")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CORRECTED = "corrected", _("Corrected")
    RESTORED = "restored", _("Earlier revision restored")
    RECORD_CHANGED = "record-changed", _("Shared record changed")
    PHOTO_PURGED = "photo-purged", _("Photo purged")


class StateChange(models.Model):
    """One line of the audit log: who did what to a release, when, from which state to which."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="state_changes",
    )
    action = models.CharField(_("action"), max_length=20, choices=WorkflowAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=ArticleStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ArticleStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    comment = models.TextField(_("comment"), blank=True)
    release_at = models.DateTimeField(_("release time set"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.get_action_display()}: {self.article}"


class Clearance(models.Model):
    """The record a release authority signs: who cleared the release, when, what they confirmed."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="clearances",
    )
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cleared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cleared_at = models.DateTimeField(_("cleared at"), default=timezone.now)
    # Each language version is cleared on its own: the record says which text was approved.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # The wording as it was confirmed: a later change to the checklist must not rewrite it.
    checklist = models.JSONField(_("checklist confirmed"), default=list)
    # The release-check warnings the authority accepted, worded as they were shown.
    acknowledged_warnings = models.JSONField(_("warnings acknowledged"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # What was cleared: the release's edit version as the authority was shown it, and a digest
    # of its revision snapshot (articles.revisions), so publishing can prove it is the same.
    edit_version = models.PositiveIntegerField(_("version cleared"), null=True, blank=True)
    snapshot_digest = models.CharField(_("digest of the text cleared"), max_length=64, blank=True)

    class Meta:
        ordering = ["-cleared_at", "-pk"]
        get_latest_by = "cleared_at"
        verbose_name = _("clearance")
        verbose_name_plural = _("clearances")

    def __str__(self):
        return f"{self.article} ({self.cleared_at:%Y-%m-%d %H:%M})"


class Correction(models.Model):
    """A change to a release after it went public, explained to readers."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    note = models.TextField(_("note"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return self.note[:60]


def hash_token(token):
    """Only a digest of each preview token is stored: a leaked database reveals no links."""
    return hashlib.sha256(token.encode()).hexdigest()


class EmbargoLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def open_at_return(self):
        """Links that a return to draft ends: every one not revoked yet (expired ones too, so
        none of them can ever count again)."""
        return self.filter(revoked_at__isnull=True)

    def for_token(self, token):
        return self.filter(token_hash=hash_token(token))


class EmbargoLink(models.Model):
    """A secret preview address for journalists, valid until it expires or is revoked."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="embargo_links",
    )
    label = models.CharField(
        _("shared with"),
        max_length=200,
        help_text=_("Who receives this link, e.g. “Wire services” or “Prensa Latina desk”."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The clearance this link shares: a new clearance (after a return to draft or an edit that
    # reopened review) needs new links.
    clearance = models.ForeignKey(
        Clearance,
        verbose_name=_("clearance"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="embargo_links",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # When the link was used, to trace a leak to its recipient; no cookie, no address kept.
    first_opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened"), null=True, blank=True)
    open_count = models.PositiveIntegerField(_("times opened"), default=0)

    objects = EmbargoLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("embargoed preview link")
        verbose_name_plural = _("embargoed preview links")

    def __str__(self):
        return self.label

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state_label(self):
        if self.revoked_at is not None:
            return _("Revoked")
        if self.expires_at <= timezone.now():
            return _("Expired")
        return _("Active")
