from django.contrib import admin
from django.urls import path, re_path

from homeclaim.api import api, unknown_path
from homeclaim.frontend import index
from homeclaim.observability import metrics

urlpatterns = [
    # ninja's own view at /api/ exists to be reversed and answers Django's HTML 404: shadow it.
    path("api/", unknown_path),
    path("api/", api.urls),
    # A path under /api/ that no operation answers gets the API's JSON 404, not an HTML page.
    re_path(r"^api/", unknown_path),
    path("admin/", admin.site.urls),
    # Prometheus metrics: 404 unless METRICS_TOKEN is set, then Bearer-protected.
    path("metrics", metrics, name="metrics"),
    # Every other path is a page of the single-page app, which routes it in the browser.
    re_path(r"^(?!api/|admin/|static/).*$", index, name="index"),
]
