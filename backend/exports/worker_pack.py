"""A person's own pack: one spreadsheet of everything about them plus their clean receipt files.

Pure: rows and open file handles in, a ZIP out. No Django, no database.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

from exports import words
from exports.sheets import BOLD, TITLE, Cells, new_workbook, save_workbook, set_widths, stamped_zip


@dataclass(frozen=True)
class Person:
    name: str
    username: str
    employee_id: str
    organization: str
    currency: str
    start_date: dt.date | None
    end_date: dt.date | None


@dataclass(frozen=True)
class ReceiptRow:
    receipt_id: int
    uploaded_at: dt.datetime
    kind: str
    status: str
    total: Decimal | None
    currency: str
    date: dt.date | None
    vendor: str
    nit: str
    cufe: str
    file_name: str  # its path inside the ZIP, or "" when the file is missing


@dataclass(frozen=True)
class ExpenseRow:
    expense_id: int
    category: str
    date: dt.date
    service_month: dt.date | None
    vendor: str
    amount: Decimal
    currency: str
    converted_amount: Decimal | None
    eligible_amount: Decimal | None
    explanation: str
    receipt_id: int | None
    claim_id: int | None
    decision: str
    approved_amount: Decimal | None
    reason_code: str
    decision_note: str
    appeal_note: str
    note: str


@dataclass(frozen=True)
class ClaimRow:
    claim_id: int
    status: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    paid_at: dt.datetime | None
    lines: int
    claimed: Decimal | None
    eligible: Decimal | None
    approved: Decimal | None


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    kind: str
    claim_id: int | None
    expense_id: int | None
    actor: str
    actor_role: str
    data: dict  # the event's data, read out in words (exports.words.sentence)


TEXTS = {
    "en": {
        "file": "my-data.xlsx",
        "folder": "receipts",
        "title": "My home-office expenses: everything homeclaim holds about me",
        "about": "About",
        "person": ["Name", "User", "Employee ID", "Organisation", "Start date", "End date", "Produced at"],
        "receipts": "Receipts",
        "receipt_columns": ["Receipt", "Uploaded", "Kind", "Status", "Total read", "Currency", "Date", "Vendor", "NIT", "CUFE", "File in this pack"],
        "expenses": "Expenses",
        "expense_columns": ["Expense", "Category", "Date", "Service month", "Vendor", "Amount", "Currency", "Amount ({currency})", "Eligible ({currency})", "Why", "Receipt", "Claim", "Decision", "Approved ({currency})", "Reason", "Reviewer's note", "My appeal", "My note"],
        "claims": "Claims",
        "claim_columns": ["Claim", "Status", "Created", "Submitted", "Decided", "Paid", "Lines", "Claimed ({currency})", "Eligible ({currency})", "Approved ({currency})"],
        "events": "Events",
        "event_columns": ["When", "What", "Claim", "Expense", "Who", "Role", "Details"],
        "readme": "README.txt",
        "readme_text": "This pack holds everything homeclaim keeps about you: {file} (receipts, expenses,\r\nclaims, decisions and every event, including who viewed your receipts) and the clean\r\ncopies of your receipts in {folder}/ (metadata such as GPS removed at upload).\r\nProduced {at}.\r\n",
    },
    "es": {
        "file": "mis-datos.xlsx",
        "folder": "recibos",
        "title": "Mis gastos de trabajo en casa: todo lo que homeclaim guarda sobre mí",
        "about": "Acerca de",
        "person": ["Nombre", "Usuario", "Identificación", "Organización", "Fecha de ingreso", "Fecha de retiro", "Generado el"],
        "receipts": "Recibos",
        "receipt_columns": ["Recibo", "Subido", "Tipo", "Estado", "Total leído", "Moneda", "Fecha", "Proveedor", "NIT", "CUFE", "Archivo en este paquete"],
        "expenses": "Gastos",
        "expense_columns": ["Gasto", "Categoría", "Fecha", "Mes del servicio", "Proveedor", "Valor", "Moneda", "Valor ({currency})", "Elegible ({currency})", "Explicación", "Recibo", "Reclamación", "Decisión", "Aprobado ({currency})", "Motivo", "Nota del revisor", "Mi apelación", "Mi nota"],
        "claims": "Reclamaciones",
        "claim_columns": ["Reclamación", "Estado", "Creada", "Enviada", "Decidida", "Pagada", "Líneas", "Reclamado ({currency})", "Elegible ({currency})", "Aprobado ({currency})"],
        "events": "Eventos",
        "event_columns": ["Cuándo", "Qué", "Reclamación", "Gasto", "Quién", "Rol", "Detalles"],
        "readme": "LEAME.txt",
        "readme_text": "Este paquete contiene todo lo que homeclaim guarda sobre usted: {file} (recibos, gastos,\r\nreclamaciones, decisiones y cada evento, incluido quién vio sus recibos) y las copias\r\nlimpias de sus recibos en {folder}/ (sin metadatos como el GPS, quitados al subirlos).\r\nGenerado el {at}.\r\n",
    },
}  # fmt: skip


def texts(language: str) -> dict:
    return TEXTS["es" if language.startswith("es") else "en"]


def receipt_name(receipt_id: int, extension: str, language: str) -> str:
    return f"{texts(language)['folder']}/{receipt_id}{extension}"


def _labels(labels: list[str], currency: str) -> list[str]:
    return [label.format(currency=currency) for label in labels]


def write_workbook(
    out: IO[bytes],
    person: Person,
    receipts: Iterable[ReceiptRow],
    expenses: Iterable[ExpenseRow],
    claims: Iterable[ClaimRow],
    events: Iterable[EventRow],
    language: str,
    produced_at: dt.datetime,
) -> None:
    t = texts(language)
    currency = person.currency
    workbook = new_workbook(produced_at)

    ws = workbook.create_sheet(t["about"])
    cells = Cells(ws, currency)
    set_widths(ws, [22, 60])
    ws.append([cells.text(t["title"], TITLE)])
    values = [
        cells.text(person.name),
        cells.text(person.username),
        cells.text(person.employee_id),
        cells.text(person.organization),
        cells.date(person.start_date),
        cells.date(person.end_date),
        cells.moment(produced_at),
    ]
    for label, value in zip(t["person"], values, strict=True):
        ws.append([cells.text(label, BOLD), value])

    ws = workbook.create_sheet(t["receipts"])
    cells = Cells(ws, currency)
    set_widths(ws, [10, 18, 8, 14, 14, 9, 12, 30, 14, 30, 24])
    ws.freeze_panes = "A2"
    ws.append(cells.header(t["receipt_columns"]))
    for r in receipts:
        ws.append(
            [
                r.receipt_id,
                cells.moment(r.uploaded_at),
                cells.text(words.word(words.RECEIPT_KIND, r.kind, language)),
                cells.text(words.word(words.RECEIPT_STATUS, r.status, language)),
                cells._styled(r.total, "#,##0.00"),
                cells.text(r.currency),
                cells.date(r.date),
                cells.text(r.vendor),
                cells.text(r.nit),
                cells.text(r.cufe),
                cells.text(r.file_name),
            ]
        )

    ws = workbook.create_sheet(t["expenses"])
    cells = Cells(ws, currency)
    set_widths(ws, [9, 14, 12, 12, 26, 14, 9, 16, 16, 50, 9, 11, 11, 16, 16, 30, 30, 30])
    ws.freeze_panes = "A2"
    ws.append(cells.header(_labels(t["expense_columns"], currency)))
    for e in expenses:
        ws.append(
            [
                e.expense_id,
                cells.text(e.category),
                cells.date(e.date),
                cells.month(e.service_month),
                cells.text(e.vendor),
                cells._styled(e.amount, "#,##0.00"),
                cells.text(e.currency),
                cells.money(e.converted_amount),
                cells.money(e.eligible_amount),
                cells.text(e.explanation),
                e.receipt_id,
                e.claim_id,
                cells.text(words.word(words.DECISION, e.decision, language)),
                cells.money(e.approved_amount),
                cells.text(words.word(words.REASON_CODE, e.reason_code, language)),
                cells.text(e.decision_note),
                cells.text(e.appeal_note),
                cells.text(e.note),
            ]
        )

    ws = workbook.create_sheet(t["claims"])
    cells = Cells(ws, currency)
    set_widths(ws, [12, 18, 17, 17, 17, 17, 7, 18, 18, 18])
    ws.freeze_panes = "A2"
    ws.append(cells.header(_labels(t["claim_columns"], currency)))
    for c in claims:
        ws.append(
            [
                c.claim_id,
                cells.text(words.word(words.CLAIM_STATUS, c.status, language)),
                cells.moment(c.created_at),
                cells.moment(c.submitted_at),
                cells.moment(c.decided_at),
                cells.moment(c.paid_at),
                c.lines,
                cells.money(c.claimed),
                cells.money(c.eligible),
                cells.money(c.approved),
            ]
        )

    ws = workbook.create_sheet(t["events"])
    cells = Cells(ws, currency)
    set_widths(ws, [17, 18, 12, 9, 24, 12, 60])
    ws.freeze_panes = "A2"
    ws.append(cells.header(t["event_columns"]))
    for ev in events:
        ws.append(
            [
                cells.moment(ev.at),
                cells.text(words.word(words.EVENT_KIND, ev.kind, language)),
                ev.claim_id,
                ev.expense_id,
                cells.text(ev.actor),
                cells.text(words.word(words.ROLE, ev.actor_role, language)),
                cells.text(words.sentence(ev.data, language)),
            ]
        )
    save_workbook(workbook, out, produced_at)


def write_zip(
    out: IO[bytes],
    workbook: IO[bytes],
    files: Iterable[tuple[str, Callable[[], IO[bytes]]]],
    language: str,
    produced_at: dt.datetime,
) -> None:
    """The pack: the spreadsheet, a short read-me and each receipt file (opened one at a time)."""
    t = texts(language)
    with stamped_zip(out, produced_at) as pack:
        pack.writestr(
            t["readme"],
            t["readme_text"].format(
                file=t["file"], folder=t["folder"], at=words.moment(produced_at, language)
            ),
        )
        workbook.seek(0)
        with pack.open(t["file"], "w") as dest:
            dest.write(workbook.read())
        for name, opener in files:
            with opener() as source, pack.open(name, "w") as dest:
                while chunk := source.read(1024 * 1024):
                    dest.write(chunk)
