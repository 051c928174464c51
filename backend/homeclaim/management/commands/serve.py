"""Serve the app through gunicorn with its reading workers, under one supervisor; Ctrl-C stops all.

A reading worker that dies is started again within a second, and what it was reading is queued
again at once (its task marked failed instead of RUNNING forever); the web keeps serving.
"""

import os
import secrets
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from homeclaim.supervisor import Child, Supervisor, describe


def metrics_folder() -> Path | None:
    """prometheus-client's multiprocess folder, when metrics are on: emptied of the files of
    processes that no longer run (a second `serve` on the same folder keeps its own). With
    metrics off the children get no folder at all: prometheus-client switches to multiprocess
    mode on the variable's mere presence, even empty."""
    if not settings.METRICS_TOKEN:
        os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
        return None
    folder = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.VAR_DIR / "prometheus")
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.db"):
        pid = path.stem.rsplit("_", 1)[-1]
        if not pid.isdigit() or not Path(f"/proc/{pid}").exists():
            path.unlink(missing_ok=True)
    return folder


class Command(BaseCommand):
    help = (
        "Run the web server (gunicorn; runserver with --dev) and OCR_WORKERS reading workers "
        "under one supervisor that restarts a dead one. Ctrl-C stops everything."
    )
    # The checks load every URL and so the reading code (~90 MB the supervisor never uses);
    # `migrate`, which make run and the web's systemd unit run first, has just run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.OCR_WORKERS,
            help="reading-worker processes (default OCR_WORKERS, 1)",
        )
        parser.add_argument("--no-web", action="store_true", help="run the reading workers only")
        parser.add_argument(
            "--dev", action="store_true", help="Django's runserver with auto-reload, not gunicorn"
        )
        parser.add_argument("--grace", type=float, default=15.0, help="seconds to stop politely")

    def handle(
        self,
        *args,
        host: str,
        port: str,
        workers: int,
        no_web: bool,
        dev: bool,
        grace: float,
        **options,
    ) -> None:
        if workers < 0:
            raise CommandError("--workers must be 0 or more")
        if no_web and not workers:
            raise CommandError("nothing to run: --no-web and no workers")
        shared: dict[str, str] = {"OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
        if folder := metrics_folder():
            shared["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
        python = sys.executable
        children: list[Child] = []

        if not no_web:
            if dev:
                web = [python, "-m", "homeclaim.cli", "runserver", f"{host}:{port}"]
            else:
                web = [python, "-m", "gunicorn", "-c", "python:homeclaim.gunicorn_conf"]
                web += ["--bind", f"{host}:{port}"]
            children.append(Child("web", lambda: (web, shared)))

        def reading_worker() -> tuple[list[str], dict[str, str]]:
            worker_id = secrets.token_hex(4)
            return (
                [python, "-m", "homeclaim.cli", "worker"],
                {**shared, "HOMECLAIM_WORKER_ID": worker_id},
            )

        def release(name: str, env: dict[str, str], returncode: int) -> None:
            # Imported here, at a worker's death, like the demo's password above only outside
            # production: the reading code costs ~70 MB (numpy, OpenCV) the supervisor never uses.
            from receipts.tasks import tasks_release_worker

            worker_id = env["HOMECLAIM_WORKER_ID"]
            try:
                failed, requeued = tasks_release_worker(
                    worker_id=worker_id, why=f"worker {worker_id} {describe(returncode)}"
                )
            finally:
                close_old_connections()
            if failed or requeued:
                self.stderr.write(
                    f"{name}: {failed} task(s) marked failed, {requeued} receipt(s) queued again"
                )

        for number in range(1, workers + 1):
            children.append(Child(f"reading worker {number}", reading_worker, on_exit=release))

        if not no_web:
            logins = ""
            if not settings.PRODUCTION:
                from demo.management.commands.demo import DEFAULT_PASSWORD

                logins = (
                    "Demo logins: ana, luis (workers), hugo (HR), nora (negotiator), admin; "
                    f"olga, omar (other organisation). Password: $DEMO_PASSWORD or {DEFAULT_PASSWORD}\n"
                )
            server = "runserver, auto-reload" if dev else "gunicorn"
            self.stdout.write(
                f"\nhomeclaim is running at http://{host}:{port}/  (API docs: /api/docs)\n"
                f"{logins}"
                f"Web: {server}; reading workers: {workers}. Press Ctrl-C to stop.\n"
            )
        self.stdout.flush()
        close_old_connections()
        status = Supervisor(children, grace=grace).run()
        if status:
            raise CommandError("a process kept failing at start; see the messages above")
