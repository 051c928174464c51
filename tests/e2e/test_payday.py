"""After payday in the browser: a rejected line appealed on a partly paid claim and paid alone by
the next run; the payroll preview shown before HR confirms a run, in Spanish and in English."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from claims.models import Claim
from exports.models import PayrollBatch, PayrollLine
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_accessibility import axe_problems
from tests.e2e.test_english import log_in_english
from tests.e2e.test_worker_receipts import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _month() -> str:
    return f"{timezone.localdate():%Y-%m}"


def _expense(api, receipt, category: str) -> int:
    response = api.post("/expenses", {"receipt_id": receipt.pk, "category": category})
    assert response.status_code == 201, response.content
    return response.json()["id"]


@pytest.fixture
def partly_paid(api_as, people, read_receipt, recent):
    """Ana's chair (approved, paid by a first run) and desk (rejected) in one claim."""
    ana, hugo = api_as("owner"), api_as("hr")
    chair = _expense(ana, read_receipt(people["owner"], total="500000"), "chair")
    desk = _expense(
        ana, read_receipt(people["owner"], total="300000", seed=1, vendor="Escritorios"), "desk"
    )
    claim = ana.post("/claims", {"expense_ids": [chair, desk]}).json()["id"]
    assert ana.post(f"/claims/{claim}/submit").status_code == 200
    decided = hugo.post(
        f"/claims/{claim}/decision",
        {
            "lines": [
                {"expense_id": chair, "action": "approve"},
                {"expense_id": desk, "action": "reject", "reason_code": "not_eligible"},
            ]
        },
    )
    assert decided.json()["status"] == "partially_approved", decided.content
    assert hugo.post("/exports/payroll", {"period": _month()}).status_code == 201
    return claim, chair, desk


def test_a_line_rejected_before_payday_is_appealed_approved_and_paid_alone(
    browse, people, partly_paid
):
    claim, chair, desk = partly_paid
    worker = browse()
    page = log_in(worker, "ana")
    expect(page.get_by_role("heading", name="Mis recibos", level=1)).to_be_visible()
    worker.goto(f"/claims/{claim}")
    # Partly paid, not "Pagada": the rejected desk stays in view and can be appealed.
    expect(page.locator(".badge").first).to_have_text("Pagada parcialmente")
    expect(page.get_by_text("Nómina pagó las líneas aprobadas.")).to_be_visible()
    title = page.get_by_role("heading", name=re.compile(f"^Línea {desk} · Escritorio$"))
    desk_line = page.locator("article.line").filter(has=title)
    expect(desk_line.locator(".decision")).to_contain_text("Rechazado")
    desk_line.get_by_text("Apelar esta decisión").click()
    desk_line.get_by_label("¿Por qué se debería reconsiderar?").fill(
        "Es el escritorio donde trabajo."
    )
    desk_line.get_by_role("button", name="Enviar la apelación").click()
    expect(page.get_by_role("status").filter(has_text="Su apelación fue enviada")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Enviada")

    hr = browse(viewport=DESKTOP)
    review = log_in(hr, "hugo")
    expect(review.get_by_role("heading", name="Cola de revisión", level=1)).to_be_visible()
    hr.goto(f"/review/{claim}")
    expect(review.get_by_role("heading", name=f"Reclamación {claim}")).to_be_visible()
    review.get_by_role("radio", name="Aprobar", exact=True).check()
    review.get_by_role("button", name="Guardar las decisiones").click()
    expect(review.get_by_text("Las decisiones se guardaron.")).to_be_visible()
    expect(review.locator(".badge").first).to_have_text("Aprobada")

    # The next run pays the desk alone: the preview says so before HR confirms.
    review.get_by_role("link", name="Exportar nómina").click()
    expect(review.get_by_role("heading", name="Exportación a nómina", level=1)).to_be_visible()
    review.get_by_role("button", name="Generar la exportación").click()
    confirm = review.get_by_role("group", name=re.compile("^¿Generar la exportación a nómina"))
    preview = confirm.locator(".payroll-preview")
    expect(preview).to_contain_text("1 línea")
    expect(preview).to_contain_text("1 persona")
    expect(preview).to_contain_text("$ 300.000")
    expect(preview.locator("table.by-concept tbody tr")).to_have_count(1)
    expect(preview.locator("table.by-concept tbody tr")).to_contain_text("REEMB-ESCRITORIO")
    expect(confirm).to_contain_text("No se puede deshacer")
    review.get_by_role("button", name="Sí, generarla").click()
    done = review.locator(".payroll-result")
    expect(done).to_contain_text("1 línea")
    expect(done).to_contain_text("$ 300.000")
    expect(review.locator("table.batches tbody tr")).to_have_count(2)

    assert PayrollBatch.objects.count() == 2
    assert PayrollLine.objects.filter(expense_id=chair).count() == 1
    newest = PayrollBatch.objects.order_by("-id").first()
    assert list(newest.lines.values_list("expense_id", flat=True)) == [desk]
    assert Claim.objects.get(pk=claim).status == "paid"

    page.reload()
    expect(page.locator(".badge").first).to_have_text("Pagada")
    expect(page.locator("ol.trail")).to_contain_text("apel")
    assert worker.errors == [] and hr.errors == []


def test_hr_sees_what_a_run_pays_before_confirming_in_english(browse, people, api_as, read_receipt):
    ana, luis, hugo = api_as("owner"), api_as("other_worker"), api_as("hr")
    claims = []
    for api, owner, total, category, seed in (
        (ana, people["owner"], "500000", "chair", 0),
        (luis, people["other_worker"], "250000", "desk", 1),
    ):
        expense = _expense(api, read_receipt(owner, total=total, seed=seed), category)
        claim = api.post("/claims", {"expense_ids": [expense]}).json()["id"]
        assert api.post(f"/claims/{claim}/submit").status_code == 200
        decided = hugo.post(
            f"/claims/{claim}/decision", {"lines": [{"expense_id": expense, "action": "approve"}]}
        )
        assert decided.status_code == 200, decided.content
        claims.append(claim)

    hr = browse(language="en-US", viewport=DESKTOP, bypass_csp=True)  # bypass: for axe only
    page = log_in_english(hr, "hugo")
    expect(page.get_by_role("heading", name="Review queue", level=1)).to_be_visible()
    page.get_by_role("link", name="Payroll export").click()
    expect(page.get_by_role("heading", name="Payroll export", level=1)).to_be_visible()
    page.get_by_role("button", name="Run the export").click()
    confirm = page.get_by_role("group", name=re.compile("^Run the payroll export for"))
    preview = confirm.locator(".payroll-preview")
    expect(preview).to_contain_text("2 lines")
    expect(preview).to_contain_text("2 people")
    expect(preview).to_contain_text("750,000")
    rows = preview.locator("table.by-concept tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("REEMB-ESCRITORIO")
    expect(rows.nth(0)).to_contain_text("Desk")
    expect(rows.nth(1)).to_contain_text("REEMB-SILLA")
    expect(confirm).to_contain_text("This cannot be undone.")
    expect(page.get_by_role("button", name="Yes, run it")).to_be_focused()
    assert axe_problems(page) == []

    # Cancel: nothing was paid, nothing recorded.
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator(".payroll-preview")).to_have_count(0)
    assert not PayrollBatch.objects.exists()
    assert set(Claim.objects.filter(pk__in=claims).values_list("status", flat=True)) == {"approved"}

    page.get_by_role("button", name="Run the export").click()
    page.get_by_role("button", name="Yes, run it").click()
    done = page.locator(".payroll-result")
    expect(done).to_contain_text("2 lines")
    expect(done).to_contain_text("750,000")

    # Run again: the preview says there is nothing to pay, and there is nothing to confirm.
    page.get_by_role("button", name="Run the export").click()
    nothing = page.get_by_role("group", name=re.compile("^There is nothing to pay up to"))
    expect(nothing).to_be_visible()
    expect(page.get_by_role("button", name="Yes, run it")).to_have_count(0)
    expect(page.get_by_role("button", name="Cancel")).to_be_focused()
    assert PayrollBatch.objects.count() == 1
    assert hr.errors == []
