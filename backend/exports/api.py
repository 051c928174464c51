"""Exports: payroll batches (HR), a person's own pack, the bargaining pack (negotiator and HR)."""

from django.conf import settings
from django.http import FileResponse
from ninja import Query, Router, Status

from accounts.access import BARGAINING_ONLY, PAYROLL_ONLY
from accounts.auth import AuthedRequest
from core.language import current_language
from core.money import money_text
from core.schemas import Id
from exports import bargaining, files, schemas, selectors, services
from exports.models import PayrollBatch
from exports.periods import month_range, parse_month

router = Router(tags=["exports"])


def _download(content, name: str, content_type: str) -> FileResponse:
    response = FileResponse(content, as_attachment=True, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def _batch_out(batch: PayrollBatch) -> dict:
    return {
        "batch_id": batch.pk,
        "period": f"{batch.period:%Y-%m}",
        "generated_at": batch.generated_at,
        "lines": batch.line_count,
        "total": money_text(batch.total),
        "currency": batch.currency,
        "xlsx_url": f"/api/exports/payroll/{batch.pk}.xlsx",
        "csv_url": f"/api/exports/payroll/{batch.pk}.csv",
    }


@router.get("/exports/payroll/preview", auth=PAYROLL_ONLY, response=schemas.PayrollPreviewOut)
def payroll_preview(request: AuthedRequest, period: str):
    """What a run for the period would pay now (lines, people, total, by concept); writes nothing."""
    month = parse_month(period, "period")
    return selectors.payroll_preview(request.auth, month, current_language())


@router.post("/exports/payroll", auth=PAYROLL_ONLY, response={201: schemas.PayrollBatchOut})
def payroll_create(request: AuthedRequest, payload: schemas.PayrollIn):
    """Pay every approved, unpaid line up to the period, once; nothing to pay is 409, no batch."""
    period = parse_month(payload.period, "period")
    batch = services.payroll_batch_create(actor=request.auth, period=period)
    return Status(201, _batch_out(batch))


@router.get("/exports/payroll", auth=PAYROLL_ONLY, response=list[schemas.PayrollBatchOut])
def payroll_list(request: AuthedRequest):
    """The organisation's payroll batches, newest first (HR)."""
    return [_batch_out(batch) for batch in selectors.batches_of(request.auth)[:200]]


@router.get("/exports/payroll/{batch_id}.xlsx", response={200: None})
def payroll_xlsx(request: AuthedRequest, batch_id: Id):
    """The batch as a workbook: one row per employee and concept, totals, every line behind them."""
    batch = selectors.batch_for(request.auth, batch_id)
    content = files.payroll_xlsx(batch, current_language())
    return _download(content, files.payroll_name(batch, "xlsx"), files.XLSX)


@router.get("/exports/payroll/{batch_id}.csv", response={200: None})
def payroll_csv(request: AuthedRequest, batch_id: Id):
    """The batch as CSV for payroll software: UTF-8 with BOM, the organisation's separator."""
    batch = selectors.batch_for(request.auth, batch_id)
    content = files.payroll_csv(batch, current_language())
    return _download(content, files.payroll_name(batch, "csv"), "text/csv; charset=utf-8")


@router.get("/exports/me", response={200: None})
def my_pack(request: AuthedRequest):
    """Everything about me: a spreadsheet and my clean receipt files, as a ZIP."""
    return _pack(request, request.auth.pk)


@router.get("/exports/people/{user_id}/pack", response={200: None})
def person_pack(request: AuthedRequest, user_id: Id):
    """A person's pack, produced by an admin of their organisation (for someone who has left)."""
    return _pack(request, user_id)


def _pack(request: AuthedRequest, user_id: Id) -> FileResponse:
    person = selectors.pack_person(request.auth, user_id)
    services.pack_exported(actor=request.auth, person=person)
    content = files.worker_pack_zip(person, current_language())
    return _download(content, files.worker_pack_name(person), "application/zip")


def _report(request: AuthedRequest, start: str, end: str) -> bargaining.Report:
    first, last = month_range(start, end, settings.EXPORT_MAX_MONTHS)
    return selectors.bargaining_report(request.auth, first, last)


@router.get("/exports/bargaining.xlsx", auth=BARGAINING_ONLY, response={200: None})
def bargaining_xlsx(
    request: AuthedRequest, start: str = Query(..., alias="from"), to: str = Query(...)
):
    """Anonymised figures by category and month, with suppression, charts and a method sheet."""
    report = _report(request, start, to)
    content = files.bargaining_xlsx(report, current_language())
    return _download(content, files.bargaining_name(report), files.XLSX)


@router.get(
    "/exports/bargaining", auth=BARGAINING_ONLY, response=schemas.BargainingOut, by_alias=True
)
def bargaining_json(
    request: AuthedRequest, start: str = Query(..., alias="from"), to: str = Query(...)
):
    """The same figures as the bargaining pack, for the dashboard: aggregates only."""
    report = _report(request, start, to)
    return bargaining.to_json(report, current_language())
