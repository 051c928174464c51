"""The audit trail: recording events, and who looked at a receipt."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from claims.models import (
    Claim,
    ClaimEvent,
    EventKind,
    Expense,
)
from claims.signals import claim_event_recorded
from receipts.models import Receipt

VIEW_EVENT_EVERY = timedelta(minutes=30)


def event_record(
    kind: str,
    *,
    organization_id: int,
    actor: User | None,
    claim: Claim | None = None,
    expense: Expense | None = None,
    **data: Any,
) -> ClaimEvent:
    event = ClaimEvent.objects.create(
        organization_id=organization_id,
        claim=claim,
        expense=expense,
        actor=actor,
        kind=kind,
        data=data,
    )
    claim_event_recorded.send(sender=ClaimEvent, event=event)
    return event


def receipt_viewed(*, receipt: Receipt, viewer: User) -> None:
    """Record that someone other than its owner looked at a receipt, for the owner to see."""
    if viewer.pk == receipt.owner_id:
        return
    recently = timezone.now() - VIEW_EVENT_EVERY
    if ClaimEvent.objects.filter(
        kind=EventKind.RECEIPT_VIEWED,
        actor=viewer,
        data__receipt_id=receipt.pk,
        created_at__gte=recently,
    ).exists():
        return  # one event per look, not one per image request
    expense = Expense.objects.filter(receipt=receipt).select_related("claim").first()
    event_record(
        EventKind.RECEIPT_VIEWED,
        organization_id=receipt.organization_id,
        actor=viewer,
        claim=expense.claim if expense else None,
        expense=expense,
        receipt_id=receipt.pk,
    )
