"""Malformed requests get a 4xx in the one error shape, never a 500."""

import pytest
from django.test import Client

from tests.personas import assert_error

pytestmark = pytest.mark.django_db


def test_bad_json(people):
    response = Client().post("/api/auth/token", data="{not json", content_type="application/json")
    assert_error(response, 400, "malformed_request")


def test_unknown_fields_are_refused(people):
    response = Client().post(
        "/api/auth/token",
        data='{"username": "ana", "password": "x", "role": "admin"}',
        content_type="application/json",
        headers={"Accept-Language": "es"},
    )
    body = assert_error(response, 422, "invalid_request")
    assert body["message"] == "Algunos campos no son válidos: role."


def test_missing_fields_are_named(people):
    response = Client().post("/api/auth/token", data="{}", content_type="application/json")
    body = assert_error(response, 422, "invalid_request")
    assert body["details"]["fields"] == "password, username"


def test_multipart_without_boundary(api_as):
    ana = api_as("owner")
    response = ana.client.post(
        "/api/auth/tokens",
        data=b"--xyz\r\ncontent\r\n",
        content_type="multipart/form-data",
        headers=ana.headers,
    )
    assert response.status_code in (400, 422)
    assert set(response.json()) == {"code", "message", "details"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/"),
        ("get", "/api/nothing-here"),
        ("get", "/api/claims/1/nonsense"),
        ("post", "/api/nothing-here"),
        ("post", "/api/claims/1/nonsense"),
        ("delete", "/api/receipts/1/file/extra"),
    ],
)
def test_unknown_api_path_is_a_json_404(db, method, path):
    # CSRF enforced, as in a browser: a POST to a wrong path is still a 404, not a CSRF refusal.
    client = Client(enforce_csrf_checks=True)
    for language, message in (("en", "Not found."), ("es", "No encontrado.")):
        response = getattr(client, method)(path, headers={"Accept-Language": language})
        body = assert_error(response, 404, "not_found")
        assert body["message"] == message, language


def test_anonymous_gets_401_in_shape(db):
    assert_error(Client().get("/api/auth/me"), 401, "not_authenticated")


def test_docs_and_schema_are_served_without_third_party_assets(db):
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    assert b"https://" not in docs.content  # swagger-ui is served from our own static files
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200
    schema = Client().get("/api/openapi.json").json()
    assert "/api/auth/token" in schema["paths"]
    assert "/api/health" in schema["paths"]


def test_pages_carry_a_same_origin_content_security_policy(db):
    for path in ("/", "/receipts/12", "/api/docs"):
        policy = Client().get(path)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "https:" not in policy and "*" not in policy


def test_the_schema_declares_the_error_shape_on_every_operation(db):
    schema = Client().get("/api/openapi.json").json()
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {
        "code",
        "message",
        "details",
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "4XX" in operation["responses"], f"{method} {path}"
    assert "401" in schema["paths"]["/api/auth/me"]["get"]["responses"]
    assert "401" not in schema["paths"]["/api/health"]["get"]["responses"]


def test_schema_names_are_unique_across_apps():
    """django-ninja keys components by class name: two `CategoryOut`s silently become one."""
    import importlib
    import inspect

    from ninja import Schema

    seen: dict[str, str] = {}
    for app in ("accounts", "receipts", "claims", "exports", "orgsetup"):
        module = importlib.import_module(f"{app}.schemas")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Schema) and cls.__module__ == module.__name__:
                assert name not in seen, f"{name} is defined in {seen.get(name)} and {app}"
                seen[name] = app
