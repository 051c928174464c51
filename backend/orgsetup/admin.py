from django.contrib import admin

from core.admin import AppendOnlyAdmin
from orgsetup.models import AdminEvent


@admin.register(AdminEvent)
class AdminEventAdmin(AppendOnlyAdmin):
    """Read-only: the admins' audit trail is append-only."""

    list_display = ("created_at", "organization", "kind", "actor", "subject")
    list_filter = ("organization", "kind")
