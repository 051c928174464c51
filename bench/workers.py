"""Reading throughput with 1 and 2 worker processes, and a worker's memory over many receipts.

    .venv/bin/python bench/workers.py [--receipts 40] [--workers 1,2] [--soak N]

Each round starts `homeclaim serve --no-web --workers N` (the supervisor, as in production) on a
throwaway SQLite database under a temporary VAR_DIR, waits until every worker is up, then queues
the same drawn receipts at once and times until the last is read. --soak N reads N receipts with
one worker (never recycled) and prints its resident memory every 25 receipts.
Run it when the machine is otherwise idle (`uptime`): the figures are wall-clock.
"""

import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "backend"))


def setup(var_dir: Path) -> None:
    os.environ.update(
        VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'bench.sqlite3'}",
        FILES_DIR=str(var_dir / "files"),
        STORAGE="local",
        TASK_BACKEND="db",
        OMP_THREAD_LIMIT="1",
        DJANGO_SETTINGS_MODULE="homeclaim.settings",
    )
    for name in ("METRICS_TOKEN", "PROMETHEUS_MULTIPROC_DIR", "OCR_WORKERS"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def drawn(count: int, seed: int = 7) -> list[bytes]:
    from receipts.drawn import ticket

    rng = random.Random(seed)
    files = []
    for number in range(count):
        items = [
            f"{rng.choice(['SILLA', 'ESCRITORIO', 'MONITOR', 'TECLADO', 'LAMPARA'])} {n:02d}"
            f"{'':>12}$ {rng.randint(10, 900)}.{rng.randint(0, 999):03d}"
            for n in range(rng.randint(3, 12))
        ]
        total = f"TOTAL A PAGAR{'':>11}$ {rng.randint(100, 2000)}.{rng.randint(0, 999):03d}"
        lines = [f"TIENDA {number} S.A.S.", "NIT 900.123.456-7", "Fecha: 15/03/2026", *items, total]
        files.append(ticket(lines, size=rng.choice([22, 26, 30]), angle=rng.uniform(-3, 3)))
    return files


def queue(files: list[bytes], tag: str) -> list[int]:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import transaction

    from accounts.models import Organization, Role, User
    from receipts.models import Receipt
    from receipts.tasks import read_receipt

    org, _ = Organization.objects.get_or_create(name="Bench", defaults={"currency": "COP"})
    owner, _ = User.objects.get_or_create(
        username="bench", defaults={"organization": org, "role": Role.WORKER}
    )
    ids = []
    with transaction.atomic():
        for number, data in enumerate(files):
            name = default_storage.save(f"receipts/bench/{tag}-{number}.jpg", ContentFile(data))
            receipt = Receipt.objects.create(
                owner=owner,
                organization=org,
                kind="image",
                file=name,
                content_type="image/jpeg",
                size=len(data),
                sha256=hashlib.sha256(f"{tag}-{number}".encode()).hexdigest(),
                phash="0" * 16,
                width=1,
                height=1,
            )
            ids.append(receipt.pk)
        for receipt_id in ids:
            transaction.on_commit(lambda rid=receipt_id: read_receipt.enqueue(rid))
    return ids


def read_count(ids: list[int]) -> int:
    from receipts.models import Receipt, ReceiptStatus

    return Receipt.objects.filter(
        pk__in=ids,
        status__in=[ReceiptStatus.DONE, ReceiptStatus.NEEDS_REVIEW, ReceiptStatus.FAILED],
    ).count()


def worker_pids(serve: subprocess.Popen) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"HOMECLAIM_WORKER_ID=" in environ and b"worker" in cmdline:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[1]) == serve.pid:
                pids.append(int(entry.name))
    return pids


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start(workers: int, log: Path, extra: dict[str, str]) -> subprocess.Popen:
    serve = subprocess.Popen(
        [sys.executable, "-m", "homeclaim.cli", "serve", "--no-web", "--workers", str(workers)],
        env={**os.environ, **extra},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while log.read_text().count("Starting worker worker_id=") < workers:
        if time.monotonic() > deadline or serve.poll() is not None:
            raise SystemExit(f"workers did not start; see {log}")
        time.sleep(0.2)
    return serve


def stop(serve: subprocess.Popen) -> None:
    serve.send_signal(signal.SIGINT)
    try:
        serve.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(serve.pid, signal.SIGKILL)


def round_(workers: int, files: list[bytes], var_dir: Path, tag: str) -> dict[str, float]:
    log = var_dir / f"serve-{tag}.log"
    serve = start(workers, log, {"OCR_WORKER_MAX_TASKS": "0", "OCR_WORKER_MAX_RSS_MB": "0"})
    try:
        started = time.perf_counter()
        ids = queue(files, tag)
        while read_count(ids) < len(ids):
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        rss = [rss_mb(pid) for pid in worker_pids(serve)]
    finally:
        stop(serve)
    return {"seconds": seconds, "per_minute": len(ids) / seconds * 60, "rss": max(rss or [0])}


def soak(count: int, var_dir: Path) -> None:
    log = var_dir / "serve-soak.log"
    serve = start(1, log, {"OCR_WORKER_MAX_TASKS": "0", "OCR_WORKER_MAX_RSS_MB": "0"})
    try:
        (pid,) = worker_pids(serve)
        print(f"worker memory over {count} receipts (one process, never recycled)")
        print(f"{'read':>6} {'RSS MB':>8}")
        print(f"{0:>6} {rss_mb(pid):>8.0f}")
        ids = queue(drawn(count, seed=11), "soak")
        done = 0
        while done < count:
            time.sleep(0.5)
            now = read_count(ids)
            if now // 25 > done // 25 or now == count:
                print(f"{now:>6} {rss_mb(pid):>8.0f}", flush=True)
            done = now
    finally:
        stop(serve)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--receipts", type=int, default=40)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--soak", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="homeclaim-bench-workers-") as folder:
        var_dir = Path(folder)
        setup(var_dir)
        print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
        if args.soak:
            soak(args.soak, var_dir)
            return
        files = drawn(args.receipts)
        print(f"{'workers':>7} {'receipts':>8} {'seconds':>8} {'per min':>8} {'worker RSS MB':>13}")
        for workers in [int(w) for w in args.workers.split(",")]:
            figures = round_(workers, files, var_dir, f"w{workers}")
            print(
                f"{workers:>7} {len(files):>8} {figures['seconds']:>8.1f} "
                f"{figures['per_minute']:>8.1f} {figures['rss']:>13.0f}",
                flush=True,
            )
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
