"""What went wrong in an imported file, in English and Spanish. Pure: no Django."""

import dataclasses
from dataclasses import dataclass
from typing import Any

# How the report names our columns: the heading we suggest in each language.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "employee_id": ("employee_id", "id_empleado"),
    "full_name": ("full_name", "nombre_completo"),
    "username": ("username", "usuario"),
    "email": ("email", "correo"),
    "username_or_email": ("username or email", "usuario o correo"),
    "role": ("role", "rol"),
    "cost_centre": ("cost_centre", "centro_de_costo"),
    "start_date": ("start_date", "fecha_inicio"),
    "end_date": ("end_date", "fecha_fin"),
    "month": ("month", "mes"),
    "currency": ("currency", "moneda"),
    "rate": ("rate", "tasa"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # The whole file
    "file_too_large": (
        "The file is {size_mb} MB; the limit is {max_mb} MB. Split it into smaller files.",
        "El archivo pesa {size_mb} MB; el límite es {max_mb} MB. Divídalo en archivos más pequeños.",
    ),
    "empty_file": ("The file is empty.", "El archivo está vacío."),
    "old_excel_format": (
        "This is an old Excel file (.xls). Save it as .xlsx or as CSV and upload it again.",
        "Este es un archivo de Excel antiguo (.xls). Guárdelo como .xlsx o como CSV y súbalo de nuevo.",
    ),
    "unreadable_spreadsheet": (
        "The file could not be read as an Excel workbook (.xlsx). Save it again from Excel, or as CSV.",
        "No se pudo leer el archivo como libro de Excel (.xlsx). Guárdelo de nuevo desde Excel, o como CSV.",
    ),
    "unknown_encoding": (
        "The file's character encoding could not be recognised. Save it as 'CSV UTF-8' and upload it again.",
        "No se reconoció la codificación de caracteres del archivo. Guárdelo como 'CSV UTF-8' y súbalo de nuevo.",
    ),
    "foreign_encoding": (
        "The file seems to be in the {encoding} encoding, not UTF-8 or Windows-1252 (line {line} would read '{sample}'). Save it as 'CSV UTF-8' and upload it again.",
        "El archivo parece estar en la codificación {encoding}, no en UTF-8 ni Windows-1252 (la línea {line} se leería '{sample}'). Guárdelo como 'CSV UTF-8' y súbalo de nuevo.",
    ),
    "double_encoded": (
        "Accented letters in the file are already damaged (for example 'JosÃ©' instead of 'José'). Export it again from the original as 'CSV UTF-8'.",
        "Las letras con tilde del archivo ya vienen dañadas (por ejemplo 'JosÃ©' en lugar de 'José'). Expórtelo de nuevo desde el original como 'CSV UTF-8'.",
    ),
    "xlsx_part_too_large": (
        "The workbook's {part} part inflates to {size_mb} MB; the limit is {max_mb} MB. Copy the data into a new workbook, or save it as CSV.",
        "La parte {part} del libro ocupa {size_mb} MB al descomprimirse; el límite es {max_mb} MB. Copie los datos a un libro nuevo, o guárdelo como CSV.",
    ),
    "row_too_large": (
        "Row {row} holds more than {max_kb} KB; no row of a people list needs that much. Check the row, or save the file as CSV.",
        "La fila {row} ocupa más de {max_kb} KB; ninguna fila de una lista de personas necesita tanto. Revise la fila, o guarde el archivo como CSV.",
    ),
    "string_too_large": (
        "A text in the workbook holds more than {max_kb} KB. Copy the data into a new workbook, or save it as CSV.",
        "Un texto del libro ocupa más de {max_kb} KB. Copie los datos a un libro nuevo, o guárdelo como CSV.",
    ),
    "too_many_cells": (
        "Row {row} has more than {max} cells, more than Excel allows. Copy the data into a new workbook, or save it as CSV.",
        "La fila {row} tiene más de {max} celdas, más de lo que Excel permite. Copie los datos a un libro nuevo, o guárdelo como CSV.",
    ),
    "cell_too_long": (
        "Cell {column}{row} holds more than {max} characters, Excel's own limit. Shorten it.",
        "La celda {column}{row} tiene más de {max} caracteres, el límite del propio Excel. Acórtela.",
    ),
    "malformed_csv": (
        "The CSV cannot be read near line {line} (an unclosed quote?).",
        "No se puede leer el CSV cerca de la línea {line} (¿unas comillas sin cerrar?).",
    ),
    "no_heading": (
        "No heading row was found in the first rows. The first row should name the columns: {expected}.",
        "No se encontró la fila de encabezados en las primeras filas. La primera fila debe nombrar las columnas: {expected}.",
    ),
    "missing_columns": (
        "Required columns are missing: {columns}.",
        "Faltan columnas obligatorias: {columns}.",
    ),
    "duplicate_column": (
        "The columns '{column}' and '{other}' mean the same thing; keep only one.",
        "Las columnas '{column}' y '{other}' significan lo mismo; deje solo una.",
    ),
    "unnamed_column": (
        "Column {column} has data (row {row}) but no heading; headings merged across columns? Give every column its own heading.",
        "La columna {column} tiene datos (fila {row}) pero no tiene encabezado; ¿encabezados combinados? Dé a cada columna su propio encabezado.",
    ),
    "no_rows": (
        "The file has a heading but no rows.",
        "El archivo tiene encabezados pero no filas.",
    ),
    "too_many_rows": (
        "The file has more than {max_rows} rows. Split it into smaller files.",
        "El archivo tiene más de {max_rows} filas. Divídalo en archivos más pequeños.",
    ),
    # Notes
    "formulas_used_saved_results": (
        "{count} cells hold formulas; the values Excel last saved for them were used.",
        "{count} celdas tienen fórmulas; se usaron los valores que Excel guardó para ellas.",
    ),
    # One cell
    "required": ("This value is required.", "Este valor es obligatorio."),
    "too_long": (
        "Too long: at most {max} characters.",
        "Demasiado largo: máximo {max} caracteres.",
    ),
    "control_characters": (
        "Contains invisible control characters; retype the value.",
        "Contiene caracteres de control invisibles; escriba el valor de nuevo.",
    ),
    "uncalculated_formula": (
        "This cell holds a formula with no saved result. Open the file in Excel and save it, or paste the values.",
        "Esta celda tiene una fórmula sin resultado guardado. Abra el archivo en Excel y guárdelo, o pegue los valores.",
    ),
    "invalid_username": (
        "A username may use only letters, digits and @ . + - _ (at most 150).",
        "Un usuario solo puede tener letras, dígitos y @ . + - _ (máximo 150).",
    ),
    "invalid_email": ("Not a valid email address.", "No es un correo electrónico válido."),
    "username_or_email_required": (
        "Give a username or an email address.",
        "Indique un usuario o un correo electrónico.",
    ),
    "invalid_role": (
        "Unknown role; use worker, hr, negotiator or admin.",
        "Rol desconocido; use trabajador, rrhh, negociador o administrador.",
    ),
    "invalid_date": (
        "Not a date; write it as 2026-03-15 or 15/03/2026.",
        "No es una fecha; escríbala como 2026-03-15 o 15/03/2026.",
    ),
    "end_before_start": (
        "The end date is before the start date.",
        "La fecha de fin es anterior a la fecha de inicio.",
    ),
    "duplicate_employee_id": (
        "The same employee id is also in row {rows}; keep one row per person.",
        "El mismo id de empleado está también en la fila {rows}; deje una fila por persona.",
    ),
    "duplicate_username": (
        "The same username is also in row {rows}.",
        "El mismo usuario está también en la fila {rows}.",
    ),
    "username_taken": (
        "This username already belongs to another person.",
        "Este usuario ya pertenece a otra persona.",
    ),
    "own_account": (
        "You cannot change your own role or dates by import; ask another admin.",
        "No puede cambiar su propio rol ni sus fechas por importación; pídalo a otro administrador.",
    ),
    "invalid_month": (
        "Not a month; write it as 2026-03.",
        "No es un mes; escríbalo como 2026-03.",
    ),
    "invalid_currency": (
        "Not an ISO 4217 currency code such as USD or EUR.",
        "No es un código de moneda ISO 4217 como USD o EUR.",
    ),
    "same_currency": (
        "This is the organisation's own currency: it needs no rate.",
        "Esta es la moneda de la organización: no necesita tasa.",
    ),
    "invalid_rate": (
        "Not a positive number; write it as 4100.50 or 4100,50 (no thousands separators).",
        "No es un número positivo; escríbalo como 4100.50 o 4100,50 (sin separadores de miles).",
    ),
    "ambiguous_number": (
        "'{value}' could be read two ways; write it without thousands separators.",
        "'{value}' se puede leer de dos formas; escríbalo sin separadores de miles.",
    ),
    "duplicate_rate": (
        "The same month and currency are also in row {rows}.",
        "El mismo mes y moneda están también en la fila {rows}.",
    ),
}


def _language_index(language: str) -> int:
    return 1 if language.startswith("es") else 0


def label(name: str, language: str) -> str:
    labels = FIELD_LABELS.get(name)
    return labels[_language_index(language)] if labels else name


@dataclass(frozen=True)
class Problem:
    """A stable code with what the message needs; the words are chosen when someone reads it."""

    code: str
    row: int | None = None
    field: str | None = None
    column: str | None = None  # the heading as the file wrote it
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def message(self, language: str) -> str:
        texts = MESSAGES.get(self.code, (self.code, self.code))
        params = dict(self.params)
        if "columns" in params:
            params["columns"] = ", ".join(label(name, language) for name in params["columns"])
        if "expected" in params:
            params["expected"] = ", ".join(label(name, language) for name in params["expected"])
        try:
            return texts[_language_index(language)].format(**params)
        except (KeyError, IndexError, ValueError):
            return texts[_language_index(language)]

    def as_dict(self, language: str) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column or (label(self.field, language) if self.field else None),
            "field": self.field,
            "code": self.code,
            "message": self.message(language),
        }
