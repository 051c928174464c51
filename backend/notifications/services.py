"""The only code that writes notifications: recording them, mailing them once, marking them read,
the HR digest and each person's preferences."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import Role, User
from claims.models import Claim
from core import errors
from notifications.messages import mail_of
from notifications.models import Kind, MailState, Notification, Preference

log = logging.getLogger(__name__)

# A failed mail is tried again after these many seconds; after the last, it is given up.
MAIL_RETRY_SECONDS = (60, 300, 1800)
MAIL_MAX_ATTEMPTS = len(MAIL_RETRY_SECONDS) + 1
# How long one attempt may hold a mail before another worker may take it over.
MAIL_LEASE_SECONDS = 120


@dataclass(frozen=True)
class Planned:
    user_id: int
    kind: str
    key: str
    claim_id: int | None = None
    receipt_id: int | None = None
    count: int | None = None


def preference_of(user: User) -> Preference:
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def _mailable(user_ids: Iterable[int]) -> set[int]:
    """Who gets mail: an address, and mail not turned off (it is on unless they said so)."""
    ids = set(user_ids)
    off = set(Preference.objects.filter(user_id__in=ids, mail=False).values_list("user", flat=True))
    with_address = User.objects.filter(pk__in=ids - off, is_active=True).exclude(email="")
    return set(with_address.values_list("pk", flat=True))


def notifications_record(planned: list[Planned]) -> list[int]:
    """Record notifications, at most one per person and key (a second time changes nothing), and
    mail the new ones once the caller's transaction commits. Returns the ids of those to mail."""
    if not planned:
        return []
    mailable = _mailable(p.user_id for p in planned)
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=p.user_id,
                kind=p.kind,
                key=p.key,
                claim_id=p.claim_id,
                receipt_id=p.receipt_id,
                count=p.count,
                mail_state=MailState.PENDING if p.user_id in mailable else MailState.OFF,
            )
            for p in planned
        ],
        ignore_conflicts=True,
    )
    # A payday announces thousands at once: one query for the lot, the exact pairs kept here.
    wanted = {(p.user_id, p.key) for p in planned}
    candidates = Notification.objects.filter(
        user_id__in={p.user_id for p in planned},
        key__in={p.key for p in planned},
        mail_state=MailState.PENDING,
        mail_attempts=0,
    )
    ids = [
        pk
        for pk, user_id, key in candidates.values_list("pk", "user_id", "key")
        if (user_id, key) in wanted
    ]
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))
    return ids


def notification_rekind(*, user_id: int, key: str, kind: str, **about: int) -> None:
    """What a request already announced turned out to be something else (a decision that
    returned the claim): say that instead, or announce it now."""
    if not Notification.objects.filter(user_id=user_id, key=key).update(kind=kind):
        notifications_record([Planned(user_id=user_id, kind=kind, key=key, **about)])


def _enqueue(ids: list[int], run_after: datetime | None = None) -> None:
    from notifications.tasks import mail_notifications

    if run_after is None:
        for start in range(0, len(ids), 200):
            mail_notifications.enqueue(ids[start : start + 200])
    elif mail_notifications.get_backend().supports_defer:
        mail_notifications.using(run_after=run_after).enqueue(ids)
    # else (the inline backend): notifications_mail_due() picks it up when it is due.


def notification_mail(notification_id: int) -> str:
    """Mail one notification, at most once. Returns what happened: sent, retry, failed, off, or
    skipped (someone else holds it, it was sent already, or it is not due)."""
    now = timezone.now()
    free = Q(mail_state=MailState.PENDING) & (
        Q(mail_next_at__isnull=True) | Q(mail_next_at__lte=now)
    ) | Q(mail_state=MailState.SENDING, mail_lease_until__lt=now)
    # One UPDATE … WHERE takes it: of any number of workers, one sees a row changed.
    if not Notification.objects.filter(free, pk=notification_id).update(
        mail_state=MailState.SENDING,
        mail_lease_until=now + timedelta(seconds=MAIL_LEASE_SECONDS),
        mail_attempts=F("mail_attempts") + 1,
    ):
        return "skipped"
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    mine = Notification.objects.filter(pk=notification_id, mail_state=MailState.SENDING)
    user = notification.user
    preference = preference_of(user)
    if not preference.mail or not user.email or not user.is_active:
        mine.update(mail_state=MailState.OFF, mail_lease_until=None)
        return "off"
    mail = mail_of(notification, language=preference.language, site_url=settings.SITE_URL)
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        # The same id on every attempt: a server that saw it already may drop the copy.
        headers={"Message-ID": f"<notification-{notification.pk}@homeclaim>"},
    )
    try:
        message.send(fail_silently=False)
    except Exception as error:
        # The id and the error's type only: no address, no text.
        log.warning("mail for notification %s failed: %s", notification.pk, type(error).__name__)
        attempts = notification.mail_attempts
        if attempts >= MAIL_MAX_ATTEMPTS:
            mine.update(mail_state=MailState.FAILED, mail_lease_until=None)
            return "failed"
        next_at = timezone.now() + timedelta(seconds=MAIL_RETRY_SECONDS[attempts - 1])
        mine.update(mail_state=MailState.PENDING, mail_next_at=next_at, mail_lease_until=None)
        _enqueue([notification.pk], run_after=next_at)
        return "retry"
    mine.update(mail_state=MailState.SENT, mailed_at=timezone.now(), mail_lease_until=None)
    return "sent"


def notifications_mail_due() -> int:
    """The safety net: queue the mails due again (a retry whose task was lost, a worker that died
    mid-send). Run by `homeclaim notify-digest`. Returns how many were queued."""
    now = timezone.now()
    due = Notification.objects.filter(
        Q(mail_state=MailState.PENDING, mail_next_at__lte=now)
        | Q(mail_state=MailState.PENDING, mail_attempts=0, created_at__lt=now - timedelta(hours=1))
        | Q(mail_state=MailState.SENDING, mail_lease_until__lt=now)
    )
    ids = list(due.order_by("pk").values_list("pk", flat=True)[:5000])
    if ids:
        _enqueue(ids)
    return len(ids)


# --- HR's daily digest ---------------------------------------------------------------------------


def digest_send(*, today: date | None = None) -> int:
    """One notification (and mail) per HR person with the claims submitted in their organisation
    since their last digest; at most one per day, so running it twice sends nothing more.
    Returns how many were recorded."""
    today = today or timezone.localdate()
    sent = 0
    hr = User.objects.filter(role=Role.HR, is_active=True, organization__isnull=False)
    for person in hr.iterator():
        assert person.organization_id is not None
        key = f"digest:{today.isoformat()}"
        if Notification.objects.filter(user=person, key=key).exists():
            continue
        last = (
            Notification.objects.filter(user=person, kind=Kind.DIGEST)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        since = last or timezone.now() - timedelta(days=1)
        with transaction.atomic():
            notifications_record([Planned(user_id=person.pk, kind=Kind.DIGEST, key=key)])
            row = Notification.objects.get(user=person, key=key)
            # Up to the moment the row was made, so the next digest starts exactly there.
            count = Claim.objects.filter(
                organization_id=person.organization_id,
                submitted_at__gt=since,
                submitted_at__lte=row.created_at,
            ).count()
            if not count:
                transaction.set_rollback(True)  # nothing new: no notification, no mail
                continue
            row.count = count
            row.save(update_fields=["count"])
            sent += 1
    return sent


# --- what a person does with theirs --------------------------------------------------------------


def notifications_mark_read(*, user: User, ids: list[int] | None) -> int:
    """Mark some of my notifications read (all when `ids` is None). Another person's id is 404."""
    mine = Notification.objects.filter(user=user)
    if ids is not None:
        wanted = set(ids)
        if mine.filter(pk__in=wanted).count() != len(wanted):
            raise errors.not_found()
        mine = mine.filter(pk__in=wanted)
    return mine.filter(read_at__isnull=True).update(read_at=timezone.now())


def preference_update(*, user: User, mail: bool | None, language: str | None) -> Preference:
    preference = preference_of(user)
    if mail is not None:
        preference.mail = mail
    if language is not None:
        preference.language = language
    preference.save()
    return preference
