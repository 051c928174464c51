"""#17.2: small files that decode big must not exhaust the web's memory.

A 190 KB PNG of 49 MP costs ~300 MB while decoded, however it is handled: decodes are bounded
by slots shared by every web process on the machine (flock), JPEGs decode at a reduced scale,
and the clean copy is shrunk a strip at a time instead of through full-size copies. Memory and
/api/health latency under four concurrent uploads are measured by `make bench-hostile`.
"""

import subprocess
import sys
import textwrap
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

from receipts import services
from receipts.models import Receipt
from receipts.ocr import images
from receipts.ocr.errors import FileRejected
from receipts.ocr.upload import DecodeSlots, inspect_upload
from tests.personas import assert_error
from tests.receipts import samples


def test_slots_let_count_decodes_in_and_make_the_next_one_wait_then_give_up(tmp_path):
    slots = DecodeSlots(tmp_path, 2, wait_seconds=0.3)
    with slots.held() as first, slots.held() as second:
        assert {first, second} == {0, 1}
        with pytest.raises(FileRejected) as refused:
            with slots.held():
                pass
        assert refused.value.code == "uploads_busy" and refused.value.details["retry_after"] >= 1
    with slots.held(), slots.held():  # both free again after the block
        pass


def test_a_waiting_decode_gets_the_slot_as_soon_as_it_is_freed(tmp_path):
    slots = DecodeSlots(tmp_path, 1, wait_seconds=10)
    release, taken = threading.Event(), threading.Event()

    def hold() -> None:
        with slots.held():
            taken.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(5)
    threading.Timer(0.2, release.set).start()
    with slots.held() as slot:  # waits for the other thread, well within wait_seconds
        assert slot == 0
    holder.join()


def test_slots_are_shared_with_other_processes(tmp_path):
    """gunicorn runs several web processes: a slot held in one is busy for all."""
    code = textwrap.dedent(
        f"""
        import fcntl, os, sys, time
        fd = os.open({str(tmp_path / "decode-0.lock")!r}, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        print("held", flush=True)
        sys.stdin.read()
        """
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        slots = DecodeSlots(tmp_path, 1, wait_seconds=0.2)
        with pytest.raises(FileRejected, match="uploads_busy"):
            with slots.held():
                pass
    finally:
        other.communicate("")  # the process ends: the kernel frees its lock
    with DecodeSlots(tmp_path, 1, wait_seconds=0.2).held():
        pass


def test_checks_that_need_no_decoding_come_before_waiting_for_a_slot(tmp_path):
    slots = DecodeSlots(tmp_path, 1, wait_seconds=0.2)
    with slots.held():
        for data, code in [
            (samples.png_bomb_header(), "image_too_large"),
            (samples.pdf_with_pages(11), "pdf_too_many_pages"),
            (samples.gif_bytes(), "unsupported_type"),
        ]:
            with pytest.raises(FileRejected) as refused:
                inspect_upload(
                    data, max_bytes=10**7, max_pixels=50_000_000, max_pages=10, slots=slots
                )
            assert refused.value.code == code
        with pytest.raises(FileRejected, match="uploads_busy"):
            inspect_upload(
                samples.png_bytes(),
                max_bytes=10**7,
                max_pixels=50_000_000,
                max_pages=10,
                slots=slots,
            )


@pytest.mark.django_db
def test_upload_when_every_decode_slot_is_taken_is_429_with_retry_after(api_as, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.RECEIPT_MAX_CONCURRENT_DECODES = 1
    settings.RECEIPT_DECODE_WAIT_SECONDS = 1
    ana = api_as("owner", "es")

    def post():
        return ana.client.post(
            "/api/receipts",
            data={"file": SimpleUploadedFile("a.png", samples.png_bytes(), "image/png")},
            headers=ana.headers,
        )

    with services.decode_slots().held():
        busy = post()
    body = assert_error(busy, 429, "uploads_busy")
    assert busy["Retry-After"] == "1" and "ocupado" in body["message"]
    assert not Receipt.objects.exists()
    assert post().status_code == 201


def test_a_big_jpeg_is_decoded_at_a_reduced_scale():
    photo = samples.big_photo_jpeg(8000, 6000)
    assert images.open_image(photo, max_pixels=50_000_000, max_side=4096).size == (4000, 3000)
    assert inspect_upload(photo, max_bytes=10**8, max_pixels=50_000_000, max_pages=10).width == 4000
    assert images.open_image(photo, max_pixels=50_000_000).size == (8000, 6000)


@pytest.mark.parametrize("mode", ["RGBA", "RGB", "P", "L", "I;16", "1"])
@pytest.mark.parametrize("orientation", [1, 6])
def test_shrinking_in_strips_gives_the_picture_a_full_size_shrink_gives(mode, orientation):
    base = samples.receipt_image(seed=3, size=(200, 1100)).resize((1500, 8200))
    source = base.convert("L").point(lambda v: v * 256, "I") if mode == "I;16" else base
    source = source.convert(mode)
    source.getexif()[0x0112] = orientation
    source.info["exif"] = source.getexif().tobytes()

    shrunk = images.clean_copy(source.copy())

    # what the clean copy was before: upright, flattened and shrunk at full size
    reference = images._flatten(ImageOps.exif_transpose(source.copy()))
    reference.thumbnail((images.MAX_SIDE, images.MAX_SIDE), Image.Resampling.BOX)
    assert shrunk.size == reference.size and max(shrunk.size) == images.MAX_SIDE
    assert shrunk.mode == reference.mode and not shrunk.info
    small = (40, 110) if orientation == 1 else (110, 40)
    a = shrunk.convert("L").resize(small).tobytes()
    b = reference.convert("L").resize(small).tobytes()
    assert sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a) < 3  # out of 255
