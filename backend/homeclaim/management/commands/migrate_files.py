"""`homeclaim migrate-files --to s3`: copy the local stored files into the bucket, each checked.

Every file under FILES_DIR goes to the bucket of the S3_* settings under the same name, so the
database's names stay valid as they are. Each upload is read back and compared by SHA-256. A file
already in the bucket with the same hash is left alone (a second run copies nothing); one with a
different hash is a conflict that stops the run without touching it. Local files are kept unless
--delete-local (then each is removed only after its copy checked out). Then set STORAGE=s3.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError

from core.storage import PrivateS3Storage, save_exactly, sha256_stream, stored_sha256, walk


class Command(BaseCommand):
    help = "Copy the locally stored files (FILES_DIR) into the S3 bucket, checked by hash."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--to", choices=["s3"], required=True, help="where to: the S3 bucket")
        parser.add_argument(
            "--delete-local",
            action="store_true",
            help="remove each local file once its copy in the bucket checks out",
        )

    def handle(self, *args, to: str, delete_local: bool, **options) -> None:
        source = FileSystemStorage(location=str(settings.FILES_DIR))
        target = PrivateS3Storage(**settings.S3_STORAGE_OPTIONS)
        if target.ensure_bucket():
            self.stdout.write(f"created the bucket {target.bucket_name}")
        names = list(walk(source)) if Path(settings.FILES_DIR).is_dir() else []
        copied = present = 0
        for name in names:
            with source.open(name, "rb") as f:
                local_hash, size = sha256_stream(f)
            if target.exists(name):
                if stored_sha256(target, name)[0] != local_hash:
                    raise CommandError(f"{name} is already in the bucket with other content")
                present += 1
            else:
                with source.open(name, "rb") as f:
                    save_exactly(target, name, f)
                if stored_sha256(target, name) != (local_hash, size):
                    target.delete(name)
                    raise CommandError(f"{name}: the copy in the bucket does not match; removed")
                copied += 1
            if delete_local:
                source.delete(name)
        self.stdout.write(
            f"{len(names)} files: {copied} copied, {present} already in the bucket "
            f"{target.bucket_name} (each checked by SHA-256)"
            + ("; local copies removed" if delete_local and names else "")
        )
