"""The cells of an XLSX's first worksheet, read straight from its XML one row at a time. Pure.

openpyxl's read-only mode built an object per cell and string: ~4 s over the 39,000-row benchmark
sheet, and a second pass when the sheet had formulas; streaming the sheet's XML with ElementTree
reads it in ~1.5 s, formulas included.

Values come out as openpyxl gives them with `data_only=True`: shared and inline strings as text,
numbers as int or float, numbers in a date-formatted cell as datetimes, booleans, error codes as
text ("#N/A"), and a formula's saved result. A formula without a saved result is an
`Uncalculated` marker. Merged cells hold their value in the top-left cell only, as in the file.
"""

import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any, Literal, cast

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Transitional (what Excel and LibreOffice write) and strict OOXML name the same parts.
_MAIN = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_REL_ID = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)


# What a workbook may inflate to before we read it (a people sheet of 100,000 rows is ~20 MB of
# sheet XML and a few MB of shared strings; styles are a few hundred KB even in a dressed-up
# workbook). The 40x rule on the whole archive let a single part hold 400 MB of XML.
MAX_SHEET_XML = 64 * 1024 * 1024
MAX_STRINGS_XML = 32 * 1024 * 1024
MAX_STYLES_XML = 8 * 1024 * 1024
MAX_SMALL_XML = 2 * 1024 * 1024  # workbook.xml and the relationship parts
# One row, or one shared string: at most this much XML is held at once. Excel itself stops at
# 16,384 columns and 32,767 characters a cell.
MAX_RECORD_XML = 1024 * 1024
MAX_CELLS_PER_ROW = 16_384
MAX_CELL_CHARS = 32_767
_CHUNK = 64 * 1024  # fed to the parser at a time


class Unreadable(Exception):
    """Not a workbook: a part is missing or does not say what a workbook's part says."""


class Refused(Exception):
    """A workbook too big to read safely: `code` and `params` make the problem shown to the admin."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class _RecordTooLarge(Exception):
    """More than MAX_RECORD_XML of XML since the last record (row, string) ended."""


@dataclass(frozen=True)
class Uncalculated:
    """A formula cell without a saved result (made by a program, never opened in Excel)."""

    column: str


class FirstSheet:
    """The first worksheet of a workbook; `rows()` streams it, `formula_results` counts the
    formula cells whose saved results were read."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.formula_results = 0
        self.row = 0
        workbook_path = _target(archive, "", "/officeDocument")
        parts = _relationships(archive, workbook_path)
        root = _parse(archive, workbook_path)
        ns = _namespace(root)
        self.tag = {name: f"{{{ns}}}{name}" for name in ("row", "c", "v", "f", "is", "t", "r")}
        properties = root.find(f"{{{ns}}}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self.epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        self.path = ""
        for sheet in root.iterfind(f"{{{ns}}}sheets/{{{ns}}}sheet"):
            rel_id = next((sheet.get(key) for key in _REL_ID if sheet.get(key)), None)
            kind, path = parts.get(rel_id or "", ("", ""))
            if kind.endswith("/worksheet"):
                self.path = path
                break
        if not self.path:
            raise Unreadable("no worksheet")
        by_kind = {kind.rsplit("/", 1)[-1]: path for kind, path in parts.values()}
        self.strings = self._shared_strings(by_kind.get("sharedStrings"))
        self.date_styles, self.duration_styles = self._date_styles(by_kind.get("styles"))

    def _text(self, element: ET.Element) -> str:
        """The text of a string item: plain, or rich-text runs (phonetic guides left out)."""
        t, r = self.tag["t"], self.tag["r"]
        parts = []
        for child in element:
            if child.tag == t:
                parts.append(child.text or "")
            elif child.tag == r:
                parts.extend(run.text or "" for run in child.iterfind(t))
        return "".join(parts)

    def _shared_strings(self, path: str | None) -> list[str]:
        if path is None:
            return []
        strings: list[str] = []
        root = None
        with _open(self.archive, path, MAX_STRINGS_XML) as stream:
            try:
                for event, element in _pull(stream, ("start", "end"), ("si",)):
                    if root is None:
                        root = element
                    elif event == "end" and element.tag.endswith("}si"):
                        # openpyxl's reading of Excel's escaped underscore ("_x005F_"), as it was.
                        strings.append(self._text(element).replace("x005F_", ""))
                        root.clear()  # read items go: memory holds the strings, not a tree
            except _RecordTooLarge:
                raise Refused("string_too_large", max_kb=MAX_RECORD_XML // 1024) from None
        return strings

    def _date_styles(self, path: str | None) -> tuple[set[int], set[int]]:
        """The cell styles (indexes into cellXfs) whose number format shows a date, or a duration.

        Streamed: each element is dropped once read, so a styles part costs its few sets only."""
        dates: set[int] = set()
        durations: set[int] = set()
        if path is None:
            return dates, durations
        formats = dict(BUILTIN_FORMATS)
        format_ids: list[int] = []
        stack: list[ET.Element] = []
        with _open(self.archive, path, MAX_STYLES_XML) as stream:
            for event, element in _pull(stream, ("start", "end"), ()):
                if event == "start":
                    if not stack:
                        _namespace(element)
                    stack.append(element)
                    continue
                stack.pop()
                name = element.tag.rsplit("}", 1)[-1]
                parent = stack[-1].tag.rsplit("}", 1)[-1] if stack else ""
                if name == "numFmt" and parent == "numFmts":
                    formats[_int(element.get("numFmtId"), -1)] = element.get("formatCode", "")
                elif name == "xf" and parent == "cellXfs":
                    format_ids.append(_int(element.get("numFmtId"), 0))
                if stack:
                    stack[-1].clear()  # this element and its read siblings: never a whole tree
        for index, format_id in enumerate(format_ids):
            code = formats.get(format_id)
            if code and is_date_format(code):
                dates.add(index)
            if code and is_timedelta_format(code):
                durations.add(index)
        return dates, durations

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values by column from A) for every row with at least one value."""
        row_tag, cell_tag = self.tag["row"], self.tag["c"]
        number = 0
        cells = 0
        sheet_data = None
        with _open(self.archive, self.path, MAX_SHEET_XML) as stream:
            events = _pull(stream, ("start", "end"), ("row", "sheetData"))
            try:
                for event, element in events:
                    if event == "start":
                        if sheet_data is None and element.tag.endswith("}sheetData"):
                            sheet_data = element
                        elif element.tag == cell_tag:
                            cells += 1
                            if cells > MAX_CELLS_PER_ROW:
                                raise Refused(
                                    "too_many_cells", row=number + 1, max=MAX_CELLS_PER_ROW
                                )
                        continue
                    if element is sheet_data:
                        return  # what follows the cells (merges, formatting, notes) is not read
                    if element.tag != row_tag:
                        continue
                    cells = 0
                    number = int(element.get("r") or number + 1)
                    self.row = number
                    values = self._row_values(element, cell_tag)
                    if sheet_data is not None:
                        sheet_data.clear()  # rows already read: memory stays flat on any size
                    if values:
                        yield number, values
            except _RecordTooLarge:
                raise Refused(
                    "row_too_large", row=number + 1, max_kb=MAX_RECORD_XML // 1024
                ) from None

    def _row_values(self, element: ET.Element, cell_tag: str) -> list[Any]:
        values: list[Any] = []
        column = 0
        for cell in element.iterfind(cell_tag):
            ref = cell.get("r")
            column = column_index_from_string(ref.rstrip("0123456789")) if ref else column + 1
            if column > MAX_CELLS_PER_ROW:
                raise Refused("too_many_cells", row=self.row, max=MAX_CELLS_PER_ROW)
            value = self._value(cell, column)
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise Refused(
                    "cell_too_long",
                    row=self.row,
                    column=_letters(ref, column),
                    max=MAX_CELL_CHARS,
                )
            if value is not None:
                values.extend([None] * (column - len(values)))
                values[column - 1] = value
        return values

    def _value(self, cell: ET.Element, column: int) -> Any:
        kind = cell.get("t", "n")
        raw = formula = inline = None
        for child in cell:
            if child.tag == self.tag["v"]:
                raw = child.text
            elif child.tag == self.tag["f"]:
                formula = child
            elif child.tag == self.tag["is"]:
                inline = child
        if kind == "inlineStr":
            return None if inline is None else self._text(inline)
        if formula is not None:
            if not raw:
                return Uncalculated(_letters(cell.get("r"), column))
            self.formula_results += 1
        if not raw:
            return None
        if kind == "n":
            number = float(raw) if "." in raw or "e" in raw or "E" in raw else int(raw)
            style = int(cell.get("s") or 0)
            if style in self.date_styles:
                try:
                    return from_excel(number, self.epoch, timedelta=style in self.duration_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"  # what openpyxl gives for a date out of range
            return number
        if kind == "s":
            return self.strings[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            return from_ISO8601(raw)
        return raw  # "str" (a formula's text result) and "e" (an error such as "#N/A")


def _letters(ref: str | None, column: int) -> str:
    return ref.rstrip("0123456789") if ref else get_column_letter(column)


# Expat (2.4 and later) refuses entity amplification ("billion laughs") and ElementTree never
# fetches external entities: the attacks defusedxml guards against cannot get through.


def _pull(
    stream: IO[bytes], events: tuple[Literal["start", "end"], ...], records: tuple[str, ...]
) -> Iterator[tuple[str, Any]]:
    """Parse events, fed a chunk at a time; _RecordTooLarge when more than MAX_RECORD_XML bytes
    go by without a `records` element ending (a row of 200 MB is refused after 1 MB, unread)."""
    parser: ET.XMLPullParser[Any] = ET.XMLPullParser(events)
    suffixes = tuple("}" + name for name in records)
    fed = boundary = 0
    while chunk := stream.read(_CHUNK):
        fed += len(chunk)
        parser.feed(chunk)
        for event, element in _read(parser):
            if records and event == "end" and element.tag.endswith(suffixes):
                boundary = fed
            yield event, element
        if records and fed - boundary > MAX_RECORD_XML + _CHUNK:
            raise _RecordTooLarge
    parser.close()
    yield from _read(parser)


def _read(parser: "ET.XMLPullParser[Any]") -> Iterator[tuple[str, Any]]:
    return cast(Iterator[tuple[str, Any]], parser.read_events())


class _Bounded(io.RawIOBase):
    """A part's stream that refuses to give more than `limit` inflated bytes (whatever its
    header declared)."""

    def __init__(self, stream: IO[bytes], limit: int, part: str) -> None:
        self.stream, self.limit, self.part, self.given = stream, limit, part, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size if size >= 0 else self.limit + 1)
        self.given += len(data)
        if self.given > self.limit:
            raise _part_too_large(self.part, self.given, self.limit)
        return data


@contextmanager
def _open(archive: zipfile.ZipFile, path: str, limit: int) -> Iterator[IO[bytes]]:
    """A part of the archive, refused before reading when it declares more than `limit` bytes."""
    size = archive.getinfo(path).file_size
    if size > limit:
        raise _part_too_large(path, size, limit)
    with archive.open(path) as stream:
        yield _Bounded(stream, limit, path)  # type: ignore[misc]


def _part_too_large(part: str, size: int, limit: int) -> Refused:
    mb = 1024 * 1024
    return Refused(
        "xlsx_part_too_large",
        part=posixpath.basename(part),
        size_mb=f"{size / mb:.1f}",
        max_mb=f"{limit / mb:.0f}",
    )


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _parse(archive: zipfile.ZipFile, path: str) -> ET.Element:
    with _open(archive, path, MAX_SMALL_XML) as stream:
        return ET.parse(stream).getroot()  # noqa: S314


def _namespace(root: ET.Element) -> str:
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if namespace not in _MAIN:
        raise Unreadable(f"not a spreadsheet part: {root.tag}")
    return namespace


def _relationships(archive: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, path in the archive) of the parts `source` refers to."""
    folder, name = posixpath.split(source)
    try:
        root = _parse(archive, posixpath.join(folder, "_rels", name + ".rels"))
    except KeyError:
        return {}
    parts = {}
    for rel in root.iter(_RELATIONSHIPS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        parts[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(path))
    return parts


def _target(archive: zipfile.ZipFile, source: str, kind: str) -> str:
    for rel_kind, path in _relationships(archive, source).values():
        if rel_kind.endswith(kind):
            return path
    raise Unreadable(f"no {kind} part")
