"""OCR benchmark: accuracy and speed of receipts.ocr.pipeline.read() on a labelled receipt folder.

    .venv/bin/python bench/ocr.py [FOLDER] [--limit N] [--every N] [--workers N] [--set sroie|de]
                                  [--baseline] [--tesseract-only] [--scaling N] [--misses]

FOLDER defaults to ../shared/receipts next to the repository (labels.csv + images/).
"""

import argparse
import csv
import datetime
import os
import resource
import statistics
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "backend"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

TODAY = datetime.date(2026, 11, 28)  # labels are older; a fixed day keeps runs comparable


_BASELINE = False


def _init(second_opinion: bool, baseline: bool) -> None:
    global _BASELINE
    from receipts.ocr import pipeline, second

    pipeline.SECOND_OPINION = second_opinion
    _BASELINE = baseline
    if second_opinion and second.available():
        second._get_engine()  # a running worker has its models loaded already


def _rss_mb() -> float:
    """This process's resident memory now, in MB."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read_one(path: str) -> dict:
    from receipts.ocr import pipeline

    # the baseline runs right beside the reading, so both see the same machine load
    baseline = _plain_tesseract(path) if _BASELINE else None
    data = Path(path).read_bytes()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        reading = pipeline.read(data, default_currency="COP", today=TODAY)
    except Exception as error:  # a crash is a result to count, not to stop on
        return {"seconds": time.perf_counter() - started, "error": type(error).__name__}
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": time.process_time() - cpu,
        "rss": _rss_mb(),
        "peak_rss": _peak_rss_mb(),
        "baseline": baseline,
        "total": reading.total,
        "confident": reading.confident,
        "confidence": reading.confidence,
        "currency": reading.currency,
        "date": reading.date,
        "vendor": reading.vendor,
        "sure_date": reading.sure("date"),
        "sure_vendor": reading.sure("vendor"),
        "source": reading.source,
    }


def _plain_tesseract(path: str) -> tuple[float, float]:
    """Wall and CPU seconds of the tesseract command on the file."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        ["tesseract", path, "stdout", "-l", "spa+eng", "--psm", "6"],
        capture_output=True,
        check=False,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return time.perf_counter() - started, cpu


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _letters(text: str) -> str:
    """Letters and digits, accents folded: Tesseract has no Latvian model ("ZAĻAIS" reads ZALAIS)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.upper() if ch.isalnum())


def _same_vendor(label: str, read: str | None) -> bool:
    """The merchant named, loosely: one name contains the other's first 12 letters and digits."""
    want, got = _letters(label), _letters(read or "")
    return bool(want and got) and (want[:12] in got or got[:12] in want)


def _label_date(label: str) -> datetime.date | None:
    """A label's date: as receipts print them, or run together as YYYYMMDD (one SROIE label)."""
    from receipts.ocr.parse import parse_date

    if len(label) == 8 and label.isdigit():
        return datetime.date(int(label[:4]), int(label[4:6]), int(label[6:]))
    return parse_date(label, TODAY)


def _share(rights: list[bool]) -> str:
    return f"{sum(rights) / len(rights):.1%}" if rights else "-"


def _report(name: str, rows: list[dict], results: list[dict]) -> None:
    n = len(rows)
    exact = sum(
        r.get("total") == Decimal(row["total"]) for row, r in zip(rows, results, strict=True)
    )
    confident = [(row, r) for row, r in zip(rows, results, strict=True) if r.get("confident")]
    right = sum(r["total"] == Decimal(row["total"]) for row, r in confident)
    currency = sum(
        r.get("currency") == row["currency"] for row, r in zip(rows, results, strict=True)
    )
    errors = sum("error" in r for r in results)
    right_date = [r.get("date") is not None and r.get("date") == _label_date(row["date"])
                  for row, r in zip(rows, results, strict=True)]  # fmt: skip
    right_vendor = [_same_vendor(row.get("company", ""), r.get("vendor")) for row, r in
                    zip(rows, results, strict=True)]  # fmt: skip
    sure = {
        field: [right for right, r in zip(rights, results, strict=True) if r.get(f"sure_{field}")]
        for field, rights in (("date", right_date), ("vendor", right_vendor))
    }
    dates, vendor = sum(right_date), sum(right_vendor)
    print(
        f"{name:8} n={n:4}  exact total {exact / n:6.1%}  confident {len(confident) / n:6.1%}"
        f"  precision {right / max(1, len(confident)):6.1%}  date {dates / n:6.1%}"
        f"  currency {currency / n:6.1%}  vendor {vendor / n:6.1%}  errors {errors}"
    )
    print(
        f"{'':8} sure of the date {len(sure['date']) / n:6.1%} (right {_share(sure['date'])}),"
        f" of the vendor {len(sure['vendor']) / n:6.1%} (right {_share(sure['vendor'])})"
    )
    seconds = [r["seconds"] for r in results]
    peak = max((r.get("peak_rss", 0.0) for r in results), default=0.0)
    line = (
        f"{'':8} seconds mean {statistics.mean(seconds):.2f}  p50 {_percentile(seconds, 0.5):.2f}"
        f"  p95 {_percentile(seconds, 0.95):.2f}  peak RSS {peak:.0f} MB"
    )
    cpu = [r.get("cpu", 0.0) for r in results]
    line += f"  | CPU s mean {statistics.mean(cpu):.2f}  p50 {_percentile(cpu, 0.5):.2f}"
    line += f"  p95 {_percentile(cpu, 0.95):.2f}"
    baseline = [r["baseline"][0] for r in results if r.get("baseline") is not None]
    base_cpu = [r["baseline"][1] for r in results if r.get("baseline") is not None]
    if baseline:
        line += (
            f"\n{'':8} plain tesseract spa+eng psm 6: mean {statistics.mean(baseline):.2f}"
            f"  p50 {_percentile(baseline, 0.5):.2f}  p95 {_percentile(baseline, 0.95):.2f}"
            f"  (CPU mean {statistics.mean(base_cpu):.2f})  ratio {sum(seconds) / sum(baseline):.2f}x"
            f"  (CPU {sum(cpu) / max(1e-9, sum(base_cpu)):.2f}x)"
        )
    print(line)


def _read_all(paths: list[str], workers: int, init: tuple) -> tuple[list[dict], float]:
    """Every receipt's result, and the wall-clock seconds the batch took."""
    with ProcessPoolExecutor(workers, initializer=_init, initargs=init) as pool:
        pool.submit(time.sleep, 0).result()  # processes started and engines loaded, as a worker's
        started = time.perf_counter()
        results = []
        for done, result in enumerate(pool.map(_read_one, paths), start=1):
            results.append(result)
            if done % 10 == 0:
                print(f"  {done}/{len(paths)}", file=sys.stderr, flush=True)
        return results, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(REPO.parent / "shared" / "receipts"))
    parser.add_argument("--limit", type=int, default=0, help="first N receipts only")
    parser.add_argument("--every", type=int, default=1, help="every Nth receipt (a spread sample)")
    parser.add_argument("--workers", type=int, default=1, help="processes to read with")
    parser.add_argument("--set", dest="subset", help="only this set (sroie, de)")
    parser.add_argument("--baseline", action="store_true", help="also time plain tesseract --psm 6")
    parser.add_argument("--tesseract-only", action="store_true", help="no second engine")
    parser.add_argument("--misses", action="store_true", help="list ids read wrongly")
    parser.add_argument(
        "--scaling", type=int, default=0, metavar="N",
        help="then time the first N receipts with 1 and with 2 workers",
    )  # fmt: skip
    args = parser.parse_args()

    labels = Path(args.folder) / "labels.csv"
    if not labels.is_file():
        print(f"skipped: no receipt set at {args.folder} (labels.csv missing)")
        return 0
    with labels.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if not args.subset or r["set"] == args.subset]
    rows = rows[:: max(1, args.every)]
    if args.limit:
        rows = rows[: args.limit]
    paths = [str(Path(args.folder) / row["file"]) for row in rows]
    init = (not args.tesseract_only, args.baseline)
    results, wall = _read_all(paths, args.workers, init)
    baseline = [r["baseline"] for r in results if r.get("baseline") is not None]

    engines = "tesseract" if args.tesseract_only else "tesseract + second engine where unsure"
    print(f"{engines}, workers={args.workers}, receipts={len(rows)}")
    for name in sorted({row["set"] for row in rows}):
        chosen = [(row, r) for row, r in zip(rows, results, strict=True) if row["set"] == name]
        _report(name, [c[0] for c in chosen], [c[1] for c in chosen])
    _report("overall", rows, results)
    seconds = [r["seconds"] for r in results]
    sources = {s: sum(r.get("source") == s for r in results) for s in ("pdf_text", "qr", "ocr")}
    print(f"sources: {sources}")
    print(
        f"seconds per receipt: mean {statistics.mean(seconds):.2f}  "
        f"p50 {_percentile(seconds, 0.5):.2f}  p95 {_percentile(seconds, 0.95):.2f}  "
        f"wall {wall:.1f}s  throughput {len(rows) / wall:.2f} receipts/s"
        + (" (wall includes the baseline)" if baseline else "")
    )
    rss = [r["rss"] for r in results if "rss" in r]
    if rss:
        later = rss[min(len(rss), 12 * args.workers) - 1 :]
        print(
            f"resident memory per worker: after a dozen {later[0]:.0f} MB, then between"
            f" {min(later):.0f} and {max(later):.0f} MB, at the end {rss[-1]:.0f} MB,"
            f" peak {max(r.get('peak_rss', 0.0) for r in results):.0f} MB"
        )
    if args.scaling:
        batch = paths[: args.scaling]
        _, one = _read_all(batch, 1, (not args.tesseract_only, False))
        _, two = _read_all(batch, 2, (not args.tesseract_only, False))
        print(f"{len(batch)} receipts: 1 worker {one:.1f}s, 2 workers {two:.1f}s, "
              f"speed-up {one / two:.2f}x")  # fmt: skip
    if args.misses:
        for row, r in zip(rows, results, strict=True):
            if r.get("total") != Decimal(row["total"]):
                print(f"  miss {row['id']}: want {row['total']} got {r.get('total')} "
                      f"conf {r.get('confidence')} {r.get('error', '')}")  # fmt: skip
        for row, r in zip(rows, results, strict=True):
            if r.get("confident") and r.get("total") != Decimal(row["total"]):
                print(f"  WRONG CONFIDENT {row['id']}: want {row['total']} got {r.get('total')}")
        for row, r in zip(rows, results, strict=True):
            if r.get("date") != _label_date(row["date"]):
                print(f"  date {row['id']}: want {row['date']} got {r.get('date')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
