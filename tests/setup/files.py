"""Spreadsheets made in the test: CSV in several encodings and XLSX with formulas and merged cells."""

import io
import zipfile

import openpyxl

HEADING = ["employee_id", "full_name", "email", "role", "cost_centre", "start_date", "end_date"]
PEOPLE = [
    ["E-100", "José Peña Muñoz", "jose.pena@example.co", "worker", "CC-01", "2024-02-01", ""],
    ["E-101", "María Ángela Núñez", "maria.nunez@example.co", "rrhh", "CC-02", "15/03/2025", ""],
    ["E-102", "Iñaki Ortúzar", "inaki@example.co", "negociador", "CC-01", "2023-01-10", ""],
]


def csv_bytes(rows, *, separator=";", encoding="utf-8", heading=HEADING, bom=False) -> bytes:
    lines = [separator.join(heading)] + [separator.join(row) for row in rows]
    text = "\r\n".join(lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def xlsx_bytes(rows, *, heading=HEADING, title=None, merge=None, formulas=None) -> bytes:
    """`title` adds a merged title row above the heading; `formulas` maps a cell to a formula."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heading))
    sheet.append(heading)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    for cell, formula in (formulas or {}).items():
        sheet[cell] = formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_saved_results(data: bytes, results: dict[str, str]) -> bytes:
    """Write Excel's saved result into formula cells, as Excel does when it saves a file."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for cell, value in results.items():
                    marker = f'<c r="{cell}"'.encode()
                    start = content.index(marker)
                    end = content.index(b"</c>", start)
                    cell_xml = content[start:end].replace(b"<v />", f"<v>{value}</v>".encode())
                    cell_xml = cell_xml.replace(
                        f'<c r="{cell}"'.encode(), f'<c r="{cell}" t="str"'.encode()
                    )
                    content = content[:start] + cell_xml + content[end:]
            target.writestr(item, content)
    return out.getvalue()
