"""The only code that writes categories, policy versions (with payroll concepts) and exchange rates.

A policy version is never rewritten once an expense was judged under it: the judged expense keeps
pointing at it (`Expense.policy`) and its explanation names it. A change is a new version from a date.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from accounts.access import organization_of
from accounts.models import User
from claims.models import Category, ExchangeRate, Expense, Policy, PolicyKind
from core.currencies import ISO_4217
from core.language import current_language
from orgsetup import errors
from orgsetup.importing import FileRefused
from orgsetup.models import AdminEventKind
from orgsetup.rows import RATE_ALIASES, rate_rows
from orgsetup.services.events import event_record
from orgsetup.services.uploads import REPORT_MAX_PROBLEMS, read_file, read_upload

POLICY_TERMS = (
    "kind",
    "currency",
    "cap",
    "replacement_months",
    "work_use_percent",
    "legal_floor",
    "payroll_concept",
    "claim_window_days",
    "receipt_required",
)
DEFAULT_TERMS: dict[str, Any] = {
    "cap": None,
    "replacement_months": None,
    "work_use_percent": Decimal(100),
    "legal_floor": None,
    "claim_window_days": 90,
    "receipt_required": True,
}
_CATEGORY_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_PAYROLL_CONCEPT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
_MAX_MONEY = Decimal("1e12")


# --- Categories -----------------------------------------------------------------------------------


def category_create(
    *,
    admin: User,
    code: str,
    name_en: str,
    name_es: str,
    active: bool = True,
    policy: dict[str, Any] | None = None,
) -> Category:
    """A new category, with its first policy version when `policy` is given."""
    code = code.strip().lower()
    if not _CATEGORY_CODE.fullmatch(code):
        raise errors.invalid_category_code()
    with transaction.atomic():
        if Category.objects.filter(organization_id=organization_of(admin), code=code).exists():
            raise errors.category_exists(code)
        category = Category.objects.create(
            organization_id=organization_of(admin),
            code=code,
            name_en=name_en,
            name_es=name_es,
            active=active,
        )
        event_record(
            AdminEventKind.CATEGORY_CREATED,
            organization_id=category.organization_id,
            actor=admin,
            category=code,
        )
        if policy is not None:
            terms = dict(policy)
            effective_from = terms.pop("effective_from")
            policy_version_create(
                admin=admin, category=category, effective_from=effective_from, terms=terms
            )
    return category


def category_update(*, admin: User, category: Category, changes: dict[str, Any]) -> Category:
    changed = [f for f, v in changes.items() if getattr(category, f) != v]
    if not changed:
        return category
    with transaction.atomic():
        for field in changed:
            setattr(category, field, changes[field])
        category.save(update_fields=changed)
        event_record(
            AdminEventKind.CATEGORY_UPDATED,
            organization_id=category.organization_id,
            actor=admin,
            category=category.code,
            fields=changed,
        )
    return category


# --- Policy versions ------------------------------------------------------------------------------


def _money_term(name: str, value: Decimal | None) -> None:
    if value is None:
        return
    if not value.is_finite() or value >= _MAX_MONEY or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise errors.invalid_money_term(name)
    if value < 0:
        raise errors.negative_money_term(name)


def check_terms(terms: dict[str, Any], organization_currency: str) -> None:
    """Refuse terms the policy arithmetic cannot use, with a message in both languages."""
    if terms["kind"] not in PolicyKind.values:
        raise errors.invalid_policy_kind()
    currency = terms["currency"]
    if currency not in ISO_4217:
        raise errors.unknown_currency(currency)
    if currency != organization_currency:
        # Rates convert into the organisation's currency only, so a policy in another cannot apply.
        raise errors.policy_currency(organization_currency)
    _money_term("cap", terms["cap"])
    _money_term("legal_floor", terms["legal_floor"])
    percent = terms["work_use_percent"]
    if not percent.is_finite() or not Decimal(0) <= percent <= Decimal(100):
        raise errors.work_use_percent_out_of_range()
    months = terms["replacement_months"]
    if months is not None and not 1 <= months <= 600:
        raise errors.invalid_replacement_months()
    if not 1 <= terms["claim_window_days"] <= 3650:
        raise errors.invalid_claim_window()
    if not _PAYROLL_CONCEPT.fullmatch(terms["payroll_concept"] or ""):
        raise errors.invalid_payroll_concept()


def policy_version_create(
    *, admin: User, category: Category, effective_from: date, terms: dict[str, Any]
) -> Policy:
    """A new version from `effective_from`; terms not given are those of the version before it."""
    organization = category.organization
    with transaction.atomic():
        if Policy.objects.filter(category=category, effective_from=effective_from).exists():
            raise errors.policy_overlap(category.code, effective_from)
        before = (
            Policy.objects.filter(category=category, effective_from__lt=effective_from).first()
            or Policy.objects.filter(category=category).order_by("effective_from").first()
        )
        inherited = (
            {name: getattr(before, name) for name in POLICY_TERMS}
            if before
            else {**DEFAULT_TERMS, "currency": organization.currency}
        )
        merged = {**inherited, **{k: v for k, v in terms.items() if k in POLICY_TERMS}}
        missing = [name for name in ("kind", "payroll_concept") if merged.get(name) is None]
        if missing:
            raise errors.policy_terms_missing(missing)
        merged["currency"] = str(merged["currency"]).upper()
        check_terms(merged, organization.currency)
        policy = Policy.objects.create(category=category, effective_from=effective_from, **merged)
        event_record(
            AdminEventKind.POLICY_CREATED,
            organization_id=organization.pk,
            actor=admin,
            version=policy.version_label,
            fields=sorted(terms),
        )
    return policy


def policy_version_update(*, admin: User, policy: Policy, changes: dict[str, Any]) -> Policy:
    """Correct a version no expense has been judged under yet (a typo in tomorrow's cap)."""
    category = policy.category
    with transaction.atomic():
        if Expense.objects.filter(policy=policy).exists():
            raise errors.policy_in_use(policy.version_label)
        new_start = changes.get("effective_from", policy.effective_from)
        if (
            new_start != policy.effective_from
            and Policy.objects.filter(category=category, effective_from=new_start).exists()
        ):
            raise errors.policy_overlap(category.code, new_start)
        merged = {name: getattr(policy, name) for name in POLICY_TERMS}
        merged.update({k: v for k, v in changes.items() if k in POLICY_TERMS})
        if merged["currency"]:
            merged["currency"] = str(merged["currency"]).upper()
        check_terms(merged, category.organization.currency)
        changed = [
            f for f, v in {**merged, "effective_from": new_start}.items() if getattr(policy, f) != v
        ]
        if not changed:
            return policy
        old_name = policy.version_label
        for field in changed:
            setattr(policy, field, {**merged, "effective_from": new_start}[field])
        policy.save(update_fields=changed)
        event_record(
            AdminEventKind.POLICY_UPDATED,
            organization_id=category.organization_id,
            actor=admin,
            version=old_name,
            fields=changed,
        )
    return policy


# --- Exchange rates -------------------------------------------------------------------------------


def rates_import(*, admin: User, upload, dry_run: bool) -> dict[str, Any]:
    """Monthly rates into the organisation's currency from a CSV/XLSX (month, currency, rate)."""
    organization = admin.organization
    assert organization is not None
    sheet = read_file(read_upload(upload), aliases=RATE_ALIASES)
    try:
        rows, problems = rate_rows(sheet, organization_currency=organization.currency)
    except FileRefused as refused:
        raise errors.file_refused(refused.problem, current_language()) from None
    lang = current_language()
    with transaction.atomic():
        existing = {
            (rate.month, rate.currency): rate
            for rate in ExchangeRate.objects.filter(
                organization=organization, month__in={row.month for row in rows}
            )
        }
        created = updated = unchanged = 0
        for row in rows:
            found = existing.get((row.month, row.currency))
            if found is None:
                created += 1
            elif found.rate != row.rate:
                updated += 1
            else:
                unchanged += 1
        report: dict[str, Any] = {
            "dry_run": dry_run,
            "applied": False,
            "rows": len(sheet.rows),
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
            "error_rows": len({p.row for p in problems}),
            "errors": [p.as_dict(lang) for p in problems[:REPORT_MAX_PROBLEMS]],
            "errors_truncated": len(problems) > REPORT_MAX_PROBLEMS,
        }
        if dry_run:
            return report
        if problems:
            raise errors.rates_have_errors(report, report["error_rows"])
        for row in rows:
            found = existing.get((row.month, row.currency))
            if found is None:
                ExchangeRate.objects.create(
                    organization=organization, month=row.month, currency=row.currency, rate=row.rate
                )
            elif found.rate != row.rate:
                found.rate = row.rate
                found.save(update_fields=["rate", "updated_at"])
        report["applied"] = True
        event_record(
            AdminEventKind.RATES_IMPORTED,
            organization_id=organization.pk,
            actor=admin,
            created=created,
            updated=updated,
            unchanged=unchanged,
        )
    return report
