"""Every code a person may read has a word in both languages; numbers and plurals read right."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import models
from openpyxl import load_workbook

from accounts.models import Role
from claims.models import ClaimStatus, Decision, EventKind, ReasonCode
from exports import payroll, words
from orgsetup.models import AdminEventKind
from receipts.models import ReceiptKind, ReceiptStatus

TABLES: list[tuple[type[models.TextChoices], words.Words]] = [
    (ReceiptStatus, words.RECEIPT_STATUS),
    (ReceiptKind, words.RECEIPT_KIND),
    (ClaimStatus, words.CLAIM_STATUS),
    (Decision, words.DECISION),
    (ReasonCode, words.REASON_CODE),
    (EventKind, words.EVENT_KIND),
    (AdminEventKind, words.ADMIN_EVENT_KIND),
    (Role, words.ROLE),
]


@pytest.mark.parametrize(("choices", "table"), TABLES, ids=[c.__name__ for c, _ in TABLES])
def test_every_value_has_a_word_in_both_languages(choices, table):
    assert set(table) == set(choices.values)  # a new value without a word fails here
    for code, entry in table.items():
        assert set(entry) == {"en", "es"}, code
        assert all(entry.values()), code


def test_a_word_replaces_the_code():
    assert words.word(words.RECEIPT_STATUS, "needs_review", "es-co") == "Por revisar"
    assert words.word(words.CLAIM_STATUS, "partially_paid", "en") == "Partly paid"
    assert words.word(words.DECISION, "", "es") == ""


def test_numbers_plurals_and_dates_per_language():
    assert words.number(Decimal("1234567.5"), "es") == "1.234.567,50"
    assert words.number("1234567.5", "en") == "1,234,567.50"
    assert words.count("lines", 1, "es") == "1 línea"
    assert words.count("lines", 2, "es") == "2 líneas"
    assert words.count("lines", 1, "en") == "1 line"
    assert words.date(dt.date(2026, 11, 30), "es") == "30 nov 2026"
    assert words.period("2026-01", "en") == "Jan 2026"


def test_an_events_data_reads_as_a_sentence_without_internal_keys():
    data = {
        "expense_id": 7,
        "person_id": 3,
        "confirm_token": "abc",
        "decision": "partial",
        "approved_amount": "450000.00",
        "reason_code": "over_cap",
        "override": False,
        "note": "",
    }
    assert words.sentence(data, "es") == (
        "Decisión: Aprobado en parte; Valor aprobado: 450.000,00; Motivo: Supera el tope"
    )
    assert words.sentence({"old": "1000", "new": "1200.5", "currency": "USD"}, "en") == (
        "Currency: USD; Before: 1,000.00; Now: 1,200.50"
    )
    assert words.sentence({"expense_ids": [1, 2]}, "es") == "Líneas: 2 líneas"
    assert words.sentence({"export": "worker_pack", "person_id": 4}, "en") == (
        "Export: my data pack"
    )


@pytest.mark.parametrize(
    ("language", "lines", "words_of"),
    [("es", 1, "1 línea"), ("es", 2, "2 líneas"), ("en", 1, "1 line")],
)
def test_the_payroll_totals_row_counts_its_lines_in_words(language, lines, words_of):
    head = payroll.PayrollHead(
        1, "Org", "COP", dt.date(2026, 11, 1), dt.datetime(2026, 11, 28), lines, Decimal(5)
    )
    row = payroll.SummaryRow("E-1", "Ana", "", "C", "Reembolso", Decimal(5), "1")
    out = io.BytesIO()
    payroll.write_xlsx(out, head, [row], [], language)
    values = [c for r in load_workbook(out).active.iter_rows(values_only=True) for c in r]
    assert words_of in values
