from django.urls import path

from . import views

app_name = "register"
urlpatterns = [
    path("", views.zoeken, name="zoeken"),
    path("kaart.json", views.kaartgegevens, name="kaart"),
    path("gemeenten.json", views.gemeentenamen, name="gemeenten"),
    path("export.<str:formaat>", views.exporteren, name="export"),
    path("locaties/<uuid:uuid>", views.locatie, name="locatie"),
    path("uitvoeringen/<uuid:uuid>/wijzigen", views.uitvoering_wijzigen, name="uitvoering_wijzigen"),
]
