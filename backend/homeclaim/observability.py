"""Request ids, the request log line, and Prometheus metrics at /metrics.

Metrics in several processes (gunicorn's and the reading workers'): `homeclaim serve` points
every process at one PROMETHEUS_MULTIPROC_DIR (prometheus-client's multiprocess mode, the folder
cleared of dead processes' files at start) and /metrics adds them up: requests by route template
and status, reading seconds by outcome. What the database knows, the queue and payroll runs, is
counted from it when scraped, so it is right whichever process or machine did the work.
"""

import hmac
import ipaddress
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db.models import Min, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from accounts.clients import client_address
from homeclaim.logs import request_id

log = logging.getLogger("homeclaim.request")

HTTP_REQUESTS = Counter(
    "homeclaim_http_requests",
    "HTTP requests by method, route template and status",
    ["method", "route", "status"],
)
HTTP_SECONDS = Histogram(
    "homeclaim_http_request_seconds",
    "Seconds to answer, by route template",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)

_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def _route(request: HttpRequest) -> str:
    """The URL pattern that answered (api/receipts/<int:receipt_id>), never the path itself:
    bounded label values, and no ids or names in them."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.route or match.view_name or "unknown"
    if request.path.startswith((settings.STATIC_URL, "/assets/")):
        return "static"
    return "unresolved"  # answered before URL resolution (a redirect, a static file, a refusal)


def client_network(request: HttpRequest) -> str:
    """The client's network, not its address (an address is personal data): /24 for IPv4, /48
    for IPv6; behind TRUSTED_PROXIES the forwarded client's."""
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


class RequestMiddleware:
    """Gives each request an id (the client's X-Request-ID when it is a sane token), puts it on
    every log line written meanwhile and on the response, counts the request by route and status,
    and logs one line for it: method, route, status, milliseconds, the client's network. No path,
    query, body or address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sent = request.headers.get("X-Request-ID", "")
        rid = sent if _REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            route = _route(request)
            HTTP_REQUESTS.labels(request.method, route, str(response.status_code)).inc()
            HTTP_SECONDS.labels(route).observe(seconds)
            response["X-Request-ID"] = rid
            log.info(
                "%s %s %s %.0fms",
                request.method,
                route,
                response.status_code,
                seconds * 1000,
                extra={
                    "method": request.method,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                    "client_net": client_network(request),
                },
            )
            return response
        finally:
            request_id.reset(token)


class DatabaseCollector:
    """Figures read from the database at scrape time (cheap, indexed queries)."""

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        from exports.models import PayrollBatch
        from receipts.models import Receipt, ReceiptStatus

        now = timezone.now()
        waiting = Q(status=ReceiptStatus.QUEUED) | Q(
            status=ReceiptStatus.PROCESSING, lease_until__lt=now
        )
        depth = GaugeMetricFamily(
            "homeclaim_receipts_queue", "Receipts waiting or being read", labels=["state"]
        )
        depth.add_metric(["queued"], Receipt.objects.filter(waiting).count())
        depth.add_metric(
            ["reading"],
            Receipt.objects.filter(status=ReceiptStatus.PROCESSING, lease_until__gte=now).count(),
        )
        yield depth
        oldest = Receipt.objects.filter(waiting).aggregate(at=Min("created_at"))["at"]
        yield GaugeMetricFamily(
            "homeclaim_receipts_queue_oldest_seconds",
            "Age of the oldest receipt waiting to be read (0 when none waits)",
            value=(now - oldest).total_seconds() if oldest else 0.0,
        )
        yield CounterMetricFamily(
            "homeclaim_payroll_runs",
            "Payroll batches generated",
            value=PayrollBatch.objects.count(),
        )


def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text format; 404 unless METRICS_TOKEN is set, then 401 without it as Bearer."""
    token = settings.METRICS_TOKEN
    if not token:
        return HttpResponse("Not found\n", status=404, content_type="text/plain")
    sent = request.headers.get("Authorization", "")
    if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
        body = generate_latest(processes)
    else:
        body = generate_latest(REGISTRY)
    database = CollectorRegistry()
    database.register(DatabaseCollector())  # type: ignore[arg-type]
    return HttpResponse(body + generate_latest(database), content_type=CONTENT_TYPE_LATEST)
