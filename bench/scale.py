"""Scale benchmark: 380,000 workers × 12 months in PostgreSQL; the pages people open, and payroll.

    .venv/bin/python bench/scale.py [--workers 380000] [--requests 200] [--reuse] [--keep]
                                    [--database URL]

The data go with COPY into their own database, dropped afterwards unless --keep (--reuse measures
the data a --keep run left): --database URL, else BENCH_DATABASE_URL, else the database
`homeclaim_bench_scale` on BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432).
Per worker: 12 monthly claims with an internet line, a chair and a desk once a year (as
bench/export.py), each line with its receipt (a photo with a random picture hash); a fifth of the
last month's claims are submitted and undecided (HR's queue), the rest decided, the months before
paid. Each line names one of 500 vendors, so the vendor/amount/date duplicate check has work.

Measured in this process through Django's test client (token auth, the whole request path without
the network), --requests each over different people, then p50/p95: HR's queue (pages 1-10), a
worker's receipts, expenses and claims, a claim's detail, and the duplicate check of a line
(claims.duplicates.duplicate_flags: same file, same picture, same vendor/amount/date);
target p95 < 100 ms. Then the payroll of the last month (bench/export.py --measure payroll in a
fresh process: batch, XLSX and CSV); target < 60 s and < 500 MB peak RSS.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "backend"))
sys.path.insert(0, str(REPO / "bench"))

import export  # noqa: E402  (months, lines, database helpers)

VENDORS = 500
QUEUE_SHARE = 10  # claim ids ≡ 0 mod 10 wait for HR: 12 claims a person, so a fifth of them
CHUNK = 5000  # workers per COPY round


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


class Table:
    """COPY rows of a model: every concrete column, from a template instance, a few varying."""

    def __init__(self, model, varying: list[str], **fixed) -> None:
        from django.db import connection
        from django.db.models import JSONField

        self.model = model
        fields = model._meta.concrete_fields
        template = model(**fixed)
        self.columns = [field.column for field in fields]
        self.row = []
        for field in fields:
            value = getattr(template, field.attname)
            if isinstance(field, JSONField):
                value = json.dumps(value)
            elif value is not None:
                value = field.get_db_prep_save(value, connection)
            self.row.append(value)
        self.slots = [self.columns.index(name) for name in varying]
        self.rows: list[list] = []

    def add(self, *values) -> None:
        row = self.row.copy()
        for slot, value in zip(self.slots, values, strict=True):
            row[slot] = value
        self.rows.append(row)

    def flush(self, cursor) -> int:
        table = self.model._meta.db_table
        names = ", ".join(f'"{c}"' for c in self.columns)
        with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in self.rows:
                copy.write_row(row)
        count, self.rows = len(self.rows), []
        return count


def fill(workers: int) -> dict:
    """Migrate, then the organisation, its HR and `workers` people with a year each, by COPY."""
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import Organization, Role, User
    from claims.models import Category, Claim, Expense, Policy
    from demo.management.commands.demo import seed_categories
    from receipts.models import Receipt, phash_bands

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    org = Organization.objects.create(name="Bench S.A.S.", currency="COP")
    seed_categories(org)
    User.objects.create(username="bench-hr", organization=org, role=Role.HR, password="!")
    policy = {p.category.code: p.pk for p in Policy.objects.select_related("category")}
    category = {c.code: c.pk for c in Category.objects.filter(organization=org)}
    earlier = datetime(2026, 1, 1, tzinfo=UTC)
    now = datetime.now(tz=UTC)
    people = Table(
        User,
        ["id", "username", "first_name", "employee_id", "cost_centre"],
        username="x",
        last_name="Bench",
        organization_id=org.pk,
        role=Role.WORKER,
        password="!",
        date_joined=earlier,
    )
    claims = Table(
        Claim,
        ["id", "owner_id", "status", "submitted_at", "decided_at", "paid_at", "review_opened_at"],
        organization_id=org.pk,
        version=3,
        created_at=earlier,
    )
    receipts = Table(
        Receipt,
        "id owner_id file sha256 phash phash_band0 phash_band1 phash_band2 phash_band3 vendor "
        "created_at".split(),
        organization_id=org.pk,
        status="done",
        kind="image",
        content_type="image/jpeg",
        size=120_000,
        width=1200,
        height=1800,
        pages=1,
        currency="COP",
        source="ocr",
        attempts=1,
        created_at=earlier,
    )
    expenses = Table(
        Expense,
        "id owner_id receipt_id category_id policy_id claim_id amount converted_amount "
        "eligible_amount date service_month decision approved_amount reason_code vendor".split(),
        organization_id=org.pk,
        currency="COP",
        flags=[],
        created_at=now,
        updated_at=now,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM accounts_user")
        first_user = cursor.fetchone()[0] + 1
    # The models' own indexes are built once after the load, not kept up to date row by row.
    models = (Claim, Expense, Receipt)
    with connection.schema_editor() as editor:
        for model in models:
            for index in model._meta.indexes:
                editor.remove_index(model, index)
    rng = random.Random(42)
    vendors = [f"PROVEEDOR {n:03d} S.A.S." for n in range(VENDORS)]
    all_months = export.months()
    counts = {"workers": 0, "claims": 0, "lines": 0}
    claim_id = expense_id = 0
    for first in range(0, workers, CHUNK):
        with connection.cursor() as outer:
            outer.execute("BEGIN")
            outer.execute("SET LOCAL session_replication_role = replica")  # no per-row FK checks
            cursor = outer.cursor
            for i in range(first, min(first + CHUNK, workers)):
                person = first_user + i
                people.add(person, f"bench{i:06d}", f"Persona{i}", f"B-{i:06d}", f"CC-{i % 40:02d}")
                chair_month, desk_month = rng.randrange(12), rng.randrange(12)
                for index, month in enumerate(all_months):
                    lines = [export._line(rng, "internet", month)]
                    if index == chair_month:
                        lines.append(export._line(rng, "chair", month))
                    if index == desk_month:
                        lines.append(export._line(rng, "desk", month))
                    claim_id += 1
                    last = month == export.LAST_MONTH
                    waiting = last and claim_id % QUEUE_SHARE == 0
                    if waiting:
                        status = "submitted"
                    else:
                        status = export._status({line["decision"] for line in lines})
                        if status in ("approved", "partially_approved") and not last:
                            status = "paid"
                    # Spread over the month's last 8 days: the queue's order has no ties.
                    spread = timedelta(seconds=claim_id * 7919 % (8 * 86400))
                    submitted = datetime(month.year, month.month, 20, tzinfo=UTC) + spread
                    claims.add(
                        claim_id,
                        person,
                        status,
                        submitted,
                        None if waiting else submitted,
                        earlier if status == "paid" else None,  # as export.reset_last_month expects
                        None if waiting else submitted,
                    )
                    for line in lines:
                        expense_id += 1
                        phash = f"{rng.getrandbits(64):016x}"
                        vendor = rng.choice(vendors)
                        receipts.add(
                            expense_id,
                            person,
                            f"receipts/{org.pk}/{expense_id}.jpg",
                            f"{rng.getrandbits(256):064x}",
                            phash,
                            *phash_bands(phash),
                            vendor,
                            datetime(month.year, month.month, 27, tzinfo=UTC),
                        )
                        code = line["code"]
                        expenses.add(
                            expense_id,
                            person,
                            expense_id,
                            category[code],
                            policy[code],
                            claim_id,
                            line["amount"],
                            line["converted_amount"],
                            line["eligible_amount"],
                            line["date"],
                            line["service_month"],
                            "" if waiting else line["decision"],
                            None if waiting else line["approved_amount"],
                            "" if waiting else line["reason_code"],
                            vendor,
                        )
            counts["workers"] += people.flush(cursor)
            counts["claims"] += claims.flush(cursor)
            receipts.flush(cursor)
            counts["lines"] += expenses.flush(cursor)
            outer.execute("COMMIT")
        print(
            f"  {counts['workers']:,} workers ({time.perf_counter() - started:.0f} s)", flush=True
        )
    loaded = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (User, Claim, Expense, Receipt):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}"
            )
    with connection.schema_editor() as editor:
        for model in models:
            for index in model._meta.indexes:
                editor.add_index(model, index)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    counts["load_seconds"] = round(loaded - started)
    counts["index_seconds"] = round(time.perf_counter() - loaded)
    return counts


# --- measurements ---------------------------------------------------------------------------


def timed(calls, warm: int = 5) -> dict:
    for call in calls[:warm]:
        call()
    times, cpu = [], []
    for call in calls:
        started, cpu_started = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    times.sort()
    return {
        "n": len(times),
        "p50": statistics.median(times),
        "p95": times[max(0, int(len(times) * 0.95) - 1)],
        "max": times[-1],
        "cpu": statistics.median(cpu),  # this process's CPU: the load of others inflates wall time
    }


def measure(requests: int) -> dict[str, dict]:
    from django.test import Client

    from accounts.models import User
    from accounts.services import token_create
    from claims.duplicates import duplicate_flags
    from claims.models import Claim, Expense

    rng = random.Random(7)
    hr = User.objects.get(username="bench-hr")
    ids = list(User.objects.filter(role="worker").values_list("pk", flat=True))
    people = User.objects.filter(pk__in=rng.sample(ids, min(requests, len(ids))))
    clients = {}
    for person in [hr, *people]:
        secret = token_create(user=person, name="bench-scale")[1]
        clients[person.pk] = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_HOST="localhost")
    workers = [clients[p.pk] for p in people]
    workers = (workers * (requests // len(workers) + 1))[:requests]

    def get(client, path):
        def call():
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} {response.content[:300]!r}")

        return call

    own_claims = list(
        Claim.objects.filter(owner__in=people).values_list("owner_id", "pk").order_by("?")
    )[:requests]
    lines = list(
        Expense.objects.filter(owner__in=people).select_related("receipt").order_by("?")[:requests]
    )
    hr_client = clients[hr.pk]
    results = {
        "HR queue page (1-10)": timed(
            [get(hr_client, f"/api/claims?page={rng.randint(1, 10)}") for _ in range(requests)]
        ),
        "worker: GET /api/receipts": timed([get(c, "/api/receipts") for c in workers]),
        "worker: GET /api/expenses": timed([get(c, "/api/expenses") for c in workers]),
        "worker: GET /api/claims": timed([get(c, "/api/claims") for c in workers]),
        "worker: GET /api/claims/{id}": timed(
            [get(clients[owner], f"/api/claims/{pk}") for owner, pk in own_claims]
        ),
        "duplicate_flags(line)": timed([lambda e=e: duplicate_flags(e) for e in lines]),
    }
    return results


def payroll(database: str) -> dict:
    command = [sys.executable, str(REPO / "bench" / "export.py"), "--measure", "payroll"]
    output = subprocess.run(
        [*command, "--database", database], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=380_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="measure the data of a --keep run")
    parser.add_argument("--keep", action="store_true", help="leave the database for --reuse")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    database = args.database or f"{server.rstrip('/')}/homeclaim_bench_scale"
    print(f"database: {database.split('@')[-1]}; load average before: {load_average()}")
    if not args.reuse:
        export.postgres_database(database, "recreate")
    os.environ["LOG_LEVEL"] = "WARNING"
    export.setup_django(database)
    try:
        if not args.reuse:
            counts = fill(args.workers)
            print(
                f"data: {counts['workers']:,} workers, {counts['claims']:,} claims, "
                f"{counts['lines']:,} lines and receipts: COPY {counts['load_seconds']} s, "
                f"indexes and VACUUM ANALYZE {counts['index_seconds']} s "
                f"(load average {load_average()})",
                flush=True,
            )
        else:
            export.reset_last_month()
        print(
            f"{'request':<32} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
            f"{'CPU p50':>7}  target p95"
        )
        for name, row in measure(args.requests).items():
            verdict = "ok" if row["p95"] < 100 else "MISSED (< 100 ms)"
            print(
                f"{name:<32} {row['n']:>4} {row['p50']:>7.1f} {row['p95']:>7.1f} "
                f"{row['max']:>7.0f} {row['cpu']:>7.1f}  {verdict}",
                flush=True,
            )
        print(f"load average: {load_average()}", flush=True)
        from django.db import connections

        connections.close_all()
        result = payroll(database)
        ok = result["seconds"] < 60 and result["peak_rss_mb"] < 500
        print(f"payroll of {export.LAST_MONTH:%Y-%m}: {json.dumps(result)}")
        print(
            f"  -> {result['seconds']} s, peak RSS {result['peak_rss_mb']} MB "
            f"({'within' if ok else 'OVER'} the 60 s / 500 MB target)"
        )
        print(f"load average after: {load_average()}")
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            export.postgres_database(database, "drop")


if __name__ == "__main__":
    main()
