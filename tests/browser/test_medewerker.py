"""Pages for logged-in staff: API tokens (create, shown once, revoke) and the privacy officer's access log."""

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from openvth.audit.models import Inzage
from openvth.organisaties import services
from openvth.organisaties.models import Organisatie
from openvth.organisaties.selectors import actor_voor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ik(live_server, token: str) -> int:
    """Status of GET /api/v1/ik with a bearer token (no browser cookies involved)."""
    verzoek = urllib.request.Request(f"{live_server.url}/api/v1/ik", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(verzoek, timeout=10) as antwoord:
            assert json.load(antwoord)["gebruikersnaam"] == "eva"
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code


def test_tokens_maken_eenmaal_tonen_en_intrekken(page, keur, maak_gebruiker, inloggen, live_server):
    inloggen(maak_gebruiker("eva", {"odu": ["functioneel_beheerder"]}))
    page.get_by_role("link", name="API-tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API-tokens")
    expect(page.get_by_text("U heeft nog geen tokens.")).to_be_visible()
    keur(page)

    page.get_by_label("Naam van het token").fill("ci-server")
    page.get_by_label("Geldig (dagen)").fill("30")
    page.get_by_role("button", name="Token maken").click()
    nieuw = page.get_by_test_id("nieuw-token")
    expect(nieuw).to_have_text(re.compile(r"^ovth_\S{20,}$"))
    token = nieuw.inner_text()
    tabel = page.get_by_role("table", name="Uw tokens")
    expect(tabel.get_by_role("row").filter(has_text="ci-server")).to_contain_text("Omgevingsdienst Utrecht")
    keur(page)
    assert _ik(live_server, token) == 200

    # Shown once: not on the next visit, where only its prefix is listed.
    page.goto("/tokens")
    expect(page.get_by_test_id("nieuw-token")).to_have_count(0)
    expect(page.get_by_role("main")).not_to_contain_text(token)
    expect(tabel.get_by_role("row").filter(has_text="ci-server")).to_contain_text(token[:8])

    # Revoke: the button names the token it revokes.
    tabel.get_by_role("button", name="Intrekken ci-server").click()
    expect(page.get_by_role("status").filter(has_text="Token ci-server is ingetrokken.")).to_be_visible()
    expect(tabel.get_by_role("row").filter(has_text="ci-server")).to_contain_text("ingetrokken")
    expect(tabel.get_by_role("button", name=re.compile("Intrekken"))).to_have_count(0)
    keur(page)
    assert _ik(live_server, token) == 401


def test_inzagelog_voor_de_privacy_officer(page, keur, maak_gebruiker, inloggen):
    odu = Organisatie.objects.get(code="odu")
    for naam, omschrijving in (("fleur", "Controle Bedrijf A"), ("gijs", "Handhavingszaak B")):
        Inzage.objects.create(
            actor_naam=naam,
            organisatie_id=odu.pk,
            organisatie_naam=odu.naam,
            object_soort="proef.record",
            object_id=f"id-{naam}",
            object_omschrijving=omschrijving,
            vertrouwelijkheid="vertrouwelijk",
            doel="toezicht",
        )
    maak_gebruiker("gijs", {"odu": ["toezichthouder"]})
    inloggen(maak_gebruiker("hanna", {"odu": ["privacy_officer"]}))

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Inzagelog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inzagelog")
    tabel = page.get_by_role("table", name="2 inzagen")
    expect(tabel.locator("tbody tr")).to_have_count(2)
    keur(page)

    page.get_by_text("Zoeken en filteren").click()  # the filters fold away so that the log comes first
    page.get_by_label("Gebruiker").fill("gijs")
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    tabel = page.get_by_role("table", name="1 inzage")
    expect(tabel.locator("tbody tr")).to_have_count(1)
    expect(tabel).to_contain_text("Handhavingszaak B")
    keur(page)

    # An impossible period gives a message, not an empty list.
    page.goto("/inzagelog?vanaf=2026-02-01&tot=2026-01-01")
    expect(page.get_by_role("alert")).to_contain_text("De einddatum ligt vóór de begindatum.")
    keur(page)


def test_inzagelog_niet_voor_anderen(page, keur, maak_gebruiker, inloggen):
    inloggen(maak_gebruiker("ivo", {"odu": ["toezichthouder"]}))
    expect(page.get_by_role("link", name="Inzagelog")).to_have_count(0)
    antwoord = page.goto("/inzagelog")
    assert antwoord.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    keur(page)


def test_smal_scherm_zonder_zijwaarts_scrollen(page, keur, maak_gebruiker, inloggen):
    """Reflow (WCAG 1.4.10): at 320 CSS pixels wide no page needs a horizontal scroll bar."""
    odu = Organisatie.objects.get(code="odu")
    gebruiker = maak_gebruiker("joke", {"odu": ["privacy_officer"], "GM0344": ["toezichthouder"]})
    Inzage.objects.create(
        actor_naam="joke",
        organisatie_id=odu.pk,
        organisatie_naam=odu.naam,
        object_soort="proef.record",
        object_id="0f6c1f0e-6a2b-4b8e-9d4f-3f1d2a6b7c8d",
        object_omschrijving="Controlerapport Bedrijventerrein",
        vertrouwelijkheid="vertrouwelijk",
        doel="toezicht",
    )
    services.token_maken(
        actor=actor_voor(gebruiker, organisatie_id=odu.pk),
        gebruiker=gebruiker,
        organisatie=odu,
        naam="koppeling-zaaksysteem",
        scopes=["lezen", "schrijven"],
        dagen=30,
    )
    inloggen(gebruiker)
    page.set_viewport_size({"width": 320, "height": 640})
    for pad in ("/", "/organisaties", f"/organisaties/{odu.uuid}", "/tokens", "/inzagelog"):
        page.goto(pad)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        breedte = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert breedte[0] <= breedte[1], f"{pad}: {breedte[0]} px breed in een venster van {breedte[1]} px"
    keur(page)


def test_mandaat_vastleggen_en_beeindigen(page, keur, maak_gebruiker, inloggen):
    inloggen(maak_gebruiker("frits", {"GM0772": ["functioneel_beheerder"]}))
    page.get_by_role("link", name="Afspraken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mandaten en deelafspraken")
    keur(page)
    formulier = page.locator("form", has=page.get_by_role("button", name="Mandaat vastleggen"))
    formulier.get_by_label("Omgevingsdienst").select_option(label="Omgevingsdienst Zuidoost-Brabant")
    formulier.get_by_label("Geldig vanaf").fill("2026-01-01")
    formulier.get_by_label("Mandaatbesluit (vindplaats)").fill("Mandaatbesluit Eindhoven 2026")
    formulier.get_by_role("button", name="Mandaat vastleggen").click()
    expect(page.get_by_text("Het mandaat is vastgelegd.")).to_be_visible()
    rij = page.get_by_role("row", name=re.compile("Mandaatbesluit Eindhoven 2026"))
    rij.get_by_label("Per").fill("2026-12-31")
    rij.get_by_role("button", name="Beëindigen").click()
    expect(page.get_by_text("De afspraak is beëindigd.")).to_be_visible()
    keur(page)
