"""The suite's fixtures: organisations, personas, their API clients, read receipts."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Organization, Role, User
from demo.management.commands.demo import seed_categories
from receipts.models import Receipt, ReceiptStatus
from receipts.services import receipt_upload
from tests.personas import PASSWORD as PASSWORD  # re-exported: setup and e2e import it from here
from tests.personas import PERSONAS as PERSONAS  # re-exported: tests/setup imports it from here
from tests.personas import Api, person
from tests.receipts import samples


def pytest_configure(config: pytest.Config) -> None:
    # argon2 is deliberately slow; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_file_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files"), "base_url": None},
        },
    }
    settings.FILES_DIR = tmp_path / "files"


@pytest.fixture
def org(db) -> Organization:
    return Organization.objects.create(name="Demo")


@pytest.fixture
def other_org(db) -> Organization:
    return Organization.objects.create(name="Otra")


@pytest.fixture
def people(org, other_org) -> dict[str, User]:
    return {
        "owner": person(org, "ana", Role.WORKER, first_name="Ana", employee_id="E-1"),
        "other_worker": person(org, "luis", Role.WORKER, first_name="Luis", employee_id="E-2"),
        "hr": person(org, "hugo", Role.HR, first_name="Hugo"),
        "other_hr": person(other_org, "olga", Role.HR, first_name="Olga"),
        "negotiator": person(org, "nora", Role.NEGOTIATOR, first_name="Nora"),
        "admin": person(org, "adela", Role.ADMIN),
    }


@pytest.fixture
def api_as(people) -> Callable[..., Api]:
    def make(persona: str, language: str = "en") -> Api:
        return Api(None if persona == "anonymous" else people[persona], language)

    return make


# Expenses need categories and read receipts; shared by the claims and exports tests.
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
