"""A phone-first home: on a 390×844 phone the camera is on the first screen, without scrolling.

Workers photograph receipts on their phones; the first thing their home (the receipts page)
offers must be the camera, above the fold, whatever the header holds.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import RESULTS
from tests.e2e.test_worker_receipts import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["es-CO", "en"])
def test_the_camera_is_within_the_first_screen_of_a_phone(browse, people, read_receipt, language):
    for seed in range(3):  # a list under the upload panel must not push it down
        read_receipt(people["owner"], seed=seed)
    browsing = browse(viewport=PHONE)
    page = log_in(browsing, "ana")
    if language == "en":
        page.get_by_label("Idioma").select_option("en")
    camera = page.get_by_role("button", name="Tomar foto" if language == "es-CO" else "Take photo")
    expect(camera).to_be_visible()
    expect(page.locator("ul.receipts li")).to_have_count(3)
    assert page.evaluate("window.scrollY") == 0
    box = camera.bounding_box()
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"phone-home-{language}.png"))
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    # Big enough to hit with a thumb (WCAG 2.5.5: 44 × 44 CSS px).
    assert box["height"] >= 44 and box["width"] >= 44, box
    # The header is one bar and one menu row, not a third of the screen.
    header = page.get_by_role("banner").bounding_box()
    assert header is not None and header["height"] <= 120, header
    assert browsing.errors == []
