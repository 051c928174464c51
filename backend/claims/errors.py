from core.errors import ApiError, unprocessable


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
