import datetime as dt
from datetime import date, datetime
from typing import Annotated

from ninja import Schema

from core.schemas import BlankIsNone, MoneyOut
from receipts.models import ReadingSource, Receipt, ReceiptKind, ReceiptStatus
from receipts.ocr.parse.totals import CONFIDENT


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

    @staticmethod
    def resolve_preview_url(obj: Receipt) -> str:
        return f"/api/receipts/{obj.pk}/preview"
