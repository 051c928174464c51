"""axe-core finds no serious or critical problem on the main pages, on a phone and a desktop."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE
from tests.receipts.tickets import COLOMBIAN_CASH, ticket

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def axe_problems(page: Page) -> list[dict]:
    axe = Path(settings.FRONTEND_DIST).parent / "node_modules" / "axe-core" / "axe.min.js"
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(' ')),
            }));
        }"""
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360x740", "1280x800"])
def test_main_pages_have_no_serious_accessibility_problems(browse, people, viewport):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from receipts.services import receipt_upload

    receipt = receipt_upload(
        owner=people["owner"], file=SimpleUploadedFile("t.jpg", ticket(COLOMBIAN_CASH))
    )
    # The page's own CSP forbids the injected axe script; only this context bypasses it.
    browsing = browse(viewport=viewport, bypass_csp=True)
    page = browsing.goto("/login")
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    found = {"login": axe_problems(page)}

    page.get_by_label("Usuario").fill("ana")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    expect(page.locator("ul.receipts li")).to_have_count(1)
    found["receipts"] = axe_problems(page)

    page.get_by_role("link", name="FERRETERIA EL TORNILLO S.A.S.").click()
    expect(page.get_by_role("heading", name=f"Recibo {receipt.pk}")).to_be_visible()
    expect(page.locator("dl.fields")).to_contain_text("$ 500.000")
    found["detail"] = axe_problems(page)

    assert found == {"login": [], "receipts": [], "detail": []}, json.dumps(found, indent=1)
    # No horizontal scrolling on a phone: everything fits in 360 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


# The admin's pages, each in its fullest state: an import report with an error row, open forms.
ADMIN_PAGES = {
    "categories": ("/categories", "Categorías y política"),
    "category": ("/categories/internet", "Internet internet"),
    "rates": ("/rates", "Tasas de cambio"),
    "organization": ("/organization", "Configuración de la organización"),
    "events": ("/events", "Registro de auditoría"),
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360x740", "1280x800"])
def test_admin_pages_have_no_serious_accessibility_problems(browse, people, categories, viewport):
    from orgsetup.services.people import person_update
    from tests.e2e.test_admin import choose_file
    from tests.e2e.test_worker_receipts import log_in

    person_update(admin=people["admin"], person=people["owner"], changes={"cost_centre": "CC-1"})
    browsing = browse(viewport=viewport, bypass_csp=True)
    page = log_in(browsing, "adela")
    expect(page.get_by_role("heading", name="Personas", level=1)).to_be_visible()
    choose_file(page)
    page.get_by_role("button", name="Revisar el archivo").click()
    expect(page.locator("table.import-errors tbody tr")).to_have_count(1)
    page.get_by_label("Seleccionar a Ana").check()
    expect(page.get_by_role("form", name="Cambiar 1 persona seleccionada")).to_be_visible()
    found = {"people": axe_problems(page)}
    widths = {"people": page.evaluate("document.documentElement.scrollWidth")}

    def check(name: str) -> None:
        found[name] = axe_problems(page)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")

    browsing.goto(f"/people/{people['owner'].pk}")
    expect(page.get_by_role("heading", name="Ana", level=1)).to_be_visible()
    check("person")
    for name, (path, heading) in ADMIN_PAGES.items():
        browsing.goto(path)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        if name == "categories":
            page.get_by_role("button", name="Crear una categoría").click()
        check(name)

    browsing.goto("/activate#code=ABC")
    page.get_by_role("button", name="Activar mi cuenta").click()
    expect(page.get_by_text("Elija una contraseña.")).to_be_visible()
    check("activate")

    assert all(problems == [] for problems in found.values()), json.dumps(found, indent=1)
    # No horizontal scrolling on a phone: everything fits in 360 px.
    assert all(width <= viewport["width"] for width in widths.values()), widths
