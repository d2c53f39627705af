"""Imports too large for a web request, waiting for or done by the task queue
(importers.queued): who uploaded what, where it stands, and the draft it became."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    WORKING = "working", _("Working")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJobQuerySet(models.QuerySet):
    def of(self, user):
        """The imports `user` started: nobody sees another officer's upload."""
        return self.filter(created_by=user)


class ImportJob(models.Model):
    """One uploaded file on its way to a draft.

    The file's bytes are kept in the row, not in the media storage (which is served to the
    public), and only until the import ends; the report is what the officer reads afterwards.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    data = models.BinaryField(editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    # Why it failed, written for the officer (shown at the file field).
    error = models.TextField(blank=True)
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # [{"level": 20 or 30 (messages.INFO, WARNING), "html": escaped text or safe HTML}]
    report = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.file_name

    @property
    def is_pending(self):
        return self.status in (ImportStatus.QUEUED, ImportStatus.WORKING)
