"""Personas and an API client shared by the whole suite."""

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import Organization, Role, User
from demo.management.commands.demo import seed_categories
from receipts.models import Receipt, ReceiptStatus
from receipts.services import receipt_upload
from tests.receipts import samples

PASSWORD = "correct horse battery staple"


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


class Api:
    """A JSON client for one persona: a Bearer token, or anonymous."""

    def __init__(self, user: User | None, language: str = "en") -> None:
        self.user = user
        self.client = Client()
        self.headers: dict[str, str] = {"Accept-Language": language}
        if user is not None:
            from accounts.services import token_create

            _, secret = token_create(user=user, name="tests")
            self.headers["Authorization"] = f"Bearer {secret}"

    def request(self, method: str, path: str, body: Any = None, **extra: Any):
        kwargs: dict[str, Any] = {"headers": {**self.headers, **extra.pop("headers", {})}}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        kwargs.update(extra)
        return getattr(self.client, method.lower())(f"/api{path}", **kwargs)

    def get(self, path: str, **extra: Any):
        return self.request("GET", path, **extra)

    def post(self, path: str, body: Any = None, **extra: Any):
        return self.request("POST", path, body, **extra)

    def patch(self, path: str, body: Any = None, **extra: Any):
        return self.request("PATCH", path, body, **extra)

    def put(self, path: str, body: Any = None, **extra: Any):
        return self.request("PUT", path, body, **extra)

    def delete(self, path: str, **extra: Any):
        return self.request("DELETE", path, **extra)


def _person(org: Organization, username: str, role: str, **fields: Any) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, organization=org, role=role, **fields
    )
    return user


@pytest.fixture
def org(db) -> Organization:
    return Organization.objects.create(name="Demo")


@pytest.fixture
def other_org(db) -> Organization:
    return Organization.objects.create(name="Otra")


@pytest.fixture
def people(org, other_org) -> dict[str, User]:
    return {
        "owner": _person(org, "ana", Role.WORKER, first_name="Ana", employee_id="E-1"),
        "other_worker": _person(org, "luis", Role.WORKER, first_name="Luis", employee_id="E-2"),
        "hr": _person(org, "hugo", Role.HR, first_name="Hugo"),
        "other_hr": _person(other_org, "olga", Role.HR, first_name="Olga"),
        "negotiator": _person(org, "nora", Role.NEGOTIATOR, first_name="Nora"),
        "admin": _person(org, "adela", Role.ADMIN),
    }


PERSONAS = ("owner", "other_worker", "hr", "other_hr", "negotiator", "anonymous")


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
