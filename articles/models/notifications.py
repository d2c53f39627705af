"""Each staff member's choice about the workflow e-mails (articles.notifications)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationPreferenceQuerySet(models.QuerySet):
    def opted_out(self):
        return self.filter(workflow_email=False)


class NotificationPreference(models.Model):
    """Absent means the default: workflow e-mails on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    workflow_email = models.BooleanField(
        _("E-mail me about releases"),
        default=True,
        help_text=_(
            "A release submitted for review, returned with a comment, cleared, published or "
            "corrected: you get an e-mail when it concerns you. Untick to stop them; the desk "
            "still shows everything waiting for you."
        ),
    )

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)
