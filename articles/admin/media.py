from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.images import kept_uploads
from articles.images.renditions import WEBP
from articles.images.services import delete_images, purge_image, save_image
from articles.images.uploads import CleanedImage, clean_upload
from articles.models import Article, Image, ImageBlock, ImagePurge
from articles.shared_records import file_refusal
from newsroom.admin_mixins import ReadOnlyAdminMixin

from .shared import SharedRecordAdmin, SharedRecordForm, ensure_deletable
from .workflow import posted, render_release_page


def photo_thumbnail(image, width):
    """A small <img> of `image` for admin pages: the narrowest rendition already made (none is
    made here), else the file itself; prefetch `renditions` when showing many."""
    made = [r for r in image.renditions.all() if r.format == WEBP]
    height = round(width * image.height / image.width) if image.width and image.height else width
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" loading="lazy">',
        made[0].file.url if made else image.file.url,
        width,
        height,
    )


class PhotoUploadField(forms.FileField):
    """Checks a new upload and strips its metadata, so errors show at the field."""

    def widget_attrs(self, widget):
        return super().widget_attrs(widget) | {
            "accept": "image/jpeg,image/png,image/webp,image/gif"
        }

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None or isinstance(upload, CleanedImage):
            return upload  # a kept photo was checked when it was first uploaded
        return clean_upload(upload)


class ImageForm(SharedRecordForm):
    """The photo form; a photo that passed its checks survives errors in the other fields."""

    kept_photo = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = None
        if self.is_bound and not self.files.get(self.add_prefix("file")):
            self.kept = kept_uploads.kept(self.data.get(self.add_prefix("kept_photo")))
            if self.kept is not None:
                self.files = self.files.copy()
                self.files[self.add_prefix("file")] = self.kept

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:  # a read-only form (a frozen photo) is never cleaned
            return
        photo = self.cleaned_data.get("file")
        if not self.errors or not isinstance(photo, CleanedImage):
            return
        if self.kept is None:
            self.data = self.data.copy()
            self.data[self.add_prefix("kept_photo")] = kept_uploads.keep(photo)
        # The bound field copied its help text when the fields were cleaned: set it there.
        self["file"].help_text = gettext(
            "Your photo “%(name)s” is kept: fix the other fields and save. Choose another file "
            "only to replace it."
        ) % {"name": photo.name}


class HasRemovedMetadataFilter(admin.SimpleListFilter):
    title = _("metadata removed at upload")
    parameter_name = "stripped"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("None found"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(removed_metadata=[])
        if self.value() == "no":
            return queryset.filter(removed_metadata=[])
        return queryset


class PurgeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the photo must go"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Kept with the purge record and in the audit log of every release that showed it, "
            "e.g. “Shows the unit's location; found after release.”"
        ),
        error_messages={"required": _("Say why the photo must go: the reason is kept.")},
    )


@admin.register(Image)
class ImageAdmin(SharedRecordAdmin):
    list_display = [
        "thumbnail",
        "title",
        "credit",
        "virin",
        "date_taken",
        "allow_download",
        "metadata_removed",
        "created_at",
    ]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt_text", "caption", "credit", "virin"]
    list_filter = [
        "allow_download",
        "is_decorative",
        HasRemovedMetadataFilter,
        "date_taken",
        "created_at",
    ]
    date_hierarchy = "created_at"
    form = ImageForm
    readonly_fields = ["preview", "metadata_report", "dimensions", "frozen_file"]
    fieldsets = [
        (None, {"fields": ["file", "kept_photo", "preview", "dimensions", "metadata_report"]}),
        (
            _("Description"),
            {"fields": ["title", "alt_text", "is_decorative", "caption", "credit"]},
        ),
        (_("Record"), {"fields": ["virin", "date_taken", "allow_download"]}),
    ]
    formfield_overrides = {
        models.ImageField: {"form_class": PhotoUploadField, "widget": AdminFileWidget}
    }

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def get_fieldsets(self, request, obj=None):
        """A photo a cleared release showed keeps its file: the field becomes an explanation."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.cleared_at:
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "frozen_file" if field == "file" else field for field in options["fields"]
                    ],
                },
            )
            for name, options in fieldsets
        ]

    @admin.display(description=_("image file"))
    def frozen_file(self, obj):
        return format_html(
            '<a href="{}">{}</a><p>{}</p><p><a class="button" href="{}">{}</a></p>',
            obj.file.url,
            obj.file.name,
            file_refusal(obj),
            reverse("admin:articles_image_add"),
            gettext("Upload a new photo"),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/purge/",
                self.admin_site.admin_view(self.purge_view),
                name="articles_image_purge",
            ),
            *super().get_urls(),
        ]

    def purge_view(self, request, object_id):
        """Remove a photo everywhere, with a reason (site administrators)."""
        image = self.get_object(request, unquote(object_id))
        if image is None:
            raise Http404(gettext("No such photo."))
        if not request.user.has_perm("articles.purge_image"):
            raise PermissionDenied
        form = PurgeForm(posted(request))
        if request.method == "POST" and form.is_valid():
            title = image.title
            purge_image(image=image, user=request.user, reason=form.cleaned_data["reason"])
            self.message_user(
                request,
                gettext("“%(title)s” was purged: its files are gone and no release shows it.")
                % {"title": title},
                messages.SUCCESS,
            )
            return redirect("admin:articles_imagepurge_changelist")
        return render_release_page(
            self,
            request,
            image,
            "admin/articles/image/purge.html",
            gettext("Purge “%(title)s”") % {"title": image.title},
            change_url=reverse("admin:articles_image_change", args=[image.pk]),
            form=form,
            releases=Article.objects.filter(
                Q(hero_image=image)
                | Q(pk__in=ImageBlock.objects.filter(image=image).values("parent"))
            ).order_by("headline"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "purge_url": reverse("admin:articles_image_purge", args=[object_id])
            if request.user.has_perm("articles.purge_image")
            else "",
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _small_rendition(self, obj):
        """The narrowest rendition already made; the changelist never makes new ones."""
        made = [r for r in obj.renditions.all() if r.format == WEBP]
        return made[0].file.url if made else obj.file.url

    def _img(self, obj, width):
        height = round(width * obj.height / obj.width) if obj.width and obj.height else width
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" loading="lazy">',
            self._small_rendition(obj),
            width,
            height,
        )

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        return photo_thumbnail(obj, 80) if obj.file else ""

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return photo_thumbnail(obj, 320) if obj.pk and obj.file else "—"

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        if not obj.width:
            return "—"
        parts = [f"{obj.width} × {obj.height} px"]
        if obj.file_size:
            parts.append(f"{obj.file_format}, {filesizeformat(obj.file_size)}")
        return " · ".join(parts)

    @admin.display(description=_("hidden metadata removed"), boolean=True)
    def metadata_removed(self, obj):
        return bool(obj.removed_metadata)

    @admin.display(description=_("hidden metadata"))
    def metadata_report(self, obj):
        if not obj.pk:
            return gettext(
                "GPS position, camera serial numbers, comments, EXIF, XMP and IPTC data are "
                "removed when you save. The photo is turned upright first."
            )
        labels = obj.removed_metadata_labels
        if not labels:
            return gettext("None found in this photo when it was uploaded.")
        return format_html(
            "{}<ul>{}</ul>",
            gettext("Removed when the photo was uploaded:"),
            format_html_join("", "<li>{}</li>", ((label,) for label in labels)),
        )

    def save_model(self, request, obj, form, change):
        save_image(image=obj)
        kept_uploads.forget(form.cleaned_data.get("kept_photo"))
        if "file" in form.changed_data and obj.removed_metadata:
            removed = ", ".join(str(label) for label in obj.removed_metadata_labels)
            self.message_user(
                request,
                gettext("Removed from “%(title)s”: %(removed)s.")
                % {"title": obj.title, "removed": removed},
                messages.INFO,
            )

    def delete_model(self, request, obj):
        ensure_deletable([obj])
        delete_images(images=[obj])

    def delete_queryset(self, request, queryset):
        ensure_deletable(queryset)
        delete_images(images=queryset)


@admin.register(ImagePurge)
class ImagePurgeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["purged_at", "title", "purged_by", "reason"]
    search_fields = ["title", "reason"]
    date_hierarchy = "purged_at"
    list_select_related = ["purged_by"]
