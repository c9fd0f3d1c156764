"""The chain partners' main task (issue 13), as an officer of the OM and as the police, at 1280 and 360 px: log in
and see only the menu of the role ketenpartner (in Toezicht only the chains), find the one case shared with them,
read its evidence — the proces-verbaal, the controle's report and the inspector's finding with its photo (ADR
0025) — and record the afstemmingsoverleg, the one thing they may write: an empty form gives the error summary at
the top with links to the fields, a filled one is recorded. A case that was not shared does not exist for them: a
readable 404 page. Nothing scrolls sideways, axe is clean. The screenshots in docs/img are made here
(docs/handhaving-gebruik.md shows them)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from openvth.handhaving import services
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.toegang import Actor
from openvth.toezicht import services as toezicht
from openvth.toezicht.models import Bevinding, Controle, ControleStatus

from ..handhaving import zaak
from .conftest import BREEDTES, geen_zijwaartse_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GECONSTATEERD = date(2026, 1, 12)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The menu of the role ketenpartner (tests/web/test_menu.py): no Termijnen, no planning, no administration.
MENU = ["Start", "Register", "Organisaties", "API-tokens", "Afspraken", "Toezicht", "Handhaving", "API"]
DEELNEMERS = (
    "odzob; mr. H. de Jurist; handhavingsjurist\n"
    "om-fp; mr. A. de Vries; officier van justitie\n"
    "politie; R. Speurder; milieurechercheur"
)


def _actor(gebruiker, code: str, rol: str) -> Actor:
    return Actor(
        gebruiker_id=gebruiker.pk,
        gebruikersnaam=gebruiker.username,
        organisatie=Organisatie.objects.get(code=code),
        rollen=frozenset({rol}),
    )


def _png() -> bytes:
    uit = io.BytesIO()
    beeld = Image.new("RGB", (640, 480), (120, 100, 70))
    beeld.paste((40, 40, 40), (0, 300, 640, 480))  # a dark stain on the ground
    beeld.save(uit, format="PNG")
    return uit.getvalue()


def _bewijs(zaak_, inspecteur: Actor, tekst: str, pv: str) -> Bevinding:
    """A carried-out controle with a non-compliant finding and its photo, linked to the case, and the BOA's
    proces-verbaal; fixed moments, so the screenshots do not change with the day they are made."""
    controle = Controle.objects.create(
        bevoegd_gezag=zaak_.bevoegd_gezag,
        uitvoerder=zaak_.uitvoerder,
        gemeente=zaak_.gemeente,
        vth_object=zaak_.vth_object,
        reden="melding",
        toelichting="melding van een lozing",
        gepland_op=GECONSTATEERD,
        toezichthouder_id=inspecteur.gebruiker_id,
    )
    bevinding = Bevinding.objects.create(
        controle=controle,
        volgnummer=1,
        resultaat="niet_akkoord",
        omschrijving=tekst,
        voorschrift=zaak_.voorschrift,
        overtreding=zaak_,
        vastgelegd_door_id=inspecteur.gebruiker_id,
    )
    Controle.objects.filter(pk=controle.pk).update(status=ControleStatus.UITGEVOERD, uitgevoerd_op=GECONSTATEERD)
    moment = timezone.make_aware(datetime(2026, 1, 12, 10, 30))
    Bevinding.objects.filter(pk=bevinding.pk).update(vastgelegd_op=moment)
    toezicht.bijlage_maken(
        actor=inspecteur, controle=controle, naam="lozing-put.png", inhoud=_png(), bevinding=bevinding
    )
    services.procesverbaal_vastleggen(
        actor=inspecteur,
        overtreding=zaak_,
        nummer=pv,
        datum=date(2026, 1, 13),
        verbalisant="T. Toezicht (BOA)",
        verbalisantnummer="BOA-123456",
        inhoud=PDF,
        naam=f"{pv}.pdf",
    )
    return bevinding


@pytest.fixture
def zaken(referentie, maak_gebruiker, settings, tmp_path):
    """Case A (a discharge at Bakkerij De Korst), on the consultation's agenda and shared with the OM and the police
    to prepare it; case B (Molen Het Anker), with its own evidence, shared with no one."""
    settings.MEDIA_ROOT = tmp_path
    jurist = maak_gebruiker("hanna", {"odzob": [Rol.HANDHAVER]})
    boa = maak_gebruiker("tobias", {"odzob": [Rol.TOEZICHTHOUDER]})
    handhaver, inspecteur = _actor(jurist, "odzob", Rol.HANDHAVER), _actor(boa, "odzob", Rol.TOEZICHTHOUDER)
    gedeeld = zaak.overtreding(
        jurist,
        zaak.vth_object(),
        omschrijving="Lozing van afvalwater met gevaarlijke stoffen in de bodem.",
        voorschrift="Bal art. 3.42",
        geconstateerd_op=GECONSTATEERD,
        zaaknummer="HH-2026-000042",  # not from the row id, which depends on the tests run before
    )
    _bewijs(gedeeld, inspecteur, "Afvalwater loopt uit de put achter de bakkerij in de berm.", "PV-2026-0001")
    anders = zaak.overtreding(
        jurist,
        zaak.vth_object("Molen Het Anker", "odzob-hh-2"),
        omschrijving="Geen lekbak.",
        voorschrift="Bal 4.5",
        zaaknummer="HH-2026-000043",
    )
    _bewijs(anders, inspecteur, "Vaten zonder lekbak.", "PV-2026-0002")
    services.overtreding_markeren_voor_afstemming(
        actor=handhaver, overtreding=gedeeld, reden="lozing van gevaarlijke stoffen"
    )
    for code in ("om-fp", "politie"):
        services.zaak_delen(
            actor=handhaver,
            overtreding=gedeeld,
            ontvanger=Organisatie.objects.get(code=code),
            reden="afstemmingsoverleg",
        )
    return gedeeld, anders


def _menu(page: Page, breedte: int) -> None:
    """Exactly the role's menu; on a phone behind the Menu button."""
    navigatie = page.get_by_role("navigation", name="Hoofdnavigatie")
    if breedte <= 768:
        page.get_by_role("button", name="Menu").click()
    expect(navigatie.get_by_role("link")).to_have_text(MENU)
    if breedte <= 768:
        page.get_by_role("button", name="Menu").click()
        expect(navigatie).to_be_hidden()


def _naar(page: Page, breedte: int, item: str) -> None:
    if breedte <= 768:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name=item).click()


def _overlegformulier(page: Page):
    knop = page.get_by_role("button", name="Overleg vastleggen")
    return page.get_by_role("region", name="Afstemming met OM en politie").locator("form").filter(has=knop)


@pytest.mark.parametrize("breedte", BREEDTES)
@pytest.mark.parametrize("partner", ["om-fp", "politie"])
def test_ketenpartner_leest_het_bewijs_en_legt_het_afstemmingsoverleg_vast(
    page, keur, schermafbeelding, maak_gebruiker, inloggen, zaken, partner, breedte
):
    gedeeld, anders = zaken
    page.set_viewport_size({"width": breedte, "height": 800})
    inloggen(maak_gebruiker(f"ketenpartner-{partner}", {partner: [Rol.KETENPARTNER]}))
    _menu(page, breedte)
    keur(page)

    # Toezicht holds only the chains they take part in: no planning, risk models or checklists.
    _naar(page, breedte, "Toezicht")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ketentoezicht")
    expect(page.get_by_role("navigation", name="Toezicht").get_by_role("link")).to_have_text(["Ketens"])
    keur(page)
    geen_zijwaartse_scroll(page)

    # The list holds the shared case only.
    _naar(page, breedte, "Handhaving")
    expect(page.get_by_role("heading", level=1)).to_have_text("Handhavingszaken")
    expect(page.get_by_role("rowheader")).to_have_count(1)
    expect(page.get_by_role("rowheader")).to_contain_text(gedeeld.zaaknummer)
    keur(page)
    geen_zijwaartse_scroll(page)
    page.get_by_role("link", name=gedeeld.zaaknummer).click()

    # The case with its evidence, read only.
    expect(page.get_by_role("heading", level=1)).to_have_text("Overtreding van Bal art. 3.42")
    bewijs = page.get_by_role("region", name="Bewijs")
    pv = bewijs.get_by_role("link", name="Proces-verbaal PV-2026-0001")
    expect(pv).to_be_visible()
    expect(bewijs).not_to_contain_text("PV-2026-0002")
    antwoord = page.request.get(pv.get_attribute("href"))
    assert antwoord.status == 200 and antwoord.body() == PDF
    rapport = bewijs.get_by_role("link", name="rapport (PDF)")
    antwoord = page.request.get(rapport.get_attribute("href"))
    assert antwoord.status == 200 and antwoord.body().startswith(b"%PDF")
    bevinding = bewijs.get_by_role("article", name="Bevinding 1")
    expect(bevinding).to_contain_text("Afvalwater loopt uit de put achter de bakkerij in de berm.")
    foto = bevinding.get_by_role("img", name="Foto lozing-put.png")
    foto.scroll_into_view_if_needed()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=foto.element_handle())
    expect(bewijs.get_by_role("button", name="Proces-verbaal vastleggen")).to_have_count(0)  # read only
    expect(page.get_by_role("link", name="Maatregel nemen")).to_have_count(0)
    keur(page)
    geen_zijwaartse_scroll(page)
    if partner == "om-fp":
        bewijs.get_by_role("heading", name="Bewijs", exact=True).scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -16)")
        schermafbeelding("ketenpartner-bewijs")

    # The afstemmingsoverleg, sent empty: the summary at the top names each missing field and links to it.
    afstemming = page.get_by_role("region", name="Afstemming met OM en politie")
    afstemming.get_by_text("Afstemmingsoverleg vastleggen").click()
    formulier = _overlegformulier(page)
    expect(formulier.get_by_text("bijvoorbeeld: om-fp; mr. A. de Vries; officier van justitie")).to_be_visible()
    formulier.get_by_label("Datum van het overleg").fill("")
    formulier.get_by_role("button", name="Overleg vastleggen").click()
    overzicht = page.get_by_role("alert").filter(has_text="Er is iets niet goed ingevuld")
    expect(overzicht).to_be_visible()
    expect(overzicht).to_be_focused()
    assert overzicht.bounding_box()["y"] < 800, "the summary is on the first screen"
    for veld in ("Datum van het overleg", "Deelnemers", "Redenen"):
        expect(overzicht.get_by_role("link", name=re.compile(f"^{veld}"))).to_be_visible()
    formulier = _overlegformulier(page)
    expect(formulier.get_by_label("Redenen")).to_have_attribute("aria-invalid", "true")
    keur(page)
    geen_zijwaartse_scroll(page)
    if partner == "om-fp":
        schermafbeelding("ketenpartner-foutoverzicht")
    overzicht.get_by_role("link", name=re.compile("^Redenen")).click()
    expect(formulier.get_by_label("Redenen")).to_be_in_viewport()

    # Filled in: recorded, and shown in the section.
    formulier.get_by_label("Datum van het overleg").fill("2026-02-02")
    formulier.get_by_label(re.compile("^Deelnemers")).fill(DEELNEMERS)
    formulier.get_by_label("Uitkomst").select_option(label="strafrechtelijk")
    formulier.get_by_label("Redenen").fill("Vervolging wegens de lozing van gevaarlijke stoffen.")
    formulier.get_by_role("button", name="Overleg vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Het afstemmingsoverleg is vastgelegd.")).to_be_visible()
    afstemming = page.get_by_role("region", name="Afstemming met OM en politie")
    expect(afstemming).to_contain_text("2 februari 2026: strafrechtelijk")
    expect(afstemming).to_contain_text("mr. A. de Vries, om-fp")
    keur(page)
    geen_zijwaartse_scroll(page)

    # A case that was not shared does not exist for the partner, and the page says so readably.
    antwoord = page.goto(f"/handhaving/overtredingen/{anders.uuid}")
    assert antwoord.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(page.get_by_role("main")).not_to_contain_text("Vaten zonder lekbak")
    keur(page)
    geen_zijwaartse_scroll(page)
