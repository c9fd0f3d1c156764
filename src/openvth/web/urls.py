from django.urls import path

from . import inzageviews, views

app_name = "web"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen", views.Inloggen.as_view(), name="inloggen"),
    path("uitloggen", views.uitloggen, name="uitloggen"),
    path("tweede-factor", views.tweede_factor, name="tweede_factor"),
    path("tweede-factor/instellen", views.tweede_factor_instellen, name="tweede_factor_instellen"),
    path("optreden-voor", views.optreden_voor, name="optreden_voor"),
    path("organisaties", views.organisaties, name="organisaties"),
    path("organisaties/<uuid:uuid>", views.organisatie, name="organisatie"),
    path("tokens", views.tokens, name="tokens"),
    path("tokens/<uuid:uuid>/intrekken", views.token_intrekken, name="token_intrekken"),
    path("inzagelog", views.inzagelog, name="inzagelog"),
    path("inzagelog/inzageverzoek", inzageviews.zoeken, name="inzageverzoek"),
    path("inzagelog/inzageverzoek/<uuid:uuid>", inzageviews.persoon, name="inzageverzoek_persoon"),
    path(
        "inzagelog/inzageverzoek/<uuid:uuid>/inzageverzoek.csv",
        inzageviews.persoon,
        {"formaat": "csv"},
        name="inzageverzoek_csv",
    ),
    path(
        "inzagelog/inzageverzoek/<uuid:uuid>/inzageverzoek.pdf",
        inzageviews.persoon,
        {"formaat": "pdf"},
        name="inzageverzoek_pdf",
    ),
    path("afspraken", views.afspraken, name="afspraken"),
    path("afspraken/<str:soort>/<uuid:uuid>/beeindigen", views.afspraak_beeindigen, name="afspraak_beeindigen"),
    path(
        "afspraken/deelafspraak/<uuid:uuid>/goedkeuren", views.deelafspraak_goedkeuren, name="deelafspraak_goedkeuren"
    ),
]
