"""Applying the policy to an expense: the version in force, the rate, earlier uses of its limits."""

from datetime import date
from decimal import Decimal

from django.db.models import Q

from claims import errors
from claims.models import REIMBURSED_STATUSES, ClaimStatus, Decision, ExchangeRate, Expense, Policy
from claims.policy import Conversion, Earlier, Terms, eligible_amount
from core.money import quantize


def month_of(day: date) -> date:
    return day.replace(day=1)


def policy_in_force(expense: Expense) -> Policy:
    policy = (
        Policy.objects.filter(category=expense.category, effective_from__lte=expense.date)
        .order_by("-effective_from")
        .first()
    )
    if policy is None:
        raise errors.no_policy(expense.category.code, expense.date.isoformat())
    return policy


def terms_of(policy: Policy) -> Terms:
    category = policy.category
    return Terms(
        category=(category.name_en, category.name_es),
        version=policy.version_label,
        kind=policy.kind,
        currency=policy.currency,
        cap=policy.cap,
        replacement_months=policy.replacement_months,
        work_use_percent=policy.work_use_percent,
        legal_floor=policy.legal_floor,
        claim_window_days=policy.claim_window_days,
    )


def convert(expense: Expense, currency: str) -> tuple[Decimal, Conversion | None]:
    if expense.currency == currency:
        return expense.amount, None
    month = month_of(expense.date)
    rate = (
        ExchangeRate.objects.filter(
            organization_id=expense.organization_id, currency=expense.currency, month=month
        )
        .values_list("rate", flat=True)
        .first()
    )
    if rate is None:
        raise errors.no_rate(expense.currency, f"{month:%Y-%m}", currency)
    converted = quantize(expense.amount * rate)
    return converted, Conversion(amount=expense.amount, currency=expense.currency, rate=rate)


# Approvals count on every claim that is not back with the worker; a returned claim's decisions
# are made again when it comes back.
_APPROVALS_COUNT_ON = (*REIMBURSED_STATUSES, ClaimStatus.SUBMITTED)


def limit_usage(expense: Expense) -> list[Earlier]:
    """Everything else that draws on the same worker's limits in this category: every approved
    or paid line, and every line pending ahead of this one (submitted earlier, or earlier on the
    same claim), which reserves its eligible amount until HR decides it."""
    same = Expense.objects.filter(
        owner_id=expense.owner_id, category_id=expense.category_id
    ).exclude(pk=expense.pk)
    approved = same.filter(
        decision__in=(Decision.APPROVE, Decision.PARTIAL),
        claim__status__in=_APPROVALS_COUNT_ON,
    )
    pending = same.filter(decision="", claim__status=ClaimStatus.SUBMITTED)
    claim = expense.claim
    if claim is not None and claim.status == ClaimStatus.SUBMITTED and claim.submitted_at:
        pending = pending.filter(
            Q(claim__submitted_at__lt=claim.submitted_at)
            | Q(claim__submitted_at=claim.submitted_at, pk__lt=expense.pk)
        )
    uses = [
        Earlier(date=day, month=service_month or month_of(day), amount=amount or Decimal(0))
        for day, service_month, amount in approved.values_list(
            "date", "service_month", "approved_amount"
        )
    ]
    uses += [
        Earlier(
            date=day,
            month=service_month or month_of(day),
            amount=amount or Decimal(0),
            pending_line=line_id,
        )
        for line_id, day, service_month, amount in pending.values_list(
            "pk", "date", "service_month", "eligible_amount"
        )
    ]
    return uses


# The fields judge() fills in, for saving them.
JUDGED_FIELDS = [
    "policy",
    "converted_amount",
    "exchange_rate",
    "eligible_amount",
    "eligibility_reason",
    "explanation_en",
    "explanation_es",
]


def judge(expense: Expense, *, today: date, policy: Policy | None = None) -> None:
    """Fill in the policy version, conversion, eligible amount and explanation (not saved)."""
    policy = policy or policy_in_force(expense)
    converted, conversion = convert(expense, policy.currency)
    result = eligible_amount(
        amount=converted,
        expense_date=expense.date,
        month=expense.service_month or month_of(expense.date),
        terms=terms_of(policy),
        earlier=limit_usage(expense),
        today=today,
        conversion=conversion,
    )
    expense.policy = policy
    expense.converted_amount = converted
    expense.exchange_rate = conversion.rate if conversion else None
    expense.eligible_amount = result.amount
    expense.eligibility_reason = result.reason or ""
    expense.explanation_en = result.explanation("en")
    expense.explanation_es = result.explanation("es")


def claim_is_clean_line(expense: Expense) -> bool:
    """A line HR may approve in bulk: no duplicate flag and nothing the policy objected to."""
    return not expense.flags and not expense.eligibility_reason and bool(expense.eligible_amount)
