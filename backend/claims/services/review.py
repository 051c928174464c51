"""HR's decisions on a claim's lines, and the worker's appeal."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts import access
from accounts.models import User
from claims import errors
from claims.judging import JUDGED_FIELDS, claim_is_clean_line, judge
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimStatus,
    Decision,
    EventKind,
    Expense,
)
from claims.services.events import event_record
from claims.services.limits import judged_on, limits_lock, pending_judge_again
from claims.services.transitions import transition
from core.errors import not_found


@dataclass
class LineDecision:
    expense_id: int
    action: str
    approved_amount: Decimal | None = None
    reason_code: str = ""
    note: str = ""
    override: bool = False  # above what the policy allows, deliberately (needs a reason code)
    only_if_clean: bool = False  # "approve all clean lines": skip a line that is no longer clean


def check_reviewer(claim: Claim, reviewer: User) -> None:
    if not access.can_review(reviewer, claim.organization_id):
        raise not_found()
    if claim.owner_id == reviewer.pk:
        raise errors.own_claim()


def _status_after_decisions(lines: list[Expense]) -> str:
    decisions = {line.decision for line in lines}
    if Decision.RETURN in decisions:
        return ClaimStatus.RETURNED
    if decisions == {Decision.REJECT}:
        return ClaimStatus.REJECTED
    status = ClaimStatus.APPROVED if decisions == {Decision.APPROVE} else None
    # After payday (an appeal decided): when every approved line is already in a payroll batch
    # (the reverse side of exports' PayrollLine), there is nothing left to pay.
    approved = [line for line in lines if line.decision in (Decision.APPROVE, Decision.PARTIAL)]
    ids = [line.pk for line in approved if line.approved_amount]
    if ids and Expense.objects.filter(pk__in=ids, payroll_line__isnull=False).count() == len(ids):
        return ClaimStatus.PAID if status else ClaimStatus.PARTIALLY_PAID
    return status or ClaimStatus.PARTIALLY_APPROVED


def _validate_line(line: Expense, entry: LineDecision) -> None:
    """Check a decision against the line as just judged; sets the amount an approval approves."""
    eligible = line.eligible_amount or Decimal(0)
    if entry.override and (entry.action not in (Decision.APPROVE, Decision.PARTIAL)):
        raise errors.override_needs_approval(expense_id=line.pk)
    if entry.action == Decision.APPROVE and not entry.override:
        entry.approved_amount = eligible
        return
    if not entry.reason_code:
        raise errors.reason_required(expense_id=line.pk)
    ceiling = line.converted_amount or Decimal(0)
    if entry.action == Decision.APPROVE:  # with an override: the whole amount, unless one is given
        entry.approved_amount = entry.approved_amount or ceiling
        if entry.approved_amount > ceiling:
            raise errors.bad_partial_amount(expense_id=line.pk, ceiling=str(ceiling))
    elif entry.action == Decision.PARTIAL:
        if entry.approved_amount is None or not Decimal(0) < entry.approved_amount < ceiling:
            raise errors.bad_partial_amount(expense_id=line.pk, ceiling=str(ceiling))
        if entry.approved_amount > eligible and not entry.override:
            raise errors.over_limit(expense_id=line.pk, eligible=str(eligible))
    else:
        entry.approved_amount = None


def claim_decide(
    *, claim: Claim, reviewer: User, decisions: list[LineDecision], version: int | None = None
) -> Claim:
    """Decide pending lines. When none is left pending the claim gets its outcome."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        check_reviewer(claim, reviewer)
        # Checked before the state: a reviewer who saw an older version learns that someone
        # else acted first, even when that decision already closed the claim.
        if version is not None and version != claim.version:
            raise errors.claim_changed()
        transition(claim.status, "decided")
        limits_lock(claim.owner_id)
        lines = {
            line.pk: line
            for line in claim.lines.select_for_update(of=("self",)).select_related(
                "category", "claim"
            )
        }
        seen: set[int] = set()
        for entry in decisions:
            line = lines.get(entry.expense_id)
            if line is None or entry.expense_id in seen:
                raise errors.unknown_line(expense_id=entry.expense_id)
            if line.decision:
                raise errors.already_decided(expense_id=entry.expense_id)
            seen.add(entry.expense_id)
        decided = []
        # In line order, each judged again with the limits as they stand now: approvals by
        # anyone until this moment, and the lines of this decision before it, count.
        for entry in sorted(decisions, key=lambda e: e.expense_id):
            line = lines[entry.expense_id]
            judge(line, today=judged_on(line))
            if entry.only_if_clean and not claim_is_clean_line(line):
                line.save(update_fields=[*JUDGED_FIELDS, "updated_at"])
                continue
            _validate_line(line, entry)
            line.decision = entry.action
            line.approved_amount = entry.approved_amount
            line.reason_code = entry.reason_code
            line.override = entry.override
            line.decision_note = entry.note
            line.save(
                update_fields=[
                    *JUDGED_FIELDS,
                    "decision",
                    "approved_amount",
                    "reason_code",
                    "override",
                    "decision_note",
                    "updated_at",
                ]
            )
            decided.append(entry)
        if not decided:
            raise errors.no_clean_lines() if decisions else errors.no_decisions()
        for entry in decided:
            line = lines[entry.expense_id]
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
                override=entry.override,
                note=entry.note,
            )
        pending_judge_again(
            owner_id=claim.owner_id, category_ids={line.category_id for line in lines.values()}
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
        LineDecision(expense_id=line.pk, action=Decision.APPROVE, only_if_clean=True)
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
        after_payday = claim.status == ClaimStatus.PARTIALLY_PAID
        deadline = _appeal_deadline(expense, claim) if after_payday else None
        if deadline is not None and timezone.localdate() > deadline:
            raise errors.appeal_too_late(deadline=deadline.isoformat())
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
            **({"after_payday": True, "deadline": deadline.isoformat()} if deadline else {}),
        )
        # Pending again, at its claim's place in the queue: the lines behind it are judged again.
        limits_lock(claim.owner_id)
        pending_judge_again(owner_id=claim.owner_id, category_ids=[expense.category_id])
    return claim


APPEAL_AFTER_DECISION_DAYS = 30


def _appeal_deadline(expense: Expense, claim: Claim) -> date:
    """The last day to appeal a line of a paid claim: the policy's claim window for the expense,
    or 30 days after the line was rejected, whichever ends later."""
    decided = (
        ClaimEvent.objects.filter(expense=expense, kind=EventKind.DECIDED)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    ) or claim.decided_at
    decided_on = timezone.localdate(decided) if decided else timezone.localdate()
    window = expense.policy.claim_window_days if expense.policy else 0
    return max(
        expense.date + timedelta(days=window),
        decided_on + timedelta(days=APPEAL_AFTER_DECISION_DAYS),
    )
