from django.contrib import admin

from .models import SignInEvent


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    """The audit log is read-only: nobody, not even a site administrator, edits history."""

    list_display = ["created_at", "kind", "username", "ip_address", "user_agent"]
    list_filter = ["kind", "created_at"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
