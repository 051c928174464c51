"""The streaming XLSX reader on workbooks made here: by openpyxl, and by hand as Excel writes them
(shared strings, rich text, styles, formulas with and without saved results). No Django, no DB."""

import io
import zipfile
from datetime import date, datetime, time

import openpyxl
import pytest

from orgsetup.importing import FileRefused, read_sheet
from orgsetup.rows import PEOPLE_ALIASES, people_rows
from orgsetup.xlsx import FirstSheet, Uncalculated
from tests.setup.files import HEADING, PEOPLE, xlsx_bytes

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def rows_of(data: bytes) -> list[tuple[int, list]]:
    return list(FirstSheet(zipfile.ZipFile(io.BytesIO(data))).rows())


def saved(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def handmade(sheet_data: str, *, shared: list[str] = (), date1904: bool = False) -> bytes:
    """A workbook as Excel writes it: shared strings, a date style (1) and a custom one (2)."""
    strings = "".join(f"<si>{item}</si>" for item in shared)
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}">'
            + ('<workbookPr date1904="1"/>' if date1904 else "")
            + '<sheets><sheet name="Personas" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{DOC}/styles" Target="/xl/styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{MAIN}"><numFmts count="1">'
            '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
            '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{strings}</sst>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    return out.getvalue()


def test_shared_strings_rich_text_and_inline_strings():
    data = handmade(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t xml:space="preserve"> Ana </t></is></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c></row>',
        shared=[
            "<t>Peña</t>",
            # Rich text in runs; the phonetic guide (rPh) is not part of the text.
            '<r><rPr><b/></rPr><t>Núñez </t></r><r><t>Ruiz</t></r><rPh sb="0" eb="1"><t>ヌ</t></rPh>',
            "<t>Line_x005F_x000D_</t>",
        ],
    )
    assert rows_of(data) == [(1, ["Peña", "Núñez Ruiz", " Ana "]), (2, ["Line_x000D_"])]


def test_numbers_dates_booleans_and_errors():
    data = handmade(
        '<row r="3"><c r="A3"><v>1045</v></c><c r="B3" t="n"><v>4100.5</v></c>'
        '<c r="C3" s="1"><v>45293</v></c><c r="D3" s="2"><v>45293.5</v></c>'
        '<c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c>'
        '<c r="G3" t="d"><v>2024-01-02T00:00:00</v></c><c r="H3" s="1"><v>0.25</v></c></row>'
    )
    [(number, values)] = rows_of(data)
    assert number == 3
    assert values == [
        1045,
        4100.5,
        datetime(2024, 1, 2),
        datetime(2024, 1, 2, 12),
        True,
        "#N/A",
        datetime(2024, 1, 2),
        time(6),
    ]


def test_dates_of_a_1904_workbook():
    # Mac Excel's epoch: the same day is 1,462 days earlier than in the 1900 system.
    data = handmade('<row r="1"><c r="A1" s="1"><v>43831</v></c></row>', date1904=True)
    assert rows_of(data) == [(1, [datetime(2024, 1, 2)])]


def test_formulas_give_their_saved_results_or_a_marker():
    data = handmade(
        '<row r="2"><c r="A2" t="str"><f>"CC-"&amp;"01"</f><v>CC-01</v></c>'
        '<c r="B2"><f>1+1</f><v>2</v></c>'
        '<c r="C2"><f t="shared" ref="C2:C3" si="0">A2</f></c></row>'
        '<row r="3"><c r="C3"><f t="shared" si="0"/><v></v></c></row>'
    )
    sheet = FirstSheet(zipfile.ZipFile(io.BytesIO(data)))
    assert list(sheet.rows()) == [
        (2, ["CC-01", 2, Uncalculated("C")]),
        (3, [None, None, Uncalculated("C")]),
    ]
    assert sheet.formula_results == 2


def test_cells_and_rows_without_references_follow_each_other():
    data = handmade(
        "<row><c><v>1</v></c><c><v>2</v></c></row>"
        '<row r="5"><c r="B5"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>'
    )
    assert rows_of(data) == [(1, [1, 2]), (5, [None, 3, 4]), (6, [5])]


def test_dates_and_numbers_in_an_openpyxl_workbook():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["employee_id", "start_date", "end_date", "amount"])
    sheet.append([1045, date(2024, 1, 2), datetime(2025, 6, 30, 8, 15), 12.5])
    sheet["C2"].number_format = "dd/mm/yyyy hh:mm"
    assert rows_of(saved(workbook))[1] == (
        2,
        [1045, datetime(2024, 1, 2), datetime(2025, 6, 30, 8, 15), 12.5],
    )


def test_the_first_worksheet_is_read_even_after_a_chart_sheet():
    workbook = openpyxl.Workbook()
    workbook.active.append(["first"])
    workbook.create_sheet("second").append(["second"])
    workbook.create_chartsheet("chart", 0)
    assert rows_of(saved(workbook)) == [(1, ["first"])]


def test_merged_cells_keep_their_value_in_the_first_cell_only():
    data = xlsx_bytes(PEOPLE, title="Directorio de personal 2026")
    assert rows_of(data)[0] == (1, ["Directorio de personal 2026"])


def _inline_row(number: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
        if v
    )
    return f'<row r="{number}">{cells}</row>'


def test_formatted_empty_trailing_rows_yield_nothing():
    body = "".join(_inline_row(n, row) for n, row in enumerate([HEADING, *PEOPLE], 1))
    # What Excel keeps below the data: rows with a style and no value, or an empty string.
    body += "".join(f'<row r="{n}"><c r="B{n}" s="1"/></row>' for n in range(5, 100_004))
    body += '<row r="100004"><c r="A100004" t="inlineStr"><is><t></t></is></c></row>'
    data = handmade(body)
    rows = rows_of(data)
    assert [number for number, _ in rows] == [1, 2, 3, 4, 100_004]
    assert rows[0] == (1, HEADING) and rows[-1] == (100_004, [""])
    sheet_rows, problems = people_rows(
        read_sheet(data, aliases=PEOPLE_ALIASES, max_bytes=10**7, max_rows=10)
    )
    assert len(sheet_rows) == 3 and problems == []


def test_entity_expansion_is_refused_as_unreadable():
    bomb = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    data = handmade('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["<t>&e9;</t>"])
    archive = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in archive.infolist():
            content = archive.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                doctype = f'<!DOCTYPE sst [<!ENTITY e0 "{"x" * 100}">{bomb}]>'
                content = content.replace(b"?><sst", f"?>{doctype}<sst".encode())
            target.writestr(item, content)
    with pytest.raises(FileRefused) as caught:
        read_sheet(out.getvalue(), aliases=PEOPLE_ALIASES, max_bytes=10**7, max_rows=10)
    assert caught.value.problem.code == "unreadable_spreadsheet"


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(FileRefused) as caught:
        read_sheet(out.getvalue(), aliases=PEOPLE_ALIASES, max_bytes=10**7, max_rows=10)
    assert caught.value.problem.code == "unreadable_spreadsheet"
