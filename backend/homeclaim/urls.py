from django.contrib import admin
from django.urls import path

from homeclaim.api import api
from homeclaim.frontend import index

urlpatterns = [
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("", index, name="index"),
]
