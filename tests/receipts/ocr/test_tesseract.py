"""Tesseract in the worker's process: one loaded engine per thread, reused from receipt to receipt."""

import threading

import pytest
from PIL import ImageOps

from receipts.ocr import tesseract
from tests.receipts.ocr.test_pipeline import CO_TICKET, needs_font, render


@needs_font
@pytest.mark.slow
def test_reads_text_and_rates_it():
    page = tesseract.prepare(ImageOps.grayscale(render(CO_TICKET)))
    ocr = tesseract.run(page)
    assert "TOTAL" in ocr.text.upper()
    assert len(ocr.text.splitlines()) >= len(CO_TICKET) - 2
    assert ocr.confidence > 60


@needs_font
@pytest.mark.slow
def test_an_engine_is_loaded_once_per_thread_and_gives_the_same_reading():
    page = tesseract.prepare(ImageOps.grayscale(render(CO_TICKET)))
    first = tesseract.run(page)
    engine = tesseract._engine(tesseract.LANG, 6)
    assert tesseract.run(page) == first
    assert tesseract._engine(tesseract.LANG, 6) is engine  # not loaded again
    other: dict = {}

    def in_another_thread():
        other["engine"] = tesseract._engine(tesseract.LANG, 6)
        other["reading"] = tesseract.run(page)

    thread = threading.Thread(target=in_another_thread)
    thread.start()
    thread.join()
    assert other["engine"] is not engine  # an engine is not shared between threads
    assert other["reading"] == first


def test_a_missing_model_is_a_tesseract_error():
    with pytest.raises(tesseract.TesseractError):
        tesseract._engine("xx_no_such_language", 6)


@needs_font
@pytest.mark.slow
def test_a_reading_that_takes_too_long_is_given_up_and_the_engine_still_works():
    page = tesseract.prepare(ImageOps.grayscale(render(CO_TICKET * 6)))
    with pytest.raises(tesseract.TesseractError):
        tesseract.run(page, timeout=0.001)
    assert "TOTAL" in tesseract.run(page).text.upper()
