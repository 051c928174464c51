"""`homeclaim migrate-files --to s3`: local files into the bucket, same names, checked, idempotent."""

import hashlib
import io

import pytest
from django.core.management import call_command

from receipts.models import Receipt

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("migrate_files", *args, stdout=out)
    return out.getvalue()


def test_local_files_move_into_the_bucket_once_and_serve_from_there(
    s3_bucket, settings, api_as, people, read_receipt
):
    receipts = [read_receipt(people["owner"], seed=n) for n in range(3)]
    local = {
        str(p.relative_to(settings.FILES_DIR)): p.read_bytes()
        for p in settings.FILES_DIR.rglob("*")
        if p.is_file()
    }
    assert sorted(local) == sorted(r.file.name for r in receipts)

    first = run("--to", "s3")
    assert "3 files: 3 copied, 0 already in the bucket" in first
    assert s3_bucket.keys() == sorted(local)
    for name, data in local.items():
        stored = s3_bucket.read(name)
        assert hashlib.sha256(stored).digest() == hashlib.sha256(data).digest()

    again = run("--to", "s3")
    assert "3 files: 0 copied, 3 already in the bucket" in again  # idempotent

    # The database keeps the same names; with STORAGE=s3 the API serves them from the bucket.
    assert sorted(Receipt.objects.values_list("file", flat=True)) == sorted(local)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "core.storage.PrivateS3Storage", "OPTIONS": s3_bucket.options},
    }
    for receipt in receipts:
        served = api_as("owner").get(f"/receipts/{receipt.pk}/file")
        assert b"".join(served.streaming_content) == local[receipt.file.name]


def test_a_different_file_under_the_same_name_is_a_conflict_left_alone(
    s3_bucket, settings, people, read_receipt
):
    from django.core.management.base import CommandError

    receipt = read_receipt(people["owner"])
    s3_bucket.client.create_bucket(Bucket=s3_bucket.name)
    s3_bucket.client.put_object(Bucket=s3_bucket.name, Key=receipt.file.name, Body=b"other")
    with pytest.raises(CommandError, match="other content"):
        run("--to", "s3")
    assert s3_bucket.read(receipt.file.name) == b"other"


def test_delete_local_removes_each_file_once_its_copy_checks_out(
    s3_bucket, settings, people, read_receipt
):
    receipt = read_receipt(people["owner"])
    assert "1 copied" in run("--to", "s3", "--delete-local")
    assert not (settings.FILES_DIR / receipt.file.name).exists()
    assert s3_bucket.keys() == [receipt.file.name]
