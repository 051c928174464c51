"""One-time activation codes: issuing them to people, and a person setting a password with one."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation

from accounts.access import organization_of
from accounts.models import ApiToken, User
from accounts.services import throttle_check, throttle_clear, throttle_failed
from core.bulk import bulk_insert, chunks
from orgsetup import errors
from orgsetup.models import ActivationCode, AdminEventKind
from orgsetup.services.events import event_record


@dataclass
class IssuedCode:
    person: User
    code: str
    expires_at: Any


def activation_codes_issue(
    *, admin: User, people: list[User], renew: bool, reset_password: bool = False
) -> list[IssuedCode]:
    """New one-time codes for people without a password. The clear codes exist only in the answer.

    Without `renew`, people who already hold an unexpired code are skipped (so printing the list
    twice does not void the first printout); with it, their old codes stop working. A code lets
    its holder set a new password, so people who have one get a code only with `reset_password`.
    """
    if not reset_password:
        with_password = [person.pk for person in people if person.has_usable_password()]
        if with_password:
            raise errors.has_password(with_password)
    now = timezone.now()
    expires_at = now + timedelta(days=settings.ACTIVATION_CODE_DAYS)
    with transaction.atomic():
        ids = [person.pk for person in people]
        pending: set[int] = set()
        for batch in chunks(ids):
            pending.update(
                ActivationCode.objects.filter(
                    user_id__in=batch, used_at__isnull=True, expires_at__gt=now
                ).values_list("user_id", flat=True)
            )
        chosen = [p for p in people if renew or p.pk not in pending]
        for batch in chunks([p.pk for p in chosen]):
            # Voided, not deleted: "used" without a password change is how a renewed code reads.
            ActivationCode.objects.filter(user_id__in=batch, used_at__isnull=True).update(
                used_at=now
            )
        issued = [IssuedCode(p, ActivationCode.new_code(), expires_at) for p in chosen]
        for codes in chunks(issued):
            bulk_insert(
                ActivationCode,
                [
                    {
                        "organization": organization_of(admin),
                        "user": item.person.pk,
                        "code_hash": ActivationCode.hash(item.code),
                        "created_by": admin.pk,
                        "created_at": now,
                        "expires_at": expires_at,
                        "used_at": None,
                    }
                    for item in codes
                ],
            )
        event_record(
            AdminEventKind.ACTIVATION_ISSUED,
            organization_id=organization_of(admin),
            actor=admin,
            count=len(issued),
            renew=renew,
            reset_password=reset_password,
        )
    return issued


def _password_problems(password: str, user: User, lang: str) -> list[str]:
    with translation.override(lang):
        try:
            validate_password(password, user)
        except ValidationError as invalid:
            return [str(message) for message in invalid.messages]
    return []


def _pending_code(code: str, now: datetime) -> ActivationCode | None:
    """The unspent, unexpired code (locked), if its person may still log in."""
    found = (
        ActivationCode.objects.select_for_update()
        .select_related("user")
        .filter(code_hash=ActivationCode.hash(code), used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    return found if found is not None and found.user.can_log_in() else None


def account_activate(*, code: str, password: str, client: str) -> User:
    """Set a first password with a one-time code; the code is spent only when the password is good.

    Wrong codes are throttled per client address as failed logins are per username: a few,
    then each next try waits longer, then a lockout (429). Only a successful activation
    clears the count, so a valid code of one's own cannot reset it between guesses.
    """
    throttle = f"activate:{client}"
    throttle_check(throttle)
    now = timezone.now()
    with transaction.atomic():
        found = _pending_code(code, now)
        if found is not None:
            user = found.user
            problems_en = _password_problems(password, user, "en")
            if problems_en:
                raise errors.weak_password(problems_en, _password_problems(password, user, "es"))
            user.set_password(password)  # a new hash also ends the sessions of the old one
            user.save(update_fields=["password"])
            # a reset is for an account someone else may hold: their scripts lose access too
            ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
            ActivationCode.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
            event_record(
                AdminEventKind.ACTIVATED,
                organization_id=found.organization_id,
                actor=user,
                subject=user,
            )
    if found is None:
        throttle_failed(throttle)
        raise errors.invalid_activation_code()
    throttle_clear(throttle)
    return found.user
