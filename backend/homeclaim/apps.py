"""The project's app config: with STORAGE=s3, `homeclaim migrate` (run at every start by `make run`
and at every upgrade) also creates the bucket when it is missing. Every process creates it on first
use too, so a bucket removed later comes back; an unreachable S3 server only warns here."""

import logging

from django.apps import AppConfig
from django.db.models.signals import post_migrate

log = logging.getLogger(__name__)


def ensure_bucket(**kwargs) -> None:
    from django.core.files.storage import storages

    from core.storage import PrivateS3Storage

    storage = storages["default"]
    if not isinstance(storage, PrivateS3Storage) or getattr(storage, "checked_at_migrate", False):
        return
    storage.checked_at_migrate = True  # type: ignore[attr-defined]  # once, not once per app
    try:
        if storage.ensure_bucket():
            log.info("created the bucket %s", storage.bucket_name)
    except Exception as exc:
        log.warning("could not check the bucket %s: %s", storage.bucket_name, exc)


class HomeclaimConfig(AppConfig):
    name = "homeclaim"

    def ready(self) -> None:
        # Sent once per app with models (this one has none), after `migrate`.
        post_migrate.connect(ensure_bucket, dispatch_uid="homeclaim.ensure_bucket")
