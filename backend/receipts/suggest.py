"""Which category a read receipt most likely belongs to, from its NIT, vendor and words. Pure: no
Django, no app. It only suggests a code ("internet", "chair", "desk"); whether the organisation has
that category is for claims and the UI to check.
"""

import re
import unicodedata

# Word stems, matched at a word's start on the text without accents, lower-cased.
INTERNET_WORDS = (
    "internet",
    "fibra",
    "mbps",
    "banda ancha",
    "e.s.p",
    "esp ",
    "telecomunicacion",
    "telecom",
    "wifi",
)
# ISPs by NIT (digits, without the check digit) and by vendor name.
INTERNET_NITS = frozenset({"830122566", "800153993", "830114921", "899999115", "900092385"})
INTERNET_VENDORS = ("claro", "movistar", "tigo", "une ", "etb", "wom ")
CHAIR_WORDS = ("silla", "chair", "ergonomic", "butaco")
DESK_WORDS = ("escritorio", "desk", "mesa ", "mesa,", "standing")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _count(text: str, words: tuple[str, ...]) -> int:
    return sum(1 for word in words if re.search(r"(?<![a-z0-9])" + re.escape(word), text))


def suggest_category(
    *, vendor: str = "", nit: str = "", text: str = "", has_service_month: bool = False
) -> str | None:
    """The category code a receipt suggests, or None when nothing points anywhere."""
    vendor_plain = _plain(vendor) + " "
    words = " ".join(_plain(text).split()) + " " + vendor_plain
    nit_digits = re.sub(r"\D", "", nit or "")
    internet = _count(words, INTERNET_WORDS) + _count(vendor_plain, INTERNET_VENDORS)
    if nit_digits[:9] in INTERNET_NITS:
        internet += 2
    if has_service_month:
        internet += 1
    chair = _count(words, CHAIR_WORDS)
    desk = _count(words, DESK_WORDS)
    if internet and internet >= max(chair, desk):
        return "internet"
    if chair or desk:
        return "chair" if chair >= desk else "desk"
    return None
