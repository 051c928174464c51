"""Every endpoint × every persona, as one table. Objects of another person or organisation are 404.

Each row: (name, method, path, body, expected) where `path` may use `{objects}` built for the owner
worker by the `objects` fixture, and `expected` maps persona -> status or (status, code) (missing
personas use "*").
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access import check, check_row
from tests.personas import PERSONAS
from tests.receipts import samples

pytestmark = pytest.mark.django_db

OK_FOR_ANYONE_LOGGED_IN = {"*": 200, "anonymous": 401}
ONLY_THE_OWNER = {"*": 404, "owner": 200, "anonymous": 401}
OWNER_AND_HR = {"*": 404, "owner": 200, "hr": 200, "anonymous": 401}
ONLY_HR = {"*": 404, "hr": 200, "anonymous": 401}
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
    ("receipt in a submitted claim", "GET", "/receipts/{claimed_receipt}/file", None, OWNER_AND_HR),
    ("categories", "GET", "/categories", None, OK_FOR_ANYONE_LOGGED_IN),
    (
        "expense create",
        "POST",
        "/expenses",
        {"receipt_id": "{free_receipt}", "category": "chair"},
        {"*": (422, "unknown_receipt"), "owner": 201, "anonymous": 401},
    ),
    ("expenses list", "GET", "/expenses", None, OK_FOR_ANYONE_LOGGED_IN),
    ("expense detail", "GET", "/expenses/{free_expense}", None, ONLY_THE_OWNER),
    ("expense edit", "PATCH", "/expenses/{free_expense}", {"note": "x"}, ONLY_THE_OWNER),
    (
        "expense delete",
        "DELETE",
        "/expenses/{free_expense}",
        None,
        {"*": 404, "owner": 204, "anonymous": 401},
    ),
    (
        "expense appeal",
        "POST",
        "/expenses/{claimed_expense}/appeal",
        {"note": "please"},
        {"*": 404, "owner": (409, "not_rejected"), "anonymous": 401},
    ),
    (
        "claim create",
        "POST",
        "/claims",
        {"expense_ids": ["{free_expense}"]},
        {"*": (422, "unknown_expense"), "owner": 201, "anonymous": 401},
    ),
    ("claims list", "GET", "/claims", None, OK_FOR_ANYONE_LOGGED_IN),
    ("notifications list", "GET", "/notifications", None, OK_FOR_ANYONE_LOGGED_IN),
    (
        "notification read",
        "POST",
        "/notifications/read",
        {"ids": ["{owner_notification}"]},
        ONLY_THE_OWNER,
    ),
    ("notifications all read", "POST", "/notifications/read", {}, OK_FOR_ANYONE_LOGGED_IN),
    ("notification settings", "GET", "/notifications/settings", None, OK_FOR_ANYONE_LOGGED_IN),
    (
        "notification settings edit",
        "PATCH",
        "/notifications/settings",
        {"mail": False},
        OK_FOR_ANYONE_LOGGED_IN,
    ),
    ("claim detail", "GET", "/claims/{claim}", None, OWNER_AND_HR),
    ("claim events", "GET", "/claims/{claim}/events", None, OWNER_AND_HR),
    (
        "claim edit",
        "PATCH",
        "/claims/{claim}",
        {"expense_ids": []},
        {"*": 404, "owner": (409, "invalid_transition"), "anonymous": 401},
    ),
    (
        "claim submit",
        "POST",
        "/claims/{claim}/submit",
        None,
        {"*": 404, "owner": (409, "invalid_transition"), "anonymous": 401},
    ),
    (
        "claim decision",
        "POST",
        "/claims/{claim}/decision",
        {"lines": [{"expense_id": "{claimed_expense}", "action": "approve"}]},
        ONLY_HR,
    ),
    ("claim approve clean", "POST", "/claims/{claim}/approve-clean", None, ONLY_HR),
    ("claim recall", "POST", "/claims/{claim}/recall", None, ONLY_THE_OWNER),
    (
        "decision undo",
        "POST",
        "/claims/{claim}/lines/{claimed_expense}/undo",
        None,
        {"*": 404, "hr": (409, "not_decided"), "anonymous": 401},
    ),
    ("rates list", "GET", "/rates", None, OK_FOR_ANYONE_LOGGED_IN),
    (
        "rate set",
        "PUT",
        "/rates",
        {"month": "2026-11", "currency": "USD", "rate": "4100"},
        {"*": 403, "hr": 200, "other_hr": 200, "anonymous": 401},
    ),
]


@pytest.fixture
def objects(people) -> dict[str, int]:
    """Objects that belong to the owner worker (people["owner"])."""
    from accounts.services import token_create
    from claims import services as claims
    from demo.management.commands.demo import seed_categories
    from notifications.models import Notification
    from receipts.models import Receipt
    from receipts.services import receipt_upload

    owner = people["owner"]
    seed_categories(owner.organization)
    token, _ = token_create(user=owner, name="owner's script")

    def receipt(seed: int) -> Receipt:
        picture = samples.receipt_image(seed, size=(96, 144))  # small: this runs ~200 times
        image = SimpleUploadedFile("r.png", samples.png_bytes(picture))
        made = receipt_upload(owner=owner, file=image)
        Receipt.objects.filter(pk=made.pk).update(total=100000, currency="COP", date=recent())
        return made

    def expense(seed: int):
        fields = claims.ExpenseFields(category="chair")
        return claims.expense_create(owner=owner, receipt_id=receipt(seed).pk, fields=fields)

    claimed = expense(3)
    claim = claims.claim_create(owner=owner, expense_ids=[claimed.pk])
    claims.claim_submit(claim=claim, actor=owner)
    return {
        "owner_token": token.pk,
        "owner_receipt": receipt(1).pk,
        "free_receipt": receipt(4).pk,
        "free_expense": expense(5).pk,
        "claimed_expense": claimed.pk,
        "claimed_receipt": claimed.receipt_id,
        "claim": claim.pk,
        "owner_notification": Notification.objects.create(
            user=owner, kind="decided", key="access", claim_id=claim.pk, mail_state="off"
        ).pk,
    }


def recent():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() - timedelta(days=2)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"), ROWS, ids=[r[0] for r in ROWS]
)
def test_access(api_as, objects, persona, name, method, path, body, expected):
    client = api_as(persona)
    if body is UPLOAD:
        image = SimpleUploadedFile("new.png", samples.png_bytes(samples.receipt_image(2)))
        response = client.client.post(f"/api{path}", data={"file": image}, headers=client.headers)
        check(response, persona, expected)
    else:
        check_row(client, objects, persona, method, path, body, expected)
