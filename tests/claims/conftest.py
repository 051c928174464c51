from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.management.commands.demo import seed_categories
from receipts.models import Receipt, ReceiptStatus
from receipts.services import receipt_upload
from tests.receipts import samples


@pytest.fixture
def categories(org, other_org):
    seed_categories(org)
    seed_categories(other_org)


@pytest.fixture
def recent() -> date:
    return timezone.localdate() - timedelta(days=3)


@pytest.fixture
def read_receipt(categories, recent):
    """A receipt of someone's, as if the worker had read it: total, currency, date, vendor."""

    def make(user, total="500000", seed=0, vendor="Muebles Bogotá S.A.S.", day=None, **fields):
        image = SimpleUploadedFile("r.png", samples.png_bytes(samples.receipt_image(seed)))
        receipt = receipt_upload(owner=user, file=image)
        Receipt.objects.filter(pk=receipt.pk).update(
            status=ReceiptStatus.DONE,
            total=Decimal(total),
            currency="COP",
            date=day or recent,
            vendor=vendor,
            confidence=0.95,
            source="ocr",
            **fields,
        )
        return Receipt.objects.get(pk=receipt.pk)

    return make
