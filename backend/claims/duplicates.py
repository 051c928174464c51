"""Spotting expenses that may be the same purchase claimed twice."""

from datetime import timedelta

from django.db.models import Q

from claims.models import Expense, FlagKind
from receipts.models import Receipt
from receipts.ocr.images import hamming

NEAR_DUPLICATE_BITS = 6  # perceptual-hash distance of the same paper photographed twice
NEAR_DUPLICATE_DAYS = 400  # how far back re-shot pictures are looked for


def duplicate_flags(expense: Expense) -> list[dict]:
    """Other expenses of the organisation that look like the same purchase."""
    org_expenses = Expense.objects.filter(organization_id=expense.organization_id).exclude(
        pk=expense.pk
    )
    flags: list[dict] = []

    def flag(kind: str, others) -> None:
        for other_id, owner_id in others.values_list("pk", "owner_id")[:5]:
            flags.append({"kind": kind, "expense_id": other_id, "owner_id": owner_id})

    receipt: Receipt | None = expense.receipt
    if receipt is not None:
        flag(FlagKind.SAME_FILE, org_expenses.filter(receipt__sha256=receipt.sha256))
        if receipt.cufe:
            flag(FlagKind.SAME_CUFE, org_expenses.filter(receipt__cufe=receipt.cufe))
        since = receipt.created_at - timedelta(days=NEAR_DUPLICATE_DAYS)
        similar = [
            receipt_id
            for receipt_id, phash in Receipt.objects.filter(
                organization_id=expense.organization_id, created_at__gte=since
            )
            .exclude(Q(pk=receipt.pk) | Q(sha256=receipt.sha256))
            .values_list("pk", "phash")
            .iterator()
            if hamming(phash, receipt.phash) <= NEAR_DUPLICATE_BITS
        ]
        if similar:
            flag(FlagKind.SIMILAR_IMAGE, org_expenses.filter(receipt_id__in=similar))
    if expense.vendor.strip():
        flag(
            FlagKind.SAME_VENDOR_AMOUNT_DATE,
            org_expenses.filter(
                vendor__iexact=expense.vendor.strip(),
                amount=expense.amount,
                currency=expense.currency,
                date=expense.date,
            ),
        )
    return flags
