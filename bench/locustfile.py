"""The month-end mix of `make bench-load` (bench/load.py starts the set-up and runs this).

BENCH_LOAD_TOKENS names a JSON file {"workers": [...], "hr": [...], "negotiator": [...],
"period": "YYYY-MM", "from": "YYYY-MM", "to": "YYYY-MM"} of API token secrets made through the
services (no logins). One negotiator; the other users 16:3 workers to HR (20 users: 16, 3, 1).
"""

import json
import os
import random
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))
from receipts.drawn import ticket

DATA = json.loads(Path(os.environ["BENCH_LOAD_TOKENS"]).read_text())
ITEMS = ["SILLA", "ESCRITORIO", "MONITOR", "TECLADO", "LAMPARA", "ROUTER"]


def receipt(rng: random.Random) -> bytes:
    """A small drawn ticket, different every time (a store number and amounts of its own)."""
    items = [
        f"{rng.choice(ITEMS)} {n:02d}{'':>12}$ {rng.randint(10, 900)}.{rng.randint(0, 999):03d}"
        for n in range(rng.randint(2, 6))
    ]
    total = f"TOTAL A PAGAR{'':>11}$ {rng.randint(100, 2000)}.{rng.randint(0, 999):03d}"
    store = f"TIENDA {rng.randrange(10**6)} S.A.S."
    return ticket([store, "NIT 900.123.456-7", "Fecha: 15/11/2026", *items, total], size=22)


class Authed(HttpUser):
    abstract = True
    role = ""

    def on_start(self) -> None:
        secret = random.choice(DATA[self.role])
        self.client.headers["Authorization"] = f"Bearer {secret}"
        self.rng = random.Random()


class Worker(Authed):
    """A home worker at month end: uploads a receipt now and then, mostly looks at their lists."""

    role = "workers"
    weight = 16
    wait_time = between(1, 4)

    @task(1)
    def upload(self) -> None:
        files = {"file": ("ticket.jpg", receipt(self.rng), "image/jpeg")}
        self.client.post("/api/receipts", files=files, name="POST /api/receipts")

    @task(3)
    def receipts(self) -> None:
        self.client.get("/api/receipts", name="GET /api/receipts")

    @task(2)
    def expenses(self) -> None:
        self.client.get("/api/expenses", name="GET /api/expenses")

    @task(3)
    def claims(self) -> None:
        self.client.get("/api/claims", name="GET /api/claims (mine)")


class Reviewer(Authed):
    """HR: pages the review queue, opens a claim and decides its lines; the payroll preview."""

    role = "hr"
    weight = 3
    wait_time = between(1, 3)

    @task(3)
    def queue(self) -> None:
        page = self.rng.randint(1, 3)
        with self.client.get(
            f"/api/claims?page={page}", name="GET /api/claims?page= (HR queue)", catch_response=True
        ) as response:
            if response.status_code == 404:  # a page past the end of a shrinking queue
                response.success()

    @task(2)
    def decide(self) -> None:
        answer = self.client.get(
            "/api/claims?status=submitted", name="GET /api/claims?status=submitted"
        )
        items = answer.json().get("items", []) if answer.ok else []
        if not items:
            return
        claim = self.rng.choice(items)
        detail = self.client.get(f"/api/claims/{claim['id']}", name="GET /api/claims/{id}")
        if not detail.ok:
            return
        body = detail.json()
        lines = [
            {"expense_id": line["id"], "action": "approve"}
            for line in body["lines"]
            if not line["decision"]
        ]
        if not lines:
            return
        with self.client.post(
            f"/api/claims/{claim['id']}/decision",
            json={"lines": lines, "version": body["version"]},
            name="POST /api/claims/{id}/decision",
            catch_response=True,
        ) as response:
            if response.status_code == 409:  # two reviewers on one claim: the second is told
                response.success()
                self.environment.events.request.fire(
                    request_type="RACE",
                    name="decision 409 (another reviewer first)",
                    response_time=0,
                    response_length=0,
                    exception=None,
                    context={},
                )

    @task(1)
    def payroll_preview(self) -> None:
        self.client.get(
            f"/api/exports/payroll/preview?period={DATA['period']}",
            name="GET /api/exports/payroll/preview",
        )


class Negotiator(Authed):
    """The union's negotiator on the dashboard: a year of anonymised figures."""

    role = "negotiator"
    fixed_count = 1  # always one, however few users
    wait_time = between(3, 8)

    @task
    def dashboard(self) -> None:
        self.client.get(
            f"/api/exports/bargaining?from={DATA['from']}&to={DATA['to']}",
            name="GET /api/exports/bargaining",
        )
