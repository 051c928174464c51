"""Who may see which receipt. Everything else is 404, never 403."""

from django.db.models import QuerySet

from accounts.models import User
from homeclaim.errors import not_found
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


def receipt_for(user: User, receipt_id: int) -> Receipt:
    """A receipt the user may open: their own, or, for HR, one in a submitted claim."""
    from claims.selectors import receipt_for_reviewer  # claims builds on receipts

    reviewed = receipt_for_reviewer(user, receipt_id)
    return reviewed if reviewed is not None else receipt_mine(user, receipt_id)
