"""People import, editing and activation through the API, as the organisation's admin."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from orgsetup.models import ActivationCode, AdminEvent
from tests.conftest import PASSWORD, Api
from tests.setup.conftest import upload
from tests.setup.files import PEOPLE, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db
IMPORT = "/admin/people/import"


def imported(org):
    return User.objects.filter(organization=org, employee_id__in=["E-100", "E-101", "E-102"])


def test_dry_run_reports_and_writes_nothing(admin_api, org):
    response = upload(admin_api(), IMPORT, csv_bytes(PEOPLE, encoding="latin-1"), dry_run=True)
    assert response.status_code == 200, response.content
    report = response.json()
    assert (report["created"], report["updated"], report["unchanged"], report["applied"]) == (
        3,
        0,
        0,
        False,
    )
    assert report["file"]["encoding"] == "windows-1252" and report["file"]["separator"] == ";"
    assert not imported(org).exists()


def test_import_creates_people_without_passwords_and_the_same_file_twice_changes_nothing(
    admin_api, org
):
    data = csv_bytes(PEOPLE)
    first = upload(admin_api(), IMPORT, data, dry_run=False).json()
    assert (first["created"], first["applied"]) == (3, True)
    jose = User.objects.get(organization=org, employee_id="E-100")
    assert jose.get_full_name() == "José Peña Muñoz" and jose.username == "jose.pena@example.co"
    assert not jose.has_usable_password() and jose.cost_centre == "CC-01"
    assert User.objects.get(employee_id="E-101").role == "hr"

    events_before = AdminEvent.objects.count()
    second = upload(admin_api(), IMPORT, data, dry_run=False).json()
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 3)
    assert AdminEvent.objects.count() == events_before + 1  # only the import summary


def test_reimport_updates_only_what_changed_and_records_it(admin_api, org):
    upload(admin_api(), IMPORT, csv_bytes(PEOPLE), dry_run=False)
    changed = [row[:] for row in PEOPLE]
    changed[0][4] = "CC-99"
    changed[1][3] = "worker"
    changed[2][6] = "2026-06-30"
    report = upload(
        admin_api(), IMPORT, xlsx_bytes(changed), name="people.xlsx", dry_run=False
    ).json()
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 3, 0)
    assert {c["employee_id"]: c["fields"] for c in report["changes"]} == {
        "E-100": ["cost_centre"],
        "E-101": ["role"],
        "E-102": ["end_date"],
    }
    maria = User.objects.get(employee_id="E-101")
    assert maria.role == "worker"
    assert AdminEvent.objects.filter(subject=maria, kind="role_changed").exists()
    assert not User.objects.get(employee_id="E-102").can_log_in()  # past its end date


def test_a_file_with_errors_imports_nothing_unless_the_valid_rows_are_confirmed(admin_api, org):
    rows = [*PEOPLE, ["E-103", "", "bad-email", "jefe", "", "", ""]]
    data = csv_bytes(rows)
    refused = upload(admin_api("es"), IMPORT, data, dry_run=False)
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "import_has_errors"
    assert body["message"].startswith("No se importó nada: 1 filas tienen errores.")
    errors = body["details"]["report"]["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {
        (5, "full_name"),
        (5, "email"),
        (5, "role"),
    }
    assert any(e["message"] == "Este valor es obligatorio." for e in errors)
    assert not imported(org).exists()

    token = body["details"]["confirm_token"]
    mismatch = upload(admin_api(), IMPORT, csv_bytes(PEOPLE), dry_run=False, confirm=token)
    assert mismatch.status_code == 409 and mismatch.json()["code"] == "confirm_mismatch"

    done = upload(admin_api(), IMPORT, data, dry_run=False, confirm=token)
    assert done.status_code == 200, done.content
    assert (done.json()["created"], done.json()["error_rows"]) == (3, 1)
    assert imported(org).count() == 3 and not User.objects.filter(employee_id="E-103").exists()


def test_username_of_someone_else_is_a_row_error(admin_api, people):
    rows = [["E-200", "Ana Otra", "ana"]]
    response = upload(
        admin_api(),
        IMPORT,
        csv_bytes(rows, heading=["employee_id", "full_name", "username"]),
        dry_run=True,
    )
    assert [(e["row"], e["code"]) for e in response.json()["errors"]] == [(2, "username_taken")]


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (b"x" * (20 * 1024 * 1024), 413, "file_too_large"),
        (csv_bytes([["E-1", "x"]], heading=["employee_id", "role"]), 422, "missing_columns"),
        (b"", 422, "empty_file"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 64, 422, "old_excel_format"),
    ],
    ids=["20MB", "missing-columns", "empty", "xls"],
)
def test_unreadable_files_get_a_clear_error_and_no_500(admin_api, data, status, code):
    response = upload(admin_api("es"), IMPORT, data, dry_run=False)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_an_oversized_upload_says_its_size_and_the_limit(admin_api, settings):
    settings.SETUP_IMPORT_MAX_BYTES = 1024 * 1024
    response = upload(admin_api("es"), IMPORT, b"x" * (3 * 1024 * 1024 // 2), dry_run=True)
    assert response.status_code == 413
    assert response.json()["details"] == {"size_mb": "1.5", "max_mb": "1.0"}
    assert "1.5" in response.json()["message"] and "1.0" in response.json()["message"]


def test_missing_file_and_missing_boundary_are_4xx(admin_api):
    api = admin_api()
    assert (
        api.client.post("/api" + IMPORT, data={"dry_run": "true"}, headers=api.headers).status_code
        == 422
    )
    bad = api.client.post(
        "/api" + IMPORT, data=b"--x", content_type="multipart/form-data", headers=api.headers
    )
    assert bad.status_code == 400


def test_list_search_and_filter(admin_api):
    upload(admin_api(), IMPORT, csv_bytes(PEOPLE), dry_run=False)
    api = admin_api()
    found = api.get("/admin/people?q=peña").json()
    assert [p["employee_id"] for p in found["items"]] == ["E-100"]
    assert found["items"][0]["has_password"] is False
    assert {p["username"] for p in api.get("/admin/people?role=hr").json()["items"]} == {
        "hugo",
        "maria.nunez@example.co",
    }
    assert api.get("/admin/people?q=CC-01").json()["count"] == 2


def test_edit_change_role_and_deactivate_are_audited(admin_api, people):
    api = admin_api()
    luis = people["other_worker"]
    response = api.patch(
        f"/admin/people/{luis.pk}", {"role": "hr", "cost_centre": "CC-7", "full_name": "Luis Gómez"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["role"] == "hr" and response.json()["full_name"] == "Luis Gómez"
    assert api.patch(f"/admin/people/{luis.pk}", {"is_active": False}).json()["can_log_in"] is False
    kinds = [e["kind"] for e in api.get(f"/admin/events?person={luis.pk}").json()["items"]]
    assert kinds == ["deactivated", "person_updated", "role_changed"]
    # Luis's token no longer works, but his account and data are still there.
    assert Api(luis).get("/auth/me").status_code == 401
    assert User.objects.filter(pk=luis.pk).exists()


def test_admin_events_name_their_subject_without_a_query_per_event(admin_api, people):
    api = admin_api()

    def events() -> tuple[int, list[dict]]:
        with CaptureQueriesContext(connection) as queries:
            response = api.get("/admin/events")
        assert response.status_code == 200
        return len(queries), response.json()["items"]

    api.patch(f"/admin/people/{people['other_worker'].pk}", {"cost_centre": "CC-7"})
    with_one, _ = events()
    nameless = User.objects.create_user(
        username="sin.nombre", organization=people["owner"].organization
    )
    for person in (people["owner"], people["hr"], nameless):
        api.patch(f"/admin/people/{person.pk}", {"cost_centre": "CC-8"})
    api.patch("/admin/organization", {"csv_separator": ","})
    with_five, items = events()

    assert with_five == with_one
    assert [(e["subject_name"], e["subject_employee_id"]) for e in items] == [
        (None, None),  # the organisation's settings: no one in particular
        ("sin.nombre", ""),  # no name: the username
        ("Hugo", ""),
        ("Ana", "E-1"),
        ("Luis", "E-2"),
    ]


def test_bulk_change(admin_api, people):
    ids = [people["owner"].pk, people["other_worker"].pk]
    response = admin_api().patch("/admin/people", {"ids": ids, "end_date": "2026-01-31"})
    assert response.json() == {"updated": 2}
    assert not User.objects.get(pk=ids[0]).can_log_in()


def test_admin_cannot_demote_or_deactivate_themselves(admin_api, people):
    me = people["admin"].pk
    for change in ({"role": "worker"}, {"is_active": False}, {"end_date": "2026-01-01"}):
        response = admin_api().patch(f"/admin/people/{me}", change)
        assert response.status_code == 409 and response.json()["code"] == "own_account"


def test_edit_conflicts_and_validation(admin_api, people):
    api = admin_api()
    ana = people["owner"].pk
    assert (
        api.patch(f"/admin/people/{ana}", {"employee_id": "E-2"}).json()["code"]
        == "employee_id_taken"
    )
    assert (
        api.patch(f"/admin/people/{ana}", {"username": "luis"}).json()["code"] == "username_taken"
    )
    assert api.patch(f"/admin/people/{ana}", {"role": "boss"}).status_code == 422
    assert api.patch(f"/admin/people/{ana}", {"full_name": None}).status_code == 422
    assert (
        api.patch(f"/admin/people/{ana}", {"password": "x"}).status_code == 422
    )  # no mass assignment
    response = api.patch(
        f"/admin/people/{ana}", {"start_date": "2026-05-01", "end_date": "2026-04-01"}
    )
    assert response.json()["code"] == "end_before_start"


def test_activation_codes_let_new_people_set_a_password_once(admin_api, org):
    upload(admin_api(), IMPORT, csv_bytes(PEOPLE), dry_run=False)
    issued = admin_api().post("/admin/people/activation-links", {}).json()
    assert issued["count"] == 3
    jose = next(c for c in issued["codes"] if c["employee_id"] == "E-100")
    assert jose["link"].endswith("/activate#code=" + jose["code"])
    assert not ActivationCode.objects.filter(code_hash__contains=jose["code"]).exists()

    # Issuing again skips people whose code is still pending, so a printed list stays valid.
    assert admin_api().post("/admin/people/activation-links", {}).json()["count"] == 0

    anonymous = Api(None, "es")
    weak = anonymous.post("/auth/activate", {"code": jose["code"], "password": "123"})
    assert weak.status_code == 422 and weak.json()["code"] == "weak_password"
    assert "contraseña" in weak.json()["message"]
    typed = jose["code"].lower().replace("-", " ")  # as someone types it off paper
    ok = anonymous.post("/auth/activate", {"code": typed, "password": "una clave larga de verdad"})
    assert ok.status_code == 200 and ok.json() == {"username": "jose.pena@example.co"}
    again = anonymous.post(
        "/auth/activate", {"code": jose["code"], "password": "otra clave larga más"}
    )
    assert again.status_code == 422 and again.json()["code"] == "invalid_activation_code"

    login = anonymous.post(
        "/auth/token", {"username": "jose.pena@example.co", "password": "una clave larga de verdad"}
    )
    assert login.status_code == 200
    assert AdminEvent.objects.filter(kind="activated", subject__employee_id="E-100").exists()


def test_renewed_codes_void_the_old_ones_and_expired_codes_fail(admin_api, people, settings):
    ana = people["owner"]
    ana.set_unusable_password()
    ana.save()
    first = admin_api().post("/admin/people/activation-links", {"ids": [ana.pk]}).json()["codes"][0]
    second = (
        admin_api()
        .post("/admin/people/activation-links", {"ids": [ana.pk], "renew": True})
        .json()["codes"][0]
    )
    anonymous = Api(None)
    assert (
        anonymous.post(
            "/auth/activate", {"code": first["code"], "password": "una clave larga de verdad"}
        ).status_code
        == 422
    )
    ActivationCode.objects.filter(user=ana, used_at__isnull=True).update(
        expires_at="2020-01-01T00:00:00Z"
    )
    assert (
        anonymous.post(
            "/auth/activate", {"code": second["code"], "password": "una clave larga de verdad"}
        ).status_code
        == 422
    )


@pytest.mark.parametrize(
    ("language", "words"), [("en", "already have a password"), ("es", "ya tienen contraseña")]
)
def test_a_code_for_someone_with_a_password_is_refused_unless_a_reset_is_asked_for(
    admin_api, people, language, words
):
    ana, luis = people["owner"], people["other_worker"]
    luis.set_unusable_password()
    luis.save()
    refused = admin_api(language).post("/admin/people/activation-links", {"ids": [luis.pk, ana.pk]})
    assert refused.status_code == 422
    assert refused.json()["code"] == "has_password"
    assert words in refused.json()["message"]
    assert refused.json()["details"] == {"count": 1, "ids": [ana.pk]}
    assert not ActivationCode.objects.exists()  # not even Luis's: all or nothing
    assert not AdminEvent.objects.filter(kind="activation_issued").exists()

    reset = admin_api().post(
        "/admin/people/activation-links", {"ids": [ana.pk], "reset_password": True}
    )
    assert reset.status_code == 200
    code = reset.json()["codes"][0]["code"]
    ana_script = Api(ana)  # a token made before the reset
    browser = Client()
    browser.force_login(ana)  # and a browser session
    assert ana_script.get("/auth/me").status_code == 200
    assert browser.get("/api/auth/me").status_code == 200
    event = AdminEvent.objects.get(kind="activation_issued")
    assert event.data == {"count": 1, "renew": False, "reset_password": True}
    new_password = "una clave nueva y larga"
    assert (
        Api(None).post("/auth/activate", {"code": code, "password": new_password}).status_code
        == 200
    )
    ana.refresh_from_db()
    assert ana.check_password(new_password) and not ana.check_password(PASSWORD)
    # whoever held the old password's session or token is out
    assert ana_script.get("/auth/me").status_code == 401
    assert browser.get("/api/auth/me").status_code == 401


def test_people_past_their_end_date_get_no_code(admin_api, org):
    rows = [
        *PEOPLE[:2],
        ["E-102", "Iñaki Ortúzar", "inaki@example.co", "", "", "2020-01-01", "2025-12-31"],
    ]
    upload(admin_api(), IMPORT, csv_bytes(rows), dry_run=False)
    issued = admin_api().post("/admin/people/activation-links", {}).json()
    assert sorted(c["employee_id"] for c in issued["codes"]) == ["E-100", "E-101"]


def test_activation_links_as_csv_in_the_organisations_separator(admin_api, org):
    org.csv_separator = ","
    org.save()
    upload(
        admin_api(),
        IMPORT,
        csv_bytes([["E-900", "=cmd|' /C calc'!A0", "x@example.co", "", "", "", ""]]),
        dry_run=False,
    )
    response = admin_api().post("/admin/people/activation-links", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "employee_id,full_name,username,activation_code,link,expires_at"
    assert lines[1].startswith("E-900,'=cmd|")  # a formula is written as text


def test_people_and_codes_written_in_batches_all_land_on_the_right_person(
    admin_api, org, monkeypatch
):
    from core import bulk
    from orgsetup.services import activation, import_people

    for module in (import_people, activation):  # batches of 2, so 5 people cross two boundaries
        monkeypatch.setattr(module, "chunks", lambda items, size=None: bulk.chunks(items, 2))
    rows = [[f"E-30{n}", f"Persona {n}", f"p{n}@example.co", "", "CC-1", "", ""] for n in range(5)]
    assert upload(admin_api(), IMPORT, csv_bytes(rows), dry_run=False).json()["created"] == 5
    people = User.objects.filter(organization=org, employee_id__in=[row[0] for row in rows])
    assert sorted((p.employee_id, p.get_full_name()) for p in people) == [
        (f"E-30{n}", f"Persona {n}") for n in range(5)
    ]
    created = AdminEvent.objects.filter(kind="person_created").select_related("subject")
    assert sorted(event.subject.employee_id for event in created) == [f"E-30{n}" for n in range(5)]

    for row in rows:
        row[4] = "CC-2"
    assert upload(admin_api(), IMPORT, csv_bytes(rows), dry_run=False).json()["updated"] == 5
    assert set(people.values_list("cost_centre", flat=True)) == {"CC-2"}

    ids = sorted(person.pk for person in people)
    issued = admin_api().post("/admin/people/activation-links", {"ids": ids}).json()
    assert sorted(code["id"] for code in issued["codes"]) == ids
    assert (
        sorted(ActivationCode.objects.filter(used_at=None).values_list("user_id", flat=True)) == ids
    )
