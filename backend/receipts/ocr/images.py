"""Open an untrusted picture safely, make a clean upright copy with no metadata, and hash it."""

import io
import math
import warnings

import pillow_heif
from PIL import Image

from receipts.ocr.errors import FileRejected

pillow_heif.register_heif_opener()  # phones send HEIC; Pillow cannot read it on its own

# The only decoders Pillow may try: Pillow 13 knows 42 formats, some of them dangerous (EPS).
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
MAX_SIDE = 4096  # OCR reads the stored copy: only very large photos are scaled down
JPEG_QUALITY = 90


def open_image(data: bytes, *, max_pixels: int, max_side: int | None = None) -> Image.Image:
    """Decode a picture fully, refusing huge ones before decoding and broken ones while decoding.

    With `max_side`, a JPEG bigger than that is decoded at 1/2, 1/4 or 1/8 scale (never below
    max_side): a 50 MP photo then costs 37 MB instead of 150. Call it only for bytes whose
    signature is an accepted type: failures here mean corrupt_file.
    """
    img = open_header(data, max_pixels=max_pixels)
    if max_side:
        reduce_on_load(img, max_side)
    return load(img, max_pixels=max_pixels)


def reduce_on_load(img: Image.Image, max_side: int) -> None:
    """Have a JPEG bigger than max_side decode at 1/2, 1/4 or 1/8 scale, its longer side kept at
    3/4 of max_side or more (an 8000x6000 photo decodes as 4000x3000); other formats cannot."""
    width, height = img.size
    longer = max(width, height)
    if img.format == "JPEG" and longer > max_side:
        least = max_side * 3 // 4
        img.draft(img.mode, (max(1, least * width // longer), max(1, least * height // longer)))


def open_header(data: bytes, *, max_pixels: int) -> Image.Image:
    """Read only the header (nothing decoded yet), refusing a picture above max_pixels."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise FileRejected("image_too_large", max_pixels=max_pixels) from exc
        except Exception as exc:  # the magic bytes said JPEG/PNG/WebP/HEIF but no decoder agrees
            raise FileRejected("corrupt_file") from exc
    width, height = img.size  # from the header: nothing is decoded yet
    if width * height > max_pixels:
        raise FileRejected("image_too_large", max_pixels=max_pixels)
    return img


def load(img: Image.Image, *, max_pixels: int) -> Image.Image:
    """Decode a picture opened by open_header; broken data means corrupt_file."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise FileRejected("image_too_large", max_pixels=max_pixels) from exc
        except Exception as exc:  # any decoder failure on untrusted bytes means a broken file
            raise FileRejected("corrupt_file") from exc
    return img


def clean_copy(img: Image.Image) -> Image.Image:
    """Upright RGB (or L) pixels in a brand-new image, so no EXIF/XMP/ICC/comment can survive.

    A picture bigger than MAX_SIDE is flattened and shrunk a strip at a time, and turned upright
    once small: beside the decoded picture, memory holds only a strip and the result (a 49 MP
    RGBA PNG used to cost three full-size copies, ~600 MB; now ~250 MB in all).
    """
    try:
        turn = _ORIENTATIONS.get(img.getexif().get(0x0112, 1))
    except Exception:  # a broken orientation tag should not cost the worker the receipt
        turn = None
    flat = _shrunk_flat(img, MAX_SIDE)
    if turn is not None:
        flat = flat.transpose(turn)
    if flat is not img and not flat.info:
        return flat  # already a new image of our own: no second copy of a 16 MP picture
    clean = Image.new(flat.mode, flat.size)
    clean.paste(flat)
    return clean


# EXIF orientation -> the transposition that makes the picture upright (as ImageOps.exif_transpose)
_ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
STRIP_PIXELS = 2_000_000  # source pixels flattened at once while shrinking a big picture


def _shrunk_flat(img: Image.Image, max_side: int) -> Image.Image:
    """_flatten(img) scaled (area averaging) so its longer side is at most max_side, made a band
    of rows at a time so that no full-size converted copy of a big picture is ever made."""
    width, height = img.size
    if max(width, height) <= max_side:
        return _flatten(img)
    scale = max_side / max(width, height)
    out_width, out_height = max(1, round(width * scale)), max(1, round(height * scale))
    step = height / out_height  # source rows per output row
    band = max(1, int(STRIP_PIXELS / (width * step)))  # output rows per strip
    result: Image.Image | None = None
    for row in range(0, out_height, band):
        end = min(out_height, row + band)
        y0, y1 = row * step, min(height, end * step)
        top, bottom = int(y0), min(height, math.ceil(y1))
        strip = _flatten(img.crop((0, top, width, bottom)))
        small = strip.resize(
            (out_width, end - row), Image.Resampling.BOX, box=(0, y0 - top, width, y1 - top)
        )
        strip.close()
        if result is None:
            result = Image.new(small.mode, (out_width, out_height))
        result.paste(small, (0, row))
    assert result is not None
    return result


def _flatten(img: Image.Image) -> Image.Image:
    """Drop alpha (onto white paper) and reduce every mode to L or RGB."""
    if img.mode in ("RGB", "L"):
        return img
    if img.mode.startswith("I"):  # 16-bit greyscale PNG: scale to 8 bits instead of clipping
        return img.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if img.has_transparency_data:
        rgba = img.convert("RGBA")
        paper = Image.new("RGB", img.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    if img.mode == "1":
        return img.convert("L")
    return img.convert("RGB")


def encode_jpeg(img: Image.Image, *, quality: int = JPEG_QUALITY) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=quality, optimize=True)  # no exif=, icc_profile=, comment=
    return buffer.getvalue()


def encode_png(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "PNG")  # no pnginfo=, exif=, icc_profile=
    return buffer.getvalue()


def dhash(img: Image.Image) -> str:
    """64-bit difference hash (16 hex chars): survives re-encoding and resizing, not re-shooting."""
    small = img.resize((9, 8), Image.Resampling.LANCZOS, reducing_gap=2.0).convert("L")
    pixels = small.tobytes()
    bits = 0
    for row in range(8):
        for col in range(8):
            left, right = pixels[row * 9 + col], pixels[row * 9 + col + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"


def hamming(a: str, b: str) -> int:
    """Number of differing bits between two hex hashes of the same length."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
