"""The bargaining pack and the negotiator's figures: aggregates only, small groups suppressed."""

import datetime as dt
import io
import statistics
import zipfile
from decimal import Decimal

import pytest

from tests.exports.conftest import body_of, workbook_of
from tests.personas import assert_error

pytestmark = pytest.mark.django_db

JAN, FEB = dt.date(2026, 1, 12), dt.date(2026, 2, 10)
RANGE = "?from=2026-01&to=2026-02"
HIDDEN = "(suppressed)"


@pytest.fixture
def figures(workers, line):
    """20 workers; desk in January rests on 4 of them (see test_export_cores for the cascade)."""
    w = workers(20, cost_centre="CC-SECRET")
    for i in range(12):
        line(w[i], "chair", str(400000 + i * 1000), JAN, vendor="Muebles Secretos")
        line(w[i], "desk", "300000", FEB)
    for i in range(11):
        line(w[i], "chair", "350000", FEB)
    for i in range(12, 16):
        line(w[i], "desk", "250000", JAN, note="=cmd|' /C calc'!A0")
    for i in range(15):
        if i < 3:
            line(
                w[i],
                "internet",
                "90000",
                JAN,
                decision="reject",
                reason="over_cap",
                status="rejected",
            )
        elif i < 13:
            line(
                w[i],
                "internet",
                "90000",
                JAN,
                decision="reject",
                reason="not_eligible",
                status="rejected",
            )
        else:
            line(w[i], "internet", "90000", JAN)
        amount = Decimal(60000 + i * 2000)
        line(
            w[i],
            "internet",
            str(amount),
            FEB,
            decision="partial",
            approved=str(amount / 2),
            status="partially_approved",
        )
    line(w[19], "internet", "999999", FEB, status="draft", decision="")  # drafts are not counted
    return w


def rows_of(sheet, first=2):
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def test_the_pack_suppresses_small_groups_and_their_complements(api_as, figures):
    book = workbook_of(api_as("negotiator").get("/exports/bargaining.xlsx" + RANGE))
    assert book.sheetnames == [
        "Summary", "By month", "By category", "Category and month", "Denials", "Method",
    ]  # fmt: skip
    cells = {(row[0], row[1].date()): row[2:] for row in rows_of(book["Category and month"])}
    jan, feb = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
    # Primary: desk in January rests on 4 workers.
    assert cells["Desk", jan] == [HIDDEN] * 10
    # Complementary: its row (desk February) and its columns (chair January, chair February).
    assert cells["Desk", feb] == [HIDDEN] * 10
    assert cells["Chair", jan] == [HIDDEN] * 10
    assert cells["Chair", feb] == [HIDDEN] * 10
    # Internet is shown: 15 workers each month; the draft line is not counted.
    internet_feb = cells["Internet", feb]
    spends = [Decimal(60000 + i * 2000) for i in range(15)]
    assert internet_feb[:5] == [15, 15, sum(spends), sum(spends) / 2, sum(spends) / 2]
    q1, median, q3 = statistics.quantiles(spends, n=4, method="inclusive")
    assert internet_feb[5:8] == [q1, median, q3]
    assert internet_feb[8:] == [0, 0]
    internet_jan = cells["Internet", jan]
    assert internet_jan[:4] == [15, 15, 15 * 90000, 2 * 90000]
    assert internet_jan[8] == 13 and internet_jan[9] == pytest.approx(13 / 15, abs=1e-4)

    sheet = book["Category and month"]
    assert sheet.freeze_panes == "C2"
    money = sheet.cell(2, 5)
    assert money.data_type == "n" or money.value == HIDDEN
    internet_row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Internet")
    assert '"COP" #,##0;' in internet_row[4].number_format
    assert internet_row[1].number_format == "yyyy-mm"

    # Totals rest on enough workers and stay: by category and by month.
    by_category = {row[0]: row[1:] for row in rows_of(book["By category"])}
    assert by_category["Desk"][0] == 16
    assert by_category["Desk"][2] == 12 * 300000 + 4 * 250000
    by_month = {row[0].date(): row[1:] for row in rows_of(book["By month"])}
    assert by_month[jan][0] == 16 and by_month[feb][0] == 15

    # Denials: 3 over the cap (hidden) forces the 10 "not eligible" to hide too.
    denials = rows_of(book["Denials"])
    assert [row[3:] for row in denials] == [[HIDDEN, HIDDEN], [HIDDEN, HIDDEN]]
    assert {row[2] for row in book["Denials"].iter_rows(min_row=2, max_col=3, values_only=True)} == {
        "Not eligible", "Over the cap",
    }  # fmt: skip


def test_nothing_personal_is_in_the_pack(api_as, figures):
    book = workbook_of(api_as("hr").get("/exports/bargaining.xlsx" + RANGE))
    text = " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    for secret in ("Worker1", "W-0001", "w1 ", "CC-SECRET", "Muebles", "cmd", "Ana"):
        assert secret not in text


def test_native_charts_and_the_method_sheet(api_as, figures):
    raw = body_of(api_as("negotiator", "es").get("/exports/bargaining.xlsx" + RANGE))
    archive = zipfile.ZipFile(io.BytesIO(raw))
    charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
    assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
    assert all(b"barChart" in archive.read(name) for name in charts)
    assert b"Gasto vs reembolso por mes" in archive.read(charts[0])
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw))
    assert book.sheetnames[-1] == "Método"
    method = " ".join(str(c) for c in book["Método"]["A"] if c.value for c in [c.value])
    assert "k = 10" in method and "complementaria" in method
    assert book["Resumen"]["B3"].value == 10


def test_the_same_request_gives_the_same_file(api_as, figures):
    negotiator = api_as("negotiator")
    first = body_of(negotiator.get("/exports/bargaining.xlsx" + RANGE))
    import time

    time.sleep(1.1)
    assert body_of(negotiator.get("/exports/bargaining.xlsx" + RANGE)) == first


def test_the_dashboard_gets_the_same_figures_as_json(api_as, figures):
    response = api_as("negotiator").get("/exports/bargaining" + RANGE)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["from"], body["to"], body["k"], body["currency"]) == (
        "2026-01",
        "2026-02",
        10,
        "COP",
    )
    cells = {(c["category"], c["month"]): c for c in body["cells"]}
    assert cells["desk", "2026-01"]["suppressed"] is True
    assert cells["desk", "2026-01"]["workers"] is None and cells["desk", "2026-01"]["spent"] is None
    assert cells["chair", "2026-02"]["suppressed"] is True
    assert cells["internet", "2026-01"] | {} == {
        "category": "internet",
        "month": "2026-01",
        "suppressed": False,
        "workers": 15,
        "lines": 15,
        "spent": "1350000.00",
        "reimbursed": "180000.00",
        "gap": "1170000.00",
        "q1": "90000.00",
        "median": "90000.00",
        "q3": "90000.00",
        "denied_lines": 13,
        "denied_share": 0.8667,
    }
    assert [d["suppressed"] for d in body["denials"]] == [True, True]
    assert body["total"]["workers"] == 16
    flat = str(body)
    for secret in ("Worker", "W-00", "CC-SECRET", "Muebles", "username", "employee"):
        assert secret not in flat


def test_k_comes_from_the_settings_and_never_drops_below_five(api_as, figures, settings):
    negotiator = api_as("negotiator")
    settings.EXPORT_K_ANONYMITY = 3
    body = negotiator.get("/exports/bargaining" + RANGE).json()
    assert body["k"] == 5
    cells = {(c["category"], c["month"]): c for c in body["cells"]}
    assert cells["desk", "2026-01"]["suppressed"] is True  # 4 < 5
    assert cells["internet", "2026-02"]["suppressed"] is False
    settings.EXPORT_K_ANONYMITY = 16
    body = negotiator.get("/exports/bargaining" + RANGE).json()
    cells = {(c["category"], c["month"]): c for c in body["cells"]}
    assert cells["internet", "2026-02"]["suppressed"] is True  # 15 < 16


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?from=2026-13&to=2026-12", "bad_period"),
        ("?from=2026-01&to=2026-1", "bad_period"),
        ("?from=2026-12&to=2026-01", "bad_range"),
        ("?from=2024-01&to=2026-01", "range_too_long"),
    ],
)
def test_bad_ranges_are_422_with_a_clear_message(api_as, categories, query, code):
    for path in ("/exports/bargaining", "/exports/bargaining.xlsx"):
        response = api_as("negotiator", "es").get(path + query)
        assert_error(response, 422, code)


def test_a_missing_range_is_422(api_as, categories):
    assert api_as("negotiator").get("/exports/bargaining?from=2026-01").status_code == 422


def test_twenty_four_months_is_the_most(api_as, categories):
    assert api_as("hr").get("/exports/bargaining?from=2025-01&to=2026-12").status_code == 200


def test_a_paid_line_stays_reimbursed_while_another_line_of_its_claim_is_appealed(
    api_as, workers, line
):
    from claims.models import Claim, Expense

    for person in workers(10):
        chair = line(person, "chair", "400000", JAN, status="partially_approved")
        line(person, "desk", "200000", JAN, decision="reject", reason="other", claim=chair.claim)
    assert api_as("hr").post("/exports/payroll", {"period": "2026-01"}).status_code == 201
    assert set(Claim.objects.values_list("status", flat=True)) == {"partially_paid"}
    # Every desk is appealed after payday: the claims are back under review, the chairs paid.
    Expense.objects.filter(category__code="desk").update(decision="", reason_code="")
    Claim.objects.update(status="submitted")
    body = api_as("negotiator").get("/exports/bargaining?from=2026-01&to=2026-01").json()
    chairs = {(c["category"], c["month"]): c for c in body["cells"]}["chair", "2026-01"]
    assert (chairs["suppressed"], chairs["reimbursed"]) == (False, "4000000.00")
