"""Supervision in a real browser: a planner runs the risk analysis, generates next year's programme and shifts a
task; an inspector carries out a planned inspection on a 360×740 phone screen (a compliant and a non-compliant
finding with a photo, which becomes a violation); a chain partner sees another organisation's shared inspection in
the site dossier. `keur(page)` (axe + CSP) on every page."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from openvth.organisaties.models import Deelafspraak, Mandaat, Organisatie, Vertrouwelijkheid
from openvth.organisaties.selectors import actor_voor
from openvth.regels import risico
from openvth.regels.tabeldata import meegeleverd
from openvth.register.generator import genereer
from openvth.register.models import VthObject
from openvth.toezicht import services
from openvth.toezicht.models import Controleaandachtspunt, Controleonderwerp

from .conftest import DOWNLOAD_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regio(referentie):
    """The catalogue and 40 synthetic locations in ODZOB's work area, its municipalities mandating it."""
    call_command("load_catalogus", verbosity=0, stdout=io.StringIO())
    genereer(aantal=40, seed=5, peildatum=timezone.localdate(), omgevingsdienst="odzob")
    odzob = Organisatie.objects.get(code="odzob")
    for lid in Organisatie.objects.filter(omgevingsdiensten__omgevingsdienst=odzob, soort="gemeente"):
        Mandaat.objects.get_or_create(mandaatgever=lid, mandaatnemer=odzob, defaults={"taakcategorieen": ["basistaak"]})
    return odzob


def _actor(gebruiker, code: str):
    return actor_voor(gebruiker, organisatie_id=Organisatie.objects.get(code=code).pk)


def _model(planner, regio):
    return services.risicomodel_vastleggen(
        actor=_actor(planner, "odzob"),
        regio=regio,
        definitie=meegeleverd(risico.VOORBEELDBESTAND),
        geldig_vanaf=timezone.localdate().replace(month=1, day=1),
    )


def _geplande_controle(regio, maak_gebruiker):
    """A controle planned today at an ODZOB object, assigned to inspector 'tessa', with a two-point checklist."""
    planner = maak_gebruiker("paul", {"odzob": ["planner"]})
    tessa = maak_gebruiker("tessa", {"odzob": ["toezichthouder"]})
    obj = VthObject.objects.filter(uitvoerder=regio).order_by("id").first()
    code = obj.uitvoeringen.order_by("id").first().activiteit.code
    onderwerp = Controleonderwerp.objects.create(
        activiteitcode=code, naam="Opslag gevaarlijke stoffen", geldig_vanaf=timezone.localdate() - timedelta(days=10)
    )
    Controleaandachtspunt.objects.create(
        onderwerp=onderwerp, tekst="Lekbak onder de vaten", volgorde=1, voorschrift="Bal art. 4.1"
    )
    Controleaandachtspunt.objects.create(
        onderwerp=onderwerp, tekst="Registratie afvalstoffen", volgorde=2, voorschrift="Bal art. 2.11"
    )
    controle = services.controle_plannen(
        actor=_actor(planner, "odzob"),
        vth_object=obj,
        gepland_op=timezone.localdate(),
        reden="melding",
        toelichting="melding van lekkage",
        controletype="incidentele controle",
    )
    services.toezichthouder_toewijzen(actor=_actor(planner, "odzob"), controle=controle, toezichthouder_id=tessa.pk)
    return controle, tessa, obj


def test_planning_risicoanalyse_programma_en_taak_verschuiven(page, keur, maak_gebruiker, inloggen, regio):
    planner = maak_gebruiker("petra", {"odzob": ["planner"]})
    versie = _model(planner, regio)
    inloggen(planner)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Toezicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risicoanalyses")
    keur(page)

    expect(page.get_by_label("Risicomodelversie")).to_contain_text(versie.versie)
    page.get_by_role("button", name="Risicoanalyse uitvoeren").click()
    expect(page.get_by_role("status").filter(has_text="De risicoanalyse is uitgevoerd")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Risicoanalyse")
    tabel = page.get_by_role("table", name="Aantal objecten per risicoklasse, met de bezoekfrequentie")
    expect(tabel.locator("tbody tr")).to_have_count(5)
    kaart = page.locator("#risicokaart")
    expect(kaart).to_have_attribute("data-punten", re.compile(r"^[1-9]\d*$"))
    expect(page.locator("#risicokaart-status")).to_contain_text("Op de kaart:")
    # the breakdown of the highest score opens and shows every criterion
    page.locator(".tz-uitsplitsing summary").first.click()
    expect(page.locator(".tz-uitsplitsing").first.get_by_role("cell", name="naleefhistorie")).to_be_visible()
    keur(page)

    page.get_by_role("link", name="Uitvoeringsprogramma genereren uit deze analyse").click()
    page.get_by_label("Jaar").fill(str(timezone.localdate().year + 1))
    page.get_by_label("Capaciteit in VTH-uren per expertise").fill("milieu: 100\nafval: 40")
    page.get_by_role("button", name="Programma genereren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Uitvoeringsprogramma {timezone.localdate().year + 1}")
    capaciteit = page.get_by_role("table", name="Geplande normuren tegen de beschikbare VTH-uren")
    expect(capaciteit.get_by_role("row", name=re.compile("^milieu"))).to_contain_text("100")
    realisatie = page.get_by_role("table", name="Gepland, uitgevoerd en besteed per maand")
    expect(realisatie.locator("tbody tr")).to_have_count(12)
    keur(page)

    taken = page.get_by_role("table", name=re.compile(r"^\d+ ta(ak|ken)$"))
    rij = taken.locator("tbody tr").first
    naam = rij.get_by_role("link").first.inner_text()
    rij.get_by_label(f"{naam} naar maand").select_option(label="oktober")
    rij.get_by_role("button", name="Verschuiven").click()
    expect(page.get_by_role("status").filter(has_text=f"{naam} is verschoven naar oktober.")).to_be_visible()
    page.get_by_role("navigation", name="Taken per maand").get_by_role("link", name="oktober").click()
    expect(taken.get_by_role("link", name=naam)).to_be_visible()
    keur(page)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_inspectie_op_een_telefoon(page, keur, maak_gebruiker, inloggen, regio):
    controle, tessa, obj = _geplande_controle(regio, maak_gebruiker)
    page.set_viewport_size({"width": 360, "height": 740})
    inloggen(tessa)  # an inspector lands on Mijn controles
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn controles")
    vandaag = page.get_by_role("region", name=re.compile("^Vandaag"))
    vandaag.get_by_role("link", name=obj.naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(obj.naam)
    keur(page)

    eerste = page.get_by_role("form", name="Lekbak onder de vaten")
    eerste.get_by_label("voorschriften nageleefd").check()
    expect(eerste.get_by_label("Gedrag (LHSO)")).to_be_hidden()  # only for "niet akkoord"
    eerste.get_by_role("button", name="Bevinding vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Bevinding 1 is vastgelegd.")).to_be_visible()

    tweede = page.get_by_role("form", name="Registratie afvalstoffen")
    tweede.get_by_label("niet akkoord, voorschriften overtreden").check()
    tweede.get_by_label("Gedrag (LHSO)").select_option("B")
    tweede.get_by_label("Gevolg (LHSO)").select_option("2")
    tweede.get_by_label("Toelichting").fill("Geen registratie van afgevoerde afvalolie bijgehouden.")
    expect(tweede.get_by_label("Foto")).to_have_attribute("capture", "environment")
    tweede.get_by_label("Foto").set_input_files({"name": "register.png", "mimeType": "image/png", "buffer": _png()})
    tweede.get_by_role("button", name="Bevinding vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="zij is als overtreding geregistreerd")).to_be_visible()

    vastgelegd = page.get_by_role("region", name="Vastgelegde bevindingen")
    expect(vastgelegd.get_by_role("listitem")).to_have_count(2)
    overtreding = vastgelegd.get_by_role("link", name=re.compile("Geen registratie van afgevoerde afvalolie"))
    expect(overtreding).to_have_attribute("href", re.compile(r"^/handhaving/overtredingen/[0-9a-f-]{36}$"))
    expect(vastgelegd.get_by_role("link", name="Foto register.png")).to_be_visible()  # a thumbnail
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert breedte[0] <= breedte[1], f"{breedte[0]} px breed in een venster van {breedte[1]} px"
    keur(page)

    page.get_by_label("Bestede uren").fill("2.5")
    page.get_by_role("button", name="Uitvoering vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="De uitvoering is vastgelegd.")).to_be_visible()
    with page.expect_download(timeout=DOWNLOAD_MS) as download:
        page.get_by_role("link", name="Rapport downloaden (PDF)").click()
    assert download.value.suggested_filename.startswith("controlerapport-")
    page.get_by_role("button", name="Controle afronden").click()
    expect(page.get_by_role("status").filter(has_text="De controle is afgerond.")).to_be_visible()
    keur(page)


def test_dossier_met_gedeelde_inspectie_van_een_andere_organisatie(page, keur, maak_gebruiker, inloggen, regio):
    controle, tessa, obj = _geplande_controle(regio, maak_gebruiker)
    services.bevinding_vastleggen(
        actor=_actor(tessa, "odzob"),
        controle=controle,
        resultaat="voorschriften_nageleefd",
        omschrijving="Vaten staan in een lekbak.",
    )
    odzob, ilt = regio, Organisatie.objects.get(code="ilt")
    for soort in ("register.vthobject", "register.activiteituitvoering", "toezicht.controle", "toezicht.bevinding"):
        Deelafspraak.objects.create(
            verstrekker=odzob,
            ontvanger=ilt,
            recordsoort=soort,
            grondslag="convenant",
            plafond=Vertrouwelijkheid.VERTROUWELIJK,
            geldig_vanaf=timezone.localdate() - timedelta(days=1),
        )
    inloggen(maak_gebruiker("ivo", {"ilt": ["toezichthouder"]}))
    page.goto(f"/register/locaties/{obj.locatie.uuid}")
    page.get_by_role("link", name=f"Dossier van {obj.naam}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dossier {obj.naam}")
    controles = page.get_by_role("table", name="Controles, nieuwste eerst")
    rij = controles.locator("tbody tr").first
    expect(rij).to_contain_text("Omgevingsdienst Zuidoost-Brabant")
    expect(rij).to_contain_text("gedeeld")
    expect(page.get_by_role("table", name="Bevindingen van de controles")).to_contain_text("Vaten staan in een lekbak.")
    keur(page)


def test_overige_paginas_toegankelijk_en_smal(page, keur, maak_gebruiker, inloggen, regio):
    """The remaining supervision pages pass axe and reflow at 360 px: models, programmes, planning a controle,
    checklists, chains."""
    alleskunner = maak_gebruiker("alex", {"odzob": ["planner", "toezichthouder", "functioneel_beheerder", "manager"]})
    versie = _model(alleskunner, regio)
    obj = VthObject.objects.filter(uitvoerder=regio).order_by("id").first()
    keten = services.keten_maken(
        actor=_actor(alleskunner, "odzob"), naam="Afvalolie Eindhoven", schakels=[(obj, "producent")]
    )
    vandaag = timezone.localdate()
    services.ketenactie_maken(
        actor=_actor(alleskunner, "odzob"),
        keten=keten,
        naam="Controleweek",
        van=vandaag,
        tot=vandaag + timedelta(days=7),
    )
    services.controleonderwerp_maken(
        actor=_actor(alleskunner, "odzob"), activiteitcode="bal-3.2.1", naam="Stookinstallatie", geldig_vanaf=vandaag
    )
    inloggen(alleskunner)
    page.set_viewport_size({"width": 360, "height": 740})
    for pad, kop in (
        ("/toezicht/risicomodellen", "Risicomodellen"),
        (f"/toezicht/risicomodellen/{versie.uuid}", f"Risicomodel {versie.versie}"),
        ("/toezicht/programmas", "Uitvoeringsprogramma's"),
        (f"/toezicht/controles/nieuw?object={obj.uuid}", "Controle plannen"),
        ("/toezicht/checklists", "Checklists"),
        ("/toezicht/ketens", "Ketentoezicht"),
        (f"/toezicht/ketens/{keten.uuid}", "Afvalolie Eindhoven"),
    ):
        page.goto(pad)
        expect(page.get_by_role("heading", level=1)).to_have_text(kop)
        breedte = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert breedte[0] <= breedte[1], f"{pad}: {breedte[0]} px breed in een venster van {breedte[1]} px"
        keur(page)

    # a chain refuses the same object twice, with the reason on the form
    page.goto(f"/toezicht/ketens/{keten.uuid}")
    formulier = page.get_by_role("form", name="Schakel toevoegen")
    formulier.get_by_label("VTH-object (uuid of identificatie)").fill(str(obj.uuid))
    formulier.get_by_label("Rol in de keten").select_option(label="verwerker")
    formulier.get_by_role("button", name="Schakel toevoegen").click()
    expect(page.get_by_role("form", name="Schakel toevoegen")).to_contain_text("staat al in deze keten")
    keur(page)
