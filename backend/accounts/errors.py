from core.errors import ApiError


def invalid_credentials() -> ApiError:
    return ApiError(
        401,
        "invalid_credentials",
        "Wrong username or password.",
        "Usuario o contraseña incorrectos.",
    )


def account_inactive() -> ApiError:
    return ApiError(
        403,
        "account_inactive",
        "This account is no longer active. Ask your HR department if this is a mistake.",
        "Esta cuenta ya no está activa. Consulte a Recursos Humanos si es un error.",
    )


def too_many_attempts(retry_after: int) -> ApiError:
    return ApiError(
        429,
        "too_many_attempts",
        "Too many failed attempts. Try again in {retry_after} seconds.",
        "Demasiados intentos fallidos. Intente de nuevo en {retry_after} segundos.",
        retry_after=retry_after,
    )


def token_expired() -> ApiError:
    return ApiError(
        401,
        "token_expired",
        "This API token has expired: create a new one.",
        "Este token de API venció: cree uno nuevo.",
    )


def token_days_out_of_range(maximum: int) -> ApiError:
    return ApiError(
        422,
        "token_days_out_of_range",
        "A token can last from 1 to {maximum} days.",
        "Un token puede durar de 1 a {maximum} días.",
        maximum=maximum,
    )


def csrf_failed() -> ApiError:
    return ApiError(
        403,
        "csrf_failed",
        "The security token (CSRF) is missing or wrong: reload the page and try again.",
        "Falta el token de seguridad (CSRF) o no es válido: recargue la página e intente de nuevo.",
    )
