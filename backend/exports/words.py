"""The words a person reads instead of codes: statuses, decisions, reasons, events and fields.

Pure: keyed by the models' TextChoices values (tests/exports/test_words.py holds every value to a
word in both languages), plus the one formatter for numbers, plurals and dates in the exports.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

Words = dict[str, dict[str, str]]  # code -> language -> word

RECEIPT_STATUS: Words = {
    "queued": {"en": "Queued", "es": "En cola"},
    "processing": {"en": "Being read", "es": "Leyéndose"},
    "done": {"en": "Read", "es": "Leído"},
    "needs_review": {"en": "Needs checking", "es": "Por revisar"},
    "failed": {"en": "Could not be read", "es": "No se pudo leer"},
}

RECEIPT_KIND: Words = {
    "image": {"en": "Image", "es": "Imagen"},
    "pdf": {"en": "PDF", "es": "PDF"},
}

CLAIM_STATUS: Words = {
    "draft": {"en": "Draft", "es": "Borrador"},
    "submitted": {"en": "Submitted", "es": "Enviada"},
    "approved": {"en": "Approved", "es": "Aprobada"},
    "partially_approved": {"en": "Partly approved", "es": "Aprobada en parte"},
    "rejected": {"en": "Rejected", "es": "Rechazada"},
    "returned": {"en": "Returned", "es": "Devuelta"},
    "paid": {"en": "Paid", "es": "Pagada"},
    "partially_paid": {"en": "Partly paid", "es": "Pagada en parte"},
}

DECISION: Words = {
    "approve": {"en": "Approved", "es": "Aprobado"},
    "partial": {"en": "Approved in part", "es": "Aprobado en parte"},
    "reject": {"en": "Rejected", "es": "Rechazado"},
    "return": {"en": "Returned to me", "es": "Devuelto a mí"},
}

REASON_CODE: Words = {
    "over_cap": {"en": "Over the cap", "es": "Supera el tope"},
    "duplicate": {"en": "Duplicate", "es": "Duplicado"},
    "not_eligible": {"en": "Not eligible", "es": "No elegible"},
    "unreadable_receipt": {"en": "Unreadable receipt", "es": "Recibo ilegible"},
    "outside_window": {"en": "Outside the claim window", "es": "Fuera del plazo para reclamar"},
    "missing_info": {"en": "Missing information", "es": "Falta información"},
    "other": {"en": "Other", "es": "Otro"},
}

EVENT_KIND: Words = {
    "expense_created": {"en": "Expense created", "es": "Gasto creado"},
    "amount_read": {"en": "Amount read from the receipt", "es": "Valor leído del recibo"},
    "amount_changed": {"en": "Amount changed", "es": "Valor cambiado"},
    "claim_created": {"en": "Claim created", "es": "Reclamación creada"},
    "submitted": {"en": "Submitted", "es": "Enviada"},
    "decided": {"en": "Decided", "es": "Decidida"},
    "returned": {"en": "Returned", "es": "Devuelta"},
    "appealed": {"en": "Appealed", "es": "Apelada"},
    "paid": {"en": "Paid", "es": "Pagada"},
    "exported": {"en": "Exported", "es": "Exportado"},
    "receipt_viewed": {"en": "Receipt viewed", "es": "Recibo consultado"},
    "recalled": {"en": "Taken back by me", "es": "Retirada por mí"},
    "decision_undone": {"en": "Decision undone", "es": "Decisión deshecha"},
}

ADMIN_EVENT_KIND: Words = {
    "people_imported": {"en": "People imported", "es": "Personas importadas"},
    "person_created": {"en": "Person created", "es": "Persona creada"},
    "person_updated": {"en": "Person updated", "es": "Persona actualizada"},
    "role_changed": {"en": "Role changed", "es": "Rol cambiado"},
    "deactivated": {"en": "Deactivated", "es": "Desactivada"},
    "reactivated": {"en": "Reactivated", "es": "Reactivada"},
    "activation_issued": {"en": "Activation codes issued", "es": "Códigos de activación emitidos"},
    "activated": {
        "en": "Password set with an activation code",
        "es": "Contraseña creada con un código de activación",
    },
    "category_created": {"en": "Category created", "es": "Categoría creada"},
    "category_updated": {"en": "Category updated", "es": "Categoría actualizada"},
    "policy_created": {"en": "Policy version created", "es": "Versión de política creada"},
    "policy_updated": {"en": "Policy version edited", "es": "Versión de política editada"},
    "rates_imported": {"en": "Exchange rates imported", "es": "Tasas de cambio importadas"},
    "organization_updated": {
        "en": "Organisation settings changed",
        "es": "Ajustes de la organización cambiados",
    },
}

ROLE: Words = {
    "worker": {"en": "Worker", "es": "Trabajador"},
    "hr": {"en": "HR reviewer", "es": "Revisor de RR. HH."},
    "negotiator": {"en": "Negotiator", "es": "Negociador"},
    "admin": {"en": "Administrator", "es": "Administrador"},
}

EXPORT: Words = {
    "payroll": {"en": "payroll file", "es": "archivo de nómina"},
    "worker_pack": {"en": "my data pack", "es": "mi paquete de datos"},
}

# The fields an event's data may name, in words. A key not here is never shown (ids, tokens).
FIELD: Words = {
    "category": {"en": "Category", "es": "Categoría"},
    "amount": {"en": "Amount", "es": "Valor"},
    "currency": {"en": "Currency", "es": "Moneda"},
    "old": {"en": "Before", "es": "Antes"},
    "new": {"en": "Now", "es": "Ahora"},
    "lines": {"en": "Lines", "es": "Líneas"},
    "expense_ids": {"en": "Lines", "es": "Líneas"},
    "resubmitted": {"en": "Sent again", "es": "Reenviada"},
    "decision": {"en": "Decision", "es": "Decisión"},
    "approved_amount": {"en": "Amount approved", "es": "Valor aprobado"},
    "reason_code": {"en": "Reason", "es": "Motivo"},
    "override": {"en": "Over the policy", "es": "Por encima de la política"},
    "note": {"en": "Note", "es": "Nota"},
    "after_payday": {"en": "After payday", "es": "Después del pago"},
    "deadline": {"en": "Deadline", "es": "Plazo"},
    "export": {"en": "Export", "es": "Exportación"},
    "period": {"en": "Period", "es": "Periodo"},
    "claims": {"en": "Claims", "es": "Reclamaciones"},
    "at": {"en": "When", "es": "Cuándo"},
}

# Each field's order in a sentence, and how its value reads.
_MONEY = {"amount", "old", "new", "approved_amount"}
_COUNTS = {"lines": ("line", "lines", "línea", "líneas"), "claims": ("claim", "claims", "reclamación", "reclamaciones")}  # fmt: skip
_YES_NO = {"resubmitted", "override", "after_payday"}
_CODED: dict[str, Words] = {"decision": DECISION, "reason_code": REASON_CODE, "export": EXPORT}

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
}


def lang(language: str) -> str:
    return "es" if language.startswith("es") else "en"


def word(words: Words, code: str | None, language: str) -> str:
    """The code in words; "" stays "", and an unknown code reads as itself, not as nothing."""
    if not code:
        return ""
    entry = words.get(code)
    return entry[lang(language)] if entry else code


def number(value: Decimal | int | str, language: str, places: int = 2) -> str:
    """1234567.5 -> "1.234.567,50" (es) or "1,234,567.50" (en)."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = f"{amount:,.{places}f}"
    if lang(language) == "es":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def count(field: str, value: int, language: str) -> str:
    en_one, en_many, es_one, es_many = _COUNTS[field]
    if lang(language) == "es":
        return plural(value, es_one, es_many)
    return plural(value, en_one, en_many)


def date(value: dt.date, language: str) -> str:
    """30 nov 2026 (es) / 30 Nov 2026 (en)."""
    return f"{value.day} {MONTHS[lang(language)][value.month - 1]} {value.year}"


def moment(value: dt.datetime, language: str) -> str:
    return f"{date(value, language)} {value:%H:%M}"


def period(value: str, language: str) -> str:
    """ "2026-11" -> "nov 2026"."""
    try:
        year, month = (int(part) for part in value.split("-")[:2])
        return f"{MONTHS[lang(language)][month - 1]} {year}"
    except (ValueError, IndexError):
        return value


def _value(field: str, value: object, language: str) -> str:
    es = lang(language) == "es"
    if field in _MONEY:
        return number(value, language) if value is not None else "—"  # type: ignore[arg-type]
    if field in _COUNTS or field == "expense_ids":
        size = len(value) if isinstance(value, list) else int(str(value))
        return count("lines" if field == "expense_ids" else field, size, language)
    if field in _YES_NO:
        return ("sí" if es else "yes") if value else "no"
    if field in _CODED:
        return word(_CODED[field], str(value), language)
    if field == "deadline":
        try:
            return date(dt.date.fromisoformat(str(value)[:10]), language)
        except ValueError:
            return str(value)
    if field == "at":
        try:
            return moment(dt.datetime.fromisoformat(str(value)), language)
        except ValueError:
            return str(value)
    if field == "period":
        return period(str(value), language)
    return str(value)


def sentence(data: dict, language: str) -> str:
    """An event's data as "Field: value; Field: value", in the fields' order; keys with no word
    (ids, tokens, internal keys) and empty values are left out."""
    parts = []
    for field, labels in FIELD.items():
        value = data.get(field)
        if value is None or value == "" or value == [] or (field in _YES_NO and not value):
            continue
        if field == "expense_ids" and "lines" in data:
            continue
        parts.append(f"{labels[lang(language)]}: {_value(field, value, language)}")
    return "; ".join(parts)
