"""Who may see which receipt. Everything else is 404, never 403."""

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When

from accounts.models import User
from core.errors import not_found
from receipts.models import ClaimState, Receipt

# claims.models.ClaimStatus values of a decided claim, by name: receipts sits below claims.
DECIDED_CLAIM_STATUSES = ("approved", "partially_approved", "rejected", "paid", "partially_paid")


def receipts_of(user: User) -> QuerySet[Receipt]:
    """A worker's own receipts, newest first."""
    return Receipt.objects.filter(owner=user)


def with_claim_state(receipts: QuerySet[Receipt]) -> QuerySet[Receipt]:
    """Each receipt's claim_state, through the expense made of it and that expense's claim."""
    return receipts.annotate(
        expense_pk=F("expense__id"),
        claim_state=Case(
            When(expense__claim__isnull=True, then=Value(ClaimState.UNCLAIMED.value)),
            When(
                expense__claim__status__in=DECIDED_CLAIM_STATUSES,
                then=Value(ClaimState.DECIDED.value),
            ),
            default=Value(ClaimState.IN_CLAIM.value),
            output_field=CharField(),
        ),
    )


def receipts_found(
    user: User,
    *,
    q: str = "",
    claimed: str | None = None,
    date_from=None,
    date_to=None,
    amount_min=None,
    amount_max=None,
) -> QuerySet[Receipt]:
    """The user's receipts that match the list's search, each with its claim_state."""
    receipts = with_claim_state(receipts_of(user))
    filters = Q()
    for word in q.split()[:5]:
        filters &= Q(vendor__icontains=word)
    if claimed:
        filters &= Q(claim_state=claimed)
    if date_from is not None:
        filters &= Q(date__gte=date_from)
    if date_to is not None:
        filters &= Q(date__lte=date_to)
    if amount_min is not None:
        filters &= Q(total__gte=amount_min)
    if amount_max is not None:
        filters &= Q(total__lte=amount_max)
    return receipts.filter(filters)


def receipt_mine(user: User, receipt_id: int) -> Receipt:
    """One of the user's own receipts (to change or delete it)."""
    receipt = receipts_of(user).filter(pk=receipt_id).first()
    if receipt is None:
        raise not_found()
    return receipt
