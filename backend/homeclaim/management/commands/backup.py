"""`homeclaim backup DIR`: the database and every stored file, with a manifest of their hashes."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from homeclaim.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup into DIR (new or empty): the database (SQLite online backup or "
        "pg_dump), every stored file from the disk or the bucket, and manifest.json with SHA-256s."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("dir", help="a new or empty folder")

    def handle(self, *args, dir: str, **options) -> None:
        started = time.monotonic()
        try:
            backup(Path(dir), say=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"backup written to {dir} in {time.monotonic() - started:.1f} s")
