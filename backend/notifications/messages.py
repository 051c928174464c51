"""What a notification says, in Spanish or English: what happened and where to see it.

Only ids and counts go in. Never an amount, a vendor, a note or anything read from a receipt:
mail crosses servers nobody here controls.
"""

from dataclasses import dataclass

from notifications.models import Kind, Notification

# kind -> language -> (subject, body); the fields are `ref` (#id), `count` and `url`.
TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    Kind.DECIDED: {
        "en": (
            "Your claim {ref} has a decision",
            "HR has decided on your claim {ref}.\n\nSee the decision: {url}",
        ),
        "es": (
            "Su reclamación {ref} tiene una decisión",
            "Recursos Humanos decidió sobre su reclamación {ref}.\n\nVea la decisión: {url}",
        ),
    },
    Kind.RETURNED: {
        "en": (
            "Your claim {ref} was returned to you",
            "HR returned your claim {ref} so you can correct it and submit it again.\n\n"
            "Open it: {url}",
        ),
        "es": (
            "Su reclamación {ref} le fue devuelta",
            "Recursos Humanos le devolvió su reclamación {ref} para que la corrija y la envíe "
            "de nuevo.\n\nÁbrala: {url}",
        ),
    },
    Kind.APPEAL_DECIDED: {
        "en": (
            "Your appeal on claim {ref} has been decided",
            "HR has decided your appeal on claim {ref}.\n\nSee the outcome: {url}",
        ),
        "es": (
            "Su apelación en la reclamación {ref} fue decidida",
            "Recursos Humanos decidió su apelación en la reclamación {ref}.\n\n"
            "Vea el resultado: {url}",
        ),
    },
    Kind.PAID: {
        "en": (
            "Your claim {ref} was paid",
            "Payroll has paid the approved lines of your claim {ref}.\n\nSee it: {url}",
        ),
        "es": (
            "Su reclamación {ref} fue pagada",
            "La nómina pagó las líneas aprobadas de su reclamación {ref}.\n\nVéala: {url}",
        ),
    },
    Kind.RECEIPT_UNREADABLE: {
        "en": (
            "A receipt could not be read",
            "We could not read your receipt {ref}. You can enter its details yourself or "
            "upload a clearer photo.\n\nOpen it: {url}",
        ),
        "es": (
            "No se pudo leer un recibo",
            "No pudimos leer su recibo {ref}. Puede escribir sus datos usted mismo o subir una "
            "foto más clara.\n\nÁbralo: {url}",
        ),
    },
    Kind.DIGEST: {
        "en": (
            "New claims to review: {count}",
            "{count} claim(s) were submitted since the last summary.\n\n"
            "Open the review queue: {url}",
        ),
        "es": (
            "Reclamaciones nuevas por revisar: {count}",
            "Se enviaron {count} reclamación(es) desde el último resumen.\n\n"
            "Abra la cola de revisión: {url}",
        ),
    },
}

FOOTER = {
    "en": "\n\n--\nhomeclaim. You can turn these mails off in the app (notifications).",
    "es": "\n\n--\nhomeclaim. Puede desactivar estos correos en la aplicación (notificaciones).",
}


def link_of(notification: Notification) -> str:
    """The app's page the notification is about (a path, for the app and the mail)."""
    if notification.kind == Kind.DIGEST:
        return "/review"
    if notification.kind == Kind.RECEIPT_UNREADABLE:
        return f"/receipts/{notification.receipt_id}"
    return f"/claims/{notification.claim_id}"


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


def mail_of(notification: Notification, *, language: str, site_url: str) -> Mail:
    language = language if language in ("en", "es") else "es"
    subject, body = TEXTS[notification.kind][language]
    ref = f"#{notification.receipt_id or notification.claim_id or ''}"
    fields = {
        "ref": ref,
        "count": notification.count or 0,
        "url": site_url.rstrip("/") + link_of(notification),
    }
    return Mail(subject.format(**fields), body.format(**fields) + FOOTER[language])
