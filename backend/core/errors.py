"""One error type for the whole API: a stable code, an HTTP status, a message in two languages."""

from typing import Any

from django.utils import translation


class ApiError(Exception):
    """Raise from services; the API turns it into {"code", "message", "details"}.

    `en` and `es` may hold `{name}` fields filled from `details`.
    """

    def __init__(self, status: int, code: str, en: str, es: str, /, **details: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.texts = {"en": en, "es": es}
        self.details = details

    def message(self, language: str | None = None) -> str:
        language = (language or translation.get_language() or "en")[:2]
        text = self.texts.get(language, self.texts["en"])
        try:
            return text.format(**self.details)
        except (KeyError, IndexError, ValueError):
            return text

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message(), "details": self.details}


def unprocessable(code: str, en: str, es: str, **details: Any) -> ApiError:
    """422: the request is well formed but asks for something the rules refuse."""
    return ApiError(422, code, en, es, **details)


def conflict(code: str, en: str, es: str, **details: Any) -> ApiError:
    """409: the request clashes with the current state of the data."""
    return ApiError(409, code, en, es, **details)


def not_found() -> ApiError:
    # Objects of another person or organisation are "not found", never "forbidden".
    return ApiError(404, "not_found", "Not found.", "No encontrado.")


def forbidden() -> ApiError:
    return ApiError(
        403,
        "forbidden",
        "Your role does not allow this.",
        "Su rol no le permite hacer esto.",
    )
