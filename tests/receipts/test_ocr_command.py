import json

import pytest
from django.core.management import CommandError, call_command

from tests.receipts import samples
from tests.receipts.tickets import COLOMBIAN_CASH, ticket


@pytest.mark.slow
def test_ocr_command_prints_one_json_line_per_file(tmp_path, capsys):
    good = tmp_path / "ticket.jpg"
    good.write_bytes(ticket(COLOMBIAN_CASH))
    bad = tmp_path / "drawing.svg"
    bad.write_bytes(samples.svg_bytes())
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("ocr", str(good), str(bad), "--json")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == {
        "file": str(good),
        "total": "500000.00",
        "currency": "COP",
        "date": "2026-03-15",
        "vendor": "FERRETERIA EL TORNILLO S.A.S.",
        "confidence": lines[0]["confidence"],
        "source": "ocr",
        "confident": True,
    }
    assert lines[0]["confidence"] >= 0.8
    assert lines[1] == {"file": str(bad), "error": "unsupported_type"}
