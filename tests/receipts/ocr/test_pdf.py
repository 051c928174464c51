"""PDF helpers: page checks, text layer, bounded rendering, metadata stripping."""

import math

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receipts.ocr import pdf
from receipts.ocr.errors import FileRejected
from tests.receipts import samples


def test_open_checked_counts_pages_and_enforces_the_limit():
    assert pdf.open_checked(samples.pdf_with_pages(3), max_pages=10) == 3
    with pytest.raises(FileRejected) as caught:
        pdf.open_checked(samples.pdf_with_pages(11), max_pages=10)
    assert (caught.value.code, caught.value.details) == ("pdf_too_many_pages", {"max_pages": 10})


def test_encrypted_sample_is_really_password_protected():
    assert len(pdfium.PdfDocument(samples.encrypted_pdf(), password="secreto")) == 1
    with pytest.raises(FileRejected) as caught:
        pdf.open_checked(samples.encrypted_pdf())
    assert caught.value.code == "pdf_encrypted"


def test_text_layer_joins_pages_with_form_feeds_up_to_max_pages():
    assert pdf.text_layer(samples.text_pdf(["Factura", "Total 50.000"])) == "Factura\nTotal 50.000"
    assert pdf.text_layer(samples.pdf_with_pages(3)) == "\f\f"
    assert pdf.text_layer(samples.pdf_with_pages(25), max_pages=10) == "\f" * 9


def test_render_page_uses_200_dpi_when_the_budget_allows():
    page = pdf.render_page(samples.text_pdf(["x"]), max_pixels=10_000_000)
    assert page.size == (math.ceil(595 * 200 / 72), math.ceil(842 * 200 / 72))
    assert page.mode == "RGB"


def test_render_page_caps_a_14400_point_page_by_pixel_budget():
    page = pdf.render_page(samples.huge_page_pdf(), max_pixels=1_000_000)
    assert page.width * page.height <= 1_000_000
    assert page.size == (1000, 1000)


def test_render_page_refuses_a_missing_page():
    with pytest.raises(IndexError):
        pdf.render_page(samples.pdf_with_pages(2), 2, max_pixels=1_000_000)


@settings(max_examples=200, deadline=None, database=None)
@given(
    width=st.floats(1, 14400),
    height=st.floats(1, 14400),
    max_pixels=st.integers(100, 50_000_000),
)
def test_scale_never_exceeds_the_pixel_budget(width, height, max_pixels):
    scale = pdf._scale_for(width, height, dpi=200, max_pixels=max_pixels)
    assert 0 < scale <= 200 / 72
    assert math.ceil(width * scale) * math.ceil(height * scale) <= max_pixels


def test_strip_metadata_drops_info_and_xmp_but_keeps_text():
    original = samples.text_pdf(["Claro Hogar", "TOTAL $ 120.000"])
    for planted in (b"-AUTHOR", b"-TITLE", b"-CREATOR", b"-PRODUCER", b"-XMP"):
        assert samples.MARKER + planted in original
    clean = pdf.strip_metadata(original)
    assert samples.MARKER not in clean
    assert samples.XMP_NAMESPACE not in clean
    assert pdf.text_layer(clean) == "Claro Hogar\nTOTAL $ 120.000"
    document = pdfium.PdfDocument(clean)
    assert not any(document.get_metadata_dict().get(key) for key in ("Author", "Title"))
