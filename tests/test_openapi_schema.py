"""The committed OpenAPI schema (and so the web UI's generated types) matches the API."""

import json
from pathlib import Path

from ninja.responses import NinjaJSONEncoder

from homeclaim.api import api

COMMITTED = Path(__file__).resolve().parents[1] / "frontend" / "src" / "api" / "openapi.json"


def canonical(schema: object) -> str:
    # Through the same encoder as `export_openapi_schema`, then with sorted keys: key order and
    # indentation are not differences.
    plain = json.loads(json.dumps(schema, cls=NinjaJSONEncoder))
    return json.dumps(plain, sort_keys=True, indent=1, ensure_ascii=False)


def test_committed_openapi_schema_matches_the_api():
    assert COMMITTED.exists(), f"{COMMITTED} is missing: run `make api-types` and commit it."
    committed_schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    current_schema = api.get_openapi_schema()
    added = sorted(set(current_schema["paths"]) - set(committed_schema["paths"]))
    removed = sorted(set(committed_schema["paths"]) - set(current_schema["paths"]))
    assert canonical(current_schema) == canonical(committed_schema), (
        "frontend/src/api/openapi.json is stale: the API changed "
        f"(paths added: {added or 'none'}; removed: {removed or 'none'}; or schemas changed). "
        "Run `make api-types` (it re-exports the schema and regenerates "
        "frontend/src/api/schema.d.ts) and commit both."
    )
