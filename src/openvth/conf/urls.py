from django.contrib import admin
from django.urls import include, path

from openvth.api.v1 import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("", include("openvth.web.urls")),
]
