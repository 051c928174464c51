"""Photos taken without a connection wait in the browser and are sent when it returns.

Reliable internet is one of the things these workers are still fighting for: a photo chosen
offline is kept in IndexedDB, shown as waiting, and sent on the `online` event or when the app
starts again. Phone-sized (390×844), in Spanish.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from receipts.models import Receipt
from tests.e2e.test_worker_receipts import log_in
from tests.receipts.tickets import COLOMBIAN_CASH, ticket

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
QUEUED = "En cola, sin conexión"


def choose_photo(page: Page, name: str) -> None:
    page.get_by_test_id("camera-input").set_input_files(
        files=[{"name": name, "mimeType": "image/jpeg", "buffer": ticket(COLOMBIAN_CASH)}]
    )


def kept_in_browser(page: Page) -> int:
    """How many photos wait in the app's IndexedDB outbox."""
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open('homeclaim');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('outbox')) { db.close(); resolve(0); return; }
                const count = db.transaction('outbox').objectStore('outbox').count();
                count.onsuccess = () => { db.close(); resolve(count.result); };
            };
        })"""
    )


def receipts_in_api(page: Page, base_url: str) -> list[dict]:
    """The worker's receipts as the API lists them, with the page's own session."""
    response = page.request.get(f"{base_url}/api/receipts")
    assert response.ok, response.text()
    return response.json()["items"]


def test_a_photo_chosen_offline_waits_and_is_sent_when_the_connection_returns(browse, people):
    browsing = browse(viewport=PHONE)
    page = log_in(browsing, "ana")
    expect(page.get_by_text("Aún no hay recibos.")).to_be_visible()

    browsing.context.set_offline(True)
    choose_photo(page, "sin-red.jpg")
    upload = page.locator("li.upload").filter(has_text="sin-red.jpg")
    expect(upload).to_contain_text(QUEUED)
    expect(upload.get_by_role("alert")).to_have_count(0)  # waiting is not an error
    assert kept_in_browser(page) == 1
    assert Receipt.objects.count() == 0

    browsing.context.set_offline(False)  # the `online` event sends it
    expect(upload).to_contain_text("Total: $ 500.000", timeout=60_000)
    expect(upload).not_to_contain_text(QUEUED)
    expect(page.locator("ul.receipts li")).to_have_count(1)
    assert kept_in_browser(page) == 0
    [listed] = receipts_in_api(page, browsing.base_url)
    assert listed["total"] == "500000.00"
    assert browsing.errors == []


def test_a_photo_kept_offline_is_sent_when_the_app_starts_again(browse, people):
    browsing = browse(viewport=PHONE)
    page = log_in(browsing, "ana")
    expect(page.get_by_text("Aún no hay recibos.")).to_be_visible()

    browsing.context.set_offline(True)
    choose_photo(page, "de-anoche.jpg")
    expect(page.locator("li.upload").filter(has_text="de-anoche.jpg")).to_contain_text(QUEUED)
    page.close()  # the tab is closed before the connection returns

    browsing.context.set_offline(False)
    again = browsing.context.new_page()
    again.goto(browsing.base_url + "/receipts")
    upload = again.locator("li.upload").filter(has_text="de-anoche.jpg")
    expect(upload).to_contain_text("Total: $ 500.000", timeout=60_000)
    expect(again.locator("ul.receipts li")).to_have_count(1)
    assert kept_in_browser(again) == 0
    assert len(receipts_in_api(again, browsing.base_url)) == 1


def test_the_app_installs_with_a_manifest_and_keeps_its_shell(browse, people):
    browsing = browse(viewport=PHONE)
    page = log_in(browsing, "ana")
    expect(page.get_by_role("heading", name="Mis recibos", level=1)).to_be_visible()
    manifest = page.request.get(browsing.base_url + "/manifest.webmanifest")
    assert manifest.ok
    assert manifest.json()["start_url"] == "/"
    assert page.locator('link[rel="manifest"]').count() == 1
    # The worker is active and the shell (index and its first files) is in the cache.
    scope = page.evaluate(
        "() => navigator.serviceWorker.ready.then((registration) => registration.scope)"
    )
    assert re.fullmatch(rf"{re.escape(browsing.base_url)}/", scope)
    kept = page.evaluate(
        """() => caches.open('homeclaim-shell-v1')
            .then((cache) => cache.keys())
            .then((requests) => requests.map((request) => new URL(request.url).pathname))"""
    )
    assert "/" in kept
    assert any(path.startswith("/assets/index-") and path.endswith(".js") for path in kept)
    # Nothing from another origin, and never the API.
    assert not any(path.startswith("/api/") for path in kept)


def test_a_photo_waiting_for_the_connection_is_said_accessibly(browse, people):
    from tests.e2e.test_accessibility import axe_problems

    # The page's own CSP forbids the injected axe script; only this context bypasses it.
    browsing = browse(viewport=PHONE, bypass_csp=True)
    page = log_in(browsing, "ana")
    expect(page.get_by_text("Aún no hay recibos.")).to_be_visible()
    browsing.context.set_offline(True)
    choose_photo(page, "sin-red.jpg")
    waiting = page.locator("li.upload").filter(has_text="sin-red.jpg").get_by_role("status")
    expect(waiting).to_contain_text(QUEUED)
    assert axe_problems(page) == []
    browsing.context.set_offline(False)
    expect(page.locator("ul.receipts li")).to_have_count(1, timeout=60_000)
