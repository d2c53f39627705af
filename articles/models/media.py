from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.images import metadata, renditions
from articles.images.uploads import CleanedImage, clean_upload
from articles.images.virin import validate_virin, virin_date

from .base import TimestampedModel


class Image(TimestampedModel):
    """A photo in the media library, reused by hero images, image blocks and portraits.

    A new file is checked and stripped of hidden metadata before it is stored, whichever way
    it arrives (admin form, import, script): see `_pending_upload`.
    """

    file = models.ImageField(
        _("image file"),
        upload_to="images/%Y/%m/",
        help_text=_(
            "JPEG, PNG, WebP or GIF. GPS position, camera serial numbers and other hidden "
            "metadata are removed when you save."
        ),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    file_size = models.PositiveBigIntegerField(_("file size"), editable=False, null=True)
    has_alpha = models.BooleanField(_("has transparency"), editable=False, default=False)
    removed_metadata = models.JSONField(
        _("metadata removed at upload"), editable=False, default=list, blank=True
    )
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
    virin = models.CharField(
        _("VIRIN"),
        max_length=32,
        blank=True,
        validators=[validate_virin],
        help_text=_(
            "DoD visual information record ID, for example 250314-A-AB123-1001. "
            "Leave empty for photos without one."
        ),
    )
    date_taken = models.DateField(
        _("date taken"),
        null=True,
        blank=True,
        help_text=_("Filled in from the camera's record when left empty."),
    )
    allow_download = models.BooleanField(
        _("can be downloaded in high resolution"),
        default=True,
        help_text=_(
            "Readers and journalists get a link to the full-size photo (without its hidden "
            "metadata; with its title, caption, credit and VIRIN written in)."
        ),
    )
    # The full-size copy readers download: the stripped original with title, caption, credit,
    # VIRIN and date taken written back (articles.images.credits). `download_signature` says
    # which values it carries, so an edit makes a new one.
    download = models.FileField(
        upload_to="images/downloads/", max_length=255, editable=False, blank=True
    )
    download_signature = models.CharField(max_length=32, editable=False, blank=True)

    # Set when a release showing the photo is first cleared: from then on its file is part of
    # what a release authority signed off, and is never replaced (articles.shared_records).
    cleared_at = models.DateTimeField(_("first cleared"), null=True, blank=True, editable=False)
    # Originals this photo had before its file was replaced: revisions of releases may show
    # them, so they are kept until a site administrator purges the photo.
    earlier_files = models.JSONField(_("earlier files"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("purge_image", _("Can purge a photo everywhere, with a reason"))]

    def __str__(self):
        return self.title

    def _pending_upload(self):
        """The new file waiting to be stored, checked and stripped (once), or None."""
        if not self.file or self.file._committed:
            return None
        upload = self.file.file
        if not isinstance(upload, CleanedImage):
            upload = clean_upload(upload)
            self.file = upload
        return upload

    def clean(self):
        try:
            upload = self._pending_upload()
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        if upload is not None and self.date_taken is None:
            self.date_taken = upload.date_taken
        errors = {}
        if not self.is_decorative and not self.alt_text.strip():
            errors["alt_text"] = _(
                "Describe the photo for readers who cannot see it, or mark it as decorative."
            )
        self.virin = self.virin.strip().upper()
        encoded = virin_date(self.virin) if self.virin else None
        if encoded and self.date_taken and encoded != self.date_taken:
            errors["virin"] = _(
                "This VIRIN says the photo was taken on %(virin_date)s, but the date taken is "
                "%(date_taken)s. Correct whichever is wrong."
            ) % {"virin_date": encoded.isoformat(), "date_taken": self.date_taken.isoformat()}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        upload = self._pending_upload()
        if upload is not None:
            self.width, self.height = upload.width, upload.height
            self.file_size = upload.size
            self.has_alpha = upload.has_alpha
            self.removed_metadata = upload.removed
            if self.date_taken is None:
                self.date_taken = upload.date_taken
        super().save(*args, **kwargs)

    @property
    def alt(self):
        return "" if self.is_decorative else self.alt_text

    @property
    def removed_metadata_labels(self):
        return metadata.describe(self.removed_metadata)

    @property
    def file_format(self):
        """The stored original's format for people: JPEG, PNG, WEBP or GIF."""
        suffix = PurePosixPath(self.file.name).suffix.lstrip(".").upper()
        return "JPEG" if suffix == "JPG" else suffix

    def planned_renditions(self):
        if not self.width:
            return []
        return renditions.planned(width=self.width, has_alpha=self.has_alpha)


class ImagePurge(models.Model):
    """The record of a photo removed everywhere (files, revisions' references, releases) by a
    site administrator, e.g. after it was found to breach OPSEC or privacy."""

    title = models.CharField(_("photo title"), max_length=200)
    image_id = models.PositiveIntegerField(_("photo number"))
    file_names = models.JSONField(_("files deleted"), default=list)
    releases = models.JSONField(_("releases it was removed from"), default=list)
    reason = models.TextField(_("reason"))
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    purged_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-purged_at", "-pk"]
        verbose_name = _("photo purge")
        verbose_name_plural = _("photo purges")

    def __str__(self):
        return self.title


class ImageRendition(models.Model):
    """A resized copy of an Image for responsive pages; made once, then reused."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(
        max_length=4,
        choices=[
            (renditions.WEBP, "WebP"),
            (renditions.JPEG, "JPEG"),
            (renditions.PNG, "PNG"),
        ],
    )
    file = models.FileField(upload_to="images/renditions/", max_length=255)

    class Meta:
        ordering = ["width", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "width", "format"], name="one_rendition_per_width_and_format"
            )
        ]

    def __str__(self):
        return f"{self.image} ({self.width}px {self.format})"


class PhotoArchive(models.Model):
    """A zip of a release's downloadable photos, built when the release is published (never
    while a reader waits); `signature` names the photo downloads it holds."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="photo_archive"
    )
    file = models.FileField(upload_to="images/archives/", max_length=255)
    signature = models.CharField(max_length=32)
    photo_count = models.PositiveIntegerField()
    file_size = models.PositiveBigIntegerField()
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("photo archive")
        verbose_name_plural = _("photo archives")

    def __str__(self):
        return self.file.name
