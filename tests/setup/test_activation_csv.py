"""The printable activation list is opened in a spreadsheet: no cell of it may run as a formula.
Pure: no Django, no database."""

import csv
import io

import pytest

from orgsetup.codes_csv import HEADINGS, activation_csv


def _rows(full_name: str) -> list[dict[str, str]]:
    return [
        {
            "employee_id": "E-1",
            "full_name": full_name,
            "username": "ana",
            "activation_code": "ABCD-EFGH",
            "link": "https://homeclaim.example/activate#code=ABCD-EFGH",
            "expires_at": "2026-12-01T00:00:00+00:00",
        }
    ]


def _cells(data: bytes, separator: str) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://x","y")', "+57 300", "-1+1", "@SUM(A1)", "\tcmd", "\rcmd"],
)
def test_a_formula_like_name_is_written_as_text(name):
    header, row = _cells(activation_csv(_rows(name), ";"), ";")
    assert header == list(HEADINGS)
    assert row[1] == "'" + name


def test_ordinary_text_is_left_as_it_is():
    [_, row] = _cells(activation_csv(_rows("Iñaki Ortúzar-Díaz"), ","), ",")
    assert row == [
        "E-1",
        "Iñaki Ortúzar-Díaz",
        "ana",
        "ABCD-EFGH",
        "https://homeclaim.example/activate#code=ABCD-EFGH",
        "2026-12-01T00:00:00+00:00",
    ]
