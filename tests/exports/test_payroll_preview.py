"""The payroll preview: exactly what a run would pay now, from the run's own query; writes nothing."""

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest

from claims.models import Claim, ClaimEvent
from exports.models import PayrollBatch, PayrollLine
from tests.personas import assert_error

pytestmark = pytest.mark.django_db


def month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def preview_of(api, day: dt.date) -> dict:
    response = api.get(f"/exports/payroll/preview?period={month(day)}")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_preview_counts_lines_people_and_pesos_by_concept(api_as, people, line, recent):
    ana, luis = people["owner"], people["other_worker"]
    chair = line(ana, "chair", "450000", recent)
    line(ana, "internet", "50000", recent, claim=chair.claim)
    line(luis, "internet", "70000", recent)
    line(luis, "desk", "250000", recent, decision="partial", approved="100000",
         status="partially_approved")  # fmt: skip
    line(luis, "chair", "90000", recent, decision="reject", status="rejected")  # not paid

    body = preview_of(api_as("hr", "es"), recent)
    assert set(body) == {"lines", "people", "total", "currency", "by_concept"}
    assert (body["lines"], body["people"], body["total"], body["currency"]) == (
        4,
        2,
        "670000.00",
        "COP",
    )
    assert body["by_concept"] == [
        {"concept": "AUX-CONECTIVIDAD", "description": "Internet", "lines": 2, "people": 2,
         "total": "120000.00"},
        {"concept": "REEMB-ESCRITORIO", "description": "Escritorio", "lines": 1, "people": 1,
         "total": "100000.00"},
        {"concept": "REEMB-SILLA", "description": "Silla", "lines": 1, "people": 1,
         "total": "450000.00"},
    ]  # fmt: skip
    english = preview_of(api_as("hr"), recent)["by_concept"]
    assert [c["description"] for c in english] == ["Internet", "Desk", "Chair"]


def test_the_preview_writes_nothing(api_as, people, line, recent):
    line(people["owner"], "chair", "300000", recent)
    for _ in range(2):
        assert preview_of(api_as("hr"), recent)["lines"] == 1
    assert not PayrollBatch.objects.exists()
    assert not PayrollLine.objects.exists()
    assert not ClaimEvent.objects.exists()
    assert set(Claim.objects.values_list("status", flat=True)) == {"approved"}


def test_after_a_run_the_preview_is_empty_and_the_run_is_refused(api_as, people, line, recent):
    hugo = api_as("hr")
    line(people["owner"], "chair", "300000", recent)
    assert hugo.post("/exports/payroll", {"period": month(recent)}).status_code == 201
    assert preview_of(hugo, recent) == {
        "lines": 0,
        "people": 0,
        "total": "0.00",
        "currency": "COP",
        "by_concept": [],
    }
    assert_error(hugo.post("/exports/payroll", {"period": month(recent)}), 409, "nothing_to_pay")


@pytest.mark.parametrize("period", ["2026-13", "noviembre", ""])
def test_a_bad_period_is_422(api_as, categories, period):
    refused = assert_error(
        api_as("hr", "es").get(f"/exports/payroll/preview?period={period}"), 422, "bad_period"
    )
    assert "AAAA-MM" in refused["message"]


@pytest.mark.parametrize("seed", range(6))
def test_the_preview_is_exactly_what_the_run_then_pays(api_as, people, line, workers, recent, seed):
    """Random mixes of states, months, decisions and earlier payments: the preview before a run
    and the batch the run makes agree line for line, person for person, peso for peso."""
    rng = random.Random(seed)
    hugo = api_as("hr")
    this_month = recent.replace(day=15)
    last_month = (recent.replace(day=1) - dt.timedelta(days=1)).replace(day=15)
    next_month = (recent.replace(day=28) + dt.timedelta(days=10)).replace(day=1)
    staff = workers(5)
    for _ in range(rng.randint(6, 14)):
        status, decision = rng.choice(
            [
                ("approved", "approve"),
                ("approved", "approve"),
                ("partially_approved", "partial"),
                ("rejected", "reject"),
                ("submitted", ""),
            ]
        )
        category = rng.choice(["chair", "desk", "internet"])
        amount = str(rng.randint(1, 90) * 10000)
        approved = str(Decimal(amount) / 2) if decision == "partial" else None
        day = rng.choice([this_month, this_month, last_month, next_month])  # next: not yet
        line(rng.choice(staff), category, amount, day, decision=decision, approved=approved,
             status=status)  # fmt: skip
    if rng.random() < 0.5:  # an earlier run of last month paid some of them already
        hugo.post("/exports/payroll", {"period": month(last_month)})

    preview = preview_of(hugo, recent)
    run = hugo.post("/exports/payroll", {"period": month(recent)})
    if preview["lines"] == 0:
        assert_error(run, 409, "nothing_to_pay")
        return
    assert run.status_code == 201, run.content
    batch = PayrollBatch.objects.get(pk=run.json()["batch_id"])
    paid = list(batch.lines.all())
    assert preview["lines"] == run.json()["lines"] == len(paid)
    assert preview["total"] == run.json()["total"]
    assert preview["people"] == len({p.employee_id for p in paid})
    by_concept: dict[str, list] = defaultdict(list)
    for p in paid:
        by_concept[p.concept].append(p)
    assert [
        (c["concept"], c["lines"], c["people"], Decimal(c["total"])) for c in preview["by_concept"]
    ] == [
        (concept, len(rows), len({r.employee_id for r in rows}), sum(r.amount for r in rows))
        for concept, rows in sorted(by_concept.items())
    ]
    assert preview_of(hugo, recent)["lines"] == 0
