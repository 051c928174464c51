import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import Field, model_validator

from accounts.models import Role, User
from claims.models import Category, Policy, PolicyKind
from core.schemas import Currency, Id, In, MoneyOut, Text
from orgsetup.models import AdminEventKind

USERNAME = r"^[\w.@+-]{1,150}$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"

# Fields typed without `| None` but defaulting to None may be left out, but not sent as null.


class PersonOut(Schema):
    id: int
    employee_id: str
    username: str
    full_name: str
    email: str
    role: Role
    cost_centre: str
    start_date: dt.date | None
    end_date: dt.date | None
    is_active: bool
    can_log_in: bool
    has_password: bool
    activation_pending: bool

    @staticmethod
    def resolve_full_name(obj: User) -> str:
        return obj.get_full_name()

    @staticmethod
    def resolve_can_log_in(obj: User) -> bool:
        return obj.can_log_in()

    @staticmethod
    def resolve_has_password(obj: User) -> bool:
        return obj.has_usable_password()

    @staticmethod
    def resolve_activation_pending(obj: User) -> bool:
        return bool(getattr(obj, "activation_pending", False))


class PersonPatch(In):
    full_name: Text = Field(default=None, min_length=1, max_length=150)  # type: ignore[assignment]
    username: str = Field(default=None, pattern=USERNAME)  # type: ignore[assignment]
    email: str = Field(default=None, max_length=254, pattern=rf"{EMAIL}|^$")  # type: ignore[assignment]
    employee_id: Text = Field(default=None, max_length=64)  # type: ignore[assignment]
    role: Role = None  # type: ignore[assignment]
    cost_centre: Text = Field(default=None, max_length=64)  # type: ignore[assignment]
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    is_active: bool = None  # type: ignore[assignment]


class PeopleBulkPatch(In):
    ids: list[Id] = Field(min_length=1, max_length=1000)
    role: Role = None  # type: ignore[assignment]
    cost_centre: Text = Field(default=None, max_length=64)  # type: ignore[assignment]
    end_date: dt.date | None = None
    is_active: bool = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _some_change(self) -> "PeopleBulkPatch":
        if not self.model_fields_set - {"ids"}:
            raise ValueError("give at least one change: role, cost_centre, end_date or is_active")
        return self


class BulkOut(Schema):
    updated: int


class ProblemOut(Schema):
    row: int | None
    column: str | None
    field: str | None
    code: str
    message: str


class FileInfoOut(Schema):
    kind: str
    encoding: str | None
    separator: str | None
    header_row: int
    columns: dict[str, str]
    ignored_columns: list[str]


class ChangeOut(Schema):
    employee_id: str
    fields: list[str]


class PeopleImportOut(Schema):
    dry_run: bool
    applied: bool
    file: FileInfoOut
    rows: int
    created: int
    updated: int
    unchanged: int
    error_rows: int
    errors: list[ProblemOut]
    errors_truncated: bool
    changes: list[ChangeOut]
    notes: list[str]
    confirm_token: str


class ImportRejectedOut(Schema):
    """422 `import_has_errors`: `details.report` is the same report, with `applied` false."""

    code: str
    message: str
    details: dict[str, Any]


class ActivationLinksIn(In):
    ids: list[Id] | None = Field(default=None, max_length=100_000)
    renew: bool = False
    # A code replaces a password once used: for someone who has one, only when asked for.
    # None rather than False by default, so the generated client types do not require it.
    reset_password: bool | None = None
    format: Literal["json", "csv"] = "json"


class ActivationCodeOut(Schema):
    id: int
    employee_id: str
    username: str
    full_name: str
    code: str
    link: str


class ActivationLinksOut(Schema):
    count: int
    expires_at: dt.datetime | None
    codes: list[ActivationCodeOut]


class ActivateIn(In):
    code: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class ActivatedOut(Schema):
    username: str


class PolicyTermsIn(In):
    kind: PolicyKind = None  # type: ignore[assignment]
    currency: Currency = None  # type: ignore[assignment]
    cap: Decimal | None = None
    replacement_months: int | None = None
    work_use_percent: Decimal = None  # type: ignore[assignment]
    legal_floor: Decimal | None = None
    payroll_concept: str = Field(default=None, max_length=40)  # type: ignore[assignment]
    claim_window_days: int = None  # type: ignore[assignment]
    receipt_required: bool = None  # type: ignore[assignment]


class PolicyIn(PolicyTermsIn):
    effective_from: dt.date


class PolicyPatch(PolicyTermsIn):
    effective_from: dt.date = None  # type: ignore[assignment]


class PolicyOut(Schema):
    version: str
    effective_from: dt.date
    kind: PolicyKind
    currency: str
    cap: MoneyOut | None
    replacement_months: int | None
    work_use_percent: str
    legal_floor: MoneyOut | None
    payroll_concept: str
    claim_window_days: int
    receipt_required: bool
    in_use: bool

    @staticmethod
    def resolve_version(obj: Policy) -> str:
        return obj.version_label

    @staticmethod
    def resolve_work_use_percent(obj: Policy) -> str:
        return f"{obj.work_use_percent:.2f}"

    @staticmethod
    def resolve_in_use(obj: Policy) -> bool:
        return bool(getattr(obj, "in_use", False))


class CategoryIn(In):
    code: str = Field(min_length=1, max_length=40)
    name_en: Text = Field(min_length=1, max_length=100)
    name_es: Text = Field(min_length=1, max_length=100)
    active: bool = True
    policy: PolicyIn | None = None


class CategoryPatch(In):
    name_en: Text = Field(default=None, min_length=1, max_length=100)  # type: ignore[assignment]
    name_es: Text = Field(default=None, min_length=1, max_length=100)  # type: ignore[assignment]
    active: bool = None  # type: ignore[assignment]


class CategoryAdminOut(Schema):
    code: str
    name_en: str
    name_es: str
    active: bool
    policy_in_force: str | None  # the version that applies today
    policies: list[PolicyOut]  # newest first

    @staticmethod
    def resolve_policies(obj: Category) -> list[Policy]:
        return list(obj.policies.all())

    @staticmethod
    def resolve_policy_in_force(obj: Category) -> str | None:
        today = timezone.localdate()
        policy = next((p for p in obj.policies.all() if p.effective_from <= today), None)
        return policy.version_label if policy else None


class RatesImportOut(Schema):
    dry_run: bool
    applied: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    error_rows: int
    errors: list[ProblemOut]
    errors_truncated: bool


class OrganizationOut(Schema):
    name: str
    currency: str
    csv_separator: str


class OrganizationPatch(In):
    currency: Currency = None  # type: ignore[assignment]
    csv_separator: Literal[";", ",", "\t", "|"] = None  # type: ignore[assignment]


class AdminEventOut(Schema):
    id: int
    kind: AdminEventKind
    at: dt.datetime = Field(alias="created_at")
    actor: str | None
    subject_id: int | None
    subject_name: str | None  # full name, else username
    subject_employee_id: str | None
    data: dict[str, Any]

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.username if obj.actor else None

    @staticmethod
    def resolve_subject_name(obj) -> str | None:
        return (obj.subject.get_full_name() or obj.subject.username) if obj.subject else None

    @staticmethod
    def resolve_subject_employee_id(obj) -> str | None:
        return obj.subject.employee_id if obj.subject else None
