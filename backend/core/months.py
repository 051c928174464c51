"""Months as the API writes them: "2026-11" means the month starting 2026-11-01."""

import re
from datetime import date

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def month_from_text(text: object) -> date | None:
    """The first day of the month written `YYYY-MM` (year 2000 or later), else None."""
    found = _MONTH.fullmatch(text.strip()) if isinstance(text, str) else None
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
        return None
    return date(int(found.group(1)), int(found.group(2)), 1)
