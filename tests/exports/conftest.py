"""Data for the export tests: categories, receipts and lines in any state, made quickly.

`line(...)` writes claim lines straight to the database (as the claims flow would have left
them); the end-to-end tests go through the real API instead.
"""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role, User
from claims.models import Category, Claim, ClaimStatus, Expense, Policy


@pytest.fixture
def workers(org):
    """Make n workers of the organisation: workers(12) -> [User, ...]."""
    made = 0

    def make(n: int, **fields) -> list[User]:
        nonlocal made
        people = User.objects.bulk_create(
            User(
                username=f"w{made + i}",
                organization=org,
                role=Role.WORKER,
                first_name=f"Worker{made + i}",
                employee_id=f"W-{made + i:04d}",
                password="!",
                **fields,
            )
            for i in range(n)
        )
        made += n
        return people

    return make


@pytest.fixture
def line(categories):
    """A claim line as the claims flow leaves it: line(user, "chair", "300000", date(...), ...)."""

    def make(
        owner: User,
        category: str,
        amount: str,
        day: date,
        *,
        decision: str = "approve",
        approved: str | None = None,
        reason: str = "",
        status: str = ClaimStatus.APPROVED,
        claim: Claim | None = None,
        **fields,
    ) -> Expense:
        found = Category.objects.get(organization_id=owner.organization_id, code=category)
        policy = Policy.objects.filter(category=found).first()
        if claim is None:
            claim = Claim.objects.create(
                owner=owner,
                organization_id=owner.organization_id,
                status=status,
                submitted_at=timezone.now(),
            )
        value = Decimal(amount)
        if approved is None and decision == "approve":
            approved = amount
        return Expense.objects.create(
            owner=owner,
            organization_id=owner.organization_id,
            category=found,
            amount=value,
            currency="COP",
            date=day,
            service_month=day.replace(day=1) if category == "internet" else None,
            policy=policy,
            converted_amount=value,
            eligible_amount=value,
            claim=claim,
            decision=decision,
            approved_amount=None if approved is None else Decimal(approved),
            reason_code=reason,
            **fields,
        )

    return make


def workbook_of(response, **options):
    assert response.status_code == 200, response.content[:300]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), **options)


def body_of(response) -> bytes:
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content)


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(body_of(response)))
