from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import ApiToken, Organization, User


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = ("username", "organization", "role", "employee_id", "is_active")
    list_filter = ("organization", "role", "is_active")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            "homeclaim",
            {"fields": ("organization", "role", "employee_id", "cost_centre", "end_date")},
        ),
    )


admin.site.register(Organization)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "name",
        "hint",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    readonly_fields = ("key_hash", "hint")
