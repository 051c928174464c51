"""The receipt's date as Colombian, German, Malaysian, English and Latvian receipts print it."""

import datetime
import re
import unicodedata

_MONTHS = {
    "ene": 1, "enero": 1, "jan": 1, "january": 1, "januar": 1, "feb": 2, "febrero": 2,
    "february": 2, "februar": 2, "mar": 3, "marzo": 3, "march": 3, "marz": 3, "abr": 4,
    "abril": 4, "apr": 4, "april": 4, "may": 5, "mayo": 5, "mai": 5, "jun": 6, "junio": 6,
    "june": 6, "juni": 6, "jul": 7, "julio": 7, "july": 7, "juli": 7, "ago": 8, "agosto": 8,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "set": 9, "septiembre": 9, "setiembre": 9,
    "september": 9, "oct": 10, "octubre": 10, "october": 10, "okt": 10, "oktober": 10,
    "nov": 11, "noviembre": 11, "november": 11, "dic": 12, "diciembre": 12, "dec": 12,
    "december": 12, "dez": 12, "dezember": 12,
    # Latvian, as named and as dated ("21. decembrī", "decembra"), accents folded
    **{f"{stem}{end}": n for n, stem in enumerate(
        ("janvar", "februar", "mart", "april", "maij", "junij", "julij", "august", "septembr",
         "oktobr", "novembr", "decembr"), start=1) for end in ("is", "s", "i", "a")},
}  # fmt: skip
_W = r"([A-Za-zÀ-ÿĀ-ž]{3,10})\.?"
_YEAR_END = r"(?!\d|[%A-Za-z]\d)"  # "20%6" is a year of four digits misread, not 2020
_DATE_PATTERNS = (
    ("ymd", re.compile(r"(?<!\d)(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(?<!\d)(\d{1,2})\s?[/\-.]\s?(\d{1,2})\s?[/\-.]\s?(\d{4}|\d{2})" + _YEAR_END)),
    ("dMy", re.compile(r"(?<!\d)(\d{1,2})(?:\s+de)?[\s\-/.]*" + _W + r"(?:\s+de)?[\s\-/.,]*(\d{4}|\d{2})" + _YEAR_END)),
    ("Mdy", re.compile(_W + r"\s+(\d{1,2})(?:\s+de|,)?\s+(\d{4})(?!\d)")),
    ("ydM", re.compile(r"(?<!\d)(\d{4})\.?\s*g(?:ada|\.)\s*(\d{1,2})\.?\s*" + _W)),  # Latvian
    # "Date: 2504/2017": the OCR lost the first slash; believed only beside a date label
    ("dm_y", re.compile(r"(?<!\d)(\d{2})(\d{2})[/\-.](\d{4})(?!\d)")),
)  # fmt: skip
_DATE_LABEL = re.compile(r"fecha|date|datum|fec\.?\b", re.I)
_DATED = re.compile(
    rf"\d\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d|\b({'|'.join(_MONTHS)})\b|tarikh|{_DATE_LABEL.pattern}",
    re.I,
)


def looks_dated(line: str) -> bool:
    """Whether a line may carry a date, even misread: digits between separators ("12/03/2518"),
    a month's name, or a date label."""
    return bool(_DATED.search(line))


def fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    if year < 100:
        year += 2000
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _date_of(kind: str, a: str, b: str, c: str) -> datetime.date | None:
    if kind == "ymd":
        return _make_date(int(a), int(b), int(c))
    if kind in ("dmy", "dm_y"):
        # day first (Spanish, German, Malaysian); month first only when day first is impossible
        return _make_date(int(c), int(b), int(a)) or _make_date(int(c), int(a), int(b))
    if kind == "dMy" and fold(b) in _MONTHS:
        return _make_date(int(c), _MONTHS[fold(b)], int(a))
    if kind == "Mdy" and fold(a) in _MONTHS:
        return _make_date(int(c), _MONTHS[fold(a)], int(b))
    if kind == "ydM" and fold(c) in _MONTHS:
        return _make_date(int(a), _MONTHS[fold(c)], int(b))
    return None


def _dates_in(line: str) -> list[datetime.date]:
    """The dates printed in one line, left to right."""
    line = re.sub(r"(?<=[A-Za-z])0|0(?=[A-Za-z])", "O", line)  # "05-0CT-2026": O read as 0
    labelled = bool(_DATE_LABEL.search(line))
    found: list[tuple[bool, int, int, datetime.date]] = []
    for kind, rx in _DATE_PATTERNS:
        if kind == "dm_y" and not labelled:
            continue
        for start in range(len(line)):  # every start: "19- 02/03/2018" holds "19-02/03" too
            m = rx.match(line, start)
            if m and (day := _date_of(kind, *m.groups())):
                found.append((len(m.groups()[-1]) < 4, m.start(), m.end(), day))
    # overlapping readings: a four-digit year first, then the leftmost
    chosen: list[tuple[int, datetime.date]] = []
    taken: list[tuple[int, int]] = []
    for _, start, end, day in sorted(found, key=lambda item: item[:2]):
        if all(end <= a or start >= b for a, b in taken):
            chosen.append((start, day))
            taken.append((start, end))
    return [d for _, d in sorted(chosen, key=lambda item: item[0])]


# the day the document was issued, as opposed to the days it must be paid by or that it covers
_ISSUED = re.compile(
    r"expedici|emisi[oó]n|emitid|generaci[oó]n|fecha\s*(de\s*)?(la\s*)?(factura|venta|compra)|"
    r"invoice date|date of issue|rechnungsdatum|belegdatum|izrakst",
    re.I,
)
_NOT_ISSUED = re.compile(
    r"l[ií]mite|vence|vencimiento|\bvto\b|pag(ue|ar|o)\s*(hasta|antes|oportuno)|oportuno|\bdue\b|"
    r"corte|suspensi|reconexi|per[ií]odo|facturado|desde|hasta|consumo|servicio|validez|v[aá]lid|"
    r"expira|vigencia|resoluci|autoriz|\bdian\b|rango|f\.?\s*nac|nacimiento|"
    r"billing period|service period|valid until|f[aä]llig|zahlbar|termi[nņ]|l[iī]dz\b",
    re.I,
)


EARLIEST = datetime.date(2000, 1, 1)
MENDED_YEAR = 0.3  # how much less sure a date is whose impossible year was mended


def _possible(day: datetime.date, today: datetime.date) -> tuple[datetime.date, bool] | None:
    """A date a receipt can bear, and whether its year had to be mended: a year of another
    century ("16JUL3026", "2/3/2618") had a digit misread, and is the latest year that differs
    from it in one digit (receipts are recent). Any other date after today is no date: this
    century's ("13-2-98", a price's digits) may be anything."""
    if EARLIEST <= day <= today:
        return day, False
    if EARLIEST.year <= day.year < EARLIEST.year + 100:
        return None
    for year in range(today.year, EARLIEST.year - 1, -1):
        if sum(a != b for a, b in zip(str(year), f"{day.year:04d}", strict=True)) == 1:
            try:
                mended = day.replace(year=year)
            except ValueError:  # 29 February
                continue
            return (mended, True) if mended <= today else None
    return None


def find_date(text: str, today: datetime.date | None = None) -> tuple[datetime.date | None, float]:
    """The receipt's (a bill's issue) date and how sure the reading is, 0..1.

    An issue date labelled as such wins, then one labelled "fecha"/"date", then any other; a
    due date, a billing period or a DIAN resolution's dates only when nothing else is printed.
    Of the same standing, a date read as printed wins over one whose year was mended.
    """
    today = today or datetime.date.today()
    tiers: list[list[datetime.date]] = [[], [], [], []]
    mended: set[datetime.date] = set()
    printed: set[datetime.date] = set()
    for line in text.splitlines():
        found = [p for d in _dates_in(line) if (p := _possible(d, today))]
        mended.update(d for d, was_mended in found if was_mended)
        printed.update(d for d, was_mended in found if not was_mended)
        dates = [d for d, _ in found]
        if not dates:
            continue
        if _NOT_ISSUED.search(line):
            tier = 3
        elif _ISSUED.search(line):
            tier = 0
        elif _DATE_LABEL.search(line):
            tier = 1
        else:
            tier = 2
        tiers[tier].extend(dates)
    mended -= printed
    for tier, dates in enumerate(tiers):
        if not dates:
            continue
        chosen = min(dates, key=lambda d: d in mended)  # the first read as printed
        confidence = (0.9, 0.85, 0.6, 0.25)[tier] - (MENDED_YEAR if chosen in mended else 0.0)
        others = {d for t in tiers[: min(tier + 1, 3)] for d in t} - {chosen}
        if others:
            confidence -= 0.2  # another date of the same standing: which one is the receipt's?
        everywhere = [d for t in tiers for d in t]
        if everywhere.count(chosen) > 1:
            confidence += 0.05  # printed twice (header and footer, or beside the QR)
        return chosen, round(min(1.0, max(0.0, confidence)), 3)
    return None, 0.0


def parse_date(text: str, today: datetime.date | None = None) -> datetime.date | None:
    """The receipt's date: a labelled one first, else the first plausible one; never after today."""
    return find_date(text, today)[0]


# --- a bill's service month ---------------------------------------------------------------------

# a bill is issued around the month it bills: up to some weeks ahead, or up to three months after
ISSUED_BEFORE, ISSUED_AFTER = datetime.timedelta(days=45), datetime.timedelta(days=100)


def issued_for(day: datetime.date, month: datetime.date) -> bool:
    """Whether a bill issued on `day` can be for the service of `month` (its first day)."""
    return month - ISSUED_BEFORE <= day <= month + ISSUED_AFTER


_PERIOD = re.compile(
    r"per[ií]odo|mes\s*(de\s*)?(servicio|consumo|facturad|facturaci)|facturaci[oó]n\s*(del?\s*)?mes|"
    r"billing period|service period|abrechnungszeitraum|leistungszeitraum|consumo\s*(de|del)\b",
    re.I,
)
_MONTH_YEAR = re.compile(r"\b([A-Za-zÀ-ÿ]{3,10})\.?\s*(?:del?\s*|[-/]\s*)?((?:19|20)\d{2})\b")
_NUMERIC_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/.-])|"
                            r"(?<![\d/.-])((?:19|20)\d{2})\s*[/.-]\s*(\d{1,2})(?![\d/.-])")  # fmt: skip


def _month_of(line: str) -> tuple[datetime.date | None, float]:
    dates = _dates_in(line)
    if len(dates) >= 2 and dates[0] < dates[1]:
        start, end = dates[0], dates[1]
        middle = start + (end - start) / 2  # "15/02 - 14/03" is February's service
        return middle.replace(day=1), 0.85
    for m in _MONTH_YEAR.finditer(line):
        month = _MONTHS.get(fold(m[1]))
        if month:
            return datetime.date(int(m[2]), month, 1), 0.85
    if dates:
        return dates[0].replace(day=1), 0.6
    numeric = _NUMERIC_MONTH.search(line)
    if numeric:
        n = numeric
        month, year = (int(n[1]), int(n[2])) if n[1] else (int(n[4]), int(n[3]))
        if 1 <= month <= 12:
            return datetime.date(year, month, 1), 0.75
    return None, 0.0


def find_service_month(
    text: str, today: datetime.date | None = None
) -> tuple[datetime.date | None, float]:
    """The month a bill's service was for (its first day), from its billing period line, and how
    sure the reading is; (None, 0.0) for a receipt that prints no period."""
    today = today or datetime.date.today()
    lines = [line for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        label = _PERIOD.search(line)
        if not label:
            continue
        for candidate in (line[label.end() :], lines[i + 1] if i + 1 < len(lines) else ""):
            month, confidence = _month_of(candidate)
            if month and datetime.date(2000, 1, 1) <= month <= today + datetime.timedelta(days=62):
                return month, confidence
    return None, 0.0
