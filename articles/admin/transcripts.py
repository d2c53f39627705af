"""Transcript turns: edited on the transcript's own page, reached from its block in the release.

The content editor shows one form per block and cannot nest the turns' formset, so the block
lists its turns with a link here. Turns change only while the release is a draft (an import
creates one): a cleared or published release goes through its workflow first, as any edit does.
"""

import reversion
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.checks import refresh_release_checks
from articles.models import ArticleStatus, Transcript, TranscriptTurn
from articles.revisions import ensure_baseline_revision
from articles.services import body_mentions, sync_mentions
from articles.workflow.rules import can_edit


class TranscriptTurnInline(admin.StackedInline):
    model = TranscriptTurn
    fields = ["position", "role", "speaker", "label", "interpreted", "text"]
    autocomplete_fields = ["speaker"]
    extra = 1


@admin.register(Transcript)
class TranscriptAdmin(admin.ModelAdmin):
    inlines = [TranscriptTurnInline]
    fields = ["release"]
    readonly_fields = ["release"]

    @admin.display(description=_("release"))
    def release(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.parent_id])
        return format_html('<a href="{}">{}</a>', url, obj.parent.headline)

    def has_module_permission(self, request):
        return False  # reached from its release

    def has_add_permission(self, request):
        return False  # added as a block of a release

    def has_delete_permission(self, request, obj=None):
        return False  # removed as a block of its release

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed
        return (
            allowed
            and obj.parent.status == ArticleStatus.DRAFT
            and can_edit(request.user, obj.parent)
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        article = form.instance.parent
        ensure_baseline_revision(article)
        before = body_mentions(article)
        super().save_related(request, form, formsets, change)
        # The release's history and checks cover its transcript like any other block.
        reversion.add_to_revision(article)
        reversion.set_comment(_("Changed the turns of the transcript."))
        sync_mentions(article=article, before=before)
        refresh_release_checks(article=article)


def turns_overview(inline, obj):
    """The block's turns, and where to edit them."""
    if obj is None or obj.pk is None:
        return _("Save the release first; then add the turns on the transcript's page.")
    turns = format_html_join(
        "", "<li>{}</li>", ((turn.heading,) for turn in obj.turns.select_related("speaker"))
    )
    url = reverse("admin:articles_transcript_change", args=[obj.pk])
    return format_html('<ol>{}</ol><a href="{}">{}</a>', turns, url, _("Edit the turns"))
