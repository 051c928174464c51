"""The background worker: runs queued tasks and re-queues receipts whose worker died."""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from receipts.services import receipts_requeue_expired


def _sweep_forever(stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        try:
            receipts_requeue_expired()
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = "Run the task worker (db_worker) and, every minute, re-queue expired receipt leases."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sweep-every", type=float, default=60.0)

    def handle(self, *args, sweep_every: float, **options) -> None:
        receipts_requeue_expired()
        stop = threading.Event()
        threading.Thread(target=_sweep_forever, args=(stop, sweep_every), daemon=True).start()
        try:
            call_command("db_worker", "--no-startup-delay", "--no-reload")
        finally:
            stop.set()
