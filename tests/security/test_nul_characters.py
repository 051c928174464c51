"""A NUL character anywhere a client can put text is a 4xx, never a 500: PostgreSQL text cannot
hold one (psycopg raises ValueError), so it is refused before any query."""

import json

import pytest
from django.test import Client

from tests.personas import assert_error

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_json_string_is_refused(people):
    response = Client().post(
        "/api/auth/token",
        data=json.dumps({"username": "ana\x00", "password": "x"}),
        content_type="application/json",
    )
    assert_error(response, 400, "malformed_request")


def test_a_nul_in_the_query_string_is_refused(api_as):
    assert_error(api_as("admin").get("/admin/people?q=a%00b"), 400, "malformed_request")


def test_a_nul_in_the_path_is_refused(api_as):
    assert_error(api_as("admin").patch("/admin/categories/ch%00air", {}), 400, "malformed_request")
