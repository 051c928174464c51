"""A throwaway `homeclaim serve` for the benchmarks that load the web server (hostile, web_threads)."""

import http.client
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def homeclaim(*args: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "homeclaim.cli", *args], env=env, **kwargs)


def token(port: int) -> str:
    """The demo worker's API token."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"username": "ana", "password": "homeclaim-demo"})
    connection.request("POST", "/api/auth/token", body, {"Content-Type": "application/json"})
    return json.loads(connection.getresponse().read())["token"]


@contextmanager
def served(env: dict[str, str], log: Path) -> Iterator[tuple[subprocess.Popen, int, str]]:
    """gunicorn with no task workers on a free port, its output in `log`: (process, port, the
    demo worker's token) once it answers; stopped as Ctrl-C would on leaving."""
    port = free_port()
    serve = homeclaim(
        "serve", "--port", str(port), "--workers", "0", env=env,
        stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(600):
            try:
                secret = token(port)
                break
            except (OSError, http.client.HTTPException, KeyError, ValueError):
                time.sleep(0.2)
        else:
            raise SystemExit(f"the server did not start; see {log}")
        yield serve, port, secret
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(30)
