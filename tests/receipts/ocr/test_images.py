"""The perceptual hash and the clean copy, below inspect_upload."""

import io

from PIL import Image

from receipts.ocr import images
from tests.receipts import samples


def reshot(img: Image.Image, *, quality: int, scale: float) -> Image.Image:
    """The same picture saved at another JPEG quality and slightly resized."""
    size = (round(img.width * scale), round(img.height * scale))
    buffer = io.BytesIO()
    img.resize(size, Image.Resampling.BICUBIC).save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def test_dhash_is_16_hex_characters():
    phash = images.dhash(samples.receipt_image())
    assert len(phash) == 16 and int(phash, 16) >= 0


def test_dhash_survives_re_encoding_and_resizing():
    original = samples.receipt_image(seed=3)
    for quality, scale in [(40, 0.9), (75, 1.1), (95, 0.5)]:
        copy = reshot(original, quality=quality, scale=scale)
        assert images.hamming(images.dhash(original), images.dhash(copy)) <= 6


def test_dhash_tells_different_receipts_apart():
    hashes = [images.dhash(samples.receipt_image(seed=seed)) for seed in range(6)]
    for i, first in enumerate(hashes):
        for second in hashes[i + 1 :]:
            assert images.hamming(first, second) > 16


def test_hamming_counts_differing_bits():
    assert images.hamming("0" * 16, "0" * 16) == 0
    assert images.hamming("0" * 16, "f" * 16) == 64
    assert images.hamming("8000000000000001", "0000000000000000") == 2


def test_clean_copy_has_no_info_at_all():
    source = images.open_image(samples.jpeg_with_gps_exif(), max_pixels=10_000_000)
    assert {"exif", "xmp", "comment", "icc_profile"} <= source.info.keys()
    clean = images.clean_copy(source)
    assert clean.info == {}
    assert clean.mode == "RGB"
    assert not clean.getexif()


def test_clean_copy_keeps_sizes_up_to_4096_and_shrinks_bigger_ones_to_4096():
    assert images.clean_copy(Image.new("RGB", (4096, 100))).size == (4096, 100)
    assert images.clean_copy(Image.new("RGB", (3000, 8192))).size == (1500, 4096)
