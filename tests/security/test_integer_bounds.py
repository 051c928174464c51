"""Integers the database cannot hold are a 422 in the error shape, never a 500 (issue 17, point 4)."""

import pytest

from tests.personas import assert_error

pytestmark = pytest.mark.django_db

HUGE = 922337203685477580  # offset = (page - 1) * size overflows a 64-bit integer
BEYOND_64_BITS = 2**63


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("owner", "/receipts"),
        ("owner", "/expenses"),
        ("hr", "/claims"),
        ("admin", "/admin/people"),
        ("admin", "/admin/events"),
    ],
)
def test_a_page_past_the_limit_is_refused(api_as, persona, path):
    body = assert_error(api_as(persona).get(f"{path}?page={HUGE}"), 422, "invalid_request")
    assert body["details"]["fields"] == "page"


@pytest.mark.parametrize(
    ("persona", "method", "path"),
    [
        ("owner", "get", "/receipts/{n}"),
        ("owner", "get", "/receipts/{n}/file"),
        ("owner", "get", "/receipts/{n}/preview"),
        ("owner", "delete", "/receipts/{n}"),
        ("owner", "get", "/expenses/{n}"),
        ("owner", "delete", "/expenses/{n}"),
        ("owner", "get", "/expenses?receipt_id={n}"),
        ("owner", "get", "/claims/{n}"),
        ("owner", "get", "/claims/{n}/events"),
        ("owner", "post", "/claims/{n}/submit"),
        ("owner", "post", "/claims/{n}/lines/{n}/undo"),
        ("owner", "delete", "/auth/tokens/{n}"),
        ("hr", "get", "/exports/payroll/{n}.csv"),
        ("admin", "get", "/exports/people/{n}/pack"),
        ("admin", "get", "/admin/people/{n}"),
        ("admin", "get", "/admin/events?person={n}"),
    ],
)
def test_an_id_past_64_bits_is_refused(api_as, persona, method, path):
    response = getattr(api_as(persona), method)(path.format(n=BEYOND_64_BITS))
    assert_error(response, 422, "invalid_request")


def test_ids_in_bodies_are_bounded(api_as, categories):
    owner, hr, admin = api_as("owner"), api_as("hr"), api_as("admin")
    too_big = BEYOND_64_BITS
    refused = [
        owner.post("/claims", {"expense_ids": [too_big]}),
        owner.post(
            "/expenses",
            {
                "receipt_id": too_big,
                "category": "chair",
                "amount": "100.00",
                "currency": "COP",
                "date": "2026-11-02",
                "description": "silla",
            },
        ),
        hr.post("/claims/1/decision", {"lines": [{"expense_id": too_big, "decision": "approved"}]}),
        admin.patch("/admin/people", {"ids": [too_big], "active": False}),
        admin.post("/admin/people/activation-links", {"ids": [too_big]}),
    ]
    for response in refused:
        assert_error(response, 422, "invalid_request")


def test_the_largest_id_is_simply_not_found(api_as):
    assert_error(api_as("owner").get(f"/receipts/{2**63 - 1}"), 404, "not_found")
