"""PDF checks, text layer, bounded rendering and metadata stripping with PDFium (pypdfium2)."""

import ctypes
import io
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from receipts.ocr.errors import FileRejected

DEFAULT_MAX_PAGES = 10
OCR_DPI = 200
DEFAULT_MAX_IMAGE_PIXELS = 50_000_000  # an embedded picture PDFium would decode in full

# PDFium is not thread-safe and a threaded web server may call us from several threads at once.
_PDFIUM_LOCK = threading.RLock()
_PASSWORD_ERRORS = (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)


@contextmanager
def _opened(data: bytes) -> Iterator[pdfium.PdfDocument]:
    """Open under the lock; every PDFium failure becomes a FileRejected; always close."""
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            code = "pdf_encrypted" if exc.err_code in _PASSWORD_ERRORS else "corrupt_file"
            raise FileRejected(code) from exc
        try:
            yield document
        except pdfium.PdfiumError as exc:
            raise FileRejected("corrupt_file") from exc
        finally:
            document.close()  # also closes its pages and text pages


def open_checked(data: bytes, *, max_pages: int = DEFAULT_MAX_PAGES) -> int:
    """Page count of a readable, unencrypted PDF with at most max_pages pages."""
    with _opened(data) as document:
        pages = len(document)  # read from the page tree: instant even for 5,000 pages
    if pages > max_pages:
        raise FileRejected("pdf_too_many_pages", max_pages=max_pages)
    return pages


def text_layer(data: bytes, *, max_pages: int = DEFAULT_MAX_PAGES) -> str:
    """The PDF's own text, page by page (at most max_pages), joined by form feeds."""
    with _opened(data) as document:
        texts = []
        for index in range(min(len(document), max_pages)):
            text = document[index].get_textpage().get_text_range()
            texts.append(text.replace("\r\n", "\n"))
    return "\f".join(texts)


def render_page(
    data: bytes,
    index: int = 0,
    *,
    max_pixels: int,
    dpi: int = OCR_DPI,
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
) -> Image.Image:
    """Render one page as RGB at `dpi`, scaled down so the bitmap never exceeds max_pixels."""
    with _opened(data) as document:
        if not 0 <= index < len(document):
            raise IndexError(f"page {index} of {len(document)}")
        page = document[index]
        width, height = page.get_size()
        if not (width > 0 and height > 0):
            raise FileRejected("corrupt_file")
        _refuse_huge_images(page, max_image_pixels)
        scale = _scale_for(width, height, dpi=dpi, max_pixels=max_pixels)
        bitmap = page.render(scale=scale)
        try:
            return bitmap.to_pil().convert("RGB")  # a copy that owns its pixels
        finally:
            bitmap.close()  # now, under the lock, not later from whichever thread collects it


def _scale_for(width: float, height: float, *, dpi: int, max_pixels: int) -> float:
    """dpi/72, or less so that the rounded-up bitmap fits the pixel budget (14400 pt pages)."""
    scale = min(dpi / 72, math.sqrt(max_pixels / (width * height)))
    while math.ceil(width * scale) * math.ceil(height * scale) > max_pixels:
        scale *= 0.99  # PDFium rounds each side up: shave until the real bitmap fits
    return scale


def _refuse_huge_images(page: pdfium.PdfPage, max_image_pixels: int) -> None:
    """PDFium decodes an embedded picture in full whatever the scale: check its declared size."""
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        try:
            image_width, image_height = image.get_px_size()
        except pdfium.PdfiumError:
            continue  # no readable size: PDFium will not decode it either
        if image_width * image_height > max_image_pixels:
            raise FileRejected("image_too_large", max_pixels=max_image_pixels)


STORE_DPI = 300  # what the reader renders a stored PDF at: the stored pictures need no more
STORE_PIXELS = 8_000_000  # per page, as the reader's budget (about A4 at 300 dpi)
STORE_JPEG_QUALITY = 88
_TEXT_FONT = b"Helvetica"  # one of PDFium's standard 14 fonts: nothing embedded, WinAnsi text


def rebuild(
    data: bytes,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_pixels: int = STORE_PIXELS,
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
) -> bytes:
    """A brand-new PDF holding, per page, only its rendered picture and its text as invisible text.

    Nothing of the original's objects is copied: no JavaScript, OpenAction or page /AA actions,
    Launch or URI links, embedded files, forms (AcroForm) or annotations can survive, whatever
    they hide in. Forms and annotations are not even drawn (their appearance can be scripted).
    The text layer is written back line by line (in Helvetica, so outside Windows-1252 letters
    become "?"), so `text_layer` of the copy reads what it read of the original.
    """
    with _opened(data) as source:
        count = len(source)
        if count > max_pages:
            raise FileRejected("pdf_too_many_pages", max_pages=max_pages)
        clean = pdfium.PdfDocument.new()
        try:
            for index in range(count):
                page = source[index]
                width, height = page.get_size()
                if not (width > 0 and height > 0):
                    raise FileRejected("corrupt_file")
                _refuse_huge_images(page, max_image_pixels)
                scale = _scale_for(width, height, dpi=STORE_DPI, max_pixels=max_pixels)
                bitmap = page.render(scale=scale, may_draw_forms=False)
                try:
                    picture = bitmap.to_pil().convert("RGB")
                finally:
                    bitmap.close()
                text = page.get_textpage().get_text_range().replace("\r\n", "\n")
                _new_page(clean, picture, text, width, height)
                picture.close()
            buffer = io.BytesIO()
            clean.save(buffer)
        finally:
            clean.close()
    return buffer.getvalue()


def _new_page(
    document: pdfium.PdfDocument, picture: Image.Image, text: str, width: float, height: float
) -> None:
    page = document.new_page(width, height)
    try:
        jpeg = io.BytesIO()
        picture.save(jpeg, "JPEG", quality=STORE_JPEG_QUALITY)
        jpeg.seek(0)
        image = pdfium.PdfImage.new(document)
        image.load_jpeg(jpeg, inline=True)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        lines = text.split("\n") if text.strip() else []
        step = height / (len(lines) + 1) if lines else height
        size = max(0.5, min(10.0, step * 0.8))
        for number, line in enumerate(lines, start=1):
            if line.strip():
                _insert_invisible_text(document, page, line, size, x=2, y=height - number * step)
        page.gen_content()
    finally:
        page.close()


def _insert_invisible_text(
    document: pdfium.PdfDocument, page: pdfium.PdfPage, line: str, size: float, x: float, y: float
) -> None:
    shown = line.encode("cp1252", "replace").decode("cp1252")  # what Helvetica can show
    obj = pdfium_c.FPDFPageObj_NewTextObj(document.raw, _TEXT_FONT, ctypes.c_float(size))
    if not obj:
        raise FileRejected("corrupt_file")
    wide = ctypes.create_string_buffer((shown + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(ctypes.c_ushort)))
    pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)  # the page owns it from here


def strip_metadata(data: bytes) -> bytes:
    """A new PDF with the same pages but no Info dictionary, XMP, outlines, forms or scripts."""
    with _opened(data) as source:
        clean = pdfium.PdfDocument.new()
        try:
            clean.import_pages(source)  # pages and their resources only, not the catalog
            buffer = io.BytesIO()
            clean.save(buffer)
        finally:
            clean.close()
    return buffer.getvalue()
