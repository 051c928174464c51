"""Decide what an uploaded file is by its content, refuse what we do not take, keep a clean copy."""

import hashlib
from dataclasses import dataclass

from PIL import Image

from receipts.ocr import images, pdf
from receipts.ocr.errors import FileRejected

PREVIEW_PIXELS = 4_000_000  # a PDF's first page for display: about A4 at 200 dpi


@dataclass(frozen=True)
class CleanFile:
    kind: str  # "image" | "pdf"
    sha256: str  # of the ORIGINAL bytes (hex), for exact duplicates
    content: bytes  # what we store: a re-encoded image, or the PDF rebuilt from page pictures+text
    content_type: str  # "image/jpeg" / "image/png" / "application/pdf"
    extension: str  # ".jpg" / ".png" / ".pdf"
    preview: bytes  # a JPEG for display
    phash: str  # 16 hex chars, dHash of the picture / first page
    width: int  # of the stored picture / rendered first page
    height: int
    pages: int  # 1 for images


def inspect_upload(data: bytes, *, max_bytes: int, max_pixels: int, max_pages: int) -> CleanFile:
    """Validate by content and normalise; raises FileRejected for anything we refuse."""
    if not data:
        raise FileRejected("empty_file")
    if len(data) > max_bytes:  # before any parsing: a size check costs nothing
        raise FileRejected("file_too_large", max_bytes=max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        return _clean_pdf(data, sha256=sha256, max_pixels=max_pixels, max_pages=max_pages)
    detected = detected_type(data)
    if detected not in ACCEPTED_IMAGE_TYPES:
        raise FileRejected("unsupported_type", **({"detected": detected} if detected else {}))
    return _clean_image(data, sha256=sha256, max_pixels=max_pixels)


def _clean_image(data: bytes, *, sha256: str, max_pixels: int) -> CleanFile:
    source = images.open_image(data, max_pixels=max_pixels)
    as_png = source.format == "PNG"  # screenshots stay lossless; photos become JPEG
    picture = images.clean_copy(source)
    source.close()
    preview = images.encode_jpeg(picture)
    return CleanFile(
        kind="image",
        sha256=sha256,
        content=images.encode_png(picture) if as_png else preview,
        content_type="image/png" if as_png else "image/jpeg",
        extension=".png" if as_png else ".jpg",
        preview=preview,
        phash=images.dhash(picture),
        width=picture.width,
        height=picture.height,
        pages=1,
    )


def _clean_pdf(data: bytes, *, sha256: str, max_pixels: int, max_pages: int) -> CleanFile:
    pages = pdf.open_checked(data, max_pages=max_pages)
    # Only pictures of the pages and their text: no script, action, attachment, form or note.
    content = pdf.rebuild(data, max_pages=max_pages, max_image_pixels=max_pixels)
    first_page: Image.Image = pdf.render_page(
        content, 0, max_pixels=PREVIEW_PIXELS, max_image_pixels=max_pixels
    )
    return CleanFile(
        kind="pdf",
        sha256=sha256,
        content=content,
        content_type="application/pdf",
        extension=".pdf",
        preview=images.encode_jpeg(first_page),
        phash=images.dhash(first_page),
        width=first_page.width,
        height=first_page.height,
        pages=pages,
    )


ACCEPTED_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/heif"})

# Leading bytes of what people upload by mistake, to tell them what we saw (never trusted to accept).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"8BPS", "image/vnd.adobe.photoshop"),
    (b"%!PS", "application/postscript"),
    (b"\xc5\xd0\xd3\xc6", "application/postscript"),  # DOS EPS binary header
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0", "application/x-ole-storage"),  # old .doc / .xls
)
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_ISO_BRANDS = {b"avif": "image/avif", b"avis": "image/avif", b"qt  ": "video/quicktime"}


def detected_type(data: bytes) -> str | None:
    """Best guess of a file's type from its first bytes; None when we cannot tell."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp":  # ISO media: the brand says HEIC photo, AVIF picture or a video
        brand = data[8:12]
        return "image/heif" if brand in _HEIF_BRANDS else _ISO_BRANDS.get(brand, "video/mp4")
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head:
        return "image/svg+xml"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "text/html"
    if head.startswith((b"<?xml", b"<")):
        return "application/xml"
    if head and _looks_like_text(head):
        return "text/plain"
    return None


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut in two at the 512-byte mark
            return False
        text = head[: exc.start].decode("utf-8")
    return all(char.isprintable() or char in "\t\r\n\f" for char in text)
