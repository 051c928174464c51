from django.contrib import admin

from orgsetup.models import AdminEvent


@admin.register(AdminEvent)
class AdminEventAdmin(admin.ModelAdmin):
    """Read-only: the admins' audit trail is append-only."""

    list_display = ("created_at", "organization", "kind", "actor", "subject")
    list_filter = ("organization", "kind")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
