from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    FAILED = "failed", _("Wrong user name or password")
    LOCKED_OUT = "locked_out", _("Locked out")
    SIGNED_OUT = "signed_out", _("Signed out")
    SESSION_EXPIRED = "session_expired", _("Session expired")
    MFA_VERIFIED = "mfa_verified", _("Second factor accepted")
    MFA_FAILED = "mfa_failed", _("Second factor refused")
    MFA_ENROLLED = "mfa_enrolled", _("Authenticator app set up")


class SignInEvent(models.Model):
    """One line of the staff sign-in audit log; written by signal receivers, never edited."""

    kind = models.CharField(_("event"), max_length=20, choices=SignInEventKind.choices)
    # The name as typed: failed attempts often name no real account.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_in_events",
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username}"
