"""The printable list of activation codes, as the organisation's CSV. Pure: no Django."""

import csv
import io
from collections.abc import Iterable

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADINGS = ("employee_id", "full_name", "username", "activation_code", "link", "expires_at")


def _safe(value: str) -> str:
    # A spreadsheet would run "=..." as a formula; a leading ' keeps it text.
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def activation_csv(rows: Iterable[dict[str, str]], separator: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow([_safe(str(row[name])) for name in HEADINGS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8
