"""Months as the API writes them ("2026-11"), checked with messages a person can act on."""

import calendar
from datetime import date

from core.months import month_from_text
from exports import errors


def parse_month(value: str, field: str) -> date:
    """The first day of the month written `YYYY-MM`, or a 422 naming the field."""
    month = month_from_text(value)
    if month is None:
        raise errors.bad_period(field)
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
        raise errors.bad_range(start, end)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > max_months:
        raise errors.range_too_long(months, max_months)
    return first, last
