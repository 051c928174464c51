"""Receipt upload, storage and access through the API."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from receipts.models import Receipt
from tests.personas import assert_error
from tests.receipts import samples
from tests.receipts.tickets import COLOMBIAN_CASH, ticket

pytestmark = pytest.mark.django_db


def upload(api, data: bytes, name: str = "recibo", content_type: str = "image/jpeg"):
    return api.client.post(
        "/api/receipts",
        data={"file": SimpleUploadedFile(name, data, content_type=content_type)},
        headers=api.headers,
    )


def stored_files(settings) -> list:
    root = settings.FILES_DIR
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_upload_stores_a_clean_copy_and_queues_reading(
    api_as, settings, django_capture_on_commit_callbacks
):
    ana = api_as("owner")
    original = samples.jpeg_with_gps_exif()
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(ana, original)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "queued"
    assert len(callbacks) == 1  # the reading is queued once the row is committed

    receipt = Receipt.objects.get(pk=body["id"])
    assert receipt.owner.username == "ana"
    assert receipt.file.name.startswith("receipts/") and "recibo" not in receipt.file.name
    stored = default_storage.open(receipt.file.name).read()
    assert samples.MARKER not in stored
    assert b"Exif" not in stored and samples.XMP_NAMESPACE not in stored
    assert stored != original

    served = ana.get(f"/receipts/{receipt.pk}/file")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == stored
    assert "no-store" in served["Cache-Control"]


def test_same_file_twice_is_409_with_the_existing_id(api_as):
    ana = api_as("owner")
    data = samples.png_bytes()  # built once: its ICC profile carries a timestamp
    first = upload(ana, data, "a.png", "image/png")
    again = upload(ana, data, "b.png", "image/png")
    duplicate = assert_error(again, 409, "duplicate_receipt")
    assert duplicate["details"]["receipt_id"] == first.json()["id"]
    # Another worker uploading the same file is not a duplicate of Ana's.
    assert upload(api_as("other_worker"), data).status_code == 201


def test_pdf_keeps_the_pdf_and_a_rendered_preview(api_as):
    ana = api_as("owner")
    response = upload(ana, samples.text_pdf(["TOTAL $ 1.250.000"]), "bill.pdf", "application/pdf")
    assert response.status_code == 201, response.content
    receipt_id = response.json()["id"]
    pdf = ana.get(f"/receipts/{receipt_id}/file")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    preview = ana.get(f"/receipts/{receipt_id}/preview")
    assert preview["Content-Type"] == "image/jpeg"
    assert b"".join(preview.streaming_content)[:3] == b"\xff\xd8\xff"


BAD_FILES = [
    ("empty", lambda: b"", "x.jpg", 400, "empty_file"),
    ("png named pdf", samples.png_bytes, "factura.pdf", 415, "type_mismatch"),
    ("pdf named jpg", samples.text_pdf, "foto.jpg", 415, "type_mismatch"),
    ("webp named png", samples.webp_bytes, "foto.png", 415, "type_mismatch"),
    ("broken png", lambda: b"\x89PNG\r\n\x1a\n" + b"0" * 40, "x.png", 400, "corrupt_file"),
    ("svg", samples.svg_bytes, "x.svg", 415, "unsupported_type"),
    ("html", samples.html_bytes, "x.jpg", 415, "unsupported_type"),
    ("tiff", samples.tiff_bytes, "x.tif", 415, "unsupported_type"),
    ("eps", samples.eps_bytes, "x.eps", 415, "unsupported_type"),
    ("psd", samples.psd_bytes, "x.psd", 415, "unsupported_type"),
    ("gif", samples.gif_bytes, "x.gif", 415, "unsupported_type"),
    ("truncated jpeg", samples.truncated_jpeg, "x.jpg", 400, "corrupt_file"),
    ("pixel bomb", samples.png_bomb_header, "x.png", 413, "image_too_large"),
    ("not a pdf", samples.not_a_pdf, "x.pdf", 400, "corrupt_file"),
    ("encrypted pdf", samples.encrypted_pdf, "x.pdf", 400, "pdf_encrypted"),
    ("5000 pages", lambda: samples.pdf_with_pages(5000), "x.pdf", 413, "pdf_too_many_pages"),
]


@pytest.mark.parametrize(
    ("case", "make", "name", "status", "code"), BAD_FILES, ids=[c[0] for c in BAD_FILES]
)
def test_bad_files_are_refused_and_nothing_is_kept(
    api_as, settings, django_capture_on_commit_callbacks, case, make, name, status, code
):
    api = api_as("owner", "es")
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(api, make(), name)
    assert_error(response, status, code)  # its message in Spanish, from the catalogue
    assert Receipt.objects.count() == 0
    assert stored_files(settings) == []
    assert callbacks == []


@pytest.mark.parametrize("name", ["blob", "captura", "IMG_2231.HEIC.png.jpeg.x"])
def test_a_name_without_a_known_extension_is_judged_by_content(api_as, name):
    response = upload(api_as("owner"), samples.png_bytes(), name, "application/octet-stream")
    assert response.status_code == 201
    assert response.json()["kind"] == "image"
    assert response.json()["content_type"] == "image/png"


def test_one_byte_over_the_limit(api_as, settings):
    data = samples.png_bytes()
    settings.RECEIPT_MAX_BYTES = len(data) - 1
    response = upload(api_as("owner", "es"), data, "a.png", "image/png")
    refused = assert_error(response, 413, "file_too_large")
    assert "límite" in refused["message"]
    settings.RECEIPT_MAX_BYTES = len(data)
    assert upload(api_as("owner"), data, "a.png", "image/png").status_code == 201


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.png", "..\\..\\win.png", "a\x01\x1fb.png", "a" * 996 + ".png"]
)
def test_paths_and_control_characters_in_the_name_never_reach_storage(api_as, settings, name):
    # Django's parser strips the path and control characters; the name is never used anyway.
    response = upload(api_as("owner"), samples.png_bytes(), name, "image/png")
    assert response.status_code == 201
    receipt = Receipt.objects.get()
    assert "passwd" not in receipt.file.name and "win" not in receipt.file.name
    assert "aaaa" not in receipt.file.name
    assert all(settings.FILES_DIR in p.parents for p in stored_files(settings))


def test_multipart_without_boundary_is_400(api_as):
    api = api_as("owner")
    response = api.client.post(
        "/api/receipts", data=b"garbage", content_type="multipart/form-data", headers=api.headers
    )
    assert_error(response, 400, "malformed_request")


def test_missing_file_field_is_422(api_as):
    api = api_as("owner")
    response = api.client.post("/api/receipts", data={"other": "x"}, headers=api.headers)
    assert response.status_code == 422
    assert "file" in response.json()["message"]


def test_list_is_mine_and_paginated(api_as):
    ana = api_as("owner")
    for seed in range(3):
        assert upload(ana, samples.png_bytes(samples.receipt_image(seed))).status_code == 201
    upload(api_as("other_worker"), samples.png_bytes(samples.receipt_image(9)))
    page = ana.get("/receipts?page_size=2").json()
    assert page["count"] == 3
    assert len(page["items"]) == 2
    assert "raw_text" not in page["items"][0]


def test_delete_removes_the_files(api_as, settings):
    ana = api_as("owner")
    receipt_id = upload(ana, samples.png_bytes()).json()["id"]
    assert ana.delete(f"/receipts/{receipt_id}").status_code == 204
    assert not Receipt.objects.exists()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # the real worker closes its connection between tasks
def test_the_worker_reads_a_colombian_ticket(api_as):
    ana = api_as("owner")
    receipt_id = upload(ana, ticket(COLOMBIAN_CASH)).json()["id"]
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    body = ana.get(f"/receipts/{receipt_id}").json()
    assert body["status"] == "done", body
    assert body["total"] == "500000.00"
    assert body["currency"] == "COP"
    assert body["date"] == "2026-03-15"
    assert body["source"] == "ocr"
    assert body["confidence"] >= 0.8
    assert "TOTAL A PAGAR" in body["raw_text"]
    chosen = [c for c in body["candidates"] if c["chosen"]]
    assert [c["amount"] for c in chosen] == ["500000.00"]


# Committed rows: the task worker checks its connection between tasks, which a test's open
# transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_a_bill_carries_its_service_month_and_a_confidence_per_field(api_as, categories):
    """The billing period becomes the expense's service month; the UI marks only unsure fields."""
    ana = api_as("owner")
    bill = samples.text_pdf(
        [
            "CONECTA TELECOM S.A.S. E.S.P.",
            "NIT 900.555.123-4",
            "Fecha de expedicion: 05/11/2026",
            "Periodo facturado: 01/10/2026 al 31/10/2026",
            "Internet hogar 300 Mbps  $ 95.000",
            "TOTAL A PAGAR  $ 95.000",
        ]
    )
    receipt_id = upload(ana, bill, "factura.pdf").json()["id"]
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    body = ana.get(f"/receipts/{receipt_id}").json()
    assert (body["total"], body["date"], body["service_month"]) == (
        "95000.00",
        "2026-11-05",
        "2026-10-01",
    )
    assert set(body["confidences"]) == {"total", "date", "vendor", "nit", "service_month"}
    assert all(value >= 0.7 for value in body["confidences"].values()), body["confidences"]
    assert body["unsure_fields"] == []

    # A field read without certainty is the only one marked.
    Receipt.objects.filter(pk=receipt_id).update(
        field_confidences={**body["confidences"], "vendor": 0.3}
    )
    assert ana.get(f"/receipts/{receipt_id}").json()["unsure_fields"] == ["vendor"]

    expense = ana.post("/expenses", {"receipt_id": receipt_id, "category": "internet"})
    assert expense.status_code == 201, expense.content
    assert expense.json()["service_month"] == "2026-10-01"
