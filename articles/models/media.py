from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimestampedModel


class Image(TimestampedModel):
    """A photo in the media library, reused by hero images, image blocks and portraits."""

    file = models.ImageField(_("image file"), upload_to="images/%Y/%m/")
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    title = models.CharField(_("title"), max_length=200)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Adds nothing a reader needs; screen readers will skip it."),
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("For example: U.S. Army photo by Spc. Jane Doe"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": _(
                        "Describe the photo for readers who cannot see it, "
                        "or mark it as decorative."
                    )
                }
            )

    def save(self, *args, **kwargs):
        if self.file:
            try:
                self.width, self.height = self.file.width, self.file.height
            except (OSError, ValueError):
                self.width = self.height = None
        super().save(*args, **kwargs)

    @property
    def alt(self):
        return "" if self.is_decorative else self.alt_text
