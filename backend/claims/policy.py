"""The eligible amount of an expense under its category's policy: a pure function with reasons.

Each step of the arithmetic is kept as a sentence in Spanish and English, so the number a worker,
HR or payroll acts on can always be explained ("50 % de uso laboral de $ 120.000 = $ 60.000").
"""

import datetime as dt
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from core.money import format_money, quantize


@dataclass(frozen=True)
class Terms:
    """One version of a category's policy, as plain data."""

    category: tuple[str, str]  # (English name, Spanish name)
    version: str  # shown in every explanation: which policy judged this
    kind: str  # one_time | monthly
    currency: str
    cap: Decimal | None
    replacement_months: int | None
    work_use_percent: Decimal
    legal_floor: Decimal | None
    claim_window_days: int


@dataclass(frozen=True)
class Earlier:
    """Another use of the same worker's limit in this category, in the policy's currency: an
    approved (or paid) line, or a line still pending ahead of this one, which reserves its
    eligible amount until it is decided."""

    date: dt.date
    month: dt.date  # first day of its service month
    amount: Decimal
    pending_line: int | None = None  # the pending line's id; None when approved


@dataclass(frozen=True)
class Conversion:
    amount: Decimal
    currency: str
    rate: Decimal


@dataclass
class Eligibility:
    amount: Decimal
    reason: str | None = None  # a reason code when the policy excludes the expense
    steps: list[tuple[str, str]] = field(default_factory=list)  # (English, Spanish)

    def explanation(self, language: str) -> str:
        index = 1 if language.startswith("es") else 0
        return "; ".join(step[index] for step in self.steps)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: day 28 exists in every month


def eligible_amount(
    *,
    amount: Decimal,
    expense_date: dt.date,
    month: dt.date,
    terms: Terms,
    earlier: list[Earlier],
    today: dt.date,
    conversion: Conversion | None = None,
) -> Eligibility:
    """`amount` is already in the policy's currency; `conversion` says how, when it was not."""
    cur = terms.currency

    def money(value: Decimal, language: str) -> str:
        return format_money(value, cur, language)

    result = Eligibility(amount=Decimal(0))
    result.steps.append((f"policy {terms.version}", f"política {terms.version}"))
    if conversion is not None:
        original_en = format_money(conversion.amount, conversion.currency, "en")
        original_es = format_money(conversion.amount, conversion.currency, "es")
        result.steps.append(
            (
                f"{original_en} × {conversion.rate} = {money(amount, 'en')}",
                f"{original_es} × {conversion.rate} = {money(amount, 'es')}",
            )
        )

    oldest = today - timedelta(days=terms.claim_window_days)
    if expense_date < oldest:
        result.reason = "outside_window"
        result.steps.append(
            (
                f"the receipt is older than {terms.claim_window_days} days: not eligible",
                f"el recibo tiene más de {terms.claim_window_days} días: no es elegible",
            )
        )
        return result

    value = amount
    if terms.work_use_percent < 100:
        value = quantize(amount * terms.work_use_percent / 100)
        pct = f"{terms.work_use_percent.normalize():f}"
        result.steps.append(
            (
                f"{pct} % work use of {money(amount, 'en')} = {money(value, 'en')}",
                f"{pct} % de uso laboral de {money(amount, 'es')} = {money(value, 'es')}",
            )
        )

    if terms.kind == "one_time":
        value = _one_time(value, expense_date, terms, earlier, result, money)
    else:
        value = _monthly(value, amount, month, terms, earlier, result, money)

    result.amount = quantize(max(value, Decimal(0)))
    result.steps.append(
        (f"eligible {money(result.amount, 'en')}", f"elegible {money(result.amount, 'es')}")
    )
    return result


def _one_time(value, expense_date, terms, earlier, result, money) -> Decimal:
    if terms.replacement_months:
        months = terms.replacement_months
        # A pending line holds the period only while it has something to pay.
        # One per period, whichever side of this one the other falls; a pending line holds the
        # period only while it has something to pay.
        recent = [
            e
            for e in earlier
            if add_months(e.date, months) > expense_date
            and add_months(expense_date, months) > e.date
            and (e.pending_line is None or e.amount > 0)
        ]
        if recent:
            last = max(recent, key=lambda e: e.date)
            next_date = add_months(last.date, months)
            name_en, name_es = terms.category
            result.reason = "replacement_period"
            if last.pending_line is None:
                done_en = f"a {name_en.lower()} was already reimbursed on {last.date:%d/%m/%Y}"
                done_es = f"ya se reembolsó {name_es.lower()} el {last.date:%d/%m/%Y}"
            else:
                done_en = (
                    f"a {name_en.lower()} of {last.date:%d/%m/%Y} is pending on line "
                    f"{last.pending_line}"
                )
                done_es = (
                    f"{name_es.lower()} del {last.date:%d/%m/%Y} está pendiente en la línea "
                    f"{last.pending_line}"
                )
            result.steps.append(
                (
                    f"{done_en}; one every {months} months, next from {next_date:%d/%m/%Y}",
                    f"{done_es}; una cada {months} meses, la próxima desde {next_date:%d/%m/%Y}",
                )
            )
            return Decimal(0)
    if terms.cap is not None and value > terms.cap:
        result.steps.append(
            (
                f"cap per item {money(terms.cap, 'en')}",
                f"tope por artículo {money(terms.cap, 'es')}",
            )
        )
        return terms.cap
    return value


def _monthly(value, spent, month, terms, earlier, result, money) -> Decimal:
    this_month = [e for e in earlier if e.month == month]
    approved = sum((e.amount for e in this_month if e.pending_line is None), Decimal(0))
    label = f"{month:%m/%Y}"
    if approved:
        result.steps.append(
            (
                f"already approved for {label}: {money(approved, 'en')}",
                f"ya aprobado para {label}: {money(approved, 'es')}",
            )
        )
    for e in this_month:
        if e.pending_line is not None and e.amount:
            result.steps.append(
                (
                    f"{money(e.amount, 'en')} reserved by line {e.pending_line}, pending",
                    f"{money(e.amount, 'es')} ya reservados por la línea {e.pending_line}, pendiente",
                )
            )
    already = sum((e.amount for e in this_month), Decimal(0))
    if terms.cap is not None:
        room = max(terms.cap - already, Decimal(0))
        if value > room:
            value = room
            result.steps.append(
                (
                    f"monthly cap {money(terms.cap, 'en')} leaves {money(room, 'en')}",
                    f"tope mensual {money(terms.cap, 'es')} deja {money(room, 'es')}",
                )
            )
    if terms.legal_floor is not None:
        # The law's minimum allowance is owed up to what was actually spent.
        floor_room = min(terms.legal_floor, spent) - already
        if floor_room > value:
            value = floor_room
            result.steps.append(
                (
                    f"legal minimum {money(terms.legal_floor, 'en')} per month applies",
                    f"aplica el mínimo legal de {money(terms.legal_floor, 'es')} al mes",
                )
            )
    return value
