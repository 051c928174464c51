"""Who may see which receipt. Everything else is 404, never 403."""

from django.db.models import QuerySet

from accounts.models import User
from core.errors import not_found
from receipts.models import Receipt


def receipts_of(user: User) -> QuerySet[Receipt]:
    """A worker's own receipts, newest first."""
    return Receipt.objects.filter(owner=user)


def receipt_mine(user: User, receipt_id: int) -> Receipt:
    """One of the user's own receipts (to change or delete it)."""
    receipt = receipts_of(user).filter(pk=receipt_id).first()
    if receipt is None:
        raise not_found()
    return receipt
