"""Every error orgsetup answers with: a stable code, an HTTP status, a message in both languages."""

from datetime import date
from typing import Any

from core.errors import ApiError, conflict, unprocessable
from orgsetup.messages import Problem


def file_refused(problem: Problem, language: str) -> ApiError:
    """A file that cannot be read at all: 413 when too big, 422 otherwise, in both languages."""
    status = 413 if problem.code == "file_too_large" else 422
    error = ApiError(status, problem.code, problem.message("en"), problem.message("es"))
    error.details = {k: v for k, v in problem.params.items() if k not in ("columns", "expected")}
    for key in ("columns", "expected"):
        if key in problem.params:
            error.details[key] = list(problem.params[key])
    return error


def import_has_errors(report: dict[str, Any], error_count: int, valid_rows: int) -> ApiError:
    return ApiError(
        422,
        "import_has_errors",
        "Nothing was imported: {error_rows} rows have errors. Fix them, or send the file again with "
        "confirm={confirm_token} to import only the {valid_rows} valid rows.",
        "No se importó nada: {error_rows} filas tienen errores. Corríjalas, o envíe de nuevo el archivo "
        "con confirm={confirm_token} para importar solo las {valid_rows} filas válidas.",
        error_rows=error_count,
        valid_rows=valid_rows,
        confirm_token=report["confirm_token"],
        report=report,
    )


def rates_have_errors(report: dict[str, Any], error_count: int) -> ApiError:
    return ApiError(
        422,
        "import_has_errors",
        "Nothing was imported: {error_rows} rows have errors.",
        "No se importó nada: {error_rows} filas tienen errores.",
        error_rows=error_count,
        report=report,
    )


def confirm_mismatch() -> ApiError:
    return ApiError(
        409,
        "confirm_mismatch",
        "This confirmation belongs to another file. Run a dry run of this file and confirm its report.",
        "Esta confirmación corresponde a otro archivo. Haga una prueba con este archivo y confirme su informe.",
    )


def own_account() -> ApiError:
    return conflict(
        "own_account",
        "You cannot change your own role or deactivate yourself; ask another admin.",
        "No puede cambiar su propio rol ni desactivarse; pídalo a otro administrador.",
    )


def employee_id_taken() -> ApiError:
    return conflict(
        "employee_id_taken",
        "Another person in your organisation has this employee id.",
        "Otra persona de su organización tiene este id de empleado.",
    )


def username_taken() -> ApiError:
    return conflict(
        "username_taken",
        "This username already belongs to another person.",
        "Este usuario ya pertenece a otra persona.",
    )


def invalid_activation_code() -> ApiError:
    # One answer for unknown, used and expired codes: the endpoint is anonymous.
    return unprocessable(
        "invalid_activation_code",
        "This activation code is not valid or has expired. Ask your administrator for a new one.",
        "Este código de activación no es válido o ya venció. Pida uno nuevo a su administrador.",
    )


def has_password(ids: list[int]) -> ApiError:
    return unprocessable(
        "has_password",
        "{count} of these people already have a password, which an activation code would replace. "
        "Ask again with reset_password to reset it on purpose, or leave them out.",
        "{count} de estas personas ya tienen contraseña, que un código de activación reemplazaría. "
        "Pídalo de nuevo con reset_password para restablecerla a propósito, o déjelas fuera.",
        count=len(ids),
        ids=ids,
    )


def weak_password(en: list[str], es: list[str]) -> ApiError:
    return unprocessable(
        "weak_password",
        "Choose another password: {problems}",
        "Elija otra contraseña: {problems_es}",
        problems=" ".join(en),
        problems_es=" ".join(es),
    )


def category_exists(code: str) -> ApiError:
    return conflict(
        "category_exists",
        "There is already a category '{category}'.",
        "Ya existe la categoría '{category}'.",
        category=code,
    )


def policy_in_use(version: str) -> ApiError:
    return conflict(
        "policy_in_use",
        "The policy version '{version}' has already judged expenses; add a new version from a later date instead.",
        "La versión de política '{version}' ya se aplicó a gastos; cree una versión nueva desde una fecha posterior.",
        version=version,
    )


def currency_locked() -> ApiError:
    return conflict(
        "currency_locked",
        "The currency cannot change once the organisation has policies, rates or expenses.",
        "La moneda no puede cambiar cuando la organización ya tiene políticas, tasas o gastos.",
    )


def import_conflict() -> ApiError:
    return conflict(
        "import_conflict",
        "Someone changed the same people meanwhile; run the import again.",
        "Alguien cambió a las mismas personas mientras tanto; ejecute la importación de nuevo.",
    )


def end_before_start() -> ApiError:
    return unprocessable(
        "end_before_start",
        "The end date is before the start date.",
        "La fecha de fin es anterior a la fecha de inicio.",
    )


def invalid_category_code() -> ApiError:
    return unprocessable(
        "invalid_category_code",
        "A category code uses lowercase letters, digits, - and _ (at most 40), e.g. 'chair'.",
        "El código de categoría usa minúsculas, dígitos, - y _ (máximo 40), p. ej. 'silla'.",
    )


def _money_term_names(name: str) -> dict[str, str]:
    return {"term": name.replace("_", " "), "term_es": "tope" if name == "cap" else "mínimo legal"}


def invalid_money_term(name: str) -> ApiError:
    """`invalid_cap` or `invalid_legal_floor`."""
    return unprocessable(
        f"invalid_{name}",
        "The {term} must be an amount with at most 12 digits and 2 decimals.",
        "El {term_es} debe ser un monto de máximo 12 dígitos y 2 decimales.",
        **_money_term_names(name),
    )


def negative_money_term(name: str) -> ApiError:
    """`negative_cap` or `negative_legal_floor`."""
    return unprocessable(
        f"negative_{name}",
        "The {term} cannot be negative.",
        "El {term_es} no puede ser negativo.",
        **_money_term_names(name),
    )


def invalid_policy_kind() -> ApiError:
    return unprocessable(
        "invalid_policy_kind",
        "The kind must be one_time or monthly.",
        "El tipo debe ser one_time (una vez) o monthly (mensual).",
    )


def unknown_currency(currency: str) -> ApiError:
    return unprocessable(
        "unknown_currency",
        "'{currency}' is not an ISO 4217 currency code such as COP or USD.",
        "'{currency}' no es un código de moneda ISO 4217 como COP o USD.",
        currency=currency,
    )


def policy_currency(organization_currency: str) -> ApiError:
    return unprocessable(
        "policy_currency",
        "A policy must be in the organisation's currency ({org_currency}).",
        "La política debe estar en la moneda de la organización ({org_currency}).",
        org_currency=organization_currency,
    )


def work_use_percent_out_of_range() -> ApiError:
    return unprocessable(
        "work_use_percent_out_of_range",
        "The work-use percentage must be between 0 and 100.",
        "El porcentaje de uso laboral debe estar entre 0 y 100.",
    )


def invalid_replacement_months() -> ApiError:
    return unprocessable(
        "invalid_replacement_months",
        "The replacement period must be between 1 and 600 months.",
        "El periodo de reposición debe estar entre 1 y 600 meses.",
    )


def invalid_claim_window() -> ApiError:
    return unprocessable(
        "invalid_claim_window",
        "The claim window must be between 1 and 3650 days.",
        "El plazo para reclamar debe estar entre 1 y 3650 días.",
    )


def invalid_payroll_concept() -> ApiError:
    return unprocessable(
        "invalid_payroll_concept",
        "The payroll concept code uses letters, digits, . - and _ (at most 40), e.g. 'AUX-CONECT'.",
        "El código de concepto de nómina usa letras, dígitos, . - y _ (máximo 40), p. ej. 'AUX-CONECT'.",
    )


def policy_overlap(category: str, effective_from: date) -> ApiError:
    return unprocessable(
        "policy_overlap",
        "The category '{category}' already has a policy version starting on {date}. Edit that version, or choose another date.",
        "La categoría '{category}' ya tiene una versión de política que empieza el {date}. Edite esa versión o elija otra fecha.",
        category=category,
        date=effective_from.isoformat(),
    )


def policy_terms_missing(missing: list[str]) -> ApiError:
    return unprocessable(
        "policy_terms_missing",
        "The first policy version needs: {fields}.",
        "La primera versión de la política necesita: {fields}.",
        fields=", ".join(missing),
    )
