from django.conf import settings
from django.contrib import admin
from django.forms import inlineformset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from articles.models import Person, PersonRole

from .mixins import ReleaseCountMixin
from .shared import SharedRecordAdmin, SharedRecordForm

# The earlier title in each language (a Spanish release prints the Spanish one); the rank is
# translated by articles/ranks.py.
ROLE_FIELDS = [
    "service",
    "rank",
    *(build_localized_fieldname("title", code) for code, _name in settings.LANGUAGES),
    "organization",
    "held_until",
]
PostedRoles = inlineformset_factory(Person, PersonRole, fields=ROLE_FIELDS, extra=0)


class PersonRoleInline(admin.TabularInline):
    model = PersonRole
    fields = ROLE_FIELDS
    autocomplete_fields = ["organization"]
    extra = 0


class PersonForm(SharedRecordForm):
    def posted_roles(self):
        """The earlier ranks as the inline below posts them: a promotion adds one in the same
        save that changes the current rank, and the policy must judge both together."""
        prefix = PostedRoles.get_default_prefix()
        if f"{prefix}-TOTAL_FORMS" not in self.data:
            return None
        posted = PostedRoles(self.data, instance=self.instance, prefix=prefix)
        if not posted.is_valid() or not posted.has_changed():
            return None  # the inline shows its own errors; unchanged roles are the stored ones
        deleted = set(posted.deleted_forms)
        return [
            form.instance
            for form in posted.forms
            if form not in deleted and (form.instance.pk or form.has_changed())
        ]


@admin.register(Person)
class PersonAdmin(ReleaseCountMixin, SharedRecordAdmin, TranslationAdmin):
    form = PersonForm
    list_display = ["__str__", "title", "organization", "is_press_contact", "release_count"]
    list_filter = ["is_press_contact", "organization"]
    search_fields = ["given_name", "family_name", "rank", "title", "organization__name"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["organization", "portrait"]
    list_select_related = ["organization"]
    inlines = [PersonRoleInline]
    fieldsets = [
        (None, {"fields": ["service", "rank", "given_name", "family_name", "slug", "title"]}),
        (_("Organization and biography"), {"fields": ["organization", "bio", "portrait"]}),
        (
            _("Press contact"),
            {
                "fields": ["is_press_contact", "email", "phone"],
                "description": _(
                    "Who is a press contact, and the e-mail and phone the site shows for "
                    "them, is an editor's decision."
                ),
            },
        ),
    ]

    def audited_fields(self, form, formsets):
        fields = super().audited_fields(form, formsets)
        if any(formset.has_changed() for formset in formsets):
            fields.append(gettext("earlier ranks and titles"))
        return fields
