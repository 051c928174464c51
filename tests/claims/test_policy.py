"""The eligible amount and its explanation, as a table."""

from datetime import date
from decimal import Decimal

import pytest

from claims.policy import Conversion, Earlier, Terms, add_months, eligible_amount
from core.money import format_money

TODAY = date(2026, 11, 28)


def terms(**overrides) -> Terms:
    base = {
        "category": ("Internet", "Internet"),
        "version": "internet 2026-01-01",
        "kind": "monthly",
        "currency": "COP",
        "cap": Decimal("80000"),
        "replacement_months": None,
        "work_use_percent": Decimal("50"),
        "legal_floor": None,
        "claim_window_days": 90,
    }
    return Terms(**{**base, **overrides})


CHAIR = {
    "category": ("Chair", "Silla"),
    "version": "chair 2026-01-01",
    "kind": "one_time",
    "cap": Decimal("600000"),
    "replacement_months": 36,
    "work_use_percent": Decimal("100"),
}

CASES = [
    # name, amount, expense date, terms overrides, earlier, expected amount, reason, Spanish fragment
    ("half of internet", "120000", date(2026, 11, 5), {}, [], "60000", None,
     "50 % de uso laboral de $ 120.000 = $ 60.000"),
    ("internet over the monthly cap", "200000", date(2026, 11, 5), {}, [], "80000", None,
     "tope mensual $ 80.000 deja $ 80.000"),
    ("second bill in the same month", "120000", date(2026, 11, 20), {},
     [Earlier(date(2026, 11, 2), date(2026, 11, 1), Decimal("50000"))], "30000", None,
     "ya aprobado para 11/2026: $ 50.000"),
    ("other month does not count", "120000", date(2026, 11, 20), {},
     [Earlier(date(2026, 10, 2), date(2026, 10, 1), Decimal("80000"))], "60000", None, "elegible $ 60.000"),
    ("legal floor lifts the allowance", "100000", date(2026, 11, 5),
     {"legal_floor": Decimal("70000")}, [], "70000", None, "aplica el mínimo legal de $ 70.000"),
    ("floor never above what was spent", "40000", date(2026, 11, 5),
     {"legal_floor": Decimal("70000")}, [], "40000", None, "elegible $ 40.000"),
    ("chair under the cap", "450000", date(2026, 10, 1), CHAIR, [], "450000", None, "elegible $ 450.000"),
    ("chair over the cap", "899900", date(2026, 10, 1), CHAIR, [], "600000", None,
     "tope por artículo $ 600.000"),
    ("chair within replacement period", "450000", date(2026, 10, 1), CHAIR,
     [Earlier(date(2024, 3, 1), date(2024, 3, 1), Decimal("500000"))], "0", "replacement_period",
     "la próxima desde 01/03/2027"),
    ("chair after replacement period", "450000", date(2026, 10, 1), CHAIR,
     [Earlier(date(2023, 9, 30), date(2023, 9, 1), Decimal("500000"))], "450000", None, "elegible"),
    ("outside the claim window", "120000", date(2026, 8, 1), {}, [], "0", "outside_window",
     "más de 90 días"),
    ("cents are rounded half up", "99999.99", date(2026, 11, 5), {"cap": None}, [], "50000.00", None,
     "= $ 50.000"),
    # Lines pending ahead of this one reserve their eligible amount.
    ("a pending bill reserves the month", "130000", date(2026, 11, 20), {},
     [Earlier(date(2026, 11, 2), date(2026, 11, 1), Decimal("60000"), pending_line=12)], "20000", None,
     "$ 60.000 ya reservados por la línea 12, pendiente"),
    ("approved and pending add up", "130000", date(2026, 11, 20), {},
     [Earlier(date(2026, 11, 2), date(2026, 11, 1), Decimal("30000")),
      Earlier(date(2026, 11, 3), date(2026, 11, 1), Decimal("50000"), pending_line=7)], "0", None,
     "tope mensual $ 80.000 deja $ 0"),
    ("a pending chair holds the period", "610000", date(2026, 10, 5), CHAIR,
     [Earlier(date(2026, 10, 1), date(2026, 10, 1), Decimal("600000"), pending_line=3)], "0",
     "replacement_period", "está pendiente en la línea 3"),
    ("a pending chair with nothing to pay does not", "450000", date(2026, 10, 5), CHAIR,
     [Earlier(date(2026, 10, 1), date(2026, 10, 1), Decimal("0"), pending_line=3)], "450000", None,
     "elegible $ 450.000"),
    ("a chair bought after a reimbursed one", "450000", date(2026, 10, 5), CHAIR,
     [Earlier(date(2027, 1, 1), date(2027, 1, 1), Decimal("500000"))], "0", "replacement_period",
     "ya se reembolsó silla el 01/01/2027"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "amount", "day", "overrides", "earlier", "expected", "reason", "spanish"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_eligible_amount(name, amount, day, overrides, earlier, expected, reason, spanish):
    result = eligible_amount(
        amount=Decimal(amount),
        expense_date=day,
        month=day.replace(day=1),
        terms=terms(**overrides),
        earlier=earlier,
        today=TODAY,
    )
    assert result.amount == Decimal(expected)
    assert result.reason == reason
    assert spanish in result.explanation("es")
    assert result.explanation("en") != result.explanation("es")
    assert result.explanation("es").startswith("política ")


def test_conversion_is_explained():
    result = eligible_amount(
        amount=Decimal("410000.00"),
        expense_date=date(2026, 11, 1),
        month=date(2026, 11, 1),
        terms=terms(**CHAIR),
        earlier=[],
        today=TODAY,
        conversion=Conversion(Decimal("100"), "USD", Decimal("4100")),
    )
    assert result.amount == Decimal("410000.00")
    assert "USD 100.00 × 4100 = COP 410,000" in result.explanation("en")
    assert "USD 100,00 × 4100 = $ 410.000" in result.explanation("es")


@pytest.mark.parametrize(
    ("amount", "currency", "language", "text"),
    [
        ("1250000", "COP", "es", "$ 1.250.000"),
        ("1250000.50", "COP", "es", "$ 1.250.000,50"),
        ("1250000", "COP", "en", "COP 1,250,000"),
        ("24.23", "EUR", "es", "EUR 24,23"),
        ("1250.5", "USD", "en", "USD 1,250.50"),
        ("-5000", "COP", "es", "-$ 5.000"),
    ],
)
def test_format_money(amount, currency, language, text):
    assert format_money(Decimal(amount), currency, language) == text


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(date(2024, 1, 31), 1, date(2024, 2, 29)), (date(2026, 11, 15), 36, date(2029, 11, 15))],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected
