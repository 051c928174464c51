"""The app in English for a browser that asks for it, and the pages fetched on first use."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def log_in_english(browsing, username: str, password: str = PASSWORD):
    page = browsing.goto("/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    return page


def test_a_worker_and_hr_with_an_english_browser_get_the_app_in_english(browse, people):
    worker = browse(language="en-US")
    page = log_in_english(worker, "ana", password="not-this-one")
    # The server's own messages follow the browser's language too.
    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="My receipts", level=1)).to_be_visible()
    expect(page).to_have_title("My receipts · homeclaim")
    expect(page.get_by_role("heading", name="Add receipts")).to_be_visible()
    expect(page.get_by_text("No receipts yet. Add your first one above.")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"

    page.get_by_role("link", name="My claims").click()
    expect(page.get_by_role("heading", name="My claims", level=1)).to_be_visible()
    expect(page.get_by_text("No claims yet. Create one from your expenses.")).to_be_visible()
    assert worker.errors == []

    hr = browse(language="en-GB", viewport=DESKTOP)
    page = log_in_english(hr, "hugo")
    expect(page.get_by_role("heading", name="Review queue", level=1)).to_be_visible()
    expect(page.get_by_role("form", name="Filters").get_by_label("Status")).to_be_visible()
    expect(page.get_by_role("heading", name="0 claims")).to_be_visible()
    expect(page.get_by_role("link", name="Exchange rates")).to_be_visible()
    assert hr.errors == []


def test_a_page_whose_code_cannot_be_fetched_says_so_and_can_be_tried_again(browse, people):
    hr = browse(language="en", viewport=DESKTOP)
    page = log_in_english(hr, "hugo")
    expect(page.get_by_role("heading", name="Review queue", level=1)).to_be_visible()

    # Offline: the page's code cannot come, and trying again while still offline says so again.
    hr.context.set_offline(True)
    page.get_by_role("link", name="Dashboard").click()
    failed = page.get_by_role("alert")
    expect(failed).to_contain_text(
        "This page could not be loaded. Check your connection and try again."
    )
    page.get_by_role("button", name="Try again").click()
    expect(failed).to_contain_text("This page could not be loaded.")

    # Back online, trying again opens the page.
    hr.context.set_offline(False)
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", name="Bargaining dashboard", level=1)).to_be_visible()
    assert hr.errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_admin_selects_everyone_on_the_page_on_a_phone_as_on_a_desktop(browse, people, viewport):
    admin = browse(language="en", viewport=viewport)
    page = log_in_english(admin, "adela")
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()
    # One such box at a time: above the cards on a phone, in the table's header on a desktop.
    select_all = page.get_by_role("checkbox", name="Select everyone on this page")
    expect(select_all).to_have_count(1)
    select_all.check()
    expect(page.get_by_role("form", name="Change 5 selected people")).to_be_visible()
    expect(page.get_by_label("Select Ana")).to_be_checked()
    select_all.uncheck()
    expect(page.get_by_role("form", name="Change 5 selected people")).to_have_count(0)
    assert admin.errors == []
