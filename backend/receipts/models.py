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


class ClaimState(models.TextChoices):
    """Where a receipt stands towards a claim, seen from below (receipts never import claims)."""

    UNCLAIMED = "unclaimed", "Not claimed"  # no expense, or an expense in no claim
    IN_CLAIM = "in_claim", "In a claim"  # in a claim not yet decided
    DECIDED = "decided", "Decided"  # in a claim HR decided, or paid


class ReceiptKind(models.TextChoices):
    IMAGE = "image", "Image"
    PDF = "pdf", "PDF"


# The 64-bit perceptual hash cut into 4 bands of 16 bits, each an indexed column: two hashes within
# 6 bits share a band exactly or are within 1 bit in two bands (pigeonhole), which a lookup finds
# in the band indexes (claims.duplicates) instead of reading every receipt.
PHASH_BANDS = 4
PHASH_BAND_BITS = 16


def phash_bands(phash: str) -> tuple[int, ...]:
    """The bands of a 16-hex-digit hash, most significant first: "0123456789abcdef" → 0x0123, …"""
    step = PHASH_BAND_BITS // 4
    return tuple(int(phash[i * step : (i + 1) * step], 16) for i in range(PHASH_BANDS))


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
    # phash_bands(phash), kept by save(); bulk writers set them themselves.
    phash_band0 = models.PositiveIntegerField(default=0)
    phash_band1 = models.PositiveIntegerField(default=0)
    phash_band2 = models.PositiveIntegerField(default=0)
    phash_band3 = models.PositiveIntegerField(default=0)
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
    confidence = models.FloatField(null=True, blank=True)  # of the total
    # A bill's billing period (its first day), and how sure the reading is of each field.
    service_month = models.DateField(null=True, blank=True)
    field_confidences = models.JSONField(default=dict, blank=True)
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
        indexes = [
            models.Index(fields=["status", "lease_until"]),
            models.Index(fields=["sha256"]),  # the same-file duplicate check, across owners
            # The other bands, the phash and the id ride along: a band lookup filters and answers
            # from the index alone, never reading the table.
            *(
                models.Index(
                    fields=[
                        "organization",
                        f"phash_band{band}",
                        *(f"phash_band{other}" for other in range(PHASH_BANDS) if other != band),
                        "phash",
                        "id",
                    ],
                    name=f"receipt_phash_band{band}",
                )
                for band in range(PHASH_BANDS)
            ),
        ]
        ordering = ["-created_at", "-id"]

    def save(self, *args, **kwargs) -> None:
        if self.phash:
            bands = phash_bands(self.phash)
            self.phash_band0, self.phash_band1, self.phash_band2, self.phash_band3 = bands
        super().save(*args, **kwargs)
