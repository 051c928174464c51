"""Export benchmark: 39,000 workers × 12 months of claims; payroll of one month, bargaining of a year.

    .venv/bin/python bench/export.py [--workers N] [--reuse] [--database URL]

The data go to their own database, which is wiped: --database URL, else BENCH_DATABASE_URL,
else with DATABASE_URL=postgres://… the database `homeclaim_bench` on that server (created when
missing; the database DATABASE_URL names is never touched), else var/bench-export.sqlite3.
Each measurement runs in a fresh process so its peak memory (ru_maxrss) is its own.
Targets: < 10 s and < 300 MB each.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "backend"))
FIRST_MONTH, LAST_MONTH = date(2025, 12, 1), date(2026, 11, 1)  # the 12 months up to today
PAID_EARLIER = datetime(2026, 1, 1, tzinfo=UTC)  # paid_at of the months before the last
CHUNK = 1000  # workers per bulk insert round


def months() -> list[date]:
    result, current = [], FIRST_MONTH
    while current <= LAST_MONTH:
        result.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return result


def setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeclaim.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def bench_database(explicit: str | None) -> str:
    """The database the bench wipes and fills (see the module's docstring)."""
    if explicit:
        return explicit
    app = os.environ.get("DATABASE_URL", "")
    if is_postgres(app):
        return postgres_named(app, "homeclaim_bench")
    return f"sqlite:///{REPO / 'var' / 'bench-export.sqlite3'}"


def postgres_named(url: str, name: str) -> str:
    """The same PostgreSQL server and credentials as `url`, database `name`."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def postgres_database(url: str, action: str) -> None:
    """`create` (when missing), `recreate` or `drop` the database `url` names, from `postgres`."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(postgres_named(url, "postgres"), autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and action in ("recreate", "drop"):
            server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        if action == "recreate" or (action == "create" and not exists):
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not inherited at exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- data -----------------------------------------------------------------------------------


def generate(workers: int) -> dict:
    """Fresh data: users through bulk_create, claims and lines as raw multi-row inserts."""
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from accounts.models import Organization, Role, User
    from claims.models import Category, Claim, Expense, Policy
    from demo.management.commands.demo import seed_categories

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    org = Organization.objects.create(name="Bench S.A.S.", currency="COP")
    seed_categories(org)
    policy = {p.category.code: p.pk for p in Policy.objects.select_related("category")}
    category = {c.code: c.pk for c in Category.objects.filter(organization=org)}
    User.objects.create(username="bench-hr", organization=org, role=Role.HR, password="!")
    ops = connection.ops
    now = ops.adapt_datetimefield_value(datetime.now(tz=UTC))
    earlier = ops.adapt_datetimefield_value(PAID_EARLIER)
    claim_sql, claim_columns = _insert_sql(Claim)
    expense_sql, expense_columns = _insert_sql(Expense)
    rng = random.Random(42)
    all_months = months()
    counts = {"workers": 0, "claims": 0, "lines": 0}
    claim_id = expense_id = 0
    for first in range(0, workers, CHUNK):
        with transaction.atomic(), connection.cursor() as cursor:
            people = User.objects.bulk_create(
                User(
                    username=f"bench{i:05d}",
                    first_name=f"Persona{i}",
                    last_name="Bench",
                    employee_id=f"B-{i:05d}",
                    cost_centre=f"CC-{i % 40:02d}",
                    organization=org,
                    role=Role.WORKER,
                    password="!",
                )
                for i in range(first, min(first + CHUNK, workers))
            )
            claims, expenses = [], []
            for person in people:
                chair_month, desk_month = rng.randrange(12), rng.randrange(12)
                for index, month in enumerate(all_months):
                    lines = [_line(rng, "internet", month)]
                    if index == chair_month:
                        lines.append(_line(rng, "chair", month))
                    if index == desk_month:
                        lines.append(_line(rng, "desk", month))
                    status = _status({line["decision"] for line in lines})
                    if status in ("approved", "partially_approved") and month != LAST_MONTH:
                        status = "paid"
                    claim_id += 1
                    claim = {
                        "id": claim_id,
                        "owner_id": person.pk,
                        "organization_id": org.pk,
                        "status": status,
                        "version": 3,
                        "created_at": earlier,
                        "submitted_at": earlier,
                        "decided_at": earlier,
                        "decided_by_id": None,
                        "paid_at": earlier if status == "paid" else None,
                        "review_opened_at": earlier,
                    }
                    claims.append([claim[c] for c in claim_columns])
                    for line in lines:
                        expense_id += 1
                        code = line.pop("code")
                        row = {
                            **dict.fromkeys(expense_columns, ""),
                            **line,
                            "id": expense_id,
                            "owner_id": person.pk,
                            "organization_id": org.pk,
                            "receipt_id": None,
                            "category_id": category[code],
                            "policy_id": policy[code],
                            "claim_id": claim_id,
                            "currency": "COP",
                            "read_amount": None,
                            "exchange_rate": None,
                            "flags": "[]",
                            "appealed_at": None,
                            "created_at": now,
                            "updated_at": now,
                        }
                        expenses.append([_adapt(ops, row[c]) for c in expense_columns])
            cursor.executemany(claim_sql, claims)
            cursor.executemany(expense_sql, expenses)
            counts["workers"] += len(people)
            counts["claims"] += len(claims)
            counts["lines"] += len(expenses)
    for model in (Claim, Expense):  # explicit ids: move PostgreSQL's sequences past them
        for sql in ops.sequence_reset_sql(no_style(), [model]):
            with connection.cursor() as cursor:
                cursor.execute(sql)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _insert_sql(model) -> tuple[str, list[str]]:
    from django.db import connection

    columns = [field.column for field in model._meta.concrete_fields]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {model._meta.db_table} ({names}) VALUES ({marks})", columns


def _adapt(ops, value):
    if isinstance(value, Decimal):
        return ops.adapt_decimalfield_value(value, 14, 2)
    if isinstance(value, date):
        return ops.adapt_datefield_value(value)
    return value


def _line(rng: random.Random, code: str, month: date) -> dict:
    day = month + timedelta(days=rng.randrange(27))
    if code == "internet":
        amount = Decimal(rng.randrange(60, 150) * 1000)
        eligible = min(amount / 2, Decimal(80000))
    else:
        amount = Decimal(rng.randrange(200, 900) * 1000)
        eligible = min(amount, Decimal(600000 if code == "chair" else 500000))
    roll = rng.random()
    decision, approved, reason = "approve", eligible, ""
    if roll > 0.9:
        decision, approved, reason = "reject", None, rng.choice(["not_eligible", "duplicate"])
    elif roll > 0.8:
        decision, approved, reason = "partial", (eligible * Decimal("0.5")), "over_cap"
    return {
        "code": code,
        "amount": amount,
        "converted_amount": amount,
        "eligible_amount": eligible,
        "date": day,
        "service_month": month if code == "internet" else None,
        "decision": decision,
        "approved_amount": approved,
        "reason_code": reason,
        "override": False,
    }


def _status(decisions: set[str]) -> str:
    if decisions == {"approve"}:
        return "approved"
    if decisions == {"reject"}:
        return "rejected"
    return "partially_approved"


def reset_last_month() -> None:
    """Undo an earlier run's payroll so it can be measured again (--reuse)."""
    from claims.models import Claim, ClaimEvent
    from exports.models import PayrollBatch, PayrollLine

    PayrollLine.objects.all().delete()
    PayrollBatch.objects.all().delete()
    ClaimEvent.objects.all()._raw_delete(ClaimEvent.objects.db)  # append-only, except for a bench
    Claim.objects.filter(status="paid", paid_at__gt=PAID_EARLIER).update(
        status="approved", paid_at=None
    )


# --- measurements (each in its own process) -------------------------------------------------


def cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def measure(what: str) -> dict:
    from accounts.models import User
    from exports import files, selectors, services

    hr = User.objects.get(username="bench-hr")
    baseline = rss_mb()
    result: dict = {"what": what, "baseline_rss_mb": round(baseline, 1)}
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = used.ru_utime + used.ru_stime
    server_before = server_cpu()
    started = time.perf_counter()
    if what == "payroll":
        batch = services.payroll_batch_create(actor=hr, period=LAST_MONTH)
        result["batch_seconds"] = round(time.perf_counter() - started, 2)
        result["batch_cpu"] = round(cpu() - cpu_before, 2)
        mark_cpu = cpu()
        result["lines"], result["total"] = batch.line_count, str(batch.total)
        mark = time.perf_counter()
        content = files.payroll_xlsx(batch, "es")
        result["xlsx_seconds"] = round(time.perf_counter() - mark, 2)
        result["xlsx_cpu"] = round(cpu() - mark_cpu, 2)
        result["xlsx_bytes"] = _size(content)
        mark, mark_cpu = time.perf_counter(), cpu()
        content = files.payroll_csv(batch, "es")
        result["csv_seconds"] = round(time.perf_counter() - mark, 2)
        result["csv_cpu"] = round(cpu() - mark_cpu, 2)
        result["csv_bytes"] = _size(content)
        result["rows"] = (
            selectors.PayrollLine.objects.filter(batch=batch)
            .values("employee_id", "concept")
            .distinct()
            .count()
        )
    else:
        report = selectors.bargaining_report(hr, FIRST_MONTH, LAST_MONTH)
        result["aggregate_seconds"] = round(time.perf_counter() - started, 2)
        mark = time.perf_counter()
        content = files.bargaining_xlsx(report, "es")
        result["xlsx_seconds"] = round(time.perf_counter() - mark, 2)
        result["xlsx_bytes"] = _size(content)
        result["lines"] = report.total.lines
        result["workers"] = report.total.workers
        result["cells"] = len(report.cells)
    result["seconds"] = round(time.perf_counter() - started, 2)
    used = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds of this process (with SQLite, the database work too): less sensitive to load.
    result["cpu_seconds"] = round(used.ru_utime + used.ru_stime - cpu_before, 2)
    if server_before is not None:  # PostgreSQL works in its own process: count its CPU too
        result["db_server_cpu_seconds"] = round(server_cpu() - server_before, 2)
    result["peak_rss_mb"] = round(rss_mb(), 1)
    return result


def server_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL backend process (same machine), else None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def analyze() -> None:
    """Fresh table statistics, so the planner sees 546,000 lines and not an empty table.

    On PostgreSQL also VACUUM, as autovacuum long since has on a real year of claims: without
    it the first query to read each freshly inserted row also writes its page (hint bits),
    and the first measurement after generating the data paid ~4 s for that.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _size(content) -> int:
    content.seek(0, 2)
    size = content.tell()
    content.close()
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=39000)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--measure", choices=["payroll", "bargaining"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.database = bench_database(args.database)
    if is_postgres(args.database) and not args.measure:
        postgres_database(args.database, "create")
    setup_django(args.database)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return

    load = os.getloadavg()
    print(f"database: {args.database.split('@')[-1]}")
    print(
        f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores"
    )
    if args.reuse:
        reset_last_month()
        print("data: reused from an earlier run")
    else:
        counts = generate(args.workers)
        print(
            f"data: {counts['workers']:,} workers, {counts['claims']:,} claims, "
            f"{counts['lines']:,} lines in {counts['seconds']} s (bulk_create)"
        )
    analyze()
    for what in ("payroll", "bargaining"):
        command = [sys.executable, __file__, "--measure", what, "--database", args.database]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        ok = result["seconds"] < 10 and result["peak_rss_mb"] < 300
        print(f"{what}: {json.dumps(result)}")
        server = result.get("db_server_cpu_seconds")
        print(
            f"  -> {result['seconds']} s ({result['cpu_seconds']} s CPU"
            + (f" + {server} s in the database server" if server is not None else "")
            + "), "
            f"peak RSS {result['peak_rss_mb']} MB "
            f"({'within' if ok else 'OVER'} the 10 s / 300 MB target)"
        )
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    tempfile.tempdir = tempfile.gettempdir()
    main()
