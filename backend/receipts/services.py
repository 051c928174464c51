"""The only code that writes receipts: upload, the reading lease, and the reading itself."""

import dataclasses
import logging
import math
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts import access
from accounts.models import User
from receipts import errors
from receipts.models import Receipt, ReceiptStatus
from receipts.ocr import pipeline
from receipts.ocr.errors import FileRejected
from receipts.ocr.upload import CleanFile, DecodeSlots, detected_type, inspect_upload
from receipts.signals import receipt_unreadable

log = logging.getLogger(__name__)


# What a file's name claims it is; content decides, but a contradiction is refused. The name is
# never stored: Django's parser already strips paths, control characters and cuts it to 255.
_NAME_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "jfif": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heif",
    "heif": "image/heif",
    "pdf": "application/pdf",
}


def _check_name_matches_content(name: str | None, clean: CleanFile, data: bytes) -> None:
    extension = (name or "").rsplit(".", 1)[-1].lower() if "." in (name or "") else ""
    claimed = _NAME_TYPES.get(extension)
    actual = "application/pdf" if clean.kind == "pdf" else detected_type(data)
    if claimed and actual and claimed != actual:
        raise errors.type_mismatch(extension=extension, actual=actual)


def decode_slots() -> DecodeSlots:
    """Decoding a picture costs memory whatever its file size (a 190 KB PNG of 49 MP, ~300 MB):
    at most RECEIPT_MAX_CONCURRENT_DECODES at once on this machine, across the web processes."""
    return DecodeSlots(
        settings.VAR_DIR / "decode-slots",
        settings.RECEIPT_MAX_CONCURRENT_DECODES,
        wait_seconds=settings.RECEIPT_DECODE_WAIT_SECONDS,
    )


def _check_upload_capacity(owner: User, organization_id: int) -> None:
    """429 past the person's UPLOADS_PER_HOUR or the organisation's ORG_QUEUE_MAX receipts
    waiting to be read, before any work is done on the file."""
    now = timezone.now()
    limit = settings.UPLOADS_PER_HOUR
    recent = Receipt.objects.filter(owner=owner, created_at__gt=now - timedelta(hours=1))
    if recent[:limit].count() >= limit:
        # The wait until the oldest upload that still counts leaves the hour.
        oldest = recent.order_by("-created_at").values_list("created_at", flat=True)[limit - 1]
        wait = oldest + timedelta(hours=1) - now
        raise errors.upload_rate_limited(
            limit=limit, retry_after=max(1, math.ceil(wait.total_seconds()))
        )
    waiting = Receipt.objects.filter(organization_id=organization_id, status=ReceiptStatus.QUEUED)
    if waiting[: settings.ORG_QUEUE_MAX].count() >= settings.ORG_QUEUE_MAX:
        raise errors.upload_queue_full(retry_after=settings.ORG_QUEUE_RETRY_SECONDS)


def receipt_upload(*, owner: User, file: UploadedFile) -> Receipt:
    """Validate by content, keep only a clean re-encoded copy, and queue the reading."""
    organization_id = access.organization_of(owner)
    _check_upload_capacity(owner, organization_id)
    max_bytes = settings.RECEIPT_MAX_BYTES
    if file.size is not None and file.size > max_bytes:
        raise errors.rejected(FileRejected("file_too_large", max_bytes=max_bytes))
    data = file.read(max_bytes + 1)
    try:
        clean = inspect_upload(
            data,
            max_bytes=max_bytes,
            max_pixels=settings.RECEIPT_MAX_PIXELS,
            max_pages=settings.RECEIPT_MAX_PDF_PAGES,
            slots=decode_slots(),
        )
        _check_name_matches_content(file.name, clean, data)
    except FileRejected as exc:
        raise errors.rejected(exc) from None
    finally:
        del data  # the original bytes go no further than this function

    existing = Receipt.objects.filter(owner=owner, sha256=clean.sha256).values_list("pk", flat=True)
    if existing:
        raise errors.duplicate(existing[0])

    folder = f"receipts/{organization_id}/{uuid.uuid4().hex}"
    stored: list[str] = []
    try:
        stored.append(default_storage.save(folder + clean.extension, ContentFile(clean.content)))
        if clean.kind == "pdf":
            stored.append(default_storage.save(folder + "-preview.jpg", ContentFile(clean.preview)))
        with transaction.atomic():
            receipt = Receipt.objects.create(
                owner=owner,
                organization_id=organization_id,
                kind=clean.kind,
                file=stored[0],
                preview=stored[1] if len(stored) > 1 else "",
                content_type=clean.content_type,
                size=len(clean.content),
                sha256=clean.sha256,
                phash=clean.phash,
                width=clean.width,
                height=clean.height,
                pages=clean.pages,
            )
            transaction.on_commit(lambda: _enqueue(receipt.pk))
    except IntegrityError:
        for name in stored:
            default_storage.delete(name)
        # The same file raced in from another request a moment ago.
        raise errors.duplicate(
            Receipt.objects.filter(owner=owner, sha256=clean.sha256).values_list("pk", flat=True)[0]
        ) from None
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return receipt


def _enqueue(receipt_id: int) -> None:
    from receipts.tasks import read_receipt

    read_receipt.enqueue(receipt_id)


def receipt_delete(*, receipt: Receipt) -> None:
    if _in_use(receipt):
        raise errors.in_use()
    names = [name for name in (receipt.file.name, receipt.preview.name) if name]

    def delete_files() -> None:
        for name in names:
            default_storage.delete(name)

    with transaction.atomic():
        receipt.delete()
        transaction.on_commit(delete_files)


def _in_use(receipt: Receipt) -> bool:
    return hasattr(receipt, "expense")  # the reverse side of Expense.receipt (claims app)


# --- reading, with a lease so a killed worker's job is picked up again --------------------------

# The worker process's id (8 hex digits, set by `homeclaim worker`): it starts every lease token
# the process takes, so its supervisor can free at once what a dead worker held.
_holder = ""


def reading_holder_set(holder: str) -> None:
    global _holder
    if holder and (len(holder) != 8 or any(c not in "0123456789abcdef" for c in holder)):
        raise ValueError("a worker id is 8 lowercase hex digits")
    _holder = holder


def reading_lease_take(*, receipt_id: int) -> str | None:
    """Take the reading lease on a receipt; returns the lease token, or None if it is not ours.

    One UPDATE … WHERE (free) decides: of any number of workers, exactly one sees a row changed.
    """
    now = timezone.now()
    token = _holder + secrets.token_hex((32 - len(_holder)) // 2)
    free = Q(status=ReceiptStatus.QUEUED) | Q(status=ReceiptStatus.PROCESSING, lease_until__lt=now)
    taken = Receipt.objects.filter(free, pk=receipt_id).update(
        status=ReceiptStatus.PROCESSING,
        lease_token=token,
        lease_until=now + timedelta(seconds=settings.RECEIPT_LEASE_SECONDS),
        attempts=F("attempts") + 1,
    )
    return token if taken else None


@contextmanager
def _lease_heartbeat(receipt_id: int, token: str) -> Iterator[None]:
    """Extend the lease every third of its length while this worker reads, so the lease can be
    short (a dead worker's receipt is free soon) and a slow reading still keeps it. A reading
    that hangs past RECEIPT_READ_MAX_SECONDS stops being extended and is taken over.

    Not inside a transaction (a test's, or a task run inline): the lease is not committed, so
    another connection can neither see it nor extend it, and on PostgreSQL its UPDATE would wait
    for that transaction's row lock while the transaction waits for the reading."""
    if connection.in_atomic_block:
        yield
        return
    lease = settings.RECEIPT_LEASE_SECONDS
    deadline = time.monotonic() + settings.RECEIPT_READ_MAX_SECONDS
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(lease / 3) and time.monotonic() < deadline:
                Receipt.objects.filter(
                    pk=receipt_id, lease_token=token, status=ReceiptStatus.PROCESSING
                ).update(lease_until=timezone.now() + timedelta(seconds=lease))
        except Exception:
            log.exception("lease heartbeat for receipt %s failed", receipt_id)
        finally:
            connections.close_all()  # this thread's own connections only

    thread = threading.Thread(target=beat, name=f"lease-{receipt_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)  # a beat stuck on a lock must not hold the reading up


def receipt_read(*, receipt_id: int) -> str | None:
    """Read one receipt (run by the task worker). Safe to call twice: only the lease holder reads.

    Returns the outcome (the status it left), or None when another worker holds the receipt.
    """
    token = reading_lease_take(receipt_id=receipt_id)
    if token is None:
        return None
    receipt = Receipt.objects.select_related("organization").get(pk=receipt_id)
    mine = Receipt.objects.filter(pk=receipt_id, lease_token=token)
    if receipt.attempts > settings.RECEIPT_MAX_ATTEMPTS:
        if mine.update(
            status=ReceiptStatus.FAILED, failure_reason="too_many_attempts", lease_until=None
        ):
            receipt_unreadable.send(
                sender=Receipt, receipt_id=receipt_id, owner_id=receipt.owner_id
            )
        return ReceiptStatus.FAILED
    try:
        with _lease_heartbeat(receipt_id, token):
            with receipt.file.open("rb") as f:
                data = f.read()
            reading = pipeline.read(data, default_currency=receipt.organization.currency)
    except Exception:
        # No receipt content in the log: the id and the exception type are enough to debug.
        log.exception("reading receipt %s failed", receipt_id)
        if mine.update(status=ReceiptStatus.FAILED, failure_reason="unreadable", lease_until=None):
            receipt_unreadable.send(
                sender=Receipt, receipt_id=receipt_id, owner_id=receipt.owner_id
            )
        return ReceiptStatus.FAILED
    status = ReceiptStatus.DONE if reading.confident else ReceiptStatus.NEEDS_REVIEW
    written = mine.update(
        status=status,
        total=reading.total,
        currency=reading.currency or receipt.organization.currency,
        date=reading.date,
        vendor=(reading.vendor or "")[:200],
        nit=reading.nit or "",
        tax=reading.tax,
        cufe=reading.cufe or "",
        confidence=reading.confidence,
        service_month=reading.service_month,
        field_confidences=dataclasses.asdict(reading.confidences),
        source=reading.source,
        raw_text=reading.raw_text,
        candidates=[
            {
                "amount": str(c.amount),
                "label": c.label,
                "line": c.line,
                "score": round(c.score, 3),
                "chosen": c.chosen,
            }
            for c in reading.candidates
        ],
        failure_reason="",
        lease_until=None,
        read_at=timezone.now(),
    )
    return status if written else None  # None: the lease was lost (a hung read taken over)


def receipts_requeue_expired() -> int:
    """Queue again the receipts whose worker died mid-reading (their lease expired).

    Each goes back to `queued` with its lease token cleared, by one UPDATE … WHERE per receipt:
    of several sweeping workers exactly one re-enqueues it, once (however long the queue), and
    a late write from the worker that lost it matches no row."""
    expired = Receipt.objects.filter(
        status=ReceiptStatus.PROCESSING, lease_until__lt=timezone.now()
    )
    worn_out = expired.filter(attempts__gte=settings.RECEIPT_MAX_ATTEMPTS)
    for receipt_id, owner_id in list(worn_out.values_list("pk", "owner_id")[:500]):
        # One UPDATE … WHERE each: of several sweeping workers, one tells the owner.
        if worn_out.filter(pk=receipt_id).update(
            status=ReceiptStatus.FAILED, failure_reason="too_many_attempts", lease_until=None
        ):
            receipt_unreadable.send(sender=Receipt, receipt_id=receipt_id, owner_id=owner_id)
    requeued = 0
    for receipt_id in list(expired.values_list("pk", flat=True)[:500]):
        if expired.filter(pk=receipt_id).update(
            status=ReceiptStatus.QUEUED, lease_token="", lease_until=None
        ):
            _enqueue(receipt_id)
            requeued += 1
    return requeued


def receipts_release(*, holder: str) -> int:
    """A worker process died (its supervisor saw it exit): end its leases now instead of waiting
    for them to expire, and queue those receipts again. Returns how many were queued."""
    if not holder:
        return 0
    Receipt.objects.filter(status=ReceiptStatus.PROCESSING, lease_token__startswith=holder).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )
    return receipts_requeue_expired()
