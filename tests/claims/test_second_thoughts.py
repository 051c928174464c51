"""Second thoughts: a worker recalls a claim until HR opens it; HR undoes a decision until its
line is in a payroll batch. Both show in the trail the worker reads."""

import pytest

from claims.models import Claim, ClaimEvent, Expense
from tests.personas import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(api_as, people, read_receipt):
    ana = api_as("owner", "es")
    expense = ana.post(
        "/expenses", {"receipt_id": read_receipt(people["owner"]).pk, "category": "chair"}
    ).json()
    claim = ana.post("/claims", {"expense_ids": [expense["id"]]}).json()
    return ana.post(f"/claims/{claim['id']}/submit").json()


def test_the_worker_recalls_a_claim_hr_has_not_opened(api_as, submitted):
    ana = api_as("owner", "es")
    assert submitted["recallable"] is True
    recalled = ana.post(f"/claims/{submitted['id']}/recall")
    assert recalled.status_code == 200, recalled.content
    assert (recalled.json()["status"], recalled.json()["recallable"]) == ("draft", False)
    kinds = [e["kind"] for e in ana.get(f"/claims/{submitted['id']}/events").json()]
    assert kinds[-1] == "recalled"
    # Draft again: the worker may change it and submit it again.
    assert ana.post(f"/claims/{submitted['id']}/submit").json()["status"] == "submitted"


@pytest.mark.parametrize("look", ["claim", "receipt"])
def test_once_hr_opens_it_the_claim_cannot_be_recalled(api_as, submitted, look):
    hugo, ana = api_as("hr"), api_as("owner", "es")
    if look == "claim":
        assert hugo.get(f"/claims/{submitted['id']}").status_code == 200
    else:
        receipt_id = submitted["lines"][0]["receipt_id"]
        assert hugo.get(f"/receipts/{receipt_id}/preview").status_code == 200
    assert ana.get(f"/claims/{submitted['id']}").json()["recallable"] is False
    refused = assert_error(ana.post(f"/claims/{submitted['id']}/recall"), 409, "already_opened")
    assert "Talento humano ya abrió" in refused["message"]
    assert Claim.objects.get(pk=submitted["id"]).status == "submitted"


def test_only_the_owner_recalls(api_as, submitted):
    assert_error(api_as("other_worker").post(f"/claims/{submitted['id']}/recall"), 404, "not_found")
    assert_error(api_as("hr").post(f"/claims/{submitted['id']}/recall"), 404, "not_found")


def _decide(api, claim, action="approve", **extra):
    line = claim["lines"][0]["id"]
    return api.post(
        f"/claims/{claim['id']}/decision",
        {"lines": [{"expense_id": line, "action": action, **extra}]},
    )


def test_hr_undoes_a_decision_until_payroll(api_as, submitted):
    hugo, ana = api_as("hr"), api_as("owner")
    line = submitted["lines"][0]["id"]
    assert _decide(hugo, submitted, "reject", reason_code="other").json()["status"] == "rejected"

    undone = hugo.post(f"/claims/{submitted['id']}/lines/{line}/undo")
    assert undone.status_code == 200, undone.content
    body = undone.json()
    assert body["status"] == "submitted"
    assert (body["lines"][0]["decision"], body["lines"][0]["reason_code"]) == (None, None)
    event = ClaimEvent.objects.get(kind="decision_undone")
    assert (event.data["decision"], event.actor_id) == ("reject", hugo.user.pk)
    assert "decision_undone" in [
        e["kind"] for e in ana.get(f"/claims/{submitted['id']}/events").json()
    ]

    # Decided again, paid by payroll: from then on it stays.
    assert _decide(hugo, submitted).json()["status"] == "approved"
    period = Expense.objects.get(pk=line).date.strftime("%Y-%m")
    assert hugo.post("/exports/payroll", {"period": period}).status_code == 201
    assert_error(
        hugo.post(f"/claims/{submitted['id']}/lines/{line}/undo"), 409, "invalid_transition"
    )


def test_undo_refusals(api_as, submitted):
    hugo = api_as("hr")
    line = submitted["lines"][0]["id"]
    assert_error(hugo.post(f"/claims/{submitted['id']}/lines/{line}/undo"), 409, "not_decided")
    assert_error(hugo.post(f"/claims/{submitted['id']}/lines/999999/undo"), 422, "unknown_line")
    _decide(hugo, submitted)
    for persona in ("owner", "other_hr", "negotiator"):
        response = api_as(persona).post(f"/claims/{submitted['id']}/lines/{line}/undo")
        assert response.status_code == 404, persona
    assert Expense.objects.get(pk=line).decision == "approve"
