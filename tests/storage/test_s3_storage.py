"""STORAGE=s3: receipts live in a private bucket and are served only through the API."""

import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from core.storage import PrivateS3Storage
from receipts.models import Receipt
from tests.exports.conftest import zip_of
from tests.personas import assert_error
from tests.receipts import samples

pytestmark = pytest.mark.django_db


def upload(api, data: bytes, name: str = "recibo.jpg", content_type: str = "image/jpeg"):
    return api.client.post(
        "/api/receipts",
        data={"file": SimpleUploadedFile(name, data, content_type=content_type)},
        headers=api.headers,
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def submitted_claim(api, receipt: Receipt) -> None:
    expense = api.post("/expenses", {"receipt_id": receipt.pk, "category": "chair"})
    assert expense.status_code == 201, expense.content
    claim = api.post("/claims", {"expense_ids": [expense.json()["id"]]})
    assert claim.status_code == 201, claim.content
    assert api.post(f"/claims/{claim.json()['id']}/submit").status_code == 200


def test_the_bucket_is_created_when_missing_once(s3):
    with pytest.raises(ClientError):
        s3.client.head_bucket(Bucket=s3.name)
    assert not default_storage.exists("receipts/none.jpg")  # first use creates the bucket
    s3.client.head_bucket(Bucket=s3.name)
    again = PrivateS3Storage(**s3.options)
    assert again.ensure_bucket() is False  # idempotent: another process finds it there
    assert again.ensure_bucket() is False


def test_an_upload_is_a_clean_object_in_the_bucket_and_served_to_its_owner(
    s3, api_as, django_capture_on_commit_callbacks
):
    ana = api_as("owner")
    response = upload(ana, samples.jpeg_with_gps_exif())
    assert response.status_code == 201, response.content
    receipt = Receipt.objects.get(pk=response.json()["id"])

    assert s3.keys() == [receipt.file.name]
    head = s3.client.head_object(Bucket=s3.name, Key=receipt.file.name)
    assert head["Metadata"] == {}  # no user metadata on the object
    stored = s3.read(receipt.file.name)
    assert samples.MARKER not in stored and b"Exif" not in stored
    assert samples.XMP_NAMESPACE not in stored

    served = ana.get(f"/receipts/{receipt.pk}/file")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert "no-store" in served["Cache-Control"]
    assert body(served) == stored
    assert int(served["Content-Length"]) == len(stored)

    with django_capture_on_commit_callbacks(execute=True):
        assert ana.delete(f"/receipts/{receipt.pk}").status_code == 204
    assert s3.keys() == []


def test_hr_opens_a_claimed_receipt_from_the_bucket_others_get_404(
    s3, api_as, people, read_receipt
):
    receipt = read_receipt(people["owner"])
    submitted_claim(api_as("owner"), receipt)
    stored = s3.read(receipt.file.name)
    for persona in ("owner", "hr"):
        served = api_as(persona).get(f"/receipts/{receipt.pk}/file")
        assert served.status_code == 200, persona
        assert body(served) == stored
        preview = api_as(persona).get(f"/receipts/{receipt.pk}/preview")
        assert body(preview) == stored  # an image is its own preview
    for persona in ("other_worker", "other_hr"):
        assert_error(api_as(persona).get(f"/receipts/{receipt.pk}/file"), 404, "not_found")


def test_a_pdf_and_its_preview_both_live_in_the_bucket(s3, api_as):
    ana = api_as("owner")
    response = upload(ana, samples.text_pdf(["TOTAL $ 99.000"]), "bill.pdf", "application/pdf")
    assert response.status_code == 201, response.content
    receipt = Receipt.objects.get(pk=response.json()["id"])
    assert s3.keys() == sorted([receipt.file.name, receipt.preview.name])
    assert body(ana.get(f"/receipts/{receipt.pk}/file")).startswith(b"%PDF-")
    preview = body(ana.get(f"/receipts/{receipt.pk}/preview"))
    assert preview == s3.read(receipt.preview.name) and preview[:3] == b"\xff\xd8\xff"


def test_the_worker_pack_export_carries_the_receipts_from_the_bucket(
    s3, api_as, people, read_receipt
):
    receipt = read_receipt(people["owner"])
    submitted_claim(api_as("owner"), receipt)
    pack = zip_of(api_as("owner").get("/exports/me"))
    inside = [name for name in pack.namelist() if name.startswith("receipts/")]
    assert len(inside) == 1
    assert pack.read(inside[0]) == s3.read(receipt.file.name)


def test_the_bucket_is_private(s3, people, read_receipt):
    receipt = read_receipt(people["owner"])
    for url in (
        f"{s3.endpoint}/{s3.name}/{receipt.file.name}",  # the object
        f"{s3.endpoint}/{s3.name}/",  # the listing
    ):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)
        assert refused.value.code == 403, url
    acl = s3.client.get_object_acl(Bucket=s3.name, Key=receipt.file.name)
    assert not [g for g in acl["Grants"] if "URI" in g["Grantee"]]  # no AllUsers grant
    with pytest.raises(NotImplementedError):
        default_storage.url(receipt.file.name)  # no presigned links handed out


def test_same_name_twice_keeps_both_files(s3):
    first = default_storage.save("receipts/1/same.jpg", ContentFile(b"one"))
    second = default_storage.save("receipts/1/same.jpg", ContentFile(b"two"))
    assert first != second
    assert s3.read(first) == b"one" and s3.read(second) == b"two"


def test_migrate_creates_the_missing_bucket(s3):
    from django.core.management import call_command

    with pytest.raises(ClientError):
        s3.client.head_bucket(Bucket=s3.name)
    call_command("migrate", verbosity=0)  # what `make run` does at every start
    s3.client.head_bucket(Bucket=s3.name)
