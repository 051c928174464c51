"""The organisation's own settings: its currency (only while nothing is priced in it) and CSV separator."""

from typing import Any

from django.db import transaction

from accounts.access import organization_of
from accounts.models import Organization, User
from claims.models import ExchangeRate, Expense, Policy
from orgsetup import errors
from orgsetup.models import AdminEventKind
from orgsetup.services.events import event_record


def organization_update(*, admin: User, changes: dict[str, Any]) -> Organization:
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization_of(admin))
        changed = [f for f, v in changes.items() if getattr(organization, f) != v]
        if "currency" in changed and _currency_in_use(organization):
            raise errors.currency_locked()
        if not changed:
            return organization
        for field in changed:
            setattr(organization, field, changes[field])
        organization.save(update_fields=changed)
        event_record(
            AdminEventKind.ORGANIZATION_UPDATED,
            organization_id=organization.pk,
            actor=admin,
            changes={f: changes[f] for f in changed},
        )
    return organization


def _currency_in_use(organization: Organization) -> bool:
    # Policies, rates and judged expenses are all in the organisation's currency.
    return (
        Policy.objects.filter(category__organization=organization).exists()
        or ExchangeRate.objects.filter(organization=organization).exists()
        or Expense.objects.filter(organization=organization).exists()
    )
