"""The one table of claim status changes."""

from claims import errors
from claims.models import (
    ClaimStatus,
)

# The one transition table: action -> {from status: to status}. "decided" is resolved from the
# lines' decisions, so its target is computed (see _status_after_decisions).
TRANSITIONS: dict[str, dict[str, str | None]] = {
    "submitted": {
        ClaimStatus.DRAFT: ClaimStatus.SUBMITTED,
        ClaimStatus.RETURNED: ClaimStatus.SUBMITTED,
    },
    "decided": {ClaimStatus.SUBMITTED: None},
    "appealed": {
        ClaimStatus.REJECTED: ClaimStatus.SUBMITTED,
        ClaimStatus.PARTIALLY_APPROVED: ClaimStatus.SUBMITTED,
        # After payday a rejected line may still be appealed (once, in time: see line_appeal);
        # its paid lines stay paid, only the appealed line waits for a decision and a payroll.
        ClaimStatus.PARTIALLY_PAID: ClaimStatus.SUBMITTED,
    },
    "paid": {
        ClaimStatus.APPROVED: ClaimStatus.PAID,
        ClaimStatus.PARTIALLY_APPROVED: ClaimStatus.PARTIALLY_PAID,
    },
    # The worker takes a submitted claim back, until HR first opens it.
    "recalled": {ClaimStatus.SUBMITTED: ClaimStatus.DRAFT},
    # HR takes a decision back, until its line is in a payroll batch.
    "undone": {
        ClaimStatus.SUBMITTED: ClaimStatus.SUBMITTED,
        ClaimStatus.APPROVED: ClaimStatus.SUBMITTED,
        ClaimStatus.PARTIALLY_APPROVED: ClaimStatus.SUBMITTED,
        ClaimStatus.REJECTED: ClaimStatus.SUBMITTED,
    },
    "edited": {ClaimStatus.DRAFT: ClaimStatus.DRAFT, ClaimStatus.RETURNED: ClaimStatus.RETURNED},
    "deleted": {ClaimStatus.DRAFT: ClaimStatus.DRAFT, ClaimStatus.RETURNED: ClaimStatus.RETURNED},
}


def transition(status: str, action: str) -> str | None:
    """The status a claim moves to, or a 409 when the action is not allowed from `status`."""
    allowed = TRANSITIONS[action]
    if status not in allowed:
        raise errors.invalid_transition(status, action)
    return allowed[status]
