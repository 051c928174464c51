"""The whole flow for the demo users, with a receipt read by the real worker and Tesseract."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.receipts.tickets import ticket


def login(username: str) -> dict[str, str]:
    response = Client().post(
        "/api/auth/token",
        data=json.dumps({"username": username, "password": "demo-flow-password"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return {"Authorization": f"Bearer {response.json()['token']}", "Accept-Language": "es"}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # the real worker needs committed rows
def test_upload_to_decision_for_the_demo_users(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-flow-password")
    call_command("demo", stdout=open("/dev/null", "w"))
    # Luis: Ana already has a chair pending in the demo, which holds her replacement period.
    worker, hugo = login("luis"), login("hugo")
    client = Client()
    today = timezone.localdate().strftime("%d/%m/%Y")
    picture = ticket(
        [
            "MUEBLES LA 14 S.A.S.",
            "NIT 890.300.346-1",
            f"Fecha: {today}",
            "SILLA OFICINA ERGO      $ 700.000",
            "TOTAL A PAGAR           $ 700.000",
            "TARJETA                 $ 700.000",
        ]
    )
    upload = client.post(
        "/api/receipts", data={"file": SimpleUploadedFile("silla.jpg", picture)}, headers=worker
    )
    assert upload.status_code == 201
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    receipt = client.get(f"/api/receipts/{upload.json()['id']}", headers=worker).json()
    # Whether the reader is sure enough is the OCR tests' business; here the flow goes on either way.
    assert receipt["status"] in ("done", "needs_review")
    assert receipt["total"] == "700000.00"

    expense = client.post(
        "/api/expenses",
        data=json.dumps({"receipt_id": receipt["id"], "category": "chair"}),
        content_type="application/json",
        headers=worker,
    ).json()
    assert expense["eligible_amount"] == "600000.00"  # the demo chair cap
    assert "tope por artículo $ 600.000" in expense["explanation"]
    claim = client.post(
        "/api/claims",
        data=json.dumps({"expense_ids": [expense["id"]]}),
        content_type="application/json",
        headers=worker,
    ).json()
    client.post(f"/api/claims/{claim['id']}/submit", headers=worker)

    assert client.get(f"/api/receipts/{receipt['id']}/preview", headers=hugo).status_code == 200
    decided = client.post(
        f"/api/claims/{claim['id']}/decision",
        data=json.dumps({"lines": [{"expense_id": expense["id"], "action": "approve"}]}),
        content_type="application/json",
        headers=hugo,
    )
    assert decided.json()["status"] == "approved"

    seen = client.get(f"/api/claims/{claim['id']}", headers=worker).json()
    assert seen["status"] == "approved" and seen["total_approved"] == "600000.00"
    events = client.get(f"/api/claims/{claim['id']}/events", headers=worker).json()
    assert {"receipt_viewed", "decided", "submitted", "amount_read"} <= {e["kind"] for e in events}
    assert any(e["actor"] == "Hugo Ramírez" for e in events if e["kind"] == "receipt_viewed")
