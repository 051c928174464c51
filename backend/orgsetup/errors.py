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
