"""Read receipts from the command line, through the same checks and pipeline as an upload."""

import json
import time
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from receipts.ocr import pipeline
from receipts.ocr.errors import FileRejected
from receipts.ocr.upload import inspect_upload


def read_file(path: Path, default_currency: str) -> dict:
    started = time.perf_counter()
    clean = inspect_upload(
        path.read_bytes(),
        max_bytes=settings.RECEIPT_MAX_BYTES,
        max_pixels=settings.RECEIPT_MAX_PIXELS,
        max_pages=settings.RECEIPT_MAX_PDF_PAGES,
    )
    reading = pipeline.read(clean.content, default_currency=default_currency)
    month = reading.service_month
    return {
        "file": str(path),
        "total": None if reading.total is None else f"{reading.total:.2f}",
        "currency": reading.currency,
        "date": reading.date.isoformat() if reading.date else None,
        "vendor": reading.vendor,
        "nit": reading.nit,
        "service_month": month.strftime("%Y-%m") if month else None,
        "confidence": round(reading.confidence, 3),
        "confidences": {
            name: round(value, 3) for name, value in asdict(reading.confidences).items()
        },
        "source": reading.source,
        "confident": reading.confident,
        "seconds": round(time.perf_counter() - started, 3),  # checking and reading this file
    }


class Command(BaseCommand):
    help = "Read the total, currency, date and vendor of receipt files (images or PDFs)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument("--currency", default="COP", help="when the receipt does not say")

    def handle(self, *args, files: list[Path], json: bool, currency: str, **options) -> None:
        failed = 0
        for path in files:
            try:
                result = read_file(path, currency)
            except FileRejected as exc:
                result = {"file": str(path), "error": exc.code}
            except OSError as exc:
                result = {"file": str(path), "error": exc.strerror or "unreadable"}
            failed += "error" in result
            self.stdout.write(_as_json(result) if json else _as_text(result))
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) could not be read")


def _as_json(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False)


def _as_text(result: dict) -> str:
    if "error" in result:
        return f"{result['file']}: {result['error']}"
    sure = "" if result["confident"] else "  (unsure: check it)"
    unsure = [
        name for name, value in result["confidences"].items()
        if name != "total" and result[name] is not None and value < pipeline.CONFIDENT
    ]  # fmt: skip
    check = f"  (check {', '.join(unsure)})" if unsure else ""
    month = f"  service {result['service_month']}" if result["service_month"] else ""
    return (
        f"{result['file']}: {result['total']} {result['currency']}  {result['date'] or '-'}  "
        f"{result['vendor'] or '-'}  {result['nit'] or '-'}{month}  "
        f"[{result['source']}, {result['confidence']:.2f}, {result['seconds']:.2f} s]{sure}{check}"
    )
