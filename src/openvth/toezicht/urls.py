from django.urls import path

from .views import beheer, controles, dossier, ketens, programma, risico, start, voorschriften

app_name = "toezicht"
urlpatterns = [
    path("", start.start, name="start"),
    # planner
    path("risicoanalyses", risico.risicoanalyses, name="risicoanalyses"),
    path("risicoanalyses/<uuid:uuid>", risico.risicoanalyse, name="risicoanalyse"),
    path("risicoanalyses/<uuid:uuid>/kaart.json", risico.risicoanalyse_kaart, name="risicoanalyse_kaart"),
    path("risicomodellen", risico.risicomodellen, name="risicomodellen"),
    path("risicomodellen/<uuid:uuid>", risico.risicomodel, name="risicomodel"),
    path("programmas", programma.programmas, name="programmas"),
    path("programmas/<uuid:uuid>", programma.programma, name="programma"),
    path(
        "programmas/<uuid:uuid>/programma.csv", programma.programma_downloaden, {"formaat": "csv"}, name="programma_csv"
    ),
    path(
        "programmas/<uuid:uuid>/programma.pdf", programma.programma_downloaden, {"formaat": "pdf"}, name="programma_pdf"
    ),
    path("programmas/<uuid:uuid>/taken", programma.taak_toevoegen, name="taak_toevoegen"),
    path("programmas/<uuid:uuid>/vaststellen", programma.programma_vaststellen, name="programma_vaststellen"),
    path("taken/<uuid:uuid>/verschuiven", programma.taak_verschuiven, name="taak_verschuiven"),
    path("taken/<uuid:uuid>/vervallen", programma.taak_vervallen, name="taak_vervallen"),
    path("taken/<uuid:uuid>/controle", programma.taak_controle, name="taak_controle"),
    path(
        "programmas/<uuid:uuid>/meldingen/<uuid:melding>",
        programma.melding_aannemen,
        name="melding_aannemen",
    ),
    # inspector
    path("controles", controles.controles, name="controles"),
    path("controles/nieuw", controles.controle_nieuw, name="controle_nieuw"),
    path("controles/<uuid:uuid>", controles.controle, name="controle"),
    path("controles/<uuid:uuid>/toewijzen", controles.controle_toewijzen, name="controle_toewijzen"),
    path("controles/<uuid:uuid>/bevindingen", controles.bevinding_nieuw, name="bevinding_nieuw"),
    path("controles/<uuid:uuid>/bijlagen", controles.bijlage_nieuw, name="bijlage_nieuw"),
    path("controles/<uuid:uuid>/uitvoering", controles.controle_uitvoering, name="controle_uitvoering"),
    path("controles/<uuid:uuid>/afronden", controles.controle_afronden, name="controle_afronden"),
    path("controles/<uuid:uuid>/vervallen", controles.controle_vervallen, name="controle_vervallen"),
    path("controles/<uuid:uuid>/rapport.pdf", controles.controle_rapport, name="controle_rapport"),
    path("controles/<uuid:uuid>/rapport-verzonden", controles.rapport_verzonden, name="rapport_verzonden"),
    path("controles/<uuid:uuid>/rapport-openbaar", controles.rapport_openbaar, name="rapport_openbaar"),
    path("bijlagen/<uuid:uuid>", controles.bijlage, name="bijlage"),
    # functional administrator
    path("checklists", beheer.checklists, name="checklists"),
    path("checklists/<int:pk>/beeindigen", beheer.onderwerp_beeindigen, name="onderwerp_beeindigen"),
    path("aandachtspunten/<int:pk>", beheer.aandachtspunt_wijzigen, name="aandachtspunt_wijzigen"),
    # site dossier
    path("dossier/<uuid:uuid>", dossier.dossier, name="dossier"),
    path("dossier/<uuid:uuid>/inspectieview.zip", dossier.dossier_export, name="dossier_export"),
    path("dossier/vestiging/<uuid:uuid>", dossier.dossier_vestiging, name="dossier_vestiging"),
    path(
        "dossier/vestiging/<uuid:uuid>/inspectieview.zip",
        dossier.dossier_vestiging_export,
        name="dossier_vestiging_export",
    ),
    # permit conditions on the checklist
    path(
        "objecten/<uuid:uuid>/vergunningvoorschriften",
        voorschriften.vergunningvoorschriften,
        name="vergunningvoorschriften",
    ),
    path(
        "vergunningvoorschriften/<uuid:uuid>/koppelen", voorschriften.voorschrift_koppelen, name="voorschrift_koppelen"
    ),
    # chains
    path("ketens", ketens.ketens, name="ketens"),
    path("ketens/<uuid:uuid>", ketens.keten, name="keten"),
]
