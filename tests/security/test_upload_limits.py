"""A bounded queue (issue 17, point 9): a person's uploads per hour and an organisation's receipts
waiting to be read are limited; past either, 429 with Retry-After and nothing stored."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from receipts.models import Receipt, ReceiptStatus
from tests.personas import assert_error
from tests.receipts import samples

pytestmark = pytest.mark.django_db


def upload(api, seed: int):
    image = SimpleUploadedFile(
        f"r{seed}.png", samples.png_bytes(samples.receipt_image(seed)), "image/png"
    )
    return api.client.post("/api/receipts", {"file": image}, headers=api.headers)


def test_a_person_past_the_hourly_limit_gets_a_429_and_nothing_is_stored(api_as, settings):
    settings.UPLOADS_PER_HOUR = 2
    ana = api_as("owner", "es")
    assert [upload(ana, seed).status_code for seed in (1, 2)] == [201, 201]
    # The first upload was 20 minutes ago: it leaves the hour in about 40 minutes.
    first = Receipt.objects.order_by("id").first()
    Receipt.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=20))

    refused = upload(ana, 3)
    body = assert_error(refused, 429, "upload_rate_limited")
    assert 39 * 60 <= int(refused["Retry-After"]) <= 40 * 60
    assert body["details"]["retry_after"] == int(refused["Retry-After"])
    assert body["details"]["limit"] == 2
    assert "No se guardó nada" in body["message"] and "40 min" in body["message"]
    assert Receipt.objects.count() == 2

    # Someone else in the organisation is not held back by Ana's limit.
    assert upload(api_as("other_worker"), 4).status_code == 201
    # An hour after, Ana may send again.
    Receipt.objects.filter(owner__username="ana").update(
        created_at=timezone.now() - timedelta(hours=1, seconds=1)
    )
    assert upload(ana, 5).status_code == 201


def test_a_full_organisation_queue_gets_a_429_and_nothing_is_stored(api_as, settings):
    settings.ORG_QUEUE_MAX = 2
    settings.ORG_QUEUE_RETRY_SECONDS = 120
    ana, luis = api_as("owner"), api_as("other_worker")
    assert upload(ana, 1).status_code == 201
    assert upload(luis, 2).status_code == 201
    assert Receipt.objects.filter(status=ReceiptStatus.QUEUED).count() == 2

    refused = upload(ana, 3)
    body = assert_error(refused, 429, "upload_queue_full")
    assert refused["Retry-After"] == "120"
    assert "Nothing was stored" in body["message"]
    assert Receipt.objects.count() == 2

    # Another organisation's queue is its own; and once a receipt is read there is room again.
    assert upload(api_as("other_hr"), 4).status_code == 201
    Receipt.objects.filter(owner__username="luis").update(status=ReceiptStatus.DONE)
    assert upload(ana, 5).status_code == 201
