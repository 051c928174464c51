"""The printable list of activation codes, as the organisation's CSV. Pure: no Django."""

import csv
import io
from collections.abc import Iterable

from core.cells import csv_text

HEADINGS = ("employee_id", "full_name", "username", "activation_code", "link", "expires_at")


def activation_csv(rows: Iterable[dict[str, str]], separator: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow([csv_text(str(row[name])) for name in HEADINGS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8
