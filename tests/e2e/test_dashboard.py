"""The exports in the browser: the negotiator's dashboard, HR's payroll run, the worker's own pack."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, RESULTS, Browsing
from tests.e2e.test_accessibility import axe_problems
from tests.e2e.test_claims import categories, submit_a_chair_claim  # noqa: F401 (fixture)
from tests.e2e.test_worker_receipts import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

HIDDEN = "oculto (< 10 personas)"


def approve_all(hr: Browsing, claim_id: str) -> None:
    review = hr.goto(f"/review/{claim_id}")
    review.get_by_role("button", name="Aprobar todas las líneas limpias").click()
    expect(review.locator(".badge").first).to_have_text("Aprobada")


def run_payroll(page: Page) -> None:
    page.get_by_role("link", name="Exportar nómina").click()
    expect(page.get_by_role("heading", name="Exportación a nómina", level=1)).to_be_visible()
    page.get_by_role("button", name="Generar la exportación").click()
    confirm = page.get_by_role("group", name=re.compile("^¿Generar la exportación a nómina"))
    expect(confirm).to_contain_text("quedan marcadas como pagadas")
    expect(confirm.locator(".payroll-preview")).to_be_visible()  # what it pays, before the yes
    expect(page.get_by_role("button", name="Sí, generarla")).to_be_focused()
    page.get_by_role("button", name="Sí, generarla").click()


def test_dashboard_payroll_and_my_data(browse, people, categories):  # noqa: F811
    worker = browse()
    page = log_in(worker, "ana")
    claim_id = submit_a_chair_claim(page).rsplit("/", 1)[1]

    hr = browse(viewport=DESKTOP)
    review = log_in(hr, "hugo")
    expect(review.get_by_role("heading", name="Cola de revisión", level=1)).to_be_visible()
    approve_all(hr, claim_id)

    # The negotiator lands on the dashboard; one worker is far below k, so all is hidden.
    union = browse()
    dash = log_in(union, "nora")
    expect(dash.get_by_role("heading", name="Tablero para la negociación", level=1)).to_be_visible()
    expect(dash.get_by_role("link", name="Tablero")).to_have_attribute("aria-current", "page")
    figures = dash.locator("table.figures")
    expect(figures.first).to_contain_text(HIDDEN)
    expect(
        dash.get_by_role("img", name=re.compile("^Gastado y reembolsado, por mes"))
    ).to_be_visible()
    expect(dash.locator("svg.chart-svg text.hidden-text").first).to_have_text(HIDDEN)
    RESULTS.mkdir(exist_ok=True)
    dash.screenshot(path=str(RESULTS / "dashboard-negotiator-360x740.png"), full_page=True)
    with dash.expect_download() as pack:
        dash.get_by_role("button", name="Descargar el paquete para la negociación (XLSX)").click()
    assert pack.value.suggested_filename.endswith(".xlsx")
    expect(dash.get_by_role("link", name="Exportar nómina")).to_have_count(0)
    # A reversed range is explained next to the form.
    dash.get_by_label("Desde (mes)").fill("2026-11")
    dash.get_by_label("Hasta (mes)").fill("2026-01")
    dash.get_by_role("button", name="Mostrar").click()
    expect(dash.get_by_text("El primer mes no puede ser posterior al último.")).to_be_visible()
    assert dash.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # HR pays the approved claim through payroll for the current month: one line.
    review.get_by_role("link", name="Exportar nómina").click()
    expect(review.get_by_text("Aún no hay exportaciones a nómina.")).to_be_visible()
    run_payroll(review)
    done = review.locator(".payroll-result")
    expect(done).to_contain_text("1 línea")
    expect(done).to_contain_text("$ 500.000")
    rows = review.locator("table.batches tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("link", name=re.compile("^XLSX"))).to_have_attribute(
        "href", re.compile(r"^/api/exports/payroll/\d+\.xlsx$")
    )
    with review.expect_download() as csv:
        rows.first.get_by_role("link", name=re.compile("^CSV")).click()
    assert csv.value.suggested_filename.endswith(".csv")

    # The worker's claim is now paid, and their own data comes as a ZIP.
    page.goto(worker.base_url + "/claims")
    expect(page.locator(".badge").first).to_have_text("Pagada")
    with page.expect_download() as mine:
        page.get_by_role("button", name="Descargar mis datos").click()
    assert mine.value.suggested_filename.endswith(".zip")
    for path in ("/dashboard", "/payroll"):
        worker.goto(path)
        expect(page.get_by_text("Su rol no puede abrir esta página.")).to_be_visible()

    assert worker.errors == [] and hr.errors == [] and union.errors == []


def test_dashboard_and_payroll_have_no_serious_accessibility_problems(browse, people, categories):  # noqa: F811
    found = {}
    for viewport in (PHONE, DESKTOP):
        size = f"{viewport['width']}x{viewport['height']}"
        browsing: Browsing = browse(viewport=viewport, bypass_csp=True)
        page = log_in(browsing, "hugo", path="/dashboard")
        expect(
            page.get_by_role("heading", name="Tablero para la negociación", level=1)
        ).to_be_visible()
        expect(page.locator("figure.chart").first).to_be_visible()
        page.locator("details.chart-table summary").first.click()  # the table alternative, open
        found[f"dashboard {size}"] = axe_problems(page)
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / f"dashboard-{size}.png"), full_page=True)
        widths = [page.evaluate("document.documentElement.scrollWidth")]

        page.get_by_role("link", name="Exportar nómina").click()
        expect(page.get_by_role("heading", name="Exportación a nómina", level=1)).to_be_visible()
        # Nothing is approved: the preview says so, and no run (no empty batch) can be made.
        page.get_by_role("button", name="Generar la exportación").click()
        nothing = page.get_by_role("group", name=re.compile("^No hay nada que pagar hasta"))
        expect(nothing).to_be_visible()
        expect(page.get_by_role("button", name="Sí, generarla")).to_have_count(0)
        expect(page.get_by_text("Aún no hay exportaciones a nómina.")).to_be_visible()
        found[f"payroll {size}"] = axe_problems(page)
        page.screenshot(path=str(RESULTS / f"payroll-{size}.png"), full_page=True)
        widths.append(page.evaluate("document.documentElement.scrollWidth"))
        assert max(widths) <= viewport["width"], size
        assert browsing.errors == []
    assert all(problems == [] for problems in found.values()), json.dumps(found, indent=1)
