"""Atw art. 3 lid 3: the days equated with holidays by royal decree reach every caller of the term calculator."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from openvth.handhaving import workflow
from openvth.regels import termijnen

BEREKENING = "/api/v1/termijnen/berekening"


@pytest.mark.django_db
def test_api_termijn_telt_besluitdagen():
    cache.clear()  # throttling state
    antwoord = Client().get(BEREKENING, {"startdatum": "2026-05-07", "duur": "P1W", "wettelijk": "true"})
    assert antwoord.status_code == 200, antwoord.content
    gegevens = antwoord.json()
    assert gegevens["einddatum"] == "2026-05-18"
    assert any(
        "gelijkgesteld met een algemeen erkende feestdag bij Besluit gelijkstelling van 2 januari 2026" in r
        for r in gegevens["motivering"]
    )


def test_werkstroom_en_grootboek_gebruiken_de_besluitdagen():
    # An aanmaning sent Friday 1 May 2026: two weeks end on decree day Friday 15 May, so Monday 18 May (Awb 4:112).
    assert workflow._aanmaningstermijn(date(2026, 5, 1)).einddatum == date(2026, 5, 18)
    # A forfeiture of 21 November 2025 is payable within six weeks (Awb 5:33): Friday 2 January 2026 is equated.
    assert termijnen.dwangsom_betaaltermijn(date(2025, 11, 21), kalender=workflow.kalender()).einddatum == date(
        2026, 1, 5
    )


def test_toezicht_gebruikt_dezelfde_kalender():
    from openvth.toezicht.services import controles

    assert controles.kalender is workflow.kalender


def test_nieuw_besluit_via_instelling(tmp_path, settings):
    bestand = tmp_path / "besluit-2029.csv"
    bestand.write_text(
        "datum,reden,besluit,bron\n2029-05-11,vrijdag na Hemelvaartsdag,"
        "Besluit gelijkstelling van 11 mei 2029 met een algemeen erkende feestdag,Stcrt.\n",
        "utf-8",
    )
    settings.OPENVTH_ATW_GELIJKGESTELDE_DAGEN = [str(bestand)]
    kal = workflow.kalender()
    assert "Besluit gelijkstelling van 11 mei 2029" in kal.reden(date(2029, 5, 11))
    assert kal.reden(date(2026, 5, 15))  # the shipped decrees stay


def test_onleesbaar_besluitbestand_weigert(tmp_path, settings):
    bestand = tmp_path / "fout.csv"
    bestand.write_text("datum;reden\n", "utf-8")
    settings.OPENVTH_ATW_GELIJKGESTELDE_DAGEN = [str(bestand)]
    with pytest.raises(ImproperlyConfigured, match="kolommen"):
        workflow.kalender()
