"""Only an organisation's admins get past these: the one access chokepoint of the setup API."""

from typing import Any

from django.http import HttpRequest

from accounts.auth import SessionAuth, TokenAuth
from homeclaim.errors import forbidden
from orgsetup.selectors import is_admin


def _only_admins(user: Any) -> Any:
    if user and not is_admin(user):
        raise forbidden()  # authenticated, but not an admin: 403, checked before the body is read
    return user


class AdminTokenAuth(TokenAuth):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _only_admins(super().authenticate(request, token))


class AdminSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return _only_admins(super().authenticate(request, key))


ADMINS_ONLY = [AdminTokenAuth(), AdminSessionAuth()]
