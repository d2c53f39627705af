from content_editor.admin import ContentEditor
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.checks import refresh_release_checks
from articles.models import Article
from articles.services import body_mentions, replace_table_rows, sync_mentions

from .blocks import BODY_INLINES, InitiativeTableForm
from .checks import ReleaseCheckFilter, ReleaseChecksAdminMixin


@admin.register(Article)
class ArticleAdmin(ReleaseChecksAdminMixin, ContentEditor):
    list_display = ["headline", "kind", "status", "release_at", "is_featured", "check_summary"]
    list_filter = ["status", ReleaseCheckFilter, "kind", "is_featured", "tags", "organizations"]
    date_hierarchy = "release_at"
    search_fields = [
        "headline",
        "subheadline",
        "people__given_name",
        "people__family_name",
        "organizations__name",
        "organizations__abbreviation",
    ]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = [
        "byline_people",
        "hero_image",
        "organizations",
        "people",
        "initiatives",
        "media_contacts",
    ]
    inlines = BODY_INLINES
    readonly_fields = ["release_checks"]
    fieldsets = [
        (_("Release checks"), {"fields": ["release_checks"]}),
        (None, {"fields": ["kind", "status", "headline", "slug", "subheadline", "summary"]}),
        (
            _("Release"),
            {"fields": ["dateline", "release_at", "byline_people", "byline_text", "is_featured"]},
        ),
        (_("Photo"), {"fields": ["hero_image"]}),
        (
            _("Related"),
            {"fields": ["tags", "organizations", "people", "initiatives", "media_contacts"]},
        ),
    ]

    class Media:
        js = ["admin/js/body_keyboard.js"]
        css = {"all": ["admin/css/body_keyboard.css", "admin/css/release_checks.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()

    def render_change_form(self, request, context, **kwargs):
        response = super().render_change_form(request, context, **kwargs)
        # Both editors print inline import maps and module scripts: give them this
        # request's CSP nonce instead of weakening script-src (DESIGN.md pitfall 1).
        response.context_data["media"] = response.context_data["media"].with_nonce(
            str(request.csp_nonce)
        )
        return response

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for table_form in formset.forms:
            if not isinstance(table_form, InitiativeTableForm) or not table_form.instance.pk:
                continue
            if table_form in formset.deleted_forms or not table_form.has_changed():
                continue
            created = replace_table_rows(
                table=table_form.instance, rows=table_form.cleaned_data["rows"]
            )
            if created:
                names = ", ".join(initiative.name for initiative in created)
                self.message_user(
                    request,
                    ngettext(
                        "Created a new initiative: %(names)s. Add its details on its page.",
                        "Created new initiatives: %(names)s. Add their details on their pages.",
                        len(created),
                    )
                    % {"names": names},
                    messages.INFO,
                )

    def save_related(self, request, form, formsets, change):
        before = body_mentions(form.instance) if change else (set(), set())
        super().save_related(request, form, formsets, change)
        sync_mentions(article=form.instance, before=before)
        # After the blocks and table rows are saved: the checks read the whole body.
        self.announce_release_checks(request, refresh_release_checks(article=form.instance))
