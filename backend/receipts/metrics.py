"""Prometheus metrics the reading worker records (served at /metrics; see homeclaim.observability).

Under `homeclaim serve` every process writes them to PROMETHEUS_MULTIPROC_DIR, so the web process
that answers /metrics adds up the workers' figures too.
"""

from prometheus_client import Histogram

RECEIPT_READ_SECONDS = Histogram(
    "homeclaim_receipt_read_seconds",
    "Seconds to read one receipt, by outcome (done, needs_review, failed); _count is receipts read",
    ["outcome"],
    buckets=(0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300),
)
