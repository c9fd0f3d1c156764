"""Enforcement lists lead with who and which case (issue 13): zaaknummer first, then the company and its place, not
the rule broken; searchable by company name and zaaknummer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from openvth.handhaving import services
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken

from . import zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def jurist():
    return zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})


def _rij(html: str, tekst: str) -> str:
    """The table row that holds `tekst`."""
    i = html.index(tekst)
    return html[html.rindex("<tr", 0, i) : html.index("</tr>", i)]


def test_zakenlijst_toont_zaaknummer_en_bedrijf_eerst_en_zoekt_erop(jurist):
    korst = zaak.overtreding(jurist, zaak.vth_object())
    molen = zaak.overtreding(jurist, zaak.vth_object("Molen Het Anker", "odzob-hh-2"), voorschrift="Bal art. 4.5")
    assert korst.zaaknummer and molen.zaaknummer
    client = zaak.browser(jurist)
    html = client.get("/handhaving/").content.decode()
    rij = _rij(html, korst.zaaknummer)
    assert rij.index(korst.zaaknummer) < rij.index("Bakkerij De Korst B.V.") < rij.index("Bal art. 3.48 lid 2")
    assert "<strong>Bakkerij De Korst B.V.</strong>, Eindhoven" in rij
    kop = html[html.index("<thead") : html.index("</thead>")]
    assert kop.index("Zaak") < kop.index("Bedrijf") < kop.index("Overtreding")
    gevonden = client.get("/handhaving/", {"q": "anker b.v"}).content.decode()  # the establishment's name
    assert molen.zaaknummer in gevonden and korst.zaaknummer not in gevonden
    gevonden = client.get("/handhaving/", {"q": korst.zaaknummer}).content.decode()
    assert korst.zaaknummer in gevonden and molen.zaaknummer not in gevonden


def test_termijnen_tonen_zaaknummer_en_bedrijf(jurist):
    handhaver = zaak.actor_van(jurist, "odzob")
    vandaag = timezone.localdate()
    o = services.overtreding_maken(
        actor=handhaver,
        vth_object=zaak.vth_object(),
        herkomst="eigen_waarneming",
        omschrijving="afval",
        voorschrift="art. week",
        geconstateerd_op=vandaag - timedelta(days=10),
    )
    services.maatregel_maken(
        actor=handhaver, overtreding=o, instrument="WAARSCHUWEN", datum=vandaag, hersteltermijn="P3D"
    )
    o.refresh_from_db()
    html = zaak.browser(jurist).get("/handhaving/termijnen").content.decode()
    rij = _rij(html, o.zaaknummer)
    assert rij.index(o.zaaknummer) < rij.index("<strong>Bakkerij De Korst B.V.</strong>, Eindhoven")


# --- one filter set for the web list and the API list (issue 14) ---------------------------------------------

FILTERS = [
    {},
    {"q": "anker"},  # the establishment's name
    {"q": "3.48"},  # the rule broken
    {"status": "in_behandeling"},
    {"mijn": "on"},
    {"afstemming": "on"},
    {"q": "bakkerij", "mijn": "on"},
    {"status": "geconstateerd", "afstemming": "on"},
]


def _api_parameters(filters: dict) -> dict:
    """The web form's names as the API's query parameters (a checked box is `true`)."""
    namen = {"afstemming": "afstemmingGewenst"}
    return {namen.get(k, k): ("true" if v == "on" else v) for k, v in filters.items()}


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) or "geen" for f in FILTERS])
def test_zakenlijst_web_en_api_filteren_gelijk(jurist, filters):
    collega = zaak.gebruiker("collega", {"odzob": [Rol.HANDHAVER]})
    korst = zaak.vth_object()
    zaken = [
        zaak.overtreding(jurist, korst),
        zaak.overtreding(collega, korst, status="in_behandeling", afstemming_gewenst=True),
        zaak.overtreding(jurist, zaak.vth_object("Molen Het Anker", "odzob-hh-2"), voorschrift="Bal art. 4.5"),
        zaak.overtreding(collega, zaak.vth_object("Molen Het Anker", "odzob-hh-3"), afstemming_gewenst=True),
    ]
    _t, sleutel = token_maken(
        actor=systeem_actor("test"),
        gebruiker=jurist,
        organisatie=Organisatie.objects.get(code="odzob"),
        naam="lijst",
        scopes=["lezen"],
    )
    api = Client(headers={"Authorization": f"Bearer {sleutel}"}).get(
        "/api/v1/overtredingen", {**_api_parameters(filters), "pageSize": 100}
    )
    assert api.status_code == 200, api.content
    via_api = {r["id"] for r in api.json()["results"]}
    html = zaak.browser(jurist).get("/handhaving/", filters).content.decode()
    via_web = {str(o.uuid) for o in zaken if str(o.uuid) in html}
    assert via_web == via_api
    assert via_api <= {str(o.uuid) for o in zaken}
    if filters:  # every filter here keeps some cases and drops others: a filter ignored on one side shows
        assert 0 < len(via_api) < len(zaken)
