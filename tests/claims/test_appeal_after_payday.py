"""Appeals after payday: a rejected line of a paid claim is appealed once, in time, and paid alone.

Through the API as the personas: Ana (worker) claims a chair and a desk, Hugo (HR) approves the
chair and rejects the desk, payroll pays the chair; then the desk's appeal, its decision and the
next payroll run. Dates in the past are made by moving the clock back while the claim is made.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimEvent, Policy
from exports.models import PayrollBatch, PayrollLine
from tests.exports.conftest import line  # noqa: F401 (fixture)
from tests.personas import assert_error

pytestmark = pytest.mark.django_db

CHAIR, DESK = "500000", "300000"


def _month(day) -> str:
    return f"{day:%Y-%m}"


@pytest.fixture
def clock(monkeypatch):
    """clock(days_ago): from now on the app believes it is that many days earlier; clock(0) resets."""
    real_now = timezone.now

    def set_(days_ago: int) -> None:
        shift = timedelta(days=days_ago)
        monkeypatch.setattr(timezone, "now", lambda: real_now() - shift)

    return set_


@pytest.fixture
def paid_claim(api_as, people, read_receipt, clock):
    """paid_claim(days_ago=0) -> (claim id, chair id, desk id): the chair paid, the desk rejected,
    everything done `days_ago` days ago (the receipts dated three days before that)."""

    def make(days_ago: int = 0) -> tuple[int, int, int]:
        clock(days_ago)
        ana, hugo = api_as("owner"), api_as("hr")
        day = timezone.localdate() - timedelta(days=3)
        owner = people["owner"]
        chair = ana.post(
            "/expenses",
            {"receipt_id": read_receipt(owner, total=CHAIR, day=day).pk, "category": "chair"},
        ).json()
        desk = ana.post(
            "/expenses",
            {
                "receipt_id": read_receipt(
                    owner, total=DESK, seed=1, vendor="Escritorios", day=day
                ).pk,
                "category": "desk",
            },
        ).json()
        claim = ana.post("/claims", {"expense_ids": [chair["id"], desk["id"]]}).json()
        assert ana.post(f"/claims/{claim['id']}/submit").status_code == 200
        decided = hugo.post(
            f"/claims/{claim['id']}/decision",
            {
                "lines": [
                    {"expense_id": chair["id"], "action": "approve"},
                    {"expense_id": desk["id"], "action": "reject", "reason_code": "not_eligible"},
                ]
            },
        )
        assert decided.json()["status"] == "partially_approved", decided.content
        run = hugo.post("/exports/payroll", {"period": _month(timezone.localdate())})
        assert run.status_code == 201, run.content
        clock(0)
        return claim["id"], chair["id"], desk["id"]

    return make


def test_a_paid_claim_with_a_rejected_line_reads_partly_paid_with_the_line_in_view(
    api_as, paid_claim
):
    claim_id, chair_id, desk_id = paid_claim()
    seen = api_as("owner").get(f"/claims/{claim_id}").json()
    assert seen["status"] == "partially_paid"
    lines = {item["id"]: item for item in seen["lines"]}
    assert lines[desk_id]["decision"] == "reject"
    assert lines[desk_id]["reason_code"] == "not_eligible"
    assert lines[chair_id]["decision"] == "approve"
    # HR finds it in the queue under its own status; the worker's list says the same.
    queue = api_as("hr").get("/claims?status=partially_paid")
    assert [c["id"] for c in queue.json()["items"]] == [claim_id]
    mine = api_as("owner").get("/claims").json()["items"]
    assert [c["status"] for c in mine] == ["partially_paid"]


def test_appeal_after_payday_is_paid_by_the_next_run_as_a_line_of_its_own(
    api_as, people, paid_claim, recent
):
    claim_id, chair_id, desk_id = paid_claim()
    ana, hugo = api_as("owner", "es"), api_as("hr")
    period = _month(recent)

    appeal = ana.post(f"/expenses/{desk_id}/appeal", {"note": "Es mi escritorio de trabajo"})
    assert appeal.status_code == 200, appeal.content
    assert appeal.json()["status"] == "submitted"
    appealed = ClaimEvent.objects.get(kind="appealed", expense_id=desk_id)
    assert appealed.data["after_payday"] is True and appealed.data["deadline"]
    # While HR decides, the paid chair stays paid and nothing is payable.
    assert PayrollLine.objects.filter(expense_id=chair_id).exists()
    assert hugo.get(f"/exports/payroll/preview?period={period}").json()["lines"] == 0
    assert_error(hugo.post("/exports/payroll", {"period": period}), 409, "nothing_to_pay")

    decided = hugo.post(
        f"/claims/{claim_id}/decision",
        {"lines": [{"expense_id": desk_id, "action": "approve"}]},
    )
    assert decided.json()["status"] == "approved", decided.content
    preview = hugo.get(f"/exports/payroll/preview?period={period}").json()
    assert (preview["lines"], preview["people"], preview["total"]) == (1, 1, "300000.00")

    run = hugo.post("/exports/payroll", {"period": period})
    assert run.status_code == 201, run.content
    assert (run.json()["lines"], run.json()["total"]) == (1, "300000.00")
    second = PayrollBatch.objects.get(pk=run.json()["batch_id"])
    assert list(second.lines.values_list("expense_id", flat=True)) == [desk_id]
    # The chair was paid once, by the first batch; the claim is now wholly paid.
    assert PayrollLine.objects.filter(expense_id=chair_id).count() == 1
    assert PayrollLine.objects.get(expense_id=chair_id).batch_id != second.pk
    assert Claim.objects.get(pk=claim_id).status == "paid"

    kinds = [e["kind"] for e in ana.get(f"/claims/{claim_id}/events").json()]
    paid_at = [i for i, kind in enumerate(kinds) if kind == "paid"]
    assert len(paid_at) == 2  # the first payday, then the appealed line's
    assert paid_at[0] < kinds.index("appealed") < paid_at[1]
    assert kinds[kinds.index("appealed") :].count("decided") == 1


def test_an_appeal_after_payday_rejected_again_cannot_be_appealed_twice(
    api_as,
    people,
    paid_claim,
    line,  # noqa: F811 (fixture)
    recent,
):
    claim_id, _chair_id, desk_id = paid_claim()
    ana, hugo = api_as("owner"), api_as("hr")
    assert ana.post(f"/expenses/{desk_id}/appeal", {"note": "Por favor"}).status_code == 200
    again = hugo.post(
        f"/claims/{claim_id}/decision",
        {"lines": [{"expense_id": desk_id, "action": "reject", "reason_code": "other"}]},
    )
    # Its approved lines were all paid already: the claim is partly paid again at once.
    assert again.json()["status"] == "partially_paid"
    assert_error(
        ana.post(f"/expenses/{desk_id}/appeal", {"note": "otra vez"}), 409, "already_appealed"
    )
    # Nothing of it is payable; the next run (paying someone else) leaves it as it is.
    line(people["other_worker"], "chair", "100000", recent)
    run = hugo.post("/exports/payroll", {"period": _month(recent)}).json()
    assert (run["lines"], run["total"]) == (1, "100000.00")
    assert Claim.objects.get(pk=claim_id).status == "partially_paid"
    assert not PayrollLine.objects.filter(expense_id=desk_id).exists()


@pytest.mark.parametrize(
    ("days_ago", "window_days", "allowed"),
    [
        # Decided 40 days ago: 30 days after the decision have passed, the 90-day window has not.
        (40, 90, True),
        # A 10-day window long over, but the decision was 25 days ago: 30 days after it count.
        (25, 10, True),
        # Decided 100 days ago with a 90-day window: both have ended.
        (100, 90, False),
    ],
)
def test_the_appeal_deadline_is_the_later_of_the_window_and_30_days_after_the_decision(
    api_as, paid_claim, days_ago, window_days, allowed
):
    Policy.objects.filter(category__code="desk").update(claim_window_days=window_days)
    _claim_id, _chair_id, desk_id = paid_claim(days_ago)
    response = api_as("owner", "es").post(f"/expenses/{desk_id}/appeal", {"note": "Tarde"})
    if allowed:
        assert response.status_code == 200, response.content
        return
    refused = assert_error(response, 409, "appeal_too_late")
    assert refused["message"].startswith("El plazo para apelar esta línea terminó el")
    english = api_as("owner").post(f"/expenses/{desk_id}/appeal", {"note": "Late"})
    assert (
        "The time to appeal this line ended on"
        in assert_error(english, 409, "appeal_too_late")["message"]
    )
    assert not ClaimEvent.objects.filter(kind="appealed").exists()
    assert Claim.objects.get(lines__pk=desk_id).status == "partially_paid"


@pytest.mark.django_db(transaction=True)
def test_claims_paid_before_the_status_existed_with_a_rejected_line_become_partly_paid(
    people, categories, recent
):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("claims", "0002_expenses_claims_events")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldClaim, OldExpense = old.get_model("claims", "Claim"), old.get_model("claims", "Expense")
    OldCategory = old.get_model("claims", "Category")
    owner = people["owner"]
    chair = OldCategory.objects.get(organization_id=owner.organization_id, code="chair")

    def claim_with(*decisions: str) -> int:
        claim = OldClaim.objects.create(
            owner_id=owner.pk, organization_id=owner.organization_id, status="paid"
        )
        for decision in decisions:
            OldExpense.objects.create(
                owner_id=owner.pk,
                organization_id=owner.organization_id,
                category=chair,
                amount=100000,
                currency="COP",
                date=recent,
                claim=claim,
                decision=decision,
            )
        return claim.pk

    wholly, rejected, cut = (
        claim_with("approve"),
        claim_with("approve", "reject"),
        claim_with("partial"),
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    status = dict(Claim.objects.values_list("pk", "status"))
    assert (status[wholly], status[rejected], status[cut]) == (
        "paid",
        "partially_paid",
        "partially_paid",
    )
