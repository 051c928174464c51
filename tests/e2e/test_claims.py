"""A claim from receipt to decision in the browser: the worker confirms and submits, HR decides."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, RESULTS, Browsing
from tests.e2e.test_accessibility import axe_problems
from tests.e2e.test_worker_receipts import log_in
from tests.receipts.tickets import COLOMBIAN_CASH, ticket

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def categories(people):
    from demo.management.commands.demo import seed_categories

    seed_categories(people["owner"].organization)


def recent_ticket() -> bytes:
    """The Colombian cash ticket, dated three days ago so it is inside the claim window."""
    day = timezone.localdate() - timedelta(days=3)
    lines = [
        f"Fecha: {day:%d/%m/%Y}" if line.startswith("Fecha:") else line for line in COLOMBIAN_CASH
    ]
    return ticket(lines)


def submit_a_chair_claim(page: Page) -> str:
    """Upload, confirm what was read, choose "Silla", build and submit a claim; its URL path."""
    page.get_by_test_id("file-input").set_input_files(
        files=[{"name": "silla.jpg", "mimeType": "image/jpeg", "buffer": recent_ticket()}]
    )
    upload = page.locator("li.upload").filter(has_text="silla.jpg")
    expect(upload).to_contain_text("Total: $ 500.000", timeout=60_000)
    upload.get_by_role("link", name="Ver recibo").click()

    expect(page.get_by_role("heading", name="Reclamar este gasto")).to_be_visible()
    expect(page.get_by_label("Valor")).to_have_value("500.000")
    page.get_by_label("Categoría").select_option(label="Silla")
    expect(page.get_by_text("Tope por artículo: $ 600.000")).to_be_visible()
    # Nothing corrected: the button says it confirms.
    page.get_by_role("button", name="Confirmar y guardar").click()
    mine = page.locator("section").filter(has=page.get_by_role("heading", name="Su gasto"))
    expect(mine.locator(".eligible")).to_contain_text("$ 500.000")
    expect(mine).to_contain_text("política chair 2026-01-01; elegible $ 500.000")

    page.get_by_role("link", name="Ir a mis gastos").click()
    expect(page.get_by_role("heading", name="Mis gastos", level=1)).to_be_visible()
    page.get_by_label(re.compile("^Silla · FERRETERIA")).check()
    page.get_by_role("button", name="Crear una reclamación con 1 gasto").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Reclamación \d+$"))).to_be_visible()
    expect(page.locator(".badge")).to_have_text("Borrador")
    page.get_by_role("button", name="Enviar la reclamación").click()
    expect(page.get_by_role("status").filter(has_text="La reclamación fue enviada")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Enviada")
    return page.evaluate("location.pathname")


def test_a_claim_goes_from_the_workers_phone_to_hr_and_back(browse, people, categories):
    worker = browse()
    page = log_in(worker, "ana")
    expect(page.get_by_role("heading", name="Mis recibos", level=1)).to_be_visible()
    claim_path = submit_a_chair_claim(page)
    claim_id = claim_path.rsplit("/", 1)[1]

    hr = browse(viewport=DESKTOP)
    review = log_in(hr, "hugo")
    expect(review.get_by_role("heading", name="Cola de revisión", level=1)).to_be_visible()
    review.get_by_role("link", name=f"Reclamación {claim_id}").click()
    expect(review.get_by_role("heading", name=f"Reclamación {claim_id}")).to_be_visible()
    expect(review.locator(".eligible")).to_contain_text("$ 500.000")
    review.get_by_role("button", name=re.compile("^Ver el recibo")).click()
    image = review.get_by_role("img", name=re.compile(r"Foto del recibo \d+"))
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    review.get_by_role("button", name=re.compile("Acercar")).click()
    expect(review.get_by_text("Zoom 150 %")).to_be_visible()
    review.get_by_role("group", name=re.compile("^Recibo \\d+\\. Teclas")).press("r")
    expect(image).to_have_class(re.compile("turn-90"))
    expect(review.locator("dl.fields").filter(has_text="Leído")).to_have_count(0)
    review.get_by_role("radio", name="Aprobar", exact=True).check()
    review.get_by_role("button", name="Guardar las decisiones").click()
    expect(review.get_by_text("Las decisiones se guardaron.")).to_be_visible()
    expect(review.locator(".badge").first).to_have_text("Aprobada")

    page.reload()
    expect(page.locator(".badge").first).to_have_text("Aprobada")
    expect(page.locator(".decision")).to_contain_text("Aprobado")
    trail = page.locator("ol.trail")
    expect(trail).to_contain_text(
        re.compile(r"Hugo \(RR\. HH\.\) vio su recibo — \d{2}/\d{2}/\d{4} \d{2}:\d{2}")
    )
    expect(trail).to_contain_text("Hugo (RR. HH.) decidió la línea")
    assert worker.errors == []
    assert hr.errors == []


def test_a_second_reviewer_is_told_when_someone_decided_first(browse, people, categories):
    from accounts.models import Role, User
    from tests.conftest import PASSWORD

    User.objects.create_user(
        username="hilda",
        password=PASSWORD,
        organization=people["owner"].organization,
        role=Role.HR,
        first_name="Hilda",
    )
    worker = browse()
    page = log_in(worker, "ana")
    claim_path = submit_a_chair_claim(page)
    claim_id = claim_path.rsplit("/", 1)[1]

    first, second = browse(viewport=DESKTOP), browse(viewport=DESKTOP)
    late = log_in(second, "hilda", path=f"/review/{claim_id}")
    expect(late.get_by_role("button", name="Aprobar todas las líneas limpias")).to_be_visible()
    early = log_in(first, "hugo", path=f"/review/{claim_id}")
    early.get_by_role("button", name="Aprobar todas las líneas limpias").click()
    expect(early.locator(".badge").first).to_have_text("Aprobada")

    late.get_by_role("radio", name="Rechazar").check()
    late.get_by_label("Motivo").select_option(label="Duplicado")
    late.get_by_role("button", name="Guardar las decisiones").click()
    expect(late.get_by_text("Alguien más decidió esta reclamación")).to_be_visible()
    expect(late.locator(".badge").first).to_have_text("Aprobada")
    assert first.errors == [] and second.errors == []


def test_a_worker_cannot_reach_hr_pages(browse, people, categories):
    browsing = browse()
    page = log_in(browsing, "ana")
    expect(page.get_by_role("heading", name="Mis recibos", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Cola de revisión")).to_have_count(0)
    for path in ("/review", "/review/1", "/rates"):
        browsing.goto(path)
        expect(page.get_by_text("Su rol no puede abrir esta página.")).to_be_visible()
    assert browsing.errors == []


def test_hr_sets_an_exchange_rate(browse, people, categories):
    browsing = browse()
    page = log_in(browsing, "hugo", path="/rates")
    expect(page.get_by_role("heading", name="Tasas de cambio", level=1)).to_be_visible()
    page.get_by_label("Mes", exact=True).fill("2026-10")
    page.get_by_label("Moneda (tres letras)").fill("usd")
    page.get_by_label("Tasa", exact=True).fill("nada")
    page.get_by_role("button", name="Guardar la tasa").click()
    expect(page.get_by_text("Escriba un número positivo")).to_be_visible()
    expect(page.get_by_label("Tasa", exact=True)).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Tasa", exact=True).fill("4.150,25")
    page.get_by_role("button", name="Guardar la tasa").click()
    expect(page.get_by_role("status")).to_contain_text("Se guardó la tasa de USD")
    expect(page.locator("table.rates")).to_contain_text("4.150,25")
    assert browsing.errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360x740", "1280x800"])
def test_claim_pages_have_no_serious_accessibility_problems(browse, people, categories, viewport):
    worker: Browsing = browse(viewport=viewport, bypass_csp=True)
    page = log_in(worker, "ana")
    claim_path = submit_a_chair_claim(page)
    found = {"worker claim": axe_problems(page)}
    size = f"{viewport['width']}x{viewport['height']}"
    RESULTS.mkdir(exist_ok=True)  # kept for a look at each page at this size
    page.screenshot(path=str(RESULTS / f"worker-claim-{size}.png"), full_page=True)
    worker_width = page.evaluate("document.documentElement.scrollWidth")

    hr: Browsing = browse(viewport=viewport, bypass_csp=True)
    review = log_in(hr, "hugo")
    expect(review.locator("table.queue tbody tr")).to_have_count(1)
    found["queue"] = axe_problems(review)
    review.screenshot(path=str(RESULTS / f"queue-{size}.png"), full_page=True)
    queue_width = review.evaluate("document.documentElement.scrollWidth")
    review.get_by_role("link", name=re.compile(r"^Reclamación \d+$")).click()
    review.get_by_role("button", name=re.compile("^Ver el recibo")).click()
    expect(review.get_by_role("img", name=re.compile("Foto del recibo"))).to_be_visible()
    review.get_by_role("radio", name="Aprobar en parte").check()
    found["hr claim"] = axe_problems(review)
    review.screenshot(path=str(RESULTS / f"hr-claim-{size}.png"), full_page=True)
    claim_width = review.evaluate("document.documentElement.scrollWidth")

    assert found == {"worker claim": [], "queue": [], "hr claim": []}, found
    # Nothing scrolls sideways, even on a 360 px phone.
    assert max(worker_width, queue_width, claim_width) <= viewport["width"], claim_path
    assert worker.errors == [] and hr.errors == []
