"""Categories, policy versions with payroll concepts, rates and the organisation, as its admin."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import ExchangeRate, Expense
from orgsetup.models import AdminEvent
from tests.setup.conftest import upload
from tests.setup.files import csv_bytes

pytestmark = pytest.mark.django_db

FIRST = {
    "effective_from": "2026-01-01",
    "kind": "one_time",
    "currency": "COP",
    "cap": "300000",
    "replacement_months": 24,
    "work_use_percent": "100",
    "payroll_concept": "REEMB-DIADEMA",
    "receipt_required": False,
}


@pytest.fixture
def headset(admin_api):
    body = {"code": "headset", "name_en": "Headset", "name_es": "Diadema", "policy": FIRST}
    response = admin_api().post("/admin/categories", body)
    assert response.status_code == 201, response.content
    return response.json()


def test_create_category_with_its_first_policy(headset, admin_api):
    assert headset["policy_in_force"] == "headset 2026-01-01"
    assert headset["policies"][0]["payroll_concept"] == "REEMB-DIADEMA"
    assert headset["policies"][0]["cap"] == "300000.00"
    listed = {c["code"] for c in admin_api().get("/admin/categories").json()}
    assert listed == {"headset"}


def test_edit_and_deactivate_a_category(headset, admin_api, api_as):
    response = admin_api().patch(
        "/admin/categories/headset", {"name_es": "Diadema con micrófono", "active": False}
    )
    assert (
        response.json()["name_es"] == "Diadema con micrófono" and response.json()["active"] is False
    )
    assert "headset" not in {c["code"] for c in api_as("owner").get("/categories").json()}
    assert AdminEvent.objects.filter(kind="category_updated").exists()


@pytest.mark.parametrize(
    ("change", "code", "spanish"),
    [
        ({"cap": "-1"}, "negative_cap", "El tope no puede ser negativo."),
        ({"legal_floor": "-5"}, "negative_legal_floor", "El mínimo legal no puede ser negativo."),
        (
            {"work_use_percent": "101"},
            "work_use_percent_out_of_range",
            "El porcentaje de uso laboral debe estar entre 0 y 100.",
        ),
        (
            {"currency": "USD"},
            "policy_currency",
            "La política debe estar en la moneda de la organización (COP).",
        ),
        ({"payroll_concept": "con espacios"}, "invalid_payroll_concept", None),
        ({"claim_window_days": 0}, "invalid_claim_window", None),
        ({"replacement_months": 0}, "invalid_replacement_months", None),
        ({"cap": "1.005"}, "invalid_cap", None),
    ],
)
def test_policy_validation_is_clear_in_both_languages(headset, admin_api, change, code, spanish):
    body = {"effective_from": "2026-12-01", **change}
    response = admin_api("es").post("/admin/categories/headset/policies", body)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == code
    if spanish:
        assert response.json()["message"] == spanish
    english = admin_api("en").post("/admin/categories/headset/policies", body).json()["message"]
    assert english != response.json()["message"]


def test_unknown_currency_and_bad_kind_are_422(headset, admin_api):
    response = admin_api().post(
        "/admin/categories/headset/policies", {"effective_from": "2026-12-01", "currency": "CPO"}
    )
    assert response.status_code == 422 and "currency" in response.json()["message"]
    response = admin_api().post(
        "/admin/categories/headset/policies", {"effective_from": "2026-12-01", "kind": "weekly"}
    )
    assert response.status_code == 422


def test_overlapping_policy_period_is_refused(headset, admin_api):
    response = admin_api("es").post(
        "/admin/categories/headset/policies", {"effective_from": "2026-01-01", "cap": "1"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "policy_overlap"
    assert (
        "ya tiene una versión de política que empieza el 2026-01-01" in response.json()["message"]
    )


def test_first_version_needs_kind_and_concept(admin_api):
    body = {
        "code": "desk2",
        "name_en": "Desk",
        "name_es": "Escritorio",
        "policy": {"effective_from": "2026-01-01"},
    }
    response = admin_api().post("/admin/categories", body)
    assert response.status_code == 422 and response.json()["code"] == "policy_terms_missing"
    assert admin_api().get("/admin/categories").json() == []  # nothing half-created
    again = admin_api().post("/admin/categories", {**body, "code": "Bad Code!"})
    assert again.json()["code"] == "invalid_category_code"


def test_judged_expenses_keep_their_policy_version(headset, admin_api, api_as, people):
    worker = api_as("owner")
    day = (timezone.localdate() - timedelta(days=5)).isoformat()
    expense = {"category": "headset", "amount": "500000", "currency": "COP", "date": day}
    first = worker.post("/expenses", expense)
    assert first.status_code == 201, first.content
    assert first.json()["policy_version"] == "headset 2026-01-01"
    assert first.json()["eligible_amount"] == "300000.00"

    # A new version from a date before the expense: the judged expense keeps the old one.
    new = admin_api().post(
        "/admin/categories/headset/policies",
        {"effective_from": day, "cap": "450000", "payroll_concept": "REEMB-DIADEMA-2"},
    )
    assert new.status_code == 201, new.content
    versions = new.json()["policies"]
    assert [v["version"] for v in versions] == [f"headset {day}", "headset 2026-01-01"]
    assert versions[0]["replacement_months"] == 24  # copied from the version before
    assert versions[1]["in_use"] is True
    kept = Expense.objects.get(pk=first.json()["id"])
    assert (
        kept.policy.effective_from.isoformat() == "2026-01-01"
        and "headset 2026-01-01" in kept.explanation_en
    )

    second = api_as("other_worker").post("/expenses", expense).json()
    assert second["policy_version"] == f"headset {day}" and second["eligible_amount"] == "450000.00"

    # A version that judged expenses cannot be rewritten; an unused one can be corrected.
    used = admin_api().patch("/admin/categories/headset/policies/2026-01-01", {"cap": "1"})
    assert used.status_code == 409 and used.json()["code"] == "policy_in_use"
    future = admin_api().post(
        "/admin/categories/headset/policies", {"effective_from": "2027-01-01", "cap": "500000"}
    )
    assert future.status_code == 201
    fixed = admin_api().patch(
        "/admin/categories/headset/policies/2027-01-01",
        {"cap": "550000", "payroll_concept": "NUEVO"},
    )
    assert fixed.status_code == 200, fixed.content
    assert fixed.json()["policies"][0]["cap"] == "550000.00"
    assert fixed.json()["policies"][0]["payroll_concept"] == "NUEVO"


def test_rates_import_dry_run_then_apply_then_unchanged(admin_api, org):
    data = csv_bytes(
        [["2026-10", "USD", "4.100,50"], ["2026-10", "EUR", "4450,25"]],
        heading=["mes", "moneda", "tasa"],
    )
    dry = upload(admin_api(), "/admin/rates/import", data, name="tasas.csv", dry_run=True)
    assert dry.status_code == 200 and dry.json()["created"] == 2
    assert not ExchangeRate.objects.exists()
    applied = upload(
        admin_api(), "/admin/rates/import", data, name="tasas.csv", dry_run=False
    ).json()
    assert applied["applied"] is True
    assert str(ExchangeRate.objects.get(currency="USD").rate) == "4100.500000"
    again = upload(admin_api(), "/admin/rates/import", data, dry_run=False).json()
    assert (again["created"], again["unchanged"]) == (0, 2)
    assert admin_api().get("/rates").json()[0]["month"] == "2026-10"


def test_rates_with_errors_import_nothing(admin_api):
    data = csv_bytes(
        [["2026-10", "USD", "4100"], ["2026-10", "XXX", "-1"]],
        heading=["month", "currency", "rate"],
    )
    response = upload(admin_api("es"), "/admin/rates/import", data, dry_run=False)
    assert response.status_code == 422 and response.json()["code"] == "import_has_errors"
    errors = response.json()["details"]["report"]["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(3, "currency"), (3, "rate")}
    assert not ExchangeRate.objects.exists()


def test_organisation_separator_and_currency(admin_api, org):
    api = admin_api()
    assert api.get("/admin/organization").json() == {
        "name": "Demo",
        "currency": "COP",
        "csv_separator": ";",
    }
    response = api.patch("/admin/organization", {"csv_separator": ",", "currency": "usd"})
    assert response.json() == {"name": "Demo", "currency": "USD", "csv_separator": ","}
    assert api.patch("/admin/organization", {"currency": "CPO"}).status_code == 422
    assert api.patch("/admin/organization", {"csv_separator": "x"}).status_code == 422
    assert api.patch("/admin/organization", {"name": "Other"}).status_code == 422


def test_currency_is_locked_once_policies_exist(headset, admin_api):
    response = admin_api().patch("/admin/organization", {"currency": "USD"})
    assert response.status_code == 409 and response.json()["code"] == "currency_locked"


def test_admin_events_are_append_only():
    from core.audit import AppendOnlyError

    with pytest.raises(AppendOnlyError):
        AdminEvent.objects.all().update(kind="x")
    with pytest.raises(AppendOnlyError):
        AdminEvent.objects.all().delete()
