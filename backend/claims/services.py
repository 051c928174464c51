"""The only code that writes expenses, claims, decisions and audit events."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import DateTimeField, F, JSONField, Value
from django.utils import timezone

from accounts import access
from accounts.models import User
from claims import errors
from claims.judging import claim_is_clean_line, duplicate_flags, judge, month_of, policy_in_force
from claims.models import (
    Category,
    Claim,
    ClaimEvent,
    ClaimStatus,
    Decision,
    EventKind,
    ExchangeRate,
    Expense,
    PolicyKind,
)
from core.bulk import id_chunks, insert_select
from core.errors import ApiError, conflict, not_found, unprocessable
from core.money import quantize
from receipts.models import Receipt

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
VIEW_EVENT_EVERY = timedelta(minutes=30)


def transition(status: str, action: str) -> str | None:
    """The status a claim moves to, or a 409 when the action is not allowed from `status`."""
    allowed = TRANSITIONS[action]
    if status not in allowed:
        raise errors.invalid_transition(status, action)
    return allowed[status]


def event_record(
    kind: str,
    *,
    organization_id: int,
    actor: User | None,
    claim: Claim | None = None,
    expense: Expense | None = None,
    **data: Any,
) -> ClaimEvent:
    return ClaimEvent.objects.create(
        organization_id=organization_id,
        claim=claim,
        expense=expense,
        actor=actor,
        kind=kind,
        data=data,
    )


# --- expenses -------------------------------------------------------------------------------


@dataclass
class ExpenseFields:
    """What a worker may set on an expense; None means "keep" (or "from the receipt")."""

    category: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    date: dt.date | None = None
    vendor: str | None = None
    note: str | None = None
    service_month: dt.date | None = None


def _category(owner: User, code: str) -> Category:
    category = Category.objects.filter(
        organization=owner.organization, code=code, active=True
    ).first()
    if category is None:
        raise errors.unknown_category(code)
    return category


def _check_date(day: dt.date, today: dt.date) -> None:
    if day > today:
        raise unprocessable(
            "date_in_future",
            "The date {date} is in the future.",
            "La fecha {date} está en el futuro.",
            date=day.isoformat(),
        )


def _apply(expense: Expense, fields: ExpenseFields, today: dt.date) -> None:
    if fields.category is not None:
        expense.category = _category(expense.owner, fields.category)
    if fields.amount is not None:
        expense.amount = quantize(fields.amount)
    for name in ("currency", "date", "vendor", "note"):
        value = getattr(fields, name)
        if value is not None:
            setattr(expense, name, value)
    if fields.service_month is not None:
        expense.service_month = month_of(fields.service_month)
    if expense.amount is None:
        raise unprocessable(
            "amount_required",
            "The amount could not be read from the receipt: enter it.",
            "No se pudo leer el valor del recibo: escríbalo.",
        )
    if expense.date is None:
        raise unprocessable(
            "date_required",
            "The date could not be read from the receipt: enter it.",
            "No se pudo leer la fecha del recibo: escríbala.",
        )
    _check_date(expense.date, today)
    policy = policy_in_force(expense)
    if policy.kind == PolicyKind.MONTHLY and expense.service_month is None:
        expense.service_month = month_of(expense.date)
    judge(expense, today=today, policy=policy)
    if expense.policy and expense.policy.receipt_required and expense.receipt_id is None:
        raise unprocessable(
            "receipt_required",
            "This category needs a receipt.",
            "Esta categoría requiere un recibo.",
        )
    expense.flags = duplicate_flags(expense)


def expense_create(*, owner: User, receipt_id: int | None, fields: ExpenseFields) -> Expense:
    access.organization_of(owner)
    today = timezone.localdate()
    receipt = None
    if receipt_id is not None:
        receipt = Receipt.objects.filter(pk=receipt_id, owner=owner).first()
        if receipt is None:
            raise errors.unknown_receipt(receipt_id)
        if Expense.objects.filter(receipt=receipt).exists():
            raise errors.receipt_taken(receipt_id)
    if fields.category is None:
        raise unprocessable("category_required", "Choose a category.", "Elija una categoría.")
    expense = Expense(
        owner=owner,
        organization_id=owner.organization_id,
        receipt=receipt,
        currency=(receipt.currency if receipt and receipt.currency else None)
        or owner.organization.currency,  # type: ignore[union-attr]
        amount=receipt.total if receipt else None,  # type: ignore[misc]
        date=receipt.date if receipt else None,  # type: ignore[misc]
        vendor=(receipt.vendor if receipt else "") or "",
        read_amount=receipt.total if receipt else None,
        read_currency=(receipt.currency if receipt else "") or "",
    )
    _apply(expense, fields, today)
    with transaction.atomic():
        expense.save()
        event_record(
            EventKind.EXPENSE_CREATED,
            organization_id=expense.organization_id,
            actor=owner,
            expense=expense,
            expense_id=expense.pk,
            category=expense.category.code,
        )
        if expense.read_amount is not None:
            event_record(
                EventKind.AMOUNT_READ,
                organization_id=expense.organization_id,
                actor=None,
                expense=expense,
                expense_id=expense.pk,
                amount=str(expense.read_amount),
                currency=expense.read_currency,
            )
            if expense.amount != expense.read_amount:
                _amount_changed(expense, owner, expense.read_amount, expense.amount)
    return expense


def _amount_changed(expense: Expense, actor: User, old: Decimal | None, new: Decimal) -> None:
    event_record(
        EventKind.AMOUNT_CHANGED,
        organization_id=expense.organization_id,
        actor=actor,
        claim=expense.claim,
        expense=expense,
        expense_id=expense.pk,
        old=None if old is None else str(old),
        new=str(new),
        currency=expense.currency,
    )


def _locked_editable(expense: Expense, action: str) -> Expense:
    """The expense, locked, if its claim (when it has one) still allows `action`."""
    expense = (
        Expense.objects.select_for_update(of=("self",)).select_related("claim").get(pk=expense.pk)
    )
    if expense.claim is not None:
        transition(expense.claim.status, action)
    return expense


def expense_update(*, expense: Expense, actor: User, fields: ExpenseFields) -> Expense:
    with transaction.atomic():
        expense = _locked_editable(expense, "edited")
        old_amount = expense.amount
        _apply(expense, fields, timezone.localdate())
        expense.save()
        if expense.amount != old_amount:
            _amount_changed(expense, actor, old_amount, expense.amount)
    return expense


def expense_delete(*, expense: Expense) -> None:
    with transaction.atomic():
        expense = _locked_editable(expense, "deleted")
        expense.delete()


# --- claims ---------------------------------------------------------------------------------


def _own_free_expenses(
    owner: User, expense_ids: Iterable[int], claim: Claim | None
) -> list[Expense]:
    ids = list(dict.fromkeys(expense_ids))
    found = list(Expense.objects.select_for_update().filter(pk__in=ids, owner=owner))
    if len(found) != len(ids):
        missing = sorted(set(ids) - {e.pk for e in found})
        raise unprocessable(
            "unknown_expense",
            "These expenses are not yours: {ids}.",
            "Estos gastos no son suyos: {ids}.",
            ids=missing,
        )
    taken = [e.pk for e in found if e.claim_id not in (None, claim.pk if claim else None)]
    if taken:
        raise conflict(
            "expense_in_other_claim",
            "These expenses are already in another claim: {ids}.",
            "Estos gastos ya están en otra reclamación: {ids}.",
            ids=taken,
        )
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
    return claim


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
        raise conflict(
            "own_claim",
            "You cannot decide your own claim; another reviewer must.",
            "No puede decidir su propia reclamación; debe hacerlo otra persona.",
        )


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
        raise unprocessable(
            "reason_required",
            "Give a reason code for line {expense_id}.",
            "Indique un motivo para la línea {expense_id}.",
            expense_id=line.pk,
        )
    if entry.action == Decision.PARTIAL:
        ceiling = line.converted_amount or Decimal(0)
        if entry.approved_amount is None or not Decimal(0) < entry.approved_amount < ceiling:
            raise unprocessable(
                "bad_partial_amount",
                "For line {expense_id} the approved amount must be above 0 and below {ceiling}.",
                "Para la línea {expense_id} el valor aprobado debe ser mayor que 0 y menor que {ceiling}.",
                expense_id=line.pk,
                ceiling=str(ceiling),
            )
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
            raise conflict(
                "claim_changed",
                "Someone else changed this claim meanwhile. Reload it and decide again.",
                "Alguien más cambió esta reclamación. Recárguela y decida de nuevo.",
            )
        transition(claim.status, "decided")
        lines = {line.pk: line for line in claim.lines.select_for_update()}
        seen: set[int] = set()
        for entry in decisions:
            line = lines.get(entry.expense_id)
            if line is None or entry.expense_id in seen:
                raise unprocessable(
                    "unknown_line",
                    "Line {expense_id} is not in this claim (or is listed twice).",
                    "La línea {expense_id} no está en esta reclamación (o está repetida).",
                    expense_id=entry.expense_id,
                )
            if line.decision:
                raise conflict(
                    "already_decided",
                    "Line {expense_id} was already decided.",
                    "La línea {expense_id} ya fue decidida.",
                    expense_id=entry.expense_id,
                )
            seen.add(entry.expense_id)
            _validate_line(line, entry)
        if not decisions:
            raise unprocessable(
                "no_decisions", "Decide at least one line.", "Decida al menos una línea."
            )
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
        raise conflict(
            "no_clean_lines",
            "No pending line is clean (each has a flag or a policy objection): decide them one by one.",
            "Ninguna línea pendiente está limpia (cada una tiene una alerta u objeción): decídalas una a una.",
        )
    return claim_decide(claim=claim, reviewer=reviewer, decisions=clean)


def _not_rejected() -> ApiError:
    return conflict(
        "not_rejected",
        "Only a rejected line can be appealed.",
        "Solo se puede apelar una línea rechazada.",
    )


def line_appeal(*, expense: Expense, owner: User, note: str) -> Claim:
    if expense.claim_id is None:
        raise _not_rejected()
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=expense.claim_id)
        expense = Expense.objects.select_for_update().get(pk=expense.pk)
        if expense.decision != Decision.REJECT:
            raise _not_rejected()
        if expense.appealed_at is not None:
            raise conflict(
                "already_appealed",
                "This line was already appealed once.",
                "Esta línea ya fue apelada una vez.",
            )
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


def claims_mark_paid(*, claim_ids: list[int], actor: User, batch: str, at: dt.datetime) -> None:
    """Mark claims paid for the payroll export, inside its transaction: one event per claim.

    Set-based (a month's payroll is tens of thousands of claims), through the same transition
    table: per chunk of ids one UPDATE of the claims and one INSERT … SELECT of their events.
    """
    recorded_at = timezone.now()
    with transaction.atomic():  # a 409 in a later chunk undoes the earlier ones
        for chunk in id_chunks(claim_ids):
            claims = Claim.objects.filter(pk__in=chunk)
            for status in claims.order_by().values_list("status", flat=True).distinct():
                transition(status, "paid")
            claims.update(status=ClaimStatus.PAID, paid_at=at, version=F("version") + 1)
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


def rate_set(*, organization_id: int, month: str, currency: str, rate: Decimal) -> ExchangeRate:
    year, month_number = (int(part) for part in month.split("-"))
    found, _ = ExchangeRate.objects.update_or_create(
        organization_id=organization_id,
        month=dt.date(year, month_number, 1),
        currency=currency,
        defaults={"rate": rate},
    )
    return found
