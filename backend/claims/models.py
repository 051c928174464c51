from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from accounts.models import Organization


class Category(models.Model):
    """What a worker can claim for (chair, desk, internet…), per organisation."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="categories"
    )
    code = models.SlugField(max_length=40)
    name_en = models.CharField(max_length=100)
    name_es = models.CharField(max_length=100)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="category_code_unique")
        ]
        ordering = ["organization_id", "code"]

    def __str__(self) -> str:
        return f"{self.organization}: {self.code}"


class PolicyKind(models.TextChoices):
    ONE_TIME = "one_time", "One-time item"
    MONTHLY = "monthly", "Monthly allowance"


class Policy(models.Model):
    """One version of a category's policy, in force from `effective_from` until the next version."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="policies")
    effective_from = models.DateField()
    kind = models.CharField(max_length=16, choices=PolicyKind.choices)
    currency = models.CharField(max_length=3, default="COP")
    # Per item for one-time kinds, per month for monthly kinds; null means no cap.
    cap = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    replacement_months = models.PositiveIntegerField(null=True, blank=True)
    work_use_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    legal_floor = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    payroll_concept = models.CharField(max_length=40)
    claim_window_days = models.PositiveIntegerField(default=90)
    receipt_required = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "effective_from"], name="policy_version_unique"
            )
        ]
        ordering = ["category_id", "-effective_from"]
