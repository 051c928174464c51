from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Upper

from accounts.models import Organization, User
from core.audit import AppendOnlyModel


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

    @property
    def version_label(self) -> str:
        """How people and files name a version: "internet 2026-01-01"."""
        return f"{self.category.code} {self.effective_from.isoformat()}"


class ExchangeRate(models.Model):
    """How many units of the organisation's currency one unit of `currency` was worth that month."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="rates")
    month = models.DateField()  # first day of the month
    currency = models.CharField(max_length=3)
    rate = models.DecimalField(max_digits=18, decimal_places=6)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "month", "currency"], name="rate_unique_per_month"
            )
        ]
        ordering = ["-month", "currency"]


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    PARTIALLY_APPROVED = "partially_approved", "Partially approved"
    REJECTED = "rejected", "Rejected"
    RETURNED = "returned", "Returned"
    PAID = "paid", "Paid"
    # Paid by payroll with some line rejected or cut: the rejection stays in view (and appealable).
    PARTIALLY_PAID = "partially_paid", "Partly paid"


# A claim whose approved lines count as reimbursed: decided in the worker's favour, or paid.
REIMBURSED_STATUSES = (
    ClaimStatus.APPROVED,
    ClaimStatus.PARTIALLY_APPROVED,
    ClaimStatus.PAID,
    ClaimStatus.PARTIALLY_PAID,
)


class Claim(models.Model):
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="claims")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    version = models.PositiveIntegerField(default=0)  # bumped on every state change
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    # When HR first opened the submitted claim: from then on the worker can no longer recall it.
    review_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "status", "submitted_at"])]


class Decision(models.TextChoices):
    APPROVE = "approve", "Approve"
    PARTIAL = "partial", "Approve in part"
    REJECT = "reject", "Reject"
    RETURN = "return", "Return to the worker"


class ReasonCode(models.TextChoices):
    OVER_CAP = "over_cap", "Over the cap"
    DUPLICATE = "duplicate", "Duplicate"
    NOT_ELIGIBLE = "not_eligible", "Not eligible"
    UNREADABLE_RECEIPT = "unreadable_receipt", "Unreadable receipt"
    OUTSIDE_WINDOW = "outside_window", "Outside the claim window"
    MISSING_INFO = "missing_info", "Missing information"
    OTHER = "other", "Other"


class Expense(models.Model):
    """One thing a worker paid for; once in a claim it is a line that HR decides."""

    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="expenses")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    receipt = models.OneToOneField(
        "receipts.Receipt", on_delete=models.PROTECT, null=True, blank=True, related_name="expense"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="expenses")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    read_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    read_currency = models.CharField(max_length=3, blank=True)
    date = models.DateField()
    service_month = models.DateField(null=True, blank=True)  # first day; recurring categories
    vendor = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=1000, blank=True)

    # What the policy allows, in the organisation's currency, and why.
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, null=True, related_name="+")
    converted_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    eligible_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    eligibility_reason = models.CharField(max_length=32, blank=True)
    explanation_en = models.TextField(blank=True)
    explanation_es = models.TextField(blank=True)
    flags = models.JSONField(
        default=list, blank=True
    )  # possible duplicates, with the other expense

    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="lines"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    approved_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    reason_code = models.CharField(max_length=20, choices=ReasonCode.choices, blank=True)
    # HR approved more than the policy allows, deliberately, with the reason code above.
    override = models.BooleanField(default=False)
    decision_note = models.CharField(max_length=1000, blank=True)
    appeal_note = models.CharField(max_length=1000, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["organization", "vendor", "amount", "date"]),
            # The same-vendor duplicate check compares vendors without case (UPPER on PostgreSQL).
            models.Index(
                F("organization"),
                Upper("vendor"),
                F("amount"),
                F("date"),
                name="expense_org_vendor_ci",
            ),
            models.Index(fields=["owner", "category", "date"]),
        ]


class FlagKind(models.TextChoices):
    """Why a line may duplicate another (stored in Expense.flags, not a column)."""

    SAME_FILE = "same_file", "Same file"
    SIMILAR_IMAGE = "similar_image", "Same picture taken again"
    SAME_CUFE = "same_cufe", "Same e-invoice (CUFE)"
    SAME_VENDOR_AMOUNT_DATE = "same_vendor_amount_date", "Same vendor, amount and date"


class EventKind(models.TextChoices):
    EXPENSE_CREATED = "expense_created", "Expense created"
    AMOUNT_READ = "amount_read", "Amount read from the receipt"
    AMOUNT_CHANGED = "amount_changed", "Amount changed"
    CLAIM_CREATED = "claim_created", "Claim created"
    SUBMITTED = "submitted", "Submitted"
    DECIDED = "decided", "Decided"
    RETURNED = "returned", "Returned"
    APPEALED = "appealed", "Appealed"
    PAID = "paid", "Paid"
    EXPORTED = "exported", "Exported"
    RECEIPT_VIEWED = "receipt_viewed", "Receipt viewed"
    RECALLED = "recalled", "Recalled by the worker"
    DECISION_UNDONE = "decision_undone", "Decision undone"


class ClaimEvent(AppendOnlyModel):
    """The audit trail: append-only, readable by the worker whose claim it is."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, null=True, related_name="events")
    expense = models.ForeignKey(Expense, on_delete=models.SET_NULL, null=True, related_name="+")
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
