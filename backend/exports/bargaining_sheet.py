"""The bargaining pack as a workbook: summary, by month and by category (with charts), category ×
month, denials by reason, and the method. Pure: the figures come in suppressed already."""

import datetime as dt
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from exports.bargaining import Figures, Report, share
from exports.sheets import BOLD, TITLE, Cells, new_workbook, save_workbook, set_widths

TEXTS = {
    "en": {
        "title": "Bargaining pack: home-office costs, anonymised",
        "range": "Months",
        "k": "Smallest group shown (k)",
        "currency": "Currency",
        "hidden": "(suppressed)",
        "summary": "Summary",
        "by_month": "By month",
        "by_category": "By category",
        "cells": "Category and month",
        "denials": "Denials",
        "method": "Method",
        "month": "Month",
        "category": "Category",
        "reason": "Reason",
        "figures": ["Workers claiming", "Lines", "Spent out of pocket", "Reimbursed", "Gap (not reimbursed)", "Spend per worker: Q1", "Median", "Q3", "Lines denied", "Share denied"],
        "denial_columns": ["Category", "Month", "Reason", "Lines denied", "Share of the lines"],
        "chart_month": "Spent vs reimbursed by month",
        "chart_category": "Unreimbursed gap by category",
        "total": "All categories, all months",
        "reasons": {"over_cap": "Over the cap", "duplicate": "Duplicate", "not_eligible": "Not eligible", "unreadable_receipt": "Unreadable receipt", "outside_window": "Outside the claim window", "missing_info": "Missing information", "other": "Other", "": "No reason given"},
        "method_text": [
            "What is counted",
            "Every line of every claim workers have submitted (drafts are not counted), by category and by the month the expense belongs to (the service month for monthly items such as internet, otherwise the purchase date).",
            "Spent out of pocket: the amount of each line in the organisation's currency. Reimbursed: the amount HR approved on lines of claims that were approved, partly approved or paid. Gap: spent minus reimbursed.",
            "Workers claiming: distinct people with at least one line. Spend per worker: each worker's total spend in the category and month; Q1, median and Q3 are its quartiles (linear interpolation).",
            "Lines denied: lines HR rejected; share denied: lines denied divided by all lines. Denials are also shown per reason code.",
            "Anonymity",
            "No names, employee ids, vendors or free text appear anywhere in this pack.",
            "Primary suppression: any figure resting on fewer than k = {k} distinct workers is replaced by \"(suppressed)\".",
            "Complementary suppression: wherever figures add up to a total (the months of a category, the categories of a month, the reasons of a cell, the totals), at least two are suppressed or none, so a suppressed figure cannot be recovered by subtraction. The smallest figures are suppressed first.",
            "The same request on the same data produces the same file.",
        ],
    },
    "es": {
        "title": "Paquete de negociación: costos del trabajo en casa, anonimizados",
        "range": "Meses",
        "k": "Grupo mínimo mostrado (k)",
        "currency": "Moneda",
        "hidden": "(suprimido)",
        "summary": "Resumen",
        "by_month": "Por mes",
        "by_category": "Por categoría",
        "cells": "Categoría y mes",
        "denials": "Rechazos",
        "method": "Método",
        "month": "Mes",
        "category": "Categoría",
        "reason": "Motivo",
        "figures": ["Trabajadores que reclaman", "Líneas", "Gasto de su bolsillo", "Reembolsado", "Brecha (no reembolsado)", "Gasto por trabajador: Q1", "Mediana", "Q3", "Líneas rechazadas", "Proporción rechazada"],
        "denial_columns": ["Categoría", "Mes", "Motivo", "Líneas rechazadas", "Proporción de las líneas"],
        "chart_month": "Gasto vs reembolso por mes",
        "chart_category": "Brecha no reembolsada por categoría",
        "total": "Todas las categorías, todos los meses",
        "reasons": {"over_cap": "Supera el tope", "duplicate": "Duplicado", "not_eligible": "No elegible", "unreadable_receipt": "Recibo ilegible", "outside_window": "Fuera del plazo", "missing_info": "Falta información", "other": "Otro", "": "Sin motivo"},
        "method_text": [
            "Qué se cuenta",
            "Cada línea de cada reclamación que los trabajadores han enviado (los borradores no cuentan), por categoría y por el mes al que pertenece el gasto (el mes del servicio en los rubros mensuales como internet; si no, la fecha de compra).",
            "Gasto de su bolsillo: el valor de cada línea en la moneda de la organización. Reembolsado: lo que Gestión Humana aprobó en reclamaciones aprobadas, aprobadas en parte o pagadas. Brecha: gasto menos reembolso.",
            "Trabajadores que reclaman: personas distintas con al menos una línea. Gasto por trabajador: el gasto total de cada trabajador en la categoría y el mes; Q1, mediana y Q3 son sus cuartiles (interpolación lineal).",
            "Líneas rechazadas: líneas que Gestión Humana rechazó; proporción rechazada: líneas rechazadas sobre todas las líneas. Los rechazos se muestran también por motivo.",
            "Anonimato",
            "En este paquete no aparecen nombres, identificaciones, proveedores ni texto libre.",
            "Supresión primaria: toda cifra que descansa en menos de k = {k} trabajadores distintos se reemplaza por \"(suprimido)\".",
            "Supresión complementaria: donde las cifras suman un total (los meses de una categoría, las categorías de un mes, los motivos de una celda, los totales), se suprimen al menos dos o ninguna, para que una cifra suprimida no pueda recuperarse restando. Se suprimen primero las cifras más pequeñas.",
            "La misma solicitud sobre los mismos datos produce el mismo archivo.",
        ],
    },
}  # fmt: skip


FIGURE_WIDTHS = [14, 10, 18, 18, 18, 16, 16, 16, 12, 12]


def texts(language: str) -> dict:
    return TEXTS["es" if language.startswith("es") else "en"]


def _figure_cells(cells: Cells, figures: Figures, hidden: str) -> list[Any]:
    if figures.suppressed:
        return [cells.text(hidden)] * 10
    return [
        figures.workers,
        figures.lines,
        cells.money(figures.spent),
        cells.money(figures.reimbursed),
        cells.money(figures.gap),
        cells.money(figures.q1),
        cells.money(figures.median),
        cells.money(figures.q3),
        figures.denied_lines,
        cells.percent(figures.denied_share),
    ]


def _figures_by(
    workbook: Workbook, t: dict, currency: str, key: str, rows: list[tuple[Any, Figures]]
) -> WriteOnlyWorksheet:
    """The sheet of one figures row per month or per category (`key`)."""
    ws = workbook.create_sheet(t[f"by_{key}"])
    cells = Cells(ws, currency)
    set_widths(ws, [12 if key == "month" else 20, *FIGURE_WIDTHS])
    ws.freeze_panes = "B2"
    ws.append(cells.header([t[key], *t["figures"]]))
    for label, figures in rows:
        label_cell = cells.month(label) if key == "month" else cells.text(label)
        ws.append([label_cell, *_figure_cells(cells, figures, t["hidden"])])
    return ws


def _bar_chart(
    ws: WriteOnlyWorksheet,
    title: str,
    currency: str,
    columns: tuple[int, int],
    rows: int,
    size: tuple[int, int],
) -> None:
    """Bars of the figures in `columns` (headed in row 1), one group per label in column A."""
    chart = BarChart()
    chart.title = title
    chart.y_axis.title = currency
    chart.add_data(
        Reference(ws, min_col=columns[0], max_col=columns[1], min_row=1, max_row=rows + 1),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows + 1))
    chart.width, chart.height = size
    ws.add_chart(chart, "M2")


def write_xlsx(out: IO[bytes], report: Report, language: str) -> None:
    """Summary, by month (chart), by category (chart), category × month, denials, method."""
    t = texts(language)
    spanish = language.startswith("es")
    names = {code: (es if spanish else en) for code, en, es in report.categories}
    # No "generated at": the same request on the same data gives the same bytes.
    stamp = dt.datetime.combine(report.first, dt.time())
    workbook = new_workbook(stamp)

    ws = workbook.create_sheet(t["summary"])
    cells = Cells(ws, report.currency)
    set_widths(ws, [34, *FIGURE_WIDTHS])
    ws.append([cells.text(t["title"], TITLE)])
    ws.append([cells.text(t["range"], BOLD), cells.month(report.first), cells.month(report.last)])
    ws.append([cells.text(t["k"], BOLD), report.k])
    ws.append([cells.text(t["currency"], BOLD), cells.text(report.currency)])
    ws.append([])
    ws.append(cells.header(["", *t["figures"]]))
    ws.append([cells.text(t["total"]), *_figure_cells(cells, report.total, t["hidden"])])

    by_month = [(m, report.by_month[m]) for m in report.months if m in report.by_month]
    ws = _figures_by(workbook, t, report.currency, "month", by_month)
    if by_month:
        _bar_chart(ws, t["chart_month"], report.currency, (4, 5), len(by_month), (24, 12))
    by_category = [
        (names[code], report.by_category[code])
        for code, _, _ in report.categories
        if code in report.by_category
    ]
    ws = _figures_by(workbook, t, report.currency, "category", by_category)
    if by_category:
        _bar_chart(ws, t["chart_category"], report.currency, (6, 6), len(by_category), (18, 10))

    ws = workbook.create_sheet(t["cells"])
    cells = Cells(ws, report.currency)
    set_widths(ws, [20, 12, *FIGURE_WIDTHS])
    ws.freeze_panes = "C2"
    ws.append(cells.header([t["category"], t["month"], *t["figures"]]))
    for code, _, _ in report.categories:
        for month in report.months:
            if (code, month) in report.cells:
                figures = report.cells[code, month]
                ws.append(
                    [
                        cells.text(names[code]),
                        cells.month(month),
                        *_figure_cells(cells, figures, t["hidden"]),
                    ]
                )

    ws = workbook.create_sheet(t["denials"])
    cells = Cells(ws, report.currency)
    set_widths(ws, [20, 12, 28, 14, 14])
    ws.freeze_panes = "A2"
    ws.append(cells.header(t["denial_columns"]))
    for (code, month, reason), denial in sorted(report.denials.items()):
        label = t["reasons"].get(reason, reason)
        if denial.suppressed:
            values = [cells.text(t["hidden"])] * 2
        else:
            of_cell = share(denial.lines, report.cells[code, month].lines)
            values = [denial.lines, cells.percent(of_cell)]
        ws.append([cells.text(names[code]), cells.month(month), cells.text(label), *values])

    ws = workbook.create_sheet(t["method"])
    cells = Cells(ws, report.currency)
    set_widths(ws, [120])
    ws.append([cells.text(t["method"], TITLE)])
    headings = {0, 5}
    for index, paragraph in enumerate(t["method_text"]):
        text = paragraph.format(k=report.k)
        if index in headings:
            ws.append([])
            ws.append([cells.text(text, BOLD)])
        else:
            ws.append([cells.paragraph(text)])
    save_workbook(workbook, out, stamp)
