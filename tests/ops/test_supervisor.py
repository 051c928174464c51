"""`homeclaim serve` as real processes: a reading worker killed with SIGKILL is restarted, the web
keeps answering, its receipt is read without waiting for the lease, and Ctrl-C (or the death of
the supervisor itself) leaves no process behind. Two workers never read one receipt twice."""

import os
import signal
import time

import pytest
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector

from receipts.models import Receipt, ReceiptStatus
from receipts.tasks import read_receipt
from tests.ops import processes as p

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

READ = (ReceiptStatus.DONE, ReceiptStatus.NEEDS_REVIEW)


def _all_read(ids: list[int]) -> bool:
    return Receipt.objects.filter(pk__in=ids, status__in=READ).count() == len(ids)


def _stop(serve, timeout: float = 30) -> None:
    if serve.poll() is None:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout)
        except Exception:
            os.killpg(serve.pid, signal.SIGKILL)
            raise


def test_a_killed_worker_is_restarted_the_web_keeps_serving_and_its_receipt_is_read(
    people, tmp_path
):
    port = p.free_port()
    env = p.environment(tmp_path, METRICS_TOKEN="t0ken", RECEIPT_LEASE_SECONDS="60")
    log = tmp_path / "serve.log"
    serve = p.homeclaim("serve", "--port", str(port), "--workers", "2", env=env, log=log)
    base = f"http://127.0.0.1:{port}"
    try:
        p.wait_for(lambda: p.get(f"{base}/api/health")[0] == 200, timeout=90, every=0.5)
        workers = p.wait_for(
            lambda: len(p.reading_workers(serve.pid)) == 2 and p.reading_workers(serve.pid), 60
        )
        ids = [r.pk for r in p.queue_receipts(people["owner"], 6)]
        # Catch a worker in the middle of a reading: its lease token starts with its id.
        held = p.wait_for(
            lambda: (
                Receipt.objects.filter(status=ReceiptStatus.PROCESSING)
                .values_list("pk", "lease_token")
                .first()
            ),
            timeout=90,
            every=0.02,
        )
        victim_receipt, token = held
        victim_id = token[:8]
        victim_pid = workers[victim_id]
        os.kill(victim_pid, signal.SIGKILL)
        killed_at = time.monotonic()

        # A new worker process takes its place within seconds, and the web never stops.
        restarted = p.wait_for(
            lambda: (
                len(p.reading_workers(serve.pid)) == 2
                and victim_pid not in p.reading_workers(serve.pid).values()
            ),
            timeout=10,
            every=0.1,
        )
        assert restarted
        restart_seconds = time.monotonic() - killed_at
        assert p.get(f"{base}/api/health")[0] == 200

        # The killed task does not stay RUNNING, and the receipt is read again long before the
        # 60 s lease would have expired.
        p.wait_for(lambda: _all_read(ids), timeout=120, every=0.5)
        assert time.monotonic() - killed_at < 60
        victim = Receipt.objects.get(pk=victim_receipt)
        assert victim.attempts == 2
        assert set(
            Receipt.objects.exclude(pk=victim_receipt).values_list("attempts", flat=True)
        ) == {1}
        assert not DBTaskResult.objects.filter(status="RUNNING").exists()
        died = DBTaskResult.objects.get(status="FAILED")
        assert died.exception_class_path == "homeclaim.WorkerDied"
        assert died.worker_ids[-1] == victim_id

        # The workers' reading figures reach /metrics through the shared multiprocess folder.
        status, body = p.get(f"{base}/metrics", headers={"Authorization": "Bearer t0ken"})
        assert status == 200
        counts = [
            float(line.rsplit(" ", 1)[1])
            for line in body.splitlines()
            if line.startswith("homeclaim_receipt_read_seconds_count")
        ]
        assert sum(counts) == 6, body
        print(f"worker restarted {restart_seconds:.1f} s after SIGKILL")

        # Ctrl-C stops the supervisor, gunicorn's arbiter and its processes, and the workers.
        everyone = p.descendants(serve.pid)
        assert len(everyone) >= 5  # gunicorn arbiter + 2 web processes + 2 reading workers
        _stop(serve)
        assert serve.returncode == 0, log.read_text()[-3000:]
        p.wait_for(lambda: not p.alive(everyone), timeout=10)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)


def test_when_the_supervisor_itself_is_killed_its_children_go_too(people, tmp_path):
    port = p.free_port()
    env = p.environment(tmp_path)
    serve = p.homeclaim(
        "serve", "--port", str(port), "--workers", "1", env=env, log=tmp_path / "s.log"
    )
    try:
        p.wait_for(lambda: p.get(f"http://127.0.0.1:{port}/api/health")[0] == 200, 90, 0.5)
        p.wait_for(lambda: p.reading_workers(serve.pid), 60)
        everyone = p.descendants(serve.pid)
        serve.kill()
        serve.wait(5)
        p.wait_for(lambda: not p.alive(everyone), timeout=20)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)


def test_two_workers_never_read_the_same_receipt_twice(people, tmp_path):
    receipts = p.queue_receipts(people["owner"], 8)
    ids = [r.pk for r in receipts]
    for receipt_id in ids:  # every receipt queued twice: both workers may pick up the same one
        read_receipt.enqueue(receipt_id)
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    env = p.environment(tmp_path, PROMETHEUS_MULTIPROC_DIR=str(metrics))
    workers = [
        p.homeclaim(
            "worker",
            "--batch",
            "--worker-id",
            worker_id,
            env=env,
            log=tmp_path / f"{worker_id}.log",
        )
        for worker_id in ("0000000a", "0000000b")
    ]
    try:
        for worker in workers:
            assert worker.wait(240) == 0
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)

    assert _all_read(ids)
    assert set(Receipt.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == {1}
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 16
    # Readings actually done, counted by the workers themselves: one per receipt.
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(metrics))
    read = sum(
        sample.value
        for family in registry.collect()
        for sample in family.samples
        if sample.name == "homeclaim_receipt_read_seconds_count"
    )
    assert read == 8
    holders = {
        token[:8]
        for token in Receipt.objects.filter(pk__in=ids).values_list("lease_token", flat=True)
    }
    assert holders <= {"0000000a", "0000000b"}
