"""Throttles that a stranger cannot turn against someone (issue 17, point 7).

One client address may not try many usernames; X-Forwarded-For names the client only behind a
trusted proxy; and a browser that logged in before (a signed known-device cookie) still gets in
with the right password while its username is locked out by someone else's guesses.
"""

import json

import pytest
from django.test import Client, RequestFactory

from accounts.clients import DEVICE_COOKIE, client_address
from accounts.models import LoginThrottle
from tests.personas import PASSWORD, assert_error

pytestmark = pytest.mark.django_db
ATTACKER, OFFICE, PROXY = "203.0.113.7", "198.51.100.20", "10.0.0.5"


@pytest.fixture
def limits(settings):
    settings.LOGIN_SLOWDOWN_AFTER = 3
    settings.LOGIN_LOCKOUT_AFTER = 5
    settings.LOGIN_ADDRESS_SLOWDOWN_AFTER = 4
    settings.LOGIN_ADDRESS_LOCKOUT_AFTER = 6


def login(client, username="ana", password=PASSWORD, address=ATTACKER, **headers):
    return client.post(
        "/api/auth/token",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
        headers=headers,
        REMOTE_ADDR=address,
    )


def session_login(client, username="ana", password=PASSWORD, address=OFFICE):
    csrf = client.get("/api/auth/csrf").json()["csrf_token"]
    return client.post(
        "/api/auth/login",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
        REMOTE_ADDR=address,
    )


def let_the_wait_pass() -> None:
    LoginThrottle.objects.update(next_attempt_at=None)


def test_one_address_cannot_try_many_usernames(people, limits):
    client = Client()
    for n in range(4):  # each username fails once only: no username throttle ever triggers
        assert login(client, username=f"guess{n}", password="bad").status_code == 401
    blocked = login(client, username="guess-next", password="bad")
    body = assert_error(blocked, 429, "too_many_attempts")
    assert int(blocked["Retry-After"]) == body["details"]["retry_after"]
    # Another address is not affected.
    assert login(Client(), address=OFFICE).status_code == 200


def test_the_address_limit_locks_out_after_its_own_count(people, limits, settings):
    client = Client()
    for n in range(6):
        let_the_wait_pass()
        assert login(client, username=f"guess{n}", password="bad").status_code == 401
    locked = assert_error(login(client), 429, "too_many_attempts")
    assert locked["details"]["retry_after"] > 60  # the lockout, not the slowdown
    # A success elsewhere does not reset the address: an attacker's own account is no way out.
    assert LoginThrottle.objects.get(username=f"ip:{ATTACKER}").failures == 6


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(settings):
    factory = RequestFactory()
    forged = factory.get("/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.1")
    settings.TRUSTED_PROXIES = []
    assert client_address(forged) == ATTACKER
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(forged) == ATTACKER  # the peer is no proxy of ours

    behind = factory.get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.1, {OFFICE}, 10.0.0.9"
    )
    # The client may write anything before the first address our proxies saw.
    assert client_address(behind) == OFFICE
    garbled = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_address(garbled) == PROXY


def test_behind_a_trusted_proxy_each_client_has_its_own_count(people, limits, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    client = Client()
    for n in range(4):
        response = login(
            client,
            username=f"guess{n}",
            password="bad",
            address=PROXY,
            **{"X-Forwarded-For": ATTACKER},
        )
        assert response.status_code == 401
    assert login(client, address=PROXY, **{"X-Forwarded-For": ATTACKER}).status_code == 429
    # Everybody else behind the same proxy still logs in.
    assert login(Client(), address=PROXY, **{"X-Forwarded-For": OFFICE}).status_code == 200


def test_a_known_device_logs_in_while_a_stranger_has_locked_the_username(people, limits):
    ana_browser = Client()
    assert session_login(ana_browser).status_code == 200
    cookie = ana_browser.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["path"] == "/api/auth/"
    ana_browser.post(
        "/api/auth/logout", headers={"X-CSRFToken": ana_browser.cookies["csrftoken"].value}
    )

    stranger = Client()
    for _ in range(5):
        let_the_wait_pass()
        login(stranger, password="bad")
    assert_error(login(Client(), address=OFFICE), 429, "too_many_attempts")  # locked for others

    assert session_login(ana_browser).status_code == 200  # but not for Ana's own browser


def test_a_known_device_keeps_its_own_failure_limit(people, limits):
    browser = Client()
    assert session_login(browser).status_code == 200
    for _ in range(3):
        assert session_login(browser, password="bad").status_code == 401
    assert_error(session_login(browser), 429, "too_many_attempts")


def test_a_device_cookie_works_only_for_its_own_username(people, limits):
    browser = Client()
    assert session_login(browser, username="luis").status_code == 200
    for _ in range(5):
        let_the_wait_pass()
        login(Client(), password="bad", address="192.0.2.50")
    # Luis's cookie does not spare Ana's username, nor does a forged cookie.
    assert_error(session_login(browser), 429, "too_many_attempts")
    browser.cookies[DEVICE_COOKIE] = "forged"
    assert_error(session_login(browser), 429, "too_many_attempts")


def test_activation_is_throttled_per_real_client_behind_the_proxy(people, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.LOGIN_SLOWDOWN_AFTER = 3
    client = Client()

    def activate(forwarded):
        return client.post(
            "/api/auth/activate",
            data=json.dumps({"code": "WRONG-CODE", "password": "una clave larga de verdad"}),
            content_type="application/json",
            REMOTE_ADDR=PROXY,
            headers={"X-Forwarded-For": forwarded},
        )

    assert [activate(ATTACKER).status_code for _ in range(3)] == [422, 422, 422]
    assert activate(ATTACKER).status_code == 429
    assert activate(OFFICE).status_code == 422  # a colleague behind the proxy is not locked
