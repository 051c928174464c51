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


_CUSTOMER = re.compile(r"cliente|adquir|comprador|customer|se[nñ]or(es)?\b|usuario", re.I)


def find_nit(text: str) -> tuple[str | None, float]:
    """The vendor's NIT as "900123456-7" and how sure the reading is, 0..1.

    A printed check digit that DIAN's formula confirms makes it nearly certain (a misread digit
    passes only one time in eleven); a NIT printed beside the customer's name is not the vendor's.
    """
    found: list[tuple[bool, bool, str]] = []
    for line in text.splitlines():
        for m in _NIT.finditer(line):
            digits = re.sub(r"\D", "", m.group(1))
            if not 6 <= len(digits) <= 10:
                continue
            printed = m.group(2)
            check = printed if printed is not None else str(nit_check_digit(digits))
            valid = check == str(nit_check_digit(digits))
            found.append((valid and printed is not None, valid, f"{digits}-{check}"))
            if _CUSTOMER.search(line[: m.start()]):
                found[-1] = (False, False, found[-1][2])  # the buyer's: last resort only
    if not found:
        return None, 0.0
    # stable: first confirmed by its printed check digit, else first valid, else first printed
    confirmed, valid, nit = sorted(found, key=lambda item: (not item[0], not item[1]))[0]
    confidence = 0.95 if confirmed else 0.6 if valid else 0.3
    if len({n for c, _, n in found if c}) > 1:
        confidence -= 0.3  # two confirmed NITs: the vendor's and someone else's
    return nit, round(confidence, 3)


def parse_nit(text: str) -> str | None:
    """The vendor's NIT as "900123456-7"; a valid check digit wins over an invalid one."""
    return find_nit(text)[0]


_NOT_VENDOR = re.compile(
    r"\b(nit|rut|tel|tlf|telf|fax|phone|calle|cra|carrera|av|avenida|kr|cl|dir|jalan|jln|"
    r"no\.|lot|street|road|www|http|factura|invoice|receipt|recibo|ticket|welcome|bienvenid\w*|"
    r"gst|reg|co\.?\s?no|fecha|date|cajero|cashier|regimen|r[ée]gimen|resoluci[oó]n)\b|@",
    re.I,
)
# who served or bought, printed in the header too
_PERSON = re.compile(
    r"\b(vendedor|atendi\w*|caja|cajer\w*|asesor|mesero|operador|servido|responsable|"
    r"cliente|se[nñ]or(es)?|usuario|adquiriente|comprador|customer|served|table|mesa)\b",
    re.I,
)
_COMPANY = re.compile(
    r"\b(S\.?A\.?S|LTDA|S\.?A|SDN\.?\s*BHD|BHD|S/B|GMBH|INC|LLC|LTD|E\.?S\.?P)\b\.?", re.I
)


def _wordy(line: str) -> bool:
    letters = sum(ch.isalpha() for ch in line)
    return (
        letters >= 3
        and letters >= 0.5 * len(line.replace(" ", ""))
        and not _NOT_VENDOR.search(line)
        and not _PERSON.search(line)
    )


def find_vendor(text: str) -> tuple[str | None, float]:
    """The merchant's name and how sure the reading is, 0..1: the name printed with the NIT (on
    its line or just above), else a header line with a company suffix, else the first wordy line
    of the header; never the cashier's or the customer's name."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines[:15]):
        m = _NIT.search(line)
        if not m or _CUSTOMER.search(line):
            continue
        before = line[: m.start()].strip(" -:|,.")
        if _wordy(before):
            return before[:120], 0.85 if _COMPANY.search(before) else 0.7
        above = [lines[j] for j in range(i - 1, max(-1, i - 4), -1) if _wordy(lines[j])]
        named = [name for name in above if _COMPANY.search(name)]
        if named:
            return named[0][:120], 0.85
        if above:
            return above[-1][:120], 0.6  # the topmost of the lines just above: the name
        break
    wordy = [line for line in lines[:8] if _wordy(line)]
    for line in wordy:
        if _COMPANY.search(line):
            return line[:120], 0.7
    return (wordy[0][:120], 0.4) if wordy else (None, 0.0)


def parse_vendor(text: str) -> str | None:
    """The business name from the header: a line with a company suffix, else the first wordy line."""
    return find_vendor(text)[0]
