"""inspect_upload: what we accept, what we refuse (by exact code), and what we store."""

import hashlib
import io
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageStat

from receipts.ocr import pdf
from receipts.ocr.errors import FileRejected
from receipts.ocr.upload import PREVIEW_PIXELS, CleanFile, inspect_upload
from tests.receipts import samples

LIMITS = {"max_bytes": 20_000_000, "max_pixels": 50_000_000, "max_pages": 10}
# Header segments a clean baseline/progressive JPEG from Pillow may have: no APP1 (EXIF/XMP),
# APP2 (ICC), APP13 (IPTC) or COM.
CLEAN_JPEG_SEGMENTS = {0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD, 0xDA}
CLEAN_PNG_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
PRIVATE_BYTES = (samples.MARKER, samples.XMP_NAMESPACE, b"Exif\x00\x00", b"ICC_PROFILE", b"acsp")


def inspect(data: bytes, **limits: int) -> CleanFile:
    return inspect_upload(data, **{**LIMITS, **limits})


def rejected(data: bytes, **limits: int) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        inspect(data, **limits)
    return caught.value


def picture(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def assert_nothing_private(content: bytes) -> None:
    for secret in PRIVATE_BYTES:
        assert secret not in content, secret


# --- size ------------------------------------------------------------------------------------


def test_empty_file_is_refused():
    error = rejected(b"")
    assert (error.code, error.details) == ("empty_file", {})


def test_one_byte_over_max_bytes_is_refused_before_looking_inside():
    png = samples.png_bytes()
    assert inspect(png, max_bytes=len(png)).kind == "image"
    error = rejected(png, max_bytes=len(png) - 1)
    assert (error.code, error.details) == ("file_too_large", {"max_bytes": len(png) - 1})
    # Garbage is refused for its size, not its content: nothing was parsed.
    assert rejected(b"\x00" * 101, max_bytes=100).code == "file_too_large"


# --- types we refuse -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "detected"),
    [
        (samples.svg_bytes, "image/svg+xml"),
        (samples.html_bytes, "text/html"),
        (samples.text_bytes, "text/plain"),
        (samples.tiff_bytes, "image/tiff"),
        (samples.eps_bytes, "application/postscript"),
        (samples.psd_bytes, "image/vnd.adobe.photoshop"),
        (samples.gif_bytes, "image/gif"),
        (samples.bmp_bytes, "image/bmp"),
        (samples.ico_bytes, "image/x-icon"),
        (samples.mp4_bytes, "video/mp4"),
    ],
)
def test_other_types_are_refused_with_what_we_saw(make, detected):
    error = rejected(make())
    assert (error.code, error.details) == ("unsupported_type", {"detected": detected})


def test_refused_samples_are_real_files_pillow_could_open():
    # Proves the refusals above come from our format allow-list, not from broken samples.
    for make, pillow_format in [
        (samples.tiff_bytes, "TIFF"),
        (samples.eps_bytes, "EPS"),
        (samples.psd_bytes, "PSD"),
        (samples.gif_bytes, "GIF"),
        (samples.bmp_bytes, "BMP"),
        (samples.ico_bytes, "ICO"),
    ]:
        assert Image.open(io.BytesIO(make())).format == pillow_format


def test_unknown_binary_is_refused_without_a_guess():
    error = rejected(bytes(range(256)) * 4)
    assert (error.code, error.details) == ("unsupported_type", {})


# --- broken and hostile pictures ---------------------------------------------------------------


def test_truncated_jpeg_is_corrupt():
    assert rejected(samples.truncated_jpeg()).code == "corrupt_file"


def test_png_signature_with_garbage_is_corrupt():
    assert rejected(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64).code == "corrupt_file"


def test_png_header_bomb_is_refused_from_the_header():
    bomb = samples.png_bomb_header(30000, 30000)
    assert len(bomb) < 100
    error = rejected(bomb)
    # The file has no pixel data at all: had it been decoded, it would be corrupt_file instead.
    assert (error.code, error.details) == ("image_too_large", {"max_pixels": 50_000_000})


def test_pixel_limit_is_checked_before_decoding():
    # 7000 x 7000 = 49 MP over a 48 MP limit; decoding the one real pixel would say corrupt_file.
    error = rejected(samples.png_bomb_header(7000, 7000), max_pixels=48_000_000)
    assert (error.code, error.details) == ("image_too_large", {"max_pixels": 48_000_000})


def test_pillow_bomb_warning_becomes_a_refusal_without_changing_global_warnings():
    # 100 MP is above Pillow's warning threshold (89.5 MP) but below our generous limit here.
    filters_before = list(warnings.filters)
    error = rejected(samples.png_bomb_header(10000, 10000), max_pixels=150_000_000)
    assert error.code == "image_too_large"
    assert list(warnings.filters) == filters_before


def test_a_48_megapixel_phone_photo_passes_and_is_scaled_for_storage():
    photo = samples.big_photo_jpeg(8000, 6000)
    clean = inspect(photo)
    # decoded at half scale by the JPEG decoder itself: 37 MB of pixels instead of 150
    assert (clean.width, clean.height) == (4000, 3000)
    assert picture(clean.content).size == (4000, 3000)


# --- what we store from pictures -------------------------------------------------------------


def test_jpeg_is_stored_without_exif_gps_xmp_comment_or_icc():
    original = samples.jpeg_with_gps_exif()
    for secret in (b"-ARTIST", b"-GPS", b"-XMP", b"-COMMENT"):
        assert samples.MARKER + secret in original  # the sample really carries it
    assert b"ICC_PROFILE" in original
    clean = inspect(original)
    assert (clean.kind, clean.content_type, clean.extension) == ("image", "image/jpeg", ".jpg")
    assert_nothing_private(clean.content)
    assert set(samples.jpeg_segments(clean.content)) <= CLEAN_JPEG_SEGMENTS
    assert not {"exif", "xmp", "comment", "icc_profile"} & picture(clean.content).info.keys()
    assert clean.preview == clean.content
    assert (clean.width, clean.height, clean.pages) == (480, 720, 1)


def test_multi_picture_jpeg_is_stored_as_its_first_picture():
    original = samples.mpo_bytes()
    assert Image.open(io.BytesIO(original)).format == "MPO"
    clean = inspect(original)
    assert (clean.content_type, clean.width, clean.height) == ("image/jpeg", 480, 720)
    assert_nothing_private(clean.content)
    assert mean_difference(picture(clean.content), samples.receipt_image(seed=1)) < 8


def test_exif_orientation_6_is_applied_to_the_pixels():
    # Stored 120x80 with red in its top-left; orientation 6 means "rotate 90 degrees clockwise".
    clean = inspect(samples.jpeg_with_orientation(6))
    upright = picture(clean.content).convert("RGB")
    assert upright.size == (clean.width, clean.height) == (80, 120)
    red, white = samples.RED, (255, 255, 255)
    assert close(upright.getpixel((74, 5)), red)  # top-right corner
    for corner in [(5, 5), (5, 114), (74, 114)]:
        assert close(upright.getpixel(corner), white)
    assert b"Exif" not in clean.content


def close(pixel, expected, tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True))


def test_png_stays_png_without_text_chunks_exif_or_icc():
    original = samples.png_bytes()
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"} <= set(samples.png_chunks(original))
    clean = inspect(original)
    assert (clean.content_type, clean.extension) == ("image/png", ".png")
    assert set(samples.png_chunks(clean.content)) <= CLEAN_PNG_CHUNKS
    assert_nothing_private(clean.content)
    assert picture(clean.content).tobytes() == samples.receipt_image().tobytes()  # lossless
    assert clean.preview.startswith(b"\xff\xd8") and samples.MARKER not in clean.preview


def test_transparent_png_is_flattened_onto_white():
    stored = picture(inspect(samples.rgba_png_bytes()).content)
    assert stored.mode == "RGB"
    assert stored.getpixel((0, 0)) == (255, 255, 255)
    assert stored.getpixel((15, 15)) == (0, 0, 0)


def test_16_bit_greyscale_png_is_scaled_not_clipped():
    stored = picture(inspect(samples.grey16_png_bytes()).content)
    assert stored.mode == "L"
    assert stored.getpixel((2, 2)) == 2000 // 256
    assert stored.getpixel((30, 2)) == 60000 // 256


@pytest.mark.parametrize("make", [samples.webp_bytes, samples.heic_bytes])
def test_webp_and_heic_are_stored_as_clean_jpeg(make):
    original = make()
    assert samples.MARKER in original
    clean = inspect(original)
    assert (clean.kind, clean.content_type, clean.extension) == ("image", "image/jpeg", ".jpg")
    assert_nothing_private(clean.content)
    assert set(samples.jpeg_segments(clean.content)) <= CLEAN_JPEG_SEGMENTS
    stored = picture(clean.content)
    assert stored.size == (480, 720)
    assert mean_difference(stored, samples.receipt_image()) < 8  # same picture, lossy twice


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a.convert("L"), b.convert("L"))).mean[0]


def test_sha256_is_of_the_original_bytes_and_phash_ignores_re_encoding():
    original = samples.jpeg_with_gps_exif()
    clean = inspect(original)
    assert clean.sha256 == hashlib.sha256(original).hexdigest()
    assert clean.sha256 != hashlib.sha256(clean.content).hexdigest()
    assert len(clean.phash) == 16 and int(clean.phash, 16) >= 0
    assert inspect(samples.png_bytes()).phash == clean.phash  # same picture as a PNG


# --- PDFs --------------------------------------------------------------------------------------


def test_pdf_that_is_not_a_pdf_is_corrupt():
    assert rejected(samples.not_a_pdf()).code == "corrupt_file"


def test_encrypted_pdf_is_refused():
    assert rejected(samples.encrypted_pdf()).code == "pdf_encrypted"


def test_5000_page_pdf_is_refused_at_once():
    many = samples.pdf_with_pages(5000)
    error = rejected(many)
    assert (error.code, error.details) == ("pdf_too_many_pages", {"max_pages": 10})
    assert inspect(samples.pdf_with_pages(10)).pages == 10


def test_huge_page_is_rendered_within_the_pixel_budget():
    clean = inspect(samples.huge_page_pdf())
    assert clean.width * clean.height <= PREVIEW_PIXELS
    preview = picture(clean.preview)
    assert preview.size == (clean.width, clean.height) == (2000, 2000)
    assert preview.getpixel((500, 500)) == (0, 0, 0)  # the black square: top-left quarter
    assert preview.getpixel((1500, 1500)) == (255, 255, 255)


def test_pdf_showing_a_huge_embedded_image_is_refused():
    error = rejected(samples.pdf_with_huge_image(30000, 30000))
    assert (error.code, error.details) == ("image_too_large", {"max_pixels": 50_000_000})


def test_pdf_is_stored_without_metadata_and_keeps_its_text():
    original = samples.text_pdf(["Señal Hogar S.A.S.", "TOTAL A PAGAR $ 89.900"])
    assert samples.MARKER + b"-AUTHOR" in original and samples.XMP_NAMESPACE in original
    clean = inspect(original)
    assert (clean.kind, clean.content_type, clean.extension) == ("pdf", "application/pdf", ".pdf")
    assert clean.content.startswith(b"%PDF-")
    assert samples.MARKER not in clean.content and samples.XMP_NAMESPACE not in clean.content
    assert pdf.text_layer(clean.content) == "Señal Hogar S.A.S.\nTOTAL A PAGAR $ 89.900"
    assert clean.sha256 == hashlib.sha256(original).hexdigest()
    assert clean.pages == 1
    preview = picture(clean.preview)
    assert preview.format == "JPEG"
    assert preview.size == (clean.width, clean.height) == (1653, 2339)  # A4 at 200 dpi


# --- anything at all ---------------------------------------------------------------------------

VALID = [
    samples.jpeg_with_orientation(6),
    samples.png_bytes(samples.receipt_image(size=(40, 60))),
    samples.text_pdf(["TOTAL 1"]),
    samples.pdf_with_pages(2),
]
SIGNATURES = [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"RIFF\x00\x00\x00\x00WEBP"]


@st.composite
def damaged(draw) -> bytes:
    """A valid sample with a few bytes overwritten or its tail cut off."""
    data = bytearray(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(1, len(data)))])


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow warns on broken EXIF: expected here
@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.one_of(
        st.binary(max_size=512),
        st.builds(
            lambda head, tail: head + tail, st.sampled_from(SIGNATURES), st.binary(max_size=512)
        ),
        damaged(),
    )
)
def test_any_bytes_give_a_clean_file_or_a_refusal(data):
    try:
        clean = inspect(data, max_pixels=4_000_000)
    except FileRejected as error:
        assert error.code in {
            "empty_file",
            "unsupported_type",
            "corrupt_file",
            "image_too_large",
            "pdf_encrypted",
            "pdf_too_many_pages",
        }
    else:
        assert clean.kind in {"image", "pdf"}
        assert samples.MARKER not in clean.content
