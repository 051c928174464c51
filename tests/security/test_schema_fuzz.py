"""Schema fuzzing: every operation of the OpenAPI schema, as each role, never answers a 5xx.

Schemathesis generates requests from the schema (valid and invalid: huge integers, odd strings,
missing and extra fields) and sends them through the WSGI application in-process. The run is
bounded (FUZZ_EXAMPLES per operation and role, derandomized so CI is repeatable) and asserts
only that the server never fails: a 4xx is the API doing its job (issue 17, point 4).
Deselect with `-m "not fuzz"` for a quick local run.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from accounts.models import Role
from tests.personas import Api, person

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
ROLES = (Role.WORKER, Role.HR, Role.NEGOTIATOR, Role.ADMIN)


class FuzzApplication:
    """The WSGI application as Django's test client runs it: the database connection is not
    closed at the end of each request, which would end the test's transaction."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def __call__(self, environ, start_response):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            body = b"".join(response)
            response.close()  # sends request_finished while close_old_connections is off
            return [body]
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", FuzzApplication())


@pytest.fixture(params=ROLES, ids=[str(role) for role in ROLES])
def token(request, org) -> tuple[str, str]:
    """A Bearer token for a person of this role."""
    user = person(org, f"fuzz-{request.param}", request.param)
    return str(request.param), Api(user).headers["Authorization"]


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case, token, fuzz_cases):
    role, authorization = token
    fuzz_cases[role] += 1  # tests/security/conftest.py reports them
    case.call_and_validate(
        headers={"Authorization": authorization, "Accept-Language": "es"},
        checks=[not_a_server_error],
    )
