"""The public's main task on a phone and on a desk (issue 13 item 1), at 360 px and at 1280 px: find a company in
the register and see it on a map with a background.

* The results are a table on a wide screen and stacked cards on a phone; nothing scrolls sideways; axe clean.
* Every map has the PDOK BRT-Achtergrondkaart configured (with its attribution) and, underneath, the built-in
  base layer: the tests block the tile host, as a phone without network would, and the map still shows the
  outline of the Netherlands and the municipalities' names.
* Clusters on the national view never overlap.

The screenshots in docs/img are made here (docs/register.md shows them).
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from openvth.organisaties.models import Mandaat, Organisatie, Rol
from openvth.organisaties.toegang import Actor
from openvth.register import kaart

from .conftest import BREEDTES, geen_zijwaartse_scroll
from .registergegevens import bedrijf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDOK = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/"


@pytest.fixture
def zonder_tegels(page):
    """No network to the tile server, as on a phone in a tunnel: every tile request fails."""
    gevraagd = []

    def weiger(route):
        gevraagd.append(route.request.url)
        route.abort("internetdisconnected")

    page.route("https://service.pdok.nl/**", weiger)
    return gevraagd


@pytest.fixture
def register(referentie):
    """A bakery in Eindhoven, and companies on both sides of a border of the national view's cluster grid (x =
    191,880 m at zoom 7): two clusters a few hundred metres apart, which drawn as they came would overlap."""
    call_command("load_catalogus", verbosity=0, stdout=io.StringIO())
    eindhoven, odzob = Organisatie.objects.get(code="GM0772"), Organisatie.objects.get(code="odzob")
    Mandaat.objects.create(mandaatgever=eindhoven, mandaatnemer=odzob, taakcategorieen=["basistaak"])
    medewerker = Actor(gebruiker_id=1, gebruikersnaam="vv", organisatie=odzob, rollen=frozenset({Rol.TOEZICHTHOUDER}))
    bakkerij = bedrijf(
        medewerker, eindhoven, "Bakkerij Het Volkorenbrood", 161_900.0, 383_000.0, "5611LW", 12, straat="Stratumseind"
    )
    for i, x in enumerate((191_500.0, 191_700.0, 192_100.0, 192_300.0)):
        bedrijf(medewerker, eindhoven, f"Metaalwerkplaats {i}", x, 383_200.0, "5701AA", i + 1, straat="Stratumseind")
    return bakkerij


@pytest.mark.parametrize("breedte", BREEDTES)
def test_bedrijf_vinden_en_op_de_kaart_zien(page, keur, schermafbeelding, register, zonder_tegels, breedte):
    page.set_viewport_size({"width": breedte, "height": 800})
    page.goto("/register/")
    kaartvak = page.get_by_role("region", name="Kaart met de zoekresultaten")
    expect(kaartvak).to_have_attribute("data-totaal", "5")
    # The national view, without tiles: the base layer names the largest places where they do not collide.
    for plaats in ("Amsterdam", "Eindhoven"):
        expect(kaartvak.locator(".ovth-plaatsnaam span", has_text=re.compile(f"^{plaats}$"))).to_be_visible()
    geen_zijwaartse_scroll(page)
    kaartvak.scroll_into_view_if_needed()
    schermafbeelding("register-landelijk")

    # Find the company by postcode, written either way.
    page.get_by_label("Naam, adres of postcode").fill("5611lw")
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("1 activiteit gevonden")).to_be_visible()
    expect(kaartvak).to_have_attribute("data-punten", "1")

    # The map has a background: PDOK's tiles are asked for (and refused here), and the base layer is drawn
    # underneath: the Netherlands and the municipalities' names.
    expect(kaartvak).to_have_attribute("data-ondergrond", "1")
    expect(kaartvak).to_have_attribute("data-plaatsnamen", "342")
    assert zonder_tegels and all(url.startswith(PDOK) for url in zonder_tegels), zonder_tegels
    expect(kaartvak.locator(".leaflet-control-attribution")).to_contain_text("Kaartgegevens © Kadaster")
    expect(kaartvak.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")
    land = page.evaluate("() => [...document.querySelectorAll('#registerkaart .leaflet-ovthLand-pane canvas')].length")
    assert land == 1

    # The result, as a table row on a desk and as a card on a phone; the postcode as people write it.
    tabel = page.get_by_role("table", name="Gevonden activiteiten")
    rij = tabel.locator("tbody tr")
    expect(rij).to_have_count(1)
    expect(rij).to_contain_text("Stratumseind 12, 5611 LW Eindhoven")
    weergave = rij.evaluate("r => getComputedStyle(r).display")
    assert weergave == ("table-row" if breedte == 1280 else "flex")
    if breedte == 360:
        expect(tabel.locator("thead")).to_have_css("position", "absolute")
        # The card leads with the company's name and labels each value.
        eerste = rij.evaluate(
            "r => [...r.children].sort((a, b) => a.getBoundingClientRect().top - "
            "b.getBoundingClientRect().top)[0].textContent.trim()"
        )
        assert eerste == "Bakkerij Het Volkorenbrood"
        kolom = rij.locator("td[data-label='Adres']").evaluate("c => getComputedStyle(c, '::before').content")
        assert "Adres" in kolom
    # The public may download the results, but the Inspectieview delivery is for the chain partners.
    expect(page.get_by_role("link", name="GeoJSON")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Inspectieview"))).to_have_count(0)
    geen_zijwaartse_scroll(page)
    keur(page)
    # The map opened on the neighbourhood, with the municipality's name even though no tile loaded.
    expect(kaartvak.locator(".ovth-plaatsnaam span", has_text=re.compile("^Eindhoven$"))).to_be_visible()
    page.get_by_role("heading", name="Zoekresultaten").evaluate("k => window.scrollTo(0, k.offsetTop - 8)")
    schermafbeelding("register-zoeken")

    # The company's page: its map has the same background.
    tabel.get_by_role("link", name="Bakkerij Het Volkorenbrood").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stratumseind 12, 5611 LW Eindhoven")
    locatiekaart = page.locator("#locatiekaart")
    expect(locatiekaart).to_have_attribute("data-geladen", "1")
    expect(locatiekaart).to_have_attribute("data-ondergrond", "1")
    expect(locatiekaart.locator(".leaflet-tooltip")).to_have_text("Bakkerij Het Volkorenbrood")
    geen_zijwaartse_scroll(page)
    keur(page)
    schermafbeelding("register-locatie")

    # A favicon, linked from every page and served.
    for link in page.locator("link[rel=icon]").all():
        assert page.request.get(link.get_attribute("href")).ok


@pytest.mark.parametrize("breedte", BREEDTES)
def test_groepen_op_de_landelijke_kaart_overlappen_niet(page, keur, register, zonder_tegels, monkeypatch, breedte):
    monkeypatch.setattr(kaart, "MAX_PUNTEN", 2)
    page.set_viewport_size({"width": breedte, "height": 800})
    page.goto("/register/")
    kaartvak = page.get_by_role("region", name="Kaart met de zoekresultaten")
    expect(kaartvak).to_have_attribute("data-soort", "clusters")
    groepen = kaartvak.locator(".ovth-cluster")
    expect(groepen.first).to_be_visible()
    dozen = [g.bounding_box() for g in groepen.all()]
    for i, a in enumerate(dozen):
        for b in dozen[i + 1 :]:
            raakt = (
                a["x"] < b["x"] + b["width"]
                and b["x"] < a["x"] + a["width"]
                and a["y"] < b["y"] + b["height"]
                and b["y"] < a["y"] + a["height"]
            )
            assert not raakt, f"groepen overlappen: {a} en {b}"
    # Nothing is lost in the merge: the groups still add up to every activity.
    totaal = sum(int(g.inner_text().replace(".", "")) for g in groepen.all())
    assert totaal == 5
    expect(kaartvak).to_have_attribute("data-ondergrond", "1")
    geen_zijwaartse_scroll(page)
    keur(page)
