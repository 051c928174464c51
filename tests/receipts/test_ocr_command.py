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
        "nit": "900123456-7",
        "service_month": None,
        "confidence": lines[0]["confidence"],
        "confidences": lines[0]["confidences"],
        "source": "ocr",
        "confident": True,
        "seconds": lines[0]["seconds"],
    }
    assert lines[0]["confidence"] >= 0.8
    sure = lines[0]["confidences"]
    assert sure["total"] == lines[0]["confidence"]
    assert min(sure["date"], sure["vendor"]) >= 0.7
    assert sure["nit"] < 0.7  # its printed check digit (7) does not match DIAN's (8)
    assert sure["service_month"] == 0.0  # a ticket covers no billing period
    assert 0 < lines[0]["seconds"] < 60
    assert lines[1] == {"file": str(bad), "error": "unsupported_type"}
