"""Who sold it: the vendor's NIT (with DIAN's check digit) and its name from the header."""

import re

_NIT = re.compile(
    r"\bN\.?\s?I\.?\s?T\.?\s*[:.#]?\s*((?:\d[.\s]?){6,10}\d?)\s*(?:[-–]\s*(\d))?", re.I
)
_NIT_WEIGHTS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def nit_check_digit(digits: str) -> int:
    """DIAN's check digit (dígito de verificación) for a NIT."""
    total = sum(int(d) * w for d, w in zip(reversed(digits), _NIT_WEIGHTS, strict=False))
    rest = total % 11
    return rest if rest < 2 else 11 - rest


def parse_nit(text: str) -> str | None:
    """The vendor's NIT as "900123456-7"; a valid check digit wins over an invalid one."""
    found = []
    for m in _NIT.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if not 6 <= len(digits) <= 10:
            continue
        check = m.group(2)
        if check is None:
            check = str(nit_check_digit(digits))
        found.append((check == str(nit_check_digit(digits)), f"{digits}-{check}"))
    found.sort(key=lambda item: not item[0])  # stable: first valid, else first printed
    return found[0][1] if found else None


_NOT_VENDOR = re.compile(
    r"\b(nit|rut|tel|tlf|telf|fax|phone|calle|cra|carrera|av|avenida|kr|cl|dir|jalan|jln|"
    r"no\.|lot|street|road|www|http|factura|invoice|receipt|recibo|ticket|welcome|bienvenid\w*|"
    r"gst|reg|co\.?\s?no|fecha|date|cajero|cashier|regimen|r[ée]gimen|resoluci[oó]n)\b|@",
    re.I,
)
_COMPANY = re.compile(
    r"\b(S\.?A\.?S|LTDA|S\.?A|SDN\.?\s*BHD|BHD|GMBH|INC|LLC|LTD|E\.?S\.?P)\b\.?", re.I
)


def parse_vendor(text: str) -> str | None:
    """The business name from the header: a line with a company suffix, else the first wordy line."""
    header = [line.strip() for line in text.splitlines() if line.strip()][:8]
    wordy = []
    for line in header:
        letters = sum(ch.isalpha() for ch in line)
        if letters < 3 or letters < 0.5 * len(line.replace(" ", "")) or _NOT_VENDOR.search(line):
            continue
        wordy.append(line)
    for line in wordy:
        if _COMPANY.search(line):
            return line[:120]
    return wordy[0][:120] if wordy else None
