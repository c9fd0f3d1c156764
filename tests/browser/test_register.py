"""The public register in a real browser: search by postcode, see the company on the map, open its location page;
clusters drawn by the server's aggregation and usable by keyboard; axe on every register page."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from openvth.organisaties.models import Mandaat, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import Actor
from openvth.register import kaart, services
from openvth.register.models import SoortBetrokkene

from .registergegevens import bedrijf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSOON = "Jan Jansen"


@pytest.fixture
def register(referentie):
    """A bakery at Markt 1 in Eindhoven run by a natural person, with a public and a confidential activity, and
    three more companies in the city (transactional tests start from an empty database)."""
    call_command("load_catalogus", verbosity=0, stdout=io.StringIO())
    eindhoven, odzob = Organisatie.objects.get(code="GM0772"), Organisatie.objects.get(code="odzob")
    Mandaat.objects.create(mandaatgever=eindhoven, mandaatnemer=odzob, taakcategorieen=["basistaak"])
    medewerker = Actor(gebruiker_id=1, gebruikersnaam="vv", organisatie=odzob, rollen=frozenset({Rol.TOEZICHTHOUDER}))
    eigenaar = services.betrokkene_maken(
        actor=systeem_actor("browsertest"),
        soort=SoortBetrokkene.NATUURLIJK_PERSOON,
        naam=PERSOON,
        bevoegd_gezag=eindhoven,
        uitvoerder=odzob,
    )
    bakkerij = bedrijf(
        medewerker,
        eindhoven,
        "Bakkerij De Korst",
        161_500.0,
        383_200.0,
        "5611EB",
        1,
        legitimatie="M-2024-001",
        uitvoerder_betrokkene=eigenaar,
    )
    services.uitvoering_maken(
        actor=medewerker,
        gegevens=services.Uitvoeringsgegevens(
            activiteit="bal-3.3.1",
            vth_object=bakkerij,
            bevoegd_gezag="GM0772",
            toezichtinstantie="odzob",
            status="uitvoering",
            kwalificaties=("vergunningplicht",),
            vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
        ),
    )
    for i in range(3):
        bedrijf(medewerker, eindhoven, f"Garage {i}", 158_000.0 + 1_500 * i, 385_000.0, "5612AA", i + 2)
    return bakkerij


def test_postcode_kaart_en_locatiepagina(page, keur, register):
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register milieubelastende activiteiten")
    kaartvak = page.get_by_role("region", name="Kaart met de zoekresultaten")
    expect(kaartvak).to_have_attribute("data-totaal", "4")  # the confidential activity is not on the public map
    expect(kaartvak).to_have_attribute("data-punten", "4")
    expect(kaartvak).to_have_attribute("data-ondergrond", "1")  # the built-in base layer, whatever the tiles do
    expect(kaartvak).to_have_attribute("tabindex", "0")
    keur(page)

    # Find the company by postcode.
    page.get_by_label("Naam, adres of postcode").fill("5611 EB")
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"q=5611\+EB"))
    expect(page.get_by_text("1 activiteit gevonden")).to_be_visible()
    expect(kaartvak).to_have_attribute("data-soort", "punten")
    expect(kaartvak).to_have_attribute("data-punten", "1")
    expect(page.locator("#kaart-status")).to_have_text("In beeld: locaties 1, activiteiten 1.")
    tabel = page.get_by_role("table", name="Gevonden activiteiten")
    expect(tabel.locator("tbody tr")).to_have_count(1)
    expect(tabel.get_by_role("cell", name="Markt 1, 5611 EB Eindhoven")).to_be_visible()
    keur(page)
    assert PERSOON not in page.content()

    # The map opened on the result: its point sits in the middle; clicking it shows a popup with a link.
    kaartvak.scroll_into_view_if_needed()
    doos = kaartvak.bounding_box()
    page.mouse.click(doos["x"] + doos["width"] / 2, doos["y"] + doos["height"] / 2)
    popup = kaartvak.locator(".leaflet-popup")
    expect(popup).to_contain_text("Bakkerij De Korst")
    expect(popup.get_by_role("link", name="Bekijk deze locatie")).to_have_attribute(
        "href", f"/register/locaties/{register.locatie.uuid}"
    )

    # Open the result from the list: the location page names the activity and the authorities.
    tabel.get_by_role("link", name="Bakkerij De Korst").click()
    expect(page).to_have_url(re.compile(rf"/register/locaties/{register.locatie.uuid}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Markt 1, 5611 EB Eindhoven")
    expect(page.get_by_role("heading", name="Bakkerij De Korst")).to_be_visible()
    activiteit = page.get_by_role("article", name=re.compile("Stookinstallatie"))
    expect(activiteit).to_be_visible()
    expect(activiteit.get_by_role("link", name="Omgevingsdienst Zuidoost-Brabant")).to_be_visible()
    expect(activiteit.get_by_role("link", name="Eindhoven")).to_have_attribute(
        "href", f"/organisaties/{Organisatie.objects.get(code='GM0772').uuid}"
    )
    expect(page.get_by_text("M-2024-001").first).to_be_visible()
    expect(page.locator("#locatiekaart")).to_have_attribute("data-geladen", "1")
    expect(page.get_by_text("Seveso-inrichting")).to_have_count(0)  # the confidential activity stays hidden
    activiteit.get_by_text("Geschiedenis (1 versie)").click()
    expect(activiteit.get_by_role("table", name=re.compile("Versies van Stookinstallatie"))).to_be_visible()
    keur(page)
    assert PERSOON not in page.content()

    # The organisation link leads to the authority's page.
    activiteit.get_by_role("link", name="Omgevingsdienst Zuidoost-Brabant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Omgevingsdienst Zuidoost-Brabant")


def test_clusters_met_het_toetsenbord(page, keur, register, monkeypatch):
    """Above the threshold the server sends clusters; each is a labelled button that zooms in on Enter."""
    monkeypatch.setattr(kaart, "MAX_PUNTEN", 2)
    page.goto("/register/?gemeente=GM0772")
    kaartvak = page.get_by_role("region", name="Kaart met de zoekresultaten")
    expect(kaartvak).to_have_attribute("data-soort", "clusters")
    groepen = kaartvak.get_by_role("button", name=re.compile(r"^Groep, activiteiten \d+: inzoomen$"))
    expect(groepen.first).to_be_visible()
    expect(page.locator("#kaart-status")).to_contain_text("samengevoegd tot groepen")
    keur(page)

    monkeypatch.setattr(kaart, "MAX_PUNTEN", 1_500)
    groepen.first.focus()
    page.keyboard.press("Enter")  # zooms in, and the map fetches again: now few enough for points
    expect(kaartvak).to_have_attribute("data-soort", "punten")
    expect(kaartvak).not_to_have_attribute("data-punten", "0")


def test_smal_scherm_zonder_zijwaarts_scrollen(page, keur, register):
    """Reflow (WCAG 1.4.10): at 320 CSS pixels the register's pages need no horizontal scroll bar."""
    page.set_viewport_size({"width": 320, "height": 640})
    for pad in ("/register/?q=5611+EB", f"/register/locaties/{register.locatie.uuid}"):
        page.goto(pad)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        breedte = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert breedte[0] <= breedte[1], f"{pad}: {breedte[0]} px breed in een venster van {breedte[1]} px"
        keur(page)


def test_locatie_bestaat_niet(page, keur, referentie):
    page.goto("/register/locaties/3f0c6f7e-0000-4000-8000-000000000000")
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    keur(page)


def test_medewerker_wijzigt_vanaf_de_locatiepagina(page, keur, register, maak_gebruiker, inloggen):
    inloggen(maak_gebruiker("vera", {"odzob": ["vergunningverlener"]}))
    page.goto(f"/register/locaties/{register.locatie.uuid}")
    page.get_by_text(re.compile(r"wijzigen of beëindigen$")).first.click()
    formulier = page.locator("form", has=page.get_by_role("button", name="Nieuwe versie vastleggen")).first
    formulier.get_by_label("Vergunning of melding").fill("M-2026-042")
    keur(page)
    formulier.get_by_role("button", name="Nieuwe versie vastleggen").click()
    expect(page.get_by_text("De wijziging is vastgelegd als nieuwe versie.")).to_be_visible()
    expect(page.get_by_text("M-2026-042").first).to_be_visible()
    keur(page)
