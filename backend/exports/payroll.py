"""The payroll files: rows in, XLSX or CSV bytes out. Pure: no Django, no database."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

from exports import words
from exports.sheets import (
    BOLD,
    TITLE,
    Cells,
    FastRows,
    new_workbook,
    save_workbook,
    set_widths,
    write_csv,
)

SUMMARY_KINDS = ("text", "text", "text", "month", "text", "text", "money", "text", "text")
DETAIL_KINDS = ("text", "text", "text", "text", "int", "int", "date", "month", "money", "text")


@dataclass(frozen=True)
class PayrollHead:
    batch_id: int
    organization: str
    currency: str
    period: dt.date  # first day of the month
    generated_at: dt.datetime  # local time, naive: what the title block shows
    line_count: int
    total: Decimal
    separator: str = ";"


@dataclass(frozen=True)
class SummaryRow:
    """One row per employee and payroll concept."""

    employee_id: str
    name: str
    cost_centre: str
    concept: str
    description: str
    amount: Decimal
    claims: str  # the claim references behind the row: "12, 15"


@dataclass(frozen=True)
class DetailRow:
    """One approved line behind a summary row."""

    employee_id: str
    name: str
    concept: str
    description: str
    claim_id: int
    expense_id: int
    expense_date: dt.date
    service_month: dt.date | None
    amount: Decimal
    override: bool = False


TEXTS = {
    "en": {
        "title": "Payroll: non-salary reimbursements (home office)",
        "organization": "Organisation",
        "period": "Period",
        "generated_at": "Generated at",
        "batch": "Batch",
        "summary": "Payroll",
        "detail": "Detail",
        "columns": [
            "Employee ID",
            "Name",
            "Cost centre",
            "Period",
            "Concept code",
            "Description",
            "Amount ({currency})",
            "Non-salary reimbursement",
            "Claims",
        ],
        "detail_columns": [
            "Employee ID",
            "Name",
            "Concept code",
            "Description",
            "Claim",
            "Line",
            "Expense date",
            "Service month",
            "Amount ({currency})",
            "Policy override",
        ],
        "yes": "Yes",
        "total": "Total",
    },
    "es": {
        "title": "Nómina: reembolsos no constitutivos de salario (trabajo en casa)",
        "organization": "Organización",
        "period": "Periodo",
        "generated_at": "Generado el",
        "batch": "Lote",
        "summary": "Nómina",
        "detail": "Detalle",
        "columns": [
            "Identificación",
            "Nombre",
            "Centro de costo",
            "Periodo",
            "Código de concepto",
            "Descripción",
            "Valor ({currency})",
            "Reembolso no salarial",
            "Reclamaciones",
        ],
        "detail_columns": [
            "Identificación",
            "Nombre",
            "Código de concepto",
            "Descripción",
            "Reclamación",
            "Línea",
            "Fecha del gasto",
            "Mes del servicio",
            "Valor ({currency})",
            "Excepción a la política",
        ],
        "yes": "Sí",
        "total": "Total",
    },
}


def texts(language: str) -> dict:
    return TEXTS["es" if language.startswith("es") else "en"]


def _columns(labels: list[str], currency: str) -> list[str]:
    return [label.format(currency=currency) for label in labels]


def write_xlsx(
    out: IO[bytes],
    head: PayrollHead,
    summary: Iterable[SummaryRow],
    detail: Iterable[DetailRow],
    language: str,
) -> None:
    """Two sheets: one row per employee and concept (with a title block and totals), then every line."""
    t = texts(language)
    workbook = new_workbook(head.generated_at)

    ws = workbook.create_sheet(t["summary"])
    cells = Cells(ws, head.currency)
    set_widths(ws, [16, 32, 16, 10, 20, 34, 18, 14, 24])
    ws.freeze_panes = "A8"  # title block and header stay in view
    ws.append([cells.text(t["title"], TITLE)])
    ws.append([cells.text(t["organization"], BOLD), cells.text(head.organization)])
    ws.append([cells.text(t["period"], BOLD), cells.month(head.period)])
    ws.append([cells.text(t["generated_at"], BOLD), cells.moment(head.generated_at)])
    ws.append([cells.text(t["batch"], BOLD), head.batch_id])
    ws.append([])
    ws.append(cells.header(_columns(t["columns"], head.currency)))
    yes = t["yes"]
    body = FastRows(ws, SUMMARY_KINDS, head.currency)
    for row in summary:
        body.append(
            (
                row.employee_id,
                row.name,
                row.cost_centre,
                head.period,
                row.concept,
                row.description,
                row.amount,
                yes,
                row.claims,
            )
        )
    ws.append(
        [
            cells.text(t["total"], BOLD),
            cells.text(words.count("lines", head.line_count, language)),
            None,
            None,
            None,
            None,
            cells.money(head.total, BOLD),
        ]
    )

    ws = workbook.create_sheet(t["detail"])
    cells = Cells(ws, head.currency)
    set_widths(ws, [16, 32, 20, 34, 12, 10, 14, 14, 18, 12])
    ws.freeze_panes = "A2"
    ws.append(cells.header(_columns(t["detail_columns"], head.currency)))
    body = FastRows(ws, DETAIL_KINDS, head.currency)
    for line in detail:
        body.append(
            (
                line.employee_id,
                line.name,
                line.concept,
                line.description,
                line.claim_id,
                line.expense_id,
                line.expense_date,
                line.service_month,
                line.amount,
                t["yes"] if line.override else "",
            )
        )
    save_workbook(workbook, out, head.generated_at)


def write_csv_file(
    out: IO[bytes], head: PayrollHead, summary: Iterable[SummaryRow], language: str
) -> None:
    """The rows payroll software imports: one per employee and concept, no title or totals row."""
    t = texts(language)
    period = f"{head.period:%Y-%m}"
    rows = (
        (
            row.employee_id,
            row.name,
            row.cost_centre,
            period,
            row.concept,
            row.description,
            row.amount,
            t["yes"],
            row.claims,
        )
        for row in summary
    )
    write_csv(out, _columns(t["columns"], head.currency), rows, head.separator)
