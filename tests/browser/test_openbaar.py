"""Pages anyone can see: start, log-in, organisations with filters and the map, one organisation, 404, English."""

import re

import pytest
from playwright.sync_api import expect

from openvth.organisaties.models import Organisatie, Soort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_startpagina(page, keur, live_server):
    page.goto("/")
    expect(page).to_have_title(re.compile("OpenVTH"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    keur(page)

    # The skip link is the first thing the keyboard reaches, and it leads to the main content.
    page.keyboard.press("Tab")
    overslaan = page.get_by_role("link", name="Naar de inhoud")
    expect(overslaan).to_be_focused()
    expect(overslaan).to_be_visible()
    expect(overslaan).to_have_attribute("href", "#inhoud")


def test_inlogpagina(page, keur, live_server):
    page.goto("/inloggen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    keur(page)

    # A wrong password gives a message, in the form's error summary.
    page.get_by_label("Gebruikersnaam").fill("niemand")
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord-123")
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    keur(page)


def test_organisaties_met_kaart(page, keur, referentie):
    gemeenten = Organisatie.objects.filter(soort=Soort.GEMEENTE, lat__isnull=False).count()
    assert gemeenten == 342
    page.goto("/organisaties")
    # Every municipality is drawn on the map, over the built-in base layer (drawn whether or not tiles load).
    kaart = page.locator("#kaart")
    expect(kaart).to_have_attribute("data-geladen", str(gemeenten))
    expect(kaart).to_have_attribute("data-ondergrond", "1")
    expect(kaart).to_have_attribute("data-plaatsnamen", str(gemeenten))
    # The map is a labelled region, reachable by keyboard, with controls in the page's language.
    expect(page.get_by_role("region", name="Kaart met de gemeenten")).to_have_attribute("tabindex", "0")
    expect(kaart).to_have_accessible_description(re.compile("Elke stip is het middelpunt van een gemeente"))
    expect(kaart.get_by_role("button", name="Inzoomen")).to_be_visible()
    expect(kaart.get_by_role("button", name="Uitzoomen")).to_be_visible()
    keur(page)


def test_organisaties_filteren(page, keur, referentie):
    page.goto("/organisaties")
    page.get_by_label("Soort").select_option("omgevingsdienst")
    page.get_by_label("Zoeken op naam of code").fill("utrecht")
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"soort=omgevingsdienst"))
    tabel = page.get_by_role("table", name="Gevonden organisaties")
    expect(tabel.get_by_role("link", name="Omgevingsdienst Utrecht", exact=True)).to_be_visible()
    namen = tabel.locator("tbody tr td:first-child").all_inner_texts()
    assert namen and all("utrecht" in naam.lower() for naam in namen), namen
    expect(tabel.get_by_role("cell", name="Gemeente", exact=True)).to_have_count(0)
    keur(page)

    # The same filter straight from the URL.
    page.goto("/organisaties?soort=omgevingsdienst&q=utrecht")
    expect(page.get_by_label("Soort")).to_have_value("omgevingsdienst")
    expect(page.locator("#kaart")).to_have_attribute("data-geladen", "342")
    keur(page)


def test_organisatie_met_werkgebied(page, keur, referentie):
    odu = Organisatie.objects.get(code="odu")
    page.goto(f"/organisaties/{odu.uuid}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Omgevingsdienst Utrecht")
    werkgebied = page.get_by_role("table", name="Deelnemers in de gemeenschappelijke regeling")
    expect(werkgebied.get_by_role("link", name="Amersfoort")).to_be_visible()
    expect(werkgebied.locator("tbody tr")).to_have_count(odu.werkgebied.count())
    keur(page)

    # From a member municipality back to its service.
    werkgebied.get_by_role("link", name="Amersfoort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amersfoort")
    page.get_by_role("main").get_by_role("link", name="Omgevingsdienst Utrecht", exact=True).click()
    expect(page).to_have_url(re.compile(f"/organisaties/{odu.uuid}$"))
    keur(page)


def test_niet_gevonden(page, keur, live_server):
    antwoord = page.goto("/organisaties/00000000-0000-4000-8000-000000000000")
    assert antwoord.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    keur(page)
    antwoord = page.goto("/bestaat-niet")
    assert antwoord.status == 404
    keur(page)


def test_engels(page, keur, referentie):
    page.goto("/organisaties")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/organisaties$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
    expect(page.locator("#kaart")).to_have_attribute("data-geladen", "342")
    keur(page)

    # And back.
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_api_documentatie_zonder_cdn(page, keur, live_server):
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", level=1)).to_contain_text("OpenVTH API")
    expect(page.get_by_text("/organisaties/{id}/werkgebied").first).to_be_visible()
    keur(page)
