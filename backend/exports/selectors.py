"""Reads for the exports: who may produce what, and the figures, aggregated in the database."""

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    Min,
    Q,
    QuerySet,
    StringAgg,
    Sum,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from accounts import access
from accounts.models import Organization, User
from claims.models import Category, Claim, ClaimEvent, Expense
from core.errors import not_found
from core.money import money_text
from exports import bargaining, figures, payroll, worker_pack
from exports.models import PayrollBatch, PayrollLine
from exports.payable import CONCEPT, payable_lines
from exports.periods import months_between
from receipts.models import Receipt

ZERO = Decimal(0)
CENT = Decimal("0.01")


def local(moment: dt.datetime | None) -> dt.datetime | None:
    """Spreadsheets have no time zones: the organisation's local time, without one."""
    return None if moment is None else timezone.localtime(moment).replace(tzinfo=None)


# --- access ---------------------------------------------------------------------------------


def batches_of(user: User) -> QuerySet[PayrollBatch]:
    if not access.can_run_payroll(user):
        return PayrollBatch.objects.none()
    return PayrollBatch.objects.filter(organization_id=access.organization_of(user))


def batch_for(user: User, batch_id: int) -> PayrollBatch:
    """HR of the batch's organisation; anyone else: 404."""
    batch = batches_of(user).filter(pk=batch_id).first()
    if batch is None:
        raise not_found()
    return batch


def pack_person(user: User, person_id: int) -> User:
    """The person themself, or an admin of the same organisation (for someone who has left)."""
    if person_id == user.pk:
        return user
    if access.is_org_admin(user):
        organization_id = access.organization_of(user)
        person = User.objects.filter(pk=person_id, organization_id=organization_id).first()
        if person is not None:
            return person
    raise not_found()


# --- payroll --------------------------------------------------------------------------------


def payroll_head(batch: PayrollBatch) -> payroll.PayrollHead:
    return payroll.PayrollHead(
        batch_id=batch.pk,
        organization=batch.organization_name,
        currency=batch.currency,
        period=batch.period,
        generated_at=local(batch.generated_at),  # type: ignore[arg-type]
        line_count=batch.line_count,
        total=batch.total,
        separator=batch.csv_separator,
    )


def _description(language: str) -> str:
    return "description_es" if language.startswith("es") else "description_en"


def payroll_summary(batch: PayrollBatch, language: str) -> Iterator[payroll.SummaryRow]:
    """One row per employee and concept, summed in the database."""
    description = _description(language)
    rows = (
        PayrollLine.objects.filter(batch=batch)
        .values("employee_id", "employee_name", "cost_centre", "concept", description)
        .annotate(
            amount=Sum("amount"),
            claims=StringAgg(Cast("claim_ref", CharField()), delimiter=Value(",")),
        )
        .order_by("employee_id", "concept", description, "employee_name", "cost_centre")
    )
    for row in rows.iterator(chunk_size=5000):
        # The aggregate's order is up to the database: sort the (few) references of a row.
        claims = sorted({int(part) for part in row["claims"].split(",")})
        yield payroll.SummaryRow(
            employee_id=row["employee_id"],
            name=row["employee_name"],
            cost_centre=row["cost_centre"],
            concept=row["concept"],
            description=row[description],
            amount=row["amount"],
            claims=", ".join(map(str, claims)),
        )


def payroll_detail(batch: PayrollBatch, language: str) -> Iterator[payroll.DetailRow]:
    description = _description(language)
    rows = (
        PayrollLine.objects.filter(batch=batch)
        .order_by("employee_id", "concept", "claim_ref", "expense_id")
        .values_list(
            "employee_id",
            "employee_name",
            "concept",
            description,
            "claim_ref",
            "expense_id",
            "expense_date",
            "service_month",
            "amount",
            "override",
        )
    )
    for values in rows.iterator(chunk_size=5000):
        yield payroll.DetailRow(*values)


def payroll_preview(user: User, period: dt.date, language: str) -> dict:
    """What a run for `period` would pay now: the run's own query (`payable_lines`), summed."""
    organization_id = access.organization_of(user)
    lines = payable_lines(organization_id, period)
    name = "category__name_es" if language.startswith("es") else "category__name_en"
    by_concept = (
        lines.values(concept=CONCEPT)
        .annotate(
            description=Min(name),
            lines=Count("id"),
            people=Count("owner_id", distinct=True),
            total=Sum("approved_amount"),
        )
        .order_by("concept")
    )
    totals = lines.aggregate(
        lines=Count("id"), people=Count("owner_id", distinct=True), total=Sum("approved_amount")
    )
    currency = Organization.objects.values_list("currency", flat=True).get(pk=organization_id)
    return {
        "lines": totals["lines"],
        "people": totals["people"],
        "total": money_text(totals["total"] or ZERO),
        "currency": currency,
        "by_concept": [{**row, "total": money_text(row["total"] or ZERO)} for row in by_concept],
    }


# --- the worker pack ------------------------------------------------------------------------


def pack_person_row(person: User) -> worker_pack.Person:
    organization = person.organization
    return worker_pack.Person(
        name=person.get_full_name(),
        username=person.username,
        employee_id=person.employee_id,
        organization=organization.name if organization else "",
        currency=organization.currency if organization else "COP",
        start_date=person.start_date,
        end_date=person.end_date,
    )


def pack_receipts(person: User, language: str) -> list[tuple[worker_pack.ReceiptRow, str]]:
    """Each receipt row with the storage name of its clean file ("" when none)."""
    rows = []
    for receipt in Receipt.objects.filter(owner=person).order_by("created_at", "id"):
        stored = receipt.file.name or ""
        extension = ("." + stored.rsplit(".", 1)[-1].lower()) if "." in stored else ""
        name = worker_pack.receipt_name(receipt.pk, extension, language) if stored else ""
        rows.append(
            (
                worker_pack.ReceiptRow(
                    receipt_id=receipt.pk,
                    uploaded_at=local(receipt.created_at),  # type: ignore[arg-type]
                    kind=receipt.kind,
                    status=receipt.status,
                    total=receipt.total,
                    currency=receipt.currency,
                    date=receipt.date,
                    vendor=receipt.vendor,
                    nit=receipt.nit,
                    cufe=receipt.cufe,
                    file_name=name,
                ),
                stored,
            )
        )
    return rows


def pack_expenses(person: User, language: str) -> Iterator[worker_pack.ExpenseRow]:
    spanish = language.startswith("es")
    expenses = (
        Expense.objects.filter(owner=person).select_related("category").order_by("date", "id")
    )
    for e in expenses.iterator(chunk_size=2000):
        yield worker_pack.ExpenseRow(
            expense_id=e.pk,
            category=e.category.name_es if spanish else e.category.name_en,
            date=e.date,
            service_month=e.service_month,
            vendor=e.vendor,
            amount=e.amount,
            currency=e.currency,
            converted_amount=e.converted_amount,
            eligible_amount=e.eligible_amount,
            explanation=e.explanation_es if spanish else e.explanation_en,
            receipt_id=e.receipt_id,
            claim_id=e.claim_id,
            decision=e.decision,
            approved_amount=e.approved_amount,
            reason_code=e.reason_code,
            decision_note=e.decision_note,
            appeal_note=e.appeal_note,
            note=e.note,
        )


def pack_claims(person: User) -> Iterator[worker_pack.ClaimRow]:
    claims = (
        Claim.objects.filter(owner=person)
        .annotate(
            line_count=Count("lines"),
            claimed=Sum("lines__converted_amount"),
            eligible=Sum("lines__eligible_amount"),
            approved=Sum("lines__approved_amount"),
        )
        .order_by("created_at", "id")
    )
    for c in claims:
        yield worker_pack.ClaimRow(
            claim_id=c.pk,
            status=c.status,
            created_at=local(c.created_at),  # type: ignore[arg-type]
            submitted_at=local(c.submitted_at),
            decided_at=local(c.decided_at),
            paid_at=local(c.paid_at),
            lines=c.line_count,
            claimed=c.claimed,
            eligible=c.eligible,
            approved=c.approved,
        )


def pack_events(person: User, language: str) -> Iterator[worker_pack.EventRow]:
    """Every event about the person's claims and expenses, and exports of their data."""
    spanish = language.startswith("es")
    categories = {
        c.code: c.name_es if spanish else c.name_en
        for c in Category.objects.filter(organization=person.organization)
    }
    events = (
        ClaimEvent.objects.filter(
            Q(claim__owner=person)
            | Q(expense__owner=person)
            | Q(kind="exported", data__person_id=person.pk)
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    for ev in events.iterator(chunk_size=2000):
        actor = ev.actor
        yield worker_pack.EventRow(
            at=local(ev.created_at),  # type: ignore[arg-type]
            kind=ev.kind,
            claim_id=ev.claim_id,
            expense_id=ev.expense_id,
            actor=(actor.get_full_name() or actor.username) if actor else "",
            actor_role=actor.role if actor else "",
            data={**ev.data, "category": categories.get(ev.data["category"], "")}
            if ev.data.get("category")
            else ev.data,
        )


# --- the bargaining figures -----------------------------------------------------------------


def bargaining_report(user: User, first: dt.date, last: dt.date) -> bargaining.Report:
    """The organisation's anonymised figures for [first, last], suppression applied."""
    organization = user.organization
    assert organization is not None
    categories = list(
        Category.objects.filter(organization=organization)
        .order_by("code")
        .values_list("id", "code", "name_en", "name_es")
    )
    code_of = {category_id: code for category_id, code, _, _ in categories}
    lines = figures.claimed_lines(organization.pk, first, last)
    report = bargaining.Report(
        first=first,
        last=last,
        months=months_between(first, last),
        categories=[(code, en, es) for _, code, en, es in categories],
        currency=organization.currency,
        k=max(bargaining.MIN_K, settings.EXPORT_K_ANONYMITY),
        **figures.aggregate(lines, code_of),
    )
    return bargaining.apply_suppression(report)
