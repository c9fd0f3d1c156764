from django.urls import include, path

from openvth.api.documentatie import api_documentatie
from openvth.api.v1 import api

urlpatterns = [
    path("api/v1/docs", api_documentatie, name="api-documentatie"),
    path("api/v1/", api.urls),
    path("ogc/v1/", include("openvth.ogc.urls")),
    path("register/", include("openvth.register.urls")),
    path("handhaving/", include("openvth.handhaving.urls")),
    path("vergunningen/", include("openvth.vergunningen.urls")),
    path("toezicht/", include("openvth.toezicht.urls")),
    path("import/", include("openvth.register.importurls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("openvth.web.urls")),
]
