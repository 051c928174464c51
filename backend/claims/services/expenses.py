"""Creating, changing and deleting a worker's expenses."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts import access
from accounts.models import User
from claims import errors
from claims.duplicates import duplicate_flags
from claims.judging import judge, month_of, policy_in_force
from claims.models import (
    Category,
    EventKind,
    Expense,
    PolicyKind,
)
from claims.services.events import event_record
from claims.services.transitions import transition
from core.money import quantize
from receipts.models import Receipt


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
        raise errors.date_in_future(date=day.isoformat())


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
        raise errors.amount_required()
    if expense.date is None:
        raise errors.date_required()
    _check_date(expense.date, today)
    policy = policy_in_force(expense)
    if policy.kind == PolicyKind.MONTHLY and expense.service_month is None:
        expense.service_month = month_of(expense.date)
    judge(expense, today=today, policy=policy)
    if expense.policy and expense.policy.receipt_required and expense.receipt_id is None:
        raise errors.receipt_required()
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
        raise errors.category_required()
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
        # A bill's billing period, as read; the worker may still set another.
        service_month=receipt.service_month if receipt else None,
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
