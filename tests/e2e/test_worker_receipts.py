"""A worker's receipts in the browser, in Spanish, on a phone-sized screen."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import DESKTOP, Browsing
from tests.receipts.tickets import COLOMBIAN_CASH, ticket

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def log_in(browsing: Browsing, username: str, password: str = PASSWORD, path: str = "/") -> Page:
    page = browsing.goto(path)
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Entrar").click()
    return page


def stored_receipt(owner, lines=COLOMBIAN_CASH, name="ticket.jpg"):
    """A receipt uploaded through the service (read inline by the real pipeline)."""
    from receipts.services import receipt_upload

    return receipt_upload(owner=owner, file=SimpleUploadedFile(name, ticket(lines)))


def test_worker_uploads_a_colombian_ticket_and_sees_the_total_read(browse, people):
    browsing = browse()
    page = log_in(browsing, "ana")
    expect(page.get_by_role("heading", name="Mis recibos", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/receipts$"))
    expect(page.get_by_role("link", name="Mis recibos")).to_have_attribute("aria-current", "page")

    page.get_by_test_id("file-input").set_input_files(
        files=[{"name": "ticket.jpg", "mimeType": "image/jpeg", "buffer": ticket(COLOMBIAN_CASH)}]
    )
    upload = page.locator("li.upload").filter(has_text="ticket.jpg")
    # Tesseract reads it in the background; the page polls until the reading is done.
    expect(upload).to_contain_text("Total: $ 500.000", timeout=60_000)
    expect(upload.locator(".badge")).to_have_text(re.compile("Leído|Por revisar"))
    listed = page.locator("ul.receipts li")
    expect(listed).to_have_count(1)
    expect(listed.first).to_contain_text("$ 500.000")
    expect(listed.first).to_contain_text("15/03/2026")

    upload.get_by_role("link", name="Ver recibo").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Recibo \d+$"))).to_be_visible()
    fields = page.locator("dl.fields")
    expect(fields).to_contain_text("$ 500.000")
    expect(fields).to_contain_text("15/03/2026")
    expect(fields).to_contain_text("900123456-7")
    image = page.get_by_role("img", name=re.compile(r"Foto del recibo \d+"))
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)  # loaded or failed, then:
    assert image.evaluate("img => img.naturalWidth") > 0, "the preview did not load"
    chosen = page.locator(".candidates li.chosen")
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text("TOTAL A PAGAR")

    page.get_by_role("button", name="Cerrar sesión").click()
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    expect(page.get_by_text("Cerró la sesión.")).to_be_visible()
    # The session is really gone: a protected page sends us back to the login form.
    browsing.goto("/receipts")
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    assert browsing.errors == []


def test_a_duplicate_upload_is_refused_next_to_the_file_with_a_link_to_the_first(browse, people):
    first = stored_receipt(people["owner"])
    browsing = browse()
    page = log_in(browsing, "ana")
    expect(page.locator("ul.receipts li")).to_have_count(1)
    page.get_by_test_id("file-input").set_input_files(
        files=[
            {"name": "otra-vez.jpg", "mimeType": "image/jpeg", "buffer": ticket(COLOMBIAN_CASH)},
            {"name": "notas.txt", "mimeType": "text/plain", "buffer": b"no soy un recibo"},
        ]
    )
    again = page.locator("li.upload").filter(has_text="otra-vez.jpg")
    expect(again.get_by_role("alert")).to_contain_text(
        f"Usted ya subió este archivo (recibo {first.pk})"
    )
    text = page.locator("li.upload").filter(has_text="notas.txt")
    expect(text.get_by_role("alert")).to_contain_text("Este tipo de archivo no se acepta")
    again.get_by_role("link", name="Abrir el recibo que subió antes").click()
    expect(page).to_have_url(re.compile(rf"/receipts/{first.pk}$"))
    expect(page.get_by_role("heading", name=f"Recibo {first.pk}")).to_be_visible()
    assert browsing.errors == []


def test_a_worker_cannot_see_another_workers_receipt(browse, people):
    theirs = stored_receipt(people["other_worker"])
    browsing = browse()
    page = log_in(browsing, "ana", path=f"/receipts/{theirs.pk}")
    # After logging in the worker is taken to the page asked for, and the API says 404.
    expect(page).to_have_url(re.compile(rf"/receipts/{theirs.pk}$"))
    expect(page.get_by_role("alert")).to_have_text("No encontrado.")
    expect(page.get_by_text("FERRETERIA")).to_have_count(0)
    expect(page.get_by_role("img")).to_have_count(0)
    assert browsing.errors == []


def test_a_wrong_password_is_explained_in_spanish(browse, people):
    browsing = browse()
    page = log_in(browsing, "ana", password="no-es-esta")
    expect(page.get_by_role("alert")).to_have_text("Usuario o contraseña incorrectos.")
    expect(page.get_by_label("Contraseña")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    assert browsing.errors == []


def test_the_language_switch_is_remembered(browse, people):
    browsing = browse()
    page = log_in(browsing, "ana")
    expect(page.get_by_role("heading", name="Mis recibos", level=1)).to_be_visible()
    page.get_by_label("Idioma").select_option("en")
    expect(page.get_by_role("heading", name="My receipts", level=1)).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="My receipts", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert browsing.errors == []


def test_server_errors_and_lost_connections_are_said_not_swallowed(browse, people):
    browsing = browse()
    page = log_in(browsing, "ana")
    expect(page.get_by_text("Aún no hay recibos.")).to_be_visible()

    # A proxy's HTML error page instead of the API's JSON: still a message in Spanish.
    bad_gateway = "**/api/receipts?*"
    page.route(bad_gateway, lambda route: route.fulfill(status=502, body="<h1>Bad Gateway</h1>"))
    page.get_by_role("button", name="Actualizar").click()
    expect(page.get_by_role("alert")).to_have_text(
        "El servidor tuvo un problema. Intente de nuevo en un momento."
    )
    page.unroute(bad_gateway)

    # An upload the server fails (5xx) says so and can be sent again; a photo chosen offline
    # waits instead of failing (test_offline_uploads.py).
    receipts = "**/api/receipts"
    page.route(receipts, lambda route: route.fulfill(status=503, body="<h1>Unavailable</h1>"))
    page.get_by_test_id("file-input").set_input_files(
        files=[{"name": "caido.jpg", "mimeType": "image/jpeg", "buffer": ticket(COLOMBIAN_CASH)}]
    )
    upload = page.locator("li.upload").filter(has_text="caido.jpg")
    expect(upload.get_by_role("alert")).to_have_text(
        "El servidor tuvo un problema. Intente de nuevo en un momento."
    )
    page.unroute(receipts)
    upload.get_by_role("button", name="Intentar de nuevo").click()
    expect(upload).to_contain_text("Total: $ 500.000", timeout=60_000)
    expect(page.locator("ul.receipts li")).to_have_count(1)
    assert browsing.errors == []


def test_files_dropped_on_the_page_or_taken_with_the_camera_are_uploaded(browse, people):
    browsing = browse(viewport=DESKTOP)
    page = log_in(browsing, "ana")
    camera = page.get_by_test_id("camera-input")
    expect(camera).to_have_attribute("capture", "environment")
    expect(camera).to_have_attribute("accept", "image/*,application/pdf")

    dropped = ticket(COLOMBIAN_CASH)
    transfer = page.evaluate_handle(
        """(bytes) => {
            const transfer = new DataTransfer();
            const file = new File([new Uint8Array(bytes)], 'arrastrado.jpg', { type: 'image/jpeg' });
            transfer.items.add(file);
            return transfer;
        }""",
        list(dropped),
    )
    page.dispatch_event(".dropzone", "drop", {"dataTransfer": transfer})
    upload = page.locator("li.upload").filter(has_text="arrastrado.jpg")
    expect(upload).to_contain_text("Total: $ 500.000", timeout=60_000)

    photo = ticket(["PAPELERIA LA 14", "Fecha: 02/04/2026", "TOTAL          $ 35.000"])
    camera.set_input_files(files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": photo}])
    taken = page.locator("li.upload").filter(has_text="foto.jpg")
    expect(taken.locator(".badge")).to_have_text(re.compile("Leído|Por revisar"), timeout=60_000)
    expect(page.locator("ul.receipts li")).to_have_count(2)
    assert browsing.errors == []
