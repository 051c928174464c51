"""A killed worker loses nothing; two workers never read the same receipt at once."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from receipts import services
from receipts.models import Receipt, ReceiptStatus
from tests.receipts import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(people) -> Receipt:
    owner = people["owner"]
    name = default_storage.save("receipts/t/x.png", ContentFile(samples.png_bytes()))
    return Receipt.objects.create(
        owner=owner,
        organization=owner.organization,
        kind="image",
        file=name,
        content_type="image/png",
        size=1,
        sha256="0" * 64,
        phash="0" * 16,
        width=480,
        height=720,
    )


def test_only_one_claim_wins(receipt):
    first = services.reading_lease_take(receipt_id=receipt.pk)
    second = services.reading_lease_take(receipt_id=receipt.pk)
    assert first is not None
    assert second is None
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.PROCESSING
    assert receipt.attempts == 1


def test_an_expired_lease_is_taken_over_and_the_dead_worker_cannot_write(receipt):
    dead = services.reading_lease_take(receipt_id=receipt.pk)
    assert dead
    Receipt.objects.filter(pk=receipt.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    alive = services.reading_lease_take(receipt_id=receipt.pk)
    assert alive and alive != dead
    # The dead worker's late write is ignored: it no longer holds the lease.
    assert Receipt.objects.filter(pk=receipt.pk, lease_token=dead).count() == 0


# The real worker closes its database connection between tasks: only committed data survives that.
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_is_requeued_and_the_receipt_is_read(receipt):
    # A worker takes it, then is SIGKILLed before it finishes.
    assert services.reading_lease_take(receipt_id=receipt.pk)
    Receipt.objects.filter(pk=receipt.pk).update(lease_until=timezone.now() - timedelta(seconds=1))

    assert services.receipts_requeue_expired() == 1
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    receipt.refresh_from_db()
    assert receipt.status in (ReceiptStatus.DONE, ReceiptStatus.NEEDS_REVIEW)
    assert receipt.attempts == 2
    assert receipt.lease_until is None
    assert receipt.read_at is not None


def test_after_the_last_attempt_it_fails_with_a_reason(receipt, settings):
    settings.RECEIPT_MAX_ATTEMPTS = 2
    for _ in range(2):
        assert services.reading_lease_take(receipt_id=receipt.pk)
        Receipt.objects.filter(pk=receipt.pk).update(
            lease_until=timezone.now() - timedelta(seconds=1)
        )
    services.receipts_requeue_expired()
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.FAILED
    assert receipt.failure_reason == "too_many_attempts"
    assert DBTaskResult.objects.count() == 0


def test_a_live_lease_is_left_alone(receipt):
    assert services.reading_lease_take(receipt_id=receipt.pk)
    assert services.receipts_requeue_expired() == 0
    services.receipt_read(receipt_id=receipt.pk)  # a duplicate task: does nothing
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.PROCESSING
    assert receipt.attempts == 1


def test_an_unreadable_stored_file_fails_cleanly(receipt):
    default_storage.delete(receipt.file.name)
    default_storage.save(receipt.file.name, ContentFile(b"not an image"))
    services.receipt_read(receipt_id=receipt.pk)
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.FAILED
    assert receipt.failure_reason == "unreadable"
