"""Navigation shows each role only the pages that exist for it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_worker_receipts import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_hr_sees_no_worker_pages(browse, people):
    browsing = browse()
    page = log_in(browsing, "hugo")
    # HR lands on the first page of its menu: the review queue.
    expect(page.get_by_role("heading", name="Cola de revisión", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Tasas de cambio")).to_be_visible()
    expect(page.get_by_role("link", name="Mis recibos")).to_have_count(0)
    browsing.goto("/receipts")
    expect(page.get_by_text("Su rol no puede abrir esta página.")).to_be_visible()
    assert browsing.errors == []


def test_a_worker_lands_on_their_receipts_and_unknown_pages_say_so(browse, people):
    browsing = browse()
    page = log_in(browsing, "ana")
    expect(page.get_by_role("heading", name="Mis recibos", level=1)).to_be_visible()
    expect(page).to_have_title("Mis recibos · homeclaim")
    browsing.goto("/no-existe")
    expect(page.get_by_role("heading", name="Página no encontrada")).to_be_visible()
    assert browsing.errors == []
