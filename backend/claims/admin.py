from django.contrib import admin

from claims.models import Category, Claim, ClaimEvent, ExchangeRate, Expense, Policy
from core.admin import AppendOnlyAdmin


class PolicyInline(admin.TabularInline):
    model = Policy
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "organization", "active")
    list_filter = ("organization",)
    inlines = [PolicyInline]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("organization", "month", "currency", "rate")
    list_filter = ("organization", "currency")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("id", "owner", "organization", "status", "submitted_at")
    list_filter = ("organization", "status")
    readonly_fields = ("status", "version", "submitted_at", "decided_at", "decided_by", "paid_at")


@admin.register(Expense)
class ExpenseAdmin(admin.ModelAdmin):
    list_display = ("id", "owner", "category", "amount", "currency", "date", "decision")
    list_filter = ("organization", "category__code", "decision")


@admin.register(ClaimEvent)
class ClaimEventAdmin(AppendOnlyAdmin):
    """The audit trail can be read here, never written: it is append-only."""

    list_display = ("created_at", "organization", "kind", "actor", "claim")
    list_filter = ("organization", "kind")
