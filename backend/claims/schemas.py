import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from accounts.models import Role
from claims.models import (
    Claim,
    ClaimStatus,
    Decision,
    EventKind,
    Expense,
    FlagKind,
    PolicyKind,
    ReasonCode,
)
from claims.selectors import flags_as_owner_sees
from core.language import is_spanish
from core.schemas import Amount, BlankIsNone, Currency, Id, In, MoneyOut, Month, Rate, Text


class ExpenseIn(In):
    receipt_id: Id | None = None
    category: str = Field(min_length=1, max_length=40)
    amount: Amount | None = None
    currency: Currency | None = None
    date: dt.date | None = None
    vendor: Text | None = Field(default=None, max_length=200)
    note: Text | None = Field(default=None, max_length=1000)
    service_month: dt.date | None = None


class ExpensePatch(In):
    category: str | None = Field(default=None, min_length=1, max_length=40)
    amount: Amount | None = None
    currency: Currency | None = None
    date: dt.date | None = None
    vendor: Text | None = Field(default=None, max_length=200)
    note: Text | None = Field(default=None, max_length=1000)
    service_month: dt.date | None = None


class FlagOut(Schema):
    kind: FlagKind
    expense_id: int | None  # the other expense; hidden from a worker when it is someone else's
    receipt_id: int | None  # its receipt, to open beside this one: yours, or for HR once submitted
    yours: bool  # the other expense is the caller's own
    owner: str | None  # for HR: whose expense it is


class ExpenseOut(Schema):
    id: int
    receipt_id: int | None
    category: str
    amount: MoneyOut
    currency: str
    read_amount: MoneyOut | None
    read_currency: str | None
    date: dt.date
    service_month: dt.date | None
    vendor: str
    note: str
    converted_amount: MoneyOut | None
    exchange_rate: str | None
    eligible_amount: MoneyOut | None
    eligible_currency: str
    eligibility_reason: str | None
    explanation: str
    policy_version: str | None
    flags: list[FlagOut]
    claim_id: int | None
    decision: Annotated[Decision | None, BlankIsNone]
    approved_amount: MoneyOut | None
    reason_code: Annotated[ReasonCode | None, BlankIsNone]
    override: bool
    decision_note: str
    appeal_note: str
    appealed: bool
    in_payroll: bool  # paid, or in a payroll batch: its decision can no longer be undone
    created_at: dt.datetime

    @staticmethod
    def resolve_category(obj: Expense) -> str:
        return obj.category.code

    @staticmethod
    def resolve_exchange_rate(obj: Expense) -> str | None:
        return None if obj.exchange_rate is None else str(obj.exchange_rate)

    @staticmethod
    def resolve_eligible_currency(obj: Expense) -> str:
        return obj.policy.currency if obj.policy else obj.organization.currency

    @staticmethod
    def resolve_explanation(obj: Expense) -> str:
        return obj.explanation_es if is_spanish() else obj.explanation_en

    @staticmethod
    def resolve_policy_version(obj: Expense) -> str | None:
        return obj.policy.version_label if obj.policy else None

    @staticmethod
    def resolve_appealed(obj: Expense) -> bool:
        return obj.appealed_at is not None

    @staticmethod
    def resolve_in_payroll(obj: Expense) -> bool:
        return hasattr(obj, "payroll_line")  # the reverse side of exports' PayrollLine

    @staticmethod
    def resolve_flags(obj: Expense) -> list[dict]:
        # claims.selectors.flags_shown_to sets what a reviewer sees; by default, what its owner sees.
        shown = getattr(obj, "flags_shown", None)
        return shown if shown is not None else flags_as_owner_sees(obj)


class ClaimIn(In):
    expense_ids: list[Id] = Field(min_length=1, max_length=200)


class ClaimLinesIn(In):
    expense_ids: list[Id] = Field(max_length=200)


def _sum(values) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


class ClaimSummaryOut(Schema):
    id: int
    status: ClaimStatus
    version: int
    owner: str
    owner_name: str
    employee_id: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    decided_by: str | None
    paid_at: dt.datetime | None
    currency: str
    line_count: int
    total_claimed: MoneyOut
    total_eligible: MoneyOut
    total_approved: MoneyOut
    flagged: bool

    @staticmethod
    def resolve_owner(obj: Claim) -> str:
        return obj.owner.username

    @staticmethod
    def resolve_owner_name(obj: Claim) -> str:
        return obj.owner.get_full_name()

    @staticmethod
    def resolve_employee_id(obj: Claim) -> str:
        return obj.owner.employee_id

    @staticmethod
    def resolve_decided_by(obj: Claim) -> str | None:
        reviewer = obj.decided_by
        return (reviewer.get_full_name() or reviewer.username) if reviewer else None

    @staticmethod
    def resolve_currency(obj: Claim) -> str:
        return obj.organization.currency

    @staticmethod
    def resolve_line_count(obj: Claim) -> int:
        return len(obj.lines.all())

    @staticmethod
    def resolve_total_claimed(obj: Claim) -> Decimal:
        return _sum(line.converted_amount for line in obj.lines.all())

    @staticmethod
    def resolve_total_eligible(obj: Claim) -> Decimal:
        return _sum(line.eligible_amount for line in obj.lines.all())

    @staticmethod
    def resolve_total_approved(obj: Claim) -> Decimal:
        return _sum(line.approved_amount for line in obj.lines.all())

    @staticmethod
    def resolve_flagged(obj: Claim) -> bool:
        return any(line.flags for line in obj.lines.all())


class ClaimOut(ClaimSummaryOut):
    lines: list[ExpenseOut]
    recallable: bool  # submitted, and HR has neither opened nor decided it yet

    @staticmethod
    def resolve_lines(obj: Claim) -> list[Expense]:
        return list(obj.lines.all())

    @staticmethod
    def resolve_recallable(obj: Claim) -> bool:
        return (
            obj.status == ClaimStatus.SUBMITTED
            and obj.review_opened_at is None
            and not any(line.decision for line in obj.lines.all())
        )


class LineDecisionIn(In):
    expense_id: Id
    action: Decision
    approved_amount: Amount | None = None
    reason_code: ReasonCode | None = None
    note: Text = Field(default="", max_length=1000)
    # Approve above what the policy allows: deliberate, with a reason code, shown in the trail
    # and in the payroll file.
    override: bool = False


class DecisionIn(In):
    lines: list[LineDecisionIn] = Field(min_length=1, max_length=200)
    version: int | None = None  # the version the reviewer saw; a mismatch is a 409


class AppealIn(In):
    note: Text = Field(min_length=1, max_length=1000)


class EventOut(Schema):
    id: int
    kind: EventKind
    actor: str | None
    actor_role: Role | None
    at: dt.datetime
    expense_id: int | None
    data: dict


class CategoryOut(Schema):
    code: str
    name: str
    kind: PolicyKind | None
    currency: str | None
    cap: str | None
    replacement_months: int | None
    work_use_percent: str | None
    legal_floor: str | None
    claim_window_days: int | None
    receipt_required: bool
    policy_version: str | None


class RateIn(In):
    month: Month
    currency: Currency
    rate: Rate


class RateOut(Schema):
    month: str
    currency: str
    rate: str
