"""OGC API – Features at /ogc/v1/: paths as the standard names them (no trailing slash below the landing page)."""

from django.urls import path

from . import views

app_name = "ogc"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("api", views.api, name="api"),
    path("conformance", views.conformance, name="conformance"),
    path("collections", views.collecties, name="collecties"),
    path("collections/<str:collectie_id>", views.collectie, name="collectie"),
    path("collections/<str:collectie_id>/items", views.items, name="items"),
    path("collections/<str:collectie_id>/items/<str:feature_id>", views.item, name="item"),
]
