"""Turns the selectors' rows into files (via the pure builders) in temporary storage.

Files go to a spooled temporary file: small ones stay in memory, big ones spill to disk, and the
response streams them in chunks.
"""

import tempfile
from typing import IO

from django.core.files.storage import default_storage
from django.utils import timezone

from accounts.models import User
from exports import bargaining, bargaining_sheet, payroll, selectors, worker_pack
from exports.models import PayrollBatch

SPOOL_BYTES = 8 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _spool() -> IO[bytes]:
    return tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # closed by the response


def payroll_xlsx(batch: PayrollBatch, language: str) -> IO[bytes]:
    out = _spool()
    payroll.write_xlsx(
        out,
        selectors.payroll_head(batch),
        selectors.payroll_summary(batch, language),
        selectors.payroll_detail(batch, language),
        language,
    )
    out.seek(0)
    return out


def payroll_csv(batch: PayrollBatch, language: str) -> IO[bytes]:
    out = _spool()
    payroll.write_csv_file(
        out, selectors.payroll_head(batch), selectors.payroll_summary(batch, language), language
    )
    out.seek(0)
    return out


def payroll_name(batch: PayrollBatch, extension: str) -> str:
    return f"payroll-{batch.period:%Y-%m}-batch-{batch.pk}.{extension}"


def worker_pack_zip(person: User, language: str) -> IO[bytes]:
    produced_at = selectors.local(timezone.now())
    assert produced_at is not None
    receipts = selectors.pack_receipts(person, language)
    sheet = _spool()
    worker_pack.write_workbook(
        sheet,
        selectors.pack_person_row(person),
        [row for row, _ in receipts],
        selectors.pack_expenses(person, language),
        selectors.pack_claims(person),
        selectors.pack_events(person, language),
        language,
        produced_at,
    )
    files = [
        (row.file_name, _opener(stored))
        for row, stored in receipts
        if stored and default_storage.exists(stored)
    ]
    out = _spool()
    worker_pack.write_zip(out, sheet, files, language, produced_at)
    sheet.close()
    out.seek(0)
    return out


def _opener(name: str):
    return lambda: default_storage.open(name, "rb")


def worker_pack_name(person: User) -> str:
    return f"homeclaim-{person.username}-{timezone.localdate():%Y-%m-%d}.zip"


def bargaining_xlsx(report: bargaining.Report, language: str) -> IO[bytes]:
    out = _spool()
    bargaining_sheet.write_xlsx(out, report, language)
    out.seek(0)
    return out


def bargaining_name(report: bargaining.Report) -> str:
    return f"bargaining-{report.first:%Y-%m}-{report.last:%Y-%m}.xlsx"
