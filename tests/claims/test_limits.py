"""Limits hold across every claim of a worker: pending lines reserve, decisions are judged again,
two reviewers at once cannot exceed a cap, and only an explicit override goes above it."""

import itertools
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Role, User
from claims import services
from claims.models import REIMBURSED_STATUSES, Claim, ClaimEvent, ClaimStatus, Decision, Expense
from claims.models import Policy as PolicyVersion
from core.errors import ApiError
from tests.exports.conftest import workbook_of
from tests.personas import Api, assert_error

CAP = Decimal("80000")


@pytest.fixture
def internet_in_full(categories, org):
    """Internet at 100 % work use, so the amounts of the issue's scenario are the eligible ones."""
    PolicyVersion.objects.filter(category__organization=org).update(receipt_required=False)
    PolicyVersion.objects.filter(category__organization=org, category__code="internet").update(
        work_use_percent=Decimal("100")
    )


def expense(api, category, amount, day, **fields):
    body = {"category": category, "amount": amount, "currency": "COP", "date": day.isoformat()}
    response = api.post("/expenses", {**body, **fields})
    assert response.status_code == 201, response.content
    return response.json()


def submit(api, *expense_ids):
    claim = api.post("/claims", {"expense_ids": list(expense_ids)})
    assert claim.status_code == 201, claim.content
    submitted = api.post(f"/claims/{claim.json()['id']}/submit")
    assert submitted.status_code == 200, submitted.content
    return submitted.json()


def approve(api, claim, line, **extra):
    return api.post(
        f"/claims/{claim['id']}/decision",
        {"lines": [{"expense_id": line["id"], "action": "approve", **extra}]},
    )


def approved_total(owner, category) -> Decimal:
    lines = Expense.objects.filter(
        owner=owner,
        category__code=category,
        decision__in=(Decision.APPROVE, Decision.PARTIAL),
        claim__status__in=(*REIMBURSED_STATUSES, ClaimStatus.SUBMITTED),
        override=False,
    )
    return sum((line.approved_amount for line in lines), Decimal(0))


@pytest.mark.django_db
def test_a_pending_bill_reserves_the_monthly_cap(api_as, people, internet_in_full):
    ana, hugo = api_as("owner", "es"), api_as("hr", "es")
    month = timezone.localdate().replace(day=1)
    first = expense(ana, "internet", "60000", month, service_month=month.isoformat())
    second = expense(ana, "internet", "65000", timezone.localdate())  # never in the future
    claim_1, claim_2 = submit(ana, first["id"]), submit(ana, second["id"])

    line_2 = claim_2["lines"][0]
    assert claim_1["lines"][0]["eligible_amount"] == "60000.00"
    assert line_2["eligible_amount"] == "20000.00"
    assert f"$ 60.000 ya reservados por la línea {first['id']}, pendiente" in line_2["explanation"]
    assert "tope mensual $ 80.000 deja $ 20.000" in line_2["explanation"]

    # HR decides the later claim first: it is judged again, with the earlier one still pending.
    decided = approve(hugo, claim_2, line_2)
    assert decided.status_code == 200, decided.content
    assert decided.json()["lines"][0]["approved_amount"] == "20000.00"
    assert approve(hugo, claim_1, claim_1["lines"][0]).status_code == 200
    assert approved_total(people["owner"], "internet") == CAP


@pytest.mark.django_db
def test_a_line_is_judged_again_when_hr_decides_it(api_as, people, internet_in_full):
    ana, hugo = api_as("owner"), api_as("hr")
    month = timezone.localdate().replace(day=1)
    first = expense(ana, "internet", "60000", month)
    second = expense(ana, "internet", "65000", month)
    claim_1, claim_2 = submit(ana, first["id"]), submit(ana, second["id"])
    # What they showed when judged may be out of date (a policy or rate changed since, say).
    Expense.objects.filter(pk=second["id"]).update(eligible_amount=Decimal("65000"))
    assert approve(hugo, claim_2, claim_2["lines"][0]).json()["lines"][0]["approved_amount"] == (
        "20000.00"
    )
    assert approve(hugo, claim_1, claim_1["lines"][0]).status_code == 200
    assert approved_total(people["owner"], "internet") == CAP


@pytest.mark.django_db
def test_rejecting_the_line_ahead_frees_what_it_reserved(api_as, people, internet_in_full):
    ana, hugo = api_as("owner"), api_as("hr")
    month = timezone.localdate().replace(day=1)
    first = expense(ana, "internet", "60000", month)
    second = expense(ana, "internet", "65000", month)
    claim_1, claim_2 = submit(ana, first["id"]), submit(ana, second["id"])
    rejected = hugo.post(
        f"/claims/{claim_1['id']}/decision",
        {"lines": [{"expense_id": first["id"], "action": "reject", "reason_code": "other"}]},
    )
    assert rejected.status_code == 200
    # The other pending line is judged again at once: the whole cap is its again.
    assert ana.get(f"/claims/{claim_2['id']}").json()["lines"][0]["eligible_amount"] == "65000.00"


@pytest.mark.django_db
def test_a_pending_chair_holds_the_replacement_period(api_as, people, internet_in_full):
    ana, hugo = api_as("owner", "es"), api_as("hr", "es")
    today = timezone.localdate()
    first = expense(ana, "chair", "600000", today - timedelta(days=4))
    second = expense(ana, "chair", "610000", today)
    claim_1, claim_2 = submit(ana, first["id"]), submit(ana, second["id"])
    line_2 = claim_2["lines"][0]
    assert line_2["eligible_amount"] == "0.00"
    assert line_2["eligibility_reason"] == "replacement_period"
    assert f"está pendiente en la línea {first['id']}" in line_2["explanation"]
    # Not a clean line: "approve all clean lines" does not pay it.
    assert_error(hugo.post(f"/claims/{claim_2['id']}/approve-clean"), 409, "no_clean_lines")
    assert approve(hugo, claim_1, claim_1["lines"][0]).status_code == 200
    assert Expense.objects.get(pk=second["id"]).decision == ""


@pytest.mark.django_db
def test_only_an_override_with_a_reason_goes_above_the_cap(api_as, people, internet_in_full):
    ana, hugo = api_as("owner"), api_as("hr")
    month = timezone.localdate().replace(day=1)
    first = expense(ana, "internet", "60000", month)
    second = expense(ana, "internet", "65000", month)
    claim_1, claim_2 = submit(ana, first["id"]), submit(ana, second["id"])
    assert approve(hugo, claim_1, claim_1["lines"][0]).status_code == 200
    line = claim_2["lines"][0]

    partial = {"action": "partial", "approved_amount": "50000", "reason_code": "over_cap"}
    refused = hugo.post(
        f"/claims/{claim_2['id']}/decision", {"lines": [{"expense_id": line["id"], **partial}]}
    )
    assert_error(refused, 409, "over_limit")
    assert_error(approve(hugo, claim_2, line, override=True), 422, "reason_required")
    assert Expense.objects.get(pk=line["id"]).decision == ""  # nothing changed

    overridden = approve(hugo, claim_2, line, override=True, reason_code="other", note="Acuerdo")
    assert overridden.status_code == 200, overridden.content
    decided = overridden.json()["lines"][0]
    assert (decided["approved_amount"], decided["override"]) == ("65000.00", True)
    event = ClaimEvent.objects.filter(expense_id=line["id"], kind="decided").get()
    assert event.data["override"] is True
    assert event.data["reason_code"] == "other"

    # The payroll file says which line went above the policy.
    batch = hugo.post("/exports/payroll", {"period": f"{month:%Y-%m}"}).json()
    detail = workbook_of(hugo.get(f"/exports/payroll/{batch['batch_id']}.xlsx"))["Detail"]
    header, *rows = detail.iter_rows(values_only=True)
    assert header[-1] == "Policy override"
    marked = {row[5]: row[-1] for row in rows}
    assert marked == {first["id"]: None, line["id"]: "Yes"}


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_never_exceed_the_cap(api_as, people, org):
    """The concurrent case: on PostgreSQL a row lock per worker, on SQLite its write lock."""
    from demo.management.commands.demo import seed_categories

    seed_categories(org)
    PolicyVersion.objects.filter(category__organization=org).update(
        receipt_required=False, work_use_percent=Decimal("100")
    )
    second_hr = User.objects.create_user(
        username="hilda", password="x", organization=org, role=Role.HR
    )
    ana = api_as("owner")
    month = timezone.localdate().replace(day=1)
    claims = [
        submit(ana, expense(ana, "internet", amount, month)["id"]) for amount in ("60000", "65000")
    ]
    # As if each line had been judged while the other one was not yet in the queue (before a
    # policy change, say): each shows its whole amount, together more than the cap.
    first, second = (claim["lines"][0]["id"] for claim in claims)
    Expense.objects.filter(pk=first).update(eligible_amount=0)
    Expense.objects.filter(pk=second).update(eligible_amount=Decimal("65000"))
    reviewers = [api_as("hr"), Api(second_hr)]
    results: list[int] = []
    barrier = threading.Barrier(2)

    def decide(api, claim):
        barrier.wait()
        results.append(approve(api, claim, claim["lines"][0]).status_code)
        connection.close()

    threads = [threading.Thread(target=decide, args=pair) for pair in zip(reviewers, claims)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200, 200]
    assert approved_total(people["owner"], "internet") == CAP


# --- the invariant, over random sequences ------------------------------------------------------

ACTIONS = ("submit", "approve", "partial", "reject", "return", "appeal")
steps = st.lists(
    st.tuples(
        st.sampled_from(ACTIONS),
        st.integers(min_value=0, max_value=5),
        st.sampled_from(("0.3", "0.6", "0.9")),
    ),
    min_size=1,
    max_size=25,
)


def _replacement_overlaps(owner) -> bool:
    chairs = sorted(
        line.date
        for line in Expense.objects.filter(
            owner=owner,
            category__code="chair",
            decision__in=(Decision.APPROVE, Decision.PARTIAL),
            approved_amount__gt=0,
            override=False,
            claim__status__in=(*REIMBURSED_STATUSES, ClaimStatus.SUBMITTED),
        )
    )
    return any((later - earlier).days < 36 * 28 for earlier, later in itertools.pairwise(chairs))


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    amounts=st.lists(st.integers(min_value=10, max_value=90), min_size=4, max_size=4),
    spread=st.lists(st.integers(min_value=0, max_value=2), min_size=6, max_size=6),
    sequence=steps,
)
def test_no_sequence_approves_more_than_the_limits(
    people, org, internet_in_full, amounts, spread, sequence
):
    """Submit / approve / partial / reject / return / appeal across several claims of one worker:
    never more approved per worker × category × month than the cap, and never two chairs in one
    replacement period, without an override."""
    worker = User.objects.create_user(
        username=f"w{User.objects.count()}", organization=org, role=Role.WORKER
    )
    reviewer = people["hr"]
    today = timezone.localdate()
    month = today.replace(day=1)
    lines = [
        services.expense_create(
            owner=worker,
            receipt_id=None,
            fields=services.ExpenseFields(
                category="internet",
                amount=Decimal(amount * 1000),
                currency="COP",
                date=month,
                vendor="ISP",
            ),
        )
        for amount in amounts
    ] + [
        services.expense_create(
            owner=worker,
            receipt_id=None,
            fields=services.ExpenseFields(
                category="chair", amount=Decimal(500000), currency="COP", date=day, vendor="Sillas"
            ),
        )
        for day in (today - timedelta(days=10), today - timedelta(days=3))
    ]
    claims: dict[int, Claim] = {}
    for line, claim_index in zip(lines, spread):
        claims.setdefault(claim_index, None)  # type: ignore[arg-type]
    for claim_index in claims:
        members = [line.pk for line, index in zip(lines, spread) if index == claim_index]
        claims[claim_index] = services.claim_create(owner=worker, expense_ids=members)

    for action, target, fraction in sequence:
        line = Expense.objects.select_related("claim").get(pk=lines[target % len(lines)].pk)
        claim = line.claim
        assert claim is not None
        try:
            if action == "submit":
                services.claim_submit(claim=claim, actor=worker)
            elif action == "appeal":
                services.line_appeal(expense=line, owner=worker, note="Revisen")
            else:
                decision = {
                    "approve": services.LineDecision(line.pk, Decision.APPROVE),
                    "partial": services.LineDecision(
                        line.pk,
                        Decision.PARTIAL,
                        approved_amount=(line.converted_amount or Decimal(0)) * Decimal(fraction),
                        reason_code="over_cap",
                    ),
                    "reject": services.LineDecision(line.pk, Decision.REJECT, reason_code="other"),
                    "return": services.LineDecision(line.pk, Decision.RETURN, reason_code="other"),
                }[action]
                services.claim_decide(claim=claim, reviewer=reviewer, decisions=[decision])
        except ApiError as refused:
            assert refused.status in (409, 422), refused.code
        assert approved_total(worker, "internet") <= CAP
        assert not _replacement_overlaps(worker)
