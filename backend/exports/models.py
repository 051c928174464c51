from django.db import models
from django.utils import timezone

from accounts.models import Organization, User
from claims.models import Expense


class PayrollBatch(models.Model):
    """One payroll export: the lines it paid, frozen as they were, so it re-downloads identically.

    Everything the files show is kept here or on the lines (names, cost centres, concepts), so a
    later change to a person or a policy cannot change a batch already handed to payroll.
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    organization_name = models.CharField(max_length=200)
    currency = models.CharField(max_length=3)
    csv_separator = models.CharField(max_length=1)
    period = models.DateField()  # first day of the pay period's month
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    generated_at = models.DateTimeField(default=timezone.now)
    line_count = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        ordering = ["-generated_at", "-id"]
        indexes = [models.Index(fields=["organization", "period"])]


class PayrollLine(models.Model):
    """An approved claim line paid by a batch. The one-to-one on expense pays a line once, ever.

    The claim and the person are reached through the expense; `claim_ref` is the number printed
    in the files (a plain copy: each extra foreign key costs a check per line at commit).
    """

    batch = models.ForeignKey(PayrollBatch, on_delete=models.PROTECT, related_name="lines")
    expense = models.OneToOneField(Expense, on_delete=models.PROTECT, related_name="payroll_line")
    claim_ref = models.PositiveBigIntegerField()
    employee_id = models.CharField(max_length=64)
    employee_name = models.CharField(max_length=300)
    cost_centre = models.CharField(max_length=64, blank=True)
    concept = models.CharField(max_length=40)
    description_en = models.CharField(max_length=100)
    description_es = models.CharField(max_length=100)
    category = models.CharField(max_length=40)
    expense_date = models.DateField()
    service_month = models.DateField(null=True, blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    override = models.BooleanField(default=False)  # approved above the policy, with a reason

    class Meta:
        ordering = ["batch_id", "employee_id", "concept", "claim_ref", "expense_id"]
        indexes = [models.Index(fields=["batch", "employee_id", "concept"])]
