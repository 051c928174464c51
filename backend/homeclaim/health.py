"""Readiness for a load balancer or an orchestrator: the database, the storage and the queue.

`/api/health` (accounts) stays the cheap liveness check. `/api/health/ready` does real work: a
query, a tiny write + read + delete through the configured storage, and the age of the oldest
receipt waiting to be read (older than READY_MAX_QUEUE_AGE seconds means the workers are not
keeping up, or none runs). Not part of the OpenAPI schema: it is for machines, not the web UI.
"""

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Min, Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from core.errors import ApiError
from receipts.models import Receipt, ReceiptStatus

router = Router(tags=["health"])

PROBE = b"homeclaim readiness probe\n"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _storage() -> None:
    name = default_storage.save(f"health/ready-{uuid.uuid4().hex}.txt", ContentFile(PROBE))
    try:
        with default_storage.open(name, "rb") as f:
            if f.read() != PROBE:
                raise OSError("the storage gave back other bytes")
    finally:
        default_storage.delete(name)


def _queue_age() -> float:
    now = timezone.now()
    waiting = Q(status=ReceiptStatus.QUEUED) | Q(
        status=ReceiptStatus.PROCESSING, lease_until__lt=now
    )
    oldest = Receipt.objects.filter(waiting).aggregate(at=Min("created_at"))["at"]
    return (now - oldest).total_seconds() if oldest else 0.0


@router.get("/health/ready", auth=None, include_in_schema=False)
def ready(request: HttpRequest):
    checks: dict[str, str] = {}
    age = None
    for name, check in (("database", _database), ("storage", _storage)):
        try:
            check()
            checks[name] = "ok"
        except Exception:
            checks[name] = "failed"
    try:
        age = round(_queue_age(), 1)
        checks["queue"] = "ok" if age <= settings.READY_MAX_QUEUE_AGE else "behind"
    except Exception:
        checks["queue"] = "failed"
    failed = [name for name, state in checks.items() if state != "ok"]
    if failed:
        raise ApiError(
            503,
            "not_ready",
            "Not ready: {failed}.",
            "No está listo: {failed}.",
            failed=", ".join(failed),
            checks=checks,
            queue_age_seconds=age,
            max_queue_age_seconds=settings.READY_MAX_QUEUE_AGE,
        )
    return {"status": "ok", "checks": checks, "queue_age_seconds": age}
