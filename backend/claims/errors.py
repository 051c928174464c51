from typing import Any

from core.errors import ApiError, conflict, unprocessable


def invalid_transition(status: str, action: str) -> ApiError:
    return ApiError(
        409,
        "invalid_transition",
        "A claim that is {claim_status} cannot be {action}.",
        "Una reclamación en estado {claim_status} no se puede {action_es}.",
        claim_status=status,
        action=action,
        action_es=_ACTIONS_ES.get(action, action),
    )


_ACTIONS_ES = {
    "submitted": "enviar",
    "decided": "decidir",
    "appealed": "apelar",
    "paid": "pagar",
    "edited": "editar",
    "deleted": "eliminar",
    "recalled": "retirar",
    "undone": "deshacer",
}


def empty_claim() -> ApiError:
    return ApiError(
        409,
        "empty_claim",
        "Add at least one expense before submitting the claim.",
        "Agregue al menos un gasto antes de enviar la reclamación.",
    )


def unknown_category(code: str) -> ApiError:
    return unprocessable(
        "unknown_category",
        "There is no category '{category}' in your organisation.",
        "No existe la categoría '{category}' en su organización.",
        category=code,
    )


def unknown_receipt(receipt_id: int) -> ApiError:
    return unprocessable(
        "unknown_receipt",
        "Receipt {receipt_id} is not one of your receipts.",
        "El recibo {receipt_id} no es uno de sus recibos.",
        receipt_id=receipt_id,
    )


def receipt_taken(receipt_id: int) -> ApiError:
    return ApiError(
        409,
        "receipt_already_used",
        "Receipt {receipt_id} already belongs to another expense.",
        "El recibo {receipt_id} ya pertenece a otro gasto.",
        receipt_id=receipt_id,
    )


def no_rate(currency: str, month: str, org_currency: str) -> ApiError:
    return unprocessable(
        "no_exchange_rate",
        "There is no exchange rate from {currency} to {org_currency} for {month}. Ask HR to add it.",
        "No hay tasa de cambio de {currency} a {org_currency} para {month}. Pida a RR. HH. que la registre.",
        currency=currency,
        month=month,
        org_currency=org_currency,
    )


def no_policy(category: str, day: str) -> ApiError:
    return unprocessable(
        "no_policy",
        "The category '{category}' has no policy in force on {date}.",
        "La categoría '{category}' no tiene política vigente el {date}.",
        category=category,
        date=day,
    )


def already_appealed() -> ApiError:
    return conflict(
        "already_appealed",
        "This line was already appealed once.",
        "Esta línea ya fue apelada una vez.",
    )


def already_decided(*, expense_id: Any) -> ApiError:
    return conflict(
        "already_decided",
        "Line {expense_id} was already decided.",
        "La línea {expense_id} ya fue decidida.",
        expense_id=expense_id,
    )


def amount_required() -> ApiError:
    return unprocessable(
        "amount_required",
        "The amount could not be read from the receipt: enter it.",
        "No se pudo leer el valor del recibo: escríbalo.",
    )


def bad_partial_amount(*, expense_id: Any, ceiling: Any) -> ApiError:
    return unprocessable(
        "bad_partial_amount",
        "For line {expense_id} the approved amount must be above 0 and below {ceiling}.",
        "Para la línea {expense_id} el valor aprobado debe ser mayor que 0 y menor que {ceiling}.",
        expense_id=expense_id,
        ceiling=ceiling,
    )


def category_required() -> ApiError:
    return unprocessable(
        "category_required",
        "Choose a category.",
        "Elija una categoría.",
    )


def claim_changed() -> ApiError:
    return conflict(
        "claim_changed",
        "Someone else changed this claim meanwhile. Reload it and decide again.",
        "Alguien más cambió esta reclamación. Recárguela y decida de nuevo.",
    )


def date_in_future(*, date: Any) -> ApiError:
    return unprocessable(
        "date_in_future",
        "The date {date} is in the future.",
        "La fecha {date} está en el futuro.",
        date=date,
    )


def date_required() -> ApiError:
    return unprocessable(
        "date_required",
        "The date could not be read from the receipt: enter it.",
        "No se pudo leer la fecha del recibo: escríbala.",
    )


def expense_in_other_claim(*, ids: Any) -> ApiError:
    return conflict(
        "expense_in_other_claim",
        "These expenses are already in another claim: {ids}.",
        "Estos gastos ya están en otra reclamación: {ids}.",
        ids=ids,
    )


def no_clean_lines() -> ApiError:
    return conflict(
        "no_clean_lines",
        "No pending line is clean (each has a flag or a policy objection): decide them one by one.",
        "Ninguna línea pendiente está limpia (cada una tiene una alerta u objeción): decídalas una a una.",
    )


def no_decisions() -> ApiError:
    return unprocessable(
        "no_decisions",
        "Decide at least one line.",
        "Decida al menos una línea.",
    )


def not_rejected() -> ApiError:
    return conflict(
        "not_rejected",
        "Only a rejected line can be appealed.",
        "Solo se puede apelar una línea rechazada.",
    )


def own_claim() -> ApiError:
    return conflict(
        "own_claim",
        "You cannot decide your own claim; another reviewer must.",
        "No puede decidir su propia reclamación; debe hacerlo otra persona.",
    )


def reason_required(*, expense_id: Any) -> ApiError:
    return unprocessable(
        "reason_required",
        "Give a reason code for line {expense_id}.",
        "Indique un motivo para la línea {expense_id}.",
        expense_id=expense_id,
    )


def receipt_required() -> ApiError:
    return unprocessable(
        "receipt_required",
        "This category needs a receipt.",
        "Esta categoría requiere un recibo.",
    )


def unknown_expense(*, ids: Any) -> ApiError:
    return unprocessable(
        "unknown_expense",
        "These expenses are not yours: {ids}.",
        "Estos gastos no son suyos: {ids}.",
        ids=ids,
    )


def unknown_line(*, expense_id: Any) -> ApiError:
    return unprocessable(
        "unknown_line",
        "Line {expense_id} is not in this claim (or is listed twice).",
        "La línea {expense_id} no está en esta reclamación (o está repetida).",
        expense_id=expense_id,
    )


def over_limit(*, expense_id: int, eligible: str) -> ApiError:
    return conflict(
        "over_limit",
        "Line {expense_id}: the policy allows {eligible} now. To approve more, mark it as an "
        "override and give a reason.",
        "Línea {expense_id}: la política permite {eligible} ahora. Para aprobar más, márquela "
        "como excepción y dé un motivo.",
        expense_id=expense_id,
        eligible=eligible,
    )


def override_needs_approval(*, expense_id: int) -> ApiError:
    return unprocessable(
        "override_needs_approval",
        "Line {expense_id}: only an approval can override the policy.",
        "Línea {expense_id}: solo una aprobación puede hacer excepción a la política.",
        expense_id=expense_id,
    )


def appeal_too_late(*, deadline: Any) -> ApiError:
    return conflict(
        "appeal_too_late",
        "The time to appeal this line ended on {deadline}.",
        "El plazo para apelar esta línea terminó el {deadline}.",
        deadline=deadline,
    )


def already_opened() -> ApiError:
    return conflict(
        "already_opened",
        "HR has already opened this claim: it can no longer be recalled. Ask HR to return it.",
        "Talento humano ya abrió esta reclamación: ya no se puede retirar. Pida que se la devuelvan.",
    )


def not_decided(*, expense_id: int) -> ApiError:
    return conflict(
        "not_decided",
        "Line {expense_id} has no decision to undo.",
        "La línea {expense_id} no tiene una decisión que deshacer.",
        expense_id=expense_id,
    )


def already_in_payroll(*, expense_id: int) -> ApiError:
    return conflict(
        "already_in_payroll",
        "Line {expense_id} is already in a payroll batch: its decision can no longer be undone.",
        "La línea {expense_id} ya está en una nómina: su decisión ya no se puede deshacer.",
        expense_id=expense_id,
    )
