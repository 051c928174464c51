"""The pure cores, without Django or a database: suppression, quartiles, safe cells, CSV."""

import datetime as dt
import io
import statistics
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from exports import bargaining, payroll
from exports.sheets import csv_cell, write_csv

JAN, FEB = dt.date(2026, 1, 1), dt.date(2026, 2, 1)


def test_a_group_of_four_is_suppressed_and_its_complements_too():
    workers = {"a": 4, "b": 12, "c": 30, "total": 46}
    hidden = bargaining.suppress(workers, [["a", "b", "c", "total"]], k=10)
    # "a" alone would be total - b - c: the smallest other figure goes with it.
    assert hidden == {"a", "b"}


def test_nothing_is_hidden_when_every_group_is_big_enough():
    workers = {"a": 10, "b": 12, "total": 22}
    assert bargaining.suppress(workers, [["a", "b", "total"]], k=10) == set()


def test_a_hidden_total_with_every_part_shown_is_protected_too():
    # Two cells of 6 and 7 workers: both hidden (primary); the total of 13 may show.
    workers = {"a": 6, "b": 7, "total": 13}
    assert bargaining.suppress(workers, [["a", "b", "total"]], k=10) == {"a", "b"}
    # A hidden total whose parts all show would be their sum: one part goes with it.
    workers = {"a": 12, "b": 11, "total": 4}
    assert bargaining.suppress(workers, [["a", "b", "total"]], k=10) == {"total", "b"}


def test_complementary_suppression_spreads_across_rows_and_columns():
    # desk-Jan has 4 workers: hiding it forces one more in its row and one more in its column,
    # and those force more, until every row and column hides none or at least two.
    workers = {
        ("chair", JAN): 12, ("chair", FEB): 11, ("chair",): 20,
        ("desk", JAN): 4, ("desk", FEB): 12, ("desk",): 16,
        ("net", JAN): 15, ("net", FEB): 15, ("net",): 15,
        (JAN,): 20, (FEB,): 20, ("all",): 20,
    }  # fmt: skip
    rows = [[(c, JAN), (c, FEB), (c,)] for c in ("chair", "desk", "net")]
    cols = [[("chair", m), ("desk", m), ("net", m), (m,)] for m in (JAN, FEB)]
    margins = [[("chair",), ("desk",), ("net",), ("all",)], [(JAN,), (FEB,), ("all",)]]
    hidden = bargaining.suppress(workers, rows + cols + margins, k=10)
    assert hidden == {("desk", JAN), ("desk", FEB), ("chair", JAN), ("chair", FEB)}
    for group in rows + cols + margins:
        assert len(hidden.intersection(group)) != 1


def test_k_can_never_be_below_five():
    with pytest.raises(ValueError):
        bargaining.suppress({"a": 1}, [], k=4)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 8, 11, 13])
def test_quartiles_match_linear_interpolation(n):
    values = [Decimal(1000 * (i * i % 17) + i) for i in range(n)]
    ordered = sorted(values)
    ranked = {rank: ordered[rank - 1] for rank in bargaining.quartile_positions(n)}
    assert len(ranked) <= 6
    q1, median, q3 = bargaining.quartiles(n, ranked)
    assert median == statistics.median(ordered)
    if n > 1:
        expected = statistics.quantiles(ordered, n=4, method="inclusive")
        assert (q1, q3) == (
            Decimal(expected[0]).quantize(Decimal("0.01")),
            Decimal(expected[2]).quantize(Decimal("0.01")),
        )


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+57 300", "'+57 300"),
        ("-SUM(A1)", "'-SUM(A1)"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("a\x00b\x1fc", "abc"),
        (Decimal("-5000.5"), "-5000,50"),
        (dt.date(2026, 11, 3), "2026-11-03"),
        (None, ""),
        ("Bogotá", "Bogotá"),
    ],
)
def test_csv_cells(value, cell):
    assert csv_cell(value, decimal_comma=True) == cell


def test_csv_has_a_bom_and_quotes_the_separator():
    out = io.BytesIO()
    write_csv(out, ["a", "b"], [["x;y", Decimal("1.5")], ['say "hi"', 2]], ";")
    assert out.getvalue() == b'\xef\xbb\xbfa;b\r\n"x;y";1,50\r\n"say ""hi""";2\r\n'


def test_a_payroll_workbook_from_plain_rows():
    head = payroll.PayrollHead(
        batch_id=7,
        organization="=Org",
        currency="USD",
        period=dt.date(2026, 11, 1),
        generated_at=dt.datetime(2026, 11, 28, 9, 30),
        line_count=1,
        total=Decimal("-12.50"),
    )
    rows = [payroll.SummaryRow("1", "N", "", "C", "D", Decimal("-12.50"), "3")]
    detail = [
        payroll.DetailRow("1", "N", "C", "D", 3, 4, dt.date(2026, 11, 2), None, Decimal("-12.50"))
    ]
    out = io.BytesIO()
    payroll.write_xlsx(out, head, rows, detail, "en")
    sheet = load_workbook(out).active
    assert sheet["B2"].value == "=Org" and sheet["B2"].data_type == "s"
    assert sheet["G8"].value == -12.5  # negative money stays a number
    assert sheet["G8"].number_format.endswith('"USD" #,##0.00')


def test_fast_rows_escape_xml_and_keep_spaces():
    head = payroll.PayrollHead(
        1, "Org", "COP", dt.date(2026, 11, 1), dt.datetime(2026, 11, 28), 1, Decimal(5)
    )
    name = ' A&B <c> "d"\r\n'
    rows = [payroll.SummaryRow("=1", name, "\x00\x1f", "C", "D", Decimal("5"), "1")]
    detail = [
        payroll.DetailRow(
            "=1", name, "C", "D", 1, 2, dt.date(2026, 11, 2), dt.date(2026, 11, 1), Decimal(5)
        )
    ]
    out = io.BytesIO()
    payroll.write_xlsx(out, head, rows, detail, "es")
    book = load_workbook(out)
    sheet = book.active
    assert sheet["B8"].value == name  # escaped, spaces and line ends kept
    assert sheet["C8"].value is None  # nothing left once control characters are gone
    assert sheet["A8"].value == "=1" and sheet["A8"].data_type == "s" and sheet["A8"].quotePrefix
    detail_sheet = book["Detalle"]
    assert detail_sheet["G2"].value == dt.datetime(2026, 11, 2)
    assert detail_sheet["H2"].number_format == "yyyy-mm"
    assert detail_sheet["E2"].value == 1 and detail_sheet["F2"].value == 2
