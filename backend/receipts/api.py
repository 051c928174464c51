"""Uploading and listing one's receipts. Opening one (detail, file, preview) and deleting it live in
claims/receipt_api.py: HR may open a receipt through the claim it is in, and each look is a claim event.
"""

from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accounts.auth import AuthedRequest
from core.schemas import Pages
from receipts import schemas, selectors, services

router = Router(tags=["receipts"])


@router.post("/receipts", response={201: schemas.ReceiptOut})
def receipt_upload(request: AuthedRequest, file: File[UploadedFile]):
    """Upload a photo (JPEG, PNG, WebP, HEIC) or a PDF; it is read in the background."""
    return Status(201, services.receipt_upload(owner=request.auth, file=file))


@router.get("/receipts", response=list[schemas.ReceiptListOut])
@paginate(Pages, page_size=20)
def receipts_list(request: AuthedRequest, filters: Query[schemas.ReceiptFilters]):
    """One's receipts, newest first; `q` searches the vendor, `claimed` is a claim_state."""
    return selectors.receipts_found(request.auth, **filters.dict())
