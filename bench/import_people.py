"""How long a 39,000-person import takes through the API, and the process's peak memory.

Runs against a throw-away database, removed at the end: SQLite in a temporary folder, or with
DATABASE_URL=postgres://… a new database on that server (never the one DATABASE_URL names):
    .venv/bin/python bench/import_people.py [--rows 39000] [--xlsx]
"""

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from export import is_postgres, postgres_database, postgres_named

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "backend"))
LIMIT_SECONDS = 60


def people_file(rows: int, xlsx: bool) -> bytes:
    heading = ["employee_id", "full_name", "email", "role", "cost_centre", "start_date", "end_date"]

    def row(i: int) -> list[str]:
        end = "2025-12-31" if i % 50 == 0 else ""  # some people already left
        return [
            f"E{i:06d}",
            f"Persona Núñez {i}",
            f"p{i}@example.co",
            "worker",
            f"CC-{i % 40:02d}",
            "2022-01-15",
            end,
        ]

    if xlsx:
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(heading)
        for i in range(rows):
            sheet.append(row(i))
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    lines = [";".join(heading)] + [";".join(row(i)) for i in range(rows)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=39_000)
    parser.add_argument("--xlsx", action="store_true", help="upload an XLSX instead of a CSV")
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="hc-bench-")
    os.environ["VAR_DIR"] = var
    database = os.environ.get("DATABASE_URL", "")
    if is_postgres(database):
        database = postgres_named(database, f"homeclaim_bench_import_{os.getpid()}")
        postgres_database(database, "recreate")
    else:
        database = f"sqlite:///{var}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database
    try:
        return measure(args.rows, args.xlsx)
    finally:
        from django.db import connections

        connections.close_all()
        if is_postgres(database):
            postgres_database(database, "drop")
        shutil.rmtree(var, ignore_errors=True)


def measure(rows: int, xlsx: bool) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeclaim.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import Organization, Role, User
    from accounts.services import token_create

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(name="Bench")
    admin = User.objects.create_user(
        username="bench-admin", organization=organization, role=Role.ADMIN
    )
    _, token = token_create(user=admin, name="bench")
    client = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {token}")

    data = people_file(rows, xlsx)
    name = "people.xlsx" if xlsx else "people.csv"
    print(
        f"{rows} rows, {len(data) / 1e6:.1f} MB {name[-4:]}, {os.environ['DATABASE_URL'].split('@')[-1]}"
    )
    before = peak_mb()
    results = []
    for label, dry_run in (("dry run", True), ("import", False), ("same file again", False)):
        started = time.perf_counter()
        response = client.post(
            "/api/admin/people/import",
            {"file": SimpleUploadedFile(name, data), "dry_run": str(dry_run).lower()},
        )
        elapsed = time.perf_counter() - started
        report = response.json()
        assert response.status_code == 200, report
        print(
            f"  {label:<16} {elapsed:6.1f} s   created {report['created']:>6}  "
            f"updated {report['updated']:>6}  unchanged {report['unchanged']:>6}  errors {report['error_rows']}"
        )
        results.append(elapsed)
    started = time.perf_counter()
    response = client.post(
        "/api/admin/people/activation-links", {"format": "csv"}, content_type="application/json"
    )
    assert response.status_code == 200
    codes = response.content.count(b"\n") - 1
    print(
        f"  {'activation codes':<16} {time.perf_counter() - started:6.1f} s   {codes} codes issued"
    )
    print(
        f"  peak memory (process RSS) {peak_mb():.0f} MB, {before:.0f} MB before the first import"
    )
    ok = max(results) < LIMIT_SECONDS
    print("OK: every pass under a minute" if ok else f"TOO SLOW: over {LIMIT_SECONDS} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
