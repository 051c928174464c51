"""The receipts list: search, the claim-state filters and each item's claim_state."""

from datetime import date

import pytest
from django.core.management import call_command

from claims.models import Claim
from tests.personas import assert_error
from tests.receipts import samples
from tests.receipts.test_receipts_api import upload

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_search_filters_and_claim_state(api_as, people, read_receipt):
    ana = api_as("owner")
    chair = read_receipt(
        people["owner"], total="400000", seed=1, vendor="Muebles Bogotá", day=date(2026, 3, 2)
    )
    desk = read_receipt(
        people["owner"], total="300000", seed=2, vendor="Home Center", day=date(2026, 3, 20)
    )
    bill = read_receipt(
        people["owner"],
        total="95000",
        seed=3,
        vendor="Conecta Telecom E.S.P.",
        day=date(2026, 4, 5),
    )
    loose = read_receipt(
        people["owner"], total="50000", seed=4, vendor="Muebles Sur", day=date(2026, 4, 6)
    )
    theirs = read_receipt(people["other_worker"], total="400000", seed=5, vendor="Muebles Bogotá")

    made = {}
    for receipt, category in ((chair, "chair"), (desk, "desk"), (loose, "chair")):
        response = ana.post("/expenses", {"receipt_id": receipt.pk, "category": category})
        assert response.status_code == 201, response.content
        made[receipt.pk] = response.json()["id"]
    decided = ana.post("/claims", {"expense_ids": [made[chair.pk]]}).json()["id"]
    assert ana.post("/claims", {"expense_ids": [made[desk.pk]]}).status_code == 201
    Claim.objects.filter(pk=decided).update(status="approved")

    listed = {item["id"]: item for item in ana.get("/receipts").json()["items"]}
    assert set(listed) == {chair.pk, desk.pk, bill.pk, loose.pk}  # never Luis's
    assert theirs.pk not in listed
    assert {pk: item["claim_state"] for pk, item in listed.items()} == {
        chair.pk: "decided",
        desk.pk: "in_claim",
        bill.pk: "unclaimed",  # no expense
        loose.pk: "unclaimed",  # an expense in no claim
    }
    assert listed[bill.pk]["suggested_category"] == "internet"
    assert (listed[bill.pk]["expense_id"], listed[loose.pk]["expense_id"]) == (None, made[loose.pk])

    assert set(ids(ana.get("/receipts?claimed=unclaimed"))) == {bill.pk, loose.pk}
    assert ids(ana.get("/receipts?claimed=in_claim")) == [desk.pk]
    assert ids(ana.get("/receipts?claimed=decided")) == [chair.pk]
    assert set(ids(ana.get("/receipts?q=muebles"))) == {chair.pk, loose.pk}
    assert ids(ana.get("/receipts?q=muebles%20bogot%C3%A1")) == [chair.pk]
    assert set(ids(ana.get("/receipts?date_from=2026-03-10&date_to=2026-04-05"))) == {
        desk.pk,
        bill.pk,
    }
    assert set(ids(ana.get("/receipts?amount_min=90000&amount_max=300000"))) == {desk.pk, bill.pk}
    assert ids(ana.get("/receipts?q=muebles&claimed=unclaimed&amount_max=60000")) == [loose.pk]
    assert ids(api_as("other_worker").get("/receipts?q=muebles")) == [theirs.pk]


@pytest.mark.parametrize(
    "query",
    [
        "claimed=maybe",
        "date_from=2026-13-01",
        "date_to=yesterday",
        "amount_min=-5",
        "amount_max=1e9",
        "amount_min=12.345",
        "q=" + "x" * 101,
    ],
)
def test_bad_filters_are_422(api_as, query):
    assert_error(api_as("owner").get(f"/receipts?{query}"), 422, "invalid_request")


# Committed rows: the task worker checks its connection between tasks.
@pytest.mark.django_db(transaction=True)
def test_a_bill_read_by_the_pipeline_suggests_internet(api_as, categories):
    ana = api_as("owner")
    bill = samples.text_pdf(
        [
            "CONECTA TELECOM S.A.S. E.S.P.",
            "NIT 900.555.123-4",
            "Fecha de expedicion: 05/11/2026",
            "Periodo facturado: 01/10/2026 al 31/10/2026",
            "Internet hogar 300 Mbps  $ 95.000",
            "TOTAL A PAGAR  $ 95.000",
        ]
    )
    receipt_id = upload(ana, bill, "factura.pdf").json()["id"]
    assert ana.get(f"/receipts/{receipt_id}").json()["suggested_category"] is None  # not read yet
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    body = ana.get(f"/receipts/{receipt_id}").json()
    assert body["status"] == "done", body
    assert body["suggested_category"] == "internet"
    (item,) = ana.get("/receipts?claimed=unclaimed").json()["items"]
    assert (item["id"], item["suggested_category"], item["claim_state"]) == (
        receipt_id,
        "internet",
        "unclaimed",
    )
