"""Enforcement in a real browser: the LHSO wizard (definitions, the advice as it forms, save) and the deadline
dashboard (overdue first, then 7 and 30 days, motivation on demand); axe on every page and a 320 px reflow check."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from openvth.handhaving import services
from openvth.handhaving.models import Overtreding
from openvth.organisaties.models import Mandaat, Rol
from openvth.vergunningen.stappen import stap_zetten

from ..handhaving import zaak
from ..vergunningen.procedure_opbouw import aanvraag, dagen_geleden
from .conftest import geen_zijwaartse_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def handhaving(referentie):
    """Code lists and letter templates (the flush of the previous browser test removed them), and a bakery."""
    call_command("load_codelijsten", verbosity=0, stdout=io.StringIO())
    call_command("load_sjablonen", verbosity=0, stdout=io.StringIO())
    return zaak.vth_object()


def _breed_genoeg(page, pad: str) -> None:
    """Reflow (WCAG 1.4.10): at 320 CSS pixels the page needs no horizontal scroll bar."""
    page.goto(pad)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert breedte[0] <= breedte[1], f"{pad}: {breedte[0]} px breed in een venster van {breedte[1]} px"


def test_wizard_toont_definities_en_het_advies_terwijl_het_ontstaat(page, keur, maak_gebruiker, inloggen, handhaving):
    jurist = maak_gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})
    overtreding = services.overtreding_maken(
        actor=zaak.actor_van(jurist, "odzob"),
        vth_object=handhaving,
        herkomst="eigen_waarneming",
        omschrijving="Container met afval buiten de opslag",
        voorschrift="Bal art. 3.48 lid 2",
        geconstateerd_op=timezone.localdate() - timedelta(days=3),
    )
    inloggen(jurist)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Handhaving").click()
    overtreding.refresh_from_db()
    page.get_by_role("link", name=overtreding.zaaknummer).click()  # jurists find a case by its number
    expect(page.get_by_role("heading", level=1)).to_have_text("Overtreding van Bal art. 3.48 lid 2")
    keur(page)
    page.get_by_role("link", name="Positioneren (LHSO)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Positioneren in de interventiematrix")

    # Every class shows its definition, and the definition is the option's description.
    calculerend = page.get_by_role("radio", name="C — calculerend")
    expect(calculerend).to_have_accessible_description(re.compile("^Overtreedt bewust na afweging"))
    expect(page.get_by_text("Grote of onomkeerbare (dreigende) schade")).to_be_visible()
    advies = page.locator("#advies-inhoud")
    expect(advies).to_contain_text("Kies gedrag en gevolg om het advies te zien.")
    keur(page)

    # The advice forms as the choices are made (POST /api/v1/lhso/advies), without a page load.
    page.get_by_role("radio", name="B — onverschillig").check()
    expect(advies).to_contain_text("Kies gedrag en gevolg")  # one axis is not enough
    page.get_by_role("radio", name="2 — beperkt").check()
    expect(advies).to_contain_text("Cel B2")
    expect(advies).to_contain_text("Spoor: bestuursrechtelijk")
    expect(advies).to_contain_text("Schriftelijke waarschuwing met hercontrole")
    page.get_by_label("belemmering van toezicht of agressie tegen toezichthouder").check()
    expect(advies).to_contain_text("Cel C2")
    expect(advies).to_contain_text("Vóór omstandigheden en recidive: B2")
    expect(advies).to_contain_text("Spoor: bestuursrechtelijk, strafrechtelijk na afstemming")
    assert page.url.endswith("/positioneren")
    keur(page)

    page.get_by_label("Toelichting op de positionering").fill("Weigerde de toezichthouder toegang.")
    page.get_by_role("button", name="Positionering opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Gepositioneerd in cel C2.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overtreding van Bal art. 3.48 lid 2")
    expect(page.get_by_text("Cel C2", exact=True)).to_be_visible()
    posities = page.get_by_role("region", name="Positie in de interventiematrix")
    posities.get_by_text("Motivering van de positie").click()
    expect(posities.get_by_text("Toelichting: Weigerde de toezichthouder toegang.")).to_be_visible()
    keur(page)
    positie = Overtreding.objects.get().posities.get()
    assert (positie.cel, positie.oorspronkelijke_cel, positie.omstandigheden) == (
        "C2",
        "B2",
        ["belemmering van toezicht of agressie tegen toezichthouder"],
    )
    # Criminal track: the case went on the consultation's agenda (LHSO stap 3).
    expect(page.get_by_text("Deze zaak staat op de agenda van het afstemmingsoverleg.")).to_be_visible()

    page.set_viewport_size({"width": 320, "height": 640})
    for pad in (
        f"/handhaving/overtredingen/{overtreding.uuid}/positioneren",
        f"/handhaving/overtredingen/{overtreding.uuid}",
        "/handhaving/",
    ):
        _breed_genoeg(page, pad)
    keur(page)


def test_wizard_matrix_en_reden_alleen_bij_niet_handhaven(page, keur, maak_gebruiker, inloggen, handhaving):
    """Issue 12 item 8: the chosen cell lights up in the 4×4 matrix; the reason field appears only on 'no'."""
    jurist = maak_gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})
    overtreding = services.overtreding_maken(
        actor=zaak.actor_van(jurist, "odzob"),
        vth_object=handhaving,
        herkomst="eigen_waarneming",
        omschrijving="Container met afval buiten de opslag",
        voorschrift="Bal art. 3.48 lid 2",
        geconstateerd_op=timezone.localdate() - timedelta(days=3),
    )
    inloggen(jurist)
    page.goto(f"/handhaving/overtredingen/{overtreding.uuid}/positioneren")
    matrix = page.get_by_role("table", name="Interventiematrix (LHSO): gedrag × gevolgen")
    expect(matrix.get_by_role("columnheader")).to_have_count(4)
    expect(matrix.get_by_role("rowheader")).to_have_count(4)
    reden = page.get_by_label("Reden om niet te handhaven")
    expect(reden).to_be_hidden()
    page.get_by_role("radio", name="C — calculerend").check()
    page.get_by_role("radio", name="3 — van belang").check()
    gekozen = matrix.locator('td[aria-current="true"]')
    expect(gekozen).to_have_count(1)
    expect(gekozen).to_have_attribute("data-cel", "C3")
    keur(page)
    page.get_by_label("Handhaving is aangewezen").uncheck()
    expect(reden).to_be_visible()
    keur(page)
    page.get_by_label("Handhaving is aangewezen").check()
    expect(reden).to_be_hidden()


def test_termijnen_verlopen_eerst_dan_week_en_maand(page, keur, maak_gebruiker, inloggen, handhaving):
    jurist = maak_gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})
    handhaver = zaak.actor_van(jurist, "odzob")
    vandaag = timezone.localdate()

    def zaak_met(voorschrift, **maatregel):
        o = services.overtreding_maken(
            actor=handhaver,
            vth_object=handhaving,
            herkomst="eigen_waarneming",
            omschrijving=voorschrift,
            voorschrift=voorschrift,
            geconstateerd_op=vandaag - timedelta(days=60),
        )
        services.maatregel_maken(actor=handhaver, overtreding=o, **maatregel)
        return o

    zaak_met("Bal art. 2.11", instrument="LOD", datum=vandaag - timedelta(days=30), zienswijzetermijn="P2W")
    zaak_met("Bal art. 3.48", instrument="WAARSCHUWEN", datum=vandaag, hersteltermijn="P3D")
    maand = zaak_met("Bal art. 4.7", instrument="LOD", datum=vandaag, zienswijzetermijn="P3W")
    inloggen(jurist)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Termijnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Termijnen")
    koppen = page.get_by_role("heading", level=2)
    expect(koppen).to_have_text(
        [
            re.compile(r"^Verlopen \(1\)"),
            re.compile(r"^Binnen 7 dagen \(1\)"),
            re.compile(r"^Binnen 30 dagen \(1\)"),
        ]
    )
    # Counting a year's decisions is asked for, not done on every visit.
    expect(page.get_by_role("link", name="Tijdigheid van besluiten per bevoegd gezag tonen")).to_be_visible()
    verlopen = page.get_by_role("region", name=re.compile("^Verlopen"))
    expect(verlopen.get_by_role("row")).to_have_count(2)
    expect(verlopen).to_contain_text("Bal art. 2.11")
    expect(page.get_by_role("region", name=re.compile("^Binnen 7 dagen"))).to_contain_text("Bal art. 3.48")
    binnen_maand = page.get_by_role("region", name=re.compile("^Binnen 30 dagen"))
    expect(binnen_maand).to_contain_text("Bal art. 4.7")
    keur(page)

    # The motivation of a date on demand, then on to the case.
    binnen_maand.get_by_text("Waarom deze datum").click()
    expect(binnen_maand.get_by_text(re.compile(r"^Zienswijzetermijn \(Awb 4:8\): 3 weken"))).to_be_visible()
    maand.refresh_from_db()
    binnen_maand.get_by_role("link", name=maand.zaaknummer).click()
    expect(page).to_have_url(re.compile(f"/handhaving/overtredingen/{maand.uuid}#maatregel-"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Overtreding van Bal art. 4.7")
    keur(page)

    # The team view: a colleague's dashboard is empty for "mijn", full for "team".
    page.goto("/handhaving/termijnen?wie=team")
    expect(page.get_by_role("heading", level=2).first).to_have_text(re.compile(r"^Verlopen \(1\)"))
    page.set_viewport_size({"width": 320, "height": 640})
    _breed_genoeg(page, "/handhaving/termijnen")
    keur(page)


def test_beslistermijnen_van_de_vergunningverlener_op_360_px(page, keur, maak_gebruiker, inloggen, handhaving):
    """Issue 15 item 6: a permit officer's overdue and suspended decision periods on the deadline page, their state
    in words and their motivation on demand, readable on a phone (360 px) and axe clean."""
    call_command("load_catalogus", stdout=io.StringIO())
    Mandaat.objects.update(taakcategorieen=["basistaak", "vergunningverlening"])
    anna = maak_gebruiker("anna", {"odzob": [Rol.VERGUNNINGVERLENER]})
    actor = zaak.actor_van(anna, "odzob", Rol.VERGUNNINGVERLENER)
    verzoeken = []
    for nummer, ontvangen in (("2026090100001", 70), ("2026090100002", 45)):
        verzoek = aanvraag(actor, ontvangen_op=dagen_geleden(ontvangen), nummer=nummer)
        stap_zetten(
            actor=actor,
            verzoek=verzoek,
            handeling="in_behandeling_nemen",
            datum=dagen_geleden(ontvangen - 1),
            gegevens={"procedure": "regulier"},
        )
        verzoeken.append(verzoek)
    stap_zetten(
        actor=actor,
        verzoek=verzoeken[1],
        handeling="aanvulling_vragen",
        datum=dagen_geleden(5),
        gegevens={"aanvullen_voor": (timezone.localdate() + timedelta(days=2)).isoformat(), "omschrijving": "Tekening"},
    )
    page.set_viewport_size({"width": 360, "height": 800})
    inloggen(anna)
    page.goto("/handhaving/termijnen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Termijnen")
    verlopen = page.get_by_role("region", name=re.compile("^Verlopen"))
    rij = verlopen.get_by_role("row").filter(has_text="2026090100001")
    expect(rij).to_contain_text("verlopen")
    expect(rij.get_by_role("cell").nth(1)).to_have_text("Eindhoven")  # the competent authority
    expect(rij.get_by_role("link", name="2026090100001")).to_have_attribute(
        "href", f"/vergunningen/{verzoeken[0].uuid}"
    )
    rij.get_by_text("Waarom deze datum").click()
    expect(rij.get_by_text(re.compile(r"Ow art\. 16\.64 lid 1")).first).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="2026090100002")).to_contain_text("opgeschort (aanvulling gevraagd)")
    page.get_by_role("link", name="Tijdigheid van besluiten per bevoegd gezag tonen").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("^Tijdigheid van besluiten"))).to_be_visible()
    geen_zijwaartse_scroll(page)
    keur(page)
    page.get_by_label("Soort").select_option("handhaving")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_text("2026090100001")).to_have_count(0)
    keur(page)


def test_datakwaliteit_is_toegankelijk(page, keur, maak_gebruiker, inloggen, handhaving):
    beheerder = maak_gebruiker("kwaliteit", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    inloggen(beheerder)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Datakwaliteit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datakwaliteit toezicht en handhaving")
    page.get_by_text("Handhavingsinstrument (").click()
    expect(page.get_by_role("cell", name="WAARSCHUWEN")).to_be_visible()
    keur(page)
    page.set_viewport_size({"width": 320, "height": 800})
    _breed_genoeg(page, "/handhaving/datakwaliteit")


def test_wizard_in_het_engels_met_de_nederlandse_vakterm_ernaast(
    page, context, live_server, keur, schermafbeelding, maak_gebruiker, inloggen, handhaving
):
    """Issue 13 item 9: in English the classes, the track and the instruments of the advice as it forms (the
    script maps the API's Dutch data through the page's terms) are English, the Dutch term of art beside."""
    jurist = maak_gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})
    overtreding = services.overtreding_maken(
        actor=zaak.actor_van(jurist, "odzob"),
        vth_object=handhaving,
        herkomst="eigen_waarneming",
        omschrijving="Container met afval buiten de opslag",
        voorschrift="Bal art. 3.48 lid 2",
        geconstateerd_op=date(2026, 11, 30),  # a fixed day: the screenshot must not change from day to day
    )
    inloggen(jurist)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"/handhaving/overtredingen/{overtreding.uuid}/positioneren")
    expect(page.get_by_role("heading", level=1)).to_have_text("Classify in the intervention matrix")
    calculerend = page.get_by_role("radio", name="C — calculating (calculerend)")
    expect(calculerend).to_have_accessible_description(re.compile("^Violates deliberately after weighing"))
    calculerend.check()
    page.get_by_role("radio", name="3 — significant (van belang)").check()
    advies = page.locator("#advies-inhoud")
    expect(advies).to_contain_text("Cell C3")
    expect(advies).to_contain_text(
        "Track: administrative remedy and criminal law (bestuursrechtelijk herstel en strafrechtelijk)"
    )
    expect(advies).to_contain_text("Order subject to a penalty (last onder dwangsom)")
    expect(advies).to_contain_text("Administrative fine (bestuurlijke boete)")
    expect(page.locator("#interventiematrix")).to_contain_text("considerable and/or irreversible (aanzienlijk")
    # The longer English class names ("notorious/criminal (notoir/crimineel)") still fit the advice box.
    randen = page.evaluate(
        "() => [document.getElementById('interventiematrix').getBoundingClientRect().right,"
        " document.querySelector('.ovth-advies').getBoundingClientRect().right]"
    )
    assert randen[0] <= randen[1], randen
    keur(page)
    for breedte in (1280, 360):  # the user guide's picture of the English wizard (docs/img/README.md)
        page.set_viewport_size({"width": breedte, "height": 800})
        page.locator("h1").scroll_into_view_if_needed()
        keur(page)
        schermafbeelding("jurist-wizard-engels")
