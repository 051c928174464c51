"""A receipt's lines, each classified by its label: a total, or a trap beside it (subtotal, tax,
tendered, change, discount, counts), in Spanish, English, German and Latvian."""

import re
from dataclasses import dataclass
from decimal import Decimal

from receipts.ocr.parse.dates import fold
from receipts.ocr.parse.numbers import Amount, find_amounts, normalise_line

_T = r"t[o0]ta[l1i]"
_WHOLE = rf"(?<!sub)(?<!sub )(?<!sub-){_T}"  # "total", not the end of "subtotal"
_TAX = r"(iva|gst|vat|mwst|ust|tax|impuesto|impoconsumo|sst|pvn)\b"
_LABELS = (  # (kind, pattern) in order: the first match classifies the line
    ("excluded", rf"{_T}\b.*\bsuppl"),  # "Total 6% supplies (incl. GST)": a GST breakdown
    ("tax", rf"^(?!.*{_T}).*\binclusive of\s*\d+\s*%\s*{_TAX}"),  # "(Inclusive of 6% GST: RM2.90)"
    ("total_strong", rf"a[mn]{{1,2}}ount incl|(final|g?rand|nett?)\s*{_T}|{_WHOLE}\s*(after|rounded|a pagar|factura|"
     rf"due|payable|to pay|a cobrar)|rounded {_T}|{_WHOLE}\b.*\binc(l|\b)|^(?!.*sub\s*-?\s*{_T}).*"
     rf"inclusive|amount (due|payable)|"
     r"(kopa|summa)\s*(apmaksai|samaksai)|kopsumma|\bapmaksai\b|\bsamaksai\b"),  # Latvian
    ("rounding", r"\bround|redondeo|ajuste al peso|rundung|noapalo"),
    ("excluded", rf"saldo anterior|previous balance|{_T}\s*(de\s*)?(articulos|art\b|items?|qty|"
     r"quantity|cantidad|unidades|units|pcs|pieces|lineas|points)|no\.?\s*of\s*items?|item\s*count|"
     r"anzahl|adjust|ajuste|puntos|points|propina"),
    ("discount", r"descuento|\bdcto\b|discount|saving|ahorro|rabatt|nachlass|atlaide"),
    ("change", r"\bcambio\b|\bchange\b|vuelto|vueltas|devuelta|zur[uü]ck|r[uü]ckgeld|atlikums|"
     r"izdot\w*"),
    ("subtotal", rf"sub\s*-?\s*{_T}|{_T}\s*\(?\s*(excl|exclusive|before|sin iva|antes)|"
     r"excl\w*\s*(of\s*)?gst|base gravable|\bnetto\b|bez\s*pvn|gross\s*am(oun)?t"),
    ("tax", rf"^\W*((sub\s*)?{_T}|valor|sum\w*)?\W*{_TAX}|\b{_TAX}\W*(payable|amount|@|\d)"),
    ("total_strong", rf"valor {_T}|valor a pagar|neto a pagar|gran {_T}|importe {_T}|{_T} amount|"
     rf"\bsu[mn]{{2}}e\b|gesamt|zu zahlen|amount payable|por pagar|{_T} sales|{_T} venta|"
     r"\bnett?\s*am(oun)?t\b"),
    ("tendered", r"efectivo|\bcash\b|bargeld|\bbar\b|gegeben|kartenzahlung|\bbetrag\b|\btender(ed)?\b|\bpaid\b|pagado|recibido|tarjeta|"
     r"\bcard\b|\bvisa\b|master|girocard|ec-karte|credit|debit|d[eé]bito|cr[eé]dito|payment|"
     r"skaidra\s*nauda|sanemts|samaksats|apmaksats|\bkarte\b"),
    ("total", rf"\b{_T}\w*\b|\bpagar\b|\bimporte\b|^\W*due\b|\bkopa\b|\bsumma\b"),
)  # fmt: skip
# a tax or summary table after the total repeats "total" with other meanings
_SUMMARY = re.compile(rf"summary|analysis|resumen|discrimina|detalle|{_TAX}.*\bnetto|steuer")
_LABEL_RX = tuple((kind, re.compile(rx)) for kind, rx in _LABELS)
TOTALS = ("total_strong", "total")


def classify(line: str) -> str | None:
    """What a receipt line is about: a total, a trap (subtotal, tax, tendered, change…) or None."""
    # a zero inside a word is a letter O misread ("EFECTIV0", "CAMBI0"), as the engines do
    folded = re.sub(r"(?<=[a-z])0|0(?=[a-z])", "o", fold(line))
    for kind, rx in _LABEL_RX:
        if rx.search(folded):
            return kind
    return None


@dataclass(frozen=True)
class Line:
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
        between = normalise_line(line)[amounts[-2].end : amounts[-1].start]
        if sum(ch.isalpha() for ch in between) >= 3:
            return between
    return line


def receipt_lines(text: str) -> list[Line]:
    """The text's lines with their kind and amounts; a tax or summary table after a total is
    excluded, and a label alone on its line takes the amount of the next."""
    parsed: list[Line] = []
    in_summary = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        amounts = find_amounts(line)
        kind = classify(_label_text(line, amounts))
        folded = fold(line)
        if parsed and any(p.kind in TOTALS for p in parsed) and _SUMMARY.search(folded):
            in_summary = True
        if in_summary and kind in ("total", "total_strong", "tax", "subtotal"):
            kind = "excluded"
        parsed.append(Line(len(parsed), line, kind, tuple(amounts)))
    # a label alone on its line takes the number from the next unlabelled line
    for i, label in enumerate(parsed[:-1]):
        nxt = parsed[i + 1]
        if label.kind and not label.amounts and nxt.kind is None and nxt.amounts:
            parsed[i] = Line(label.index, f"{label.text} {nxt.text}", label.kind, nxt.amounts)
            parsed[i + 1] = Line(nxt.index, nxt.text, "consumed", ())
    return parsed


def values_of(lines: list[Line], kind: str) -> list[Decimal]:
    """The amounts of the lines of this kind."""
    return [v for line in lines if line.kind == kind and (v := line.value) is not None]
