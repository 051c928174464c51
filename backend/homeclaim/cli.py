"""The `homeclaim` console script: manage.py that works from any folder."""

import os
import sys

# Django command names cannot hold a dash; the documented spelling can.
ALIASES = {"migrate-files": "migrate_files", "notify-digest": "notify_digest"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeclaim.settings")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract is ~5x slower with OpenMP threads
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
