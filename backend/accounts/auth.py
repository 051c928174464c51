"""How a request proves who it is: a Bearer API token (scripts) or the session cookie (browser)."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from accounts import errors
from accounts.errors import token_expired
from accounts.models import ApiToken, User


class AuthedRequest(HttpRequest):
    """A request that passed authentication: `auth` is the person making it."""

    auth: User


_TOUCH_EVERY = timedelta(minutes=5)  # last_used_at is for humans: no write on every request


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token.startswith(ApiToken.PREFIX) or len(token) > 100:
            return None
        found = (
            ApiToken.objects.select_related("user", "user__organization")
            .filter(key_hash=ApiToken.hash(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.can_log_in():
            return None
        now = timezone.now()
        if found.expires_at <= now:
            raise token_expired()
        if found.last_used_at is None or now - found.last_used_at > _TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


def check_csrf(request: HttpRequest) -> None:
    """Raise unless an unsafe request carries the CSRF cookie and matching header."""
    middleware = CsrfViewMiddleware(HttpResponse)
    request.csrf_processing_done = False  # type: ignore[attr-defined]
    middleware.process_request(request)
    if middleware.process_view(request, HttpResponse, (), {}) is not None:
        raise errors.csrf_failed()


class SessionAuth(APIKeyCookie):
    """Django's session, with CSRF checked only once we know the cookie belongs to someone."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated or not user.can_log_in():
            return None
        check_csrf(request)
        return user
