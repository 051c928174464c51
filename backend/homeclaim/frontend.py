"""Serve the built single-page app (frontend/dist) from Django: no Node server at run time."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def index(request: HttpRequest) -> HttpResponse:
    page = settings.FRONTEND_DIST / "index.html"
    if not page.exists():
        return HttpResponse(
            "<!doctype html><title>homeclaim</title><h1>homeclaim</h1>"
            '<p>The web UI is not built yet. The API is at <a href="/api/docs">/api/docs</a>.</p>',
        )
    return HttpResponse(page.read_bytes(), content_type="text/html; charset=utf-8")
