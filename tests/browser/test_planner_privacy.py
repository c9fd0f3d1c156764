"""The planner's and the privacy officer's main tasks at 1280 and 360 px (issue 13 items 4 and 5): the planner opens
the execution programme and downloads it as PDF and CSV for adoption; the privacy officer reads the access log with
readable labels, finds the person of an access request and downloads the overview. Nothing scrolls sideways, axe is
clean. The screenshots in docs/img are made here (docs/toezicht-gebruik.md and docs/toegang.md show them)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from openvth.audit import services as audit
from openvth.organisaties.models import Vertrouwelijkheid
from openvth.register.models import Activiteituitvoering, Betrokkene, SoortBetrokkene
from openvth.toezicht import services

from .conftest import BREEDTES, DOWNLOAD_MS, geen_zijwaartse_scroll
from .test_toezicht import _actor, _model, regio  # noqa: F401 (regio is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PERSOON = "Jansen-Testpersoon, Anna"


def _download(page: Page, linknaam: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=DOWNLOAD_MS) as wacht:
        page.get_by_role("link", name=linknaam).click()
    download = wacht.value
    with open(download.path(), "rb") as bestand:
        return download.suggested_filename, bestand.read()


def _sectie(page: Page, naam: str) -> None:
    page.get_by_role("navigation", name="Toezicht").get_by_role("link", name=naam).click()


@pytest.mark.parametrize("breedte", BREEDTES)
def test_planner_opent_en_exporteert_het_programma(
    page,
    keur,
    schermafbeelding,
    maak_gebruiker,
    inloggen,
    regio,  # noqa: F811 (the fixture imported above)
    breedte,
):
    planner = maak_gebruiker("petra", {"odzob": ["planner"]})
    actor = _actor(planner, "odzob")
    analyse = services.risicoanalyse_uitvoeren(actor=actor, modelversie=_model(planner, regio))
    jaar = timezone.localdate().year + 1
    services.programma_genereren(actor=actor, analyse=analyse, jaar=jaar, capaciteit={"milieu": 60, "afval": 16})
    page.set_viewport_size({"width": breedte, "height": 800})
    inloggen(planner)
    page.goto("/toezicht/")
    _sectie(page, "Uitvoeringsprogramma's")
    page.get_by_role("link", name=str(jaar)).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Uitvoeringsprogramma {jaar}")
    expect(page.get_by_role("heading", name="Ter vaststelling door het bevoegd gezag")).to_be_visible()
    keur(page)
    geen_zijwaartse_scroll(page)
    schermafbeelding("planner-programma")

    naam, inhoud = _download(page, "Programma als PDF")
    assert naam.startswith(f"uitvoeringsprogramma-{jaar}") and naam.endswith(".pdf") and inhoud.startswith(b"%PDF")
    naam, inhoud = _download(page, "Programma als CSV")
    tekst = inhoud.decode("utf-8")
    assert naam.endswith(".csv") and tekst.startswith("onderdeel;naam;taken;uren;capaciteit;toelichting")
    assert "\r\ntotaal;totaal;" in tekst and "\r\nniet ingepland;" in tekst


@pytest.fixture
def persoon(regio):  # noqa: F811
    """A natural person carrying out an activity in ODZOB's area, whose execution a jurist has read."""
    uitvoering = Activiteituitvoering.objects.filter(uitvoerder_betrokkene__isnull=False).order_by("id").first()
    Betrokkene.objects.filter(pk=uitvoering.uitvoerder_betrokkene_id).update(
        soort=SoortBetrokkene.NATUURLIJK_PERSOON,
        vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
        naam=PERSOON,
        uitvoerder=regio,
    )
    return Betrokkene.objects.get(pk=uitvoering.uitvoerder_betrokkene_id)


@pytest.mark.parametrize("breedte", BREEDTES)
def test_privacy_officer_vindt_een_inzage_en_exporteert_een_inzageverzoek(
    page,
    keur,
    schermafbeelding,
    maak_gebruiker,
    inloggen,
    regio,  # noqa: F811 (the fixture imported above)
    persoon,
    breedte,
):
    jurist = maak_gebruiker("hanna", {"odzob": ["handhaver"]})
    get_user_model().objects.filter(pk=jurist.pk).update(first_name="Hanna", last_name="de Jurist")
    audit.log_inzage(actor=_actor(jurist, "odzob"), objecten=[persoon], doel="handhavingsbrief opstellen")
    officier = maak_gebruiker("pim", {"odzob": ["privacy_officer"]})
    page.set_viewport_size({"width": breedte, "height": 800})
    inloggen(officier)
    page.goto("/inzagelog")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inzagelog")
    log = page.get_by_role("table", name=re.compile(r"inzage"))
    rij = log.get_by_role("row").filter(has_text="handhavingsbrief opstellen")
    expect(rij).to_contain_text("Hanna de Jurist")
    expect(rij).to_contain_text(PERSOON)
    expect(rij).to_contain_text("betrokkene")
    keur(page)
    geen_zijwaartse_scroll(page)
    schermafbeelding("privacy-inzagelog")

    page.get_by_role("link", name="Inzageverzoek van een betrokkene behandelen (AVG art. 15)").click()
    page.get_by_label("Naam, KvK-nummer of vestigingsnummer").fill("Jansen-Testpersoon")
    page.get_by_role("button", name="Zoeken").click()
    keur(page)
    page.get_by_role("link", name=PERSOON).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Inzageverzoek {PERSOON}")
    inzagen = page.get_by_role("table", name="Wie zag welk record, wanneer en waarvoor (oudste eerst)")
    expect(inzagen).to_contain_text("Hanna de Jurist")
    keur(page)
    geen_zijwaartse_scroll(page)
    schermafbeelding("privacy-inzageverzoek")

    naam, inhoud = _download(page, "Overzicht als PDF")
    assert naam.startswith("inzageverzoek-") and inhoud.startswith(b"%PDF")
    naam, inhoud = _download(page, "Overzicht als CSV")
    assert "Hanna de Jurist;Omgevingsdienst Zuidoost-Brabant" in inhoud.decode("utf-8")
