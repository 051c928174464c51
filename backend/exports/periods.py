"""Months as the API writes them ("2026-11"), checked with messages a person can act on."""

import calendar
from datetime import date

from core.errors import ApiError
from core.months import month_from_text


def parse_month(value: str, field: str) -> date:
    """The first day of the month written `YYYY-MM`, or a 422 naming the field."""
    month = month_from_text(value)
    if month is None:
        raise ApiError(
            422,
            "bad_period",
            "'{field}' must be a month written YYYY-MM, such as 2026-11.",
            "'{field}' debe ser un mes escrito AAAA-MM, por ejemplo 2026-11.",
            field=field,
        )
    return month


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def months_between(first: date, last: date) -> list[date]:
    months = []
    current = first
    while current <= last:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def month_range(start: str, end: str, max_months: int) -> tuple[date, date]:
    """`from` and `to` as first days of months; 422 when reversed or longer than allowed."""
    first, last = parse_month(start, "from"), parse_month(end, "to")
    if first > last:
        raise ApiError(
            422,
            "bad_range",
            "'from' ({start}) is after 'to' ({end}).",
            "'from' ({start}) es posterior a 'to' ({end}).",
            start=start,
            end=end,
        )
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > max_months:
        raise ApiError(
            422,
            "range_too_long",
            "The range covers {months} months; the most is {max_months}.",
            "El rango cubre {months} meses; el máximo es {max_months}.",
            months=months,
            max_months=max_months,
        )
    return first, last
