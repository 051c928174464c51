"""The second engine re-reads only the lines that decide the total, where Tesseract found them."""

import pytest
from PIL import ImageOps

from receipts.ocr import pipeline, second, tesseract
from tests.receipts.ocr.test_pipeline import CO_TICKET, needs_font, render

pytestmark = [
    pytest.mark.slow,
    needs_font,
    pytest.mark.skipif(not second.available(), reason="RapidOCR is not installed"),
]


def _tesseract_lines(lines: list[str]):
    upright = ImageOps.grayscale(render(lines))
    prepared = tesseract.prepare(upright)
    return upright, tesseract.run(prepared), upright.width / prepared.width


def test_only_the_lines_that_decide_the_total_are_re_read():
    upright, ocr, scale = _tesseract_lines(CO_TICKET)
    boxes = pipeline._lines_to_reread(ocr, scale)
    text = second.read_lines(upright, boxes)
    lines = text.splitlines()
    assert len(lines) == len(boxes) < len(ocr.lines) - 4  # not the header, not the items
    joined = text.upper().replace(" ", "").replace("0", "O")  # O and 0 alike
    for expected in ("TOTALAPAGAR", "25.OOO", "EFECTIVO", "5O.OOO", "CAMBIO", "SUBTOTAL", "21.OO8"):
        assert expected in joined
    assert "SUPERMERCADO" not in joined and "BOGOTA" not in joined


def test_boxes_are_in_the_upright_image_not_the_scaled_one():
    upright, ocr, scale = _tesseract_lines(CO_TICKET)
    total = next(line for line in ocr.lines if "PAGAR" in line.text.upper())
    boxes = pipeline._lines_to_reread(ocr, scale)
    left, top, width, height = (round(v * scale) for v in total.box)
    assert (left, top, width, height) in boxes
    assert top + height <= upright.height and left + width <= upright.width


def test_nothing_to_re_read_gives_no_text():
    upright, _, _ = _tesseract_lines(CO_TICKET)
    assert second.read_lines(upright, []) == ""
    assert second.read_lines(upright, [(0, 0, 3, 3)]) == ""  # too small to be a line
