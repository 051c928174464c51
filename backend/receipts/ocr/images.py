"""Open an untrusted picture safely, make a clean upright copy with no metadata, and hash it."""

import io
import warnings

import pillow_heif
from PIL import Image, ImageOps

from receipts.ocr.errors import FileRejected

pillow_heif.register_heif_opener()  # phones send HEIC; Pillow cannot read it on its own

# The only decoders Pillow may try: Pillow 13 knows 42 formats, some of them dangerous (EPS).
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
MAX_SIDE = 4096  # OCR reads the stored copy: only very large photos are scaled down
JPEG_QUALITY = 90


def open_image(data: bytes, *, max_pixels: int) -> Image.Image:
    """Decode a picture fully, refusing huge ones before decoding and broken ones while decoding.

    Call it only for bytes whose signature is an accepted type: failures here mean corrupt_file.
    """
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
        try:
            img.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise FileRejected("image_too_large", max_pixels=max_pixels) from exc
        except Exception as exc:  # any decoder failure on untrusted bytes means a broken file
            raise FileRejected("corrupt_file") from exc
    return img


def clean_copy(img: Image.Image) -> Image.Image:
    """Upright RGB (or L) pixels in a brand-new image, so no EXIF/XMP/ICC/comment can survive.

    Works in place on `img` where it can (a 48 MP photo is 150 MB): do not reuse `img` after.
    """
    try:
        ImageOps.exif_transpose(img, in_place=True)  # in place: no 150 MB copy of a 48 MP photo
    except Exception:  # noqa: S110 -- a broken orientation tag should not cost the worker the receipt
        pass
    flat = _flatten(img)
    if max(flat.size) > MAX_SIDE:
        # Area averaging: 3x faster than Lanczos on a 48 MP photo, as good for text at this ratio.
        flat.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BOX)
    clean = Image.new(flat.mode, flat.size)
    clean.paste(flat)
    return clean


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
