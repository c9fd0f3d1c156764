"""The inspector's main task and the jurist's case list at 1280 and 360 px (issue 13): the inspector lands on
*Mijn controles*, opens a controle, has a photo refused (an error summary at the top gets the focus, the rest of the
finding stays filled in), records the finding with a photo and sees its thumbnail; the jurist finds a case by company
and zaaknummer. Nothing scrolls sideways, axe is clean, and on a phone the menu folds behind a "Menu" button.
The screenshots in docs/img are made here (docs/toezicht-gebruik.md and docs/handhaving-gebruik.md show them)."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from openvth.organisaties.models import Rol

from ..handhaving import zaak
from .conftest import BREEDTES, geen_zijwaartse_scroll
from .test_toezicht import _geplande_controle, regio  # noqa: F401 (regio is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _foto(breedte: int, hoogte: int) -> bytes:
    buffer = io.BytesIO()
    beeld = Image.new("RGB", (breedte, hoogte), (60, 110, 160))
    for x in range(0, breedte, 40):
        beeld.paste((230, 200, 60), (x, hoogte // 3, x + 20, hoogte // 3 + 40))
    beeld.save(buffer, "PNG")
    return buffer.getvalue()


def _menu(page: Page, breedte: int) -> None:
    """Wide: the links show, no button. Phone: a Menu button with aria-expanded opens and closes them."""
    knop = page.get_by_role("button", name="Menu")
    navigatie = page.get_by_role("navigation", name="Hoofdnavigatie")
    if breedte > 768:
        expect(knop).to_be_hidden()
        expect(navigatie).to_be_visible()
        return
    expect(knop).to_have_attribute("aria-expanded", "false")
    expect(navigatie).to_be_hidden()
    hoogte = page.locator("header").bounding_box()["height"]
    assert hoogte < 120, f"de kop is {hoogte} px hoog op een telefoon"
    knop.click()
    expect(knop).to_have_attribute("aria-expanded", "true")
    expect(navigatie.get_by_role("link", name="Toezicht")).to_be_visible()
    knop.click()
    expect(navigatie).to_be_hidden()


@pytest.mark.parametrize("breedte", BREEDTES)
def test_inspecteur_legt_een_bevinding_met_foto_vast(
    page,
    keur,
    schermafbeelding,
    maak_gebruiker,
    inloggen,
    regio,  # noqa: F811 (the fixture imported above)
    breedte,
):
    controle, tessa, obj = _geplande_controle(regio, maak_gebruiker)
    page.set_viewport_size({"width": breedte, "height": 800})
    inloggen(tessa)
    expect(page).to_have_url(re.compile(r"/toezicht/controles$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn controles")
    _menu(page, breedte)
    keur(page)
    geen_zijwaartse_scroll(page)
    schermafbeelding("inspecteur-mijn-controles")

    page.get_by_role("region", name=re.compile("^Vandaag")).get_by_role("link", name=obj.naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(obj.naam)
    keur(page)
    geen_zijwaartse_scroll(page)

    punt = page.get_by_role("form", name="Lekbak onder de vaten")
    punt.get_by_label("niet akkoord, voorschriften overtreden").check()
    punt.get_by_label("Gedrag (LHSO)").select_option("B")
    punt.get_by_label("Gevolg (LHSO)").select_option("2")
    punt.get_by_label("Toelichting").fill("Vaten met afgewerkte olie staan zonder lekbak op de bodem.")
    punt.get_by_label("Foto").set_input_files({"name": "lekbak.jpg", "mimeType": "image/jpeg", "buffer": b"geen foto"})
    punt.get_by_role("button", name="Bevinding vastleggen").click()

    overzicht = page.get_by_role("alert").filter(has_text="Er is iets niet goed ingevuld")
    expect(overzicht).to_be_visible()
    expect(overzicht).to_be_focused()
    expect(overzicht).to_contain_text("Kies de foto of het bestand opnieuw")
    assert overzicht.bounding_box()["y"] < 800, "the summary is on the first screen"
    punt = page.get_by_role("form", name="Lekbak onder de vaten")
    expect(punt.get_by_label("Toelichting")).to_have_value("Vaten met afgewerkte olie staan zonder lekbak op de bodem.")
    expect(punt.get_by_label("niet akkoord, voorschriften overtreden")).to_be_checked()
    keur(page)
    geen_zijwaartse_scroll(page)
    schermafbeelding("inspecteur-foutoverzicht")

    expect(overzicht.get_by_role("link").first).to_have_attribute("href", re.compile(r"^#id_p\d+-foto$"))
    punt.get_by_label("Foto").set_input_files(
        {"name": "lekbak.png", "mimeType": "image/png", "buffer": _foto(1200, 900)}
    )
    punt.get_by_role("button", name="Bevinding vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="zij is als overtreding geregistreerd")).to_be_visible()

    vastgelegd = page.get_by_role("region", name="Vastgelegde bevindingen")
    miniatuur = vastgelegd.get_by_role("img", name="Foto lekbak.png")
    miniatuur.scroll_into_view_if_needed()
    expect(miniatuur).to_be_visible()
    expect(miniatuur).to_have_attribute("src", re.compile(r"\?formaat=klein$"))
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=miniatuur.element_handle())
    assert miniatuur.evaluate("(img) => img.naturalWidth") == 320  # loaded, and scaled down
    keur(page)
    geen_zijwaartse_scroll(page)
    vastgelegd.get_by_role("heading", name="Vastgelegde bevindingen").scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, -16)")
    schermafbeelding("inspecteur-bevinding-met-foto")


@pytest.mark.parametrize("breedte", BREEDTES)
def test_jurist_vindt_een_zaak_op_bedrijf_en_zaaknummer(
    page, keur, schermafbeelding, maak_gebruiker, inloggen, referentie, breedte
):
    jurist = maak_gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})
    # Fixed case numbers: the default comes from the row id, which depends on the tests run before.
    korst = zaak.overtreding(jurist, zaak.vth_object(), zaaknummer="HH-2026-000001")
    anker = zaak.overtreding(
        jurist,
        zaak.vth_object("Molen Het Anker", "odzob-hh-2"),
        voorschrift="Bal art. 4.5",
        zaaknummer="HH-2026-000002",
    )
    page.set_viewport_size({"width": breedte, "height": 800})
    inloggen(jurist)
    page.goto("/handhaving/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Handhavingszaken")
    eerste = page.get_by_role("row").filter(has_text=korst.zaaknummer)
    expect(eerste.get_by_role("rowheader")).to_contain_text(korst.zaaknummer)
    expect(eerste).to_contain_text("Bakkerij De Korst B.V., Eindhoven")
    keur(page)
    geen_zijwaartse_scroll(page)
    schermafbeelding("jurist-zaken")

    page.get_by_label("Zoeken op bedrijf, zaaknummer, voorschrift of omschrijving").fill("Anker B.V.")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("rowheader")).to_have_text([anker.zaaknummer])
    page.get_by_label("Zoeken op bedrijf, zaaknummer, voorschrift of omschrijving").fill(korst.zaaknummer)
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("rowheader")).to_have_text([korst.zaaknummer])
    keur(page)
    geen_zijwaartse_scroll(page)
