"""API tokens expire (issue 17, point 8): 90 days by default, chosen per token within a maximum;
an expired token is a 401 token_expired, and the migration gives old tokens created_at + 90 days."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import ApiToken
from tests.personas import Api, assert_error

pytestmark = pytest.mark.django_db


def test_a_new_token_lasts_api_token_days(api_as, settings):
    settings.API_TOKEN_DAYS = 90
    ana = api_as("owner")
    created = ana.post("/auth/tokens", {"name": "backup script"})
    assert created.status_code == 201
    expires = parse_datetime(created.json()["expires_at"])
    assert abs(expires - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    listed = {t["name"]: t for t in ana.get("/auth/tokens").json()}
    assert listed["backup script"]["expires_at"] == created.json()["expires_at"]
    assert listed["backup script"]["expired"] is False


def test_the_creator_chooses_the_days_within_the_maximum(api_as, settings):
    settings.API_TOKEN_MAX_DAYS = 365
    ana = api_as("owner")
    short = ana.post("/auth/tokens", {"name": "one week", "days": 7}).json()
    assert parse_datetime(short["expires_at"]) < timezone.now() + timedelta(days=7, minutes=1)
    body = assert_error(
        ana.post("/auth/tokens", {"name": "forever", "days": 400}), 422, "token_days_out_of_range"
    )
    assert body["details"]["maximum"] == 365
    assert_error(ana.post("/auth/tokens", {"name": "none", "days": 0}), 422, "invalid_request")


def test_an_expired_token_is_a_401_token_expired(people):
    ana = Api(people["owner"], "es")
    assert ana.get("/auth/me").status_code == 200
    ApiToken.objects.filter(user=people["owner"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    body = assert_error(ana.get("/auth/me"), 401, "token_expired")
    assert body["message"] == "Este token de API venció: cree uno nuevo."


def test_the_login_endpoint_takes_days_too(people):
    from django.test import Client

    response = Client().post(
        "/api/auth/token",
        {"username": "ana", "password": "correct horse battery staple", "days": 1},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=people["owner"])
    assert token.expires_at < timezone.now() + timedelta(days=1, minutes=1)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_tokens_ninety_days(people):
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0002_organization_csv_separator_people_dates")])
    old_apps = executor.loader.project_state(
        [("accounts", "0002_organization_csv_separator_people_dates")]
    ).apps
    OldToken = old_apps.get_model("accounts", "ApiToken")
    created = timezone.now() - timedelta(days=100)
    token = OldToken.objects.create(
        user_id=people["owner"].pk, name="old", key_hash="x" * 64, hint="hc_old"
    )
    OldToken.objects.filter(pk=token.pk).update(created_at=created)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    migrated = ApiToken.objects.get(pk=token.pk)
    assert migrated.expires_at == created + timedelta(days=90)
