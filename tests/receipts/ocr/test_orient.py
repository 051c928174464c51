"""Levelling a skewed receipt and turning it a quarter, on pictures drawn here."""

import pytest
from PIL import Image, ImageDraw, ImageOps

from receipts.ocr import orient, tesseract
from tests.receipts.ocr.test_pipeline import CO_TICKET, needs_font, render


@needs_font
@pytest.mark.parametrize("angle", [-40, -27, -17, -8, -4, 0, 5, 11, 19, 33])
def test_level_angle_undoes_the_skew(angle):
    page = ImageOps.grayscale(render(CO_TICKET)).rotate(angle, expand=True, fillcolor=255)
    assert orient.level_angle(page) == pytest.approx(-angle, abs=1)


@needs_font
@pytest.mark.parametrize(("more_lines", "angle"), [(10, 0.0), (14, -30.0)])
def test_a_steep_angle_must_line_up_markedly_more_ink(more_lines, angle):
    """A level ticket beside a page turned 30 degrees: when the two line up about as much ink
    (1.06x), the usual angle stands; the steep one only when markedly sharper (1.37x)."""
    level = ImageOps.grayscale(render(CO_TICKET))
    turned = ImageOps.grayscale(render((CO_TICKET * 3)[: len(CO_TICKET) + more_lines]))
    turned = turned.rotate(30, expand=True, fillcolor=255)
    page = Image.new("L", (level.width + turned.width, max(level.height, turned.height)), 255)
    page.paste(level, (0, 0))
    page.paste(turned, (level.width, 0))
    assert orient.level_angle(page) == angle


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


@needs_font
def test_text_height_follows_the_size_of_the_print():
    page = ImageOps.grayscale(render(CO_TICKET))  # 26 px type: bands of about 19 px
    height = orient.text_height(page)
    assert height == pytest.approx(19, abs=2)
    doubled = page.resize((page.width * 2, page.height * 2))
    assert orient.text_height(doubled) == pytest.approx(2 * height, rel=0.15)


@needs_font
def test_prepare_brings_large_print_back_to_the_size_tesseract_reads_fastest():
    large = ImageOps.grayscale(render(CO_TICKET)).resize((1520, 1400))
    prepared = tesseract.prepare(large)
    assert prepared.width < large.width
    assert orient.text_height(prepared) == pytest.approx(tesseract.LINE_HEIGHT, abs=2)


@needs_font
def test_too_few_lines_to_measure_fall_back_to_the_width():
    one_line = ImageOps.grayscale(render(["TOTAL 5.000"]))
    assert orient.text_height(one_line) is None
    tiny = one_line.resize((300, 40))
    assert tesseract.prepare(tiny).width == tesseract.MIN_WIDTH


@needs_font
def test_text_height_ignores_the_desk_along_the_sides_and_creases_across_the_page():
    """A sheet cut out of a photo keeps a strip of the desk along its sides, and a crumpled
    receipt has creases running across it: both put some ink in every row, between the lines
    of text too, and no line would show."""
    page = ImageOps.grayscale(render(CO_TICKET))
    marked = page.copy()
    draw = ImageDraw.Draw(marked)
    draw.rectangle((0, 0, 6, page.height), fill=40)  # the desk along both sides
    draw.rectangle((page.width - 7, 0, page.width, page.height), fill=40)
    for start in range(-page.height, page.width, 160):  # creases, corner to corner
        draw.line((start, 0, start + page.height, page.height), fill=90, width=2)
    assert orient.text_height(marked) == pytest.approx(orient.text_height(page), rel=0.15)
