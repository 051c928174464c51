"""Load benchmark: a month-end mix through locust against the production set-up on this machine.

    .venv/bin/python bench/load.py [--workers 300] [--users 20] [--spawn-rate 5] [--run-time 5m]

Starts, on free ports and in a temporary folder: a throwaway PostgreSQL database on
BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432), SeaweedFS (STORAGE=s3) and
`homeclaim serve` (gunicorn, WEB_CONCURRENCY=2, and OCR_WORKERS=2 reading workers). The data:
bench/export.py's organisation with --workers home workers × 12 months of claims, half of the
last month's claims submitted and undecided (HR's queue), the rest approved (the payroll
preview), one HR reviewer and one negotiator; an API token each, made through the services.
Rate limits are lifted for the bench (UPLOADS_PER_HOUR=100000, ORG_QUEUE_MAX=100000): 16 users
share a few hundred people's uploads, which production would throttle per person.
Prints requests/s, p50/p95/p99 per endpoint, the errors (target 0), the RSS of every process at
start and end and the load average; stops everything it started and drops the database.
The locust client runs on the same machine and takes CPU from the server.
"""

import argparse
import csv
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "backend"))
sys.path.insert(0, str(REPO / "bench"))

import export  # noqa: E402  (bench/export.py: the data and the database helpers)
from homeclaim.seaweed import Ports, SeaweedServer  # noqa: E402

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def seed(workers: int, out: Path) -> None:
    """In this (Django) process: the data and a token per person, written to `out`."""
    from django.db import connection, connections

    from accounts.models import Organization, Role, User
    from accounts.services import token_create
    from claims.models import Claim, Expense

    counts = export.generate(workers)
    org = Organization.objects.get()
    last = export.LAST_MONTH
    # Half of the last month's claims are waiting for HR, their lines undecided.
    waiting = list(
        Expense.objects.filter(service_month=last, owner__username__regex=r"[02468]$")
        .values_list("claim_id", flat=True)
        .distinct()
    )
    Claim.objects.filter(pk__in=waiting).update(
        status="submitted", version=1, decided_at=None, review_opened_at=None
    )
    Expense.objects.filter(claim_id__in=waiting).update(
        decision="", approved_amount=None, reason_code=""
    )
    negotiator = User.objects.create(
        username="bench-negotiator", organization=org, role=Role.NEGOTIATOR, password="!"
    )
    tokens: dict = {"workers": [], "hr": [], "negotiator": []}
    for user in User.objects.filter(organization=org, role=Role.WORKER):
        tokens["workers"].append(token_create(user=user, name="bench")[1])
    tokens["hr"].append(token_create(user=User.objects.get(username="bench-hr"), name="b")[1])
    tokens["negotiator"].append(token_create(user=negotiator, name="bench")[1])
    tokens.update(period=f"{last:%Y-%m}", to=f"{last:%Y-%m}")
    tokens["from"] = f"{export.FIRST_MONTH:%Y-%m}"
    out.write_text(json.dumps(tokens))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connections.close_all()
    print(
        f"data: {counts['workers']:,} workers, {counts['claims']:,} claims, "
        f"{counts['lines']:,} lines ({len(waiting)} claims waiting for HR) "
        f"in {counts['seconds']} s",
        flush=True,
    )


# --- processes ------------------------------------------------------------------------------


def processes() -> dict[int, tuple[int, str, int]]:
    """pid -> (parent, command line, RSS in KB) for every process we can read."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            rss = int(Path(entry.path, "statm").read_text().split()[1]) * PAGE_KB
            command = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError, IndexError):
            continue
        table[int(entry.name)] = (parent, command.strip(), rss)
    return table


def descendants(table: dict, roots: set[int]) -> list[int]:
    found = [pid for pid in roots if pid in table]
    for pid in sorted(table):
        if pid not in found and _under(table, pid, roots):
            found.append(pid)
    return found


def _under(table: dict, pid: int, roots: set[int]) -> bool:
    while pid in table and pid not in (0, 1):
        if pid in roots:
            return True
        pid = table[pid][0]
    return False


def label(table: dict, pid: int) -> str:
    command = table[pid][1]
    if "gunicorn" in command:
        parent = table.get(table[pid][0], (0, "", 0))[1]
        return "gunicorn worker" if "gunicorn" in parent else "gunicorn arbiter"
    if "weed" in command:
        return "SeaweedFS"
    if "postgres" in command:
        return "postgres backend"
    if " worker" in command or "HOMECLAIM_WORKER" in command:
        return "reading worker"
    if "serve" in command:
        return "supervisor (homeclaim serve)"
    return command[:60]


def postgres_backends(database: str) -> set[int]:
    import psycopg

    name = database.rsplit("/", 1)[1]
    with psycopg.connect(export.postgres_named(database, "postgres")) as server:
        rows = server.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [name])
        return {row[0] for row in rows}


def receipts_by_status(database: str) -> str:
    """How far the reading workers got: the receipts of the run by status."""
    import psycopg

    with psycopg.connect(database) as db:
        rows = db.execute("SELECT status, COUNT(*) FROM receipts_receipt GROUP BY 1 ORDER BY 1")
        return ", ".join(f"{status} {count}" for status, count in rows) or "none"


def memory(serve_pid: int, weed_pid: int, database: str) -> list[tuple[int, str, int]]:
    table = processes()
    rows = [(pid, label(table, pid), table[pid][2]) for pid in descendants(table, {serve_pid})]
    rows += [(pid, "SeaweedFS", table[pid][2]) for pid in descendants(table, {weed_pid})]
    rows += [
        (pid, "postgres backend", table[pid][2])
        for pid in sorted(postgres_backends(database))
        if pid in table
    ]
    return rows


def print_memory(title: str, rows: list[tuple[int, str, int]]) -> None:
    print(f"RSS {title} (load average {load_average()}):")
    for pid, name, kb in rows:
        print(f"  {pid or '':>8} {name:<30} {kb / 1024:8.1f} MB")
    print(f"  {'':>8} {'total':<30} {sum(kb for _, _, kb in rows) / 1024:8.1f} MB", flush=True)


class Peaks(threading.Thread):
    """The largest RSS seen every few seconds during the run, per process; PostgreSQL's backends
    live only while a request holds its connection (a new one per request), so they are summed
    up as one row: how many were seen, and the most of their memory at one moment."""

    def __init__(self, serve_pid: int, weed_pid: int, database: str) -> None:
        super().__init__(daemon=True)
        self.args = (serve_pid, weed_pid, database)
        self.peak: dict[tuple[int, str], int] = {}
        self.backends: set[int] = set()
        self.backends_peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(3):
            try:
                rows = memory(*self.args)
            except Exception:  # a process that ended while read: next round
                continue
            backends = 0
            for pid, name, kb in rows:
                if name == "postgres backend":
                    self.backends.add(pid)
                    backends += kb
                else:
                    self.peak[pid, name] = max(kb, self.peak.get((pid, name), 0))
            self.backends_peak = max(self.backends_peak, backends)

    def rows(self) -> list[tuple[int, str, int]]:
        self.done.set()
        self.join()
        rows = [(pid, name, kb) for (pid, name), kb in self.peak.items()]
        label = f"{len(self.backends)} postgres backends"
        return [*rows, (0, f"{label}, most at once", self.backends_peak)]


def wait_ready(port: int, serve: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if serve.poll() is not None:
            raise SystemExit(f"homeclaim serve stopped; see {log}:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.5)
    raise SystemExit(f"homeclaim serve did not answer in {timeout:.0f} s; see {log}")


def warm(port: int, secrets: list[str]) -> None:
    """Each gunicorn process and thread answers once before the clock starts."""
    for secret in secrets:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/api/claims", headers={"Authorization": f"Bearer {secret}"})
        connection.getresponse().read()


def report(prefix: Path, seconds: float) -> int:
    rows = list(csv.DictReader((prefix.parent / f"{prefix.name}_stats.csv").open()))
    print(
        f"{'endpoint':<42} {'requests':>8} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'errors':>6}  (ms)"
    )
    errors = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        if row["Type"] == "RACE":
            print(f"{name:<42} {row['Request Count']:>8}  (not an error)")
            continue
        print(
            f"{name:<42} {row['Request Count']:>8} {float(row['Requests/s']):>6.2f} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6} {row['Failure Count']:>6}"
        )
        if row["Name"] == "Aggregated":
            errors = int(row["Failure Count"])
    failures = prefix.parent / f"{prefix.name}_failures.csv"
    if failures.exists():
        for row in list(csv.DictReader(failures.open()))[:10]:
            print(
                f"  failure: {row['Method']} {row['Name']}: {row['Error'][:160]} ×{row['Occurrences']}"
            )
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=300, help="home workers in the organisation")
    parser.add_argument("--users", type=int, default=20, help="locust users (16:3:1 by role)")
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--run-time", default="5m")
    parser.add_argument("--ocr-workers", type=int, default=2)
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--seed-only", help=argparse.SUPPRESS)
    args = parser.parse_args()

    database = f"{args.postgres.rstrip('/')}/homeclaim_load_{os.getpid()}"
    if args.seed_only:
        export.setup_django(os.environ["DATABASE_URL"])
        seed(args.workers, Path(args.seed_only))
        return

    print(f"load average before: {load_average()}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="homeclaim-bench-load-"))
    weed = serve = None
    export.postgres_database(database, "recreate")
    try:
        ports = Ports.free()
        weed = SeaweedServer(folder / "s3", ports, log=folder / "weed.log")
        print(f"SeaweedFS answered after {weed.start(timeout=180):.1f} s", flush=True)
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "VAR_DIR": str(folder),
            "STORAGE": "s3",
            "S3_ENDPOINT_URL": weed.endpoint,
            "S3_BUCKET": "homeclaim-bench",
            "S3_ACCESS_KEY": weed.access_key,
            "S3_SECRET_KEY": weed.secret_key,
            "OCR_WORKERS": str(args.ocr_workers),
            "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
            "UPLOADS_PER_HOUR": "100000",
            "ORG_QUEUE_MAX": "100000",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("METRICS_TOKEN", None)
        tokens = folder / "tokens.json"
        command = [sys.executable, "-m", "homeclaim.cli"]
        subprocess.run([*command, "migrate", "-v0"], env=env, check=True)
        subprocess.run(
            [sys.executable, __file__, "--workers", str(args.workers), "--seed-only", str(tokens)],
            env=env,
            check=True,
        )
        log = folder / "serve.log"
        serve = subprocess.Popen(
            [*command, "serve", "--port", str(port), "--workers", str(args.ocr_workers)],
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_ready(port, serve, log)
        secrets = json.loads(tokens.read_text())
        warm(port, secrets["workers"][:8] + secrets["hr"])
        time.sleep(2)
        print_memory("at start", memory(serve.pid, weed.process.pid, database))
        prefix = folder / "locust"
        print(
            f"locust: {args.users} users (+{args.spawn_rate}/s) for {args.run_time} on "
            f"{env['WEB_CONCURRENCY']} gunicorn processes, {args.ocr_workers} reading workers",
            flush=True,
        )
        started = time.monotonic()
        peaks = Peaks(serve.pid, weed.process.pid, database)
        peaks.start()
        subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(REPO / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                args.run_time,
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
            ],
            env={**env, "BENCH_LOAD_TOKENS": str(tokens)},
            check=True,
            stdout=(folder / "locust.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        seconds = time.monotonic() - started
        print_memory("at end", memory(serve.pid, weed.process.pid, database))
        print_memory("peak during the run, sampled every 3 s", peaks.rows())
        errors = report(prefix, seconds)
        print(f"receipts uploaded during the run, by status: {receipts_by_status(database)}")
        print(f"errors: {errors} (target 0); load average after: {load_average()}")
    finally:
        if serve is not None and serve.poll() is None:
            serve.send_signal(signal.SIGINT)
            try:
                serve.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
        if weed is not None:
            weed.stop(grace=3)
        export.postgres_database(database, "drop")
        subprocess.run(["rm", "-rf", str(folder)], check=False)


if __name__ == "__main__":
    main()
