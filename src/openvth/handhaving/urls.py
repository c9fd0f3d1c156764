from django.urls import path

from . import views

app_name = "handhaving"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("termijnen", views.termijnen, name="termijnen"),
    path("agenda", views.agenda, name="agenda"),
    path("agenda/<uuid:uuid>/intrekken", views.agenda_intrekken, name="agenda_intrekken"),
    path("agenda/<str:sleutel>.ics", views.agenda_feed, name="agenda_feed"),
    path("datakwaliteit", views.datakwaliteit_pagina, name="datakwaliteit"),
    path("sjablonen", views.sjablonen, name="sjablonen"),
    path("sjablonen/<str:soort>", views.sjabloon, name="sjabloon"),
    path("overtredingen/nieuw", views.overtreding_nieuw, name="overtreding_nieuw"),
    path("overtredingen/<uuid:uuid>", views.overtreding, name="overtreding"),
    path("overtredingen/<uuid:uuid>/positioneren", views.positioneren, name="positioneren"),
    path("overtredingen/<uuid:uuid>/maatregel", views.maatregel_nieuw, name="maatregel_nieuw"),
    path("overtredingen/<uuid:uuid>/afstemming", views.afstemming, name="afstemming"),
    path(
        "overtredingen/<uuid:uuid>/delingen/<str:ontvanger>/intrekken", views.deling_intrekken, name="deling_intrekken"
    ),
    path("overtredingen/<uuid:uuid>/brieven", views.document_maken, name="document_maken"),
    path("overtredingen/<uuid:uuid>/processen-verbaal", views.procesverbaal_nieuw, name="procesverbaal_nieuw"),
    path("processen-verbaal/<uuid:uuid>.pdf", views.procesverbaal_pdf, name="procesverbaal_pdf"),
    path("maatregelen/<uuid:uuid>/stap", views.maatregel_stap, name="maatregel_stap"),
    path("maatregelen/<uuid:uuid>/invordering", views.invordering, name="invordering"),
    path("maatregelen/<uuid:uuid>/rechtsmiddel", views.rechtsmiddel, name="rechtsmiddel"),
    path("brieven/<uuid:uuid>", views.document, name="document"),
    path("brieven/<uuid:uuid>.html", views.document_html, name="document_html"),
    path("brieven/<uuid:uuid>.pdf", views.document_pdf, name="document_pdf"),
]
