"""The receipt's total among its traps (subtotal, tax, tendered, change, counts), and its tax.

Every line is classified by its label (see `lines`), then each total printed is scored by the
receipt's own cross-checks: the same amount under other labels, what was paid and given back,
subtotal plus tax, the items above it.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from receipts.ocr.parse.dates import fold
from receipts.ocr.parse.lines import Line, classify, receipt_lines, values_of
from receipts.ocr.parse.numbers import CENT, Amount, normalise_line


@dataclass(frozen=True)
class Candidate:
    amount: Decimal
    label: str
    line: str
    score: float
    chosen: bool


_BASE = {"total_strong": 0.55, "total": 0.45}
CONFIDENT = 0.7


def _evidence(value: Decimal, lines: list[Line], totals: list[Line]) -> float:
    """Cross-checks: agreement raises the score, contradictions lower it."""
    # the same amount under different labels ("Subtotal"/"Total" repeated rows do not count twice)
    labels = {re.sub(r"[^a-z]", "", fold(t.text)) for t in totals if t.value == value}
    score = 0.15 * min(2, len(labels) - 1)
    if totals and totals[-1].value == value:
        score += 0.1  # the last total printed is the one to pay; earlier ones are partial
    tendered, change = values_of(lines, "tendered"), values_of(lines, "change")
    subtotal, tax = values_of(lines, "subtotal"), values_of(lines, "tax")
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
    elif not tendered and any(c > 0 for c in change):
        # change given but no payment read: the payment is the total plus the change; when only
        # the total minus the change is printed, this "total" is what was handed over
        printed = {v for line in lines if (v := line.value) is not None}
        if not any(value + c in printed for c in change) and any(
            value - c in printed for c in change if c > 0
        ):
            score -= 0.4
    bases, taxes = _tax_table(lines)
    discounts = [abs(v) for v in values_of(lines, "discount") if v]
    discounted = [s - sum(discounts) for s in subtotal] if discounts else []
    taxed = [b + x for b in bases for x in taxes]
    if any(s + x == value for s in subtotal for x in tax if x > 0):
        score += 0.3
    elif value in discounted:
        score += 0.3  # the subtotal less the discounts printed under it
    elif value in taxed:
        score += 0.2  # the tax breakdown printed below adds up to it
    elif any(
        0 < abs(s - value) <= value / 100 or _digit_misread(value, s) for s in taxed + discounted
    ):
        score -= 0.4  # the receipt's own sums come to nearly this, or but for a digit: one misread
    elif value in subtotal:
        score += 0.1
    if any(s > value + sum(discounts) for s in subtotal):
        score -= 0.3
    items = _items(value, lines, totals)
    items_sum = sum(items)
    if _misread_item(lines):
        pass  # an item's own product is misread: its sum agreeing with a total is no evidence
    elif (len(items) >= 2 and items_sum == value) or (items and items_sum + sum(tax) == value):
        score += 0.25
    elif any(value + sum(discounts) < v <= 50 * value for v in items):
        # one item costing more than the whole receipt: a misread or a wrong line (an "item"
        # a thousand times the total is two numbers run together, not a price)
        score -= 0.3
    if len(items) >= 2 and items_sum != value and items_sum in taxed:
        score -= 0.4  # the items and the tax table agree on another amount: this one is misread
    return score


def _items(value: Decimal, lines: list[Line], totals: list[Line]) -> list[Decimal]:
    """The item prices above the totals, printed like the total `value`: with cents when it
    has them (an id or a misread "5.205" is not a price on a receipt in ringgit or euros)."""
    first = min((t.index for t in totals), default=0)
    cents = any(t.amounts[-1].has_cents for t in totals if t.value == value)
    return [
        line.value
        for line in lines
        if line.kind is None and line.index < first and line.value
        if any(a.has_cents == cents and (a.has_cents or a.grouped) for a in line.amounts[-1:])
    ]


_TIMES = re.compile(r"(?<![\d.,])(\d{1,2}) ?[x×*@] ?(\$ ?|RM ?)?$", re.I)  # "2 x $", "3x", "1 @"


def _misread_item(lines: list[Line]) -> bool:
    """Whether an item line's quantity times its unit price is not the amount printed beside
    them ("2 x 111.500  223.600"): one of its digits was misread, and as a slashed zero or a
    blurred 8 reads alike all down a column, maybe the total's too."""
    for line in lines:
        if line.kind is not None or len(line.amounts) < 2:
            continue
        unit, amount = line.amounts[-2:]
        count = _TIMES.search(normalise_line(line.text)[: unit.start].rstrip())
        if count and int(count[1]) * unit.value != amount.value:
            return True
    return False


_BASE_LABEL = re.compile(
    r"\bbase\s*(gravable|iva|imp|grav)|sub\s*-?\s*t[o0]tal|gravable|\bnett?o\b|\bexcl|before tax|taxable"
)


def _tax_table(lines: list[Line]) -> tuple[list[Decimal], list[Decimal]]:
    """Taxable bases and tax amounts wherever printed, the tax breakdown under the total too;
    a bill's charge printed just above its tax is a base."""
    bases, taxes = [], []
    for i, line in enumerate(lines):
        value = line.value
        if not value or line.kind in ("total", "total_strong"):
            continue
        folded = fold(line.text)
        if _BASE_LABEL.search(folded):
            bases.append(value)
            taxes += _tax_at_rate(line, lines[i + 1 : i + 1 + RATE_LINES])
        elif classify(line.text) == "tax":
            taxes.append(value)
            above = lines[i - 1] if i else None
            if above and above.kind is None and above.value:  # a bill's one charge, then its tax
                bases.append(above.value)
    return bases, taxes


RATE_LINES = 3  # a base's tax is printed within this many lines below it
_RATE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?) ?%")


def _tax_at_rate(base: Line, below: list[Line]) -> list[Decimal]:
    """The tax printed under a base whose rate is printed beside it ("BASE IVA 19%  1.597.311"
    and 303.489 below, however garbled its label), found by the rate itself: the base and its
    tax then add up to the total, and a total a digit apart from them was misread."""
    rate = _RATE.search(fold(base.text))
    if not rate or base.value is None:
        return []
    cents = base.amounts[-1].has_cents
    due = base.value * Decimal(rate[1].replace(",", ".")) / 100
    return [
        value
        for line in below
        if (value := line.value) and abs(value - due) <= (CENT if cents else 1)
    ][:1]  # within the base's rounding: to the cent, or to the peso


def _printed_as_money(amount: Amount) -> bool:
    return amount.has_cents or amount.grouped or amount.currency is not None


def _rounded_totals(lines: list[Line]) -> list[Line]:
    """ "Rounding RM 13.60" under "Total 13.58" is the rounded total, not a 13.60 adjustment."""
    biggest = max((line.value or 0 for line in lines if line.kind in _BASE), default=0)
    return [
        replace(line, kind="total")
        if line.kind == "rounding" and line.value and line.value >= biggest / 2 > 0
        else line
        for line in lines
    ]


def _rounded_to(before: Decimal, after: Decimal, totals: list[Line], rounding: list[Line]) -> bool:
    """A total printed above a rounding line that turns it into the total printed below."""
    return any(
        r.value == abs(after - before)
        and any(t.value == before and t.index < r.index for t in totals)
        and any(t.value == after and t.index > r.index for t in totals)
        for r in rounding
    )


_NEGATIVE = re.compile(r"(^|\s)-\s*(\$|€|rm)?\s*\d[\d.,]*\D*$", re.I)  # "-$ 59.800" at the end


def _discounted_to(
    before: Decimal, after: Decimal, totals: list[Line], discounts: list[Line]
) -> bool:
    """A total printed above discounts that take it down to the total printed below them."""
    for above in (t for t in totals if t.value == before):
        for below in (t for t in totals if t.value == after and t.index > above.index):
            taken = [
                abs(d.value) for d in discounts if d.value and above.index < d.index < below.index
            ]
            if taken and before - sum(taken) == after:
                return True
    return False


MENDED = 0.5  # how sure a total mended by the receipt's own sums can be: not sure


def _zeros_misread(read: Decimal, printed: Decimal) -> bool:
    """Whether `read` is `printed` with some of its zeros read as 8, 9 or 6 ("226.508")."""
    a, b = f"{read:.2f}", f"{printed:.2f}"
    if len(a) != len(b) or a == b:
        return False
    return all(y == "0" and x in "689" for x, y in zip(a, b, strict=True) if x != y)


def _digit_misread(read: Decimal, printed: Decimal) -> bool:
    """Whether `read` and `printed` differ in one digit ("353.900" and 358.900)."""
    a, b = f"{read:.2f}", f"{printed:.2f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def find_total(text: str) -> tuple[Decimal | None, float, tuple[Candidate, ...]]:
    """The receipt's total, a 0..1 confidence, and every amount that was considered."""
    lines = _rounded_totals(receipt_lines(text))
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
    tendered, change = values_of(lines, "tendered"), values_of(lines, "change")
    if len(tendered) == 1 and len(change) == 1 and tendered[0] > change[0] > 0:
        # what was paid is the total, even when the total's own line is garbled
        scored.setdefault(tendered[0] - change[0], 0.25)
    # a "0" printed slashed or dotted reads as 8, 9 or 6: a total that differs only so from what its
    # base and tax add up to is that sum, but never sure (the reader's mending, not the print's)
    bases, taxes = _tax_table(lines)
    sums = {b + x for b in bases for x in taxes if x > 0}
    mended = {m for value in scored for m in sums if _zeros_misread(value, m)}
    for value in mended:
        scored.setdefault(value, max(scored.values()))
    for value in scored:
        scored[value] += _evidence(value, lines, totals)
    # deductions: discounts, and amounts printed negative whatever their (garbled) label
    discounts = [
        line
        for line in lines
        if line.value
        and (line.kind == "discount" or (line.kind is None and _NEGATIVE.search(line.text)))
    ]
    for before, after in [(a, b) for a in scored for b in scored if a != b]:
        if _rounded_to(before, after, totals, rounding):
            scored[before] -= 0.3  # rounded below: what it adds up to is not what was paid
            scored[after] += 0.15  # ...and the total below is the arithmetic's own
        if _discounted_to(before, after, totals, discounts):
            scored[before] -= 0.3  # the sum before the discounts ("SUB-TOTAL" read as "TOTAL")
            scored[after] += 0.15
    # paid exactly a printed total plus or minus its rounding: which of the two is "the total"
    # is the reader's guess, so the rounded one stands as a close rival and neither is sure
    paid = set(tendered) | {t - c for t in tendered for c in change if 0 < c < t}
    for r in {abs(v) for line in rounding if (v := line.value)}:
        for value in list(scored):
            for rounded in {value + r, value - r} & paid:
                scored[rounded] = max(scored.get(rounded, 0.0), scored[value] - 0.05)
    if not scored and len(set(tendered)) == 1 and not any(c > 0 for c in change):
        # no total label, one payment and nothing given back: what was paid is the total
        scored = {tendered[0]: 0.2}
        totals = [line for line in lines if line.kind == "tendered" and line.value == tendered[0]]
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
    if chosen in mended:
        confidence = min(confidence, MENDED)
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
    lines = receipt_lines(text)
    taxes = [v for v in values_of(lines, "tax") if total is None or 0 < v < total]
    if total is not None:
        for s in values_of(lines, "subtotal"):
            for x in taxes:
                if s + x == total:
                    return x.quantize(CENT)
    return taxes[-1].quantize(CENT) if taxes else None
