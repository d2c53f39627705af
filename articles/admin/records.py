"""The workflow's records in the admin: read by anyone with the role to, changed by no one."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Clearance, Correction, EmbargoLink, StateChange
from newsroom.admin_mixins import ReadOnlyAdminMixin


class RecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Records are written by the workflow services only; the admin shows them."""

    list_select_related = ["article"]

    @admin.display(description=_("release"), ordering="article__headline")
    def release(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[obj.article_id]),
            obj.article,
        )


@admin.register(StateChange)
class StateChangeAdmin(RecordAdmin):
    list_display = ["at", "release", "action", "from_status", "to_status", "user", "comment"]
    list_filter = ["action", "to_status", "user"]
    search_fields = ["article__headline", "comment"]
    date_hierarchy = "at"
    list_select_related = ["article", "user"]


@admin.register(Clearance)
class ClearanceAdmin(RecordAdmin):
    list_display = ["cleared_at", "release", "cleared_by", "edit_version", "comment"]
    list_filter = ["cleared_by"]
    search_fields = ["article__headline"]
    date_hierarchy = "cleared_at"
    list_select_related = ["article", "cleared_by"]


@admin.register(Correction)
class CorrectionAdmin(RecordAdmin):
    list_display = ["created_at", "release", "note", "created_by"]
    search_fields = ["article__headline", "note"]
    date_hierarchy = "created_at"
    list_select_related = ["article", "created_by"]


@admin.register(EmbargoLink)
class EmbargoLinkAdmin(RecordAdmin):
    list_display = [
        "created_at",
        "release",
        "label",
        "expires_at",
        "state",
        "open_count",
        "last_opened_at",
        "created_by",
    ]
    search_fields = ["article__headline", "label"]
    exclude = ["token_hash"]
    list_select_related = ["article", "created_by"]

    @admin.display(description=_("state"))
    def state(self, obj):
        return obj.state_label
