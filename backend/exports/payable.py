"""What a payroll run pays: one query for the run and for its preview, so the two always agree."""

import datetime as dt

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf, Upper

from claims.models import Claim, ClaimStatus, Decision, Expense
from exports.periods import month_end

# The payroll concept of a line: its policy's code, or the category's code in capitals.
CONCEPT = Coalesce(
    NullIf(F("policy__payroll_concept"), Value("")),
    Upper(F("category__code")),
    output_field=CharField(),
)


def payable_claims(organization_id: int, period: dt.date) -> QuerySet[Claim]:
    """Decided claims (approved wholly or in part, not yet paid) whose every line is in the
    period or before. A claim paid earlier is here again once a line of it is approved on appeal."""
    last_day = month_end(period)
    later_line = Expense.objects.filter(claim=OuterRef("pk")).filter(
        Q(service_month__gt=period) | Q(service_month__isnull=True, date__gt=last_day)
    )
    return (
        Claim.objects.filter(
            organization_id=organization_id,
            status__in=(ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED),
        )
        .exclude(Exists(later_line))
        .order_by("pk")
    )


def payable_lines(
    organization_id: int, period: dt.date, *, claim_ids: list[int] | None = None
) -> QuerySet[Expense]:
    """The approved lines of payable claims that no batch has paid yet: what a run pays now.

    Lines, not claims: a line already in a batch is never selected again, whatever its claim's
    status. The run passes the claim ids it has locked (a chunk of `payable_claims`); the
    preview passes none and reads the same set through the subquery.
    """
    lines = Expense.objects.all()
    if claim_ids is None:
        lines = lines.filter(claim__in=payable_claims(organization_id, period))
    else:
        lines = lines.filter(claim_id__in=claim_ids)
    return lines.filter(
        decision__in=(Decision.APPROVE, Decision.PARTIAL),
        approved_amount__gt=0,
        payroll_line__isnull=True,
    )
