"""Payroll batches through the API: paid exactly once, and the files opened and read back."""

import csv
import datetime as dt
import io
import threading
import time
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from claims import services as claims_services
from claims.models import Claim, ClaimEvent
from claims.services import payment
from core import bulk
from core.audit import AppendOnlyError
from core.errors import ApiError
from exports.models import PayrollBatch, PayrollLine
from tests.exports.conftest import body_of, workbook_of
from tests.personas import Api, assert_error

pytestmark = pytest.mark.django_db


def month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def new_expense(api, **body):
    response = api.post("/expenses", body)
    assert response.status_code == 201, response.content
    return response.json()


def test_the_real_flow_ends_in_a_payroll_file(api_as, people, read_receipt, recent):
    ana, hugo = api_as("owner", "es"), api_as("hr")
    chair = new_expense(ana, receipt_id=read_receipt(people["owner"]).pk, category="chair")
    internet = new_expense(
        ana,
        receipt_id=read_receipt(people["owner"], total="120000", seed=1, vendor="ISP").pk,
        category="internet",
    )
    claim = ana.post("/claims", {"expense_ids": [chair["id"], internet["id"]]}).json()
    assert ana.post(f"/claims/{claim['id']}/submit").status_code == 200
    decided = hugo.post(
        f"/claims/{claim['id']}/decision",
        {
            "lines": [
                {"expense_id": chair["id"], "action": "approve"},
                {
                    "expense_id": internet["id"],
                    "action": "partial",
                    "approved_amount": "40000",
                    "reason_code": "over_cap",
                },
            ]
        },
    )
    assert decided.json()["status"] == "partially_approved"

    created = hugo.post("/exports/payroll", {"period": month(recent)})
    assert created.status_code == 201, created.content
    batch = created.json()
    assert batch["lines"] == 2
    assert batch["total"] == "540000.00"
    assert batch["currency"] == "COP"
    # The internet line was cut: the claim is partly paid, not simply "paid".
    assert Claim.objects.get(pk=claim["id"]).status == "partially_paid"
    assert ClaimEvent.objects.filter(claim_id=claim["id"], kind="paid").count() == 1
    exported = ClaimEvent.objects.get(kind="exported")
    assert exported.data["batch"] == batch["batch_id"] and exported.data["lines"] == 2
    # The worker sees the payment in their trail.
    kinds = [e["kind"] for e in ana.get(f"/claims/{claim['id']}/events").json()]
    assert "paid" in kinds

    book = workbook_of(hugo.get(f"/exports/payroll/{batch['batch_id']}.xlsx"))
    assert book.sheetnames == ["Payroll", "Detail"]
    sheet = book["Payroll"]
    assert sheet["A1"].value.startswith("Payroll")
    assert sheet["B2"].value == "Demo"
    assert sheet["B3"].value == dt.datetime(recent.year, recent.month, 1)
    assert sheet["B3"].number_format == "yyyy-mm"
    assert sheet["B5"].value == batch["batch_id"]
    assert sheet.freeze_panes == "A8"
    assert [c.value for c in sheet[7]] == [
        "Employee ID",
        "Name",
        "Cost centre",
        "Period",
        "Concept code",
        "Description",
        "Amount (COP)",
        "Non-salary reimbursement",
        "Claims",
    ]
    rows = {row[4].value: row for row in sheet.iter_rows(min_row=8, max_row=9)}
    chair_row = rows["REEMB-SILLA"]
    assert [c.value for c in chair_row[:3]] == ["E-1", "Ana", None]
    assert chair_row[3].value == dt.datetime(recent.year, recent.month, 1)
    assert chair_row[5].value == "Chair"
    assert chair_row[6].value == 500000  # a number, not text
    assert chair_row[6].data_type == "n"
    assert '"COP" #,##0;' in chair_row[6].number_format and ".00" not in chair_row[6].number_format
    assert chair_row[7].value == "Yes"
    assert chair_row[8].value == str(claim["id"])
    assert rows["AUX-CONECTIVIDAD"][6].value == 40000
    total = sheet[10]
    assert total[0].value == "Total" and total[6].value == 540000
    assert total[6].font.b
    assert sheet.column_dimensions["B"].width > 20

    detail = book["Detail"]
    assert detail.freeze_panes == "A2"
    lines = list(detail.iter_rows(min_row=2, values_only=True))
    assert len(lines) == 2
    expense_dates = {row[5]: row[6] for row in lines}
    assert expense_dates[chair["id"]] == dt.datetime.combine(recent, dt.time())
    assert detail.cell(2, 7).number_format == "yyyy-mm-dd"
    assert sum(row[8] for row in lines) == 540000


def test_one_row_per_employee_and_concept_with_every_line_behind_it(
    api_as, people, line, workers, recent
):
    ana, luis = people["owner"], people["other_worker"]
    first = line(ana, "internet", "50000", recent)
    second = line(ana, "internet", "30000", recent - dt.timedelta(days=40))  # an older month
    line(ana, "chair", "450000", recent, claim=first.claim)
    line(luis, "internet", "70000", recent)
    line(
        luis, "desk", "250000", recent, decision="reject", reason="not_eligible", status="rejected"
    )

    batch = api_as("hr").post("/exports/payroll", {"period": month(recent)}).json()
    assert batch["lines"] == 4
    assert batch["total"] == "600000.00"
    book = workbook_of(api_as("hr").get(f"/exports/payroll/{batch['batch_id']}.xlsx"))
    rows = [
        list(row)
        for row in book.active.iter_rows(min_row=8, max_row=10, max_col=9, values_only=True)
    ]
    assert [(r[0], r[4], r[6]) for r in rows] == [
        ("E-1", "AUX-CONECTIVIDAD", 80000),
        ("E-1", "REEMB-SILLA", 450000),
        ("E-2", "AUX-CONECTIVIDAD", 70000),
    ]
    refs = sorted([first.claim_id, second.claim_id])
    assert rows[0][8] == f"{refs[0]}, {refs[1]}"
    assert book.active.cell(11, 7).value == 600000
    assert book["Detail"].max_row == 5  # header + 4 lines; the rejected desk is not paid
    # The partly rejected claim (desk) is rejected: it stays out of payroll and unpaid.
    assert Claim.objects.filter(status="paid").count() == 3


def test_a_second_run_pays_nothing_twice_and_records_no_batch(api_as, people, line, recent):
    hugo = api_as("hr")
    line(people["owner"], "chair", "300000", recent)
    first = hugo.post("/exports/payroll", {"period": month(recent)}).json()
    again = hugo.post("/exports/payroll", {"period": month(recent)})
    assert_error(again, 409, "nothing_to_pay")
    assert first["lines"] == 1
    assert PayrollLine.objects.count() == 1
    assert PayrollBatch.objects.count() == 1
    assert ClaimEvent.objects.filter(kind="exported").count() == 1
    listed = hugo.get("/exports/payroll").json()
    assert [b["batch_id"] for b in listed] == [first["batch_id"]]


def test_an_empty_period_is_409_nothing_to_pay_in_both_languages(api_as, people, line, recent):
    # A line of a later month and a rejected line: neither is payable for last month.
    line(people["owner"], "chair", "300000", recent)
    line(people["owner"], "desk", "200000", recent, decision="reject", status="rejected")
    earlier = month(recent.replace(day=1) - dt.timedelta(days=1))
    es = assert_error(
        api_as("hr", "es").post("/exports/payroll", {"period": earlier}), 409, "nothing_to_pay"
    )
    assert "No hay nada que pagar" in es["message"] and earlier in es["message"]
    en = assert_error(
        api_as("hr").post("/exports/payroll", {"period": earlier}), 409, "nothing_to_pay"
    )
    assert "nothing to pay" in en["message"]
    assert not PayrollBatch.objects.exists()
    assert not ClaimEvent.objects.filter(kind__in=("exported", "paid")).exists()
    assert set(Claim.objects.values_list("status", flat=True)) == {"approved", "rejected"}


def test_paying_records_one_append_only_event_per_claim_in_every_chunk(
    api_as, people, line, workers, recent, monkeypatch
):
    # Chunks of two ids, so that five claims take three rounds of UPDATE + INSERT … SELECT.
    monkeypatch.setattr(payment, "id_chunks", lambda ids: bulk.id_chunks(ids, 2))
    ids = sorted(line(person, "chair", "100000", recent).claim_id for person in workers(5))
    started = timezone.now()
    batch = api_as("hr").post("/exports/payroll", {"period": month(recent)}).json()

    paid = Claim.objects.filter(pk__in=ids)
    # Each claim was at version 0: one bump, as for every state change.
    assert {(c.status, c.version, c.paid_at is not None) for c in paid} == {("paid", 1, True)}
    events = ClaimEvent.objects.filter(kind="paid")
    assert sorted(e.claim_id for e in events) == ids
    hr = people["hr"]
    for event in events:
        assert (event.organization_id, event.actor_id, event.expense_id) == (
            hr.organization_id,
            hr.pk,
            None,
        )
        assert event.data == {"batch": str(batch["batch_id"])}
        assert started <= event.created_at <= timezone.now()
    with pytest.raises(AppendOnlyError):
        events[0].save()
    with pytest.raises(AppendOnlyError):
        events[0].delete()


def test_a_claim_that_cannot_be_paid_in_a_later_chunk_leaves_every_claim_unpaid(
    people, line, workers, recent, monkeypatch
):
    monkeypatch.setattr(payment, "id_chunks", lambda ids: bulk.id_chunks(ids, 2))
    ids = [line(person, "chair", "100000", recent).claim_id for person in workers(2)]
    ids.append(line(people["owner"], "desk", "100000", recent, status="submitted").claim_id)
    with pytest.raises(ApiError) as refused:
        claims_services.claims_mark_paid(
            claim_ids=ids, actor=people["hr"], batch="1", at=timezone.now()
        )
    assert refused.value.status == 409
    assert not Claim.objects.filter(status="paid").exists()
    assert not ClaimEvent.objects.filter(kind="paid").exists()


def test_lines_of_a_later_month_wait_for_their_period(api_as, people, line, recent):
    hugo = api_as("hr")
    earlier = (recent.replace(day=1) - dt.timedelta(days=1)).replace(day=15)
    line(people["owner"], "chair", "300000", recent)
    line(people["owner"], "desk", "200000", earlier)
    before = hugo.post("/exports/payroll", {"period": month(earlier)}).json()
    assert (before["lines"], before["total"]) == (1, "200000.00")
    now = hugo.post("/exports/payroll", {"period": month(recent)}).json()
    assert (now["lines"], now["total"]) == (1, "300000.00")


def test_a_batch_downloads_byte_for_byte_the_same(api_as, people, line, recent):
    hugo = api_as("hr")
    line(people["owner"], "chair", "300000", recent)
    batch = hugo.post("/exports/payroll", {"period": month(recent)}).json()
    url = f"/exports/payroll/{batch['batch_id']}"
    first_xlsx, first_csv = body_of(hugo.get(url + ".xlsx")), body_of(hugo.get(url + ".csv"))
    time.sleep(1.1)  # ZIP entries carry a timestamp: a second later, it must not show
    people["owner"].first_name = "Renamed"
    people["owner"].save()
    assert body_of(hugo.get(url + ".xlsx")) == first_xlsx
    assert body_of(hugo.get(url + ".csv")) == first_csv
    stored = PayrollBatch.objects.get(pk=batch["batch_id"]).generated_at
    from django.utils import timezone

    local = timezone.localtime(stored)
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first_xlsx)).infolist()}
    assert stamps == {(local.year, local.month, local.day, local.hour, local.minute, 0)}


def test_text_is_never_a_formula_and_control_characters_are_dropped(
    api_as, people, line, recent, org
):
    ana = people["owner"]
    ana.first_name, ana.last_name = '=HYPERLINK("http://x","y")', "\x07Torres"
    ana.cost_centre = "+57-CC"
    ana.employee_id = "@E-1"
    ana.save()
    luis = people["other_worker"]
    luis.first_name, luis.cost_centre = "#N/A", "-1+1"
    luis.save()
    line(ana, "chair", "300000", recent)
    line(luis, "chair", "100000", recent)
    hugo = api_as("hr")
    batch = hugo.post("/exports/payroll", {"period": month(recent)}).json()

    sheet = workbook_of(hugo.get(f"/exports/payroll/{batch['batch_id']}.xlsx")).active
    name = sheet.cell(8, 2)
    assert name.value == '=HYPERLINK("http://x","y") Torres'
    assert name.data_type == "s" and name.quotePrefix
    assert sheet.cell(8, 1).value == "@E-1" and sheet.cell(8, 1).quotePrefix
    assert sheet.cell(8, 3).value == "+57-CC" and sheet.cell(8, 3).quotePrefix
    assert sheet.cell(9, 2).value == "#N/A" and sheet.cell(9, 2).data_type == "s"
    assert sheet.cell(9, 3).value == "-1+1" and sheet.cell(9, 3).data_type == "s"

    raw = body_of(hugo.get(f"/exports/payroll/{batch['batch_id']}.csv"))
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Employee ID" and len(rows) == 3
    assert rows[1][:3] == ["'@E-1", '\'=HYPERLINK("http://x","y") Torres', "'+57-CC"]
    assert rows[1][6] == "300000,00"  # a number with the decimal comma of ";" spreadsheets
    assert rows[2][1] == "#N/A" and rows[2][2] == "'-1+1"
    assert b"\x07" not in raw


def test_the_csv_follows_the_organisation_separator_and_language(api_as, people, line, recent, org):
    org.csv_separator = ","
    org.save()
    line(people["owner"], "chair", "300000.50", recent)
    hugo = api_as("hr", "es")
    batch = hugo.post("/exports/payroll", {"period": month(recent)}).json()
    text = body_of(hugo.get(f"/exports/payroll/{batch['batch_id']}.csv")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Identificación", "Nombre"]
    assert rows[1][3] == month(recent)
    assert rows[1][6] == "300000.50"
    assert rows[1][7] == "Sí"
    book = workbook_of(hugo.get(f"/exports/payroll/{batch['batch_id']}.xlsx"))
    assert book.sheetnames == ["Nómina", "Detalle"]
    assert book.active.cell(8, 7).value == pytest.approx(300000.5)


@pytest.mark.parametrize("period", ["2026-13", "2026-00", "2026-1", "26-11", "noviembre", ""])
def test_a_bad_period_is_422_with_a_clear_message(api_as, categories, period):
    response = api_as("hr", "es").post("/exports/payroll", {"period": period})
    refused = assert_error(response, 422, "bad_period")
    assert "AAAA-MM" in refused["message"]
    assert PayrollBatch.objects.count() == 0


def test_unknown_fields_are_refused(api_as, categories):
    response = api_as("hr").post("/exports/payroll", {"period": "2026-11", "total": "1"})
    assert response.status_code == 422


def test_another_organisation_never_sees_or_pays_our_lines(api_as, people, line, recent):
    line(people["owner"], "chair", "300000", recent)
    line(people["other_hr"], "desk", "100000", recent)  # theirs: one line of their own
    preview = api_as("other_hr").get(f"/exports/payroll/preview?period={month(recent)}").json()
    assert (preview["lines"], preview["total"]) == (1, "100000.00")
    theirs = api_as("other_hr").post("/exports/payroll", {"period": month(recent)}).json()
    assert (theirs["lines"], theirs["total"]) == (1, "100000.00")
    ours = api_as("hr").post("/exports/payroll", {"period": month(recent)}).json()
    assert ours["lines"] == 1
    assert api_as("other_hr").get(f"/exports/payroll/{ours['batch_id']}.xlsx").status_code == 404
    assert api_as("other_hr").get("/exports/payroll").json() == [theirs]


@pytest.mark.django_db(transaction=True)
def test_two_payroll_runs_at_once_pay_each_line_once(api_as, people, line, workers, recent, org):
    from accounts.models import Role, User

    for person in workers(6):
        line(person, "chair", "100000", recent)
        line(person, "internet", "50000", recent)
    second_hr = User.objects.create_user(
        username="hilda", password="x", organization=org, role=Role.HR
    )
    clients = [api_as("hr"), Api(second_hr)]
    results: list[dict] = []
    barrier = threading.Barrier(2)

    def run(api):
        barrier.wait()
        response = api.post("/exports/payroll", {"period": month(recent)})
        results.append({"status": response.status_code, **response.json()})
        connection.close()

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # One run pays all twelve lines; the other, serialised behind it, finds nothing to pay.
    assert sorted(r["status"] for r in results) == [201, 409]
    paid = next(r for r in results if r["status"] == 201)
    assert (paid["lines"], paid["total"]) == (12, "900000.00")
    assert next(r for r in results if r["status"] == 409)["code"] == "nothing_to_pay"
    assert PayrollBatch.objects.count() == 1
    assert PayrollLine.objects.count() == 12
    assert ClaimEvent.objects.filter(kind="paid").count() == 12
    assert set(Claim.objects.values_list("status", flat=True)) == {"paid"}
    assert PayrollLine.objects.aggregate(total=Sum("amount"))["total"] == Decimal("900000")
