"""One reading worker process: runs queued tasks, re-queues receipts whose worker died, and exits
(to be started afresh by its supervisor) after OCR_WORKER_MAX_TASKS tasks or past
OCR_WORKER_MAX_RSS_MB of memory, so the OCR engines' memory stays bounded."""

import logging
import os
import re
import secrets
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from receipts import services, tasks

log = logging.getLogger("homeclaim.worker")


def rss_mb() -> float:
    """This process's resident memory now (Linux /proc), in MB; 0 where it cannot be read."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class ReadingWorker(Worker):
    def __init__(self, *, max_rss_mb: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_rss_mb = max_rss_mb

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        rss = rss_mb()
        if self._run_tasks % 50 == 0:
            log.info("worker %s: %d tasks, %.0f MB", self.worker_id, self._run_tasks, rss)
        if self.max_rss_mb and rss > self.max_rss_mb:
            log.info(
                "worker %s: %.0f MB after %d tasks (limit %d MB): exiting to be started afresh",
                self.worker_id,
                rss,
                self._run_tasks,
                self.max_rss_mb,
            )
            self.running = False


def _sweep_forever(stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        try:
            tasks.tasks_fail_abandoned()
            services.receipts_requeue_expired()
        except Exception:
            log.exception("sweeping expired leases failed")
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = (
        "Run one reading worker: queued tasks, and every few seconds re-queue expired receipt "
        "leases. Exits after --max-tasks tasks or past --max-rss-mb (its supervisor restarts it)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--worker-id",
            default=os.environ.get("HOMECLAIM_WORKER_ID") or secrets.token_hex(4),
            help="8 hex digits, unique among running workers (default: $HOMECLAIM_WORKER_ID or random)",
        )
        parser.add_argument("--sweep-every", type=float, default=15.0)
        parser.add_argument("--interval", type=float, default=1.0, help="poll an empty queue every")
        parser.add_argument("--max-tasks", type=int, default=settings.OCR_WORKER_MAX_TASKS)
        parser.add_argument("--max-rss-mb", type=int, default=settings.OCR_WORKER_MAX_RSS_MB)
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")

    def handle(
        self,
        *args,
        worker_id: str,
        sweep_every: float,
        interval: float,
        max_tasks: int,
        max_rss_mb: int,
        batch: bool,
        **options,
    ) -> None:
        if not re.fullmatch(r"[0-9a-f]{8}", worker_id):
            raise CommandError("--worker-id must be 8 lowercase hex digits")
        services.reading_holder_set(worker_id)
        tasks.tasks_fail_abandoned()
        services.receipts_requeue_expired()
        close_old_connections()
        stop = threading.Event()
        threading.Thread(target=_sweep_forever, args=(stop, sweep_every), daemon=True).start()
        worker = ReadingWorker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=max_tasks or None,
            worker_id=worker_id,
            excluded_queue_names=[],
            max_rss_mb=max_rss_mb,
        )
        log.info("worker %s started (pid %d)", worker_id, os.getpid())
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
            log.info("worker %s stopped after %d tasks", worker_id, worker._run_tasks)
