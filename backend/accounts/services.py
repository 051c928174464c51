"""The only code that writes accounts data: logins, throttling and API tokens."""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from accounts import errors
from accounts.models import ApiToken, LoginThrottle, User
from core.errors import not_found


def _throttle_key(username: str) -> str:
    # No username holds ":", so dropping it keeps a login's key apart from other keys
    # ("activate:<address>") whatever is typed as a username.
    return username.strip().lower().replace(":", "")[:150]


def _wait_after(failures: int) -> int:
    """Seconds before the next attempt is allowed after `failures` failures in a row."""
    if failures >= settings.LOGIN_LOCKOUT_AFTER:
        return settings.LOGIN_LOCKOUT_SECONDS
    if failures >= settings.LOGIN_SLOWDOWN_AFTER:
        return min(2 ** (failures - settings.LOGIN_SLOWDOWN_AFTER + 1), 60)
    return 0


def throttle_check(key: str) -> None:
    """Refuse (429) while `key` has to wait after failing too often."""
    now = timezone.now()
    throttle = LoginThrottle.objects.filter(username=key).first()
    if throttle and throttle.next_attempt_at and throttle.next_attempt_at > now:
        raise errors.too_many_attempts(math.ceil((throttle.next_attempt_at - now).total_seconds()))


def throttle_failed(key: str) -> None:
    """One more failure in a row for `key`: past a few, each next attempt waits longer."""
    now = timezone.now()
    with transaction.atomic():
        LoginThrottle.objects.get_or_create(username=key)
        LoginThrottle.objects.filter(username=key).update(failures=F("failures") + 1)
        failures = LoginThrottle.objects.get(username=key).failures
        wait = _wait_after(failures)
        if wait:
            LoginThrottle.objects.filter(username=key).update(
                next_attempt_at=now + timedelta(seconds=wait)
            )


def throttle_clear(key: str) -> None:
    LoginThrottle.objects.filter(username=key).delete()


def user_authenticate(*, username: str, password: str, request: HttpRequest | None = None) -> User:
    """Check a username and password, slowing down and then locking out repeated failures."""
    key = _throttle_key(username)
    throttle_check(key)
    user = authenticate(request, username=username, password=password)
    if user is None:
        throttle_failed(key)
        raise errors.invalid_credentials()
    assert isinstance(user, User)
    if not user.can_log_in():
        raise errors.account_inactive()
    throttle_clear(key)
    return user


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; the secret is returned once and only its hash is kept."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash(secret), hint=secret[:8]
    )
    return token, secret


def token_revoke(*, user: User, token_id: int) -> None:
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated and not ApiToken.objects.filter(pk=token_id, user=user).exists():
        raise not_found()
