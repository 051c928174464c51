"""Levelling a skewed receipt and turning it a quarter, on pictures drawn here."""

import pytest
from PIL import ImageOps

from receipts.ocr import orient
from tests.receipts.ocr.test_pipeline import CO_TICKET, needs_font, render


@needs_font
@pytest.mark.parametrize("angle", [-17, -8, -4, 0, 5, 11, 19])
def test_level_angle_undoes_the_skew(angle):
    page = ImageOps.grayscale(render(CO_TICKET)).rotate(angle, expand=True, fillcolor=255)
    assert orient.level_angle(page) == pytest.approx(-angle, abs=1)


@needs_font
def test_small_skew_is_left_to_tesseract():
    page = ImageOps.grayscale(render(CO_TICKET)).rotate(2, expand=True, fillcolor=255)
    assert orient.level(page) is page


@needs_font
def test_level_straightens_a_skewed_page():
    page = ImageOps.grayscale(render(CO_TICKET)).rotate(10, expand=True, fillcolor=255)
    assert orient.level_angle(orient.level(page)) == pytest.approx(0, abs=1)


@needs_font
def test_blank_page_has_no_angle():
    page = ImageOps.grayscale(render([]))
    assert orient.level_angle(page) == 0.0


@needs_font
def test_turns_are_counter_clockwise_and_reversible():
    page = ImageOps.grayscale(render(CO_TICKET))
    assert orient.turn(page, 90).size == (page.height, page.width)
    assert orient.turn(orient.turn(page, 90), 270).tobytes() == page.tobytes()
    assert orient.turn(page, 0) is page
