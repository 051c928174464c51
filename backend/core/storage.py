"""Stored files: the private S3 backend (STORAGE=s3) and helpers that work on any Django storage.

Files are never handed out by URL: not a public one, not a presigned one. They stream from the
storage through Django, behind the API's access checks. The bucket is created when missing, once
per process, on first use (web, worker and commands alike), and created without any ACL, so it
stays as private as the server's default.
"""

import hashlib
import threading
from collections.abc import Iterator
from typing import IO, Any

from botocore.exceptions import ClientError
from django.core.files.storage import Storage
from storages.backends.s3 import S3Storage

CHUNK = 1024 * 1024


class PrivateS3Storage(S3Storage):
    """django-storages' S3 backend, private: no ACL, no overwrite, no URLs; the bucket on demand."""

    def __init__(self, **settings: Any) -> None:
        settings.setdefault("file_overwrite", False)  # a second file with one name gets a new name
        settings.setdefault("default_acl", None)  # no ACL: objects stay as private as the bucket
        settings.setdefault("querystring_auth", True)
        settings.setdefault("max_memory_size", 5 * 1024 * 1024)  # bigger reads spill to disk
        super().__init__(**settings)
        self._bucket_lock = threading.Lock()
        self._bucket_ready = False

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_bucket_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self._bucket_lock = threading.Lock()
        self._bucket_ready = False

    @property
    def bucket(self):  # type: ignore[override]
        if not self._bucket_ready:
            self.ensure_bucket()
        return S3Storage.bucket.fget(self)  # type: ignore[attr-defined]

    def exists(self, name: str) -> bool:
        if not self._bucket_ready:
            self.ensure_bucket()
        return super().exists(name)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        if not self._bucket_ready:
            self.ensure_bucket()
        return super().listdir(path)

    def ensure_bucket(self) -> bool:
        """Create the bucket when missing (idempotent); True when this call created it."""
        with self._bucket_lock:
            if self._bucket_ready:
                return False
            created = ensure_bucket(self.connection.meta.client, self.bucket_name, self.region_name)
            self._bucket_ready = True
            return created

    def url(self, name: str | None, *args: Any, **kwargs: Any) -> str:
        raise NotImplementedError("stored files are served only through the API's access checks")


def ensure_bucket(client: Any, bucket: str, region: str | None) -> bool:
    """Create `bucket` when it does not exist; True when created. Never sets an ACL."""
    try:
        client.head_bucket(Bucket=bucket)
        return False
    except ClientError as err:
        if _status(err) != 404 and _code(err) not in ("404", "NoSuchBucket"):
            raise
    params: dict[str, Any] = {"Bucket": bucket}
    if region and region != "us-east-1":  # us-east-1 refuses an explicit location constraint
        params["CreateBucketConfiguration"] = {"LocationConstraint": region}
    try:
        client.create_bucket(**params)
    except ClientError as err:
        if _code(err) in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
            return False  # another process made it a moment ago
        raise
    return True


def _status(err: ClientError) -> int:
    return int(err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))


def _code(err: ClientError) -> str:
    return str(err.response.get("Error", {}).get("Code", ""))


def is_s3(storage: Storage) -> bool:
    return isinstance(storage, S3Storage)


def sha256_stream(stream: IO[bytes]) -> tuple[str, int]:
    """SHA-256 hex digest and size of what is left in a binary stream, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def stored_sha256(storage: Storage, name: str) -> tuple[str, int]:
    """SHA-256 and size of a stored file, as the storage gives it back."""
    with storage.open(name, "rb") as f:
        return sha256_stream(f)


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name under `folder` of any storage (local folder or bucket), sorted."""
    folders, files = storage.listdir(folder)
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from walk(storage, prefix + sub)


def save_exactly(storage: Storage, name: str, content: IO[bytes]) -> None:
    """Store `content` under exactly `name` (refusing to rename or overwrite an existing file)."""
    from django.core.files import File

    if storage.exists(name):
        raise FileExistsError(name)
    saved = storage.save(name, File(content, name=name))
    if saved != name:  # a file with that name appeared meanwhile: keep both, complain
        storage.delete(saved)
        raise FileExistsError(name)
