"""Reading a spreadsheet (CSV or XLSX) into a heading and rows, or a clear refusal. Pure: no Django.

`read_sheet` finds the encoding and separator of a CSV, or streams an XLSX's first sheet (see
`orgsetup.xlsx`; formula cells give their saved results), skips empty rows and title rows above
the heading, and maps the heading's cells to our field names. What each field must hold is
checked in `orgsetup.rows`.
"""

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openpyxl.utils import get_column_letter

from orgsetup import xlsx
from orgsetup.messages import Problem

HEADER_SEARCH_ROWS = 10  # title rows an HR spreadsheet may have above its heading
MAX_UNCOMPRESSED_FACTOR = 40  # an XLSX inflating beyond 40x the upload limit is refused unread
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 binary format
# UTF-8 read as Latin-1 and saved again as UTF-8: "JosÃ©", "MuÃ±oz".
_MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf]")
_SEPARATORS = (";", ",", "\t")


class FileRefused(Exception):
    """The whole file cannot be read; nothing in it is imported."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.problem = Problem(code=code, params=params)


@dataclass
class Sheet:
    """The rows of a spreadsheet under its heading, keyed by our field names."""

    kind: str  # "csv" | "xlsx"
    encoding: str | None
    separator: str | None
    header_row: int
    columns: dict[str, str]  # field -> the heading the file used
    ignored_columns: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number as the spreadsheet shows it, values)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def normalize_heading(text: str) -> str:
    """ "Fecha de Ingreso*", "fecha_de_ingreso" and "FECHA DE INGRESO:" are the same heading."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[_\-./]+", " ", text)
    return " ".join(text.strip(" *:").split())


def read_sheet(
    data: bytes,
    *,
    aliases: dict[str, set[str]],
    max_bytes: int,
    max_rows: int,
) -> Sheet:
    """Read a CSV or XLSX. `aliases` maps each field to the normalised headings that mean it."""
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes)
    if not data.strip():
        raise FileRefused("empty_file")
    if data.startswith(_XLS_MAGIC):
        raise FileRefused("old_excel_format")
    if data.startswith(_XLSX_MAGIC):
        return _from_rows(
            "xlsx", None, None, *_xlsx_rows(data, max_bytes), aliases=aliases, max_rows=max_rows
        )
    text, encoding = decode_text(data)
    separator = sniff_separator(text)
    return _from_rows(
        "csv",
        encoding,
        separator,
        _csv_rows(text, separator),
        [],
        aliases=aliases,
        max_rows=max_rows,
    )


def too_large(size: int, max_bytes: int) -> FileRefused:
    return FileRefused("file_too_large", size_mb=_mb(size), max_mb=_mb(max_bytes))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


# --- CSV ------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252/Latin-1; anything else refused.

    Windows-1252 is tried only when the bytes are not UTF-8: the two cannot be confused for text with
    accents, since "é" in Windows-1252 is a lone 0xE9, never valid UTF-8. And only when what it
    reads looks like Latin text: Shift-JIS, GB18030 or KOI8-R bytes mostly decode as Windows-1252
    too, into runs of accented letters and signs ("ŽR“c‘¾˜Y", "éÒÁÎÏ×"); those are refused,
    naming the encoding they are likely in and showing a line as it would then read.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _strict(data[3:], "utf-8"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(data, "utf-16"), "utf-16"
    elif b"\x00" in data[:4096]:
        raise FileRefused("unknown_encoding")  # UTF-16 without a BOM, or not text at all
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "windows-1252"
            except UnicodeDecodeError:
                text = ""
            if not (text and _looks_latin(text)):
                raise _foreign(data) from None
    if _MOJIBAKE.search(text):
        raise FileRefused("double_encoded")
    return text, encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined: whatever this is, guessing would garble names.
        raise FileRefused("unknown_encoding") from None


# What Latin text (Spanish, Portuguese, French, German…) holds outside ASCII, read as Windows-1252.
_LATIN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ"
    "\u00a0¡¿«»“”‘’–—…€°ºª·´©®™•"
)


def _looks_latin(text: str) -> bool:
    """Accented letters one or two at a time inside words, as Latin languages write them; not
    runs of three or more, nor signs like ¾ ˜ ‰ ¤ that other encodings' bytes turn into."""
    total = odd = 0
    for match in re.finditer("[^\x00-\x7f]+", text):
        run = match.group()
        total += len(run)
        if len(run) >= 3 or any(char not in _LATIN for char in run):
            odd += len(run)
    return odd * 5 <= total  # a stray sign in a long Latin file is no reason to refuse it


# Encodings a people list may come in from outside Latin America, with the scripts they write.
_FOREIGN = (
    ("shift_jis", "Shift_JIS", ("CJK", "HIRAGANA", "KATAKANA")),
    ("gb18030", "GB18030", ("CJK",)),
    ("big5", "Big5", ("CJK",)),
    ("euc_kr", "EUC-KR", ("HANGUL", "CJK")),
    ("koi8_r", "KOI8-R", ("CYRILLIC",)),
    ("cp1251", "Windows-1251", ("CYRILLIC",)),
    ("cp1253", "Windows-1253", ("GREEK",)),
    ("cp1255", "Windows-1255", ("HEBREW",)),
    ("cp1256", "Windows-1256", ("ARABIC",)),
)
_NEUTRAL = ("FULLWIDTH", "IDEOGRAPHIC", "HIRAGANA-KATAKANA", "KATAKANA-HIRAGANA", "NO-BREAK")


def _foreign(data: bytes) -> FileRefused:
    """The refusal for text that is neither UTF-8 nor Latin Windows-1252: naming the encoding
    whose reading is in one script (lower case mostly, where the script has case), with a line
    as it would read, or unknown_encoding. CJK encodings cannot always be told apart this way
    (EUC-KR Korean reads as common Chinese in GB18030): the first one listed is named."""
    best: tuple[float, str, str] | None = None
    for codec, name, scripts in _FOREIGN:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [char for char in text if ord(char) > 0x7F]
        names = [unicodedata.name(char, "") for char in wide]
        fits = [n for n in names if n.startswith(scripts) or n.startswith(_NEUTRAL)]
        if len(fits) < 2 or len(fits) < 0.95 * len(wide):
            continue
        cased = [n for n in fits if " CAPITAL " in n or " SMALL " in n]
        # a cased script read right is mostly small letters, read wrong mostly capitals
        small = sum(" SMALL " in n for n in cased) / len(cased) if cased else 0.5
        score = len(fits) / len(wide) + small
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is None:
        return FileRefused("unknown_encoding")
    _, name, text = best
    line_number, line = next(
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if any(ord(char) > 0x7F for char in line)
    )
    return FileRefused("foreign_encoding", encoding=name, line=line_number, sample=line[:80])


def sniff_separator(text: str) -> str:
    """The separator that splits the first non-empty line most, outside quotes."""
    for line in text.splitlines():
        if line.strip(" ;,\t"):
            unquoted = re.sub(r'"[^"]*"', "", line)
            counts = {sep: unquoted.count(sep) for sep in _SEPARATORS}
            best = max(_SEPARATORS, key=lambda sep: counts[sep])
            return best if counts[best] else ","
    return ","


def _csv_rows(text: str, separator: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error:
        raise FileRefused("malformed_csv", line=reader.line_num) from None


# --- XLSX -----------------------------------------------------------------------------------------


def _xlsx_rows(
    data: bytes, max_bytes: int
) -> tuple[Iterator[tuple[int, list[Any]]], list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise FileRefused("unreadable_spreadsheet") from None
    if inflated > max_bytes * MAX_UNCOMPRESSED_FACTOR:
        raise FileRefused("file_too_large", size_mb=_mb(inflated), max_mb=_mb(max_bytes))
    try:
        sheet = xlsx.FirstSheet(archive)
    except xlsx.Refused as refused:
        raise FileRefused(refused.code, **refused.params) from None
    except _UNREADABLE:
        raise FileRefused("unreadable_spreadsheet") from None
    notes: list[Problem] = []
    return _xlsx_cells(sheet, notes), notes


# What a damaged or non-Excel zip raises somewhere in its parts.
_UNREADABLE = (
    xlsx.Unreadable,
    ET.ParseError,
    KeyError,
    IndexError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
)


def _xlsx_cells(sheet: xlsx.FirstSheet, notes: list[Problem]) -> Iterator[tuple[int, list[Any]]]:
    try:
        yield from sheet.rows()
    except xlsx.Refused as refused:
        raise FileRefused(refused.code, **refused.params) from None
    except _UNREADABLE:
        raise FileRefused("unreadable_spreadsheet") from None
    if sheet.formula_results:
        notes.append(
            Problem(code="formulas_used_saved_results", params={"count": sheet.formula_results})
        )


def is_uncalculated(value: Any) -> bool:
    return isinstance(value, xlsx.Uncalculated)


# --- Heading and rows -----------------------------------------------------------------------------


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value


def _from_rows(
    kind: str,
    encoding: str | None,
    separator: str | None,
    rows: Iterator[tuple[int, list[Any]]],
    notes: list[Problem],
    *,
    aliases: dict[str, set[str]],
    max_rows: int,
) -> Sheet:
    lookup = {alias: name for name, names in aliases.items() for alias in names}
    header: tuple[int, list[Any]] | None = None
    seen_before_header = 0
    for number, cells in rows:
        if all(_is_empty(cell) for cell in cells):
            continue
        known = [lookup.get(normalize_heading(str(c))) for c in cells if not _is_empty(c)]
        if sum(1 for name in known if name) >= 2:
            header = (number, cells)
            break
        seen_before_header += 1
        if seen_before_header >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        raise FileRefused("no_heading", expected=sorted(aliases))

    header_row, heading_cells = header
    columns: dict[str, str] = {}
    positions: dict[int, str] = {}
    ignored: list[str] = []
    unnamed: set[int] = set()
    for index, cell in enumerate(heading_cells):
        if _is_empty(cell):
            unnamed.add(index)
            continue
        text = str(cell).strip()
        name = lookup.get(normalize_heading(text))
        if name is None:
            ignored.append(text)
        elif name in columns:
            raise FileRefused("duplicate_column", column=text, other=columns[name])
        else:
            columns[name] = text
            positions[index] = name

    sheet = Sheet(kind, encoding, separator, header_row, columns, ignored, [], notes=notes)
    for number, cells in rows:
        if all(_is_empty(cell) for cell in cells):
            continue  # blank lines, and the thousands of empty rows spreadsheets keep at the end
        if len(sheet.rows) >= max_rows:
            raise FileRefused("too_many_rows", max_rows=max_rows)
        values: dict[str, Any] = {}
        for index, cell in enumerate(cells):
            if index in positions:
                values[positions[index]] = _plain(cell)
            elif index in unnamed or index >= len(heading_cells):
                if not _is_empty(cell):
                    # Typically a heading merged across two columns: say which column, refuse.
                    raise FileRefused(
                        "unnamed_column", column=get_column_letter(index + 1), row=number
                    )
        sheet.rows.append((number, values))
    if not sheet.rows:
        raise FileRefused("no_rows")
    return sheet
