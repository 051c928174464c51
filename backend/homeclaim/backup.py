"""Backups that restore: the database and every stored file, with a manifest of SHA-256 hashes.

The database is copied by its own engine, not re-serialised by Django: on SQLite with the online
backup API (a consistent page-by-page copy while the app runs), on PostgreSQL with `pg_dump`
(custom format). Both keep every row, type, sequence and constraint exactly as they are, with no
code of ours to keep in step with new fields; the price is that a backup restores into the same
engine (SQLite into SQLite, PostgreSQL into PostgreSQL).

The stored files are those the copied database names (every FileField of every model), read from
the configured storage, the disk or the bucket, so the files match the rows: on PostgreSQL the
names are read in the very snapshot that `pg_dump` copies (`pg_export_snapshot`); on SQLite from
the copy itself. Stored files are never rewritten in place (new names), so a name's content cannot
change under the copy. The manifest is written last: a backup without one is incomplete.

    DIR/manifest.json   format, engine, when, the migrations applied, each file's SHA-256 and size
    DIR/database.sqlite3 | DIR/database.pgdump
    DIR/files/<stored name>
"""

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from core.storage import save_exactly, sha256_stream, stored_sha256, walk

FORMAT = 1
MANIFEST = "manifest.json"
# Rows `migrate` itself writes: an installation with only these is still empty.
SETUP_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class BackupError(Exception):
    """Refused or failed; the message says why, in words for the operator."""


def _file_columns() -> list[tuple[str, list[str]]]:
    """(table, [file columns]) for every model with a FileField."""
    found = []
    for model in apps.get_models():
        columns = [
            f.column
            for f in model._meta.concrete_fields
            if isinstance(f, models.FileField) and f.column
        ]
        if columns:
            found.append((model._meta.db_table, columns))
    return found


def _names_from(cursor: Any, quote: Callable[[str], str]) -> set[str]:
    names: set[str] = set()
    for table, columns in _file_columns():
        cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")  # noqa: S608
        for row in cursor.fetchall():
            names.update(name for name in row if name)
    return names


def _safe(name: str) -> str:
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or ".." in parts:
        raise BackupError(f"refusing the stored name {name!r}")
    return name


def _sha256_file(path: Path) -> tuple[str, int]:
    with path.open("rb") as f:
        return sha256_stream(f)


def _pg_env() -> dict[str, str]:
    """libpq's environment for pg_dump / pg_restore from Django's connection settings."""
    conf = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if conf.get(key):
            env[var] = str(conf[key])
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    env["PGDATABASE"] = str(conf["NAME"])
    for option, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if conf.get("OPTIONS", {}).get(option):
            env[var] = str(conf["OPTIONS"][option])
    return env


def _run(args: list[str]) -> None:
    done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[-2000:]}")


def _dump_database(target: Path) -> tuple[Path, set[str]]:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = target / "database.sqlite3"
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
            names = _names_from(copy.cursor(), lambda n: '"' + n.replace('"', '""') + '"')
        finally:
            copy.close()
        return path, names
    if connection.vendor == "postgresql":
        if connection.in_atomic_block:
            raise BackupError("run the backup outside a transaction")
        path = target / "database.pgdump"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            names = _names_from(cursor, connection.ops.quote_name)
            _run(
                [
                    shutil.which("pg_dump") or "pg_dump",
                    f"--snapshot={snapshot}",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={path}",
                ]
            )
        return path, names
    raise BackupError(f"backups cover SQLite and PostgreSQL, not {connection.vendor}")


def _migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup(target: Path, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Write a backup into `target` (a new or empty folder); returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new folder")
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)  # personal data: for the operator's eyes only
    database, names = _dump_database(target)
    database.chmod(0o600)
    db_hash, db_size = _sha256_file(database)
    say(f"database ({connection.vendor}): {db_size:,} bytes")

    files: dict[str, dict[str, Any]] = {}
    missing = []
    for name in sorted(names):
        path = target / "files" / _safe(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            source = default_storage.open(name, "rb")
        except FileNotFoundError:
            missing.append(name)  # deleted after the database was copied
            continue
        with source, path.open("wb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
        digest, size = _sha256_file(path)
        files[name] = {"sha256": digest, "size": size}
    say(f"files: {len(files)} ({sum(f['size'] for f in files.values()):,} bytes)")
    if missing:
        say(f"warning: {len(missing)} files named in the database were not in the storage")

    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "engine": connection.vendor,
        "database": {"file": database.name, "sha256": db_hash, "size": db_size},
        "migrations": _migrations(),
        "files": files,
        "missing": missing,
    }
    written = target / (MANIFEST + ".partial")
    written.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    written.rename(target / MANIFEST)
    return manifest


def read_manifest(source: Path) -> dict[str, Any]:
    """The manifest, once the database dump and every file in the backup match their hashes."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} has no {MANIFEST}: not a complete backup") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    database = source / Path(manifest["database"]["file"]).name
    if not database.exists() or _sha256_file(database)[0] != manifest["database"]["sha256"]:
        raise BackupError(f"{database.name} does not match its hash in the manifest")
    for name, expected in manifest["files"].items():
        path = source / "files" / _safe(name)
        if not path.exists() or _sha256_file(path) != (expected["sha256"], expected["size"]):
            raise BackupError(f"files/{name} does not match its hash in the manifest")
    return manifest


def _rows(model: type[models.Model], tables: Iterable[str]) -> bool:
    return model._meta.db_table in tables and model._base_manager.exists()


def installation_content() -> list[str]:
    """What makes this installation non-empty: tables with rows, stored files."""
    tables = set(connection.introspection.table_names())
    found = [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in SETUP_MODELS and _rows(model, tables)
    ]
    if next(iter(walk_or_nothing()), None) is not None:
        found.append("stored files")
    return found


def walk_or_nothing() -> Iterable[str]:
    try:
        yield from walk(default_storage)
    except FileNotFoundError:  # the local files folder does not exist yet
        return


def restore(source: Path, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Bring a backup into this (empty) installation; every file is checked by its hash."""
    source = Path(source)
    manifest = read_manifest(source)
    say(f"backup of {manifest['created']}: hashes check out ({len(manifest['files'])} files)")
    connection.ensure_connection()
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"this backup is of a {manifest['engine']} database; this installation uses "
            f"{connection.vendor}: restore it into the same engine"
        )
    content = installation_content()
    if content:
        raise BackupError(
            "this installation is not empty (" + ", ".join(content[:5]) + "): restore into a "
            "new database and empty storage"
        )

    database = source / Path(manifest["database"]["file"]).name
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            raise BackupError("run the restore outside a transaction")
        copy = sqlite3.connect(database)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
        connection.close()
    else:
        # The tables are empty (checked above) but may be of a newer version than the backup's:
        # drop them all, so the dump brings back its own schema whole.
        tables = connection.introspection.table_names()
        if tables:
            with connection.cursor() as cursor:
                cursor.execute(
                    "DROP TABLE IF EXISTS "
                    + ", ".join(map(connection.ops.quote_name, tables))
                    + " CASCADE"
                )
        connection.close()
        _run(
            [
                shutil.which("pg_restore") or "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(database),
            ]
        )
    say(f"database ({connection.vendor}) restored")

    for name, expected in manifest["files"].items():
        with (source / "files" / _safe(name)).open("rb") as f:
            save_exactly(default_storage, name, f)
        if stored_sha256(default_storage, name) != (expected["sha256"], expected["size"]):
            raise BackupError(f"{name}: the restored file does not match its hash")
    say(f"files: {len(manifest['files'])} restored and checked by SHA-256")
    if manifest["missing"]:
        say(f"warning: {len(manifest['missing'])} files were missing already at backup time")
    return manifest
