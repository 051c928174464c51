"""Second thoughts: the worker recalls a claim HR has not opened yet; HR undoes a decision whose
line is not in a payroll batch yet. Both are events in the trail the worker reads."""

from django.db import transaction
from django.utils import timezone

from accounts import access
from accounts.models import User
from claims import errors
from claims.models import Claim, ClaimStatus, EventKind, Expense
from claims.services.events import event_record
from claims.services.limits import limits_lock, pending_judge_again
from claims.services.review import check_reviewer
from claims.services.transitions import transition


def claim_opened(*, claim: Claim, viewer: User) -> None:
    """HR opened a submitted claim (its page or a receipt of it): the worker's recall ends here."""
    if (
        claim.status == ClaimStatus.SUBMITTED
        and claim.review_opened_at is None
        and viewer.pk != claim.owner_id
        and access.can_review(viewer, claim.organization_id)
    ):
        Claim.objects.filter(pk=claim.pk, review_opened_at__isnull=True).update(
            review_opened_at=timezone.now()
        )


def claim_recall(*, claim: Claim, owner: User) -> Claim:
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        target = transition(claim.status, "recalled")
        if claim.review_opened_at is not None or claim.lines.exclude(decision="").exists():
            raise errors.already_opened()
        limits_lock(claim.owner_id)
        claim.status = target  # type: ignore[assignment]
        claim.submitted_at = None
        claim.version += 1
        claim.save(update_fields=["status", "submitted_at", "version"])
        event_record(
            EventKind.RECALLED, organization_id=claim.organization_id, actor=owner, claim=claim
        )
        # What its lines reserved is free again for the worker's other pending lines.
        pending_judge_again(
            owner_id=claim.owner_id,
            category_ids=claim.lines.values_list("category_id", flat=True),
        )
    return claim


def decision_undo(*, claim: Claim, reviewer: User, expense_id: int) -> Claim:
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        check_reviewer(claim, reviewer)
        target = transition(claim.status, "undone")
        limits_lock(claim.owner_id)
        line = claim.lines.select_for_update().filter(pk=expense_id).first()
        if line is None:
            raise errors.unknown_line(expense_id=expense_id)
        if not line.decision:
            raise errors.not_decided(expense_id=expense_id)
        # The reverse side of the payroll line (exports app): a paid line is never undone.
        if Expense.objects.filter(pk=line.pk, payroll_line__isnull=False).exists():
            raise errors.already_in_payroll(expense_id=expense_id)
        undone = {"decision": line.decision, "reason_code": line.reason_code}
        line.decision, line.reason_code, line.decision_note = "", "", ""
        line.approved_amount, line.override = None, False
        line.save()
        claim.status = target  # type: ignore[assignment]
        claim.decided_at, claim.decided_by = None, None
        claim.version += 1
        claim.save()
        event_record(
            EventKind.DECISION_UNDONE,
            organization_id=claim.organization_id,
            actor=reviewer,
            claim=claim,
            expense=line,
            expense_id=line.pk,
            **undone,
        )
        pending_judge_again(owner_id=claim.owner_id, category_ids=[line.category_id])
    return claim
