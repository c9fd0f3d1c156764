"""Enforcement lists lead with who and which case (issue 13): zaaknummer first, then the company and its place, not
the rule broken; searchable by company name and zaaknummer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from openvth.handhaving import services
from openvth.organisaties.models import Rol

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
