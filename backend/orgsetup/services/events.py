"""The admins' audit trail: every setup change is an AdminEvent saying who did what, to whom."""

from typing import Any

from accounts.models import User
from orgsetup.models import AdminEvent


def event_record(
    kind: str, *, organization_id: int, actor: User | None, subject: User | None = None, **data: Any
) -> AdminEvent:
    return AdminEvent.objects.create(
        organization_id=organization_id, actor=actor, subject=subject, kind=kind, data=data
    )
