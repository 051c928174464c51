"""Near-duplicate picture lookup at scale: 1.5 million receipts in one organisation.

    .venv/bin/python bench/duplicates.py [--receipts N] [--lookups N] [--layouts N]
                                         [--database URL] [--keep]

The data go to a throwaway database that is dropped afterwards (--keep leaves it): --database URL,
else BENCH_DATABASE_URL, else with DATABASE_URL=postgres://… the database
`homeclaim_bench_duplicates` on that server (the database DATABASE_URL names is never touched),
else var/bench-duplicates.sqlite3. Receipts go in with COPY on PostgreSQL and executemany on
SQLite, the model's indexes built after the load; their hashes are random 64-bit values, and every
50th is a planted near-duplicate of an earlier one (1 to 6 bits flipped). --layouts N makes 5 % of
them bills of N shared layouts instead (0 to 3 bits apart: one ISP's bills for every worker).
Each lookup is claims.duplicates.near_receipts: the band query, then the Hamming distance on its
candidates. Half the lookups are planted copies, whose original must be found (recall).
Target: p95 < 20 ms. Takes about 2.5 minutes on PostgreSQL and 5.5 on SQLite (2 busy cores).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from export import is_postgres, postgres_database, postgres_named

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "backend"))
WORKERS = 39_000
PLANT_EVERY = 50  # one receipt in 50 is the same paper photographed again
LAYOUT_SHARE = 0.05  # with --layouts: the share of receipts that are bills of a shared layout
CHUNK = 20_000
COLUMNS = (
    "id owner_id organization_id status kind file preview content_type size sha256 phash "
    "phash_band0 phash_band1 phash_band2 phash_band3 width height pages currency vendor nit cufe "
    "source raw_text candidates failure_reason attempts lease_token created_at"
).split()


def bench_database(explicit: str | None) -> str:
    if explicit or os.environ.get("BENCH_DATABASE_URL"):
        return explicit or os.environ["BENCH_DATABASE_URL"]
    app = os.environ.get("DATABASE_URL", "")
    if is_postgres(app):
        return postgres_named(app, "homeclaim_bench_duplicates")
    return f"sqlite:///{REPO / 'var' / 'bench-duplicates.sqlite3'}"


def flip(phash: int, bits: int, rng: random.Random) -> int:
    for bit in rng.sample(range(64), bits):
        phash ^= 1 << bit
    return phash


def receipt_rows(
    count: int, org_id: int, owners: list[int], planted: dict[int, tuple[int, int]], layouts: int
):
    """Rows in COLUMNS order; `planted` collects copy id → (original id, bits flipped). With
    `layouts`, LAYOUT_SHARE of the receipts are bills of that many layouts (0 to 3 bits apart)."""
    from receipts.models import phash_bands

    rng = random.Random(13)
    templates = [rng.getrandbits(64) for _ in range(layouts)]
    start = datetime(2025, 11, 1, tzinfo=UTC)
    hashes: list[int] = []
    for pk in range(1, count + 1):
        if pk > PLANT_EVERY and pk % PLANT_EVERY == 0:
            original = rng.randrange(1, pk)
            bits = rng.randint(1, 6)
            value = flip(hashes[original - 1], bits, rng)
            planted[pk] = (original, bits)
        elif templates and rng.random() < LAYOUT_SHARE:
            value = flip(rng.choice(templates), rng.randint(0, 3), rng)
        else:
            value = rng.getrandbits(64)
        hashes.append(value)
        phash = f"{value:016x}"
        created = start + timedelta(seconds=pk * 23)  # 1.5 million over about 400 days
        yield (
            pk, owners[pk % len(owners)], org_id, "done", "image", f"receipts/{org_id}/{pk}.jpg",
            "", "image/jpeg", 120_000, f"{rng.getrandbits(256):064x}", phash, *phash_bands(phash),
            1200, 1800, 1, "COP", "", "", "", "ocr", "", "[]", "", 1, "", created,
        )  # fmt: skip


def fill(count: int, planted: dict[int, tuple[int, int]], layouts: int) -> int:
    """Migrate, then an organisation, its 39,000 workers and `count` receipts; the org's id."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from accounts.models import Organization, Role, User
    from receipts.models import Receipt

    call_command("migrate", verbosity=0)
    org = Organization.objects.create(name="Bench S.A.S.", currency="COP")
    owners = [
        u.pk
        for u in User.objects.bulk_create(
            (
                User(username=f"w{i:05d}", organization=org, role=Role.WORKER, password="!")
                for i in range(WORKERS)
            ),
            batch_size=2000,
        )
    ]
    rows = receipt_rows(count, org.pk, owners, planted, layouts)
    table = connection.ops.quote_name(Receipt._meta.db_table)
    # The model's indexes are built once after the load rather than kept up to date row by row.
    with connection.schema_editor() as editor:
        for index in Receipt._meta.indexes:
            editor.remove_index(Receipt, index)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # no per-row FK checks
            with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, count])
        else:
            marks = ", ".join("?" * len(COLUMNS))
            sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"
            adapt = connection.ops.adapt_datetimefield_value
            batch: list[tuple] = []
            for row in rows:
                batch.append((*row[:-1], adapt(row[-1])))
                if len(batch) == CHUNK:
                    cursor.cursor.executemany(sql, batch)
                    batch.clear()
            cursor.cursor.executemany(sql, batch)
    loaded = time.perf_counter()
    with connection.schema_editor() as editor:
        for index in Receipt._meta.indexes:
            editor.add_index(Receipt, index)
    with connection.cursor() as cursor:
        cursor.execute(
            f"VACUUM ANALYZE {table}" if connection.vendor == "postgresql" else "ANALYZE"
        )
    print(
        f"{count:,} receipts loaded in {loaded - started:.0f} s, "
        f"indexed and analysed in {time.perf_counter() - loaded:.0f} s",
        flush=True,
    )
    return org.pk


def measure(org_id: int, count: int, lookups: int, planted: dict[int, tuple[int, int]]) -> dict:
    from claims.duplicates import band_candidates, near_receipts
    from receipts.models import Receipt

    rng = random.Random(7)
    copies = rng.sample(sorted(planted), lookups // 2)
    others: set[int] = set()
    while len(others) < lookups - len(copies):
        pk = rng.randint(1, count)
        if pk not in planted:
            others.add(pk)
    ids = copies + sorted(others)
    rng.shuffle(ids)
    hashes = dict(Receipt.objects.filter(pk__in=ids).values_list("pk", "phash"))
    for pk in ids[:20]:  # warm the connection and the statement path, as a running server has
        near_receipts(organization_id=org_id, phash=hashes[pk], exclude_id=pk)
    times, candidates, sizes, found = [], [], [], 0
    load_before, cpu_before = os.getloadavg()[0], time.process_time()
    for pk in ids:
        started = time.perf_counter()
        near = near_receipts(organization_id=org_id, phash=hashes[pk], exclude_id=pk)
        times.append((time.perf_counter() - started) * 1000)
        sizes.append(len(near))
        if pk in planted:
            found += planted[pk][0] in near
    cpu = (time.process_time() - cpu_before) * 1000 / len(ids)
    load = (load_before + os.getloadavg()[0]) / 2
    for pk in ids[:100]:
        candidates.append(len(band_candidates(organization_id=org_id, phash=hashes[pk])))
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "mean": statistics.fmean(times),
        "max": times[-1],
        "candidates": statistics.fmean(candidates),
        "recall": f"{found}/{len(copies)}",
        "near": statistics.fmean(sizes),
        "cpu": cpu,
        "load": load,
        "near_max": max(sizes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=1_500_000)
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--database")
    parser.add_argument(
        "--layouts", type=int, default=0, help="bills sharing this many layouts (ISPs), 5%% of all"
    )
    parser.add_argument("--keep", action="store_true", help="leave the bench database in place")
    args = parser.parse_args()
    url = bench_database(args.database)
    postgres = is_postgres(url)
    sqlite_file = None if postgres else Path(url.removeprefix("sqlite:///"))
    if postgres:
        postgres_database(url, "recreate")
    else:
        assert sqlite_file is not None
        sqlite_file.parent.mkdir(exist_ok=True)
        for leftover in sqlite_file.parent.glob(sqlite_file.name + "*"):
            leftover.unlink()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeclaim.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection

    try:
        planted: dict[int, tuple[int, int]] = {}
        started = time.perf_counter()
        org_id = fill(args.receipts, planted, args.layouts)
        filled = time.perf_counter() - started
        result = measure(org_id, args.receipts, args.lookups, planted)
        print(
            f"{connection.vendor}: {args.receipts:,} receipts filled and indexed in {filled:.0f} s; "
            f"{args.lookups} lookups: p50 {result['p50']:.2f} ms, p95 {result['p95']:.2f} ms, "
            f"mean {result['mean']:.2f} ms, max {result['max']:.2f} ms "
            f"(this process's CPU {result['cpu']:.2f} ms per lookup; "
            f"load average {result['load']:.1f} on {os.cpu_count()} cores); "
            f"{result['candidates']:.0f} candidates and {result['near']:.1f} near pictures "
            f"(at most {result['near_max']}) per lookup; "
            f"planted near-duplicates found {result['recall']}; "
            f"total {time.perf_counter() - started:.0f} s"
        )
    finally:
        connection.close()
        if args.keep:
            print(f"kept {url}")
        elif postgres:
            postgres_database(url, "drop")
        elif sqlite_file is not None:
            for leftover in sqlite_file.parent.glob(sqlite_file.name + "*"):
                leftover.unlink()


if __name__ == "__main__":
    main()
