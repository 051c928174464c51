"""The `homeclaim` console script: manage.py that works from any folder."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeclaim.settings")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract is ~5x slower with OpenMP threads
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
