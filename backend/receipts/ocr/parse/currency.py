"""Which currency a receipt is in: the total's own marker, markers in the text, then context."""

import re

from receipts.ocr.parse.numbers import find_amounts

_CONTEXT = {
    "MYR": re.compile(r"\bSDN\.?\s*BHD\b|\bMALAYSIA\b|\bRINGGIT\b|\bGST\b", re.I),
    "EUR": re.compile(
        r"\bMWST\b|\bUST\b|\bGMBH\b|\bDEUTSCHLAND\b|\bSUMME\b|\bZU ZAHLEN\b|\bPVN\b|\bLV-?\d{4}\b",
        re.I,
    ),
    "COP": re.compile(r"\bNIT\b|\bDIAN\b|\bCOLOMBIA\b|\bIVA\b|\bPESOS\b|\bCUFE\b", re.I),
}


def detect_currency(text: str, default: str = "COP", total_line: str = "") -> str:
    """ISO code from the total's own marker, else markers in the text, else context, else default."""
    for amount in find_amounts(total_line):
        if amount.currency and amount.currency != "$":
            return amount.currency
    counts: dict[str, int] = {}
    dollars = 0  # "$" is pesos or dollars: the context says which
    for line in text.splitlines():
        for amount in find_amounts(line):
            if amount.currency and amount.currency != "$":
                counts[amount.currency] = counts.get(amount.currency, 0) + 1
            dollars += amount.currency == "$"
        for code in re.findall(r"\b(MYR|EUR|COP|USD)\b|€", line):
            key = code or "EUR"
            counts[key] = counts.get(key, 0) + 1
    if counts and max(counts.values()) > dollars:  # not a "0" read as "€" among amounts in "$"
        return max(counts, key=lambda c: counts[c])
    context = {code: len(rx.findall(text)) for code, rx in _CONTEXT.items()}
    best = max(context, key=lambda c: context[c])
    return best if context[best] else default
