"""The built web UI is served by Django: the page at every app path, its assets cached for good."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

built = pytest.mark.skipif(
    not (settings.FRONTEND_DIST / "index.html").exists(),
    reason="frontend not built (make frontend)",
)


@built
def test_app_paths_get_the_page_and_assets_are_immutable():
    page = Client().get("/claims/12")
    assert page.status_code == 200
    assert b'<div id="app"' in page.content or b"<script" in page.content
    asset = next((settings.FRONTEND_DIST / "assets").glob("index-*.js"))
    response = Client().get(f"/assets/{asset.name}")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "immutable" not in Client().get("/favicon.svg").get("Cache-Control", "")
