"""The pure file reading: encodings, separators, headings, XLSX quirks, sizes. No Django, no DB."""

import pytest

from orgsetup.importing import FileRefused, decode_text, read_sheet
from orgsetup.rows import PEOPLE_ALIASES, RATE_ALIASES, parse_number, people_rows, rate_rows
from tests.setup.files import HEADING, PEOPLE, csv_bytes, with_saved_results, xlsx_bytes

MB = 1024 * 1024


def read(data: bytes, aliases=PEOPLE_ALIASES, max_bytes=10 * MB, max_rows=100_000):
    return read_sheet(data, aliases=aliases, max_bytes=max_bytes, max_rows=max_rows)


def people(data: bytes):
    return people_rows(read(data))


def refused(data: bytes, **kwargs) -> str:
    with pytest.raises(FileRefused) as caught:
        sheet = read(data, **kwargs)
        people_rows(sheet)
    return caught.value.problem.code


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", False, "utf-8"),
        ("utf-8", True, "utf-8-sig"),
        ("latin-1", False, "windows-1252"),
        ("cp1252", False, "windows-1252"),
    ],
)
def test_accented_names_survive_every_common_encoding(encoding, bom, expected):
    sheet = read(csv_bytes(PEOPLE, encoding=encoding, bom=bom))
    rows, problems = people_rows(sheet)
    assert problems == []
    assert sheet.encoding == expected
    assert [r.values["full_name"] for r in rows] == [p[1] for p in PEOPLE]
    assert rows[0].employee_id == "E-100"  # the BOM is not glued to the first heading


def test_undecodable_bytes_are_reported_not_garbled():
    # 0x81 is undefined in Windows-1252 and not UTF-8: no guess can be right.
    assert refused(csv_bytes(PEOPLE) + b"E-9;Ana \x81;a@b.co;;;;\r\n") == "unknown_encoding"
    assert refused("employee_id;full_name\r\nE-1;Ana\r\n".encode("utf-16-le")) == "unknown_encoding"


def test_text_already_garbled_by_a_wrong_conversion_is_refused():
    garbled = csv_bytes(PEOPLE).decode("utf-8").encode("utf-8").decode("latin-1").encode("utf-8")
    assert refused(garbled) == "double_encoded"


def test_utf16_with_bom_is_read():
    text, encoding = decode_text("employee_id;full_name\r\nE-1;Peña\r\n".encode("utf-16"))
    assert encoding == "utf-16" and "Peña" in text


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_separator_is_sniffed(separator):
    sheet = read(csv_bytes(PEOPLE, separator=separator))
    assert sheet.separator == separator
    assert len(people_rows(sheet)[0]) == 3


def test_headings_in_spanish_with_accents_and_marks_are_recognised():
    heading = [
        "Código de empleado*",
        "Nombre completo",
        "Correo electrónico",
        "Rol",
        "Centro de costos",
        "Fecha de ingreso",
        "Fecha de retiro",
    ]
    rows, problems = people(csv_bytes(PEOPLE, heading=heading))
    assert problems == [] and rows[1].values["role"] == "hr"
    assert str(rows[1].values["start_date"]) == "2025-03-15"


def test_missing_required_columns_are_named():
    with pytest.raises(FileRefused) as caught:
        people(csv_bytes([["E-1", "worker"]], heading=["employee_id", "role"]))
    problem = caught.value.problem
    assert problem.code == "missing_columns"
    assert (
        problem.message("es") == "Faltan columnas obligatorias: nombre_completo, usuario o correo."
    )


def test_a_file_without_a_recognisable_heading_is_refused():
    assert refused(b"a;b;c\r\n1;2;3\r\n") == "no_heading"


def test_duplicate_employee_ids_mark_every_occurrence():
    rows, problems = people(
        csv_bytes([*PEOPLE, ["E-100", "Otra Persona", "otra@example.co", "", "", "", ""]])
    )
    assert sorted((p.row, p.code) for p in problems) == [
        (2, "duplicate_employee_id"),
        (5, "duplicate_employee_id"),
    ]
    assert {r.employee_id for r in rows} == {"E-101", "E-102"}
    assert (
        problems[0].message("en")
        == "The same employee id is also in row 5; keep one row per person."
    )


def test_control_characters_and_impossible_dates_are_problems_of_their_cell():
    rows = [
        ["E-1", "Ana\x07Ruiz", "a@x.co", "", "", "2026-02-30", ""],
        ["E-2", "Luis\u00a0Peña", "l@x.co", "", "", "2026-5-1", "2026-12-31"],
    ]
    valid, problems = people(csv_bytes(rows))
    assert {(p.row, p.column, p.code) for p in problems} == {
        (2, "full_name", "control_characters"),
        (2, "start_date", "invalid_date"),
    }
    assert valid[0].values["full_name"] == "Luis\u00a0Peña"  # not printable, yet no control
    assert str(valid[0].values["start_date"]) == "2026-05-01"
    assert str(valid[0].values["end_date"]) == "2026-12-31"


def test_cell_problems_name_row_and_column_in_both_languages():
    bad = [
        ["E-1", "", "not-an-email", "jefe", "", "31/02/2026", ""],
        ["E-2", "Ana", "ana@x.co", "", "", "2026-05-01", "2026-04-01"],
    ]
    _, problems = people(csv_bytes(bad))
    found = {(p.row, p.column, p.code) for p in problems}
    assert found == {
        (2, "full_name", "required"),
        (2, "email", "invalid_email"),
        (2, "role", "invalid_role"),
        (2, "start_date", "invalid_date"),
        (3, "end_date", "end_before_start"),
    }
    role = next(p for p in problems if p.code == "invalid_role")
    assert role.as_dict("es")["message"].startswith("Rol desconocido")


# How fast this is belongs to `make bench-import`, not to a timed assertion here.
def test_empty_trailing_rows_are_skipped():
    data = csv_bytes(PEOPLE) + b";;;;;;\r\n" * 100_000
    rows, problems = people(data)
    assert len(rows) == 3 and problems == []


def test_empty_trailing_rows_in_xlsx_are_skipped():
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(PEOPLE)))
    sheet = workbook.active
    for row in range(5, 100_005):
        sheet.cell(row=row, column=1).value = ""  # Excel keeps formatted, empty rows like these
    out = io.BytesIO()
    workbook.save(out)
    rows, problems = people(out.getvalue())
    assert len(rows) == 3 and problems == []


def test_a_20_mb_file_is_refused_with_its_size():
    with pytest.raises(FileRefused) as caught:
        read(b"x" * (20 * MB))
    assert caught.value.problem.code == "file_too_large"
    assert "20.0 MB" in caught.value.problem.message("en")


def test_too_many_rows_are_refused():
    assert refused(csv_bytes(PEOPLE), max_rows=2) == "too_many_rows"


def test_old_excel_and_damaged_workbooks_are_refused_clearly():
    assert refused(b"\xd0\xcf\x11\xe0" + b"\x00" * 100) == "old_excel_format"
    assert refused(b"PK\x03\x04 not really a zip") == "unreadable_spreadsheet"


def test_xlsx_with_numbers_and_dates_in_cells():
    from datetime import datetime

    rows, problems = people(
        xlsx_bytes([[1045.0, "Ana Ruiz", "ana@x.co", "worker", "CC-1", datetime(2024, 1, 2), None]])
    )
    assert problems == []
    assert rows[0].employee_id == "1045" and str(rows[0].values["start_date"]) == "2024-01-02"


def test_xlsx_merged_title_row_above_the_heading_is_skipped():
    sheet = read(xlsx_bytes(PEOPLE, title="Directorio de personal 2026"))
    assert sheet.header_row == 2
    assert len(people_rows(sheet)[0]) == 3


def test_xlsx_heading_merged_over_two_columns_is_refused_naming_the_column():
    heading = ["employee_id", "full_name", None, "email"]
    rows = [["E-1", "Ana", "Ruiz", "ana@x.co"]]
    data = xlsx_bytes(rows, heading=heading, merge="B1:C1")
    with pytest.raises(FileRefused) as caught:
        read(data)
    assert caught.value.problem.code == "unnamed_column"
    assert caught.value.problem.params == {"column": "C", "row": 2}


def test_xlsx_formulas_without_saved_results_are_reported_per_cell():
    rows = [["E-1", "Ana", "ana@x.co", "worker", None, None, None]]
    data = xlsx_bytes(rows, formulas={"E2": '="CC-"&"01"'})
    valid, problems = people(data)
    assert valid == []
    assert [(p.row, p.column, p.code) for p in problems] == [
        (2, "cost_centre", "uncalculated_formula")
    ]


def test_xlsx_formulas_with_saved_results_use_them():
    rows = [["E-1", "Ana", "ana@x.co", "worker", None, None, None]]
    data = with_saved_results(xlsx_bytes(rows, formulas={"E2": '="CC-"&"01"'}), {"E2": "CC-01"})
    sheet = read(data)
    valid, problems = people_rows(sheet)
    assert problems == [] and valid[0].values["cost_centre"] == "CC-01"
    assert [n.code for n in sheet.notes] == ["formulas_used_saved_results"]


def test_email_becomes_the_login_when_there_is_no_username_column():
    rows, _ = people(csv_bytes(PEOPLE))
    assert rows[0].login == "jose.pena@example.co" and "username" not in rows[0].values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4100.5", "4100.5"),
        ("4100,5", "4100.5"),
        ("4.100,50", "4100.50"),
        ("4,100.50", "4100.50"),
        ("0,000244", "0.000244"),
        ("1.234.567", "1234567"),
        ("0.245", "0.245"),
    ],
)
def test_numbers_in_either_convention(text, value):
    from decimal import Decimal

    assert parse_number(text) == Decimal(value)


def test_a_number_that_reads_two_ways_is_ambiguous():
    assert parse_number("4.100") is None


def test_rates_rows_validate_each_cell():
    heading = ["mes", "moneda", "tasa"]
    data = csv_bytes(
        [
            ["2026-10", "USD", "4.100,50"],
            ["2026-10", "COP", "1"],
            ["2026-13", "USX", "-3"],
            ["10/2026", "EUR", "4.512"],
        ],
        heading=heading,
    )
    rows, problems = rate_rows(read(data, aliases=RATE_ALIASES), organization_currency="COP")
    assert [(r.currency, str(r.rate)) for r in rows] == [("USD", "4100.500000")]
    assert sorted((p.row, p.code) for p in problems) == [
        (3, "same_currency"),
        (4, "invalid_currency"),
        (4, "invalid_month"),
        (4, "invalid_rate"),
        (5, "ambiguous_number"),
    ]


def test_heading_constant_matches_the_aliases():
    assert all(name in PEOPLE_ALIASES for name in HEADING)


def test_the_parsing_modules_do_not_need_django():
    import subprocess
    import sys

    code = "import sys, orgsetup.rows, orgsetup.codes_csv; print('django' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd="backend", check=True
    )
    assert out.stdout.strip() == "False"
