"""Every endpoint × every persona, as one table. Objects of another person or organisation are 404.

Each row: (name, method, path, body, expected) where `path` may use `{objects}` built for the owner
worker by the `objects` fixture, and `expected` maps persona -> status (missing personas use "*").
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import PERSONAS
from tests.receipts import samples

pytestmark = pytest.mark.django_db

OK_FOR_ANYONE_LOGGED_IN = {"*": 200, "anonymous": 401}
ONLY_THE_OWNER = {"*": 404, "owner": 200, "anonymous": 401}
UPLOAD = object()  # body sentinel: a multipart upload of a fresh receipt image

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
    ("receipt upload", "POST", "/receipts", UPLOAD, {"*": 201, "anonymous": 401}),
    ("receipts list", "GET", "/receipts", None, OK_FOR_ANYONE_LOGGED_IN),
    ("receipt detail", "GET", "/receipts/{owner_receipt}", None, ONLY_THE_OWNER),
    ("receipt file", "GET", "/receipts/{owner_receipt}/file", None, ONLY_THE_OWNER),
    ("receipt preview", "GET", "/receipts/{owner_receipt}/preview", None, ONLY_THE_OWNER),
    (
        "receipt delete",
        "DELETE",
        "/receipts/{owner_receipt}",
        None,
        {"*": 404, "owner": 204, "anonymous": 401},
    ),
]


@pytest.fixture
def objects(people) -> dict[str, int]:
    """Objects that belong to the owner worker (people["owner"])."""
    from accounts.services import token_create
    from receipts.services import receipt_upload

    token, _ = token_create(user=people["owner"], name="owner's script")
    image = SimpleUploadedFile("r.png", samples.png_bytes(samples.receipt_image(1)))
    receipt = receipt_upload(owner=people["owner"], file=image)
    return {"owner_token": token.pk, "owner_receipt": receipt.pk}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"), ROWS, ids=[r[0] for r in ROWS]
)
def test_access(api_as, objects, persona, name, method, path, body, expected):
    client = api_as(persona)
    if body is UPLOAD:
        image = SimpleUploadedFile("new.png", samples.png_bytes(samples.receipt_image(2)))
        response = client.client.post(f"/api{path}", data={"file": image}, headers=client.headers)
    else:
        response = client.request(method, path.format(**objects), body)
    want = expected.get(persona, expected.get("*"))
    assert response.status_code == want, f"{persona} {method} {path}: {response.content[:200]!r}"
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "details"}
