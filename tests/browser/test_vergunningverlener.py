"""The permit officer's main task in a real browser at 1280 and 360 px (issue 15): take in a request with the form
(a refused first try shows the error summary), take it into the regular procedure, ask for a supplement and record
it, draft a decision with two conditions; a second officer approves it (the drafter cannot), the mandate holder makes
it known, and the case page shows the decision, its objection period as a date and the letters. axe is clean on every
page and nothing scrolls sideways. The screenshots docs/img/vergunningen-*.png are made here."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from openvth.organisaties.models import Mandaat, Organisatie, Persoonsmandaat, Rol
from openvth.vergunningen.models import Besluit, Verzoek
from openvth.web.templatetags.datums import datum_lang

from ..fabrieken import MandaatFactory
from .conftest import BREEDTES, geen_zijwaartse_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mensen(referentie, maak_gebruiker):
    """The catalogue, Eindhoven's mandate to ODZOB, two permit officers and a team leader with the ondermandaat to
    decide on permit applications for Eindhoven (the mandate register)."""
    call_command("load_catalogus", stdout=io.StringIO())
    MandaatFactory()
    Mandaat.objects.update(ondermandaat_toegestaan=True, taakcategorieen=["basistaak", "vergunningverlening"])
    anna = maak_gebruiker("anna", {"odzob": [Rol.VERGUNNINGVERLENER]})
    bram = maak_gebruiker("bram", {"odzob": [Rol.VERGUNNINGVERLENER]})
    chef = maak_gebruiker("chef", {"odzob": [Rol.VERGUNNINGVERLENER, Rol.MANAGER]})
    eindhoven = Organisatie.objects.get(code="GM0772")
    Persoonsmandaat.objects.create(
        mandaatgever=eindhoven,
        gebruiker=chef,
        functie="teamleider vergunningen",
        bevoegdheden=["besluit_vergunning"],
        mandaat=Mandaat.objects.get(mandaatgever=eindhoven),
        besluit="Ondermandaatbesluit ODZOB 2026",
        geldig_vanaf=date(2026, 1, 1),
    )
    return anna, bram, chef


def _nl(dag: date) -> str:
    with translation.override("nl"):
        return datum_lang(dag)


def _pagina(page: Page, keur) -> None:
    keur(page)
    geen_zijwaartse_scroll(page)


def _wissel(page: Page, inloggen, gebruiker) -> None:
    """Another person at the same browser: the session ends, the next one logs in with password and code."""
    page.context.clear_cookies()
    inloggen(gebruiker)


def _stap(page: Page, keur, naam: str, velden: dict[str, str] | None = None, keuzes: dict[str, str] | None = None):
    page.get_by_role("region", name="Volgende stappen").get_by_role("link", name=naam, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    for label, waarde in (velden or {}).items():
        page.get_by_label(label, exact=True).fill(waarde)
    for label, waarde in (keuzes or {}).items():
        page.get_by_label(label, exact=True).select_option(waarde)
    _pagina(page, keur)
    page.get_by_role("main").get_by_role("button", name=naam).click()
    expect(page.get_by_role("status").filter(has_text=f"Stap vastgelegd: {naam}.")).to_be_visible()


@pytest.mark.parametrize("breedte", BREEDTES)
def test_vergunningverlener_van_intake_tot_bekendgemaakt_besluit(
    page, keur, schermafbeelding, inloggen, mensen, breedte
):
    anna, bram, chef = mensen
    vandaag = timezone.localdate()
    page.set_viewport_size({"width": breedte, "height": 800})
    inloggen(anna)
    if breedte > 768:
        page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Vergunningen").click()
    else:
        page.get_by_role("button", name="Menu").click()
        page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Vergunningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad vergunningen")
    _pagina(page, keur)

    # 1. Intake. A first try without an activity: the error summary gets the focus, links to the field.
    page.get_by_role("link", name="Verzoek ontvangen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoek ontvangen")
    page.get_by_label("Wat wordt aangevraagd").select_option("omgevingsvergunning")
    page.get_by_label("Omschrijving").fill("Nieuwe stookinstallatie van 2 MW voor de bakkerij")
    page.get_by_label("Postcode").fill("5611 EB")
    page.get_by_label("Huisnummer").fill("1")
    page.get_by_label("Straat").fill("Markt")
    page.get_by_label("Woonplaats").fill("Eindhoven")
    page.get_by_label("RD x (meter)").fill("161500")
    page.get_by_label("RD y (meter)").fill("383200")
    page.get_by_label("Gemeente", exact=True).select_option("GM0772")
    page.get_by_label("Soort aanvrager").select_option("vestiging")
    page.get_by_label("Naam aanvrager").fill("Bakkerij De Korst B.V.")
    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_label("Vestigingsnummer").fill("000012345678")
    _pagina(page, keur)
    page.get_by_role("button", name="Verzoek registreren").click()
    samenvatting = page.get_by_role("alert").filter(has_text="Er is iets niet goed ingevuld")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.get_by_role("link", name=re.compile("^Activiteit 1"))).to_be_visible()
    assert not Verzoek.objects.exists()
    _pagina(page, keur)
    page.evaluate("() => window.scrollTo(0, 0)")  # the focused summary may have scrolled the page: the same picture
    schermafbeelding("vergunningen-intake-foutoverzicht")
    page.get_by_label("Activiteit 1", exact=True).select_option("bal-3.2.1")
    page.get_by_role("button", name="Verzoek registreren").click()
    expect(page.get_by_role("status").filter(has_text="is ontvangen en geregistreerd")).to_be_visible()
    verzoek = Verzoek.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verzoek {verzoek.verzoeknummer}")
    expect(page.get_by_text("procedure nog niet gekozen", exact=False)).to_be_visible()
    _pagina(page, keur)

    # 2. The regular procedure, a supplement asked and received: the period as a date, suspended in words.
    _stap(page, keur, "In behandeling nemen", keuzes={"Procedure": "regulier"})
    verzoek.refresh_from_db()
    termijn = page.get_by_role("region", name="Beslistermijn")
    expect(termijn).to_contain_text(f"Beslissen uiterlijk op {_nl(verzoek.beslistermijn_tot)}")
    _stap(
        page,
        keur,
        "Aanvulling vragen (opschorten)",
        velden={
            "Aanvullen uiterlijk op": (vandaag + timedelta(days=14)).isoformat(),
            "Wat ontbreekt": "Een berekening van de emissie van NOx.",
        },
    )
    expect(termijn.get_by_text("opgeschort", exact=True)).to_be_visible()
    _pagina(page, keur)
    _stap(page, keur, "Aanvulling ontvangen", velden={"Aangevuld op": vandaag.isoformat()})
    expect(termijn.get_by_text("opgeschort", exact=True)).to_have_count(0)

    # 3. The draft with two conditions.
    page.get_by_role("link", name="Besluit opstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluit opstellen")
    page.get_by_label("Soort besluit").select_option("verlenen")
    page.get_by_label("Motivering").fill("De aanvraag voldoet aan de beoordelingsregels (Bal art. 8.9).")
    regel1 = page.get_by_role("group", name="Voorschrift, regel 1")
    regel1.get_by_label("Nummer").fill("1")
    regel1.get_by_label("Tekst van het voorschrift").fill("De stookinstallatie wordt jaarlijks gekeurd.")
    regel1.get_by_label("Bij activiteit").select_option("bal-3.2.1")
    regel2 = page.get_by_role("group", name="Voorschrift, regel 2")
    regel2.get_by_label("Nummer").fill("2")
    regel2.get_by_label("Tekst van het voorschrift").fill("De emissie van NOx is ten hoogste 100 mg/Nm3.")
    _pagina(page, keur)
    page.get_by_role("heading", name="Voorschriften").scroll_into_view_if_needed()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.evaluate("() => window.scrollBy(0, document.querySelector('#voorschriften-kop').getBoundingClientRect().top)")
    schermafbeelding("vergunningen-besluit-opstellen")
    page.get_by_role("button", name="Concept opstellen").click()
    expect(page.get_by_role("status").filter(has_text="is opgesteld")).to_be_visible()
    expect(page.get_by_text("U stelde dit concept zelf op")).to_be_visible()
    _pagina(page, keur)

    # 4. A second officer approves (four eyes); 5. the mandate holder makes it known.
    adres = page.url.split("#")[0]
    _wissel(page, inloggen, bram)
    page.goto(adres)
    page.get_by_role("button", name=re.compile("^Concept .* goedkeuren$")).click()
    expect(page.get_by_role("status").filter(has_text="is goedgekeurd")).to_be_visible()
    _wissel(page, inloggen, chef)
    page.goto(adres)
    _stap(page, keur, "Besluit nemen en bekendmaken")
    besluit = Besluit.objects.get()
    assert besluit.status == "bekendgemaakt" and besluit.goedgekeurd_door == bram and besluit.ondertekend_door == chef
    blok = page.locator(f"#besluit-{besluit.uuid}")
    expect(blok).to_contain_text("genomen en bekendgemaakt")
    expect(blok).to_contain_text(re.compile(r"Bezwaar tot en met\s*" + re.escape(_nl(besluit.bezwaartermijn_tot))))
    expect(blok).to_contain_text(re.compile(r"In werking op\s*" + re.escape(_nl(besluit.in_werking_op))))
    expect(blok).to_contain_text("teamleider vergunningen")
    expect(blok.get_by_role("listitem")).to_have_count(2)
    brieven = page.get_by_role("table", name="Verzonden brieven, zoals de aanvrager ze kreeg")
    for soort in ("ontvangstbevestiging", "verzoek om aanvulling", "besluit", "kennisgeving"):
        expect(brieven).to_contain_text(soort)
    expect(brieven.get_by_role("link", name=re.compile("^PDF"))).to_have_count(4)
    _pagina(page, keur)
    page.evaluate("() => window.scrollTo(0, 0)")
    schermafbeelding("vergunningen-zaak")
    page.evaluate("() => window.scrollBy(0, document.querySelector('#besluiten').getBoundingClientRect().top)")
    schermafbeelding("vergunningen-besluit-bekendgemaakt")

    # The letter as it was sent, in its sandbox.
    brieven.get_by_role("link", name=re.compile("^HTML besluit ")).click()
    expect(page.locator("body")).to_contain_text("bezwaar")
    page.go_back()

    # The work queue: the case with its status; on a phone one card per request.
    page.goto("/vergunningen/?wie=team&status=alle")
    rij = page.get_by_role("row").filter(has_text=verzoek.verzoeknummer)
    expect(rij).to_contain_text("besloten")
    _pagina(page, keur)
    schermafbeelding("vergunningen-werkvoorraad")
