"""From the receipts list to a claim line in one tap, on a phone, in Spanish."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_worker_receipts import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_filter_to_unclaimed_and_add_a_bill_as_internet(browse, api_as, people, read_receipt):
    ana = people["owner"]
    chair = read_receipt(ana, total="400000", seed=1, vendor="Muebles Bogotá", raw_text="Silla")
    bill = read_receipt(
        ana,
        total="95000",
        seed=2,
        vendor="Conecta Telecom S.A.S. E.S.P.",
        raw_text="Internet hogar 300 Mbps",
    )
    api = api_as("owner")
    expense = api.post("/expenses", {"receipt_id": chair.pk, "category": "chair"}).json()["id"]
    assert api.post("/claims", {"expense_ids": [expense]}).status_code == 201

    page = log_in(browse(), "ana")
    rows = page.locator("ul.receipts li")
    expect(rows).to_have_count(2)
    page.get_by_role("radio", name="Sin reclamar").check()
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row).to_contain_text("Conecta Telecom")
    expect(row.locator(".badge-unclaimed")).to_have_text("Sin reclamar")

    row.get_by_role("button", name="Agregar como Internet").click()
    done = row.get_by_role("status")
    expect(done).to_contain_text(re.compile(r"Agregado al borrador de la reclamación \d+"))
    done.get_by_role("link", name="Abrir la reclamación").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Reclamación \d+$"))).to_be_visible()
    expect(page.get_by_text("Estado: Borrador")).to_be_visible()
    line = page.get_by_role("article", name=re.compile(r"Línea \d+ · Internet"))
    expect(line).to_contain_text("Conecta Telecom")
    expect(line.get_by_role("link", name=re.compile("Abrir el recibo"))).to_have_attribute(
        "href", f"/receipts/{bill.pk}"
    )
    expect(page.get_by_role("article", name=re.compile(r"Línea \d+ · Silla"))).to_be_visible()
