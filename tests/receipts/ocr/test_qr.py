"""DIAN e-invoice QR text parsing (pure) and finding a QR in an image."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from receipts.ocr import qr

CUFE = "0123456789abcdef" * 6  # 96 hex characters, like a SHA-384

COLON_LINES = (
    "NumFac: SETP990000002\nFecFac: 2026-06-21\nHorFac: 10:23:43-05:00\nNitFac: 900373115\n"
    "DocAdq: 123456789\nValFac: 1000000.00\nValIva: 190000.00\nValOtroIm: 0.00\n"
    f"ValTolFac: 1190000.00\nCUFE: {CUFE}\n"
    f"QRCode: https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey={CUFE}"
)
EQUALS_LINES = (
    "NumFac=FE-1234\r\nFecFac=2026-03-15\r\nNitFac=860034313-7\r\nDocAdq=79000000\r\n"
    f"ValFacSinImp=84033.61\r\nValTolFac=100000.00\r\nCUFE={CUFE.upper()}"
)
ONE_LINE = f"NumFac: A1 FecFac: 2026-01-02 NitFac: 800197268 ValTolFac: 52.500,00 CUFE: {CUFE}"
URL_ONLY = f"https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey={CUFE}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            COLON_LINES,
            qr.DianQr(
                "SETP990000002",
                datetime.date(2026, 6, 21),
                "900373115-3",
                Decimal("1190000.00"),
                Decimal("190000.00"),
                CUFE,
            ),
        ),
        (
            EQUALS_LINES,
            qr.DianQr(
                "FE-1234",
                datetime.date(2026, 3, 15),
                "860034313-7",
                Decimal("100000.00"),
                Decimal("15966.39"),
                CUFE,
            ),
        ),
        (
            ONE_LINE,
            qr.DianQr(
                "A1", datetime.date(2026, 1, 2), "800197268-4", Decimal("52500.00"), None, CUFE
            ),
        ),
        (URL_ONLY, qr.DianQr(None, None, None, None, None, CUFE)),
    ],
)
def test_parse_dian_qr(text, expected):
    assert qr.parse_dian_qr(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://example.com/menu",
        "WIFI:S:cafe;T:WPA;P:secret;;",
        "ValTolFac: -5.00",
        "CUFE: xyz",
    ],
)
def test_not_a_dian_qr(text):
    assert qr.parse_dian_qr(text) is None


@given(st.text(max_size=300))
def test_qr_parser_never_raises(text):
    qr.parse_dian_qr(text)


def _qr_image(text: str) -> Image.Image:
    zxingcpp = pytest.importorskip("zxingcpp")
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
    bitmap = memoryview(zxingcpp.write_barcode_to_image(barcode))
    height, width = bitmap.shape[:2]
    code = Image.frombytes("L", (width, height), bitmap.tobytes())
    page = Image.new("RGB", (width * 4 + 200, height * 4 + 200), "white")
    page.paste(code.resize((width * 4, height * 4), Image.Resampling.NEAREST), (100, 100))
    return page


def test_find_dian_qr_in_image():
    found = qr.find_dian_qr(_qr_image(COLON_LINES))
    assert found is not None
    assert (found.total, found.cufe) == (Decimal("1190000.00"), CUFE)


def test_image_without_qr():
    assert qr.find_dian_qr(Image.new("RGB", (300, 300), "white")) is None
