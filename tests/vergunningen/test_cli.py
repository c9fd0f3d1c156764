"""`openvth verzoeken-importeren`: portal messages from a file or a folder, idempotent, with file and field named
on a refusal."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openvth.organisaties.models import Rol
from openvth.vergunningen.models import Verzoek

from ..fabrieken import GebruikerFactory, LidmaatschapFactory, OrganisatieFactory
from .opbouw import CREMATORIUM, bericht

pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker():
    gebruiker = GebruikerFactory(username="loket")
    LidmaatschapFactory(
        gebruiker=gebruiker, organisatie=OrganisatieFactory(code="odzob"), rollen=[Rol.VERGUNNINGVERLENER]
    )
    return gebruiker.username


def _importeer(pad, gebruiker) -> tuple[str, str]:
    uit, fout = io.StringIO(), io.StringIO()
    call_command("verzoeken_importeren", str(pad), gebruiker=gebruiker, stdout=uit, stderr=fout)
    return uit.getvalue(), fout.getvalue()


def test_map_met_verzoek_en_aanvulling_en_opnieuw(tmp_path, medewerker):
    (tmp_path / "1-verzoek.json").write_text(json.dumps(bericht()), encoding="utf-8")
    aanvulling = bericht(verzoekvolgnummer=2, doel="aanvullen", locatie=None, aanvrager=None, activiteiten=None)
    (tmp_path / "2-aanvulling.json").write_text(json.dumps(aanvulling), encoding="utf-8")
    uit, _ = _importeer(tmp_path, medewerker)
    assert "Ontvangen: 2; al ontvangen: 0; geweigerd: 0." in uit
    assert list(Verzoek.objects.values_list("verzoekvolgnummer", flat=True).order_by("verzoekvolgnummer")) == [
        "001",
        "002",
    ]
    uit, _ = _importeer(tmp_path / "1-verzoek.json", medewerker)
    assert "niets gewijzigd" in uit and "al ontvangen: 1" in uit and Verzoek.objects.count() == 2


def test_weigering_noemt_bestand_en_veld(tmp_path, medewerker):
    lijst = tmp_path / "berichten.json"
    lijst.write_text(
        json.dumps([bericht(), bericht(verzoeknummer="2026120100002", activiteiten=[CREMATORIUM])]), encoding="utf-8"
    )
    kapot = tmp_path / "kapot.json"
    kapot.write_text('{\n  "verzoeknummer": "1",\n  "soort": \n}', encoding="utf-8")
    with pytest.raises(CommandError, match="2 bericht"):
        _importeer(tmp_path, medewerker)
    fout = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verzoeken_importeren", str(tmp_path), gebruiker=medewerker, stdout=io.StringIO(), stderr=fout)
    tekst = fout.getvalue()
    assert f"{lijst} [bericht 2]: veld activiteiten.0: Voor bal-3.7.4" in tekst
    assert f"{kapot}:4:1: geen geldige JSON" in tekst
    assert Verzoek.objects.count() == 1  # the valid message of the list; nothing of the refused ones


def test_onbekende_gebruiker_of_pad(tmp_path, medewerker):
    with pytest.raises(CommandError, match="Onbekende gebruiker"):
        _importeer(tmp_path, "niemand")
    with pytest.raises(CommandError, match="bestaat niet"):
        _importeer(tmp_path / "weg.json", medewerker)
