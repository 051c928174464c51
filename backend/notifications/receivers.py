"""What the notifications app hears from the apps below it (connected in apps.py)."""

from typing import Any

from claims.models import Claim, ClaimEvent, EventKind
from notifications.models import Kind, Notification
from notifications.services import Planned, notification_rekind, notifications_record


def _request_key(claim: Claim, version: int) -> str:
    # One key per decision request, so one notification for it, not one per line.
    return f"claim:{claim.pk}:v{version}"


def on_claim_event(sender: Any, event: ClaimEvent, **kwargs: Any) -> None:
    claim = event.claim
    if claim is None:
        return
    if event.kind == EventKind.DECIDED:
        key = _request_key(claim, claim.version)
        if Notification.objects.filter(user_id=claim.owner_id, key=key).exists():
            return  # another line of the same request: announced already
        appeal = event.expense is not None and event.expense.appealed_at is not None
        notifications_record(
            [
                Planned(
                    user_id=claim.owner_id,
                    kind=Kind.APPEAL_DECIDED if appeal else Kind.DECIDED,
                    # Each line's event is recorded before the claim's version moves on.
                    key=key,
                    claim_id=claim.pk,
                )
            ]
        )
    elif event.kind == EventKind.RETURNED:
        # Recorded after the request bumped the version: its lines' events carry the one before.
        notification_rekind(
            user_id=claim.owner_id,
            key=_request_key(claim, claim.version - 1),
            kind=Kind.RETURNED,
            claim_id=claim.pk,
        )


def on_claims_paid(sender: Any, claim_ids: list[int], **kwargs: Any) -> None:
    paid = Claim.objects.filter(pk__in=claim_ids).values_list("pk", "owner_id", "version")
    notifications_record(
        [
            Planned(user_id=owner_id, kind=Kind.PAID, key=f"paid:{pk}:v{version}", claim_id=pk)
            for pk, owner_id, version in paid
        ]
    )


def on_receipt_unreadable(sender: Any, receipt_id: int, owner_id: int, **kwargs: Any) -> None:
    notifications_record(
        [
            Planned(
                user_id=owner_id,
                kind=Kind.RECEIPT_UNREADABLE,
                key=f"receipt:{receipt_id}:unreadable",
                receipt_id=receipt_id,
            )
        ]
    )
