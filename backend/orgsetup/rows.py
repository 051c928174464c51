"""What each imported row must hold: people and exchange rates. Pure: no Django, no database."""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from core.currencies import ISO_4217
from orgsetup.importing import FileRefused, Sheet, is_uncalculated
from orgsetup.messages import Problem

PEOPLE_ALIASES: dict[str, set[str]] = {
    "employee_id": {
        "employee id",
        "employee number",
        "employee no",
        "id empleado",
        "codigo empleado",
        "codigo de empleado",
        "numero de empleado",
        "no empleado",
    },
    "full_name": {"full name", "name", "nombre", "nombre completo", "nombres y apellidos"},
    "username": {"username", "user", "usuario", "nombre de usuario"},
    "email": {"email", "e mail", "mail", "email address", "correo", "correo electronico"},
    "role": {"role", "rol"},
    "cost_centre": {
        "cost centre",
        "cost center",
        "centro de costo",
        "centro de costos",
        "centro costo",
        "centro costos",
    },
    "start_date": {
        "start date",
        "fecha inicio",
        "fecha de inicio",
        "fecha de ingreso",
        "fecha ingreso",
    },
    "end_date": {
        "end date",
        "fecha fin",
        "fecha de fin",
        "fecha de retiro",
        "fecha retiro",
        "fecha de terminacion",
    },
}
RATE_ALIASES: dict[str, set[str]] = {
    "month": {"month", "mes", "periodo"},
    "currency": {"currency", "moneda", "divisa"},
    "rate": {"rate", "exchange rate", "tasa", "tasa de cambio", "trm"},
}

ROLES = {
    "worker": "worker",
    "trabajador": "worker",
    "trabajadora": "worker",
    "empleado": "worker",
    "empleada": "worker",
    "hr": "hr",
    "rrhh": "hr",
    "rr hh": "hr",
    "recursos humanos": "hr",
    "negotiator": "negotiator",
    "negociador": "negotiator",
    "negociadora": "negotiator",
    "admin": "admin",
    "administrator": "admin",
    "administrador": "admin",
    "administradora": "admin",
}
MAX_LENGTHS = {"employee_id": 64, "full_name": 150, "email": 254, "cost_centre": 64}
_USERNAME = re.compile(r"[\w.@+-]{1,150}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)  # the usual case, read without strptime


@dataclass(slots=True)
class PersonRow:
    """One person as the file describes them; a field is absent when its column is."""

    row: int
    employee_id: str
    login: str  # the username a new person gets: the username column, else the email
    values: dict[str, Any]  # full_name, username, email, role, cost_centre, start_date, end_date


@dataclass(slots=True)
class RateRow:
    row: int
    month: date
    currency: str
    rate: Decimal


class _Cells:
    """Reads the cells of one row, collecting problems instead of stopping at the first."""

    def __init__(self, sheet: Sheet, row: int, values: dict[str, Any]) -> None:
        self.sheet, self.row, self.values = sheet, row, values
        self.problems: list[Problem] = []

    def problem(self, name: str, code: str, **params: Any) -> None:
        column = self.sheet.columns.get(name)
        self.problems.append(Problem(code, self.row, name, column, params))

    def text(self, name: str, *, required: bool = False) -> str | None:
        value = self.values.get(name)
        if is_uncalculated(value):
            self.problem(name, "uncalculated_formula")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # Excel stores "1045" typed in a number cell as 1045.0
        text = "" if value is None else str(value).strip()
        if not text:
            if required:
                self.problem(name, "required")
            return "" if not required else None
        if not text.isprintable() and any(unicodedata.category(ch) == "Cc" for ch in text):
            self.problem(name, "control_characters")
            return None
        limit = MAX_LENGTHS.get(name, 1000)
        if len(text) > limit:
            self.problem(name, "too_long", max=limit)
            return None
        return text

    def day(self, name: str) -> date | None:
        value = self.values.get(name)
        if is_uncalculated(value):
            self.problem(name, "uncalculated_formula")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if _ISO_DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass  # 2025-02-30: the formats below refuse it too
        for pattern in _DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.problem(name, "invalid_date")
        return None


def people_rows(sheet: Sheet) -> tuple[list[PersonRow], list[Problem]]:
    """Valid rows and the problems of the others (each row is either valid or has problems)."""
    missing = [name for name in ("employee_id", "full_name") if name not in sheet.columns]
    if "username" not in sheet.columns and "email" not in sheet.columns:
        missing.append("username_or_email")
    if missing:
        raise FileRefused("missing_columns", columns=missing)

    parsed: list[tuple[PersonRow, list[Problem]]] = []
    by_employee: dict[str, list[int]] = defaultdict(list)
    by_username: dict[str, list[int]] = defaultdict(list)
    for number, values in sheet.rows:
        cells = _Cells(sheet, number, values)
        person = _person(cells)
        parsed.append((person, cells.problems))
        if person.employee_id:
            by_employee[person.employee_id].append(number)
        if person.login:
            by_username[person.login.lower()].append(number)

    rows: list[PersonRow] = []
    problems: list[Problem] = []
    for person, row_problems in parsed:
        for key, seen, code, name in (
            (person.employee_id, by_employee, "duplicate_employee_id", "employee_id"),
            (person.login.lower(), by_username, "duplicate_username", "username"),
        ):
            others = [n for n in seen.get(key, ()) if n != person.row] if key else []
            if others:
                column = sheet.columns.get(name) or sheet.columns.get("email")
                rows_text = ", ".join(str(n) for n in others[:5])
                row_problems.append(Problem(code, person.row, name, column, {"rows": rows_text}))
        if row_problems:
            problems.extend(row_problems)
        else:
            rows.append(person)
    return rows, problems


def _person(cells: _Cells) -> PersonRow:
    present = cells.sheet.columns
    employee_id = cells.text("employee_id", required=True) or ""
    values: dict[str, Any] = {"full_name": cells.text("full_name", required=True) or ""}
    email = cells.text("email") if "email" in present else None
    if email:
        if not _EMAIL.fullmatch(email) or len(email) > 254:
            cells.problem("email", "invalid_email")
        email = email.lower()
    if email is not None:
        values["email"] = email
    username = cells.text("username") if "username" in present else None
    if username:
        if not _USERNAME.fullmatch(username):
            cells.problem("username", "invalid_username")
        values["username"] = username
    # New people sign in with their email when the file gives no username.
    login = username or email or ""
    if not login:
        cells.problem(
            "username" if "username" in present else "email", "username_or_email_required"
        )
    elif not username and not _USERNAME.fullmatch(login):
        cells.problem("email", "invalid_username")
    if "role" in present:
        role_text = cells.text("role")
        if role_text:
            role = ROLES.get(" ".join(role_text.lower().replace(".", " ").split()))
            if role is None:
                cells.problem("role", "invalid_role")
            values["role"] = role
    if "cost_centre" in present:
        values["cost_centre"] = cells.text("cost_centre") or ""
    for name in ("start_date", "end_date"):
        if name in present:
            values[name] = cells.day(name)
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        cells.problem("end_date", "end_before_start")
    return PersonRow(cells.row, employee_id, login, values)


def rate_rows(sheet: Sheet, *, organization_currency: str) -> tuple[list[RateRow], list[Problem]]:
    missing = [name for name in RATE_ALIASES if name not in sheet.columns]
    if missing:
        raise FileRefused("missing_columns", columns=missing)
    rows: list[RateRow] = []
    problems: list[Problem] = []
    seen: dict[tuple[date, str], list[int]] = defaultdict(list)
    parsed: list[tuple[int, date | None, str | None, Decimal | None, list[Problem]]] = []
    for number, values in sheet.rows:
        cells = _Cells(sheet, number, values)
        month = _month(cells)
        currency = (cells.text("currency", required=True) or "").upper() or None
        if currency and currency not in ISO_4217:
            cells.problem("currency", "invalid_currency")
        elif currency and currency == organization_currency:
            cells.problem("currency", "same_currency")
        rate = _rate(cells)
        if month and currency:
            seen[(month, currency)].append(number)
        parsed.append((number, month, currency, rate, cells.problems))
    for number, month, currency, rate, row_problems in parsed:
        others = [n for n in seen.get((month, currency), ()) if n != number] if month else []  # type: ignore[arg-type]
        if others:
            row_problems.append(
                Problem(
                    "duplicate_rate",
                    number,
                    "month",
                    sheet.columns["month"],
                    {"rows": ", ".join(map(str, others[:5]))},
                )
            )
        if row_problems or month is None or currency is None or rate is None:
            problems.extend(row_problems)
        else:
            rows.append(RateRow(number, month, currency, rate))
    return rows, problems


def _month(cells: _Cells) -> date | None:
    value = cells.values.get("month")
    if isinstance(value, datetime | date):
        return date(value.year, value.month, 1)
    text = cells.text("month", required=True)
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2})?|(\d{1,2})[-/](\d{4})", text)
    if match:
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        if 1 <= int(month) <= 12:
            return date(int(year), int(month), 1)
    cells.problem("month", "invalid_month")
    return None


def parse_number(text: str) -> Decimal | None:
    """ "4100.5", "4100,5", "4.100,50" and "4,100.50" are all 4100.50; "4.100" is ambiguous (None)."""
    text = text.replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"\d[\d.,]*", text):
        raise ValueError(text)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        if text.count(decimal_mark) > 1:
            raise ValueError(text)
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif dots + commas > 1:
        mark = "." if dots else ","
        if not re.fullmatch(rf"\d{{1,3}}(\{mark}\d{{3}})+", text):
            raise ValueError(text)
        text = text.replace(mark, "")  # several of one mark: thousands separators
    elif dots + commas == 1:
        whole, fraction = re.split(r"[.,]", text)
        if len(fraction) == 3 and whole != "0":
            return None  # 4.100 is 4100 in Bogotá and 4.1 in London
        text = f"{whole}.{fraction}"
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


def _rate(cells: _Cells) -> Decimal | None:
    value = cells.values.get("rate")
    if isinstance(value, int | float) and not isinstance(value, bool):
        number: Decimal | None = (
            Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        )
    else:
        text = cells.text("rate", required=True)
        if not text:
            return None
        try:
            number = parse_number(text)
        except ValueError:
            cells.problem("rate", "invalid_rate")
            return None
        if number is None:
            cells.problem("rate", "ambiguous_number", value=text)
            return None
    assert number is not None
    if not number.is_finite() or number >= Decimal("1e12"):
        cells.problem("rate", "invalid_rate")
        return None
    number = number.quantize(Decimal("0.000001"))
    if number <= 0:
        cells.problem("rate", "invalid_rate")
        return None
    return number
