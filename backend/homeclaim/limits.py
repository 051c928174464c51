"""Refuse an oversized request body from its Content-Length, before a byte of it is read.

Django streams a multipart upload to a temporary file while parsing it, so a size check in the
view comes after the disk write: a 300 MB body wrote ~248 MB before its 413. Here each route has
a limit (a receipt, a setup import, or REQUEST_MAX_BYTES for everything else) and a body declared
larger is refused at once; a body without a declared length (chunked) is refused with 411.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from core.errors import ApiError
from core.language import current_language
from orgsetup.errors import file_refused
from orgsetup.importing import too_large as setup_too_large
from receipts.errors import rejected
from receipts.ocr.errors import FileRejected

# Room for the multipart boundaries and part headers around the file itself.
MULTIPART_MARGIN = 64 * 1024

_SETUP_IMPORTS = ("/api/admin/people/import", "/api/admin/rates/import")


def file_limit(request: HttpRequest) -> int | None:
    """The largest file this route takes (its body may add MULTIPART_MARGIN), or None."""
    path = request.path_info.rstrip("/")
    if request.method == "POST" and path == "/api/receipts":
        return settings.RECEIPT_MAX_BYTES
    if request.method == "POST" and path in _SETUP_IMPORTS:
        return settings.SETUP_IMPORT_MAX_BYTES
    return None


def _too_large(request: HttpRequest, length: int) -> ApiError | None:
    # An upload's refusal is the one the upload itself gives, so the UI words it the same way.
    max_file = file_limit(request)
    if max_file is not None:
        if length <= max_file + MULTIPART_MARGIN:
            return None
        if request.path_info.rstrip("/") in _SETUP_IMPORTS:
            return file_refused(setup_too_large(length, max_file).problem, current_language())
        return rejected(FileRejected("file_too_large", max_bytes=max_file))
    limit = settings.REQUEST_MAX_BYTES
    if length <= limit:
        return None
    return ApiError(
        413,
        "request_too_large",
        "The request is too large (at most {max_bytes} bytes here).",
        "La solicitud es demasiado grande (máximo {max_bytes} bytes aquí).",
        max_bytes=limit,
    )


def _refusal(request: HttpRequest) -> ApiError | None:
    declared = request.META.get("CONTENT_LENGTH") or ""
    if not declared.strip():
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked:
            return ApiError(
                411,
                "length_required",
                "Send the request with a Content-Length.",
                "Envíe la solicitud con Content-Length.",
            )
        return None
    try:
        length = int(declared)
    except ValueError:
        length = -1
    if length < 0:
        return ApiError(
            400,
            "malformed_request",
            "The request's Content-Length is not valid.",
            "El Content-Length de la solicitud no es válido.",
        )
    return _too_large(request, length)


def _has_nul(request: HttpRequest) -> bool:
    """A NUL character in the path, the query or a JSON body: PostgreSQL text cannot hold one
    (psycopg raises ValueError at the query), so it is refused here as malformed."""
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in request.path or "%00" in query or "\x00" in query:
        return True
    if request.content_type != "application/json":
        return False  # multipart files are binary; their text fields are validated by schemas
    body = request.body.lower()
    return b"\x00" in body or b"\\u0000" in body


def _malformed() -> ApiError:
    return ApiError(
        400,
        "malformed_request",
        "The request contains a NUL character, which no field accepts.",
        "La solicitud contiene un carácter NUL, que ningún campo acepta.",
    )


class RequestSizeMiddleware:
    """Before anything reads the body: 413, 411 or 400 in the API's error shape; then a body
    within its limit is refused (400) if it smuggles a NUL character."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        error = _refusal(request)
        if error is None and _has_nul(request):
            error = _malformed()
        if error is None:
            return self.get_response(request)
        return JsonResponse(error.body(), status=error.status)
