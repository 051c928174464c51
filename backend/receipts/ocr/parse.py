"""Pure parsing of receipt text: amounts, totals, dates, vendor, NIT, currency, tax.

No I/O and no Django: every function takes strings and returns plain values, and none of them
raises on any input string (a property test checks this).
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000000")  # larger "amounts" are ids, phone numbers or OCR noise


@dataclass(frozen=True)
class Candidate:
    amount: Decimal
    label: str
    line: str
    score: float
    chosen: bool


@dataclass(frozen=True)
class Amount:
    value: Decimal
    start: int
    end: int
    has_cents: bool
    grouped: bool  # written with thousands separators
    currency: str | None  # from a symbol or code touching the number


# --- numbers -----------------------------------------------------------------------------------

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


def _normalise_line(line: str) -> str:
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
    clean = _normalise_line(line)
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


# --- currency ----------------------------------------------------------------------------------

_CONTEXT = {
    "MYR": re.compile(r"\bSDN\.?\s*BHD\b|\bMALAYSIA\b|\bRINGGIT\b|\bGST\b", re.I),
    "EUR": re.compile(r"\bMWST\b|\bUST\b|\bGMBH\b|\bDEUTSCHLAND\b|\bSUMME\b|\bZU ZAHLEN\b", re.I),
    "COP": re.compile(r"\bNIT\b|\bDIAN\b|\bCOLOMBIA\b|\bIVA\b|\bPESOS\b|\bCUFE\b", re.I),
}


def detect_currency(text: str, default: str = "COP", total_line: str = "") -> str:
    """ISO code from the total's own marker, else markers in the text, else context, else default."""
    for amount in find_amounts(total_line):
        if amount.currency and amount.currency != "$":
            return amount.currency
    counts: dict[str, int] = {}
    for line in text.splitlines():
        for amount in find_amounts(line):
            if amount.currency and amount.currency != "$":
                counts[amount.currency] = counts.get(amount.currency, 0) + 1
        for code in re.findall(r"\b(MYR|EUR|COP|USD)\b|€", line):
            key = code or "EUR"
            counts[key] = counts.get(key, 0) + 1
    if counts:
        return max(counts, key=lambda c: counts[c])
    context = {code: len(rx.findall(text)) for code, rx in _CONTEXT.items()}
    best = max(context, key=lambda c: context[c])
    return best if context[best] else default


# --- dates -------------------------------------------------------------------------------------

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


def _fold(word: str) -> str:
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
            elif kind == "dMy" and _fold(b) in _MONTHS:
                found.append(_make_date(int(c), _MONTHS[_fold(b)], int(a)))
            elif kind == "Mdy" and _fold(a) in _MONTHS:
                found.append(_make_date(int(c), _MONTHS[_fold(a)], int(b)))
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


# --- NIT and vendor ----------------------------------------------------------------------------

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


# --- totals ------------------------------------------------------------------------------------

_T = r"t[o0]ta[l1i]"
_TAX = r"(iva|gst|vat|mwst|ust|tax|impuesto|impoconsumo|sst)\b"
_LABELS = (  # (kind, pattern) in order: the first match classifies the line
    ("excluded", rf"{_T}\b.*\bsuppl"),  # "Total 6% supplies (incl. GST)": a GST breakdown
    ("total_strong", rf"amount incl|(final|g?rand|nett?)\s*{_T}|{_T}\s*(after|rounded|a pagar|factura|due|"
     rf"payable|to pay|a cobrar)|rounded {_T}|{_T}\b.*\binc(l|\b)|inclusive|amount (due|payable)"),
    ("rounding", r"\bround|redondeo|ajuste al peso|rundung"),
    ("excluded", rf"saldo anterior|previous balance|{_T}\s*(de\s*)?(articulos|art\b|items?|qty|"
     r"quantity|cantidad|unidades|units|pcs|pieces|lineas|points)|no\.?\s*of\s*items?|item\s*count|"
     r"anzahl|adjust|ajuste|descuento|discount|saving|ahorro|puntos|points|propina"),
    ("change", r"cambio|change|vuelto|vueltas|devuelta|zur[uü]ck|r[uü]ckgeld"),
    ("subtotal", rf"sub\s*-?\s*{_T}|{_T}\s*\(?\s*(excl|exclusive|before|sin iva|antes)|"
     r"excl\w*\s*(of\s*)?gst|base gravable|\bnetto\b"),
    ("tax", rf"^\W*((sub\s*)?{_T}|valor|sum\w*)?\W*{_TAX}|\b{_TAX}\W*(payable|amount|@|\d)"),
    ("total_strong", rf"valor {_T}|valor a pagar|neto a pagar|gran {_T}|importe {_T}|{_T} amount|"
     rf"\bsu[mn]{{2}}e\b|gesamt|zu zahlen|amount payable|por pagar|{_T} sales|{_T} venta"),
    ("tendered", r"efectivo|\bcash\b|bargeld|\bbar\b|gegeben|kartenzahlung|\bbetrag\b|\btender(ed)?\b|\bpaid\b|pagado|recibido|tarjeta|"
     r"\bcard\b|\bvisa\b|master|girocard|ec-karte|credit|debit|d[eé]bito|cr[eé]dito|payment"),
    ("total", rf"\b{_T}\w*\b|\bpagar\b|\bimporte\b|^\W*due\b"),
)  # fmt: skip
# a tax or summary table after the total repeats "total" with other meanings
_SUMMARY = re.compile(rf"summary|analysis|resumen|discrimina|detalle|{_TAX}.*\bnetto|steuer")
_LABEL_RX = tuple((kind, re.compile(rx)) for kind, rx in _LABELS)
_BASE = {"total_strong": 0.55, "total": 0.45}
CONFIDENT = 0.7


def classify(line: str) -> str | None:
    """What a receipt line is about: a total, a trap (subtotal, tax, tendered, change…) or None."""
    folded = _fold(line)
    for kind, rx in _LABEL_RX:
        if rx.search(folded):
            return kind
    return None


@dataclass(frozen=True)
class _Line:
    index: int
    text: str
    kind: str | None
    amounts: tuple[Amount, ...]

    @property
    def value(self) -> Decimal | None:
        return self.amounts[-1].value if self.amounts else None  # the rightmost number


def _label_text(line: str, amounts: list[Amount]) -> str:
    """The words that label the rightmost amount: those since the previous amount, if any."""
    if len(amounts) >= 2:
        between = _normalise_line(line)[amounts[-2].end : amounts[-1].start]
        if sum(ch.isalpha() for ch in between) >= 3:
            return between
    return line


def _lines(text: str) -> list[_Line]:
    parsed: list[_Line] = []
    in_summary = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        amounts = find_amounts(line)
        kind = classify(_label_text(line, amounts))
        folded = _fold(line)
        if parsed and any(p.kind in _BASE for p in parsed) and _SUMMARY.search(folded):
            in_summary = True
        if in_summary and kind in ("total", "total_strong", "tax", "subtotal"):
            kind = "excluded"
        parsed.append(_Line(len(parsed), line, kind, tuple(amounts)))
    # a label alone on its line takes the number from the next unlabelled line
    for i, label in enumerate(parsed[:-1]):
        nxt = parsed[i + 1]
        if label.kind and not label.amounts and nxt.kind is None and nxt.amounts:
            parsed[i] = _Line(label.index, f"{label.text} {nxt.text}", label.kind, nxt.amounts)
            parsed[i + 1] = _Line(nxt.index, nxt.text, "consumed", ())
    return parsed


def _values(lines: list[_Line], kind: str) -> list[Decimal]:
    return [v for line in lines if line.kind == kind and (v := line.value) is not None]


def _evidence(value: Decimal, lines: list[_Line], totals: list[_Line]) -> float:
    """Cross-checks: agreement raises the score, contradictions lower it."""
    # the same amount under different labels ("Subtotal"/"Total" repeated rows do not count twice)
    labels = {re.sub(r"[^a-z]", "", _fold(t.text)) for t in totals if t.value == value}
    score = 0.15 * min(2, len(labels) - 1)
    if totals and totals[-1].value == value:
        score += 0.1  # the last total printed is the one to pay; earlier ones are partial
    tendered, change = _values(lines, "tendered"), _values(lines, "change")
    subtotal, tax = _values(lines, "subtotal"), _values(lines, "tax")
    first = min((t.index for t in totals), default=0)
    # cash handed over after the total must cover it (a "payment received" above is another bill)
    paid_after = [
        v for line in lines if line.kind == "tendered" and line.index > first if (v := line.value)
    ]
    if any(t - c == value for t in tendered for c in change if c > 0):
        score += 0.3
    elif len(tendered) == len(change) == 1 and value != tendered[0] - change[0] > 0:
        score -= 0.3  # one payment and its change that add up to another amount
    elif value in tendered:
        score += 0.15  # paid exactly, by card or with no change printed
    elif paid_after and not change and max(paid_after) < value:
        score -= 0.3
    if any(s + x == value for s in subtotal for x in tax if x > 0):
        score += 0.3
    elif value in subtotal:
        score += 0.1
    if any(s > value for s in subtotal):
        score -= 0.3
    # item prices are printed like the total: with cents when it has them (an id or a misread
    # "5.205" is not a price on a receipt in ringgit or euros)
    cents = any(t.amounts[-1].has_cents for t in totals if t.value == value)
    items = [
        line.value
        for line in lines
        if line.kind is None and line.index < first and line.value
        if any(a.has_cents == cents and (a.has_cents or a.grouped) for a in line.amounts[-1:])
    ]
    items_sum = sum(v for v in items if v is not None)
    if (len(items) >= 2 and items_sum == value) or (items and items_sum + sum(tax) == value):
        score += 0.25
    elif any(value < v <= 50 * value for v in items if v is not None):
        # one item costing more than the whole receipt: a misread or a wrong line (an "item"
        # a thousand times the total is two numbers run together, not a price)
        score -= 0.3
    return score


def _printed_as_money(amount: Amount) -> bool:
    return amount.has_cents or amount.grouped or amount.currency is not None


def _rounded_totals(lines: list[_Line]) -> list[_Line]:
    """ "Rounding RM 13.60" under "Total 13.58" is the rounded total, not a 13.60 adjustment."""
    biggest = max((line.value or 0 for line in lines if line.kind in _BASE), default=0)
    return [
        replace(line, kind="total")
        if line.kind == "rounding" and line.value and line.value >= biggest / 2 > 0
        else line
        for line in lines
    ]


def _rounded_to(
    before: Decimal, after: Decimal, totals: list[_Line], rounding: list[_Line]
) -> bool:
    """A total printed above a rounding line that turns it into the total printed below."""
    return any(
        r.value == abs(after - before)
        and any(t.value == before and t.index < r.index for t in totals)
        and any(t.value == after and t.index > r.index for t in totals)
        for r in rounding
    )


def find_total(text: str) -> tuple[Decimal | None, float, tuple[Candidate, ...]]:
    """The receipt's total, a 0..1 confidence, and every amount that was considered."""
    lines = _rounded_totals(_lines(text))
    totals = [line for line in lines if line.kind in _BASE and line.value]  # never a zero total
    if any(_printed_as_money(t.amounts[-1]) for t in totals):
        # beside totals printed as money, a bare "4" on a total line is a count or a code
        totals = [t for t in totals if _printed_as_money(t.amounts[-1])]
    scored: dict[Decimal, float] = {}
    for line in totals:
        value = line.value
        assert value is not None
        scored[value] = max(scored.get(value, 0.0), _BASE[line.kind or "total"])
    rounding = [line for line in lines if line.kind == "rounding" and line.value]
    last_total = max((t.index for t in totals), default=-1)
    for line in rounding:
        if line.index > last_total:  # a rounding after every total: the rounded one was lost
            for value in list(scored):
                scored[value] -= 0.25
                for other in (value + (line.value or 0), value - (line.value or 0)):
                    if other > 0:
                        scored.setdefault(other, 0.3)
    tendered, change = _values(lines, "tendered"), _values(lines, "change")
    if len(tendered) == 1 and len(change) == 1 and tendered[0] > change[0] > 0:
        # what was paid is the total, even when the total's own line is garbled
        scored.setdefault(tendered[0] - change[0], 0.25)
    for value in scored:
        scored[value] += _evidence(value, lines, totals)
    for before, after in [(a, b) for a in scored for b in scored if a != b]:
        if _rounded_to(before, after, totals, rounding):
            scored[before] -= 0.3  # rounded below: what it adds up to is not what was paid
    if not scored:  # no total label: the largest amount outside known traps, barely trusted
        loose = [line for line in lines if line.kind in (None, "consumed") and line.value]
        money = [line for line in loose if any(a.has_cents or a.currency for a in line.amounts)]
        if money:
            best = max(money, key=lambda line: line.value or 0)
            assert best.value is not None
            totals, scored = [best], {best.value: 0.15}
    if not scored:
        return None, 0.0, ()
    ranked = sorted(scored, key=lambda v: (scored[v], v), reverse=True)
    chosen = ranked[0]
    rivals = [v for v in ranked[1:] if not _rounded_to(v, chosen, totals, rounding)]
    confidence = scored[chosen] - (0.5 * scored[rivals[0]] if rivals else 0.0)
    confidence = round(min(1.0, max(0.0, confidence)), 3)
    candidates = []
    for line in lines:
        if line.value is None or (line.kind in (None, "consumed") and line not in totals):
            continue
        score = round(min(1.0, max(0.0, scored.get(line.value, 0.0))), 3)
        value = line.value.quantize(CENT)
        label = line.kind or "amount"
        candidates.append(Candidate(value, label, line.text[:120], score, line.value == chosen))
    return chosen.quantize(CENT), confidence, tuple(candidates[:30])


def find_tax(text: str, total: Decimal | None) -> Decimal | None:
    """The tax amount: the one that adds up with a subtotal, else a plain tax line below the total."""
    lines = _lines(text)
    taxes = [v for v in _values(lines, "tax") if total is None or 0 < v < total]
    if total is not None:
        for s in _values(lines, "subtotal"):
            for x in taxes:
                if s + x == total:
                    return x.quantize(CENT)
    return taxes[-1].quantize(CENT) if taxes else None


@dataclass(frozen=True)
class Parsed:
    total: Decimal | None
    confidence: float
    candidates: tuple[Candidate, ...]
    currency: str
    date: datetime.date | None
    vendor: str | None
    nit: str | None
    tax: Decimal | None


def parse_text(
    text: str, *, default_currency: str = "COP", today: datetime.date | None = None
) -> Parsed:
    """Every field the text gives, each on its own; never raises."""
    text = text[:200_000]  # a receipt is short; bound the work on hostile input
    total, confidence, candidates = find_total(text)
    chosen_line = next((c.line for c in candidates if c.chosen), "")
    currency = detect_currency(text, default_currency, chosen_line)
    amounts = find_amounts(chosen_line)
    if currency != "COP" and amounts and not amounts[-1].has_cents:
        confidence = round(max(0.0, confidence - 0.3), 3)  # cents are printed: one was misread
    tax = find_tax(text, total)
    return Parsed(total, confidence, candidates, currency, parse_date(text, today),
                  parse_vendor(text), parse_nit(text), tax)  # fmt: skip
