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
    },
    "paid": {
        ClaimStatus.APPROVED: ClaimStatus.PAID,
        ClaimStatus.PARTIALLY_APPROVED: ClaimStatus.PAID,
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
