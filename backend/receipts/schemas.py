from datetime import date, datetime
from typing import Annotated

from ninja import Schema

from core.schemas import BlankIsNone, MoneyOut
from receipts.models import ReadingSource, Receipt, ReceiptKind, ReceiptStatus


class CandidateOut(Schema):
    amount: str
    label: str
    line: str
    score: float
    chosen: bool


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
    source: Annotated[ReadingSource | None, BlankIsNone]
    raw_text: str
    candidates: list[CandidateOut]
    failure_reason: str | None
    created_at: datetime
    read_at: datetime | None
    file_url: str
    preview_url: str

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
