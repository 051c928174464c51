"""Money numbers as printed on receipts, in every usual convention, and OCR noise inside them."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000000")  # larger "amounts" are ids, phone numbers or OCR noise


@dataclass(frozen=True)
class Amount:
    value: Decimal
    start: int
    end: int
    has_cents: bool
    grouped: bool  # written with thousands separators
    currency: str | None  # from a symbol or code touching the number


_CURRENCY_MARKS = {
    "RM": "MYR", "MYR": "MYR", "€": "EUR", "EUR": "EUR", "EURO": "EUR", "COP": "COP",
    "COL$": "COP", "USD": "USD", "US$": "USD", "U$S": "USD", "$": None,
}  # fmt: skip
_MARK = r"(?:COL\$|US\$|U\$S|RM|MYR|EURO|EUR|COP|USD|€|\$)"
_MONTH_WORD = r"(?:ene|jan|feb|mar|m\u00e4r|abr|apr|may|mai|jun|jul|ago|aug|sep|set|oct|okt|nov|dic|dec|dez)[a-z]*"
_DATE_OR_TIME = re.compile(
    r"\b\d{1,4}[/\-.]\d{1,2}[/\-.]\d{2,4}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b"
    rf"|\b\d{{1,2}}[\s\-/.]*(de )?{_MONTH_WORD}\.?[\s\-/.,]*(de )?\d{{4}}\b"
    rf"|\b{_MONTH_WORD} \d{{1,2}},? (de )?\d{{4}}\b",
    re.I,
)
_NUMBER = re.compile(
    r"(?<![\w.,'/])(?<![A-Za-z]-)(?<!\d[.,][:;])(?<!\d[:;])(?P<mark>" + _MARK + r")?\s?"
    r"(?P<num>\d{1,3}(?:(?:[.,']\d{3})+|(?: \d{3}){2,})(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,3})?)"
    r"(?![\w'/%]|[.,]\d|-\d)\s?(?P<post>€|EUR\b)?"
)


def normalise_line(line: str) -> str:
    """Undo common OCR noise inside numbers (letters for digits, stray spaces)."""
    line = re.sub(
        r"(?<=\d)[Oo](?=[\d.,]*\d)|(?<=[\d.,])[Oo](?=\d)|(?<=\d[.,])[Oo]|(?<=[.,]\d)[Oo]\b",
        "0",
        line,
    )
    line = re.sub(r"(?<=[\d])[Il](?=\d)", "1", line)
    line = line.replace("_", " ")
    line = re.sub(r"(?<=\d) +([.,]) *(?=\d{2}\b)", r"\1", line)  # "9 .00" / "40 ,00"
    line = re.sub(r"(?<=\d)([.,]) +(?=\d{2}\b)", r"\1", line)  # "9. 00"
    # pesos whose thousands dot was read as a space, or beside one: "$ 178 500", "$ 178. 500"
    line = re.sub(r"(\$ ?\d{1,3})(?: \.?|\. ?)(\d{3})(?!\d|[.,]\d{3}| \d)", r"\1.\2", line)
    # a thousands mark with a space after it, before a price with cents: "178, 300,00"
    line = re.sub(r"(?<![\d.,])(\d{1,3}[.,]) (?=\d{3}[.,]\d{2}(?!\d))", r"\1", line)
    return re.sub(r"(?<=[A-Z$€])(?=\d)", " ", line)  # "RM9.00" -> "RM 9.00"


def parse_number(token: str) -> Decimal | None:
    """A money number as printed, in any of the usual conventions, or None."""
    token = token.strip().replace(" ", "")
    if not token or not re.fullmatch(r"\d[\d.,']*", token) or len(token) > 20:
        return None
    token = token.rstrip(".,'")
    seps = [(i, c) for i, c in enumerate(token) if c in ".,'"]
    if seps:
        last_index, last = seps[-1]
        tail = token[last_index + 1 :]
        head = token[:last_index]
        decimal_sep = last in ".," and (
            len(tail) != 3 or (len(seps) > 1 and seps[-2][1] != last and seps[-2][1] != "'")
            or re.fullmatch(r"0+", head) is not None
        )  # fmt: skip
        if decimal_sep:
            token = re.sub(r"[.,']", "", head) + "." + tail
        else:
            token = re.sub(r"[.,']", "", token)
    try:
        value = Decimal(token)
    except InvalidOperation:
        return None
    return value if value < MAX_AMOUNT else None


def find_amounts(line: str) -> list[Amount]:
    """Money-looking numbers in one line, skipping dates, times, percentages and long ids."""
    clean = normalise_line(line)
    masked = _DATE_OR_TIME.sub(lambda m: "#" * len(m.group()), clean)
    found = []
    for m in _NUMBER.finditer(masked):
        num = m.group("num")
        if len(num.replace(" ", "")) > 13 or (len(num) > 7 and num.isdigit()):
            continue  # phone numbers, invoice numbers, barcodes
        value = parse_number(num)
        if value is None:
            continue
        mark = m.group("mark") or m.group("post")
        currency = _CURRENCY_MARKS.get(mark) if mark else None
        grouped = re.search(r"\d[.,' ]\d{3}(?:\D|$)", num) is not None
        has_cents = re.search(r"[.,]\d{1,2}$", num) is not None
        if mark == "$" and grouped and not has_cents and "." in num:
            currency = "COP"  # "$ 1.250.000": pesos are written with dots and no cents
        elif mark == "$":
            currency = "$"
        found.append(Amount(value, m.start("num"), m.end("num"), has_cents, grouped, currency))
    return found
