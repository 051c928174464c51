"""The only code in exports that writes: payroll batches, and the audit of who exported what."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim, Upper
from django.utils import timezone

from accounts import access
from accounts.models import Organization, User
from claims.models import Claim, ClaimStatus, Decision, EventKind, Expense
from claims.services import claims_mark_paid, event_record
from core.bulk import id_chunks, insert_select
from exports.models import PayrollBatch, PayrollLine
from exports.periods import month_end


def _payable_claims(organization_id: int, period: dt.date):
    """Approved (wholly or in part), unpaid claims whose every line is in the period or before."""
    last_day = month_end(period)
    later_line = Expense.objects.filter(claim=OuterRef("pk")).filter(
        Q(service_month__gt=period) | Q(service_month__isnull=True, date__gt=last_day)
    )
    return (
        Claim.objects.filter(
            organization_id=organization_id,
            status__in=(ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED),
        )
        .exclude(Exists(later_line))
        .order_by("pk")
    )


def payroll_batch_create(*, actor: User, period: dt.date) -> PayrollBatch:
    """Pay every payable claim up to `period`: one batch, its frozen lines, claims marked paid.

    One transaction. Runs of one organisation are serialised on the organisation's row, so a
    second run (even at the same moment) finds the claims already paid and gets an empty batch;
    the one-to-one from a payroll line to its expense makes paying a line twice impossible anyway.
    """
    access.require(access.can_run_payroll(actor))
    assert actor.organization_id is not None
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=actor.organization_id)
        claims = list(
            _payable_claims(organization.pk, period)
            .select_for_update(of=("self",))
            .values_list("pk", "status")
        )
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
            _insert_lines(batch, chunk)
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


def _insert_lines(batch: PayrollBatch, claim_ids: list[int]) -> None:
    """The approved lines of these claims, frozen as payroll lines of the batch."""
    name = Trim(Concat(F("owner__first_name"), Value(" "), F("owner__last_name")))
    insert_select(
        PayrollLine,
        Expense.objects.filter(
            claim_id__in=claim_ids,
            decision__in=(Decision.APPROVE, Decision.PARTIAL),
            approved_amount__gt=0,
        ),
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
            concept=Coalesce(
                NullIf(F("policy__payroll_concept"), Value("")),
                Upper(F("category__code")),
                output_field=CharField(),
            ),
            description_en=F("category__name_en"),
            description_es=F("category__name_es"),
            category=Cast("category__code", CharField()),
            expense_date=F("date"),
            service_month=F("service_month"),
            amount=F("approved_amount"),
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
