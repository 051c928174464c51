"""Every endpoint × every persona, as one table. Objects of another person or organisation are 404.

Each row: (name, method, path, body, expected) where `path` may use `{objects}` built for the owner
worker by the `objects` fixture, and `expected` maps persona -> status (missing personas use "*").
"""

import pytest
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

OK_FOR_ANYONE_LOGGED_IN = {"*": 200, "anonymous": 401}

ROWS = [
    ("health", "GET", "/health", None, {"*": 200}),
    ("me", "GET", "/auth/me", None, OK_FOR_ANYONE_LOGGED_IN),
    ("tokens list", "GET", "/auth/tokens", None, OK_FOR_ANYONE_LOGGED_IN),
    ("token create", "POST", "/auth/tokens", {"name": "x"}, {"*": 201, "anonymous": 401}),
    (
        "token revoke",
        "DELETE",
        "/auth/tokens/{owner_token}",
        None,
        {"*": 404, "owner": 204, "anonymous": 401},
    ),
]


@pytest.fixture
def objects(people) -> dict[str, int]:
    """Objects that belong to the owner worker (people["owner"])."""
    from accounts.services import token_create

    token, _ = token_create(user=people["owner"], name="owner's script")
    return {"owner_token": token.pk}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"), ROWS, ids=[r[0] for r in ROWS]
)
def test_access(api_as, objects, persona, name, method, path, body, expected):
    client = api_as(persona)
    response = client.request(method, path.format(**objects), body)
    want = expected.get(persona, expected.get("*"))
    assert response.status_code == want, f"{persona} {method} {path}: {response.content[:200]!r}"
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "details"}
