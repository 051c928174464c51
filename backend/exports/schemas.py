from datetime import datetime

from ninja import Schema
from pydantic import Field

from core.schemas import In


class PayrollIn(In):
    period: str  # "2026-11": checked by exports.periods.parse_month (422 with a clear message)


class PayrollBatchOut(Schema):
    batch_id: int
    period: str
    generated_at: datetime
    lines: int
    total: str
    currency: str
    xlsx_url: str
    csv_url: str


class ConceptPreviewOut(Schema):
    concept: str
    description: str
    lines: int
    people: int
    total: str


class PayrollPreviewOut(Schema):
    """What a run would pay now: the same lines the run selects, counted and summed."""

    lines: int
    people: int
    total: str
    currency: str
    by_concept: list[ConceptPreviewOut]


class FiguresOut(Schema):
    suppressed: bool
    workers: int | None
    lines: int | None
    spent: str | None
    reimbursed: str | None
    gap: str | None
    q1: str | None
    median: str | None
    q3: str | None
    denied_lines: int | None
    denied_share: float | None


class CategoryRef(Schema):
    code: str
    name: str


class CellFiguresOut(FiguresOut):
    category: str
    month: str


class MonthFiguresOut(FiguresOut):
    month: str


class CategoryFiguresOut(FiguresOut):
    category: str


class DenialOut(Schema):
    category: str
    month: str
    reason: str
    suppressed: bool
    lines: int | None
    share: float | None


class BargainingOut(Schema):
    """Only aggregates, with small groups suppressed: no names, ids, vendors or free text."""

    from_: str = Field(alias="from")
    to: str
    k: int
    currency: str
    categories: list[CategoryRef]
    months: list[str]
    cells: list[CellFiguresOut]
    by_month: list[MonthFiguresOut]
    by_category: list[CategoryFiguresOut]
    total: FiguresOut
    denials: list[DenialOut]
