"""Notifications: what happened reaches the person in the app and by mail (a real SMTP server),
once, in their language, retried, and never with an amount, a vendor or receipt text."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications import services
from notifications.models import MailState, Notification
from receipts import services as receipt_services
from receipts.models import Receipt, ReceiptStatus
from tests.personas import assert_error

pytestmark = pytest.mark.django_db

# Planted in the receipts and the decision: none of it may ever reach a mail.
AMOUNT = "987654"
VENDOR = "Muebles Quetzal Dorado"
NOTE = "Nota secreta de revisión"
SECRETS = (AMOUNT, "987.654", "987,654", VENDOR, "Quetzal", NOTE, "secreta")


def assert_says_nothing_private(message) -> None:
    text = message.text()
    for secret in SECRETS:
        assert secret not in text, secret


@pytest.fixture
def submitted(api_as, people, read_receipt):
    """A submitted claim of Ana's with two lines, both from planted receipts."""

    def make() -> tuple[int, list[int]]:
        ana = api_as("owner")
        owner = people["owner"]
        lines = []
        for seed, category in ((0, "chair"), (1, "desk")):
            receipt = read_receipt(owner, total=AMOUNT, seed=seed, vendor=VENDOR)
            made = ana.post("/expenses", {"receipt_id": receipt.pk, "category": category})
            assert made.status_code == 201, made.content
            lines.append(made.json()["id"])
        claim = ana.post("/claims", {"expense_ids": lines}).json()
        assert ana.post(f"/claims/{claim['id']}/submit").status_code == 200
        return claim["id"], lines

    return make


def decide(api_as, claim_id, lines, action="approve", **extra):
    body = {"lines": [{"expense_id": line, "action": action, **extra} for line in lines]}
    response = api_as("hr").post(f"/claims/{claim_id}/decision", body)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_decision_is_one_mail_in_spanish_with_a_link_and_nothing_private(
    api_as, addresses, submitted, smtp, django_capture_on_commit_callbacks
):
    claim_id, lines = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        decide(api_as, claim_id, lines, "reject", reason_code="not_eligible", note=NOTE)

    mails = smtp.to(addresses["owner"])
    assert len(mails) == 1  # one per decision request, not one per line
    mail = mails[0]
    assert mail.subject == f"Su reclamación #{claim_id} tiene una decisión"
    assert f"https://claims.example.org/claims/{claim_id}" in mail.body
    assert "Recursos Humanos decidió" in mail.body
    assert_says_nothing_private(mail)
    assert smtp.to(addresses["hr"]) == []

    listed = api_as("owner").get("/notifications").json()
    assert listed["unread"] == 1
    [item] = listed["items"]
    assert item["kind"] == "decided"
    assert item["claim_id"] == claim_id
    assert item["link"] == f"/claims/{claim_id}"
    assert item["read"] is False
    assert Notification.objects.get().mail_state == MailState.SENT


def test_english_when_the_person_chose_it(
    api_as, addresses, submitted, smtp, django_capture_on_commit_callbacks
):
    chosen = api_as("owner").patch("/notifications/settings", {"language": "en"})
    assert chosen.json() == {"mail": True, "language": "en", "email": addresses["owner"]}
    claim_id, lines = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        decide(api_as, claim_id, lines)
    [mail] = smtp.to(addresses["owner"])
    assert mail.subject == f"Your claim #{claim_id} has a decision"
    assert "HR has decided" in mail.body
    assert_says_nothing_private(mail)


def test_a_returned_claim_says_returned_once(
    api_as, addresses, submitted, smtp, django_capture_on_commit_callbacks
):
    claim_id, lines = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        decided = decide(api_as, claim_id, lines, "return", reason_code="missing_info")
    assert decided["status"] == "returned"
    [mail] = smtp.to(addresses["owner"])
    assert mail.subject == f"Su reclamación #{claim_id} le fue devuelta"
    assert_says_nothing_private(mail)
    [item] = api_as("owner").get("/notifications").json()["items"]
    assert item["kind"] == "returned"


def test_mail_off_still_notifies_in_the_app(
    api_as, addresses, submitted, smtp, django_capture_on_commit_callbacks
):
    off = api_as("owner").patch("/notifications/settings", {"mail": False})
    assert off.json()["mail"] is False
    claim_id, lines = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        decide(api_as, claim_id, lines)
    assert smtp.messages == []
    assert api_as("owner").get("/notifications").json()["unread"] == 1
    assert Notification.objects.get().mail_state == MailState.OFF


def test_a_failed_mail_is_retried_later_and_never_sent_twice(
    api_as, addresses, submitted, smtp, django_capture_on_commit_callbacks
):
    smtp.fail_next = 1
    claim_id, lines = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        decide(api_as, claim_id, lines)
    row = Notification.objects.get()
    assert smtp.refused == 1 and smtp.messages == []
    assert row.mail_state == MailState.PENDING
    assert row.mail_attempts == 1
    assert row.mail_next_at > timezone.now() + timedelta(seconds=30)  # backoff, not at once

    assert services.notification_mail(row.pk) == "skipped"  # not due yet
    Notification.objects.filter(pk=row.pk).update(mail_next_at=timezone.now())
    assert services.notifications_mail_due() == 1  # the safety net queues it again: sent
    [mail] = smtp.to(addresses["owner"])
    assert mail.message_id == f"<notification-{row.pk}@homeclaim>"

    # Any number of late or duplicate tasks: no second mail.
    for _ in range(3):
        assert services.notification_mail(row.pk) == "skipped"
    assert services.notifications_mail_due() == 0
    assert len(smtp.messages) == 1
    row.refresh_from_db()
    assert (row.mail_state, row.mail_attempts) == (MailState.SENT, 2)


def test_a_mail_that_keeps_failing_is_given_up(addresses, people, smtp, monkeypatch):
    monkeypatch.setattr(services, "_enqueue", lambda ids, run_after=None: None)
    row = Notification.objects.create(
        user=people["owner"], kind="decided", key="k", claim_id=1, mail_state=MailState.PENDING
    )
    smtp.fail_next = services.MAIL_MAX_ATTEMPTS
    outcomes = []
    for _ in range(services.MAIL_MAX_ATTEMPTS):
        Notification.objects.filter(pk=row.pk).update(mail_next_at=None)
        outcomes.append(services.notification_mail(row.pk))
    assert outcomes == ["retry"] * (services.MAIL_MAX_ATTEMPTS - 1) + ["failed"]
    assert services.notification_mail(row.pk) == "skipped"
    assert smtp.messages == []


def test_an_appeal_outcome_and_a_payment(
    api_as, addresses, submitted, smtp, django_capture_on_commit_callbacks
):
    claim_id, (chair, desk) = submitted()
    hugo, ana = api_as("hr"), api_as("owner")
    with django_capture_on_commit_callbacks(execute=True):
        hugo.post(
            f"/claims/{claim_id}/decision",
            {
                "lines": [
                    {"expense_id": chair, "action": "approve"},
                    {"expense_id": desk, "action": "reject", "reason_code": "not_eligible"},
                ]
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert ana.post(f"/expenses/{desk}/appeal", {"note": "please"}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        decide(api_as, claim_id, [desk], "reject", reason_code="not_eligible", note=NOTE)
    with django_capture_on_commit_callbacks(execute=True):
        period = timezone.localdate().strftime("%Y-%m")
        run = hugo.post("/exports/payroll", {"period": period})
        assert run.status_code == 201, run.content

    kinds = [n["kind"] for n in ana.get("/notifications").json()["items"]]
    assert kinds == ["paid", "appeal_decided", "decided"]  # newest first
    subjects = [m.subject for m in smtp.to(addresses["owner"])]
    assert subjects == [
        f"Su reclamación #{claim_id} tiene una decisión",
        f"Su apelación en la reclamación #{claim_id} fue decidida",
        f"Su reclamación #{claim_id} fue pagada",
    ]
    for mail in smtp.messages:
        assert_says_nothing_private(mail)


def test_an_unreadable_receipt(
    addresses, people, api_as, smtp, monkeypatch, read_receipt, django_capture_on_commit_callbacks
):
    receipt = read_receipt(people["owner"], total=AMOUNT, vendor=VENDOR)
    Receipt.objects.filter(pk=receipt.pk).update(status=ReceiptStatus.QUEUED)

    def broken(*args, **kwargs):
        raise ValueError("cannot read")

    monkeypatch.setattr(receipt_services.pipeline, "read", broken)
    with django_capture_on_commit_callbacks(execute=True):
        assert receipt_services.receipt_read(receipt_id=receipt.pk) == ReceiptStatus.FAILED
    [mail] = smtp.to(addresses["owner"])
    assert mail.subject == "No se pudo leer un recibo"
    assert f"https://claims.example.org/receipts/{receipt.pk}" in mail.body
    assert_says_nothing_private(mail)
    [item] = api_as("owner").get("/notifications").json()["items"]
    assert (item["kind"], item["receipt_id"], item["claim_id"]) == (
        "receipt_unreadable",
        receipt.pk,
        None,
    )


def test_hr_digest_once_a_day_with_the_count_and_the_queue(
    api_as, addresses, submitted, smtp, django_capture_on_commit_callbacks, people
):
    submitted()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_digest", stdout=StringIO())
    [mail] = smtp.to(addresses["hr"])
    assert mail.subject == "Reclamaciones nuevas por revisar: 1"
    assert "https://claims.example.org/review" in mail.body
    assert_says_nothing_private(mail)
    assert smtp.to(addresses["other_hr"]) == []  # nothing new in the other organisation
    assert smtp.to(addresses["owner"]) == []

    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send() == 0  # the same day again: nothing more
    assert len(smtp.to(addresses["hr"])) == 1
    [item] = api_as("hr").get("/notifications").json()["items"]
    assert (item["kind"], item["count"], item["link"]) == ("digest", 1, "/review")


def test_reading_and_nobody_elses(api_as, addresses, submitted, smtp, people):
    claim_id, lines = submitted()
    decide(api_as, claim_id, lines)
    ana, luis = api_as("owner"), api_as("other_worker")
    [item] = ana.get("/notifications").json()["items"]
    assert luis.get("/notifications").json() == {"items": [], "count": 0, "unread": 0}
    assert_error(luis.post("/notifications/read", {"ids": [item["id"]]}), 404, "not_found")
    assert ana.get("/notifications").json()["unread"] == 1
    assert luis.post("/notifications/read", {}).json() == {"marked": 0, "unread": 0}
    assert ana.get("/notifications").json()["unread"] == 1
    assert ana.post("/notifications/read", {"ids": [item["id"]]}).json() == {
        "marked": 1,
        "unread": 0,
    }
    assert ana.get("/notifications").json()["items"][0]["read"] is True


def test_a_decision_of_many_lines_queues_one_mail(
    api_as, addresses, submitted, smtp, monkeypatch, django_capture_on_commit_callbacks
):
    queued: list[list[int]] = []
    monkeypatch.setattr(services, "_enqueue", lambda ids, run_after=None: queued.append(ids))
    claim_id, lines = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        decide(api_as, claim_id, lines)
    assert queued == [[Notification.objects.get().pk]]


def test_a_receipt_its_workers_kept_dying_on_is_unreadable_too(
    addresses, people, smtp, settings, read_receipt, django_capture_on_commit_callbacks
):
    settings.RECEIPT_MAX_ATTEMPTS = 1
    receipt = read_receipt(people["owner"], total=AMOUNT, vendor=VENDOR)
    Receipt.objects.filter(pk=receipt.pk).update(
        status=ReceiptStatus.PROCESSING,
        attempts=1,
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        receipt_services.receipts_requeue_expired()
        receipt_services.receipts_requeue_expired()  # a second sweeper: nothing more
    [mail] = smtp.to(addresses["owner"])
    assert f"/receipts/{receipt.pk}" in mail.body
    assert_says_nothing_private(mail)
