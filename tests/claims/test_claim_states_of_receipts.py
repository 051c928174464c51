"""receipts sits below claims, so it names the decided claim statuses by value; they must not drift."""

from claims.models import ClaimStatus
from receipts.selectors import DECIDED_CLAIM_STATUSES


def test_receipts_know_every_decided_claim_status_and_no_other():
    undecided = {ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.RETURNED}
    assert set(DECIDED_CLAIM_STATUSES) == {s.value for s in ClaimStatus} - undecided
