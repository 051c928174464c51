"""One receipt: its details, clean file and preview, for its owner or for HR once it is claimed.

Here rather than in receipts/ because who may open a receipt, and the trail of who did, depend on
the claim it is in.
"""

from django.http import FileResponse
from ninja import Router, Status

from accounts.auth import AuthedRequest
from claims import selectors
from claims.models import Claim
from claims.services import claim_opened, receipt_viewed
from core.schemas import Id
from receipts import schemas
from receipts import selectors as receipt_selectors
from receipts import services as receipt_services
from receipts.models import Receipt

router = Router(tags=["receipts"])


@router.get("/receipts/{receipt_id}", response=schemas.ReceiptOut)
def receipt_detail(request: AuthedRequest, receipt_id: Id):
    return _viewed(request, selectors.receipt_visible_to(request.auth, receipt_id))


def _viewed(request: AuthedRequest, receipt: Receipt) -> Receipt:
    receipt_viewed(receipt=receipt, viewer=request.auth)  # the owner sees who looked
    claim = Claim.objects.filter(lines__receipt=receipt).first()
    if claim is not None:
        claim_opened(claim=claim, viewer=request.auth)
    return receipt


def _download(receipt: Receipt, field: str) -> FileResponse:
    stored = getattr(receipt, field)
    is_preview = field == "preview"
    extension = ".jpg" if is_preview else "." + stored.name.rsplit(".", 1)[-1]
    response = FileResponse(
        stored.open("rb"),
        content_type="image/jpeg" if is_preview else receipt.content_type,
        filename=f"receipt-{receipt.pk}{extension}",
        as_attachment=False,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@router.get("/receipts/{receipt_id}/file", response={200: bytes})
def receipt_file(request: AuthedRequest, receipt_id: Id):
    """The stored clean copy (re-encoded image, or the PDF without metadata)."""
    return _download(
        _viewed(request, selectors.receipt_visible_to(request.auth, receipt_id)), "file"
    )


@router.get("/receipts/{receipt_id}/preview", response={200: bytes})
def receipt_preview(request: AuthedRequest, receipt_id: Id):
    """A JPEG to show: the image itself, or a PDF's first page."""
    receipt = _viewed(request, selectors.receipt_visible_to(request.auth, receipt_id))
    return _download(receipt, "preview" if receipt.preview else "file")


@router.delete("/receipts/{receipt_id}", response={204: None})
def receipt_delete(request: AuthedRequest, receipt_id: Id):
    receipt_services.receipt_delete(
        receipt=receipt_selectors.receipt_mine(request.auth, receipt_id)
    )
    return Status(204, None)
