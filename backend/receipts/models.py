from django.db import models

from accounts.models import Organization, User


class ReceiptStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    PROCESSING = "processing", "Processing"
    DONE = "done", "Done"
    NEEDS_REVIEW = "needs_review", "Needs review"
    FAILED = "failed", "Failed"


class ReadingSource(models.TextChoices):
    QR = "qr", "DIAN QR code"
    PDF_TEXT = "pdf_text", "PDF text"
    OCR = "ocr", "OCR"


class ReceiptKind(models.TextChoices):
    IMAGE = "image", "Image"
    PDF = "pdf", "PDF"


class Receipt(models.Model):
    """A clean, metadata-free copy of what a worker uploaded, and what was read from it.

    The original bytes are never kept: only their SHA-256 (exact duplicates) and a perceptual
    hash of the picture (near-duplicates).
    """

    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="receipts")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16, choices=ReceiptStatus.choices, default=ReceiptStatus.QUEUED
    )
    kind = models.CharField(max_length=8, choices=ReceiptKind.choices)
    file = models.FileField(max_length=200)  # private storage, server-generated name
    preview = models.FileField(max_length=200, blank=True)  # JPEG of a PDF's first page
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    phash = models.CharField(max_length=16, db_index=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    pages = models.PositiveSmallIntegerField(default=1)

    total = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    date = models.DateField(null=True, blank=True)
    vendor = models.CharField(max_length=200, blank=True)
    nit = models.CharField(max_length=20, blank=True)
    tax = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    cufe = models.CharField(max_length=128, blank=True, db_index=True)
    confidence = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=8, choices=ReadingSource.choices, blank=True)
    raw_text = models.TextField(blank=True)
    candidates = models.JSONField(default=list, blank=True)
    failure_reason = models.CharField(max_length=40, blank=True)

    # A worker holds a lease while reading; an expired lease means it died and the job is free.
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "sha256"], name="receipt_unique_per_owner")
        ]
        indexes = [models.Index(fields=["status", "lease_until"])]
        ordering = ["-created_at", "-id"]
