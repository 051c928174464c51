"""The lease heartbeat, freeing a dead worker's receipt at once, and recycling a worker."""

import signal
import threading
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from receipts import services, tasks
from receipts.models import Receipt, ReceiptStatus
from receipts.ocr import pipeline
from tests.ops import processes as p

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def holder():
    services.reading_holder_set("0000abcd")
    yield "0000abcd"
    services.reading_holder_set("")


def test_the_lease_is_kept_alive_while_a_slow_reading_runs(people, settings, monkeypatch):
    settings.RECEIPT_LEASE_SECONDS = 1  # extended every third of a second
    (receipt,) = p.queue_receipts(people["owner"], 1)
    real_read = pipeline.read
    seen: dict[str, object] = {}

    def slow_read(data, **kwargs):
        time.sleep(2.5)  # 2.5 leases: without the heartbeat another worker could take it now
        seen["stolen"] = services.reading_lease_take(receipt_id=receipt.pk)
        return real_read(data, **kwargs)

    monkeypatch.setattr(pipeline, "read", slow_read)
    assert services.receipt_read(receipt_id=receipt.pk) in (
        ReceiptStatus.DONE,
        ReceiptStatus.NEEDS_REVIEW,
    )
    assert seen["stolen"] is None
    receipt.refresh_from_db()
    assert receipt.attempts == 1 and receipt.lease_until is None
    assert not [t for t in threading.enumerate() if t.name.startswith("lease-")]


def test_a_dead_workers_task_fails_and_its_receipt_is_queued_again_at_once(people, holder):
    (receipt,) = p.queue_receipts(people["owner"], 1)
    task = DBTaskResult.objects.get()
    task.claim(holder)  # the worker took the task ...
    assert services.reading_lease_take(receipt_id=receipt.pk).startswith(
        holder
    )  # ... and the lease
    (other,) = p.queue_receipts(
        people["owner"], 1, first=1
    )  # someone else's live lease is left alone
    services.reading_holder_set("0000ffff")
    assert services.reading_lease_take(receipt_id=other.pk)

    failed, queued = tasks.tasks_release_worker(worker_id=holder, why="worker killed by SIGKILL")
    assert (failed, queued) == (1, 1)
    task.refresh_from_db()
    assert task.status == "FAILED" and task.exception_class_path == "homeclaim.WorkerDied"
    # The new task reads it now, not after the lease.
    services.reading_holder_set("")
    assert services.reading_lease_take(receipt_id=receipt.pk)
    assert services.reading_lease_take(receipt_id=other.pk) is None


def test_an_abandoned_running_task_is_marked_failed_by_the_sweep(people, settings):
    (receipt,) = p.queue_receipts(people["owner"], 1)
    task = DBTaskResult.objects.get()
    task.claim("gone")
    assert services.reading_lease_take(receipt_id=receipt.pk)
    assert tasks.tasks_fail_abandoned() == 0  # young, and its lease is live
    old = timezone.now() - timedelta(seconds=settings.RECEIPT_LEASE_SECONDS + 1)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=old)
    assert tasks.tasks_fail_abandoned() == 0  # the lease is still live: someone is reading
    Receipt.objects.filter(pk=receipt.pk).update(lease_until=old)
    assert tasks.tasks_fail_abandoned() == 1
    assert DBTaskResult.objects.get(pk=task.pk).status == "FAILED"


@pytest.fixture
def keep_signals():
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.mark.parametrize("limit", [["--max-tasks", "2"], ["--max-rss-mb", "1"]])
def test_a_worker_exits_after_its_task_or_memory_limit(people, keep_signals, limit):
    receipts = p.queue_receipts(people["owner"], 3)
    for receipt in receipts:  # unreadable files: a quick task each, no OCR
        default_storage.delete(receipt.file.name)
        default_storage.save(receipt.file.name, ContentFile(b"not an image"))
    call_command("worker", "--batch", "--worker-id", "0000cafe", *limit, verbosity=0)
    done = DBTaskResult.objects.filter(status="SUCCESSFUL").count()
    assert done == (2 if "--max-tasks" in limit else 1)
    assert DBTaskResult.objects.filter(status="READY").count() == 3 - done


def test_the_supervisor_gives_up_on_a_child_that_keeps_dying_at_start(tmp_path):
    """A port in use or a broken setting: said and stopped, not restarted forever."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from homeclaim.supervisor import Child, Supervisor\n"
        "dies = Child('broken', lambda: ([sys.executable, '-c', 'raise SystemExit(3)'], {}))\n"
        "sleeps = Child('fine', lambda: ([sys.executable, '-c', 'import time; time.sleep(60)'], {}))\n"
        "sys.exit(Supervisor([dies, sleeps], grace=5, max_quick_failures=3, poll=0.05).run())\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=p.REPO / "backend",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert time.monotonic() - started < 30


def test_an_expired_lease_is_queued_again_once_however_often_the_sweep_runs(people, settings):
    (receipt,) = p.queue_receipts(people["owner"], 1)
    DBTaskResult.objects.all().delete()
    dead = services.reading_lease_take(receipt_id=receipt.pk)
    Receipt.objects.filter(pk=receipt.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert [services.receipts_requeue_expired() for _ in range(3)] == [1, 0, 0]
    assert DBTaskResult.objects.count() == 1  # one task, not one per sweep
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.QUEUED and receipt.attempts == 1
    # The worker that lost it cannot write any more.
    assert not Receipt.objects.filter(pk=receipt.pk, lease_token=dead).exists()


@pytest.mark.django_db  # inside the test's transaction, as an inline task runs
def test_no_heartbeat_inside_a_transaction(people, settings, monkeypatch):
    # Its UPDATE, on another connection, would wait for the row lock this transaction holds
    # (forever, on PostgreSQL) while this transaction waits for the reading to end.
    settings.RECEIPT_LEASE_SECONDS = 1
    (receipt,) = p.queue_receipts(people["owner"], 1)
    real_read = pipeline.read
    beating: list[str] = []

    def read(data, **kwargs):
        time.sleep(0.5)  # past a third of the lease
        beating.extend(t.name for t in threading.enumerate() if t.name.startswith("lease-"))
        return real_read(data, **kwargs)

    monkeypatch.setattr(pipeline, "read", read)
    assert services.receipt_read(receipt_id=receipt.pk) is not None
    assert beating == []
