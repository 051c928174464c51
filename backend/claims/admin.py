from django.contrib import admin

from claims.models import Category, Policy


class PolicyInline(admin.TabularInline):
    model = Policy
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "organization", "active")
    list_filter = ("organization",)
    inlines = [PolicyInline]
