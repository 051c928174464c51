"""The bargaining figures, aggregated in the database in one pass over the claim lines.

The ORM builds the per-worker grouping (each worker's lines, spend, reimbursement and denials per
category and month); one SQL statement around it then derives every figure the pack shows:
distinct workers and sums per cell, per category, per month and overall, plus the few ranked
rows the quartiles of spend per worker are read from. Django cannot express the window ranking
and the UNION of groupings over one grouped subquery, so that outer part is plain, portable SQL
(SQLite and PostgreSQL); every value in it is a query parameter.
"""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DateField, FloatField, Func, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from claims.models import REIMBURSED_STATUSES, ClaimStatus, Decision, Expense
from exports import bargaining
from exports.periods import month_end

ZERO = Decimal(0)
CENT = Decimal("0.01")


class MonthStart(Func):
    """The first day of a date's month, computed by the database itself.

    Django's TruncMonth calls a Python function for every row on SQLite; dates are stored there
    as ISO text, so a slice does the same at C speed. PostgreSQL uses date_trunc.
    """

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(substr({sql}, 1, 8) || '01')", params

    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(DATE_TRUNC('month', {sql}) AS DATE)", params


def claimed_lines(organization_id: int, first: dt.date, last: dt.date) -> QuerySet[Expense]:
    """Lines of submitted claims (not drafts) whose month falls in [first, last].

    The month is the service month (monthly items) or the purchase date's month.
    """
    in_range = Q(service_month__gte=first, service_month__lte=last) | Q(
        service_month__isnull=True, date__gte=first, date__lte=month_end(last)
    )
    return Expense.objects.filter(
        in_range, organization_id=organization_id, claim__isnull=False
    ).exclude(claim__status=ClaimStatus.DRAFT)


def _month_of_line() -> MonthStart:
    return MonthStart(Coalesce("service_month", "date"))


def _per_worker(lines: QuerySet[Expense]) -> QuerySet:
    # Approved on a decided or paid claim, or paid already: a paid line stays reimbursed while
    # another line of its claim is appealed after payday (the claim is back under review).
    reimbursed = Q(decision__in=(Decision.APPROVE, Decision.PARTIAL)) & (
        Q(claim__status__in=REIMBURSED_STATUSES) | Q(payroll_line__isnull=False)
    )
    # Sums stay plain SQL sums (no per-group CASTs Django adds for decimals on SQLite): the
    # outer query reads them raw and rounds them to cents.
    return (
        lines.values("category_id", "owner_id", month=_month_of_line())
        .annotate(
            spend=Sum("converted_amount", output_field=FloatField()),
            n_lines=Count("id"),
            reimbursed=Sum("approved_amount", filter=reimbursed, output_field=FloatField()),
            denied=Count("id", filter=Q(decision=Decision.REJECT)),
        )
        .order_by()
    )


_SUMS = "SUM(n_lines), SUM(spend), SUM(reimbursed), SUM(denied)"
_RANKS = " OR ".join(f"rn = {k} * (cell.n - 1) / 4 + {step}" for k in (1, 2, 3) for step in (1, 2))
# Columns: level, category, month, then workers, lines, spent, reimbursed, denied; for "rank"
# rows: rank, group size, that worker's spend. The ranking reads each cell's size from `cells`
# rather than from a second window (a second sort of every per-worker row).
_FIGURES_SQL = f"""
WITH per_worker AS MATERIALIZED ({{per_worker}}),
cells AS MATERIALIZED (
  SELECT category_id, month, COUNT(*) AS n, {_SUMS}
    FROM per_worker GROUP BY category_id, month)
SELECT 'cell', * FROM cells
UNION ALL
SELECT 'category', category_id, NULL, COUNT(DISTINCT owner_id), {_SUMS}
  FROM per_worker GROUP BY category_id
UNION ALL
SELECT 'month', NULL, month, COUNT(DISTINCT owner_id), {_SUMS}
  FROM per_worker GROUP BY month
UNION ALL
SELECT 'total', NULL, NULL, COUNT(DISTINCT owner_id), {_SUMS}
  FROM per_worker
UNION ALL
SELECT 'rank', ranked.category_id, ranked.month, rn, cell.n, spend, 0, 0 FROM (
  SELECT category_id, month, spend,
         ROW_NUMBER() OVER (PARTITION BY category_id, month ORDER BY spend, owner_id) AS rn
    FROM per_worker) ranked
  CROSS JOIN cells cell
 WHERE cell.category_id = ranked.category_id AND cell.month = ranked.month AND ({_RANKS})
"""  # noqa: S608 - constants only; the values travel as parameters


def _money(value) -> Decimal:
    # Raw rows skip Django's converters: SQLite sums decimals as floats.
    return Decimal(str(value or 0)).quantize(CENT)


def _month(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value.date() if isinstance(value, dt.datetime) else value


def aggregate(lines: QuerySet[Expense], code_of: dict[int, str]) -> dict:
    """Cells, per-category, per-month and overall figures, quartiles and denials by reason."""
    inner, params = _per_worker(lines).query.sql_with_params()
    cells: dict[tuple[str, dt.date], bargaining.Figures] = {}
    by_category: dict[str, bargaining.Figures] = {}
    by_month: dict[dt.date, bargaining.Figures] = {}
    total = bargaining.Figures(0, 0, ZERO, ZERO, 0)
    picked: dict[tuple[str, dt.date], dict[int, Decimal]] = {}
    sizes: dict[tuple[str, dt.date], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(_FIGURES_SQL.format(per_worker=inner), params)
        for level, category_id, month, a, b, c, d, e in cursor.fetchall():
            if level == "rank":
                key = (code_of[category_id], _month(month))
                picked.setdefault(key, {})[a] = _money(c)
                sizes[key] = b
                continue
            figures = bargaining.Figures(
                workers=a,
                lines=int(b or 0),
                spent=_money(c),
                reimbursed=_money(d),
                denied_lines=int(e or 0),
            )
            if level == "cell":
                cells[code_of[category_id], _month(month)] = figures
            elif level == "category":
                by_category[code_of[category_id]] = figures
            elif level == "month":
                by_month[_month(month)] = figures
            elif a:
                total = figures
    for key, ranked in picked.items():
        cells[key].q1, cells[key].median, cells[key].q3 = bargaining.quartiles(sizes[key], ranked)
    denials = {
        (code_of[row["category_id"]], _month(row["month"]), row["reason_code"]): bargaining.Denial(
            lines=row["n_lines"], workers=row["n_workers"]
        )
        for row in lines.filter(decision=Decision.REJECT)
        .values("category_id", "reason_code", month=_month_of_line())
        .annotate(n_lines=Count("id"), n_workers=Count("owner_id", distinct=True))
        .order_by()
    }
    return {
        "cells": cells,
        "by_category": by_category,
        "by_month": by_month,
        "total": total,
        "denials": denials,
    }
