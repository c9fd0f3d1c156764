"""Permits feed supervision (issue 15 items 4 and 5): a permit's conditions linked to checklist items and shown on
the next controle at that site, a finding citing the condition it breaches, permits and decisions in the site
dossier and the Inspectieview export, separation of functions read from the permit procedure, and a handled
notification proposing a controle after notification to the execution programme. Another organisation sees none of
the permits or conditions."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from openvth.audit.models import Auditgebeurtenis, Inzage
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Lidmaatschap, Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken
from openvth.toezicht import dossier, inspectieview, selectors, services
from openvth.toezicht.models import (
    Bevinding,
    Controleaandachtspunt,
    Controleonderwerp,
    Programmataak,
    Risicoanalyse,
    Uitvoeringsprogramma,
    Voorschriftkoppeling,
)
from openvth.vergunningen import besluiten
from openvth.vergunningen.bericht import Bijlage
from openvth.vergunningen.besluiten import Voorschriftopgave
from openvth.vergunningen.models import Toestemming, Voorschrift
from openvth.vergunningen.stappen import stap_zetten

from ..fabrieken import DeelafspraakFactory
from ..handhaving import zaak
from ..vergunningen.opbouw import CREMATORIUM, STOOKINSTALLATIE
from ..vergunningen.procedure_opbouw import Mensen, aanvraag, dagen_geleden
from .test_views import klant

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()
VOORSCHRIFTEN = [
    Voorschriftopgave("1", "De stookinstallatie wordt jaarlijks gekeurd.", STOOKINSTALLATIE),
    Voorschriftopgave("2", "De emissie van NOx is ten hoogste 100 mg/Nm3."),
]
BIJLAGE = Bijlage("melding.pdf", "application/pdf", "cd" * 32)


@pytest.fixture
def mensen(catalogus):
    return Mensen()


@pytest.fixture
def vergunning(mensen):
    """A permit for a boiler at the Markt in Eindhoven: handled and drafted by anna, approved by bram, made known 90
    days ago (in force from the day after), with two conditions."""
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(120))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(119),
        gegevens={"procedure": "regulier"},
    )
    besluit = besluiten.besluit_opstellen(
        actor=mensen.a, verzoek=verzoek, soort="verlenen", motivering="Voldoet.", voorschriften=VOORSCHRIFTEN
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=besluit)
    stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="besluit_bekendmaken", datum=dagen_geleden(90))
    verzoek.refresh_from_db()
    besluit.refresh_from_db()
    toestemming = Toestemming.objects.get()
    return SimpleNamespace(
        verzoek=verzoek,
        besluit=besluit,
        toestemming=toestemming,
        obj=verzoek.vth_object,
        keuring=Voorschrift.objects.get(nummer="1"),
        nox=Voorschrift.objects.get(nummer="2"),
    )


@pytest.fixture
def lijst(db):
    """A checklist for boilers (bal-3.2 fits bal-3.2.1) and one for crematoria."""
    stook = Controleonderwerp.objects.create(
        activiteitcode="bal-3.2", naam="Stookinstallaties", geldig_vanaf=date(2020, 1, 1)
    )
    crematorium = Controleonderwerp.objects.create(
        activiteitcode=CREMATORIUM, naam="Crematoria", geldig_vanaf=date(2020, 1, 1)
    )
    return SimpleNamespace(
        stook=stook,
        keuringspunt=Controleaandachtspunt.objects.create(onderwerp=stook, tekst="Keuringsrapport aanwezig"),
        emissiepunt=Controleaandachtspunt.objects.create(onderwerp=stook, tekst="Emissiemeting", volgorde=1),
        crematorium=crematorium,
        ovenpunt=Controleaandachtspunt.objects.create(onderwerp=crematorium, tekst="Ovenfilter"),
    )


@pytest.fixture
def tom(medewerker):
    return medewerker("odzob", "toezichthouder", naam="tom")


@pytest.fixture
def planner(medewerker):
    return medewerker("odzob", "planner", naam="planner")


@pytest.fixture
def ander(medewerker):
    """Staff of Amsterdam, in every role that matters here: no permit of Eindhoven is theirs to see."""
    return medewerker("GM0363", "toezichthouder", "vergunningverlener", "planner", naam="amsterdam")


def controle_bij(planner, tom, obj, gepland_op=VANDAAG):
    controle = services.controle_plannen(
        actor=planner, vth_object=obj, gepland_op=gepland_op, reden="incident", toelichting="klacht over rook"
    )
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=tom.gebruiker_id)
    return controle


def api_klant(actor) -> Client:
    gebruiker = get_user_model().objects.get(pk=actor.gebruiker_id)
    _, sleutel = token_maken(
        actor=systeem_actor(),
        gebruiker=gebruiker,
        organisatie=actor.organisatie,
        naam="test",
        scopes=["lezen", "schrijven"],
    )
    cache.clear()
    return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")


# --- 1. linking conditions to the checklist ------------------------------------------------------------------


def test_koppelen_aan_aandachtspunt_en_onderwerp_met_audit(vergunning, lijst, mensen, tom):
    v = vergunning.keuring
    services.voorschrift_koppelen(actor=mensen.a, voorschrift=v, aandachtspunten=[lijst.keuringspunt])
    assert list(Voorschriftkoppeling.objects.values_list("aandachtspunt_id", "onderwerp_id")) == [
        (lijst.keuringspunt.pk, None)
    ]
    assert Auditgebeurtenis.objects.filter(actie="voorschriftkoppeling.aangemaakt").count() == 1
    # The inspector replaces the point by the whole topic: one link removed, one added, both audited.
    services.voorschrift_koppelen(actor=tom, voorschrift=v, onderwerpen=[lijst.stook])
    assert list(Voorschriftkoppeling.objects.values_list("aandachtspunt_id", "onderwerp_id")) == [
        (None, lijst.stook.pk)
    ]
    weg = Auditgebeurtenis.objects.get(actie="voorschriftkoppeling.verwijderd")
    assert weg.voor["aandachtspunt"] == lijst.keuringspunt.pk
    # Unique per pair, also in the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        Voorschriftkoppeling.objects.create(voorschrift=v, onderwerp=lijst.stook, gekoppeld_door_id=tom.gebruiker_id)


def test_koppelen_geweigerd(vergunning, lijst, mensen, planner, ander):
    v = vergunning.nox  # no activity of its own: those of the permit (a boiler)
    with pytest.raises(OngeldigeInvoer) as fout:
        services.voorschrift_koppelen(actor=mensen.a, voorschrift=v, aandachtspunten=[lijst.ovenpunt])
    assert "Ovenfilter" in fout.value.velden["aandachtspunten"]
    with pytest.raises(GeenToestemming):  # a planner neither issues permits nor inspects
        services.voorschrift_koppelen(actor=planner, voorschrift=v, aandachtspunten=[lijst.emissiepunt])
    with pytest.raises(NietGevonden):  # another organisation does not see the condition
        services.voorschrift_koppelen(actor=ander, voorschrift=v, aandachtspunten=[lijst.emissiepunt])
    assert not Voorschriftkoppeling.objects.exists()
    assert not Auditgebeurtenis.objects.filter(actie__startswith="voorschriftkoppeling").exists()


def test_koppelpagina_toont_voorschriften_en_slaat_op(vergunning, lijst, tom, ander):
    url = f"/toezicht/objecten/{vergunning.obj.uuid}/vergunningvoorschriften"
    html = klant(tom).get(url).content.decode()
    assert f"{vergunning.toestemming.kenmerk} voorschrift 1" in html and "jaarlijks gekeurd" in html
    assert "Keuringsrapport aanwezig" in html and "Ovenfilter" not in html
    prefix = f"v{vergunning.keuring.pk}"
    antwoord = klant(tom).post(
        f"/toezicht/vergunningvoorschriften/{vergunning.keuring.uuid}/koppelen",
        {"peildatum": VANDAAG.isoformat(), f"{prefix}-punten": [str(lijst.keuringspunt.pk)]},
    )
    assert antwoord.status_code == 302
    assert Voorschriftkoppeling.objects.get().aandachtspunt == lijst.keuringspunt
    # A point of another activity is not among the choices: refused, nothing changed.
    klant(tom).post(
        f"/toezicht/vergunningvoorschriften/{vergunning.keuring.uuid}/koppelen",
        {"peildatum": VANDAAG.isoformat(), f"{prefix}-punten": [str(lijst.ovenpunt.pk)]},
    )
    assert Voorschriftkoppeling.objects.get().aandachtspunt == lijst.keuringspunt
    # Amsterdam sees the public register object, not the permit's conditions; it cannot link them.
    html = klant(ander).get(url).content.decode()
    assert "jaarlijks gekeurd" not in html and vergunning.toestemming.kenmerk not in html
    assert (
        klant(ander)
        .post(f"/toezicht/vergunningvoorschriften/{vergunning.keuring.uuid}/koppelen", {f"{prefix}-punten": []})
        .status_code
        == 404
    )


# --- 2. the next controle shows the conditions ------------------------------------------------------------------


def test_volgende_controle_toont_de_voorschriften(vergunning, lijst, mensen, planner, tom, ander):
    services.voorschrift_koppelen(actor=mensen.a, voorschrift=vergunning.keuring, aandachtspunten=[lijst.keuringspunt])
    controle = controle_bij(planner, tom, vergunning.obj)
    vs = selectors.checklist_voorschriften(actor=tom, controle=controle)
    assert vs.per_punt == {lijst.keuringspunt.pk: [vergunning.keuring]} and vs.overige == [vergunning.nox]
    assert Inzage.objects.filter(object_id=str(vergunning.toestemming.uuid)).exists()

    html = klant(tom).get(f"/toezicht/controles/{controle.uuid}").content.decode()
    kenmerk = vergunning.toestemming.kenmerk
    punt, overige = html.split('id="punt-', 1)[1].split("Overige vergunningvoorschriften", 1)
    getoond = punt.split("tz-vergunningvoorschriften", 1)[1].split("</ul>", 1)[0]
    assert f"{kenmerk} voorschrift 1" in getoond and "jaarlijks gekeurd" in getoond
    assert f"{kenmerk} voorschrift 2" not in getoond
    overig = overige.split("tz-vergunningvoorschriften", 1)[1].split("</ul>", 1)[0]
    assert f"{kenmerk} voorschrift 2" in overig and "100 mg/Nm3" in overig and "voorschrift 1" not in overig

    # A controle before the permit took effect shows none of its conditions.
    eerder = controle_bij(planner, tom, vergunning.obj, gepland_op=dagen_geleden(100))
    assert selectors.checklist_voorschriften(actor=tom, controle=eerder).alle == []

    # The API's controle detail carries them too, placed on the checklist.
    detail = api_klant(tom).get(f"/api/v1/controles/{controle.uuid}").json()
    per_nummer = {v["nummer"]: v for v in detail["vergunningvoorschriften"]}
    assert per_nummer["1"]["aandachtspunten"] == [lijst.keuringspunt.pk]
    assert per_nummer["2"]["aandachtspunten"] == [] and per_nummer["2"]["aanduiding"] == f"{kenmerk} voorschrift 2"

    # Another organisation that may read the controle (a sharing agreement) does not see the permit's conditions.
    DeelafspraakFactory(ontvanger=ander.organisatie, recordsoort="toezicht.controle")
    assert selectors.checklist_voorschriften(actor=ander, controle=controle).alle == []
    detail = api_klant(ander).get(f"/api/v1/controles/{controle.uuid}")
    assert detail.status_code == 200 and detail.json()["vergunningvoorschriften"] == []


def test_koppelen_via_api(vergunning, lijst, tom, ander):
    client = api_klant(tom)
    lijst_url = f"/api/v1/vth-objecten/{vergunning.obj.uuid}/vergunningvoorschriften"
    rijen = client.get(lijst_url).json()
    assert {r["nummer"] for r in rijen} == {"1", "2"}
    assert [o["id"] for o in rijen[0]["koppelbareOnderwerpen"]] == [lijst.stook.pk]
    url = f"/api/v1/vergunningvoorschriften/{vergunning.keuring.uuid}/checklist-koppelingen"
    r = client.post(url, {"aandachtspunten": [lijst.keuringspunt.pk]}, content_type="application/json")
    assert r.status_code == 200 and r.json()["aandachtspunten"] == [lijst.keuringspunt.pk]
    r = client.post(url, {"aandachtspunten": [999_999]}, content_type="application/json")
    assert r.status_code == 400 and {p["name"] for p in r.json()["invalidParams"]} == {"aandachtspunten"}
    r = client.post(url, {"aandachtspunten": [lijst.ovenpunt.pk]}, content_type="application/json")
    assert r.status_code == 400 and Voorschriftkoppeling.objects.get().aandachtspunt == lijst.keuringspunt
    assert api_klant(ander).post(url, {"aandachtspunten": []}, content_type="application/json").status_code == 404
    assert api_klant(ander).get(lijst_url).json() == []


# --- 3. a finding cites the condition it breaches ---------------------------------------------------------------


def test_bevinding_noemt_het_overtreden_voorschrift(vergunning, lijst, planner, tom):
    controle = controle_bij(planner, tom, vergunning.obj)
    b = services.bevinding_vastleggen(
        actor=tom,
        controle=controle,
        resultaat="niet_akkoord",
        omschrijving="Geen keuringsrapport van dit jaar.",
        aandachtspunt=lijst.keuringspunt,
        vergunningvoorschrift=vergunning.keuring,
        gedrag="A",
        gevolg="2",
    )
    aanduiding = f"{vergunning.toestemming.kenmerk} voorschrift 1"
    assert b.vergunningvoorschrift == vergunning.keuring and b.voorschrift == aanduiding
    assert b.overtreding.voorschrift == aanduiding
    # Its own text wins.
    eigen = services.bevinding_vastleggen(
        actor=tom,
        controle=controle,
        resultaat="voorschriften_nageleefd",
        voorschrift="vs. 2 lid 1",
        vergunningvoorschrift=vergunning.nox,
    )
    assert eigen.voorschrift == "vs. 2 lid 1" and eigen.vergunningvoorschrift == vergunning.nox


def test_bevinding_met_voorschrift_dat_niet_van_kracht_is_geweigerd(vergunning, planner, tom):
    eerder = controle_bij(planner, tom, vergunning.obj, gepland_op=dagen_geleden(100))
    with pytest.raises(OngeldigeInvoer) as fout:
        services.bevinding_vastleggen(
            actor=tom, controle=eerder, resultaat="voorschriften_nageleefd", vergunningvoorschrift=vergunning.keuring
        )
    assert "niet van kracht" in fout.value.velden["vergunningvoorschrift"]
    assert not Bevinding.objects.exists()


def test_bevinding_met_voorschrift_via_formulier_en_api(vergunning, lijst, mensen, planner, tom):
    services.voorschrift_koppelen(actor=mensen.a, voorschrift=vergunning.keuring, aandachtspunten=[lijst.keuringspunt])
    controle = controle_bij(planner, tom, vergunning.obj)
    pagina = klant(tom).get(f"/toezicht/controles/{controle.uuid}").content.decode()
    sleutel = f"p{lijst.keuringspunt.pk}"
    # The linked condition is the point's default citation.
    assert f'<option value="{vergunning.keuring.uuid}" selected>' in pagina
    antwoord = klant(tom).post(
        f"/toezicht/controles/{controle.uuid}/bevindingen",
        {
            "punt": lijst.keuringspunt.pk,
            f"{sleutel}-resultaat": "voorschriften_nageleefd",
            f"{sleutel}-vergunningvoorschrift": str(vergunning.keuring.uuid),
        },
    )
    assert antwoord.status_code == 302
    b = Bevinding.objects.get()
    assert b.vergunningvoorschrift == vergunning.keuring
    assert b.voorschrift == f"{vergunning.toestemming.kenmerk} voorschrift 1"

    client = api_klant(tom)
    r = client.post(
        f"/api/v1/controles/{controle.uuid}/bevindingen",
        {"resultaat": "voorschriften_nageleefd", "vergunningvoorschrift": str(vergunning.nox.uuid)},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["vergunningvoorschrift"] == str(vergunning.nox.uuid)
    assert r.json()["voorschrift"] == f"{vergunning.toestemming.kenmerk} voorschrift 2"
    r = client.post(
        f"/api/v1/controles/{controle.uuid}/bevindingen",
        {"resultaat": "voorschriften_nageleefd", "vergunningvoorschrift": str(controle.uuid)},
        content_type="application/json",
    )
    assert r.status_code == 400 and {p["name"] for p in r.json()["invalidParams"]} == {"vergunningvoorschrift"}
    assert Bevinding.objects.count() == 2


# --- 4. the site dossier and the Inspectieview export ------------------------------------------------------------


def _zip(stroom) -> dict[str, list[dict]]:
    archief = zipfile.ZipFile(io.BytesIO(b"".join(stroom)))
    return {naam: list(csv.DictReader(io.StringIO(archief.read(naam).decode()))) for naam in archief.namelist()}


def test_dossier_met_toestemmingen_en_besluiten(vergunning, tom, ander):
    d = dossier.dossier(actor=tom, vth_objecten=[vergunning.obj])
    (t,) = d.toestemmingen
    assert t.kenmerk == vergunning.toestemming.kenmerk and t.aantal_voorschriften == 2
    (b,) = d.besluiten
    assert (b.kenmerk, b.status, b.bekendgemaakt_op) == (vergunning.besluit.kenmerk, "bekendgemaakt", dagen_geleden(90))
    assert Inzage.objects.filter(object_id=str(t.uuid), doel="dossier").exists()
    uit = dossier.als_dict(d)
    assert uit["toestemmingen"][0]["aantalVoorschriften"] == 2
    assert uit["toestemmingen"][0]["activiteiten"] == [STOOKINSTALLATIE]
    assert uit["besluiten"][0]["kenmerk"] == vergunning.besluit.kenmerk
    html = klant(tom).get(f"/toezicht/dossier/{vergunning.obj.uuid}").content.decode()
    assert "Toestemmingen en besluiten" in html and vergunning.toestemming.kenmerk in html

    leeg = dossier.dossier(actor=ander, vth_objecten=[vergunning.obj])
    assert leeg.toestemmingen == [] and leeg.besluiten == []
    html = klant(ander).get(f"/toezicht/dossier/{vergunning.obj.uuid}").content.decode()
    sectie = html.split('id="toestemmingen-kop"', 1)[1].split('id="controles-kop"', 1)[0]
    assert vergunning.toestemming.kenmerk not in sectie and "Geen toestemmingen die u mag inzien." in sectie
    # (the public register still names the permit as the activity's legitimatie: that is the register's, not ours)


def test_inspectieview_toestemming(vergunning, tom, ander):
    inhoud = _zip(inspectieview.zip_stroom(actor=tom, vth_objecten=[vergunning.obj]))
    assert set(inhoud) == set(inspectieview.BESTANDEN)
    (rij,) = inhoud["toestemming.csv"]
    assert list(rij) == list(inspectieview.TOESTEMMING_KOLOMMEN)
    assert rij["kenmerk"] == vergunning.toestemming.kenmerk and rij["toestemmingsoort"] == "vergunning"
    assert rij["toestemmingtype"] == "verlening" and rij["datum_verlening"] == dagen_geleden(90).isoformat()
    assert rij["inwerkingtredingsdatum"] == dagen_geleden(89).isoformat() and rij["vervaldatum"] == ""
    assert rij["activiteiten"] == STOOKINSTALLATIE and rij["aantal_voorschriften"] == "2"
    assert rij["bevoegd_gezag_code"] == "GM0772" and rij["inspectieobject_id"].endswith(vergunning.obj.lokaal_id)
    assert len(_zip(inspectieview.zip_stroom(actor=tom))["toestemming.csv"]) == 1  # the organisation's scope
    assert _zip(inspectieview.zip_stroom(actor=ander, vth_objecten=[vergunning.obj]))["toestemming.csv"] == []
    assert _zip(inspectieview.zip_stroom(actor=ander))["toestemming.csv"] == []


# --- 5. separation of functions read from the permit procedure --------------------------------------------------


def _ook_toezichthouder(persoon) -> None:
    lid = Lidmaatschap.objects.get(gebruiker=persoon, organisatie__code="odzob")
    lid.rollen = sorted({*lid.rollen, Rol.TOEZICHTHOUDER})
    lid.save()


def test_functiescheiding_uit_verzoek_en_besluit(vergunning, mensen, planner, tom):
    _ook_toezichthouder(mensen.anna)
    _ook_toezichthouder(mensen.bram)
    controle = services.controle_plannen(
        actor=planner, vth_object=vergunning.obj, gepland_op=VANDAAG, reden="incident", toelichting="klacht"
    )
    # anna handled the request and drafted the decision; bram approved it: neither may inspect the site.
    with pytest.raises(OngeldigeInvoer) as fout:
        services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=mensen.anna.pk)
    assert vergunning.verzoek.verzoeknummer in str(fout.value) and vergunning.besluit.kenmerk in str(fout.value)
    with pytest.raises(OngeldigeInvoer) as fout:
        services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=mensen.bram.pk)
    assert "Functiescheiding" in fout.value.velden["toezichthouder"] and vergunning.besluit.kenmerk in str(fout.value)
    controle.refresh_from_db()
    assert controle.toezichthouder_id is None
    kandidaten = {k.gebruiker_id: k for k in selectors.toezichthouder_kandidaten(actor=planner, controle=controle)}
    assert not kandidaten[mensen.anna.pk].toegestaan and not kandidaten[mensen.bram.pk].toegestaan
    assert kandidaten[tom.gebruiker_id].toegestaan
    # The other direction: who prepared no permit for this site is assigned; a preparer elsewhere is not barred here.
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=tom.gebruiker_id)
    elders = services.controle_plannen(
        actor=planner, vth_object=zaak.vth_object(), gepland_op=VANDAAG, reden="incident", toelichting="klacht"
    )
    services.toezichthouder_toewijzen(actor=planner, controle=elders, toezichthouder_id=mensen.anna.pk)
    # The old table still counts.
    services.vergunningbehandelaar_vastleggen(
        actor=mensen.a, vth_object=vergunning.obj, gebruiker_id=tom.gebruiker_id, kenmerk="OLO-9", datum=VANDAAG
    )
    assert "OLO-9" in selectors.scheiding_van_functies(vergunning.obj, tom.gebruiker_id)


# --- 6. a handled notification proposes a controle after notification -------------------------------------------

AANVANG = VANDAAG + timedelta(days=25)


def melding_afgehandeld(mensen, nummer: str = "2026120100002", aanvang: date = AANVANG):
    """A notification for a crematorium, received 10 days ago for a start 35 days later, handled today."""
    melding = aanvraag(
        mensen.a,
        ontvangen_op=dagen_geleden(10),
        nummer=nummer,
        soort="activiteitmelding",
        subsoort="",
        activiteiten=(CREMATORIUM,),
        aanvang_activiteit=aanvang,
        bijlagen=(BIJLAGE,),
    )
    stap_zetten(actor=mensen.a, verzoek=melding, handeling="afhandelen", datum=VANDAAG)
    melding.refresh_from_db()
    assert melding.status == "afgehandeld" and melding.vth_object is not None and melding.uitvoerder.code == "odzob"
    return melding


@pytest.fixture
def programma(planner, modeldefinitie):
    """ODZOB's programme of the year the notified activity starts (made directly: its tasks do not matter here)."""
    odzob = Organisatie.objects.get(code="odzob")
    versie = services.risicomodel_vastleggen(
        actor=planner, regio=odzob, definitie=modeldefinitie, geldig_vanaf=date(VANDAAG.year, 1, 1)
    )
    analyse = Risicoanalyse.objects.create(regio=odzob, modelversie=versie, peildatum=VANDAAG)
    return Uitvoeringsprogramma.objects.create(
        uitvoerder=odzob, jaar=AANVANG.year, risicoanalyse=analyse, aangemaakt_door_id=planner.gebruiker_id
    )


def test_melding_stelt_controle_voor_tot_die_is_aangenomen(mensen, programma, planner, tom, ander):
    melding = melding_afgehandeld(mensen)
    (voorstel,) = selectors.meldingvoorstellen(actor=planner, programma=programma)
    assert voorstel.melding == melding and voorstel.maand == AANVANG.month and voorstel.activiteiten == (CREMATORIUM,)
    assert selectors.meldingvoorstellen(actor=ander, programma=programma) == []  # Amsterdam sees no Eindhoven melding

    with pytest.raises(GeenToestemming):  # only the service's planners change its programme
        services.programmataak_uit_melding(actor=tom, programma=programma, melding=melding)
    taak = services.programmataak_uit_melding(actor=planner, programma=programma, melding=melding)
    assert (taak.bron, taak.melding, taak.maand, taak.inspectietype) == (
        "melding",
        melding,
        AANVANG.month,
        "controle na melding",
    )
    assert taak.normuren == 8  # the example model has no hours for "controle na melding": a periodic controle's
    gebeurtenis = Auditgebeurtenis.objects.get(actie="programmataak.uit_melding")
    assert gebeurtenis.na["melding"] == melding.verzoeknummer
    assert selectors.meldingvoorstellen(actor=planner, programma=programma) == []
    with pytest.raises(OngeldigeInvoer) as fout:
        services.programmataak_uit_melding(actor=planner, programma=programma, melding=melding)
    assert "al een taak" in fout.value.velden["melding"]
    assert Programmataak.objects.count() == 1

    # Its controle carries the reason 'melding' and names the notification.
    controle = services.controle_plannen_uit_taak(actor=planner, taak=taak)
    assert controle.reden == "melding" and melding.verzoeknummer in controle.toelichting


def test_melding_met_controle_of_later_jaar_stelt_niets_voor(mensen, programma, planner, tom):
    # A notified start in a later year belongs to that year's programme.
    later = melding_afgehandeld(mensen, nummer="2026120100003", aanvang=date(AANVANG.year + 1, 3, 1))
    assert selectors.meldingvoorstellen(actor=planner, programma=programma) == []
    with pytest.raises(OngeldigeInvoer, match="hoort in dat programma"):
        services.programmataak_uit_melding(actor=planner, programma=programma, melding=later)
    # A controle with reason 'melding' at the site after the notification follows it up: nothing proposed.
    melding = melding_afgehandeld(mensen)
    assert [v.melding for v in selectors.meldingvoorstellen(actor=planner, programma=programma)] == [melding]
    services.controle_plannen(
        actor=planner, vth_object=melding.vth_object, gepland_op=AANVANG, reden="melding", toelichting="na melding"
    )
    assert selectors.meldingvoorstellen(actor=planner, programma=programma) == []
    with pytest.raises(OngeldigeInvoer) as fout:
        services.programmataak_uit_melding(actor=planner, programma=programma, melding=melding)
    assert "al een controle met reden 'melding'" in fout.value.velden["melding"]
    assert not Programmataak.objects.exists()


def test_meldingvoorstel_op_programmapagina_en_api(mensen, programma, planner):
    melding = melding_afgehandeld(mensen)
    html = klant(planner).get(f"/toezicht/programmas/{programma.uuid}").content.decode()
    assert "Voorgestelde controles na melding" in html and melding.verzoeknummer in html
    antwoord = klant(planner).post(f"/toezicht/programmas/{programma.uuid}/meldingen/{melding.uuid}")
    assert antwoord.status_code == 302 and Programmataak.objects.get().melding == melding
    html = klant(planner).get(f"/toezicht/programmas/{programma.uuid}").content.decode()
    assert "Voorgestelde controles na melding" not in html

    tweede = melding_afgehandeld(mensen, nummer="2026120100004")
    client = api_klant(planner)
    rijen = client.get(f"/api/v1/uitvoeringsprogrammas/{programma.uuid}/meldingvoorstellen").json()
    assert [r["verzoeknummer"] for r in rijen] == [tweede.verzoeknummer]
    url = f"/api/v1/uitvoeringsprogrammas/{programma.uuid}/meldingvoorstellen/{tweede.uuid}/taak"
    r = client.post(url, {"maand": 13}, content_type="application/json")
    assert r.status_code == 400
    r = client.post(url, {"maand": 12}, content_type="application/json")
    assert r.status_code == 201 and r.json()["bron"] == "melding" and r.json()["maand"] == 12
    assert r.json()["melding"] == tweede.verzoeknummer
    assert client.post(url, {}, content_type="application/json").status_code == 404  # accepted: no longer proposed
