"""What reading a receipt gives: each field, how sure it is, and where it came from."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from receipts.ocr import parse
from receipts.ocr.parse import Candidate, Confidences

CONFIDENT = parse.CONFIDENT


@dataclass(frozen=True)
class Reading:
    total: Decimal | None
    currency: str | None
    date: datetime.date | None
    vendor: str | None
    nit: str | None
    tax: Decimal | None
    cufe: str | None
    confidence: float
    source: str  # "pdf_text" | "qr" | "ocr"
    raw_text: str
    candidates: tuple[Candidate, ...]
    service_month: datetime.date | None = None  # a bill's billing period, as its first day
    confidences: Confidences = field(default_factory=Confidences)  # .total is `confidence`

    @property
    def confident(self) -> bool:
        return self.total is not None and self.confidence >= CONFIDENT

    def sure(self, name: str) -> bool:
        """Whether a field was read surely enough to need no one's check."""
        return getattr(self, name) is not None and getattr(self.confidences, name) >= CONFIDENT


def from_parsed(parsed: parse.Parsed, source: str, text: str, cufe: str | None) -> Reading:
    return Reading(
        total=parsed.total,
        currency=parsed.currency if parsed.total is not None else None,
        date=parsed.date,
        vendor=parsed.vendor,
        nit=parsed.nit,
        tax=parsed.tax,
        cufe=cufe,
        confidence=parsed.confidence,
        source=source,
        raw_text=text,
        candidates=parsed.candidates,
        service_month=parsed.service_month,
        confidences=parsed.confidences,
    )
