"""Every export endpoint × every persona (and the admin). Another organisation's data is 404."""

from datetime import date

import pytest

from tests.access import check_row
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

RANGE = "?from=2026-01&to=2026-12"
ONLY_HR_ROLE = {"*": 403, "hr": 200, "other_hr": 200, "anonymous": 401}
BARGAINING = {"*": 403, "hr": 200, "other_hr": 200, "negotiator": 200, "anonymous": 401}
OUR_HR = {"*": 404, "hr": 200, "anonymous": 401}

ROWS = [
    (
        "payroll run",
        "POST",
        "/exports/payroll",
        {"period": "2026-11"},
        # Allowed for HR; the fixture's run has paid everything, so this one has nothing to pay.
        {
            "*": 403,
            "hr": (409, "nothing_to_pay"),
            "other_hr": (409, "nothing_to_pay"),
            "anonymous": 401,
        },
    ),
    ("payroll preview", "GET", "/exports/payroll/preview?period=2026-11", None, ONLY_HR_ROLE),
    ("payroll batches", "GET", "/exports/payroll", None, ONLY_HR_ROLE),
    ("payroll xlsx", "GET", "/exports/payroll/{batch}.xlsx", None, OUR_HR),
    ("payroll csv", "GET", "/exports/payroll/{batch}.csv", None, OUR_HR),
    ("my pack", "GET", "/exports/me", None, {"*": 200, "anonymous": 401}),
    (
        "a person's pack",
        "GET",
        "/exports/people/{owner}/pack",
        None,
        {"*": 404, "owner": 200, "admin": 200, "anonymous": 401},
    ),
    ("bargaining pack", "GET", "/exports/bargaining.xlsx" + RANGE, None, BARGAINING),
    ("bargaining figures", "GET", "/exports/bargaining" + RANGE, None, BARGAINING),
]


@pytest.fixture
def objects(people, line):
    from exports.periods import parse_month
    from exports.services import payroll_batch_create

    line(people["owner"], "chair", "300000", date(2026, 11, 2))
    batch = payroll_batch_create(actor=people["hr"], period=parse_month("2026-11", "period"))
    return {"batch": batch.pk, "owner": people["owner"].pk}


@pytest.mark.parametrize("persona", [*PERSONAS, "admin"])
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"), ROWS, ids=[r[0] for r in ROWS]
)
def test_access(api_as, objects, persona, name, method, path, body, expected):
    check_row(api_as(persona), objects, persona, method, path, body, expected)
