"""`homeclaim backup DIR` / `homeclaim restore DIR`: the demo round-trips, every row and file.

Runs on the suite's database: SQLite by default, PostgreSQL when DATABASE_URL says so (CI runs
both). Transactional: pg_dump and pg_restore are other processes and see only committed rows.
"""

import io
import json
import time

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.storage import stored_sha256
from homeclaim.backup import walk_or_nothing
from receipts.models import Receipt
from tests.s3 import s3 as s3
from tests.s3 import s3_bucket as s3_bucket
from tests.s3 import seaweed as seaweed

pytestmark = pytest.mark.django_db(transaction=True)


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def file_hashes() -> dict[str, str]:
    return {name: stored_sha256(default_storage, name)[0] for name in walk_or_nothing()}


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def empty_the_installation() -> None:
    """A new installation: migrated tables without rows, no stored files."""
    for name in list(walk_or_nothing()):
        default_storage.delete(name)
    call_command("flush", interactive=False, verbosity=0)


def round_trip(tmp_path) -> tuple[dict, dict, dict[str, float]]:
    rows, files = row_counts(), file_hashes()
    assert files
    started = time.monotonic()
    run("backup", str(tmp_path / "backup"))
    took = {"backup": time.monotonic() - started}

    with pytest.raises(CommandError, match="not empty"):
        run("restore", str(tmp_path / "backup"))  # over the live data: refused

    empty_the_installation()
    assert file_hashes() == {}
    started = time.monotonic()
    out = run("restore", str(tmp_path / "backup"))
    took["restore"] = time.monotonic() - started
    assert "checked by SHA-256" in out
    assert row_counts() == rows  # every table, every row
    assert file_hashes() == files  # every file, byte for byte
    return rows, files, took


def test_the_demo_round_trips_through_backup_and_restore(tmp_path):
    started = time.monotonic()
    call_command("demo", stdout=io.StringIO())
    seeded = time.monotonic() - started
    rows, files, took = round_trip(tmp_path)
    assert rows[Receipt._meta.db_table] > 0 and len(files) >= rows[Receipt._meta.db_table]

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert set(manifest["files"]) == set(files)
    assert {name: f["sha256"] for name, f in manifest["files"].items()} == files
    assert manifest["missing"] == []
    print(
        f"\n{connection.vendor}: demo {seeded:.1f} s, backup {took['backup']:.2f} s, "
        f"restore {took['restore']:.2f} s, {sum(rows.values())} rows, {len(files)} files"
    )


def test_a_backup_that_does_not_match_its_hashes_is_refused(tmp_path, people, read_receipt):
    receipt = read_receipt(people["owner"])
    run("backup", str(tmp_path / "backup"))
    stored = tmp_path / "backup" / "files" / receipt.file.name
    stored.write_bytes(stored.read_bytes() + b"tampered")
    empty_the_installation()
    with pytest.raises(CommandError, match="does not match its hash"):
        run("restore", str(tmp_path / "backup"))
    assert row_counts()[Receipt._meta.db_table] == 0  # nothing was touched


def test_backup_refuses_a_folder_in_use_and_restore_one_without_manifest(tmp_path, org):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        run("backup", str(tmp_path / "used"))
    with pytest.raises(CommandError, match="manifest"):
        run("restore", str(tmp_path / "used"))


def test_files_in_the_bucket_round_trip_too(tmp_path, s3, people, read_receipt):
    for seed in range(3):
        read_receipt(people["owner"], seed=seed)
    assert len(s3.keys()) == 3
    _, files, _ = round_trip(tmp_path)
    assert sorted(files) == s3.keys()


def test_restore_into_an_installation_migrated_by_newer_code(tmp_path, people, read_receipt):
    """A table the backup does not know (a later migration), pointing at one it does: replaced."""
    read_receipt(people["owner"])
    rows, files = row_counts(), file_hashes()
    run("backup", str(tmp_path / "backup"))
    empty_the_installation()
    user = connection.ops.quote_name(people["owner"]._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE later_feature (id integer PRIMARY KEY, user_id bigint REFERENCES {user}(id))"
        )
    run("restore", str(tmp_path / "backup"))
    assert row_counts() == rows  # the backup's own schema, whole
    assert file_hashes() == files
