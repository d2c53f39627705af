"""What the release checks keep: the OPSEC watch list, and each release's latest results."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .base import TimestampedModel


class WatchTermQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class WatchTerm(TimestampedModel):
    """A word or phrase that must not go out without a second look (OPSEC)."""

    term = models.CharField(
        _("word or phrase"),
        max_length=200,
        help_text=_(
            "Matched as whole words in any capitalization, e.g. “Fort Sherman” or "
            "“Operation Green Shield”."
        ),
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Shown to the officer, e.g. “unit location: not released before arrival”."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to stop checking without deleting it.")
    )

    objects = WatchTermQuerySet.as_manager()

    class Meta:
        ordering = [Lower("term")]
        verbose_name = _("watch-list term")
        verbose_name_plural = _("watch list")
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="watch_term_unique_any_case",
                violation_error_message=_("This word or phrase is on the watch list already."),
            )
        ]

    def __str__(self):
        return self.term

    def clean(self):
        self.term = " ".join(self.term.split())
        if not re.search(r"\w", self.term):
            raise ValidationError(
                {"term": _("Type a word or phrase with at least one letter or digit.")}
            )


class ReleaseCheckReport(models.Model):
    """The release checks' latest results for one release, for lists and filters."""

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="check_report",
        verbose_name=_("release"),
    )
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    findings = models.JSONField(_("findings"), default=list)
    reading_grade = models.FloatField(_("reading grade"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("release check report")
        verbose_name_plural = _("release check reports")

    def __str__(self):
        return str(self.article)
