"""The receipt's date, in the ways Colombian, German, Malaysian and English receipts print it."""

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
}  # fmt: skip
_W = r"([A-Za-zÀ-ÿ]{3,10})\.?"
_DATE_PATTERNS = (
    ("ymd", re.compile(r"(?<!\d)(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(?<!\d)(\d{1,2})\s?[/\-.]\s?(\d{1,2})\s?[/\-.]\s?(\d{4}|\d{2})(?![\d])")),
    ("dMy", re.compile(r"(?<!\d)(\d{1,2})(?:\s+de)?[\s\-/.]*" + _W + r"(?:\s+de)?[\s\-/.,]*(\d{4}|\d{2})(?!\d)")),
    ("Mdy", re.compile(_W + r"\s+(\d{1,2})(?:\s+de|,)?\s+(\d{4})(?!\d)")),
)  # fmt: skip
_DATE_LABEL = re.compile(r"fecha|date|datum|fec\.?\b", re.I)


def fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    if year < 100:
        year += 2000
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _dates_in(line: str) -> list[datetime.date]:
    found = []
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(line):
            a, b, c = m.groups()
            if kind == "ymd":
                found.append(_make_date(int(a), int(b), int(c)))
            elif kind == "dmy":
                # day first (Spanish, German, Malaysian); month first only when day first is impossible
                found.append(
                    _make_date(int(c), int(b), int(a)) or _make_date(int(c), int(a), int(b))
                )
            elif kind == "dMy" and fold(b) in _MONTHS:
                found.append(_make_date(int(c), _MONTHS[fold(b)], int(a)))
            elif kind == "Mdy" and fold(a) in _MONTHS:
                found.append(_make_date(int(c), _MONTHS[fold(a)], int(b)))
    return [d for d in found if d is not None]


def parse_date(text: str, today: datetime.date | None = None) -> datetime.date | None:
    """The receipt's date: a labelled one first, else the first plausible one; never after today."""
    today = today or datetime.date.today()
    earliest = datetime.date(2000, 1, 1)
    labelled: list[datetime.date] = []
    others: list[datetime.date] = []
    for line in text.splitlines():
        dates = [d for d in _dates_in(line) if earliest <= d <= today]
        (labelled if _DATE_LABEL.search(line) else others).extend(dates)
    found = labelled or others
    return found[0] if found else None
