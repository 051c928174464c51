"""Serve the app and run the background worker together; Ctrl-C stops both."""

import signal
import subprocess
import sys

from django.core.management.base import BaseCommand

from demo.management.commands.demo import DEFAULT_PASSWORD


class Command(BaseCommand):
    help = "Run the web server and one task worker (the laptop / demo set-up)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host: str, port: str, **options) -> None:
        cli = [sys.executable, "-m", "homeclaim.cli"]
        worker = subprocess.Popen([*cli, "worker"])  # noqa: S603
        web = subprocess.Popen([*cli, "runserver", "--noreload", f"{host}:{port}"])  # noqa: S603
        self.stdout.write(
            f"\nhomeclaim is running at http://{host}:{port}/  (API docs: /api/docs)\n"
            f"Demo logins: ana, luis (workers), hugo (HR), nora (negotiator), admin; "
            f"olga, omar (other organisation). Password: $DEMO_PASSWORD or {DEFAULT_PASSWORD}\n"
            "Press Ctrl-C to stop.\n"
        )
        try:
            while web.poll() is None and worker.poll() is None:
                try:
                    web.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    pass
        except KeyboardInterrupt:
            pass
        finally:
            for process in (web, worker):
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in (web, worker):
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
