"""The language of the request being served: "es" or "en" (Spanish and English are supported)."""

from django.utils import translation


def current_language() -> str:
    return "es" if (translation.get_language() or "en").startswith("es") else "en"


def is_spanish() -> bool:
    return current_language() == "es"
