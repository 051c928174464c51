"""The access-matrix machinery each app's matrix test uses (tests/test_access_*.py).

A row is (name, method, path, body, expected): `path` and string values in `body` may name objects
as "{name}" (ids from the test's `objects` fixture); `expected` maps persona -> HTTP status, with
"*" for every persona not named. A refusal of access carries its usual code (401, 403, 404); any
other error may be given as (status, code) to check its code too.
"""

from typing import Any

from tests.personas import assert_error

ACCESS_CODES = {401: "not_authenticated", 403: "forbidden", 404: "not_found"}


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


def check(response: Any, persona: str, expected: dict[str, int | tuple[int, str]]) -> None:
    want = expected.get(persona, expected.get("*"))
    status, code = want if isinstance(want, tuple) else (want, ACCESS_CODES.get(want))
    assert response.status_code == status, f"{persona}: {response.content[:300]!r}"
    if status < 400:
        return
    if code is None:  # the row names only the status
        assert set(response.json()) == {"code", "message", "details"}, persona
    else:
        assert_error(response, status, code)


def check_row(client, objects, persona, method, path, body, expected) -> None:
    response = client.request(method, fill(path, objects), fill(body, objects))
    check(response, persona, expected)
