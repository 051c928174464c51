"""A worker's claims: create, set the lines, submit."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from accounts import access
from accounts.models import User
from claims import errors
from claims.duplicates import duplicate_flags
from claims.judging import judge
from claims.models import (
    Claim,
    ClaimStatus,
    EventKind,
    Expense,
)
from claims.services.events import event_record
from claims.services.limits import limits_lock, pending_judge_again
from claims.services.transitions import transition


def _own_free_expenses(
    owner: User, expense_ids: Iterable[int], claim: Claim | None
) -> list[Expense]:
    ids = list(dict.fromkeys(expense_ids))
    found = list(Expense.objects.select_for_update().filter(pk__in=ids, owner=owner))
    if len(found) != len(ids):
        missing = sorted(set(ids) - {e.pk for e in found})
        raise errors.unknown_expense(ids=missing)
    taken = [e.pk for e in found if e.claim_id not in (None, claim.pk if claim else None)]
    if taken:
        raise errors.expense_in_other_claim(ids=taken)
    return found


def claim_create(*, owner: User, expense_ids: list[int]) -> Claim:
    organization_id = access.organization_of(owner)
    with transaction.atomic():
        expenses = _own_free_expenses(owner, expense_ids, None)
        claim = Claim.objects.create(owner=owner, organization_id=organization_id)
        Expense.objects.filter(pk__in=[e.pk for e in expenses]).update(claim=claim)
        event_record(
            EventKind.CLAIM_CREATED,
            organization_id=claim.organization_id,
            actor=owner,
            claim=claim,
            expense_ids=[e.pk for e in expenses],
        )
    return claim


def claim_set_lines(*, claim: Claim, expense_ids: list[int]) -> Claim:
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        transition(claim.status, "edited")
        expenses = _own_free_expenses(claim.owner, expense_ids, claim)
        claim.lines.exclude(pk__in=[e.pk for e in expenses]).update(claim=None)
        Expense.objects.filter(pk__in=[e.pk for e in expenses]).update(claim=claim)
    return claim


def claim_submit(*, claim: Claim, actor: User) -> Claim:
    today = timezone.localdate()
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        target = transition(claim.status, "submitted")
        limits_lock(claim.owner_id)
        lines = list(
            claim.lines.select_for_update(of=("self",)).select_related("receipt", "category")
        )
        if not lines:
            raise errors.empty_claim()
        for line in lines:
            # Judged again at submission: rates, earlier approvals and duplicates may have changed.
            judge(line, today=today)
            line.flags = duplicate_flags(line)
            line.decision, line.approved_amount, line.reason_code, line.decision_note = (
                "",
                None,
                "",
                "",
            )
            line.save()
        resubmitted = claim.status == ClaimStatus.RETURNED
        claim.status = target  # type: ignore[assignment]
        claim.submitted_at = timezone.now()
        claim.version += 1
        claim.save()
        event_record(
            EventKind.SUBMITTED,
            organization_id=claim.organization_id,
            actor=actor,
            claim=claim,
            resubmitted=resubmitted,
            lines=len(lines),
        )
        # Now in the queue: its lines reserve what they may get, behind everything before them.
        pending_judge_again(
            owner_id=claim.owner_id, category_ids={line.category_id for line in lines}
        )
    return claim
