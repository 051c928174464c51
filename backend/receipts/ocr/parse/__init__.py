"""Pure parsing of receipt text: amounts, totals, dates, vendor, NIT, currency, tax.

No I/O and no Django: every function takes strings and returns plain values, and none of them
raises on any input string (a property test checks this).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from receipts.ocr.parse.currency import detect_currency
from receipts.ocr.parse.dates import (
    find_date,
    find_service_month,
    issued_for,
    looks_dated,
    parse_date,
)
from receipts.ocr.parse.lines import classify
from receipts.ocr.parse.numbers import CENT, MAX_AMOUNT, Amount, find_amounts, parse_number
from receipts.ocr.parse.parties import (
    as_name,
    find_nit,
    find_vendor,
    known_words,
    may_name,
    names_company,
    nit_check_digit,
    parse_nit,
    parse_vendor,
)
from receipts.ocr.parse.totals import CONFIDENT, Candidate, find_tax, find_total

__all__ = [
    "CENT", "CONFIDENT", "MAX_AMOUNT", "Amount", "Candidate", "Confidences", "Parsed", "as_name",
    "classify", "detect_currency", "find_amounts", "find_date", "find_nit", "find_service_month",
    "find_tax", "find_total", "find_vendor", "issued_for", "known_words", "looks_dated", "may_name", "names_company", "nit_check_digit",
    "parse_date", "parse_nit", "parse_number", "parse_text", "parse_vendor",
]  # fmt: skip


@dataclass(frozen=True)
class Confidences:
    """How sure the reading of each field is, 0..1; a field at or above CONFIDENT needs no check."""

    total: float = 0.0
    date: float = 0.0
    vendor: float = 0.0
    nit: float = 0.0
    service_month: float = 0.0


@dataclass(frozen=True)
class Parsed:
    total: Decimal | None
    confidence: float
    candidates: tuple[Candidate, ...]
    currency: str
    date: datetime.date | None
    vendor: str | None
    nit: str | None
    tax: Decimal | None
    service_month: datetime.date | None = None  # a bill's billing period, as its first day
    confidences: Confidences = field(default_factory=Confidences)


def _tens(total: Decimal) -> Decimal:
    """A peso total whose units and cents are only misread zeros (8, 9, 6) as the tens it was
    printed as: "2.012.000,08" for 2.012.000, "445.608,08" for 445.600; any other as read."""
    below = total % 10
    return total - below if set(f"{below:.2f}".replace(".", "")) <= set("0689") else total


def parse_text(
    text: str, *, default_currency: str = "COP", today: datetime.date | None = None
) -> Parsed:
    """Every field the text gives, each on its own; never raises."""
    text = text[:200_000]  # a receipt is short; bound the work on hostile input
    total, confidence, candidates = find_total(text)
    chosen_line = next((c.line for c in candidates if c.chosen), "")
    currency = detect_currency(text, default_currency, chosen_line)
    amounts = find_amounts(chosen_line)
    if currency != "COP" and amounts and not amounts[-1].has_cents:
        confidence = round(max(0.0, confidence - 0.3), 3)  # cents are printed: one was misread
    elif currency == "COP" and total is not None and total % 10 and amounts and amounts[-1].grouped:
        # no coin below 50 pesos, prices in tens: "80.900,09" or "163.709" is a misread "00"
        # that another engine may misread alike; so doubted that its agreement counts for little
        total = _tens(total)
        confidence = min(confidence, 0.3)
    tax = find_tax(text, total)
    date, date_confidence = find_date(text, today)
    vendor, vendor_confidence = find_vendor(text)
    nit, nit_confidence = find_nit(text)
    month, month_confidence = find_service_month(text, today)
    confidences = Confidences(
        confidence, date_confidence, vendor_confidence, nit_confidence, month_confidence
    )
    return Parsed(total, confidence, candidates, currency, date, vendor, nit, tax, month,
                  confidences)  # fmt: skip
