"""Marking claims paid when payroll runs."""

import datetime as dt

from django.db import transaction
from django.db.models import DateTimeField, F, JSONField, Value
from django.utils import timezone

from accounts.models import User
from claims.models import (
    Claim,
    ClaimEvent,
    EventKind,
)
from claims.services.transitions import transition
from claims.signals import claims_paid
from core.bulk import id_chunks, insert_select


def claims_mark_paid(*, claim_ids: list[int], actor: User, batch: str, at: dt.datetime) -> None:
    """Mark claims paid for the payroll export, inside its transaction: one event per claim.

    A claim paid again (a line approved on appeal after an earlier payday) gets a second event.

    Set-based (a month's payroll is tens of thousands of claims), through the same transition
    table: per chunk of ids one UPDATE of the claims and one INSERT … SELECT of their events.
    """
    recorded_at = timezone.now()
    with transaction.atomic():  # a 409 in a later chunk undoes the earlier ones
        for chunk in id_chunks(claim_ids):
            claims = Claim.objects.filter(pk__in=chunk)
            targets = {
                status: transition(status, "paid")
                for status in claims.order_by().values_list("status", flat=True).distinct()
            }
            # Wholly approved claims are paid; one with a line rejected or cut is partly paid.
            for status, target in targets.items():
                claims.filter(status=status).update(
                    status=target, paid_at=at, version=F("version") + 1
                )
            insert_select(
                ClaimEvent,
                claims,
                dict(
                    organization_id=F("organization_id"),
                    claim_id=F("pk"),
                    actor_id=Value(actor.pk),
                    kind=Value(EventKind.PAID.value),
                    data=Value({"batch": batch}, output_field=JSONField()),
                    created_at=Value(recorded_at, output_field=DateTimeField()),
                ),
            )
            claims_paid.send(sender=Claim, claim_ids=list(chunk))
