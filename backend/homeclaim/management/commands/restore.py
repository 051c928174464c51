"""`homeclaim restore DIR`: bring a backup into an empty installation, checking every hash."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from homeclaim.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `homeclaim backup` into this installation, which must be "
        "empty (a new database and empty storage); every file is checked by its SHA-256."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("dir", help="a folder written by `homeclaim backup`")

    def handle(self, *args, dir: str, **options) -> None:
        started = time.monotonic()
        try:
            restore(Path(dir), say=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"restored from {dir} in {time.monotonic() - started:.1f} s; "
            "run `homeclaim migrate` if this version is newer than the backup's"
        )
