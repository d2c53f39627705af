from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class ReleaseCountMixin:
    """Shows how many releases mention each row; the QuerySet provides `with_release_count()`."""

    def get_queryset(self, request):
        # Aggregating queries drop Meta.ordering (Django 3.1+); keep lists and autocompletes sorted.
        queryset = super().get_queryset(request).with_release_count()
        return queryset.order_by(*self.model._meta.ordering)

    @admin.display(description=_("releases"), ordering="release_count")
    def release_count(self, obj):
        return obj.release_count
