"""The import pages in the browser: upload a foreign-format file, watch it finish, download the quality report."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from openvth.organisaties.models import Mandaat, Organisatie

from .conftest import DOWNLOAD_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BESTAND = Path(__file__).resolve().parents[1] / "register" / "data" / "squit_rd.csv"


def test_importeren_met_kwaliteitsrapport(page, keur, maak_gebruiker, inloggen, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("load_catalogus", verbosity=0)
    Mandaat.objects.create(
        mandaatgever=Organisatie.objects.get(code="GM0772"),
        mandaatnemer=Organisatie.objects.get(code="odzob"),
        taakcategorieen=["basistaak"],
    )
    inloggen(maak_gebruiker("gerda", {"odzob": ["functioneel_beheerder"]}))
    page.get_by_role("link", name="Importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activiteiten importeren")
    keur(page)
    page.get_by_label("Profiel", exact=True).select_option("squit-export")
    page.get_by_label("Bestand (CSV, JSON of GeoJSON)").set_input_files(str(BESTAND))
    page.get_by_role("button", name="Importeren").click()
    expect(page).to_have_url(re.compile(r"/import/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", name="Samenvatting")).to_be_visible()
    keur(page)
    with page.expect_download(timeout=DOWNLOAD_MS) as download:
        page.get_by_role("link", name="Kwaliteitsrapport downloaden (CSV, per regel)").click()
    rapport = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "aangemaakt" in rapport
