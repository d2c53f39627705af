from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from articles.models import Organization

from .mixins import ReleaseCountMixin
from .shared import SharedRecordAdmin


@admin.register(Organization)
class OrganizationAdmin(ReleaseCountMixin, SharedRecordAdmin, TranslationAdmin):
    list_display = ["name", "abbreviation", "kind", "country", "parent", "release_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "logo"]
    list_select_related = ["parent"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
