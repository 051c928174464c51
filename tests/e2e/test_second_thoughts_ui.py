"""Second thoughts in the browser (issue #13.5, #13.1, #13.2): the worker recalls a claim HR has
not opened; HR undoes a decision, approves above the policy with a reason, and compares a
duplicate's two receipts side by side."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, Browsing
from tests.e2e.test_accessibility import axe_problems
from tests.e2e.test_worker_receipts import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def new_expense(api, **body) -> dict:
    created = api.post("/expenses", body)
    assert created.status_code == 201, created.content
    return created.json()


def submitted_claim(api, *expense_ids: int) -> dict:
    claim = api.post("/claims", {"expense_ids": list(expense_ids)})
    assert claim.status_code == 201, claim.content
    submitted = api.post(f"/claims/{claim.json()['id']}/submit")
    assert submitted.status_code == 200, submitted.content
    return submitted.json()


def test_the_worker_recalls_a_claim_until_hr_opens_it(browse, people, api_as, read_receipt):
    ana, hugo = api_as("owner"), api_as("hr")
    first = new_expense(ana, receipt_id=read_receipt(people["owner"], seed=1).pk, category="chair")
    second = new_expense(
        ana, receipt_id=read_receipt(people["owner"], seed=2, total="200000").pk, category="desk"
    )
    recallable = submitted_claim(ana, first["id"])
    opened = submitted_claim(ana, second["id"])

    worker: Browsing = browse(viewport=PHONE, bypass_csp=True)
    page = log_in(worker, "ana", path=f"/claims/{recallable['id']}")
    expect(page.locator(".badge").first).to_have_text("Enviada")
    page.get_by_role("button", name="Retirar reclamación").click()
    expect(page.get_by_text("¿Retirar esta reclamación?")).to_be_visible()
    assert axe_problems(page) == []
    page.get_by_role("button", name="Sí, retirarla").click()
    expect(
        page.get_by_role("status").filter(has_text="La reclamación volvió a borrador.")
    ).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Borrador")
    expect(page.get_by_role("button", name="Retirar reclamación")).to_have_count(0)
    expect(page.get_by_role("button", name="Enviar la reclamación")).to_be_visible()

    # HR opens the other claim while the worker's page still offers the recall.
    page.goto(worker.base_url + f"/claims/{opened['id']}")
    expect(page.get_by_role("button", name="Retirar reclamación")).to_be_visible()
    assert hugo.get(f"/claims/{opened['id']}").status_code == 200
    page.get_by_role("button", name="Retirar reclamación").click()
    page.get_by_role("button", name="Sí, retirarla").click()
    expect(page.get_by_role("alert")).to_contain_text("Talento humano ya abrió esta reclamación")
    expect(page.locator(".badge").first).to_have_text("Enviada")
    assert worker.errors == []


def test_hr_undoes_a_decision_overrides_the_policy_and_compares_a_duplicate(
    browse, people, api_as, read_receipt
):
    ana, luis = api_as("owner"), api_as("other_worker")
    # A chair above the 600.000 cap, and a desk Luis claimed too (same vendor, amount, date).
    chair = new_expense(
        ana, receipt_id=read_receipt(people["owner"], seed=1, total="800000").pk, category="chair"
    )
    luis_receipt = read_receipt(people["other_worker"], seed=5, total="300000", vendor="Tienda X")
    # HR sees the other receipt once it is in a submitted claim.
    submitted_claim(luis, new_expense(luis, receipt_id=luis_receipt.pk, category="desk")["id"])
    desk_receipt = read_receipt(people["owner"], seed=6, total="300000", vendor="Tienda X")
    desk = new_expense(ana, receipt_id=desk_receipt.pk, category="desk")
    assert [flag["kind"] for flag in desk["flags"]] == ["same_vendor_amount_date"]
    claim = submitted_claim(ana, chair["id"], desk["id"])

    hr: Browsing = browse(viewport=DESKTOP, bypass_csp=True)
    review = log_in(hr, "hugo", path=f"/review/{claim['id']}")
    chair_line = review.locator("article.line").filter(
        has=review.get_by_role("heading", name=re.compile(f"^Línea {chair['id']} ·"))
    )
    desk_line = review.locator("article.line").filter(
        has=review.get_by_role("heading", name=re.compile(f"^Línea {desk['id']} ·"))
    )
    # What the policy allows, and why, beside the line.
    expect(chair_line.locator(".eligible")).to_contain_text("$ 600.000")
    expect(chair_line.locator(".explanation")).not_to_be_empty()

    # Partly approving above the cap without an override is refused with what the policy allows.
    chair_line.get_by_role("radio", name="Aprobar en parte").check()
    chair_line.get_by_label("Valor a aprobar").fill("700.000")
    chair_line.get_by_label("Motivo").select_option(label="Supera el tope")
    review.get_by_role("button", name="Guardar las decisiones").click()
    expect(review.get_by_role("alert")).to_contain_text(
        f"Línea {chair['id']}: la política permite 600.000 ahora"
    )

    # With "Policy override" ticked it goes through and the line says so.
    chair_line.get_by_label("Excepción a la política").check()
    review.get_by_role("button", name="Guardar las decisiones").click()
    expect(review.get_by_text("Las decisiones se guardaron.")).to_be_visible()
    expect(chair_line.locator(".decision")).to_contain_text(
        "Aprobada por encima de la política (excepción a la política)"
    )
    expect(chair_line.locator(".decision")).to_contain_text("$ 700.000")

    # Undo: the line is waiting again, its decision form back.
    chair_line.get_by_role("button", name=re.compile("^Deshacer decisión")).click()
    expect(
        review.get_by_text("Se deshizo la decisión: la línea está pendiente de nuevo.")
    ).to_be_visible()
    expect(chair_line.get_by_role("radio", name="Aprobar en parte")).to_be_visible()
    expect(chair_line.get_by_role("button", name=re.compile("^Deshacer decisión"))).to_have_count(0)
    expect(chair_line.locator(".decision")).to_have_count(0)

    # The duplicate: both receipts side by side, the flag kind in words.
    desk_line.get_by_role("button", name=re.compile("^Comparar los recibos lado a lado")).click()
    expect(
        desk_line.get_by_role("heading", name="Posible duplicado: Mismo proveedor, valor y fecha")
    ).to_be_visible()
    mine = desk_line.get_by_role("img", name=f"Foto del recibo {desk_receipt.pk}")
    theirs = desk_line.get_by_role("img", name=f"Foto del recibo {luis_receipt.pk}")
    for image in (mine, theirs):
        expect(image).to_be_visible()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0
    left, right = mine.bounding_box(), theirs.bounding_box()
    assert left and right and left["x"] + left["width"] <= right["x"], (left, right)
    assert abs(left["y"] - right["y"]) < 40, (left, right)
    assert axe_problems(review) == []
    assert review.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert hr.errors == []


def test_hr_approves_the_clean_lines_of_several_claims_from_the_queue(
    browse, people, api_as, read_receipt
):
    ana, luis, hugo = api_as("owner"), api_as("other_worker"), api_as("hr")
    first = submitted_claim(
        ana,
        new_expense(ana, receipt_id=read_receipt(people["owner"], seed=1).pk, category="chair")[
            "id"
        ],
    )
    receipt = read_receipt(people["other_worker"], seed=2, total="200000", vendor="Tienda Y")
    second = submitted_claim(luis, new_expense(luis, receipt_id=receipt.pk, category="desk")["id"])
    # A claim whose only line is a duplicate of Luis's: nothing clean in it.
    twin = read_receipt(people["owner"], seed=3, total="200000", vendor="Tienda Y")
    flagged = submitted_claim(ana, new_expense(ana, receipt_id=twin.pk, category="desk")["id"])

    hr: Browsing = browse(viewport=PHONE, bypass_csp=True)
    queue = log_in(hr, "hugo", path="/review")
    expect(queue.locator("table.queue tbody tr")).to_have_count(3)
    queue.get_by_role("button", name="Seleccionar todas las pendientes de esta página").click()
    expect(queue.get_by_label(f"Seleccionar la reclamación {flagged['id']}")).to_be_checked()
    queue.get_by_role("button", name="Aprobar las líneas limpias de las seleccionadas").click()
    plan = queue.get_by_role("status").filter(has_text="¿Aprobarlas?")
    expect(plan).to_contain_text("2 líneas limpias en 2 reclamaciones, $ 700.000 en total.")
    assert axe_problems(queue) == []
    assert queue.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Someone approves Luis's claim meanwhile: that one fails, the other goes through.
    assert hugo.post(f"/claims/{second['id']}/approve-clean").status_code == 200
    queue.get_by_role("button", name="Aprobarlas").click()
    expect(queue.get_by_text("1 línea aprobada.")).to_be_visible()
    expect(queue.locator(".error")).to_contain_text(f"Reclamación {second['id']}:")
    assert hugo.get(f"/claims/{first['id']}").json()["status"] == "approved"
    expect(queue.locator("table.queue tbody tr")).to_have_count(1)

    # On a phone the duplicate's two receipts stack.
    queue.get_by_role("link", name=f"Reclamación {flagged['id']}").click()
    queue.get_by_role("button", name=re.compile("^Comparar los recibos lado a lado")).click()
    mine = queue.get_by_role("img", name=f"Foto del recibo {twin.pk}")
    theirs = queue.get_by_role("img", name=f"Foto del recibo {receipt.pk}")
    expect(mine).to_be_visible()
    expect(theirs).to_be_visible()
    top, below = mine.bounding_box(), theirs.bounding_box()
    assert top and below and top["y"] + top["height"] <= below["y"], (top, below)
    assert queue.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert hr.errors == []


def test_only_the_field_the_reading_is_unsure_of_is_marked(browse, people, read_receipt):
    from datetime import date

    from receipts.models import Receipt, ReceiptStatus

    bill = read_receipt(
        people["owner"],
        total="95000",
        vendor="Claro",
        nit="800153993",
        service_month=date(2026, 3, 1),
        field_confidences={
            "total": 0.97,
            "date": 0.95,
            "vendor": 0.95,
            "nit": 0.9,
            "service_month": 0.4,
        },
    )
    Receipt.objects.filter(pk=bill.pk).update(status=ReceiptStatus.NEEDS_REVIEW)
    worker: Browsing = browse(viewport=PHONE, bypass_csp=True)
    page = log_in(worker, "ana", path=f"/receipts/{bill.pk}")
    read = page.locator("section").filter(has=page.get_by_role("heading", name="Lo que se leyó"))
    expect(read).to_contain_text("marzo de 2026")
    marked = read.locator(".field-row.check")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("marzo de 2026")
    expect(marked).to_contain_text("por favor revise")
    assert axe_problems(page) == []
    assert worker.errors == []
