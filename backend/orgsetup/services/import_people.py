"""Upserting people by employee id from a CSV/XLSX: plan, report, then write in batches."""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.access import organization_of
from accounts.models import Organization, Role, User
from core.bulk import bulk_insert, chunks
from core.language import current_language
from orgsetup import errors
from orgsetup.importing import FileRefused, Sheet
from orgsetup.messages import Problem
from orgsetup.models import AdminEvent, AdminEventKind
from orgsetup.rows import PEOPLE_ALIASES, PersonRow, people_rows
from orgsetup.services.events import event_record
from orgsetup.services.uploads import REPORT_MAX_PROBLEMS, read_file, read_upload

REPORT_MAX_CHANGES = 200
PERSON_FIELDS = ("username", "email", "role", "cost_centre", "start_date", "end_date")


def unusable_password() -> str:
    # What make_password(None) stores, without its 40 calls to secrets.choice per person.
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


@dataclass
class _Plan:
    creates: list[PersonRow]
    updates: list[tuple[User, list[str]]]  # the person with new values set, and the changed fields
    unchanged: int
    problems: list[Problem]


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
    if name and name != person.get_full_name():
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


def _report(
    sheet: Sheet, plan: _Plan, token: str, *, dry_run: bool, applied: bool
) -> dict[str, Any]:
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
            organization_id=organization_of(admin),
            actor=admin,
            subject=person,
            kind=kind,
            data=data,
        )
