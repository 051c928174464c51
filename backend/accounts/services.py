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


def throttle_key(username: str) -> str:
    # No username holds ":", so dropping it keeps a login's key apart from other keys
    # ("activate:<address>", "ip:<address>", "device:<id>") whatever is typed as a username.
    return username.strip().lower().replace(":", "")[:150]


def _wait_after(failures: int, slowdown_after: int, lockout_after: int) -> int:
    """Seconds before the next attempt is allowed after `failures` failures in a row."""
    if failures >= lockout_after:
        return settings.LOGIN_LOCKOUT_SECONDS
    if failures >= slowdown_after:
        return min(2 ** (failures - slowdown_after + 1), 60)
    return 0


def throttle_check(key: str) -> None:
    """Refuse (429) while `key` has to wait after failing too often."""
    now = timezone.now()
    throttle = LoginThrottle.objects.filter(username=key).first()
    if throttle and throttle.next_attempt_at and throttle.next_attempt_at > now:
        raise errors.too_many_attempts(math.ceil((throttle.next_attempt_at - now).total_seconds()))


def throttle_failed(
    key: str,
    *,
    slowdown_after: int | None = None,
    lockout_after: int | None = None,
    window: int | None = None,
) -> None:
    """One more failure in a row for `key`: past a few, each next attempt waits longer.

    The limits default to the per-username ones; with a `window` (seconds), a count whose last
    failure is older than that starts over.
    """
    now = timezone.now()
    with transaction.atomic():
        LoginThrottle.objects.get_or_create(username=key)
        if window is not None:
            LoginThrottle.objects.filter(
                username=key, updated_at__lt=now - timedelta(seconds=window)
            ).update(failures=0, next_attempt_at=None)
        LoginThrottle.objects.filter(username=key).update(failures=F("failures") + 1)
        failures = LoginThrottle.objects.get(username=key).failures
        wait = _wait_after(
            failures,
            slowdown_after or settings.LOGIN_SLOWDOWN_AFTER,
            lockout_after or settings.LOGIN_LOCKOUT_AFTER,
        )
        if wait:
            LoginThrottle.objects.filter(username=key).update(
                next_attempt_at=now + timedelta(seconds=wait)
            )


def throttle_clear(key: str) -> None:
    LoginThrottle.objects.filter(username=key).delete()


def address_failed(address: str) -> None:
    """A failed login or activation from this client address (its own, larger, limits)."""
    throttle_failed(
        f"ip:{address}",
        slowdown_after=settings.LOGIN_ADDRESS_SLOWDOWN_AFTER,
        lockout_after=settings.LOGIN_ADDRESS_LOCKOUT_AFTER,
        window=settings.LOGIN_WINDOW_SECONDS,
    )


def user_authenticate(
    *,
    username: str,
    password: str,
    request: HttpRequest | None = None,
    address: str = "",
    device: str | None = None,
) -> User:
    """Check a username and password, slowing down and then locking out repeated failures.

    Failures count against the username, the client address and, from a known device (a signed
    cookie of an earlier login as this username), that device. A known device is spared the
    username's lockout, so a stranger's guesses cannot lock its owner out, but not its own limit.
    """
    name_key = throttle_key(username)
    device_key = f"device:{device}" if device else None
    if address:
        throttle_check(f"ip:{address}")
    throttle_check(device_key or name_key)
    user = authenticate(request, username=username, password=password)
    if user is None:
        throttle_failed(name_key)
        if device_key:
            throttle_failed(device_key)
        if address:
            address_failed(address)
        raise errors.invalid_credentials()
    assert isinstance(user, User)
    if not user.can_log_in():
        raise errors.account_inactive()
    throttle_clear(name_key)
    if device_key:
        throttle_clear(device_key)
    return user


def token_create(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a personal API token that expires after `days` (API_TOKEN_DAYS by default); the
    secret is returned once and only its hash is kept."""
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise errors.token_days_out_of_range(settings.API_TOKEN_MAX_DAYS)
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=ApiToken.hash(secret),
        hint=secret[:8],
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, secret


def token_revoke(*, user: User, token_id: int) -> None:
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated and not ApiToken.objects.filter(pk=token_id, user=user).exists():
        raise not_found()
