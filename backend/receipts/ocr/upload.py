"""Decide what an uploaded file is by its content, refuse what we do not take, keep a clean copy."""

import fcntl
import hashlib
import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

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


class DecodeSlots:
    """At most `count` decodes at once among all the threads and processes on this machine that
    share `folder`: one lock file per slot, held with flock (the kernel frees it if a process
    dies). Decoding a 49 MP picture costs ~300 MB however small its file, so gunicorn's processes
    × threads must not all decode at once. Waiting longer than `wait_seconds` refuses the upload
    with FileRejected("uploads_busy", retry_after=…)."""

    def __init__(self, folder: Path, count: int, *, wait_seconds: float = 20.0) -> None:
        if count < 1:
            raise ValueError("at least one decode slot")
        self.folder = Path(folder)
        self.count = count
        self.wait_seconds = wait_seconds

    @contextmanager
    def held(self) -> Iterator[int]:
        """Hold a free slot (its number) for the duration of the block."""
        self.folder.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait_seconds
        while True:
            for slot in range(self.count):
                fd = os.open(self.folder / f"decode-{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                try:
                    yield slot
                finally:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    os.close(fd)
                return
            if time.monotonic() >= deadline:
                raise FileRejected("uploads_busy", retry_after=max(1, round(self.wait_seconds)))
            # jitter, so that waiting uploads do not all try again in step
            time.sleep(0.02 + random.random() * 0.06)


def inspect_upload(
    data: bytes,
    *,
    max_bytes: int,
    max_pixels: int,
    max_pages: int,
    slots: DecodeSlots | None = None,
) -> CleanFile:
    """Validate by content and normalise; raises FileRejected for anything we refuse.

    Every check that needs no decoding (size, signature, an image's declared pixels, a PDF's
    page count) comes first; only then is a decode slot taken, if `slots` is given."""
    if not data:
        raise FileRejected("empty_file")
    if len(data) > max_bytes:  # before any parsing: a size check costs nothing
        raise FileRejected("file_too_large", max_bytes=max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    gate = slots.held() if slots is not None else nullcontext()
    if data.startswith(b"%PDF-"):
        pages = pdf.open_checked(data, max_pages=max_pages)
        with gate:
            return _clean_pdf(data, sha256=sha256, pages=pages, max_pixels=max_pixels)
    detected = detected_type(data)
    if detected not in ACCEPTED_IMAGE_TYPES:
        raise FileRejected("unsupported_type", **({"detected": detected} if detected else {}))
    source = images.open_header(data, max_pixels=max_pixels)
    with gate:
        return _clean_image(source, sha256=sha256, max_pixels=max_pixels)


def _clean_image(source: Image.Image, *, sha256: str, max_pixels: int) -> CleanFile:
    as_png = source.format == "PNG"  # screenshots stay lossless; photos become JPEG
    images.reduce_on_load(source, images.MAX_SIDE)  # a 50 MP JPEG costs 37 MB, not 150
    picture = images.clean_copy(images.load(source, max_pixels=max_pixels))
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


def _clean_pdf(data: bytes, *, sha256: str, pages: int, max_pixels: int) -> CleanFile:
    # Only pictures of the pages and their text: no script, action, attachment, form or note.
    content = pdf.rebuild(data, max_pages=pages, max_image_pixels=max_pixels)
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
