# homeclaim — every target sets up what it needs first. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export OMP_THREAD_LIMIT := 1

.PHONY: help setup system python frontend api-types run test test-py test-frontend lint fmt lock s3 bench-ocr bench-import bench-export clean

help: ## List the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: system python frontend ## Install everything: system packages, Python venv, frontend build

system: ## System packages (Tesseract spa+eng, Chromium), via apt-get when missing
	@scripts/system-deps.sh

python: $(VENV)/.installed ## The virtual environment with the locked dependencies

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip uv 2>&1 | grep -v "^WARNING: Location" || true
	$(VENV)/bin/uv pip install -q --python $(PY) -r requirements.lock
	$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e .
	@touch $@

frontend: ## Build the web UI (when frontend/ exists)
	@if [ -f frontend/package.json ]; then \
		cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build; \
	fi

api-types: python ## Re-export the API's OpenAPI schema and regenerate the web UI's TypeScript types
	$(VENV)/bin/homeclaim export_openapi_schema --api homeclaim.api.api --indent 2 --output frontend/src/api/openapi.json
	cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run gen:api

run: setup ## Serve the demo (gunicorn + OCR_WORKERS reading workers) at http://127.0.0.1:8000 (HOST, PORT override)
	$(VENV)/bin/homeclaim migrate --no-input -v0
	$(VENV)/bin/homeclaim demo
	$(VENV)/bin/homeclaim serve --host $(HOST) --port $(PORT)

.PHONY: dev
dev: setup ## As run, but Django's runserver reloading on code changes (development only)
	$(VENV)/bin/homeclaim migrate --no-input -v0
	$(VENV)/bin/homeclaim demo
	DEBUG=$${DEBUG:-true} $(VENV)/bin/homeclaim serve --dev --host $(HOST) --port $(PORT)

test: setup test-py test-frontend ## Run the whole test suite

test-py:
	$(PY) -m pytest -q $(PYTEST_ARGS)

test-frontend:
	@if [ -f frontend/package.json ]; then \
		cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm test; \
	fi

lint: python ## ruff (lint + format check), mypy and the import layers (import-linter)
	$(VENV)/bin/ruff check backend tests bench
	$(VENV)/bin/ruff format --check backend tests bench
	$(VENV)/bin/mypy backend
	cd backend && ../$(VENV)/bin/lint-imports ../pyproject.toml --no-cache

fmt: python ## Format and fix what ruff can
	$(VENV)/bin/ruff format backend tests bench
	$(VENV)/bin/ruff check --fix backend tests bench

lock: python ## Re-resolve requirements.lock from pyproject.toml
	$(VENV)/bin/uv pip compile -q --python $(PY) pyproject.toml --extra dev -o requirements.lock

s3: python ## A local S3 server (SeaweedFS) on 127.0.0.1:S3_PORT (8333), data in var/s3; then STORAGE=s3 make run
	@scripts/s3.sh

bench-ocr: setup ## OCR accuracy, mean/p50/p95 seconds and peak RSS per set, one process (RECEIPTS=folder, BENCH_ARGS=)
	$(PY) bench/ocr.py $(RECEIPTS) $(or $(BENCH_ARGS),--baseline)

clean: ## Remove the venv, var/ and build output
	rm -rf $(VENV) var frontend/dist frontend/node_modules

bench-import: python ## Import 39,000 people through the API: time per pass and peak memory (ROWS=, XLSX=1)
	$(PY) bench/import_people.py $(if $(ROWS),--rows $(ROWS),) $(if $(XLSX),--xlsx,)

.PHONY: bench-workers bench-web
bench-workers: python ## Reading 40 drawn receipts with 1 then 2 worker processes (BENCH_ARGS="--soak 300": a worker's memory)
	$(PY) bench/workers.py $(BENCH_ARGS)

bench-web: python ## gunicorn threads per process: req/s, p50/p95 of a short local load, 1 vs 4 threads
	$(PY) bench/web_threads.py $(BENCH_ARGS)

bench-export: python ## Exports at scale: 39,000 workers x 12 months; payroll and bargaining time and memory
	$(PY) bench/export.py $(BENCH_ARGS)

.PHONY: bench-duplicates
bench-duplicates: python ## Near-picture lookup in 1.5 million receipts: p50/p95 ms on SQLite (PostgreSQL with DATABASE_URL)
	$(PY) bench/duplicates.py $(BENCH_ARGS)

.PHONY: bench-hostile
bench-hostile: python ## Hostile files: 4 concurrent 49 MP PNG uploads (web RSS, /api/health), XLSX bombs (BENCH_ARGS="xlsx --before REV")
	$(PY) bench/hostile.py $(BENCH_ARGS)

.PHONY: bench-load bench-scale
bench-load: python ## Month-end locust mix on gunicorn + PostgreSQL + SeaweedFS + 2 readers, 20 users x 5 min (BENCH_ARGS="--users 6 --run-time 1m")
	$(PY) bench/load.py $(BENCH_ARGS)

bench-scale: python ## 380,000 workers x 12 months by COPY: p95 of the pages people open, payroll of a month (BENCH_ARGS="--workers 38000")
	$(PY) bench/scale.py $(BENCH_ARGS)
