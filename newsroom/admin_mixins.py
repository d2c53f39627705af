"""Admin behaviour shared by the project's apps."""


class ReadOnlyAdminMixin:
    """For records the code writes and the admin only shows (audit logs, workflow records):
    nobody adds, changes or deletes them there, not even a site administrator."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
