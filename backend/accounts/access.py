"""Who may do what: the one module that compares a person's role.

Every other module asks these named checks; none reads `user.role` to decide. A check that fails
for an object of another organisation makes that object "not found" (404) in the selectors; a
check that fails for a whole kind of operation is "forbidden" (403), raised by `require` or by the
role-gated authentication (`only`) before the request body is read.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from accounts.auth import SessionAuth, TokenAuth
from accounts.models import Role, User
from core.errors import forbidden


def organization_of(user: User) -> int:
    """The organisation a person acts in; 403 for a superuser without one (no receipts, no claims)."""
    if user.organization_id is None:
        raise forbidden()
    return user.organization_id


def _has_role(user: User, *roles: str) -> bool:
    return user.role in roles and user.organization_id is not None


def is_org_admin(user: User, organization_id: int | None = None) -> bool:
    """An admin of an organisation; of `organization_id` when given."""
    return _has_role(user, Role.ADMIN) and organization_id in (None, user.organization_id)


def can_review(user: User, organization_id: int | None = None) -> bool:
    """HR who review and decide claims; of `organization_id` when given."""
    return _has_role(user, Role.HR) and organization_id in (None, user.organization_id)


def can_run_payroll(user: User) -> bool:
    return _has_role(user, Role.HR)


def can_read_bargaining(user: User) -> bool:
    """The anonymised figures: HR and the union's negotiators."""
    return _has_role(user, Role.HR, Role.NEGOTIATOR)


def can_manage_rates(user: User) -> bool:
    return _has_role(user, Role.HR, Role.ADMIN)


def require(allowed: bool) -> None:
    if not allowed:
        raise forbidden()


def only(check: Callable[[User], bool]) -> list[Any]:
    """Authentication for a role-gated router or operation: logged in (401), then `check` (403)."""

    def gate(user: Any) -> Any:
        if user:
            require(check(user))
        return user

    class GatedTokenAuth(TokenAuth):
        def authenticate(self, request: HttpRequest, token: str) -> Any:
            return gate(super().authenticate(request, token))

    class GatedSessionAuth(SessionAuth):
        def authenticate(self, request: HttpRequest, key: str | None) -> Any:
            return gate(super().authenticate(request, key))

    return [GatedTokenAuth(), GatedSessionAuth()]


ADMINS_ONLY = only(is_org_admin)
PAYROLL_ONLY = only(can_run_payroll)
BARGAINING_ONLY = only(can_read_bargaining)
