"""gunicorn threads per process: requests/s and latency of a short local load, 1 vs 4 threads.

    .venv/bin/python bench/web_threads.py [--threads 1,4] [--clients 16] [--seconds 20]

Each round starts `homeclaim serve --workers 0` (gunicorn, WEB_CONCURRENCY=2 processes, the given
WEB_THREADS) on a throwaway SQLite database with the demo seeded, then --clients client threads
(keep-alive connections) loop for --seconds over what a person's browser asks most: their
identity, receipts, expenses and claims (token auth), the web UI's page and the health check.
The client runs on the same machine and takes CPU from the server: compare rounds, not machines.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from served import homeclaim, served

PATHS = ["/api/auth/me", "/api/receipts", "/api/expenses", "/api/claims", "/", "/api/health"]


def load(port: int, secret: str, clients: int, seconds: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed, turn = [], 0, number
        while time.monotonic() < stop_at:
            path = PATHS[turn % len(PATHS)]
            turn += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Authorization": f"Bearer {secret}"})
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", default="1,4")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="homeclaim-bench-web-") as folder:
        env = {
            **os.environ,
            "VAR_DIR": folder,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "FILES_DIR": f"{folder}/files",
            "STORAGE": "local",
            "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
        }
        env.pop("METRICS_TOKEN", None)
        homeclaim("migrate", "-v0", env=env).wait()
        homeclaim("demo", env=env, stdout=subprocess.DEVNULL).wait()
        print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
        print(f"{args.clients} clients x {args.seconds:.0f} s, {env['WEB_CONCURRENCY']} processes")
        print(
            f"{'threads':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}"
        )
        for threads in [int(t) for t in args.threads.split(",")]:
            log = Path(folder) / f"serve-{threads}.log"
            with served({**env, "WEB_THREADS": str(threads)}, log) as (_, port, secret):
                load(port, secret, args.clients, 3)  # warm every process and thread up
                latencies, errors = load(port, secret, args.clients, args.seconds)
            cuts = statistics.quantiles(latencies, n=20)
            print(
                f"{threads:>7} {len(latencies):>8} {len(latencies) / args.seconds:>7.1f} "
                f"{cuts[9] * 1000:>7.0f} {cuts[18] * 1000:>7.0f} {errors:>6}",
                flush=True,
            )
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
