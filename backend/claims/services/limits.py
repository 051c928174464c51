"""Keeping a worker's limits true while claims wait: one decision at a time per worker, and the
pending lines judged again whenever what is ahead of them changes."""

from collections.abc import Iterable

from django.utils import timezone

from accounts.models import User
from claims.judging import JUDGED_FIELDS, judge
from claims.models import ClaimStatus, Expense


def limits_lock(owner_id: int) -> None:
    """Serialise everything that draws on one worker's limits (a row lock on PostgreSQL; SQLite
    takes its write lock at the start of every transaction), so two reviewers deciding at the
    same moment see each other's approvals."""
    list(User.objects.select_for_update().filter(pk=owner_id).values_list("pk"))


def pending_judge_again(*, owner_id: int, category_ids: Iterable[int]) -> None:
    """Judge again the worker's pending lines in these categories, in queue order, so each one's
    eligible amount and explanation count what is approved and what is pending ahead of it.
    Call inside the transaction that changed the queue, after limits_lock()."""
    pending = (
        Expense.objects.filter(
            owner_id=owner_id,
            category_id__in=set(category_ids),
            decision="",
            claim__status=ClaimStatus.SUBMITTED,
        )
        .select_related("category", "claim")
        .order_by("claim__submitted_at", "pk")
    )
    for line in pending:
        judge(line, today=judged_on(line))
        line.save(update_fields=[*JUDGED_FIELDS, "updated_at"])


def judged_on(line: Expense):
    """The claim window is counted to the day the claim was submitted, not to the decision."""
    submitted = line.claim.submitted_at if line.claim else None
    return timezone.localdate(submitted) if submitted else timezone.localdate()
