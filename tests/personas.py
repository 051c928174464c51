"""The suite's personas, the JSON client each one uses, and the check for the one error shape."""

import json
from typing import Any

from django.test import Client

from accounts.models import Organization, User

PASSWORD = "correct horse battery staple"

# The `people` fixture's keys, plus someone not logged in.
PERSONAS = ("owner", "other_worker", "hr", "other_hr", "negotiator", "anonymous")


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


def person(org: Organization, username: str, role: str, **fields: Any) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, organization=org, role=role, **fields
    )


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is an error in the one shape, with this status and code; returns its body."""
    assert response.status_code == status, f"want {status}: {response.content[:300]!r}"
    body = response.json()
    assert set(body) == {"code", "message", "details"}, body
    assert body["code"] == code, body
    assert isinstance(body["message"], str) and body["message"], body
    assert isinstance(body["details"], dict), body
    return body
