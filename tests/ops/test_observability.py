"""Readiness, request ids, JSON logs without personal data, and /metrics behind its token."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from homeclaim.logs import JsonFormatter, RequestIdFilter
from receipts.models import Receipt, ReceiptStatus
from tests.ops import processes as p

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client()


def test_ready_checks_database_storage_and_queue(client):
    response = client.get("/api/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "storage": "ok", "queue": "ok"}


def test_ready_names_a_storage_that_cannot_be_written(client, settings, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked / "files")},
        },
    }
    response = client.get("/api/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "not_ready"
    assert body["details"]["checks"] == {"database": "ok", "storage": "failed", "queue": "ok"}
    assert "storage" in body["message"]


def test_ready_says_when_the_queue_is_behind(client, people, settings):
    settings.READY_MAX_QUEUE_AGE = 600
    (receipt,) = p.queue_receipts(people["owner"], 1)
    assert client.get("/api/health/ready").status_code == 200
    Receipt.objects.filter(pk=receipt.pk).update(created_at=timezone.now() - timedelta(hours=1))
    response = client.get("/api/health/ready")
    assert response.status_code == 503
    details = response.json()["details"]
    assert details["checks"]["queue"] == "behind"
    assert details["queue_age_seconds"] >= 3600
    # A receipt being read under a live lease is not waiting.
    Receipt.objects.filter(pk=receipt.pk).update(
        status=ReceiptStatus.PROCESSING, lease_until=timezone.now() + timedelta(minutes=1)
    )
    assert client.get("/api/health/ready").status_code == 200


def test_a_request_id_is_made_or_honoured_and_echoed(client):
    made = client.get("/api/health")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/api/health", HTTP_X_REQUEST_ID="lb-42.a:b")["X-Request-ID"] == "lb-42.a:b"
    # Not a sane token (spaces, a line break, too long): a fresh one instead, never echoed.
    for bad in ("has space", "x" * 200, "a\u00e9b"):
        echoed = client.get("/api/health", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert echoed != bad and len(echoed) == 32


@pytest.fixture
def json_log():
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield buffer
    finally:
        root.removeHandler(handler)


def test_json_logs_one_object_per_line_with_the_request_id_and_no_personal_data(json_log, people):
    client = Client()
    client.force_login(people["owner"])
    rid = "req-123"
    response = client.get("/api/receipts?q=Ana+Secreta", HTTP_X_REQUEST_ID=rid)
    assert response.status_code == 200
    logging.getLogger("receipts.services").exception(
        "reading receipt %s failed", 7, exc_info=ValueError("TOTAL $ 500.000 Ana Secreta")
    )
    lines = json_log.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    request_line = next(e for e in entries if e["logger"] == "homeclaim.request")
    assert request_line["request_id"] == rid
    assert request_line["route"] == "api/receipts"
    assert request_line["status"] == 200
    assert request_line["client_net"] == "127.0.0.0/24"  # the network, never the address
    failure = entries[-1]
    assert failure["exception"] == "ValueError" and failure["where"] == []
    text = json_log.getvalue()
    for private in ("Ana", "Secreta", "500.000", "ana", "q="):
        assert private not in text, private


def test_metrics_are_off_without_a_token_and_need_it_as_bearer(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    client.get("/api/health")
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'homeclaim_http_requests_total{method="GET",route="api/health",status="200"}' in body
    assert 'homeclaim_receipts_queue{state="queued"} 0.0' in body
    assert "homeclaim_receipts_queue_oldest_seconds 0.0" in body
    assert "homeclaim_payroll_runs_total 0.0" in body
    assert "homeclaim_receipt_read_seconds" in body
