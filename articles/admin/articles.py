import reversion
from content_editor.admin import ContentEditor
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from js_asset import Media as AssetMedia

from articles.models import Article, ArticleStatus
from articles.revisions import ensure_baseline_revision, snapshot_of_article, snapshot_of_forms
from articles.services import body_mentions, body_saved, replace_table_rows
from articles.workflow.editing import record_edit, saved_since
from articles.workflow.rules import can_edit

from .blocks import BODY_INLINES, InitiativeTableForm
from .checks import ReleaseCheckFilter, ReleaseChecksAdminMixin
from .embargo import EmbargoViews
from .importing import ImportViews
from .revisions import RevisionViews
from .translations import TranslationViews
from .workflow import OwnerFilter, StateFilter, WorkflowViews, user_name

# content-editor's wording, said the way an officer would.
BODY_EDITOR_MESSAGES = {
    "createNew": _("Add a block"),
    "empty": _("The body is empty. Add a block: text, a quote, a table or a photo."),
    "newItem": _("New block"),
    "collapseAll": _("Fold all blocks"),
    "uncollapseAll": _("Unfold all blocks"),
    "forDeletion": _("will be removed when you save"),
    "selectMultiple": _(
        "To move several blocks at once, hold Ctrl (⌘ on a Mac) and click each one, then drag."
    ),
}


class ArticleForm(forms.ModelForm):
    """The release form, with its two guards against losing work: a stale form is refused
    (optimistic locking), and a change to public text needs a correction note. The admin
    supplies the model and fields."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction_note = forms.CharField(
        label=_("Correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "This release is public. If you change its headline, summary or body, say what "
            "changed and why, e.g. “Corrects the date of the graduation.” Readers see this "
            "note under the release."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_save = None
        self.text_changed = self.signed_changed = False
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.edit_version
        if "tags" in self.fields:
            self.fields["tags"].help_text = _(
                "Separate tags with commas, e.g. “jungle training, Darién”. Readers find "
                "releases by their tags."
            )

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if article.pk is None:
            return cleaned
        self.last_save = saved_since(article, cleaned.get("loaded_version"))
        if self.last_save:
            # Saving this form again puts its text over the newer one: that is the merge, made
            # after seeing the difference, so the next submission carries the current version.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = self.last_save.version
            raise ValidationError(self.stale_message(), code="stale")
        formsets = getattr(article, "_block_formsets", [])
        if all(formset.is_valid() for formset in formsets):
            posted, stored = self._posted_snapshot(formsets), snapshot_of_article(article)
            self.text_changed = posted.text != stored.text
            self.signed_changed = posted.digest != stored.digest
            if article.is_live and self.text_changed and not cleaned.get("correction_note"):
                self.add_error(
                    "correction_note",
                    _("This release is public: describe what you changed and why."),
                )
        return cleaned

    def _posted_snapshot(self, formsets):
        # The instance gets the posted values only after clean(): look at them on a copy.
        posted = construct_instance(self, Article(pk=self.instance.pk), self._meta.fields)
        return snapshot_of_forms(posted, self.cleaned_data, formsets)

    def stale_message(self):
        who = user_name(self.last_save.user) if self.last_save.user else gettext("Someone else")
        when = (
            formats.date_format(timezone.localtime(self.last_save.at), "DATETIME_FORMAT")
            if self.last_save.at
            else gettext("a moment ago")
        )
        return gettext(
            "%(who)s saved this release (%(when)s) after you opened it, so your changes were "
            "not saved. Nothing is lost: your text is still in the form. Compare it with theirs "
            "below, merge what you need, and save again."
        ) % {"who": who, "when": when}


@admin.register(Article)
class ArticleAdmin(
    ReleaseChecksAdminMixin,
    ImportViews,
    WorkflowViews,
    RevisionViews,
    EmbargoViews,
    TranslationViews,
    ContentEditor,
):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "headline",
        "language",
        "kind",
        "state",
        "release_at",
        "is_featured",
        "check_summary",
    ]
    list_filter = [
        StateFilter,
        OwnerFilter,
        ReleaseCheckFilter,
        "language",
        "kind",
        "is_featured",
        "tags",
        "organizations",
    ]
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
        (
            None,
            {
                "fields": [
                    "language",
                    "kind",
                    "headline",
                    "slug",
                    "subheadline",
                    "summary",
                    "loaded_version",
                ]
            },
        ),
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
        js = ["admin/js/body_keyboard.js", "admin/js/release_proof.js"]
        css = {
            "all": [
                "admin/css/body_keyboard.css",
                "admin/css/release_checks.css",
                "admin/css/workflow.css",
                "admin/css/clearance.css",
            ]
        }

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()

    def view_on_site(self, obj):
        # “View on site” only where the site shows it; drafts have the Preview button.
        if obj.is_live or obj.status == ArticleStatus.WITHDRAWN:
            return obj.get_absolute_url()
        return None

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        return obj.state_label

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_live:
            correction = (
                _("Correction"),
                {"fields": ["correction_note"], "classes": ["correction"]},
            )
            return [correction, *fieldsets]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in (ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN):
            # The address of a released page never changes (its language is part of it: /es/…);
            # the release time changes only through “Cancel schedule” and publishing again.
            readonly += ["slug", "language", "release_at"]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        # A release that went out is part of the record: withdraw it instead.
        allowed = super().has_delete_permission(request, obj)
        released = obj is not None and obj.status in (
            ArticleStatus.PUBLISHED,
            ArticleStatus.WITHDRAWN,
        )
        return allowed and not released

    def get_actions(self, request):
        # Bulk deletion would skip the per-release rule above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            article = self.get_object(request, unquote(object_id))
            if article is not None and self.has_change_permission(request, article):
                ensure_baseline_revision(article)
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        reversion.set_comment(message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        reversion.set_comment(message)
        return super().log_change(request, obj, message)

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        # Django builds the block formsets before it validates the release form; the form's
        # checks (is the text changed? is a correction note needed?) look at the blocks too.
        obj._block_formsets = formsets
        return formsets, inline_instances

    def reads_only(self, request, obj):
        """Whether `request.user` sees `obj` without being able to change it."""
        return obj is not None and not self.has_change_permission(request, obj)

    def get_inline_instances(self, request, obj=None):
        # Read-only, the body is shown as readers will see it (render_change_form), not as
        # block forms: content-editor's script cannot run on read-only inlines.
        if self.reads_only(request, obj):
            return []
        return super().get_inline_instances(request, obj)

    def _content_editor_media(self, request, context):
        if self.reads_only(request, context.get("original")):
            return AssetMedia()
        return super()._content_editor_media(request, context)

    def _content_editor_context(self, request, context):
        editor = super()._content_editor_context(request, context)
        editor["messages"] |= BODY_EDITOR_MESSAGES
        return editor

    def render_change_form(self, request, context, **kwargs):
        obj = kwargs.get("obj")
        if obj is not None:
            findings = self.release_check_findings(request, obj)
            context.update(self.workflow_context(request, obj, context, findings=findings))
            if self.reads_only(request, obj):
                context["proof_url"] = reverse("admin:articles_article_preview", args=[obj.pk])
            context.update(self.translation_context(request, obj))
        response = super().render_change_form(request, context, **kwargs)
        # Both editors print inline import maps and module scripts: give them this
        # request's CSP nonce instead of weakening script-src (Django's admin prints {{ media }}
        # without one).
        response.context_data["media"] = response.context_data["media"].with_nonce(
            str(request.csp_nonce)
        )
        return response

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

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
        article = form.instance
        # After the blocks and table rows are saved: the checks read the whole body.
        self.announce_release_checks(request, body_saved(article=article, before=before))
        if not change:
            return
        after = record_edit(
            article=article,
            user=request.user,
            text_changed=form.text_changed,
            signed_changed=form.signed_changed,
            correction_note=form.cleaned_data.get("correction_note", ""),
        )
        if after.status != article.status:
            article.status = after.status
            self.message_user(
                request,
                gettext(
                    "You changed what was cleared (its text, dateline, byline or hero photo), so "
                    "the release is back in review: a release authority must clear it again."
                ),
                messages.WARNING,
            )
