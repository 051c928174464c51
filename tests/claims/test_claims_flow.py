"""Expenses, claims, HR decisions and the audit trail, through the API."""

import threading

import pytest
from django.db import connection

from claims.models import Claim, ClaimEvent, Expense
from claims.services import TRANSITIONS, transition
from core.errors import ApiError
from tests.personas import Api, assert_error

pytestmark = pytest.mark.django_db


def new_expense(api, **body):
    response = api.post("/expenses", body)
    assert response.status_code == 201, response.content
    return response.json()


def submitted_claim(api, *expense_ids):
    claim = api.post("/claims", {"expense_ids": list(expense_ids)})
    assert claim.status_code == 201, claim.content
    submitted = api.post(f"/claims/{claim.json()['id']}/submit")
    assert submitted.status_code == 200, submitted.content
    return submitted.json()


def test_expense_from_a_receipt_is_prefilled_and_judged(api_as, people, read_receipt, recent):
    ana = api_as("owner", "es")
    receipt = read_receipt(people["owner"], total="899900")
    expense = new_expense(ana, receipt_id=receipt.pk, category="chair")
    assert expense["amount"] == "899900.00"
    assert expense["read_amount"] == "899900.00"
    assert expense["currency"] == "COP"
    assert expense["date"] == recent.isoformat()
    assert expense["vendor"] == "Muebles Bogotá S.A.S."
    assert expense["eligible_amount"] == "600000.00"
    assert "tope por artículo $ 600.000" in expense["explanation"]
    assert expense["policy_version"] == "chair 2026-01-01"


def test_changing_the_amount_keeps_the_read_value_and_records_it(api_as, people, read_receipt):
    ana = api_as("owner")
    receipt = read_receipt(people["owner"], total="120000")
    expense = new_expense(ana, receipt_id=receipt.pk, category="internet", amount="150000")
    assert expense["read_amount"] == "120000.00"
    assert expense["amount"] == "150000.00"
    assert expense["eligible_amount"] == "75000.00"
    patched = ana.patch(f"/expenses/{expense['id']}", {"amount": "100000"})
    assert patched.json()["amount"] == "100000.00"
    assert patched.json()["read_amount"] == "120000.00"
    changes = ClaimEvent.objects.filter(kind="amount_changed").order_by("id")
    assert [(e.data["old"], e.data["new"]) for e in changes] == [
        ("120000.00", "150000.00"),
        ("150000.00", "100000.00"),
    ]


def test_the_whole_flow(api_as, people, read_receipt):
    ana, hugo = api_as("owner", "es"), api_as("hr", "es")
    chair = new_expense(ana, receipt_id=read_receipt(people["owner"]).pk, category="chair")
    internet = new_expense(
        ana,
        receipt_id=read_receipt(people["owner"], total="120000", seed=1, vendor="ISP").pk,
        category="internet",
    )
    claim = submitted_claim(ana, chair["id"], internet["id"])
    assert claim["status"] == "submitted"
    assert claim["total_eligible"] == "560000.00"

    queue = hugo.get("/claims").json()
    assert [c["id"] for c in queue["items"]] == [claim["id"]]

    # HR looks at the receipt: the worker will see it in the trail.
    assert hugo.get(f"/receipts/{chair['receipt_id']}/file").status_code == 200

    decided = hugo.post(
        f"/claims/{claim['id']}/decision",
        {
            "lines": [
                {"expense_id": chair["id"], "action": "approve"},
                {
                    "expense_id": internet["id"],
                    "action": "partial",
                    "approved_amount": "40000",
                    "reason_code": "over_cap",
                    "note": "Solo el plan básico",
                },
            ]
        },
    )
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert body["status"] == "partially_approved"
    assert body["total_approved"] == "540000.00"

    seen = ana.get(f"/claims/{claim['id']}").json()
    lines = {line["id"]: line for line in seen["lines"]}
    assert lines[internet["id"]]["decision"] == "partial"
    assert lines[internet["id"]]["reason_code"] == "over_cap"
    assert lines[internet["id"]]["decision_note"] == "Solo el plan básico"

    events = ana.get(f"/claims/{claim['id']}/events").json()
    kinds = [e["kind"] for e in events]
    for kind in ("expense_created", "amount_read", "claim_created", "submitted", "receipt_viewed"):
        assert kind in kinds
    assert kinds.count("decided") == 2
    viewed = next(e for e in events if e["kind"] == "receipt_viewed")
    assert viewed["actor"] == "Hugo" and viewed["actor_role"] == "hr"


def test_reject_then_appeal_once(api_as, people, read_receipt):
    ana, hugo = api_as("owner"), api_as("hr")
    expense = new_expense(ana, receipt_id=read_receipt(people["owner"]).pk, category="chair")
    claim = submitted_claim(ana, expense["id"])
    rejected = hugo.post(
        f"/claims/{claim['id']}/decision",
        {
            "lines": [
                {"expense_id": expense["id"], "action": "reject", "reason_code": "not_eligible"}
            ]
        },
    )
    assert rejected.json()["status"] == "rejected"
    appeal = ana.post(f"/expenses/{expense['id']}/appeal", {"note": "Es para el trabajo"})
    assert appeal.status_code == 200
    assert appeal.json()["status"] == "submitted"
    again = hugo.post(
        f"/claims/{claim['id']}/decision",
        {"lines": [{"expense_id": expense["id"], "action": "reject", "reason_code": "other"}]},
    )
    assert again.json()["status"] == "rejected"
    second = ana.post(f"/expenses/{expense['id']}/appeal", {"note": "otra vez"})
    assert_error(second, 409, "already_appealed")


def test_return_edit_and_resubmit(api_as, people, read_receipt):
    ana, hugo = api_as("owner"), api_as("hr")
    expense = new_expense(ana, receipt_id=read_receipt(people["owner"]).pk, category="chair")
    claim = submitted_claim(ana, expense["id"])
    assert ana.patch(f"/expenses/{expense['id']}", {"note": "x"}).status_code == 409
    returned = hugo.post(
        f"/claims/{claim['id']}/decision",
        {
            "lines": [
                {"expense_id": expense["id"], "action": "return", "reason_code": "missing_info"}
            ]
        },
    )
    assert returned.json()["status"] == "returned"
    assert ana.patch(f"/expenses/{expense['id']}", {"amount": "400000"}).status_code == 200
    resubmitted = ana.post(f"/claims/{claim['id']}/submit")
    assert resubmitted.json()["status"] == "submitted"
    assert resubmitted.json()["lines"][0]["decision"] in ("", None)


def test_approve_all_clean_lines_leaves_flagged_ones(api_as, people, read_receipt):
    ana, luis, hugo = api_as("owner"), api_as("other_worker"), api_as("hr")
    clean = new_expense(ana, receipt_id=read_receipt(people["owner"], seed=1).pk, category="chair")
    # Luis claims the same purchase (same vendor, amount and date) as a desk.
    luis_receipt = read_receipt(people["other_worker"], seed=5, total="300000", vendor="Tienda X")
    new_expense(luis, receipt_id=luis_receipt.pk, category="desk")
    dup = new_expense(
        ana,
        receipt_id=read_receipt(people["owner"], seed=6, total="300000", vendor="Tienda X").pk,
        category="desk",
    )
    assert [f["kind"] for f in dup["flags"]] == ["same_vendor_amount_date"]
    assert dup["flags"][0]["expense_id"] is None  # another worker's expense is not named to Ana
    claim = submitted_claim(ana, clean["id"], dup["id"])
    hr_view = hugo.get(f"/claims/{claim['id']}").json()
    flagged = next(line for line in hr_view["lines"] if line["id"] == dup["id"])
    assert flagged["flags"][0]["owner"] == "luis"  # HR sees whose expense it matches

    after = hugo.post(f"/claims/{claim['id']}/approve-clean").json()
    assert after["status"] == "submitted"
    decisions = {line["id"]: line["decision"] for line in after["lines"]}
    assert decisions == {clean["id"]: "approve", dup["id"]: None}


def test_same_picture_shared_by_two_workers_is_flagged(api_as, people, read_receipt):
    ana, luis = api_as("owner"), api_as("other_worker")
    a = read_receipt(people["owner"], seed=3, vendor="A")
    b = read_receipt(people["other_worker"], seed=3, vendor="B")  # the same file
    new_expense(ana, receipt_id=a.pk, category="chair")
    flagged = new_expense(luis, receipt_id=b.pk, category="chair")
    kinds = {f["kind"] for f in flagged["flags"]}
    assert "same_file" in kinds


def test_the_worker_cannot_decide_their_own_claim_even_as_hr(api_as, people, read_receipt):
    hugo = api_as("hr")
    expense = new_expense(hugo, receipt_id=read_receipt(people["hr"]).pk, category="chair")
    claim = submitted_claim(hugo, expense["id"])
    response = hugo.post(
        f"/claims/{claim['id']}/decision",
        {"lines": [{"expense_id": expense["id"], "action": "approve"}]},
    )
    assert_error(response, 409, "own_claim")


def test_a_stale_version_is_409_and_changes_nothing(api_as, people, read_receipt):
    ana, hugo = api_as("owner"), api_as("hr")
    expense = new_expense(ana, receipt_id=read_receipt(people["owner"]).pk, category="chair")
    claim = submitted_claim(ana, expense["id"])
    body = {
        "lines": [{"expense_id": expense["id"], "action": "approve"}],
        "version": claim["version"] - 1,
    }
    response = hugo.post(f"/claims/{claim['id']}/decision", body)
    assert response.status_code == 409
    assert Expense.objects.get(pk=expense["id"]).decision == ""


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_one_wins(api_as, people, read_receipt, org):
    from accounts.models import Role, User

    second = User.objects.create_user(
        username="hilda", password="x", organization=org, role=Role.HR
    )
    ana = api_as("owner")
    expense = new_expense(ana, receipt_id=read_receipt(people["owner"]).pk, category="chair")
    claim = submitted_claim(ana, expense["id"])
    reviewers = [api_as("hr"), Api(second)]
    results: list[int] = []
    barrier = threading.Barrier(2)

    def decide(api, action):
        barrier.wait()
        response = api.post(
            f"/claims/{claim['id']}/decision",
            {"lines": [{"expense_id": expense["id"], "action": action, "reason_code": "other"}]},
        )
        results.append(response.status_code)
        connection.close()

    threads = [
        threading.Thread(target=decide, args=(reviewers[0], "approve")),
        threading.Thread(target=decide, args=(reviewers[1], "reject")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 409]
    final = Claim.objects.get(pk=claim["id"])
    assert final.status in ("approved", "rejected")
    assert ClaimEvent.objects.filter(claim=final, kind="decided").count() == 1


BAD_EXPENSES = [
    ("negative", {"amount": "-5"}),
    ("zero", {"amount": "0"}),
    ("NaN", {"amount": "NaN"}),
    ("huge exponent", {"amount": "1e309"}),
    ("three decimals", {"amount": "10.123"}),
    ("twenty digits", {"amount": "12345678901234567890"}),
    ("arabic digits", {"amount": "١٢٣"}),
    ("impossible date", {"date": "2026-02-30"}),
    ("far future", {"date": "2999-01-01"}),
    ("unknown category", {"category": "yacht"}),
    ("status field", {"status": "approved"}),
    ("approved_amount field", {"approved_amount": "1"}),
    ("control char in vendor", {"vendor": "abc\x07"}),
    ("unknown currency", {"currency": "XYZ"}),
]


@pytest.mark.parametrize(("case", "override"), BAD_EXPENSES, ids=[c[0] for c in BAD_EXPENSES])
def test_bad_expenses_are_422_and_save_nothing(api_as, categories, recent, case, override):
    body = {"category": "chair", "amount": "100000", "date": recent.isoformat(), **override}
    response = api_as("owner", "es").post("/expenses", body)
    assert response.status_code == 422, response.content
    assert response.json()["message"]
    assert Expense.objects.count() == 0


def test_a_foreign_receipt_id_is_422(api_as, people, read_receipt):
    luis_receipt = read_receipt(people["other_worker"])
    response = api_as("owner").post(
        "/expenses", {"receipt_id": luis_receipt.pk, "category": "chair"}
    )
    assert_error(response, 422, "unknown_receipt")


def test_a_foreign_currency_without_rate_is_explained(api_as, categories, recent):
    ana = api_as("owner", "es")
    body = {"category": "chair", "amount": "100", "currency": "USD", "date": recent.isoformat()}
    body["receipt_id"] = None
    response = ana.post("/expenses", body)
    refused = assert_error(response, 422, "no_exchange_rate")
    assert "USD" in refused["message"]
    hugo = api_as("hr")
    month = recent.strftime("%Y-%m")
    assert (
        hugo.put("/rates", {"month": month, "currency": "USD", "rate": "4100.5"}).status_code == 200
    )
    ok = ana.post("/expenses", {**body, "category": "desk"})
    assert_error(ok, 422, "receipt_required")


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("submitted", "draft"),
        ("submitted", "returned"),
        ("decided", "submitted"),
        ("appealed", "rejected"),
        ("appealed", "partially_approved"),
        ("appealed", "partially_paid"),
        ("paid", "approved"),
        ("paid", "partially_approved"),
    ],
)
def test_allowed_transitions(action, status):
    assert transition(status, action) in (None, "submitted", "paid", "partially_paid")


def test_a_claim_with_a_line_rejected_or_cut_is_partly_paid():
    assert transition("approved", "paid") == "paid"
    assert transition("partially_approved", "paid") == "partially_paid"


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("submitted", "submitted"),
        ("submitted", "paid"),
        ("decided", "draft"),
        ("decided", "approved"),
        ("paid", "rejected"),
        ("paid", "draft"),
        ("paid", "paid"),
        ("paid", "partially_paid"),
        ("decided", "partially_paid"),
        ("appealed", "approved"),
        ("edited", "submitted"),
    ],
)
def test_refused_transitions(action, status):
    with pytest.raises(ApiError) as error:
        transition(status, action)
    assert error.value.status == 409


def test_every_status_appears_in_the_table():
    from claims.models import ClaimStatus

    sources = {status for table in TRANSITIONS.values() for status in table}
    assert sources == set(ClaimStatus.values) - {"paid"}  # paid is the only terminal state


def test_empty_claim_and_deciding_a_draft_are_409(api_as, people, read_receipt):
    ana, hugo = api_as("owner"), api_as("hr")
    expense = new_expense(ana, receipt_id=read_receipt(people["owner"]).pk, category="chair")
    draft = ana.post("/claims", {"expense_ids": [expense["id"]]}).json()
    assert ana.patch(f"/claims/{draft['id']}", {"expense_ids": []}).status_code == 200
    empty = ana.post(f"/claims/{draft['id']}/submit")
    assert_error(empty, 409, "empty_claim")
    ana.patch(f"/claims/{draft['id']}", {"expense_ids": [expense["id"]]})
    # HR cannot even see a draft.
    assert (
        hugo.post(
            f"/claims/{draft['id']}/decision",
            {"lines": [{"expense_id": expense["id"], "action": "approve"}]},
        ).status_code
        == 404
    )


def test_events_cannot_be_changed_or_deleted(api_as, people, read_receipt):
    from core.audit import AppendOnlyError

    new_expense(api_as("owner"), receipt_id=read_receipt(people["owner"]).pk, category="chair")
    event = ClaimEvent.objects.first()
    event.data = {"forged": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_admin_cannot_change_or_delete_events(admin_client, api_as, people, read_receipt):
    new_expense(api_as("owner"), receipt_id=read_receipt(people["owner"]).pk, category="chair")
    event = ClaimEvent.objects.first()
    url = f"/admin/claims/claimevent/{event.pk}/"
    assert admin_client.get(url + "delete/").status_code == 403
    admin_client.post(url + "change/", {"kind": "paid"})
    event.refresh_from_db()
    assert event.kind == "expense_created"
    assert admin_client.get("/admin/claims/claimevent/add/").status_code == 403


def test_review_queue_filters(api_as, people, read_receipt, recent):
    ana, luis, hugo = api_as("owner"), api_as("other_worker"), api_as("hr")
    chair = new_expense(ana, receipt_id=read_receipt(people["owner"], seed=1).pk, category="chair")
    first = submitted_claim(ana, chair["id"])
    internet = new_expense(
        luis,
        receipt_id=read_receipt(people["other_worker"], seed=2, total="90000", vendor="ISP").pk,
        category="internet",
    )
    second = submitted_claim(luis, internet["id"])

    def ids(query=""):
        response = hugo.get(f"/claims{query}")
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["items"]]

    assert ids() == [first["id"], second["id"]]  # oldest first
    assert ids("?category=internet") == [second["id"]]
    assert ids("?worker=ana") == [first["id"]]
    assert ids("?worker=E-2") == [second["id"]]  # by employee id too
    assert ids("?flagged=true") == []
    assert ids(f"?period_from={recent.isoformat()}") == [first["id"], second["id"]]
    assert ids("?period_to=2020-01-01") == []
    assert ids("?status=approved") == []
    assert hugo.get("/claims?period_from=2026-02-30").status_code == 422
    # A worker's list is always their own, whatever the filters say.
    assert [c["id"] for c in ana.get("/claims?worker=luis").json()["items"]] == [first["id"]]


def test_a_reviewer_who_saw_an_old_version_is_told_someone_decided_first(
    api_as, people, read_receipt, org
):
    from accounts.models import Role, User

    ana, hugo = api_as("owner"), api_as("hr")
    hilda = Api(User.objects.create_user(username="hilda", organization=org, role=Role.HR))
    expense = new_expense(ana, receipt_id=read_receipt(people["owner"]).pk, category="chair")
    claim = submitted_claim(ana, expense["id"])
    body = {
        "lines": [{"expense_id": expense["id"], "action": "approve"}],
        "version": claim["version"],
    }
    first = hugo.post(f"/claims/{claim['id']}/decision", body)
    assert first.json()["decided_by"] == "Hugo"
    late = hilda.post(f"/claims/{claim['id']}/decision", body)
    assert_error(late, 409, "claim_changed")
    found = ana.get(f"/expenses?receipt_id={expense['receipt_id']}").json()
    assert [e["id"] for e in found["items"]] == [expense["id"]]
    assert ana.get("/expenses?page_size=1000").status_code == 200
