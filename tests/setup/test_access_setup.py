"""Every setup endpoint × every persona: only an admin of the same organisation gets through.

Other roles get 403 (their role), anonymous 401, and another organisation's admin 404 for our
objects (or their own, empty organisation for collections).
"""

from datetime import date

import pytest

from accounts.models import Role
from tests.access import check, check_row
from tests.conftest import PERSONAS, Api
from tests.setup.conftest import upload
from tests.setup.files import PEOPLE, csv_bytes

pytestmark = pytest.mark.django_db

ALL_PERSONAS = (*PERSONAS, "admin", "other_admin")
UPLOAD_PEOPLE = object()
UPLOAD_RATES = object()


def admins_only(ok: int, other_admin: int | None = None) -> dict[str, int]:
    return {
        "*": 403,
        "anonymous": 401,
        "admin": ok,
        "other_admin": ok if other_admin is None else other_admin,
    }


ROWS = [
    ("people import", "POST", "/admin/people/import", UPLOAD_PEOPLE, admins_only(200)),
    ("people list", "GET", "/admin/people", None, admins_only(200)),
    (
        "people bulk edit",
        "PATCH",
        "/admin/people",
        {"ids": ["{ana}"], "cost_centre": "CC-9"},
        admins_only(200, 404),
    ),
    ("person detail", "GET", "/admin/people/{ana}", None, admins_only(200, 404)),
    ("person edit", "PATCH", "/admin/people/{ana}", {"cost_centre": "CC-9"}, admins_only(200, 404)),
    ("activation links", "POST", "/admin/people/activation-links", {}, admins_only(200)),
    (  # Ana has a password: a code that would reset it is refused unless asked for.
        "activation links for a person",
        "POST",
        "/admin/people/activation-links",
        {"ids": ["{ana}"]},
        admins_only(422, 404),
    ),
    (
        "activation link resetting a password",
        "POST",
        "/admin/people/activation-links",
        {"ids": ["{ana}"], "reset_password": True},
        admins_only(200, 404),
    ),
    ("activate", "POST", "/auth/activate", {"code": "NOPE-NOPE", "password": "x"}, {"*": 422}),
    ("categories list", "GET", "/admin/categories", None, admins_only(200)),
    (
        "category create",
        "POST",
        "/admin/categories",
        {"code": "desk2", "name_en": "Desk", "name_es": "Escritorio"},
        admins_only(201),
    ),
    (
        "category edit",
        "PATCH",
        "/admin/categories/headset",
        {"active": False},
        admins_only(200, 404),
    ),
    (
        "policy version create",
        "POST",
        "/admin/categories/headset/policies",
        {"effective_from": "2026-12-01", "cap": "1000"},
        admins_only(201, 404),
    ),
    (
        "policy version edit",
        "PATCH",
        "/admin/categories/headset/policies/2026-01-01",
        {"cap": "2000"},
        admins_only(200, 404),
    ),
    ("rates import", "POST", "/admin/rates/import", UPLOAD_RATES, admins_only(200)),
    ("organisation", "GET", "/admin/organization", None, admins_only(200)),
    ("organisation edit", "PATCH", "/admin/organization", {"csv_separator": ","}, admins_only(200)),
    ("admin events", "GET", "/admin/events", None, admins_only(200)),
]


@pytest.fixture
def objects(people) -> dict[str, int]:
    from orgsetup import catalog

    catalog.category_create(
        admin=people["admin"],
        code="headset",
        name_en="Headset",
        name_es="Diadema",
        policy={"effective_from": date(2026, 1, 1), "kind": "one_time", "payroll_concept": "REEMB"},
    )
    return {"ana": people["owner"].pk}


@pytest.fixture
def client_for(api_as, people, other_admin):
    def make(persona: str) -> Api:
        if persona == "admin":
            return Api(people["admin"])
        if persona == "other_admin":
            assert other_admin.role == Role.ADMIN
            return Api(other_admin)
        return api_as(persona)

    return make


@pytest.mark.parametrize("persona", ALL_PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"), ROWS, ids=[r[0] for r in ROWS]
)
def test_access(client_for, objects, persona, name, method, path, body, expected):
    client = client_for(persona)
    if body is UPLOAD_PEOPLE:
        check(upload(client, path, csv_bytes(PEOPLE), dry_run=True), persona, expected)
    elif body is UPLOAD_RATES:
        data = csv_bytes([["2026-10", "USD", "4100"]], heading=["month", "currency", "rate"])
        check(upload(client, path, data, dry_run=True), persona, expected)
    else:
        check_row(client, objects, persona, method, path, body, expected)


def test_every_setup_endpoint_is_in_the_matrix():
    from homeclaim.api import api

    schema = api.get_openapi_schema()
    setup_paths = {
        (method.upper(), path.removeprefix("/api"))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "setup" in operation.get("tags", [])
    }
    covered = {
        (
            method,
            path.replace("{ana}", "{person_id}")
            .replace("headset", "{code}")
            .replace("2026-01-01", "{effective_from}"),
        )
        for _, method, path, _, _ in ROWS
    }
    assert setup_paths == covered
