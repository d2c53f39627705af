from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from articles.models import Person, PersonRole

from .mixins import ReleaseCountMixin


class PersonRoleInline(admin.TabularInline):
    model = PersonRole
    extra = 0


@admin.register(Person)
class PersonAdmin(ReleaseCountMixin, TranslationAdmin):
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
        (_("Press contact"), {"fields": ["is_press_contact", "email", "phone"]}),
    ]
