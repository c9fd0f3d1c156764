"""The site dossier and the Inspectieview export: other organisations' shared records, every view logged."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone

from openvth.audit.models import Inzage
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import Deelafspraak, Organisatie
from openvth.toezicht import dossier, inspectieview, services
from openvth.toezicht.models import Reden

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()
GEDEELD = (
    "toezicht.controle",
    "toezicht.bevinding",
    "handhaving.overtreding",
    "handhaving.handhavingsmaatregel",
    "register.activiteituitvoering",
    "register.vthobject",
)


@pytest.fixture
def situatie(object_in_regio, planner, medewerker):
    inspecteur = medewerker("odzob", "toezichthouder", naam="inspecteur")
    controle = services.controle_plannen(
        actor=planner,
        vth_object=object_in_regio,
        gepland_op=VANDAAG,
        reden=Reden.INCIDENT,
        toelichting="klacht over stof",
    )
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=inspecteur.gebruiker_id)
    services.bevinding_vastleggen(actor=inspecteur, controle=controle, resultaat="voorschriften_nageleefd")
    services.bevinding_vastleggen(
        actor=inspecteur,
        controle=controle,
        resultaat="niet_akkoord",
        omschrijving="stof",
        voorschrift="art. 4.5 Bal",
        gedrag="A",
        gevolg="2",
    )
    services.controle_uitvoeren(actor=inspecteur, controle=controle, uitgevoerd_op=VANDAAG, uren_besteed=3)
    ilt = Organisatie.objects.get(code="ilt")
    odzob = Organisatie.objects.get(code="odzob")
    for soort in GEDEELD:
        Deelafspraak.objects.create(ontvanger=ilt, verstrekker=odzob, recordsoort=soort, grondslag="Inspectieview")
    return {
        "controle": controle,
        "ilt": medewerker("ilt", "toezichthouder", naam="ilt-inspecteur"),
        "inspecteur": inspecteur,
        "obj": object_in_regio,
    }


def test_dossier_toont_gedeelde_records_van_andere_organisatie_en_logt(situatie):
    ilt = situatie["ilt"]
    voor = Inzage.objects.count()
    d = dossier.dossier(actor=ilt, vth_objecten=[situatie["obj"]])
    assert [c.pk for c in d.controles] == [situatie["controle"].pk]
    assert len(d.bevindingen) == 2 and len(d.overtredingen) == 1
    assert d.activiteiten and all(u.vth_object_id == situatie["obj"].pk for u in d.activiteiten)
    assert "odzob" in {o.code for o in d.organisaties}
    niet_openbaar = sum(
        1
        for r in (*d.activiteiten, *d.controles, *d.bevindingen, *d.overtredingen, *d.maatregelen)
        if r.vertrouwelijkheid != "openbaar"
    )
    assert d.gelogd == niet_openbaar == Inzage.objects.count() - voor
    assert set(Inzage.objects.filter(actor_naam="ilt-inspecteur").values_list("doel", flat=True)) == {"dossier"}
    # a second view is logged again
    dossier.dossier(actor=ilt, vth_objecten=[situatie["obj"]])
    assert Inzage.objects.count() - voor == 2 * niet_openbaar


def test_organisatie_zonder_afspraak_ziet_alleen_het_openbare(situatie, medewerker):
    amsterdam = medewerker("GM0363", "toezichthouder")
    d = dossier.dossier(actor=amsterdam, vth_objecten=[situatie["obj"]])
    assert not d.controles and not d.bevindingen and not d.overtredingen and not d.maatregelen
    assert all(u.vertrouwelijkheid == "openbaar" for u in d.activiteiten)
    with pytest.raises(NietGevonden):
        dossier.dossier(actor=medewerker("GM0363", "toezichthouder").__class__(), vth_objecten=[situatie["obj"]])


def test_dossier_van_een_vestiging(situatie):
    vestiging = situatie["obj"].vestiging
    d = dossier.dossier_vestiging(actor=situatie["ilt"], uuid=vestiging.uuid)
    assert situatie["obj"] in d.objecten and len(d.controles) == 1


def _zip_inhoud(stroom) -> dict[str, list[dict]]:
    archief = zipfile.ZipFile(io.BytesIO(b"".join(stroom)))
    return {naam: list(csv.DictReader(io.StringIO(archief.read(naam).decode()))) for naam in archief.namelist()}


def test_inspectieview_export_kolommen_en_rijen(situatie):
    inhoud = _zip_inhoud(inspectieview.zip_stroom(actor=situatie["ilt"], vth_objecten=[situatie["obj"]]))
    assert set(inhoud) == set(inspectieview.BESTANDEN)
    archief_kolommen = {
        "inspectie.csv": inspectieview.INSPECTIE_KOLOMMEN,
        "bevinding.csv": inspectieview.BEVINDING_KOLOMMEN,
        "overtreding.csv": inspectieview.OVERTREDING_KOLOMMEN,
    }
    stroom = b"".join(inspectieview.zip_stroom(actor=situatie["ilt"], vth_objecten=[situatie["obj"]]))
    archief = zipfile.ZipFile(io.BytesIO(stroom))
    for naam, kolommen in archief_kolommen.items():
        assert archief.read(naam).decode().splitlines()[0] == ",".join(kolommen)
    (inspectie,) = inhoud["inspectie.csv"]
    assert inspectie["inspectie_id"] == str(situatie["controle"].uuid)
    assert inspectie["inspectieobject_id"] == f"nl-vthflo.{situatie['obj'].lokaal_id}"
    assert inspectie["controledatum"] == VANDAAG.isoformat() and inspectie["aanleiding"] == "incident"
    assert [b["bevinding_volgnummer"] for b in inhoud["bevinding.csv"]] == ["1", "2"]
    (overtreding,) = inhoud["overtreding.csv"]
    assert overtreding["overtreden_voorschrift"] == "art. 4.5 Bal" and overtreding["gedrag"] == "A"
    assert overtreding["gevolg"] == "2" and overtreding["handhavingsstrategie"] == "LHSO"
    assert {r["inspectieobject_id"] for r in inhoud["inspectieobject.csv"]} == {inspectie["inspectieobject_id"]}


def test_inspectieview_van_organisatie_en_cli(situatie, tmp_path):
    inhoud = _zip_inhoud(inspectieview.zip_stroom(actor=situatie["inspecteur"]))
    assert len(inhoud["inspectie.csv"]) == 1 and len(inhoud["activiteituitvoering.csv"]) > 100
    uit = tmp_path / "iv.zip"
    tekst = io.StringIO()
    call_command(
        "export_inspectieview",
        als="inspecteur",
        organisatie="odzob",
        uit=uit,
        vth_object=[situatie["obj"].uuid],
        stdout=tekst,
    )
    assert "inspectie.csv: 1" in tekst.getvalue() and zipfile.is_zipfile(uit)
    # unrelated organisation: empty supervision files
    leeg = _zip_inhoud(
        inspectieview.zip_stroom(
            actor=situatie["ilt"].__class__(
                gebruiker_id=situatie["ilt"].gebruiker_id,
                gebruikersnaam="x",
                organisatie=Organisatie.objects.get(code="GM0363"),
                rollen=frozenset({"toezichthouder"}),
            )
        )
    )
    assert leeg["inspectie.csv"] == [] and leeg["bevinding.csv"] == [] and leeg["overtreding.csv"] == []
