"""What an admin may read: only their own organisation. Anything else is 404."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.access import organization_of
from accounts.models import User
from claims.models import Category, Expense, Policy
from core.errors import not_found
from orgsetup.models import ActivationCode, AdminEvent


def people_of(
    admin: User, *, q: str = "", role: str | None = None, active: bool | None = None
) -> QuerySet[User]:
    pending = ActivationCode.objects.filter(
        user=OuterRef("pk"), used_at__isnull=True, expires_at__gt=timezone.now()
    )
    people = User.objects.filter(organization_id=organization_of(admin)).annotate(
        activation_pending=Exists(pending)
    )
    for word in q.split()[:5]:
        people = people.filter(
            Q(employee_id__icontains=word)
            | Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(cost_centre__icontains=word)
        )
    if role:
        people = people.filter(role=role)
    if active is not None:
        today = timezone.localdate()
        can_log_in = Q(is_active=True) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
        people = people.filter(can_log_in if active else ~can_log_in)
    return people.order_by("employee_id", "pk")


def person_for(admin: User, person_id: int) -> User:
    person = people_of(admin).filter(pk=person_id).first()
    if person is None:
        raise not_found()
    return person


def people_by_ids(admin: User, ids: list[int]) -> list[User]:
    people = list(people_of(admin).filter(pk__in=ids))
    if len(people) != len(set(ids)):
        raise not_found()  # one of them is not in this organisation
    return people


def people_to_activate(admin: User, ids: list[int] | None, today: date | None = None) -> list[User]:
    """The named people, or everyone who can log in but has never set a password."""
    if ids is not None:
        return people_by_ids(admin, ids)
    today = today or timezone.localdate()
    return list(
        User.objects.filter(organization_id=organization_of(admin), is_active=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(password__startswith="!")  # Django's mark of an unusable password
        .order_by("employee_id", "pk")
    )


def categories_of(admin: User) -> QuerySet[Category]:
    used = Expense.objects.filter(policy=OuterRef("pk"))
    policies = Policy.objects.annotate(in_use=Exists(used)).order_by("-effective_from")
    from django.db.models import Prefetch

    return (
        Category.objects.filter(organization_id=organization_of(admin))
        .select_related("organization")
        .prefetch_related(Prefetch("policies", queryset=policies))
        .order_by("code")
    )


def category_for(admin: User, code: str) -> Category:
    category = (
        Category.objects.select_related("organization")
        .filter(organization_id=organization_of(admin), code=code)
        .first()
    )
    if category is None:
        raise not_found()
    return category


def policy_for(category: Category, effective_from: date) -> Policy:
    policy = (
        Policy.objects.select_related("category__organization")
        .filter(category=category, effective_from=effective_from)
        .first()
    )
    if policy is None:
        raise not_found()
    return policy


def events_of(
    admin: User, *, person_id: int | None = None, kind: str | None = None
) -> QuerySet[AdminEvent]:
    events = AdminEvent.objects.filter(organization_id=organization_of(admin)).select_related(
        "actor", "subject"
    )
    if person_id is not None:
        events = events.filter(subject_id=person_id)
    if kind:
        events = events.filter(kind=kind)
    return events
