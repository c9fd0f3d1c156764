"""CIM code lists: loading (idempotent, validated, audited), validity checks, and the data-quality report."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving import codelijsten, datakwaliteit, services
from openvth.handhaving.models import Codelijst, Codelijstwaarde
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Rol
from openvth.organisaties.services import systeem_actor
from openvth.regels import lhso

from . import opbouw

pytestmark = pytest.mark.django_db
D = date


def test_geladen_bij_de_testopzet_met_bronnen():
    """tests/conftest.py loads the lists once; every list has values and a source."""
    for lijst in Codelijst.values:
        waarden = codelijsten.codelijst(lijst)
        assert waarden.exists() and all(w.bron for w in waarden), lijst
    instrumenten = {c.code for c in codelijsten.codelijst(Codelijst.HANDHAVINGSINSTRUMENT)}
    assert instrumenten == set(lhso.standaardtabel().instrumenten)
    resultaten = [c.naam for c in codelijsten.codelijst(Codelijst.RESULTAAT_BEVINDING)]
    assert "niet akkoord, voorschriften overtreden" in resultaten and len(resultaten) == 5


def test_laden_is_idempotent_en_meldt_wijzigingen():
    uit = StringIO()
    call_command("load_codelijsten", stdout=uit)
    assert "0 nieuw, 0 gewijzigd" in uit.getvalue()
    Codelijstwaarde.objects.filter(lijst="gedrag", code="C").update(naam="berekenend")
    Codelijstwaarde.objects.create(lijst="gedrag", code="E", naam="onbekend", geldig_vanaf=D(2022, 10, 12))
    voor = Auditgebeurtenis.objects.count()
    verslag = codelijsten.codelijsten_laden(actor=systeem_actor("test"))
    assert verslag.gewijzigd == ["gedrag:C (naam)"] and verslag.niet_meer_in_bestand == ["gedrag:E"]
    assert Codelijstwaarde.objects.get(lijst="gedrag", code="C").naam == "calculerend"
    assert Auditgebeurtenis.objects.count() == voor + 1
    assert Codelijstwaarde.objects.filter(code="E").exists()  # kept: records may use it


@pytest.mark.parametrize(
    ("wijziging", "tekst"),
    [
        (lambda d: d.pop("schema"), "schema"),
        (lambda d: d["lijsten"].pop("gevolg"), "ontbreken: gevolg"),
        (lambda d: d["lijsten"].update({"kleur": {"bron": "x", "waarden": []}}), "onbekende lijst"),
        (lambda d: d["lijsten"]["gedrag"].update({"bron": ""}), "geen bron"),
        (lambda d: d["lijsten"]["gedrag"]["waarden"][0].update({"geldig_vanaf": "12-10-2022"}), "ongeldige datum"),
        (lambda d: d["lijsten"]["gedrag"]["waarden"][0].update({"geldig_tot": "2020-01-01"}), "niet na"),
        (lambda d: d["lijsten"]["gedrag"]["waarden"][0].update({"kleur": "rood"}), "verwacht code"),
        (lambda d: d["lijsten"]["gedrag"]["waarden"].append(d["lijsten"]["gedrag"]["waarden"][0]), "dubbele"),
    ],
)
def test_ongeldig_bestand_laadt_niets(tmp_path, wijziging, tekst):
    gegevens = json.loads(codelijsten.BESTAND.read_text(encoding="utf-8"))
    wijziging(gegevens)
    pad = tmp_path / "lijsten.json"
    pad.write_text(json.dumps(gegevens), encoding="utf-8")
    Codelijstwaarde.objects.all().delete()
    with pytest.raises(OngeldigeInvoer, match=tekst):
        codelijsten.codelijsten_laden(actor=systeem_actor("test"), pad=pad)
    assert not Codelijstwaarde.objects.exists()
    with pytest.raises(CommandError, match="Niets geladen"):
        call_command("load_codelijsten", bestand=pad, verbosity=0)


def test_toets_code():
    assert codelijsten.toets_code("gedrag", "A", D(2025, 1, 1)) is None
    assert "staat niet op de codelijst" in codelijsten.toets_code("gedrag", "E", D(2025, 1, 1))
    assert "pas geldig vanaf 12-10-2022" in codelijsten.toets_code("gevolg", "3", D(2021, 1, 1))
    Codelijstwaarde.objects.filter(lijst="gevolg", code="3").update(geldig_tot=D(2025, 1, 1))
    assert codelijsten.toets_code("gevolg", "3", D(2024, 12, 31)) is None
    assert "vervallen per 01-01-2025" in codelijsten.toets_code("gevolg", "3", D(2025, 1, 1))
    assert [c.code for c in codelijsten.codelijst("gevolg", peildatum=D(2025, 1, 1))] == ["1", "2", "4"]
    assert codelijsten.cim_zwaarte(3) == "licht" and codelijsten.cim_zwaarte(6) == "middel"
    assert codelijsten.cim_zwaarte(9) == "zwaar"


def test_datakwaliteit_vindt_vervallen_codes_binnen_het_eigen_zicht():
    wie = opbouw.handhaver()
    zaak = opbouw.overtreding(wie, gedrag="B", gevolg="2")
    services.maatregel_maken(
        actor=wie, overtreding=zaak, instrument="WAARSCHUWEN", datum=D(2025, 1, 7), hersteltermijn="P2W"
    )
    schoon = datakwaliteit.rapport(actor=wie)
    assert schoon.fouten == () and schoon.gecontroleerd == {
        "handhavingsmaatregel.instrument": 1,
        "interventiepositionering.gedrag": 1,
        "interventiepositionering.gevolg": 1,
    }
    # The list owner ends "B" before the position was recorded, and WAARSCHUWEN before the warning was given.
    Codelijstwaarde.objects.filter(lijst="gedrag", code="B").update(geldig_tot=D(2024, 1, 1))
    Codelijstwaarde.objects.filter(code="WAARSCHUWEN").update(geldig_tot=D(2025, 1, 1))
    verslag = datakwaliteit.rapport(actor=wie)
    assert [(f.soort, f.veld, f.code, f.overtreding) for f in verslag.fouten] == [
        ("handhavingsmaatregel", "instrument", "WAARSCHUWEN", str(zaak.uuid)),
        ("interventiepositionering", "gedrag", "B", str(zaak.uuid)),
    ]
    assert verslag.fouten[0].datum == D(2025, 1, 7) and "vervallen" in verslag.fouten[0].reden
    buitenstaander = opbouw.actor("ander", "GM0363", Rol.HANDHAVER)
    assert datakwaliteit.rapport(actor=buitenstaander).fouten == ()


def test_datakwaliteit_van_bevindingen():
    """Findings (toezicht) are checked too: their result on the list Resultaat bevinding, and the LHSO judgement."""
    from openvth.toezicht.models import Bevinding, Controle

    wie = opbouw.handhaver()
    obj = opbouw.vth_object()
    controle = Controle.objects.create(
        bevoegd_gezag=obj.bevoegd_gezag,
        uitvoerder=obj.uitvoerder,
        gemeente=obj.locatie.gemeente,
        vth_object=obj,
        reden="programma",
        gepland_op=D(2025, 3, 3),
        uitgevoerd_op=D(2025, 3, 4),
    )
    goed = Bevinding.objects.create(
        controle=controle,
        volgnummer=1,
        resultaat="niet_akkoord",
        gedrag="B",
        gevolg="2",
        vastgelegd_door_id=wie.gebruiker_id,
    )
    Bevinding.objects.create(
        controle=controle, volgnummer=2, resultaat="voorschriften_nageleefd", vastgelegd_door_id=wie.gebruiker_id
    )
    schoon = datakwaliteit.rapport(actor=wie)
    assert schoon.fouten == ()
    assert (schoon.gecontroleerd["bevinding.resultaat"], schoon.gecontroleerd["bevinding.gedrag"]) == (2, 1)
    Bevinding.objects.create(controle=controle, volgnummer=3, resultaat="prima", vastgelegd_door_id=wie.gebruiker_id)
    Codelijstwaarde.objects.filter(lijst="gevolg", code="2").update(geldig_vanaf=D(2025, 6, 1))
    fouten = datakwaliteit.rapport(actor=wie).fouten
    assert sorted((f.veld, f.code, f.datum) for f in fouten) == [
        ("gevolg", "2", D(2025, 3, 4)),
        ("resultaat", "prima", D(2025, 3, 4)),
    ]
    assert {f.record for f in fouten if f.veld == "gevolg"} == {str(goed.uuid)}
