"""The only code that writes categories, policy versions (with payroll concepts) and exchange rates.

A policy version is never rewritten once an expense was judged under it: the judged expense keeps
pointing at it (`Expense.policy`) and its explanation names it. A change is a new version from a date.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from accounts.models import User
from claims.models import Category, ExchangeRate, Expense, Policy, PolicyKind
from core.currencies import ISO_4217
from core.errors import unprocessable
from core.language import current_language
from orgsetup import errors
from orgsetup.importing import FileRefused
from orgsetup.models import AdminEventKind
from orgsetup.rows import RATE_ALIASES, rate_rows
from orgsetup.selectors import org_of
from orgsetup.services import REPORT_MAX_PROBLEMS, event_record, read_file, read_upload

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


def version_name(policy: Policy) -> str:
    return f"{policy.category.code} {policy.effective_from.isoformat()}"


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
        raise unprocessable(
            "invalid_category_code",
            "A category code uses lowercase letters, digits, - and _ (at most 40), e.g. 'chair'.",
            "El código de categoría usa minúsculas, dígitos, - y _ (máximo 40), p. ej. 'silla'.",
        )
    with transaction.atomic():
        if Category.objects.filter(organization_id=org_of(admin), code=code).exists():
            raise errors.category_exists(code)
        category = Category.objects.create(
            organization_id=org_of(admin),
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
        raise unprocessable(
            f"invalid_{name}",
            "The {term} must be an amount with at most 12 digits and 2 decimals.",
            "El {term_es} debe ser un monto de máximo 12 dígitos y 2 decimales.",
            term=name.replace("_", " "),
            term_es="tope" if name == "cap" else "mínimo legal",
        )
    if value < 0:
        raise unprocessable(
            f"negative_{name}",
            "The {term} cannot be negative.",
            "El {term_es} no puede ser negativo.",
            term=name.replace("_", " "),
            term_es="tope" if name == "cap" else "mínimo legal",
        )


def check_terms(terms: dict[str, Any], organization_currency: str) -> None:
    """Refuse terms the policy arithmetic cannot use, with a message in both languages."""
    if terms["kind"] not in PolicyKind.values:
        raise unprocessable(
            "invalid_policy_kind",
            "The kind must be one_time or monthly.",
            "El tipo debe ser one_time (una vez) o monthly (mensual).",
        )
    currency = terms["currency"]
    if currency not in ISO_4217:
        raise unprocessable(
            "unknown_currency",
            "'{currency}' is not an ISO 4217 currency code such as COP or USD.",
            "'{currency}' no es un código de moneda ISO 4217 como COP o USD.",
            currency=currency,
        )
    if currency != organization_currency:
        # Rates convert into the organisation's currency only, so a policy in another cannot apply.
        raise unprocessable(
            "policy_currency",
            "A policy must be in the organisation's currency ({org_currency}).",
            "La política debe estar en la moneda de la organización ({org_currency}).",
            org_currency=organization_currency,
        )
    _money_term("cap", terms["cap"])
    _money_term("legal_floor", terms["legal_floor"])
    percent = terms["work_use_percent"]
    if not percent.is_finite() or not Decimal(0) <= percent <= Decimal(100):
        raise unprocessable(
            "work_use_percent_out_of_range",
            "The work-use percentage must be between 0 and 100.",
            "El porcentaje de uso laboral debe estar entre 0 y 100.",
        )
    months = terms["replacement_months"]
    if months is not None and not 1 <= months <= 600:
        raise unprocessable(
            "invalid_replacement_months",
            "The replacement period must be between 1 and 600 months.",
            "El periodo de reposición debe estar entre 1 y 600 meses.",
        )
    if not 1 <= terms["claim_window_days"] <= 3650:
        raise unprocessable(
            "invalid_claim_window",
            "The claim window must be between 1 and 3650 days.",
            "El plazo para reclamar debe estar entre 1 y 3650 días.",
        )
    if not _PAYROLL_CONCEPT.fullmatch(terms["payroll_concept"] or ""):
        raise unprocessable(
            "invalid_payroll_concept",
            "The payroll concept code uses letters, digits, . - and _ (at most 40), e.g. 'AUX-CONECT'.",
            "El código de concepto de nómina usa letras, dígitos, . - y _ (máximo 40), p. ej. 'AUX-CONECT'.",
        )


def _overlap(category: Category, effective_from: date) -> errors.ApiError:
    return unprocessable(
        "policy_overlap",
        "The category '{category}' already has a policy version starting on {date}. Edit that version, or choose another date.",
        "La categoría '{category}' ya tiene una versión de política que empieza el {date}. Edite esa versión o elija otra fecha.",
        category=category.code,
        date=effective_from.isoformat(),
    )


def policy_version_create(
    *, admin: User, category: Category, effective_from: date, terms: dict[str, Any]
) -> Policy:
    """A new version from `effective_from`; terms not given are those of the version before it."""
    organization = category.organization
    with transaction.atomic():
        if Policy.objects.filter(category=category, effective_from=effective_from).exists():
            raise _overlap(category, effective_from)
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
            raise unprocessable(
                "policy_terms_missing",
                "The first policy version needs: {fields}.",
                "La primera versión de la política necesita: {fields}.",
                fields=", ".join(missing),
            )
        merged["currency"] = str(merged["currency"]).upper()
        check_terms(merged, organization.currency)
        policy = Policy.objects.create(category=category, effective_from=effective_from, **merged)
        event_record(
            AdminEventKind.POLICY_CREATED,
            organization_id=organization.pk,
            actor=admin,
            version=version_name(policy),
            fields=sorted(terms),
        )
    return policy


def policy_version_update(*, admin: User, policy: Policy, changes: dict[str, Any]) -> Policy:
    """Correct a version no expense has been judged under yet (a typo in tomorrow's cap)."""
    category = policy.category
    with transaction.atomic():
        if Expense.objects.filter(policy=policy).exists():
            raise errors.policy_in_use(version_name(policy))
        new_start = changes.get("effective_from", policy.effective_from)
        if (
            new_start != policy.effective_from
            and Policy.objects.filter(category=category, effective_from=new_start).exists()
        ):
            raise _overlap(category, new_start)
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
        old_name = version_name(policy)
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
