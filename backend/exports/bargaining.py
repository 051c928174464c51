"""The bargaining pack: anonymised figures with small-group suppression. Pure: no Django, no DB.

Figures come in already aggregated (per category and month, per month, per category, overall,
and denials per reason); this module decides what may be shown, and gives the dashboard its
JSON. The workbook is laid out in `exports.bargaining_sheet`.

Suppression, in two steps:
1. primary: a figure resting on fewer than k distinct workers is hidden;
2. complementary: in every group of figures that add up to a shown or hidden total (the months of a
   category, the categories of a month, the totals, the reasons of a cell), either nothing or at
   least two figures are hidden, so no hidden figure is the difference between the total and the
   rest. The smallest figures are hidden first; this repeats until nothing changes.
"""

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from core.money import money_text

MIN_K = 5
CENT = Decimal("0.01")


@dataclass
class Figures:
    workers: int  # distinct workers the figure rests on
    lines: int
    spent: Decimal  # out of pocket, in the organisation's currency
    reimbursed: Decimal
    denied_lines: int
    q1: Decimal | None = None  # quartiles of the spend per worker
    median: Decimal | None = None
    q3: Decimal | None = None
    suppressed: bool = False

    @property
    def gap(self) -> Decimal:
        return self.spent - self.reimbursed

    @property
    def denied_share(self) -> float:
        return round(self.denied_lines / self.lines, 4) if self.lines else 0.0


@dataclass
class Denial:
    lines: int
    workers: int
    suppressed: bool = False


@dataclass
class Report:
    first: dt.date
    last: dt.date
    months: list[dt.date]
    categories: list[tuple[str, str, str]]  # code, English name, Spanish name
    currency: str
    k: int
    cells: dict[tuple[str, dt.date], Figures]
    by_category: dict[str, Figures]
    by_month: dict[dt.date, Figures]
    total: Figures
    denials: dict[tuple[str, dt.date, str], Denial] = field(default_factory=dict)


# --- quartiles ------------------------------------------------------------------------------


def quartile_positions(n: int) -> set[int]:
    """The 1-based ranks the quartiles of n sorted values are read from (linear interpolation)."""
    wanted = set()
    for k in (1, 2, 3):
        low = k * (n - 1) // 4 + 1
        wanted.update({low, min(low + 1, n)})
    return wanted


def quartiles(n: int, ranked: dict[int, Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """Q1, median, Q3 as percentile_cont computes them, from the values at quartile_positions(n)."""
    result = []
    for k in (1, 2, 3):
        low = k * (n - 1) // 4 + 1
        fraction = Decimal(k * (n - 1) % 4) / 4
        below, above = ranked[low], ranked[min(low + 1, n)]
        result.append((below + (above - below) * fraction).quantize(CENT, ROUND_HALF_UP))
    return result[0], result[1], result[2]


# --- suppression ----------------------------------------------------------------------------


def suppress(
    workers: dict[Hashable, int],
    groups: list[list[Hashable]],
    k: int,
    follow: dict[Hashable, list[Hashable]] | None = None,
) -> set[Hashable]:
    """The keys to hide. `groups` are sets of figures tied by one sum (members and their total);
    `follow` hides dependants with a key (the reasons of a hidden cell)."""
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    hidden = {key for key, count in workers.items() if 0 < count < k}
    follow = follow or {}
    changed = True
    while changed:
        changed = False
        for key, dependants in follow.items():
            if key in hidden and not hidden.issuperset(dependants):
                hidden.update(dependants)
                changed = True
        for group in groups:
            present = [key for key in group if key in workers]
            shown = [key for key in present if key not in hidden]
            if len(present) - len(shown) == 1 and shown:
                # Hide the smallest other figure (fewest workers; ties broken by order).
                order = {key: index for index, key in enumerate(present)}
                hidden.add(min(shown, key=lambda key: (workers[key], order[key])))
                changed = True
    return hidden


def apply_suppression(report: Report) -> Report:
    workers: dict[Hashable, int] = {}
    for (code, month), cell in report.cells.items():
        workers[("cell", code, month)] = cell.workers
    for code, figures in report.by_category.items():
        workers[("category", code)] = figures.workers
    for month, figures in report.by_month.items():
        workers[("month", month)] = figures.workers
    workers[("total",)] = report.total.workers
    for (code, month, reason), denial in report.denials.items():
        workers[("denial", code, month, reason)] = denial.workers

    codes = [c[0] for c in report.categories]
    groups: list[list[Hashable]] = []
    for code in codes:
        groups.append([("cell", code, m) for m in report.months] + [("category", code)])
    for month in report.months:
        groups.append([("cell", c, month) for c in codes] + [("month", month)])
    groups.append([("category", c) for c in codes] + [("total",)])
    groups.append([("month", m) for m in report.months] + [("total",)])
    follow: dict[Hashable, list[Hashable]] = {}
    reasons_of: dict[tuple[str, dt.date], list[Hashable]] = {}
    for code, month, reason in sorted(report.denials):
        reasons_of.setdefault((code, month), []).append(("denial", code, month, reason))
    for (code, month), reasons in reasons_of.items():
        # A cell's denied lines are the sum of its reasons.
        groups.append([*reasons, ("cell", code, month)])
        follow[("cell", code, month)] = reasons

    hidden = suppress(workers, groups, report.k, follow)
    for (code, month), cell in report.cells.items():
        cell.suppressed = ("cell", code, month) in hidden
    for code, figures in report.by_category.items():
        figures.suppressed = ("category", code) in hidden
    for month, figures in report.by_month.items():
        figures.suppressed = ("month", month) in hidden
    report.total.suppressed = ("total",) in hidden
    for (code, month, reason), denial in report.denials.items():
        denial.suppressed = ("denial", code, month, reason) in hidden
    return report


# --- JSON for the dashboard -----------------------------------------------------------------


def figures_json(figures: Figures) -> dict[str, Any]:
    if figures.suppressed:
        return {
            "suppressed": True,
            **dict.fromkeys(
                (
                    "workers",
                    "lines",
                    "spent",
                    "reimbursed",
                    "gap",
                    "q1",
                    "median",
                    "q3",
                    "denied_lines",
                    "denied_share",
                )
            ),
        }
    return {
        "suppressed": False,
        "workers": figures.workers,
        "lines": figures.lines,
        "spent": money_text(figures.spent),
        "reimbursed": money_text(figures.reimbursed),
        "gap": money_text(figures.gap),
        "q1": money_text(figures.q1),
        "median": money_text(figures.median),
        "q3": money_text(figures.q3),
        "denied_lines": figures.denied_lines,
        "denied_share": figures.denied_share,
    }


def to_json(report: Report, language: str) -> dict[str, Any]:
    spanish = language.startswith("es")
    names = {code: (es if spanish else en) for code, en, es in report.categories}
    cells = report.cells
    return {
        "from": f"{report.first:%Y-%m}",
        "to": f"{report.last:%Y-%m}",
        "k": report.k,
        "currency": report.currency,
        "categories": [{"code": code, "name": names[code]} for code, _, _ in report.categories],
        "months": [f"{m:%Y-%m}" for m in report.months],
        "cells": [
            {"category": code, "month": f"{month:%Y-%m}", **figures_json(cells[code, month])}
            for code, _, _ in report.categories
            for month in report.months
            if (code, month) in cells
        ],
        "by_month": [
            {"month": f"{month:%Y-%m}", **figures_json(report.by_month[month])}
            for month in report.months
            if month in report.by_month
        ],
        "by_category": [
            {"category": code, **figures_json(report.by_category[code])}
            for code, _, _ in report.categories
            if code in report.by_category
        ],
        "total": figures_json(report.total),
        "denials": [
            {
                "category": code,
                "month": f"{month:%Y-%m}",
                "reason": reason,
                "suppressed": denial.suppressed,
                "lines": None if denial.suppressed else denial.lines,
                "share": None
                if denial.suppressed
                else share(denial.lines, cells[code, month].lines),
            }
            for (code, month, reason), denial in sorted(report.denials.items())
        ],
    }


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
