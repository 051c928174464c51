import datetime as dt
from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema

from core.schemas import Amount, BlankIsNone, MoneyOut
from receipts.models import ClaimState, ReadingSource, Receipt, ReceiptKind, ReceiptStatus
from receipts.ocr.parse.totals import CONFIDENT
from receipts.suggest import suggest_category

READ_STATUSES = (ReceiptStatus.DONE, ReceiptStatus.NEEDS_REVIEW)


def suggested_category_of(obj: Receipt) -> str | None:
    """A category code suggested by what was read (the UI checks the organisation has it)."""
    if obj.status not in READ_STATUSES:
        return None
    return suggest_category(
        vendor=obj.vendor,
        nit=obj.nit,
        text=obj.raw_text,
        has_service_month=obj.service_month is not None,
    )


class CandidateOut(Schema):
    amount: str
    label: str
    line: str
    score: float
    chosen: bool


READ_FIELDS = ("total", "date", "vendor", "nit", "service_month")


class ConfidencesOut(Schema):
    """How sure the reading is of each field, 0..1; below CONFIDENT the UI asks the worker."""

    total: float
    date: float
    vendor: float
    nit: float
    service_month: float


class ReceiptOut(Schema):
    id: int
    status: ReceiptStatus
    kind: ReceiptKind
    content_type: str
    pages: int
    total: MoneyOut | None
    currency: str | None
    date: date | None
    vendor: str | None
    nit: str | None
    tax: MoneyOut | None
    cufe: str | None
    confidence: float | None
    service_month: dt.date | None
    confidences: ConfidencesOut | None  # None for receipts read before fields had their own
    unsure_fields: list[str]  # read, but not surely: the only fields the UI marks for a check
    source: Annotated[ReadingSource | None, BlankIsNone]
    raw_text: str
    candidates: list[CandidateOut]
    failure_reason: str | None
    created_at: datetime
    read_at: datetime | None
    file_url: str
    preview_url: str
    suggested_category: str | None

    @staticmethod
    def resolve_suggested_category(obj: Receipt) -> str | None:
        return suggested_category_of(obj)

    @staticmethod
    def resolve_confidences(obj: Receipt) -> dict | None:
        known = obj.field_confidences or {}
        return {name: known.get(name, 0.0) for name in READ_FIELDS} if known else None

    @staticmethod
    def resolve_unsure_fields(obj: Receipt) -> list[str]:
        known = obj.field_confidences or {}
        return [
            name
            for name in READ_FIELDS
            if getattr(obj, name) not in (None, "") and known.get(name, 0.0) < CONFIDENT
        ]

    @staticmethod
    def resolve_file_url(obj: Receipt) -> str:
        return f"/api/receipts/{obj.pk}/file"

    @staticmethod
    def resolve_preview_url(obj: Receipt) -> str:
        return f"/api/receipts/{obj.pk}/preview"


class ReceiptListOut(Schema):
    """The list leaves out the raw text and candidates, which only the detail needs."""

    id: int
    status: ReceiptStatus
    kind: ReceiptKind
    total: MoneyOut | None
    currency: str | None
    date: date | None
    vendor: str | None
    confidence: float | None
    created_at: datetime
    preview_url: str
    suggested_category: str | None
    claim_state: ClaimState
    expense_id: int | None  # the expense made of it, if any (an unclaimed one is added as it is)

    @staticmethod
    def resolve_preview_url(obj: Receipt) -> str:
        return f"/api/receipts/{obj.pk}/preview"

    @staticmethod
    def resolve_suggested_category(obj: Receipt) -> str | None:
        return suggested_category_of(obj)

    @staticmethod
    def resolve_expense_id(obj: Receipt) -> int | None:
        return getattr(obj, "expense_pk", None)

    @staticmethod
    def resolve_claim_state(obj: Receipt) -> str:
        return getattr(obj, "claim_state", ClaimState.UNCLAIMED)


class ReceiptFilters(Schema):
    """The receipts list's search: vendor words, the claim state, a date and an amount range."""

    q: Annotated[str, Field(max_length=100)] = ""
    claimed: ClaimState | None = None
    date_from: date | None = None
    date_to: date | None = None
    amount_min: Amount | None = None
    amount_max: Amount | None = None
