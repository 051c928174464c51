"""The exports' refusals, each with a stable code and a message in both languages."""

from core.errors import ApiError, conflict, unprocessable


def bad_period(field: str) -> ApiError:
    return unprocessable(
        "bad_period",
        "'{field}' must be a month written YYYY-MM, such as 2026-11.",
        "'{field}' debe ser un mes escrito AAAA-MM, por ejemplo 2026-11.",
        field=field,
    )


def bad_range(start: str, end: str) -> ApiError:
    return unprocessable(
        "bad_range",
        "'from' ({start}) is after 'to' ({end}).",
        "'from' ({start}) es posterior a 'to' ({end}).",
        start=start,
        end=end,
    )


def range_too_long(months: int, max_months: int) -> ApiError:
    return unprocessable(
        "range_too_long",
        "The range covers {months} months; the most is {max_months}.",
        "El rango cubre {months} meses; el máximo es {max_months}.",
        months=months,
        max_months=max_months,
    )


def nothing_to_pay(*, period: str) -> ApiError:
    return conflict(
        "nothing_to_pay",
        "There is nothing to pay up to {period}: no approved line is waiting. No batch was made.",
        "No hay nada que pagar hasta {period}: ninguna línea aprobada está pendiente. No se generó ningún lote.",
        period=period,
    )
