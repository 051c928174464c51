"""Real processes against the test database: `homeclaim serve` / `homeclaim worker` started as a
person would, with their environment pointed at the database and files of the running test."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from receipts.drawn import ticket
from receipts.models import Receipt
from receipts.tasks import read_receipt

REPO = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = quote(db.get("PASSWORD") or "")
    return f"postgres://{db['USER']}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PROMETHEUS_", "S3_", "HOMECLAIM_", "OCR_", "METRICS_", "WEB_"))
    }
    env.update(
        DATABASE_URL=database_url(),
        VAR_DIR=str(tmp_path / "var"),
        FILES_DIR=str(settings.FILES_DIR),
        STORAGE="local",
        TASK_BACKEND="db",
        HOMECLAIM_ENV="local",
        DEBUG="false",
        OMP_THREAD_LIMIT="1",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def homeclaim(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    out = log.open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "homeclaim.cli", *args],
        env=env,
        cwd=REPO,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, *, headers: dict[str, str] | None = None, timeout: float = 5) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except OSError:
        return 0, ""


def wait_for(condition: Callable[[], object], timeout: float, every: float = 0.1) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(every)
    raise AssertionError(f"not true within {timeout} s: {condition}")


def descendants(pid: int) -> set[int]:
    """Every process below pid (by parent links in /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


def reading_workers(serve_pid: int) -> dict[str, int]:
    """worker id -> pid of the reading workers under a supervisor (from their environment)."""
    found = {}
    for pid in descendants(serve_pid):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"worker" not in cmdline:
            continue
        for item in environ:
            if item.startswith(b"HOMECLAIM_WORKER_ID="):
                found[item.split(b"=", 1)[1].decode()] = pid
    return found


def queue_receipts(owner, count: int, first: int = 0) -> list[Receipt]:
    """Drawn tickets, stored and queued for reading (committed: the workers are other processes)."""
    receipts = []
    for number in range(first, first + count):
        lines = [
            f"TIENDA NUMERO {number} S.A.S.",
            "NIT 900.123.456-7",
            "Fecha: 15/03/2026",
            f"SILLA                   $ {100 + number}.000",
            f"TOTAL A PAGAR           $ {100 + number}.000",
            *(f"ARTICULO {line:03d} REFERENCIA {number}   $ {line}.500" for line in range(30)),
        ]
        name = default_storage.save(f"receipts/t/{number}.jpg", ContentFile(ticket(lines)))
        receipts.append(
            Receipt.objects.create(
                owner=owner,
                organization=owner.organization,
                kind="image",
                file=name,
                content_type="image/jpeg",
                size=1,
                sha256=f"{number:064x}",
                phash=f"{number:016x}",
                width=1,
                height=1,
            )
        )
    for receipt in receipts:
        read_receipt.enqueue(receipt.pk)
    return receipts
