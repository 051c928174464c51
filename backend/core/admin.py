from django.contrib import admin


class AppendOnlyAdmin(admin.ModelAdmin):
    """For audit trails: the back office may read them, never add, change or delete."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
