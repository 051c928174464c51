"""The access-matrix machinery each app's matrix test uses (tests/test_access_*.py).

A row is (name, method, path, body, expected): `path` and string values in `body` may name objects
as "{name}" (ids from the test's `objects` fixture); `expected` maps persona -> HTTP status, with
"*" for every persona not named.
"""

from typing import Any


def fill(value, objects):
    """Put the objects' ids into a path or a JSON body ("{claim}" -> 12)."""
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in objects:
            return objects[value[1:-1]]
        return value.format(**objects)
    if isinstance(value, list):
        return [fill(item, objects) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, objects) for key, item in value.items()}
    return value


def check(response: Any, persona: str, expected: dict[str, int]) -> None:
    want = expected.get(persona, expected.get("*"))
    assert response.status_code == want, f"{persona}: {response.content[:300]!r}"
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "details"}


def check_row(client, objects, persona, method, path, body, expected) -> None:
    response = client.request(method, fill(path, objects), fill(body, objects))
    check(response, persona, expected)
