"""The cells of an XLSX's first worksheet, read straight from its XML one row at a time. Pure.

openpyxl's read-only mode built an object per cell and string: ~4 s over the 39,000-row benchmark
sheet, and a second pass when the sheet had formulas; streaming the sheet's XML with ElementTree
reads it in ~1.5 s, formulas included.

Values come out as openpyxl gives them with `data_only=True`: shared and inline strings as text,
numbers as int or float, numbers in a date-formatted cell as datetimes, booleans, error codes as
text ("#N/A"), and a formula's saved result. A formula without a saved result is an
`Uncalculated` marker. Merged cells hold their value in the top-left cell only, as in the file.
"""

import posixpath
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, Literal

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


class Unreadable(Exception):
    """Not a workbook: a part is missing or does not say what a workbook's part says."""


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
        strings = []
        with self.archive.open(path) as stream:
            for _, element in _iterparse(stream, ("end",)):
                if element.tag.endswith("}si"):
                    # openpyxl's reading of Excel's escaped underscore ("_x005F_"), kept as it was.
                    strings.append(self._text(element).replace("x005F_", ""))
                    element.clear()
        return strings

    def _date_styles(self, path: str | None) -> tuple[set[int], set[int]]:
        """The cell styles (indexes into cellXfs) whose number format shows a date, or a duration."""
        dates: set[int] = set()
        durations: set[int] = set()
        if path is None:
            return dates, durations
        root = _parse(self.archive, path)
        ns = _namespace(root)
        formats = dict(BUILTIN_FORMATS)
        for number_format in root.iterfind(f"{{{ns}}}numFmts/{{{ns}}}numFmt"):
            formats[int(number_format.get("numFmtId", -1))] = number_format.get("formatCode", "")
        for index, xf in enumerate(root.iterfind(f"{{{ns}}}cellXfs/{{{ns}}}xf")):
            code = formats.get(int(xf.get("numFmtId", 0)))
            if code and is_date_format(code):
                dates.add(index)
            if code and is_timedelta_format(code):
                durations.add(index)
        return dates, durations

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values by column from A) for every row with at least one value."""
        row_tag, cell_tag = self.tag["row"], self.tag["c"]
        number = 0
        sheet_data = None
        with self.archive.open(self.path) as stream:
            for event, element in _iterparse(stream, ("start", "end")):
                if event == "start":
                    if sheet_data is None and element.tag.endswith("}sheetData"):
                        sheet_data = element
                    continue
                if element.tag != row_tag:
                    continue
                number = int(element.get("r") or number + 1)
                values: list[Any] = []
                column = 0
                for cell in element.iterfind(cell_tag):
                    ref = cell.get("r")
                    column = (
                        column_index_from_string(ref.rstrip("0123456789")) if ref else column + 1
                    )
                    value = self._value(cell, column)
                    if value is not None:
                        values.extend([None] * (column - len(values)))
                        values[column - 1] = value
                if sheet_data is not None:
                    sheet_data.clear()  # rows already read: memory stays flat on any size
                if values:
                    yield number, values

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


def _iterparse(
    stream: IO[bytes], events: tuple[Literal["start", "end"], ...]
) -> Iterator[tuple[str, Any]]:
    return ET.iterparse(stream, events)  # noqa: S314


def _parse(archive: zipfile.ZipFile, path: str) -> ET.Element:
    with archive.open(path) as stream:
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
