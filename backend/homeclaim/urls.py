from django.contrib import admin
from django.urls import path, re_path

from homeclaim.api import api
from homeclaim.frontend import index

urlpatterns = [
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    # Every other path is a page of the single-page app, which routes it in the browser.
    re_path(r"^(?!api/|admin/|static/).*$", index, name="index"),
]
