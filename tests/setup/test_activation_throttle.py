"""Guessing activation codes is throttled per client address, as failed logins are per username."""

import pytest

from accounts.models import LoginThrottle
from tests.conftest import Api

pytestmark = pytest.mark.django_db
PASSWORD = "una clave larga de verdad"
GUESSER, NEIGHBOUR = "203.0.113.7", "198.51.100.20"


@pytest.fixture
def code(admin_api, people) -> str:
    people["owner"].set_unusable_password()
    people["owner"].save()
    issued = admin_api().post("/admin/people/activation-links", {"ids": [people["owner"].pk]})
    return issued.json()["codes"][0]["code"]


@pytest.fixture
def limits(settings):
    settings.LOGIN_SLOWDOWN_AFTER = 3
    settings.LOGIN_LOCKOUT_AFTER = 5


def activate(code: str, address: str = GUESSER, password: str = PASSWORD, language: str = "en"):
    return Api(None, language).post(
        "/auth/activate", {"code": code, "password": password}, REMOTE_ADDR=address
    )


def failures(address: str = GUESSER) -> int:
    throttle = LoginThrottle.objects.filter(username=f"activate:{address}").first()
    return throttle.failures if throttle else 0


def let_the_wait_pass() -> None:
    LoginThrottle.objects.update(next_attempt_at=None)


def test_wrong_codes_slow_down_then_lock_out_even_the_right_code(code, limits):
    statuses = [activate(f"WRONG-CODE-{n}").status_code for n in range(3)]
    assert statuses == [422, 422, 422]

    blocked = activate(code, language="es")
    assert blocked.status_code == 429
    body = blocked.json()
    assert body["code"] == "too_many_attempts" and "Demasiados intentos" in body["message"]
    assert 1 <= int(blocked["Retry-After"]) <= 60
    assert body["details"]["retry_after"] == int(blocked["Retry-After"])

    for n in range(2):  # each wait over, two more wrong codes reach the lockout
        let_the_wait_pass()
        assert activate(f"WRONG-AGAIN-{n}").status_code == 422
    locked = activate(code)
    assert locked.status_code == 429 and int(locked["Retry-After"]) > 60
    assert failures() == 5


def test_another_address_is_not_held_up(code, limits):
    for n in range(3):
        activate(f"WRONG-CODE-{n}")
    assert activate(code).status_code == 429
    assert activate(code, NEIGHBOUR).status_code == 200
    assert failures(NEIGHBOUR) == 0


def test_success_clears_the_count_but_a_weak_password_does_not(code):
    activate("WRONG-CODE")
    # A valid code of one's own with a refused password must not reset the guesses' count.
    assert activate(code, password="123").json()["code"] == "weak_password"
    assert failures() == 1
    assert activate(code).status_code == 200
    assert failures() == 0


def test_failed_logins_cannot_touch_an_address_count(code, limits):
    anonymous = Api(None)
    for _ in range(4):
        anonymous.post("/auth/token", {"username": f"activate:{GUESSER}", "password": "x"})
    assert failures() == 0
    assert activate(code).status_code == 200
