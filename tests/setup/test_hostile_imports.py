"""#17.5 and #17.10: workbooks that inflate into gigabytes, and CSVs in non-Latin encodings.

Every hostile file is built here, part by part with zipfile. Bounded work is shown without
timing: the streams the reader opened say how many inflated bytes it took before refusing.
"""

import io
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pytest

from accounts.models import User
from orgsetup import xlsx
from orgsetup.importing import FileRefused, read_sheet
from orgsetup.rows import PEOPLE_ALIASES, people_rows
from tests.setup.conftest import upload
from tests.setup.files import HEADING, csv_bytes

MB = 1024 * 1024
IMPORT = "/admin/people/import"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def workbook(
    sheet: Iterable[bytes], *, styles: Iterable[bytes] = (), strings: Iterable[bytes] = ()
) -> bytes:
    """An .xlsx whose sheet (and styles, shared strings) parts are written from chunks."""
    parts = {"worksheet": "worksheets/sheet1.xml", "styles": "styles.xml"}
    parts["sharedStrings"] = "sharedStrings.xml"
    rels = "".join(
        f'<Relationship Id="r{i}" Type="{REL}/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(parts.items())
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="w" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="Personas" sheetId="1" r:id="r0"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>'
        )
        for name, chunks in (
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/styles.xml", styles or [f'<styleSheet xmlns="{MAIN}"/>'.encode()]),
            ("xl/sharedStrings.xml", strings or [f'<sst xmlns="{MAIN}"/>'.encode()]),
        ):
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return out.getvalue()


def heading_row() -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{name}</t></is></c>' for name in HEADING)
    return f'<row r="1">{cells}</row>'.encode()


def sheet_with(
    *rows: bytes, repeat: tuple[bytes, int] | None = None, tail: bytes = b""
) -> Iterator[bytes]:
    yield f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + b"".join(rows)
    if repeat:
        chunk, times = repeat
        for _ in range(times):
            yield chunk
    yield tail + b"</sheetData></worksheet>"


@contextmanager
def reading_measured(monkeypatch) -> Iterator[dict[str, int]]:
    """Inflated bytes the reader took from each part it opened."""
    taken: dict[str, int] = {}
    opened: list[tuple[str, xlsx._Bounded]] = []
    real_open = xlsx._open

    @contextmanager
    def spying(archive, path, limit):
        with real_open(archive, path, limit) as stream:
            opened.append((path, stream))
            yield stream

    monkeypatch.setattr(xlsx, "_open", spying)
    try:
        yield taken
    finally:
        for path, stream in opened:
            taken[path] = taken.get(path, 0) + stream.given


def refusal(data: bytes) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        people_rows(read_sheet(data, aliases=PEOPLE_ALIASES, max_bytes=10 * MB, max_rows=100_000))
    return caught.value


# --- #17.5: bounded XLSX reading ---------------------------------------------------------------


def test_a_sheet_part_inflating_past_its_cap_is_refused_before_reading(monkeypatch):
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 1000 + b"</t></is></c></row>"
    data = workbook(sheet_with(heading_row(), repeat=(row * 64, 1100)))  # ~70 MB of XML
    assert len(data) < 10 * MB
    with reading_measured(monkeypatch) as taken:
        problem = refusal(data).problem
    assert problem.code == "xlsx_part_too_large"
    assert problem.params["part"] == "sheet1.xml" and problem.params["max_mb"] == "64"
    assert taken.get("xl/worksheets/sheet1.xml", 0) == 0  # refused from the zip's header


def test_a_huge_single_row_is_refused_after_a_megabyte(monkeypatch):
    """The issue's 200 MB single-row sheet, at 40 MB: it used to be held whole as one element."""
    cell = b'<c t="inlineStr"><is><t>' + b"y" * 4000 + b"</t></is></c>"
    data = workbook(
        sheet_with(heading_row(), b'<row r="2">', repeat=(cell * 16, 640), tail=b"</row>")
    )
    with reading_measured(monkeypatch) as taken:
        problem = refusal(data).problem
    assert (problem.code, problem.params["row"]) == ("row_too_large", 2)
    assert taken["xl/worksheets/sheet1.xml"] < 3 * MB  # of 40 MB


def test_one_cell_bigger_than_a_megabyte_is_refused_unread(monkeypatch):
    cell = b'<row r="2"><c t="inlineStr"><is><t>' + b"z" * (30 * MB) + b"</t></is></c></row>"
    with reading_measured(monkeypatch) as taken:
        problem = refusal(workbook(sheet_with(heading_row(), cell))).problem
    assert problem.code == "row_too_large"
    assert taken["xl/worksheets/sheet1.xml"] < 3 * MB


def test_a_row_with_more_cells_than_excel_allows_is_refused_at_the_first_extra_cell(monkeypatch):
    data = workbook(
        sheet_with(heading_row(), b'<row r="2">', repeat=(b"<c/>", 100_000), tail=b"</row>")
    )
    problem = refusal(data).problem
    assert problem.code == "too_many_cells"
    assert problem.params == {"row": 2, "max": 16_384}


def test_a_cell_longer_than_excel_allows_is_refused_with_its_place():
    cell = b'<row r="2"><c r="B2" t="inlineStr"><is><t>' + b"n" * 40_000 + b"</t></is></c></row>"
    problem = refusal(workbook(sheet_with(heading_row(), cell))).problem
    assert problem.code == "cell_too_long"
    assert problem.params == {"row": 2, "column": "B", "max": 32_767}
    assert "B2" in problem.message("en") and "32767" in problem.message("es")


def test_a_styles_part_past_its_cap_is_refused(monkeypatch):
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 1000
    styles = [
        f'<styleSheet xmlns="{MAIN}"><cellXfs>'.encode(),
        *[xf] * 150,
        b"</cellXfs></styleSheet>",
    ]
    with reading_measured(monkeypatch) as taken:
        problem = refusal(workbook(sheet_with(heading_row()), styles=styles)).problem
    assert (problem.code, problem.params["part"]) == ("xlsx_part_too_large", "styles.xml")
    assert problem.params["max_mb"] == "8"
    assert taken.get("xl/styles.xml", 0) == 0


def test_styles_are_streamed_and_still_find_date_formats():
    """100,000 cell styles (6 MB), the last two dates: read element by element, then dropped."""
    plain = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 1000
    styles = [
        f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="200" '
        f'formatCode="dd/mm/yyyy"/></numFmts><cellXfs>'.encode(),
        *[plain] * 100,
        b'<xf numFmtId="200"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    ]
    row = (
        b'<row r="2"><c t="inlineStr"><is><t>E-1</t></is></c>'
        b'<c t="inlineStr"><is><t>Ana</t></is></c><c t="inlineStr"><is><t>ana@x.co</t></is></c>'
        b'<c t="inlineStr"><is><t>worker</t></is></c><c/><c s="100000"><v>45000</v></c></row>'
    )
    data = workbook(sheet_with(heading_row(), row), styles=styles)
    sheet = xlsx.FirstSheet(zipfile.ZipFile(io.BytesIO(data)))
    assert sheet.date_styles == {100_000, 100_001}
    rows = list(sheet.rows())
    assert str(rows[1][1][5]) == "2023-03-15 00:00:00"


def test_a_shared_string_bigger_than_a_megabyte_is_refused(monkeypatch):
    strings = [f'<sst xmlns="{MAIN}"><si><t>'.encode(), b"s" * (3 * MB), b"</t></si></sst>"]
    with reading_measured(monkeypatch) as taken:
        problem = refusal(workbook(sheet_with(heading_row()), strings=strings)).problem
    assert problem.code == "string_too_large"
    assert taken["xl/sharedStrings.xml"] < 3 * MB


@pytest.mark.django_db
def test_the_import_answers_a_hostile_workbook_with_the_problem_in_both_languages(admin_api):
    cell = b'<row r="2"><c t="inlineStr"><is><t>' + b"z" * (2 * MB) + b"</t></is></c></row>"
    data = workbook(sheet_with(heading_row(), cell))
    for language, words in (
        ("en", "Row 2 holds more than 1024 KB"),
        ("es", "La fila 2 ocupa más de 1024 KB"),
    ):
        response = upload(admin_api(language), IMPORT, data, name="people.xlsx", dry_run=True)
        assert response.status_code == 422, response.content
        assert response.json()["code"] == "row_too_large"
        assert words in response.json()["message"]


# --- #17.10: encodings that are not Latin ------------------------------------------------------

NAMES = {
    "shift_jis": ("Shift_JIS", ["山田 太郎", "佐藤 花子", "すずき いちろう"]),
    "gb18030": ("GB18030", ["张伟", "王秀英", "李娜"]),
    "koi8_r": ("KOI8-R", ["Иванов Иван", "Смирнова Ольга", "Кузнецов Пётр"]),
}


def people_named(names: list[str]) -> list[list[str]]:
    return [
        [f"E-{i}", name, f"p{i}@example.co", "worker", "CC-01", "2024-02-01", ""]
        for i, name in enumerate(names, start=1)
    ]


@pytest.mark.parametrize("codec", NAMES)
def test_non_latin_encodings_are_refused_naming_the_encoding_and_showing_a_line(codec):
    encoding, names = NAMES[codec]
    data = csv_bytes(people_named(names), encoding=codec)
    problem = refusal(data).problem
    assert problem.code == "foreign_encoding"
    assert problem.params["encoding"] == encoding
    assert problem.params["line"] == 2 and names[0] in problem.params["sample"]
    assert encoding in problem.message("es") and names[0] in problem.message("en")


@pytest.mark.django_db
@pytest.mark.parametrize("codec", NAMES)
def test_the_import_preview_shows_the_encoding_problem(admin_api, org, codec):
    encoding, names = NAMES[codec]
    data = csv_bytes(people_named(names), encoding=codec)
    response = upload(admin_api("es"), IMPORT, data, dry_run=True)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "foreign_encoding"
    assert body["details"]["encoding"] == encoding and body["details"]["line"] == 2
    assert names[0] in body["details"]["sample"] and names[0] in body["message"]
    assert "UTF-8" in body["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_a_latin_file_in_windows_1252_or_latin_1_is_read_with_its_names_intact(
    admin_api, org, codec
):
    names = [
        "José Peña Muñoz",
        "François Lefèvre",
        "João Gonçalves",
        "Jürgen Müller",
        "Ñuño Ibáñez",
    ]
    if codec == "cp1252":
        names.append("Zoë Œuvre – “la jefa”")
    response = upload(
        admin_api(), IMPORT, csv_bytes(people_named(names), encoding=codec), dry_run=False
    )
    assert response.status_code == 200, response.content
    assert response.json()["file"]["encoding"] == "windows-1252"
    people = User.objects.filter(organization=org, employee_id__startswith="E-")
    full = {person.get_full_name() for person in people}
    assert set(names) <= full
