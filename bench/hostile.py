"""Hostile files against memory: picture uploads in the web (#17.2) and XLSX imports (#17.5).

    .venv/bin/python bench/hostile.py [uploads] [xlsx] [--uploads 4] [--slots 2,8]
                                      [--mb 200] [--before REV]

uploads: each round starts `homeclaim serve --workers 0` (gunicorn, WEB_CONCURRENCY=2 processes
x WEB_THREADS=4) with RECEIPT_MAX_CONCURRENT_DECODES set to each of --slots, on a throwaway SQLite
database with the demo seeded. --uploads client threads then send at once a 49 MP PNG each
(7000x7000 RGBA, ~200 KB, each a different picture), while /api/health is asked every 100 ms
and the resident memory of every process of the server is sampled from /proc every 20 ms.
Reported: the peak of the gunicorn processes' RSS summed (and with the supervisor), the slowest
and p95 /api/health, the uploads' statuses and the time until the last one answered.

xlsx: each file is read through orgsetup.importing.read_sheet in a fresh process: time, peak
RSS (ru_maxrss) and the outcome. Files: the issue's single-row sheet and styles part of --mb
MB each, and under-the-cap variants that show the streaming (a 60 MB single-row sheet, a 7 MB
styles part). --before REV runs the same files through the reader of git revision REV too
(63d474a~1 is the reader before #17.5; at 200 MB it needs ~4 GB and a minute or two a file).

The client runs on the same machine as the server and takes CPU from it: compare rounds.
"""

import argparse
import http.client
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path

from served import homeclaim, served

REPO = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


# --- #17.2: uploads -------------------------------------------------------------------------


def big_pngs(count: int) -> list[bytes]:
    from PIL import Image

    files = []
    for number in range(count):
        picture = Image.new("RGBA", (7000, 7000), "white")
        picture.putpixel((number, number), (number, 0, 0, 255))  # a different file each
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        files.append(buffer.getvalue())
    return files


def post_file(port: int, secret: str, data: bytes, name: str) -> tuple[int, float, str]:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: image/png\r\n\r\n".encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {
        "Authorization": f"Bearer {secret}",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("POST", "/api/receipts", body, headers)
    response = connection.getresponse()
    answer = response.read()
    code = json.loads(answer).get("code", "") if response.status >= 400 else ""
    return response.status, time.perf_counter() - started, code


def tree_rss(root: int) -> tuple[int, int]:
    """(gunicorn processes, all processes) under `root` (the supervisor, which starts its
    children in sessions of their own): resident bytes summed."""
    parents: dict[int, int] = {}
    commands: dict[int, bytes] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            pid = int(entry.name)
            parents[pid] = int(stat[stat.rindex(")") + 2 :].split()[1])
            rss[pid] = int(Path(entry.path, "statm").read_text().split()[1]) * PAGE
            commands[pid] = Path(entry.path, "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
    web = everything = 0
    for pid, size in rss.items():
        ancestor = pid
        while ancestor not in (root, 0, 1) and ancestor in parents:
            ancestor = parents[ancestor]
        if ancestor == root:
            everything += size
            if b"gunicorn" in commands.get(pid, b""):
                web += size
    return web, everything


def warm_up(port: int, secret: str) -> None:
    """Every process and thread answers once before measuring: a cold one takes seconds."""

    def ask(path: str) -> None:
        for _ in range(6):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path, headers={"Authorization": f"Bearer {secret}"})
            connection.getresponse().read()

    askers = [
        threading.Thread(target=ask, args=(path,))
        for path in ("/api/health", "/api/receipts", "/api/auth/me") * 3
    ]
    for thread in askers:
        thread.start()
    for thread in askers:
        thread.join()
    time.sleep(1)


def upload_round(env: dict[str, str], folder: str, slots: int, files: list[bytes]) -> None:
    log = Path(folder) / f"serve-{slots}.log"
    slots_env = {**env, "RECEIPT_MAX_CONCURRENT_DECODES": str(slots)}
    with served(slots_env, log) as (serve, port, secret):
        warm_up(port, secret)
        idle_web, _ = tree_rss(serve.pid)
        stop = threading.Event()
        peaks = [0, 0]
        health: list[float] = []
        slow_at: list[float] = []
        begun = time.perf_counter()

        def sample() -> None:
            while not stop.is_set():
                web, everything = tree_rss(serve.pid)
                peaks[0], peaks[1] = max(peaks[0], web), max(peaks[1], everything)
                time.sleep(0.02)

        def ask_health() -> None:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    connection.request("GET", "/api/health")
                    connection.getresponse().read()
                    health.append(time.perf_counter() - started)
                    if health[-1] > 2:
                        slow_at.append(started - begun)
                except (OSError, http.client.HTTPException):
                    health.append(float("inf"))
                time.sleep(0.1)

        results: list[tuple[int, float, str]] = []
        lock = threading.Lock()

        def upload(number: int) -> None:
            data = files[number] + f"round {slots}".encode()  # after IEND: another file
            result = post_file(port, secret, data, f"big-{number}.png")
            with lock:
                results.append(result)

        watchers = [threading.Thread(target=sample), threading.Thread(target=ask_health)]
        for thread in watchers:
            thread.start()
        started = time.perf_counter()
        clients = [threading.Thread(target=upload, args=(n,)) for n in range(len(files))]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        wall = time.perf_counter() - started
        time.sleep(0.5)
        stop.set()
        for thread in watchers:
            thread.join()
    statuses = ", ".join(
        sorted(
            f"{status}{' ' + code if code else ''} {seconds:.1f}s"
            for status, seconds, code in results
        )
    )
    p95 = statistics.quantiles(health, n=20)[18] if len(health) >= 2 else health[0]
    slow = sum(seconds > 2 for seconds in health)
    if slow_at:
        print("      slow /api/health asked at", ", ".join(f"{t:.1f}s" for t in slow_at))
    print(
        f"{slots:>5} {idle_web / MB:>8.0f} {peaks[0] / MB:>8.0f} {peaks[1] / MB:>8.0f} "
        f"{max(health):>7.2f} {p95:>7.2f} {len(health):>4}/{slow:<3} {wall:>6.1f}  {statuses}",
        flush=True,
    )


def uploads(args: argparse.Namespace) -> None:
    print(f"making {args.uploads} PNGs of 49 MP…", flush=True)
    files = big_pngs(args.uploads)
    print(f"each {len(files[0]) / 1024:.0f} KB")
    with tempfile.TemporaryDirectory(prefix="homeclaim-bench-hostile-") as folder:
        env = {
            **os.environ,
            "VAR_DIR": folder,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "FILES_DIR": f"{folder}/files",
            "STORAGE": "local",
            "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
            "WEB_THREADS": os.environ.get("WEB_THREADS", "4"),
        }
        env.pop("METRICS_TOKEN", None)
        homeclaim("migrate", "-v0", env=env).wait()
        homeclaim("demo", env=env, stdout=subprocess.DEVNULL).wait()
        print(
            f"{args.uploads} concurrent uploads, gunicorn {env['WEB_CONCURRENCY']} processes x "
            f"{env['WEB_THREADS']} threads; load average {os.getloadavg()[0]:.2f} "
            f"({os.cpu_count()} cores)"
        )
        print(
            f"{'slots':>5} {'idle MB':>8} {'web MB':>8} {'all MB':>8} {'health':>7} "
            f"{'p95 s':>7} {'asked/>2s':>8} {'wall s':>6}  uploads"
        )
        for slots in [int(n) for n in args.slots.split(",")]:
            upload_round(env, folder, slots, files)


# --- #17.5: XLSX ------------------------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADING = ["employee_id", "full_name", "email", "role", "cost_centre", "start_date", "end_date"]


def workbook(path: Path, sheet_chunks, styles_chunks=None) -> None:
    heading = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADING)
    person = "".join(
        f'<c t="inlineStr"><is><t>{v}</t></is></c>'
        for v in ["E-1", "Ana", "ana@example.co", "worker", "CC-1", "2024-01-01"]
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="w" Type="{REL}/officeDocument" '
            f'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="P" sheetId="1" '
            f'r:id="r0"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG}">'
            f'<Relationship Id="r0" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="r1" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{heading}</row>'.encode())
            if sheet_chunks is None:
                part.write(f'<row r="2">{person}</row>'.encode())
            else:
                for chunk in sheet_chunks:
                    part.write(chunk)
            part.write(b"</sheetData></worksheet>")
        with archive.open("xl/styles.xml", "w", force_zip64=True) as part:
            part.write(f'<styleSheet xmlns="{MAIN}"><cellXfs>'.encode())
            for chunk in styles_chunks or ():
                part.write(chunk)
            part.write(b"</cellXfs></styleSheet>")


def single_row(mb: int):
    block = b"<c><v>1</v></c>" * 65_536  # 1 MB of small cells: an element each, once parsed
    yield b'<row r="2">'
    for _ in range(mb):
        yield block
    yield b"</row>"


def styles(mb: int):
    block = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 16_000  # ~1 MB
    for _ in range(mb):
        yield block


READER = """
import resource, sys, time
sys.path[:0] = [sys.argv[1], sys.argv[3]]
from orgsetup.importing import FileRefused, read_sheet
from orgsetup.rows import PEOPLE_ALIASES
data = open(sys.argv[2], "rb").read()
started = time.perf_counter()
try:
    sheet = read_sheet(data, aliases=PEOPLE_ALIASES, max_bytes=10 * 1024 * 1024, max_rows=100_000)
    outcome = f"read, {len(sheet.rows)} rows"
except FileRefused as refused:
    outcome = f"refused: {refused.problem.code} {refused.problem.params}"
except MemoryError:
    outcome = "MemoryError"
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{seconds:8.1f} {peak:8.0f}  {outcome}")
"""


def reader_of(revision: str, folder: Path) -> Path:
    """The orgsetup reader (importing, xlsx, messages, rows' aliases) as git revision had it."""
    target = folder / f"old-{revision.replace('~', '_')}"
    package = target / "orgsetup"
    package.mkdir(parents=True, exist_ok=True)
    for name in ("__init__.py", "importing.py", "xlsx.py", "messages.py", "rows.py"):
        source = subprocess.run(
            ["git", "show", f"{revision}:backend/orgsetup/{name}"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout
        (package / name).write_bytes(source)
    return target


def xlsx(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="homeclaim-bench-xlsx-") as name:
        folder = Path(name)
        cases = {
            f"single-row sheet, {args.mb} MB": (single_row(args.mb), None),
            f"styles.xml, {args.mb} MB": (None, styles(args.mb)),
            "single-row sheet, 60 MB (under the cap)": (single_row(60), None),
            "styles.xml, 7 MB (under the cap)": (None, styles(7)),
        }
        readers = {"now": REPO / "backend"}
        if args.before:
            readers[f"at {args.before}"] = reader_of(args.before, folder)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": ""}
        print(f"{'reader':>14} {'seconds':>8} {'peak MB':>8}  outcome (file)")
        for label, (sheet, style) in cases.items():
            path = folder / "hostile.xlsx"
            workbook(path, sheet, style)
            size = path.stat().st_size / 1024
            for reader, where in readers.items():
                result = subprocess.run(
                    [sys.executable, "-c", READER, str(where), str(path), str(REPO / "backend")],
                    capture_output=True,
                    text=True,
                    env=env,
                    check=False,
                )
                line = result.stdout.strip() or result.stderr.strip().splitlines()[-1]
                print(f"{reader:>14} {line}  ({label}, {size:.0f} KB zipped)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("parts", nargs="*", help="uploads, xlsx (default: both)")
    parser.add_argument("--uploads", type=int, default=4)
    parser.add_argument("--slots", default="2,8")
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--before", default="")
    args = parser.parse_args()
    parts = args.parts or ["uploads", "xlsx"]
    if set(parts) - {"uploads", "xlsx"}:
        parser.error("parts are: uploads, xlsx")
    if "uploads" in parts:
        uploads(args)
    if "xlsx" in parts:
        xlsx(args)


if __name__ == "__main__":
    main()
