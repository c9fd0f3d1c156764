"""Reference data: everything loads, a second run changes nothing, a changed file updates in place, a bad file
changes nothing."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openvth.audit.models import Auditgebeurtenis
from openvth.organisaties.models import Organisatie, Soort, Werkgebiedlid
from openvth.organisaties.referentiebestanden import STANDAARD_MAP, ReferentieFout, lees_referentie
from openvth.organisaties.services import referentie_laden, systeem_actor

pytestmark = pytest.mark.django_db


def test_alle_organisaties_geladen():
    aantallen = {s: Organisatie.objects.filter(soort=s).count() for s in Soort.values}
    assert aantallen == {
        "gemeente": 342,
        "provincie": 12,
        "waterschap": 21,
        "omgevingsdienst": 30,
        "ketenpartner": 3,
        "rijk": 1,
    }
    assert Organisatie.objects.get(code="GM0363").provincie.code == "PV27"
    assert Organisatie.objects.get(code="odru").opvolger.code == "odu"


def test_werkgebied_en_looptijd():
    odru = Organisatie.objects.get(code="odru")
    assert str(odru.geldig_tot) == "2026-01-01"  # source gives the last day 2025-12-31; stored exclusive
    gemeenten = Werkgebiedlid.objects.filter(omgevingsdienst__code="odu", lid__soort=Soort.GEMEENTE)
    assert gemeenten.count() == 26
    # In 2026, the 26 current services cover every municipality exactly once (reference README §3).
    from datetime import date

    leden = Werkgebiedlid.objects.geldig_op(date(2026, 6, 1)).filter(lid__soort=Soort.GEMEENTE)
    codes = list(leden.values_list("lid__code", flat=True))
    assert len(codes) == len(set(codes)) == 342


def test_tweede_keer_verandert_niets():
    aantal_audit = Auditgebeurtenis.objects.count()
    verslag = referentie_laden(actor=systeem_actor())
    assert not verslag.veranderd and verslag.ongewijzigd > 800
    assert Auditgebeurtenis.objects.count() == aantal_audit


def test_gewijzigd_bestand_werkt_bij_en_meldt(tmp_path):
    shutil.copytree(STANDAARD_MAP, tmp_path, dirs_exist_ok=True)
    pad = tmp_path / "gemeenten.csv"
    pad.write_text(
        pad.read_text(encoding="utf-8").replace("GM0014,Groningen,", "GM0014,Groningen (stad),"), encoding="utf-8"
    )
    verslag = referentie_laden(actor=systeem_actor(), map=tmp_path)
    assert verslag.gewijzigd == ["GM0014: naam 'Groningen' → 'Groningen (stad)'"]
    assert Organisatie.objects.get(code="GM0014").naam == "Groningen (stad)"
    assert Auditgebeurtenis.objects.filter(
        actie="organisatie.gewijzigd", object_omschrijving="Groningen (stad)"
    ).exists()


@pytest.mark.parametrize(
    "bestand, vervang, melding",
    [
        ("gemeenten.csv", ("GM0014,", "GX0014,"), "ongeldige gemeentecode 'GX0014'"),
        ("gemeenten.csv", (",PV20,53.21861", ",PV99,53.21861"), "onbekende provincie 'PV99'"),
        ("gemeenten.csv", ("53.21861,6.62073", "43.2,6.6"), "buiten Nederland"),
        ("gemeenten.csv", ("245250", "veel"), "geen getal"),
        ("omgevingsdienst_gemeenten.csv", ("odg,GM", "odx,GM"), "onbekende omgevingsdienst 'odx'"),
        ("omgevingsdiensten.csv", ("2013-05-01", "2013-13-01"), "ongeldige datum"),
        ("provincies.csv", ("code,naam", "kode,naam"), "kolommen ontbreken: code"),
    ],
)
def test_fout_bestand_verandert_niets(tmp_path, bestand, vervang, melding):
    shutil.copytree(STANDAARD_MAP, tmp_path, dirs_exist_ok=True)
    pad = tmp_path / bestand
    pad.write_text(pad.read_text(encoding="utf-8").replace(*vervang, 1), encoding="utf-8")
    voor = list(Organisatie.objects.order_by("pk").values_list("code", "naam"))
    with pytest.raises(ReferentieFout, match=melding):
        referentie_laden(actor=systeem_actor(), map=tmp_path)
    assert list(Organisatie.objects.order_by("pk").values_list("code", "naam")) == voor


def test_geen_utf8_wordt_geweigerd(tmp_path):
    shutil.copytree(STANDAARD_MAP, tmp_path, dirs_exist_ok=True)
    (tmp_path / "waterschappen.csv").write_bytes("code,naam\nx,Wetterskip Frysl\u00e2n\n".encode("latin-1"))
    with pytest.raises(ReferentieFout, match="geen geldige UTF-8"):
        lees_referentie(tmp_path)


def test_cli_meldt_fout_leesbaar(tmp_path):
    with pytest.raises(CommandError, match="Niets geladen: provincies.csv: bestand ontbreekt"):
        call_command("load_reference", map=tmp_path)
