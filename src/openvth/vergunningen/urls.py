from django.urls import path

from . import views

app_name = "vergunningen"
urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("nieuw", views.nieuw, name="nieuw"),
    path("<uuid:uuid>", views.verzoek, name="verzoek"),
    path("<uuid:uuid>/stap/<str:handeling>", views.stap, name="stap"),
    path("<uuid:uuid>/besluit", views.besluit, name="besluit"),
    path("besluiten/<uuid:uuid>/goedkeuren", views.besluit_goedkeuren, name="besluit_goedkeuren"),
    path("brieven/<uuid:uuid>", views.brief_html, name="brief"),
    path("brieven/<uuid:uuid>.pdf", views.brief_pdf, name="brief_pdf"),
]
