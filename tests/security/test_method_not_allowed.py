"""A wrong method on a known path answers the one error shape, not ninja's plain-text 405."""

import pytest
from django.test import Client

from tests.personas import assert_error

pytestmark = pytest.mark.django_db


def test_a_wrong_method_is_a_json_405(api_as):
    for language, word in (("en", "accepts GET"), ("es", "acepta GET")):
        response = api_as("owner", language).delete("/categories")
        body = assert_error(response, 405, "method_not_allowed")
        assert word in body["message"]
        assert response["Allow"] == "GET"
        assert response["Content-Type"].startswith("application/json")


def test_a_wrong_method_needs_no_login(db):
    response = Client(enforce_csrf_checks=True).put("/api/auth/me")
    assert_error(response, 405, "method_not_allowed")
