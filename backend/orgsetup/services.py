"""The only code that writes organisation setup: people, activation codes, the organisation itself.

Categories, policy versions and rates are in `orgsetup.catalog`.
"""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.models import ApiToken, Organization, Role, User
from accounts.services import throttle_check, throttle_clear, throttle_failed
from claims.models import ExchangeRate, Expense, Policy
from core.bulk import bulk_insert, chunks
from core.language import current_language
from orgsetup import errors
from orgsetup.importing import FileRefused, read_sheet
from orgsetup.messages import Problem
from orgsetup.models import ActivationCode, AdminEvent, AdminEventKind
from orgsetup.rows import PEOPLE_ALIASES, PersonRow, people_rows
from orgsetup.selectors import org_of

REPORT_MAX_PROBLEMS = 500  # a report past this is read as "fix the file", not line by line
REPORT_MAX_CHANGES = 200
PERSON_FIELDS = ("username", "email", "role", "cost_centre", "start_date", "end_date")


def unusable_password() -> str:
    # What make_password(None) stores, without its 40 calls to secrets.choice per person.
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def event_record(
    kind: str, *, organization_id: int, actor: User | None, subject: User | None = None, **data: Any
) -> AdminEvent:
    return AdminEvent.objects.create(
        organization_id=organization_id, actor=actor, subject=subject, kind=kind, data=data
    )


def read_upload(upload) -> bytes:
    """The uploaded bytes, refusing an oversized file before reading it into memory."""
    limit = settings.SETUP_IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise errors.file_refused(
            Problem("file_too_large", params={"size_mb": _mb(upload.size), "max_mb": _mb(limit)}),
            current_language(),
        )
    return upload.read(limit + 1)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def read_file(data: bytes, *, aliases: dict[str, set[str]]):
    try:
        return read_sheet(
            data,
            aliases=aliases,
            max_bytes=settings.SETUP_IMPORT_MAX_BYTES,
            max_rows=settings.SETUP_IMPORT_MAX_ROWS,
        )
    except FileRefused as refused:
        raise errors.file_refused(refused.problem, current_language()) from None


# --- People import --------------------------------------------------------------------------------


@dataclass
class _Plan:
    creates: list[PersonRow]
    updates: list[tuple[User, list[str]]]  # the person with new values set, and the changed fields
    unchanged: int
    problems: list[Problem]


def _full_name(user: User) -> str:
    return f"{user.first_name} {user.last_name}".strip()


def _existing(organization: Organization, employee_ids: list[str]) -> dict[str, User]:
    found: dict[str, User] = {}
    for batch in chunks(employee_ids):
        for user in User.objects.filter(organization=organization, employee_id__in=batch):
            found[user.employee_id] = user
    return found


def _owners_of(usernames: list[str]) -> dict[str, int]:
    owners: dict[str, int] = {}
    for batch in chunks(usernames):
        owners.update(User.objects.filter(username__in=batch).values_list("username", "pk"))
    return owners


def _plan(admin: User, rows: list[PersonRow], problems: list[Problem]) -> _Plan:
    organization = admin.organization
    assert organization is not None
    existing = _existing(organization, [row.employee_id for row in rows])
    owners = _owners_of([row.login for row in rows if row.login])
    plan = _Plan([], [], 0, problems)
    for row in rows:
        person = existing.get(row.employee_id)
        # A new person gets the row's login; someone known keeps theirs unless the file names one.
        username = row.values.get("username") if person else row.login
        if username and owners.get(username, person.pk if person else None) != (
            person.pk if person else None
        ):
            plan.problems.append(Problem("username_taken", row.row, "username", None))
            continue
        if person is None:
            plan.creates.append(row)
            continue
        changed = _apply_row(person, row)
        if person.pk == admin.pk and {"role", "end_date"} & set(changed):
            plan.problems.append(Problem("own_account", row.row, "role", None))
        elif changed:
            plan.updates.append((person, changed))
        else:
            plan.unchanged += 1
    return plan


def _apply_row(person: User, row: PersonRow) -> list[str]:
    """Set the row's values on the person; the names of the fields that changed."""
    changed: list[str] = []
    name = row.values["full_name"]
    if name and name != _full_name(person):
        person.first_name, person.last_name = name, ""
        changed.append("full_name")
    for field in PERSON_FIELDS:
        if field not in row.values or (field in ("role", "username") and not row.values[field]):
            continue  # no column, or an empty role/username cell: leave as it is
        value = row.values[field]
        if getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    return changed


def _new_person(organization: Organization, row: PersonRow, now) -> dict[str, Any]:
    values = row.values
    return {
        "organization": organization.pk,
        "employee_id": row.employee_id,
        "username": row.login,
        "first_name": values["full_name"],
        "last_name": "",
        "email": values.get("email") or "",
        "role": values.get("role") or Role.WORKER,
        "cost_centre": values.get("cost_centre") or "",
        "start_date": values.get("start_date"),
        "end_date": values.get("end_date"),
        # Unusable: nobody can log in until they set a password with an activation code.
        "password": unusable_password(),
        "last_login": None,
        "is_superuser": False,
        "is_staff": False,
        "is_active": True,
        "date_joined": now,
    }


def _row_of_problem(problem: Problem) -> int:
    return problem.row or 0


def _report(sheet, plan: _Plan, token: str, *, dry_run: bool, applied: bool) -> dict[str, Any]:
    lang = current_language()
    problems = sorted(plan.problems, key=_row_of_problem)
    error_rows = len({p.row for p in problems})
    return {
        "dry_run": dry_run,
        "applied": applied,
        "file": {
            "kind": sheet.kind,
            "encoding": sheet.encoding,
            "separator": sheet.separator,
            "header_row": sheet.header_row,
            "columns": sheet.columns,
            "ignored_columns": sheet.ignored_columns,
        },
        "rows": len(sheet.rows),
        "created": len(plan.creates),
        "updated": len(plan.updates),
        "unchanged": plan.unchanged,
        "error_rows": error_rows,
        "errors": [p.as_dict(lang) for p in problems[:REPORT_MAX_PROBLEMS]],
        "errors_truncated": len(problems) > REPORT_MAX_PROBLEMS,
        "changes": [
            {"employee_id": person.employee_id, "fields": fields}
            for person, fields in plan.updates[:REPORT_MAX_CHANGES]
        ],
        "notes": [p.message(lang) for p in sheet.notes],
        "confirm_token": token,
    }


def people_import(*, admin: User, upload, dry_run: bool, confirm: str = "") -> dict[str, Any]:
    """Upsert people by employee id from a CSV or XLSX; all or nothing unless `confirm` is given.

    `confirm` is the `confirm_token` of this same file's report: the admin saw which rows have
    errors and chose to import the others.
    """
    organization = admin.organization
    assert organization is not None
    data = read_upload(upload)
    token = hashlib.sha256(data).hexdigest()[:16]
    if confirm and confirm != token:
        raise errors.confirm_mismatch()
    sheet = read_file(data, aliases=PEOPLE_ALIASES)
    try:
        rows, problems = people_rows(sheet)
    except FileRefused as refused:
        raise errors.file_refused(refused.problem, current_language()) from None

    if dry_run:
        return _report(sheet, _plan(admin, rows, problems), token, dry_run=True, applied=False)

    with transaction.atomic():
        # One import at a time per organisation, so two uploads cannot both create a person.
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        plan = _plan(admin, rows, problems)
        report = _report(sheet, plan, token, dry_run=False, applied=True)
        if plan.problems and not confirm:
            valid = len(plan.creates) + len(plan.updates) + plan.unchanged
            report["applied"] = False
            raise errors.import_has_errors(report, report["error_rows"], valid)
        try:
            _write(admin, plan, report)
        except IntegrityError:
            raise errors.import_conflict() from None
    return report


def _write(admin: User, plan: _Plan, report: dict[str, Any]) -> None:
    organization = admin.organization
    assert organization is not None
    org_id = organization.pk
    summary = event_record(
        AdminEventKind.PEOPLE_IMPORTED,
        organization_id=org_id,
        actor=admin,
        created=report["created"],
        updated=report["updated"],
        unchanged=report["unchanged"],
        skipped_rows=report["error_rows"],
        confirm_token=report["confirm_token"],
    )
    now = timezone.now()
    for batch in chunks(plan.creates):
        bulk_insert(User, [_new_person(organization, row, now) for row in batch])
        ids = dict(
            User.objects.filter(
                organization=organization, employee_id__in=[r.employee_id for r in batch]
            ).values_list("employee_id", "pk")
        )
        bulk_insert(
            AdminEvent,
            [
                {
                    "organization": org_id,
                    "actor": admin.pk,
                    "subject": ids[row.employee_id],
                    "kind": AdminEventKind.PERSON_CREATED,
                    "data": {"import": summary.pk},
                    "created_at": now,
                }
                for row in batch
            ],
        )
    for updates in chunks(plan.updates, 500):
        fields = sorted({f for _, changed in updates for f in changed} - {"full_name"})
        if any("full_name" in changed for _, changed in updates):
            fields += ["first_name", "last_name"]
        User.objects.bulk_update([person for person, _ in updates], fields)
        AdminEvent.objects.bulk_create(_update_events(admin, updates, summary.pk))


def _update_events(admin: User, batch, import_id: int) -> Iterable[AdminEvent]:
    for person, changed in batch:
        data: dict[str, Any] = {"fields": changed, "import": import_id}
        kind = AdminEventKind.PERSON_UPDATED
        if "role" in changed:
            kind, data["role"] = AdminEventKind.ROLE_CHANGED, person.role
        yield AdminEvent(
            organization_id=org_of(admin),
            actor=admin,
            subject=person,
            kind=kind,
            data=data,
        )


# --- People, one at a time or in bulk -------------------------------------------------------------


@dataclass
class PersonChanges:
    """What an admin may set on a person; unset fields are left alone."""

    full_name: str | None = None
    username: str | None = None
    email: str | None = None
    employee_id: str | None = None
    role: str | None = None
    cost_centre: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    is_active: bool | None = None
    unset: frozenset[str] = frozenset()  # fields sent as null: clear them (dates only)


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
                if value != _full_name(person):
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
                organization_id=org_of(admin), employee_id=person.employee_id
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


# --- Activation codes -----------------------------------------------------------------------------


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
                        "organization": org_of(admin),
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
            organization_id=org_of(admin),
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


# --- The organisation -----------------------------------------------------------------------------


def organization_update(*, admin: User, changes: dict[str, Any]) -> Organization:
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=org_of(admin))
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
