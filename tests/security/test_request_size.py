"""An oversized body is refused from its Content-Length before any of it is read or written to
disk (issue 17, point 6); a chunked body without a length is refused too."""

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client

from tests.personas import assert_error

pytestmark = pytest.mark.django_db

BOUNDARY = "homeclaimboundary"
received: list[int] = []  # bytes each recording handler was given


class RecordingTemporaryFileHandler(TemporaryFileUploadHandler):
    """Django's spill-to-disk handler, counting what it writes to the temporary directory."""

    def receive_data_chunk(self, raw_data, start):
        received.append(len(raw_data))
        return super().receive_data_chunk(raw_data, start)


def multipart(size: int) -> bytes:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="r.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    return head + b"\xff" * size + f"\r\n--{BOUNDARY}--\r\n".encode()


@pytest.fixture
def small_limits(settings, tmp_path):
    settings.RECEIPT_MAX_BYTES = 200_000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # anything bigger would go to the temp dir
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingTemporaryFileHandler"]
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "upload-tmp").mkdir()
    received.clear()
    return tmp_path / "upload-tmp"


def upload(api, body: bytes, **extra):
    return api.client.generic(
        "POST",
        "/api/receipts",
        data=body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=api.headers,
        **extra,
    )


def test_an_oversized_upload_writes_nothing_to_the_temp_dir(api_as, small_limits):
    body = upload(api_as("owner"), multipart(1_000_000))
    details = assert_error(body, 413, "file_too_large")["details"]
    assert details["max_bytes"] == 200_000
    assert received == [], "the body was streamed to a temporary file before the refusal"
    assert list(small_limits.iterdir()) == []


def test_a_declared_length_is_enough_to_refuse(api_as, small_limits):
    # A client announcing 300 MB is refused before it has sent them: nothing is read.
    response = upload(api_as("owner"), multipart(10), CONTENT_LENGTH=str(300 * 1024 * 1024))
    assert_error(response, 413, "file_too_large")
    assert received == []


def test_an_upload_within_the_limit_still_reaches_the_upload(api_as, small_limits):
    response = upload(api_as("owner"), multipart(150_000))
    # It gets as far as reading the file (which is not a real image): so it was streamed.
    assert response.status_code in (400, 415), response.content[:200]
    assert sum(received) >= 150_000


def test_json_bodies_have_a_small_limit(people, settings):
    settings.REQUEST_MAX_BYTES = 10_000
    response = Client().post(
        "/api/auth/token",
        data=b'{"username": "ana", "password": "' + b"x" * 20_000 + b'"}',
        content_type="application/json",
        headers={"Accept-Language": "es"},
    )
    body = assert_error(response, 413, "request_too_large")
    assert "demasiado grande" in body["message"]


def test_a_chunked_body_without_length_is_refused(api_as):
    api = api_as("owner")
    response = api.client.generic(
        "POST", "/api/receipts", headers={**api.headers, "Transfer-Encoding": "chunked"}
    )
    assert_error(response, 411, "length_required")


def test_a_nonsense_length_is_a_400(people):
    response = Client().generic(
        "POST",
        "/api/auth/token",
        data=b"{}",
        content_type="application/json",
        CONTENT_LENGTH="-5",
    )
    assert_error(response, 400, "malformed_request")


def test_django_caps_bodies_it_buffers(settings):
    from django.conf import settings as live

    assert live.DATA_UPLOAD_MAX_MEMORY_SIZE <= live.REQUEST_MAX_BYTES
    assert live.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


def test_an_oversized_people_import_writes_nothing_either(api_as, small_limits, settings):
    settings.SETUP_IMPORT_MAX_BYTES = 200_000
    admin = api_as("admin", "es")
    response = admin.client.generic(
        "POST",
        "/api/admin/people/import",
        data=multipart(1_000_000),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=admin.headers,
    )
    assert_error(response, 413, "file_too_large")
    assert received == []
