import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from claims.models import Category, Claim, Expense, Policy
from receipts.models import Receipt

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_sets_passwords(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "first-password")
    call_command("demo", stdout=open("/dev/null", "w"))
    monkeypatch.setenv("DEMO_PASSWORD", "second-password")
    call_command("demo", stdout=open("/dev/null", "w"))

    assert User.objects.count() == 7
    assert set(
        User.objects.filter(organization__name="Otra").values_list("username", flat=True)
    ) == {
        "olga",
        "omar",
    }
    assert Category.objects.filter(organization__name="Demo").count() == 3
    assert Policy.objects.count() == 6
    internet = Policy.objects.get(category__code="internet", category__organization__name="Demo")
    assert internet.kind == "monthly" and internet.currency == "COP"
    # Receipts read by the real pipeline, and claims in each state HR and workers will meet.
    assert Receipt.objects.count() == 3
    assert sorted(Claim.objects.values_list("owner__username", "status")) == [
        ("ana", "submitted"),
        ("luis", "approved"),
    ]
    chair = Expense.objects.get(category__code="chair")
    assert chair.read_amount == Decimal("689900") and chair.eligible_amount == Decimal("600000")

    for username in ("ana", "hugo", "nora", "admin", "olga"):
        response = Client().post(
            "/api/auth/token",
            data=json.dumps({"username": username, "password": "second-password"}),
            content_type="application/json",
        )
        assert response.status_code == 200, username


def test_production_settings_pass_the_deploy_check():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "HOMECLAIM_ENV": "production",
        "SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-value",
        "ALLOWED_HOSTS": "homeclaim.example.org",
        # Without a mail server notifications would only be written to files: check --deploy says so.
        "EMAIL_HOST": "smtp.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "homeclaim.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    import os
    import subprocess
    import sys

    env = {**os.environ, "HOMECLAIM_ENV": "production", "ALLOWED_HOSTS": "x.org"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "homeclaim.cli", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr
