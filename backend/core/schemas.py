"""Input types shared by the apps: money and text as a careful client would send them."""

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator, BeforeValidator, ConfigDict, WithJsonSchema

from core.currencies import ISO_4217
from core.money import money_text
from core.months import month_from_text

_PLAIN_AMOUNT = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")
_PLAIN_RATE = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")


# Integers a client sends are bounded, so the database never sees one it cannot hold (an
# OverflowError, or SQLite's "datatype mismatch", would be a 500): outside the range is a 422.
ID_MAX = 2**63 - 1  # a 64-bit primary key
PAGE_MAX = 1_000_000
PAGE_SIZE_MAX = 1000

Id = Annotated[int, Field(ge=1, le=ID_MAX)]


class Pages(PageNumberPagination):
    """ninja's page-number pagination with pages and page sizes the database can offset by."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=PAGE_MAX)
        page_size: int | None = Field(None, ge=1, le=PAGE_SIZE_MAX)


class In(Schema):
    """Base of every input schema: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


def _positive_decimal(value: Any, pattern: re.Pattern[str], places: int) -> Decimal:
    # JSON numbers arrive as int/float; strings must be plain ASCII "1250000.50" (no NaN, 1e309,
    # thousands separators or non-ASCII digits, which Decimal() would otherwise accept).
    if isinstance(value, bool):
        raise ValueError("must be a number")
    if isinstance(value, int | float):
        value = repr(value) if isinstance(value, float) else str(value)
    if not isinstance(value, str) or not pattern.fullmatch(value.strip()):
        raise ValueError(f"must be a positive number with at most 12 digits and {places} decimals")
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError("must be a number") from None
    if amount <= 0:
        raise ValueError("must be greater than zero")
    return amount


Amount = Annotated[Decimal, BeforeValidator(lambda v: _positive_decimal(v, _PLAIN_AMOUNT, 2))]
Rate = Annotated[Decimal, BeforeValidator(lambda v: _positive_decimal(v, _PLAIN_RATE, 6))]


def _clean_text(value: str) -> str:
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
        raise ValueError("must not contain control characters")
    return value.strip()


Text = Annotated[str, AfterValidator(_clean_text)]


def _currency(value: str) -> str:
    if value.upper() not in ISO_4217:
        raise ValueError("must be an ISO 4217 currency code such as COP or USD")
    return value.upper()


Currency = Annotated[str, AfterValidator(_currency)]


def _month(value: Any) -> date:
    month = value if isinstance(value, date) else month_from_text(value)
    if month is None:
        raise ValueError("must be a month written YYYY-MM, such as 2026-11")
    return month


# A month in input ("2026-11"), as the date of its first day.
Month = Annotated[
    date,
    BeforeValidator(_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$", "example": "2026-11"}),
]

# Output: a Decimal amount as a plain string with two decimals ("1250000.00"), never a float.
MoneyOut = Annotated[str, BeforeValidator(lambda v: money_text(v) if isinstance(v, Decimal) else v)]


# Models store "no choice yet" as ""; the API says null, so an enum field stays an enum:
# `decision: Annotated[Decision | None, BlankIsNone]`.
BlankIsNone = BeforeValidator(lambda value: value or None)
