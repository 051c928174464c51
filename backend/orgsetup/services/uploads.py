"""Reading an uploaded CSV/XLSX into a sheet, refusing files too big or unreadable (413/422)."""

from django.conf import settings

from core.language import current_language
from orgsetup import errors
from orgsetup.importing import FileRefused, Sheet, read_sheet, too_large

REPORT_MAX_PROBLEMS = 500  # a report past this is read as "fix the file", not line by line


def read_upload(upload) -> bytes:
    """The uploaded bytes, refusing an oversized file before reading it into memory."""
    limit = settings.SETUP_IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise errors.file_refused(too_large(upload.size, limit).problem, current_language())
    return upload.read(limit + 1)


def read_file(data: bytes, *, aliases: dict[str, set[str]]) -> Sheet:
    try:
        return read_sheet(
            data,
            aliases=aliases,
            max_bytes=settings.SETUP_IMPORT_MAX_BYTES,
            max_rows=settings.SETUP_IMPORT_MAX_ROWS,
        )
    except FileRefused as refused:
        raise errors.file_refused(refused.problem, current_language()) from None
