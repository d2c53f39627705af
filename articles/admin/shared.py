"""The shared-records policy (articles.shared_records) on the admin pages of people,
organizations, initiatives and photos: the rules are checked on the server when the form is
validated and again when the change is recorded; the page says which releases show the record
and what the user may do about it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.shared_records import (
    CHANGE_PERMISSION,
    apply_change,
    delete_refusal,
    releases_showing,
    review_change,
)

POLICY_FIELDS = ["change_reason", "correction_note"]


class SharedRecordForm(forms.ModelForm):
    """A shared record's admin form, with the reason and correction note the policy asks for."""

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Goes into the audit log of every release that shows this record."),
    )
    correction_note = forms.CharField(
        label=_("Correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when the change alters words that published releases print: readers see "
            "this note under each of them."
        ),
    )
    user = None  # the signed-in user, set by SharedRecordAdmin.get_form

    def posted_roles(self):
        """A person's earlier ranks as posted, when this form carries them (else None)."""
        return None

    def changed_record_fields(self):
        return [name for name in self.changed_data if name not in POLICY_FIELDS]

    def _post_clean(self):
        model = type(self.instance)
        stored = model.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        super()._post_clean()
        self.shared_change = review_change(
            record=self.instance,
            stored=stored,
            user=self.user,
            changed=self.changed_record_fields(),
            roles=self.posted_roles(),
            reason=self.cleaned_data.get("change_reason", ""),
            correction_note=self.cleaned_data.get("correction_note", ""),
        )
        for name, problems in self.shared_change.errors.items():
            for problem in problems:
                self.add_error(name if name in self.fields else None, problem)


class SharedRecordAdmin(admin.ModelAdmin):
    form = SharedRecordForm

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def _showing(self, request, obj):
        """The signed releases showing `obj`, read once per request."""
        cache = request.__dict__.setdefault("_releases_showing", {})
        key = (type(obj), obj.pk)
        if key not in cache:
            cache[key] = list(releases_showing(obj))
        return cache[key]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.user.has_perm(CHANGE_PERMISSION):
            return True
        return not self._showing(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self._showing(request, obj):
            return fieldsets
        policy = ["release_use"]
        if self.has_change_permission(request, obj):
            policy += POLICY_FIELDS
        return [(_("Shown by releases"), {"fields": policy}), *fieldsets]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "release_use"]

    @admin.display(description=_("releases showing it"))
    def release_use(self, obj):
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse("admin:articles_article_change", args=[release.pk]),
                    release.headline,
                    release.state_label,
                )
                for release in releases_showing(obj)
            ),
        )
        explanation = gettext(
            "A change here changes these releases, so only an editor can make it, with a "
            "reason that goes into each one's audit log, and a correction note when words "
            "published releases print change; cleared or scheduled releases whose text changes "
            "go back to review. For your draft, you can always create a new record instead."
        )
        return format_html(
            '<ul class="shared-record-releases">{}</ul><p>{}</p>',
            links,
            explanation,
        )

    def audited_fields(self, form, formsets):
        return form.changed_record_fields()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        shared = getattr(form, "shared_change", None)
        if not change or shared is None or not shared.showing:
            return
        apply_change(
            change=shared,
            user=request.user,
            changed=self.audited_fields(form, formsets),
            reason=form.cleaned_data.get("change_reason", ""),
            correction_note=form.cleaned_data.get("correction_note", ""),
        )
        self.message_user(
            request,
            gettext("Recorded in the audit log of %(count)d releases.")
            % {"count": len(shared.showing)},
            messages.INFO,
        )

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [f"{obj}: {refusal}" for obj in objs if (refusal := delete_refusal(obj))]
        if refusals:
            # The page then explains the refusal (Django lists missing permissions instead of
            # protected objects when there are any); nothing can be deleted either way.
            return deleted, counts, set(), [*refusals, *protected]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        ensure_deletable([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        ensure_deletable(queryset)
        super().delete_queryset(request, queryset)


def ensure_deletable(records):
    for record in records:
        refusal = delete_refusal(record)
        if refusal:
            raise PermissionDenied(refusal)
