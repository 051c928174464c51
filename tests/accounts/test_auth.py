import json

import pytest
from django.test import Client

from accounts.models import ApiToken, LoginThrottle
from tests.personas import PASSWORD, assert_error

pytestmark = pytest.mark.django_db


def token_request(client, username="ana", password=PASSWORD, **headers):
    return client.post(
        "/api/auth/token",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
        headers=headers,
    )


def test_token_for_good_password_works_as_bearer(people):
    client = Client()
    response = token_request(client)
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["username"] == "ana"
    assert me.json()["role"] == "worker"
    assert me.json()["organization"] == "Demo"


def test_token_is_stored_hashed(people):
    token = token_request(Client()).json()["token"]
    stored = ApiToken.objects.get(user=people["owner"])
    assert token not in stored.key_hash
    assert stored.key_hash == ApiToken.hash(token)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Wrong username or password."),
        ("es-CO,es;q=0.9", "Usuario o contraseña incorrectos."),
    ],
)
def test_wrong_password_is_401_in_the_callers_language(people, language, message):
    response = Client().post(
        "/api/auth/token",
        data=json.dumps({"username": "ana", "password": "nope"}),
        content_type="application/json",
        headers={"Accept-Language": language},
    )
    assert response.status_code == 401
    assert response.json() == {"code": "invalid_credentials", "message": message, "details": {}}


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(people):
    response = token_request(Client(), username="nobody")
    assert_error(response, 401, "invalid_credentials")


def test_repeated_failures_slow_down_then_lock_out(people, settings):
    settings.LOGIN_SLOWDOWN_AFTER = 3
    settings.LOGIN_LOCKOUT_AFTER = 5
    client = Client()
    statuses = [token_request(client, password="bad").status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    # After the third failure the next attempt must wait, even with the right password.
    blocked = token_request(client)
    body = assert_error(blocked, 429, "too_many_attempts")
    assert int(blocked["Retry-After"]) >= 1
    assert body["details"]["retry_after"] == int(blocked["Retry-After"])

    # Pretend the wait has passed; two more failures reach the lockout.
    for _ in range(2):
        LoginThrottle.objects.update(next_attempt_at=None)
        assert token_request(client, password="bad").status_code == 401
    locked = token_request(client)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 60


def test_success_clears_the_failures(people):
    client = Client()
    token_request(client, password="bad")
    assert LoginThrottle.objects.get(username="ana").failures == 1
    assert token_request(client).status_code == 200
    assert not LoginThrottle.objects.filter(username="ana").exists()


def test_person_past_end_date_cannot_log_in_or_use_tokens(people):
    client = Client()
    token = token_request(client).json()["token"]
    user = people["owner"]
    user.end_date = "2020-01-31"
    user.save()
    assert token_request(client).status_code == 403
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401


def test_tokens_are_listed_to_their_owner_and_revocable(api_as, people):
    ana = api_as("owner")
    created = ana.post("/auth/tokens", {"name": "laptop script"})
    assert created.status_code == 201
    secret = created.json()["token"]
    listed = ana.get("/auth/tokens").json()
    assert {t["name"] for t in listed} == {"tests", "laptop script"}
    assert all("token" not in t for t in listed)
    assert all(secret not in json.dumps(t) for t in listed)

    # Luis cannot see or revoke Ana's token: it does not exist for him.
    luis = api_as("other_worker")
    assert luis.delete(f"/auth/tokens/{created.json()['id']}").status_code == 404
    assert "laptop script" not in {t["name"] for t in luis.get("/auth/tokens").json()}

    assert ana.delete(f"/auth/tokens/{created.json()['id']}").status_code == 204
    revoked = Client().get("/api/auth/me", headers={"Authorization": f"Bearer {secret}"})
    assert_error(revoked, 401, "not_authenticated")


def test_session_login_needs_csrf_and_then_works(people):
    client = Client(enforce_csrf_checks=True)
    body = json.dumps({"username": "ana", "password": PASSWORD})
    refused = client.post("/api/auth/login", data=body, content_type="application/json")
    assert_error(refused, 403, "csrf_failed")

    csrf = client.get("/api/auth/csrf").json()["csrf_token"]
    headers = {"X-CSRFToken": csrf}
    ok = client.post("/api/auth/login", data=body, content_type="application/json", headers=headers)
    assert ok.status_code == 200
    assert ok.json()["username"] == "ana"
    assert client.get("/api/auth/me").json()["username"] == "ana"

    # Unsafe requests on the session need the CSRF header (the cookie alone is not enough).
    no_header = client.post(
        "/api/auth/tokens", data='{"name": "x"}', content_type="application/json"
    )
    assert no_header.status_code == 403
    csrf = client.cookies["csrftoken"].value
    out = client.post("/api/auth/logout", headers={"X-CSRFToken": csrf})
    assert out.status_code == 204
    assert client.get("/api/auth/me").status_code == 401


def test_health_answers_when_the_database_does(db):
    response = Client().get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
