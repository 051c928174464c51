import time
from datetime import timedelta

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from receipts import metrics, services
from receipts.models import Receipt, ReceiptStatus

READ_RECEIPT = "receipts.tasks.read_receipt"


@task()
def read_receipt(receipt_id: int) -> None:
    # Only the id travels through the queue: never receipt text or amounts.
    started = time.perf_counter()
    outcome = services.receipt_read(receipt_id=receipt_id)
    if outcome is not None:  # None: another worker holds it, nothing was read here
        metrics.RECEIPT_READ_SECONDS.labels(outcome=str(outcome)).observe(
            time.perf_counter() - started
        )


def _fail(ids: list, why: str) -> int:
    # django-tasks-db leaves a killed worker's task RUNNING forever; say what happened instead.
    return DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="homeclaim.WorkerDied",
        traceback=why,
    )


def tasks_release_worker(*, worker_id: str, why: str) -> tuple[int, int]:
    """A worker process died: mark the task it was running failed, and queue its receipt again
    at once (not after the lease). Returns (tasks marked failed, receipts queued again)."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids")
    ids = [row.pk for row in running if row.worker_ids and row.worker_ids[-1] == worker_id]
    return _fail(ids, why), services.receipts_release(holder=worker_id)


def tasks_fail_abandoned() -> int:
    """The safety net for workers nobody supervises: a reading task RUNNING for longer than a
    lease whose receipt no live lease holds has lost its worker. Mark it failed (the receipt
    itself is queued again by receipts_requeue_expired)."""
    now = timezone.now()
    old = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        task_path=READ_RECEIPT,
        started_at__lt=now - timedelta(seconds=settings.RECEIPT_LEASE_SECONDS),
    ).only("id", "args_kwargs")[:500]
    receipt_of = {row.pk: (row.args_kwargs.get("args") or [None])[0] for row in old}
    held = set(
        Receipt.objects.filter(
            pk__in=[r for r in receipt_of.values() if isinstance(r, int)],
            status=ReceiptStatus.PROCESSING,
            lease_until__gte=now,
        ).values_list("pk", flat=True)
    )
    abandoned = [pk for pk, receipt_id in receipt_of.items() if receipt_id not in held]
    return _fail(abandoned, "abandoned: its worker stopped without finishing it")
