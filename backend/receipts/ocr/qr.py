"""DIAN e-invoice QR codes: find them in an image and parse their text.

The QR of a Colombian electronic invoice carries the exact total, date, NIT and CUFE, so when one
is readable it beats OCR. Its text is `Key: value` or `Key=value` lines, or just a URL to the DIAN
catalogue with the CUFE as `documentkey=`.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from PIL import Image

from receipts.ocr.parse import CENT, nit_check_digit, parse_number


@dataclass(frozen=True)
class DianQr:
    number: str | None
    date: datetime.date | None
    nit: str | None
    total: Decimal | None
    tax: Decimal | None
    cufe: str | None


_FIELD = re.compile(r"^\s*([A-Za-z]{2,20})\s*[:=]\s*(.*?)\s*$")
_CUFE = re.compile(r"(?:documentkey=|cufe[:=]\s*)([0-9a-f]{40,128})", re.I)


def _money(value: str | None) -> Decimal | None:
    if not value:
        return None
    value = value.replace("$", "").replace(" ", "")
    negative = value.startswith("-")
    number = parse_number(value.lstrip("-+"))
    if number is None or negative:
        return None
    return number.quantize(CENT)


def _date(value: str | None) -> datetime.date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _nit(value: str | None) -> str | None:
    digits = re.sub(r"\D", "", (value or "").split("-")[0])
    if not 6 <= len(digits) <= 10:
        return None
    printed = re.search(r"-\s*(\d)\s*$", value or "")
    return f"{digits}-{printed[1] if printed else nit_check_digit(digits)}"


def parse_dian_qr(text: str) -> DianQr | None:
    """The fields of a DIAN QR text, or None when the text is not one."""
    fields: dict[str, str] = {}
    for line in re.split(r"[\r\n]+|(?<=\S)\s+(?=[A-Z][A-Za-z]{2,15}\s*[:=])", text[:10_000]):
        m = _FIELD.match(line)
        if m and not m[2].startswith("//"):
            fields.setdefault(m[1].lower(), m[2])
    cufe_match = _CUFE.search(text[:10_000])
    cufe = cufe_match[1].lower() if cufe_match else None
    if cufe is None and re.fullmatch(r"[0-9a-fA-F]{40,128}", fields.get("cufe", "")):
        cufe = fields["cufe"].lower()
    total = _money(fields.get("valtolfac") or fields.get("valtotfac"))
    tax = _money(fields.get("valiva"))
    if tax is None and total is not None:
        before_tax = _money(fields.get("valfacsinimp") or fields.get("valfac"))
        if before_tax is not None and before_tax <= total and "valotroim" not in fields:
            tax = total - before_tax
    if total is None and cufe is None:
        return None
    number = fields.get("numfac") or None
    return DianQr(number, _date(fields.get("fecfac")), _nit(fields.get("nitfac")), total, tax, cufe)


def find_qr_texts(image: Image.Image) -> list[str]:
    """The texts of the QR codes in an image (zxing-cpp; grayscale is all it needs)."""
    import zxingcpp  # imported here so the pure parser works without the native library

    gray = image if image.mode == "L" else image.convert("L")
    try:
        found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)  # type: ignore[arg-type]
    except (ValueError, RuntimeError):
        return []
    return [barcode.text for barcode in found if barcode.text]


def find_dian_qr(image: Image.Image) -> DianQr | None:
    """The first DIAN QR in the image; a QR with a total wins over one with only a CUFE."""
    readings = [r for r in map(parse_dian_qr, find_qr_texts(image)) if r is not None]
    readings.sort(key=lambda r: r.total is None)
    return readings[0] if readings else None
