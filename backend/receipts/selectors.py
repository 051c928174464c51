"""Who may see which receipt. Everything else is 404, never 403."""

from django.db.models import QuerySet

from accounts.models import User
from homeclaim.errors import not_found
from receipts.models import Receipt


def receipts_of(user: User) -> QuerySet[Receipt]:
    """A worker's own receipts, newest first."""
    return Receipt.objects.filter(owner=user)


def receipt_for(user: User, receipt_id: int) -> Receipt:
    """A receipt the user may open: their own. (HR gains access through submitted claims.)"""
    receipt = receipts_of(user).filter(pk=receipt_id).first()
    if receipt is None:
        raise not_found()
    return receipt
