"""Editing people one at a time or many at once; an admin never demotes or deactivates themself."""

from typing import Any

from django.db import transaction

from accounts.access import organization_of
from accounts.models import Role, User
from orgsetup import errors
from orgsetup.models import AdminEventKind
from orgsetup.services.events import event_record


def _check_own(admin: User, person: User, changes: dict[str, Any]) -> None:
    if person.pk != admin.pk:
        return
    if changes.get("role", Role.ADMIN) != Role.ADMIN or changes.get("is_active", True) is False:
        raise errors.own_account()
    if "end_date" in changes and changes["end_date"] is not None:
        raise errors.own_account()


def person_update(*, admin: User, person: User, changes: dict[str, Any]) -> User:
    """Edit one person; each change is an audit event naming the fields (never their values)."""
    _check_own(admin, person, changes)
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        before_role, before_active = person.role, person.is_active
        changed: list[str] = []
        for field, value in changes.items():
            if field == "full_name":
                if value != person.get_full_name():
                    person.first_name, person.last_name = value, ""
                    changed.append(field)
            elif getattr(person, field) != value:
                setattr(person, field, value)
                changed.append(field)
        start, end = person.start_date, person.end_date
        if start and end and end < start:
            raise errors.end_before_start()
        if not changed:
            return person
        if "employee_id" in changed and person.employee_id:
            taken = User.objects.filter(
                organization_id=organization_of(admin), employee_id=person.employee_id
            ).exclude(pk=person.pk)
            if taken.exists():
                raise errors.employee_id_taken()
        if (
            "username" in changed
            and User.objects.filter(username=person.username).exclude(pk=person.pk).exists()
        ):
            raise errors.username_taken()
        person.save()
        _person_events(admin, person, changed, before_role, before_active)
    return person


def _person_events(
    admin: User, person: User, changed: list[str], before_role: str, before_active: bool
) -> None:
    org_id = person.organization_id or 0
    if "role" in changed:
        event_record(
            AdminEventKind.ROLE_CHANGED,
            organization_id=org_id,
            actor=admin,
            subject=person,
            old=before_role,
            new=person.role,
        )
    if "is_active" in changed:
        kind = AdminEventKind.REACTIVATED if person.is_active else AdminEventKind.DEACTIVATED
        event_record(kind, organization_id=org_id, actor=admin, subject=person)
    rest = [f for f in changed if f not in ("role", "is_active")]
    if rest:
        event_record(
            AdminEventKind.PERSON_UPDATED,
            organization_id=org_id,
            actor=admin,
            subject=person,
            fields=rest,
        )


def people_bulk_update(*, admin: User, people: list[User], changes: dict[str, Any]) -> int:
    """The same change (role, active, cost centre, end date) for many people, all or nothing."""
    with transaction.atomic():
        count = 0
        for person in people:
            before = (person.role, person.is_active, person.cost_centre, person.end_date)
            updated = person_update(admin=admin, person=person, changes=changes)
            after = (updated.role, updated.is_active, updated.cost_centre, updated.end_date)
            count += before != after
        return count
