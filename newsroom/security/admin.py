from django.contrib import admin

from newsroom.admin_mixins import ReadOnlyAdminMixin

from .models import SignInEvent


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log is read-only: nobody, not even a site administrator, edits history."""

    list_display = ["created_at", "kind", "username", "ip_address", "user_agent"]
    list_filter = ["kind", "created_at"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "created_at"
