"""The only code in exports that writes: payroll batches, and the audit of who exported what."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    CharField,
    Count,
    F,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.utils import timezone

from accounts import access
from accounts.models import Organization, User
from claims.models import EventKind, Expense
from claims.services import claims_mark_paid, event_record
from core.bulk import id_chunks, insert_select
from exports import errors
from exports.models import PayrollBatch, PayrollLine
from exports.payable import CONCEPT, payable_claims, payable_lines


def payroll_batch_create(*, actor: User, period: dt.date) -> PayrollBatch:
    """Pay every unpaid approved line of the payable claims up to `period`: one batch, its
    frozen lines, claims marked paid. With nothing to pay: 409 `nothing_to_pay`, no batch.

    One transaction. Runs of one organisation are serialised on the organisation's row, so a
    second run (even at the same moment) finds the lines already paid and is refused; the
    one-to-one from a payroll line to its expense makes paying a line twice impossible anyway.
    """
    access.require(access.can_run_payroll(actor))
    assert actor.organization_id is not None
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=actor.organization_id)
        claims = list(
            payable_claims(organization.pk, period)
            .select_for_update(of=("self",))
            .values_list("pk", "status")
        )
        if not payable_lines(organization.pk, period).exists():
            raise errors.nothing_to_pay(period=f"{period:%Y-%m}")
        batch = PayrollBatch.objects.create(
            organization=organization,
            organization_name=organization.name,
            currency=organization.currency,
            csv_separator=organization.csv_separator or ";",
            period=period,
            created_by=actor,
        )
        claim_ids = [pk for pk, _ in claims]
        for chunk in id_chunks(claim_ids):
            _insert_lines(batch, payable_lines(organization.pk, period, claim_ids=chunk))
        claims_mark_paid(
            claim_ids=claim_ids, actor=actor, batch=str(batch.pk), at=batch.generated_at
        )
        totals = PayrollLine.objects.filter(batch=batch).aggregate(
            count=Count("id"), total=Sum("amount")
        )
        batch.line_count = totals["count"]
        batch.total = totals["total"] or Decimal(0)
        batch.save(update_fields=["line_count", "total"])
        event_record(
            EventKind.EXPORTED,
            organization_id=organization.pk,
            actor=actor,
            export="payroll",
            batch=batch.pk,
            period=f"{period:%Y-%m}",
            claims=len(claim_ids),
            lines=batch.line_count,
        )
    return batch


def _insert_lines(batch: PayrollBatch, lines: QuerySet[Expense]) -> None:
    """These lines (approved, unpaid), frozen as payroll lines of the batch."""
    name = Trim(Concat(F("owner__first_name"), Value(" "), F("owner__last_name")))
    insert_select(
        PayrollLine,
        lines,
        dict(
            batch_id=Value(batch.pk),
            expense_id=F("pk"),
            claim_ref=F("claim_id"),
            employee_id=Coalesce(
                NullIf(F("owner__employee_id"), Value("")),
                F("owner__username"),
                output_field=CharField(),
            ),
            employee_name=Coalesce(
                NullIf(name, Value("")), F("owner__username"), output_field=CharField()
            ),
            cost_centre=F("owner__cost_centre"),
            concept=CONCEPT,
            description_en=F("category__name_en"),
            description_es=F("category__name_es"),
            category=Cast("category__code", CharField()),
            expense_date=F("date"),
            service_month=F("service_month"),
            amount=F("approved_amount"),
            override=F("override"),
        ),
    )


def pack_exported(*, actor: User, person: User) -> None:
    """Someone produced a person's pack: the person sees it in their trail (and next pack)."""
    if person.organization_id is None:
        return
    event_record(
        EventKind.EXPORTED,
        organization_id=person.organization_id,
        actor=actor,
        export="worker_pack",
        person_id=person.pk,
        at=timezone.now().isoformat(timespec="seconds"),
    )
