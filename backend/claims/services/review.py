"""HR's decisions on a claim's lines, and the worker's appeal."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts import access
from accounts.models import User
from claims import errors
from claims.judging import claim_is_clean_line
from claims.models import (
    Claim,
    ClaimStatus,
    Decision,
    EventKind,
    Expense,
)
from claims.services.events import event_record
from claims.services.transitions import transition
from core.errors import not_found


@dataclass
class LineDecision:
    expense_id: int
    action: str
    approved_amount: Decimal | None = None
    reason_code: str = ""
    note: str = ""


def _check_reviewer(claim: Claim, reviewer: User) -> None:
    if not access.can_review(reviewer, claim.organization_id):
        raise not_found()
    if claim.owner_id == reviewer.pk:
        raise errors.own_claim()


def _status_after_decisions(lines: list[Expense]) -> str:
    decisions = {line.decision for line in lines}
    if Decision.RETURN in decisions:
        return ClaimStatus.RETURNED
    if decisions == {Decision.APPROVE}:
        return ClaimStatus.APPROVED
    if decisions == {Decision.REJECT}:
        return ClaimStatus.REJECTED
    return ClaimStatus.PARTIALLY_APPROVED


def _validate_line(line: Expense, entry: LineDecision) -> None:
    if entry.action == Decision.APPROVE:
        entry.approved_amount = line.eligible_amount or Decimal(0)
        return
    if not entry.reason_code:
        raise errors.reason_required(expense_id=line.pk)
    if entry.action == Decision.PARTIAL:
        ceiling = line.converted_amount or Decimal(0)
        if entry.approved_amount is None or not Decimal(0) < entry.approved_amount < ceiling:
            raise errors.bad_partial_amount(expense_id=line.pk, ceiling=str(ceiling))
    else:
        entry.approved_amount = None


def claim_decide(
    *, claim: Claim, reviewer: User, decisions: list[LineDecision], version: int | None = None
) -> Claim:
    """Decide pending lines. When none is left pending the claim gets its outcome."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        _check_reviewer(claim, reviewer)
        # Checked before the state: a reviewer who saw an older version learns that someone
        # else acted first, even when that decision already closed the claim.
        if version is not None and version != claim.version:
            raise errors.claim_changed()
        transition(claim.status, "decided")
        lines = {line.pk: line for line in claim.lines.select_for_update()}
        seen: set[int] = set()
        for entry in decisions:
            line = lines.get(entry.expense_id)
            if line is None or entry.expense_id in seen:
                raise errors.unknown_line(expense_id=entry.expense_id)
            if line.decision:
                raise errors.already_decided(expense_id=entry.expense_id)
            seen.add(entry.expense_id)
            _validate_line(line, entry)
        if not decisions:
            raise errors.no_decisions()
        for entry in decisions:
            line = lines[entry.expense_id]
            line.decision = entry.action
            line.approved_amount = entry.approved_amount
            line.reason_code = entry.reason_code
            line.decision_note = entry.note
            line.save(
                update_fields=[
                    "decision",
                    "approved_amount",
                    "reason_code",
                    "decision_note",
                    "updated_at",
                ]
            )
            event_record(
                EventKind.DECIDED,
                organization_id=claim.organization_id,
                actor=reviewer,
                claim=claim,
                expense=line,
                expense_id=line.pk,
                decision=entry.action,
                approved_amount=None
                if entry.approved_amount is None
                else str(entry.approved_amount),
                reason_code=entry.reason_code,
                note=entry.note,
            )
        claim.version += 1
        if all(line.decision for line in lines.values()):
            claim.status = _status_after_decisions(list(lines.values()))
            claim.decided_at = timezone.now()
            claim.decided_by = reviewer
            if claim.status == ClaimStatus.RETURNED:
                event_record(
                    EventKind.RETURNED,
                    organization_id=claim.organization_id,
                    actor=reviewer,
                    claim=claim,
                )
        claim.save()
    return claim


def claim_approve_clean(*, claim: Claim, reviewer: User) -> Claim:
    lines = claim.lines.filter(decision="")
    clean = [
        LineDecision(expense_id=line.pk, action=Decision.APPROVE)
        for line in lines
        if claim_is_clean_line(line)
    ]
    if not clean:
        raise errors.no_clean_lines()
    return claim_decide(claim=claim, reviewer=reviewer, decisions=clean)


def line_appeal(*, expense: Expense, owner: User, note: str) -> Claim:
    if expense.claim_id is None:
        raise errors.not_rejected()
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=expense.claim_id)
        expense = Expense.objects.select_for_update().get(pk=expense.pk)
        if expense.decision != Decision.REJECT:
            raise errors.not_rejected()
        if expense.appealed_at is not None:
            raise errors.already_appealed()
        claim.status = transition(claim.status, "appealed")  # type: ignore[assignment]
        claim.version += 1
        claim.save()
        expense.appealed_at = timezone.now()
        expense.appeal_note = note
        expense.decision, expense.reason_code = "", ""
        expense.save()
        event_record(
            EventKind.APPEALED,
            organization_id=claim.organization_id,
            actor=owner,
            claim=claim,
            expense=expense,
            expense_id=expense.pk,
            note=note,
        )
    return claim
