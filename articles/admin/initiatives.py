from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from articles.models import Initiative

from .mixins import ReleaseCountMixin
from .shared import SharedRecordAdmin


@admin.register(Initiative)
class InitiativeAdmin(ReleaseCountMixin, SharedRecordAdmin, TranslationAdmin):
    list_display = [
        "name",
        "status",
        "start_date",
        "end_date",
        "lead_organization",
        "release_count",
    ]
    list_filter = ["status", "tags", "lead_organization"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead_organization", "partners"]
    list_select_related = ["lead_organization"]
