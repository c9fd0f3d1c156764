"""The API user's and the GIS user's main screens (issue 13 items 7 and 8), at 1280 px and at 360 px:

* /api/v1/docs: the reference (Swagger UI, ADR 0026) renders the operations, their schemas and the authentication
  section under the site's CSP, and is axe clean;
* /ogc/v1/…/items?f=html: a table and a map of the page's features, with links to each feature.

Nothing scrolls sideways. The screenshots in docs/img are made here (docs/api.md shows them).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import BREEDTES, geen_zijwaartse_scroll


@pytest.mark.parametrize("breedte", BREEDTES)
def test_api_referentie(page, keur, schermafbeelding, live_server, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", level=1)).to_contain_text("OpenVTH API")
    expect(page.get_by_role("heading", name="Authenticatie", exact=True).first).to_be_visible()
    referentie = page.locator("#swagger-ui")
    # Swagger UI has read the document: the operations, the Authorize button (security schemes) and the schemas.
    expect(referentie.get_by_text("/organisaties/{id}/werkgebied").first).to_be_visible()
    expect(referentie.get_by_role("button", name="Authorize")).to_be_visible()
    expect(referentie.get_by_role("heading", name="Schemas")).to_be_visible()
    geen_zijwaartse_scroll(page)
    keur(page)
    schermafbeelding("api-referentie")

    # The authentication dialog names both schemes with their descriptions.
    referentie.get_by_role("button", name="Authorize").click()
    dialoog = page.locator(".modal-ux")
    expect(dialoog.get_by_text("TokenAuth")).to_be_visible()
    expect(dialoog.get_by_text("openvth token create")).to_be_visible()
    expect(dialoog.get_by_text("SessieAuth")).to_be_visible()
    dialoog.get_by_role("button", name="Close").first.click()

    # An operation opens with its parameters, a try-it button and the example of its schema.
    page.locator("#operations-handhaving-lhso_advies").get_by_role("button").first.click()
    operatie = page.locator("#operations-handhaving-lhso_advies")
    expect(operatie.get_by_role("button", name="Try it out")).to_be_visible()
    expect(operatie.get_by_text('"gedrag": "B"').first).to_be_visible()
    geen_zijwaartse_scroll(page)
    keur(page)


@pytest.fixture
def register(referentie):
    """Three public activity executions and a confidential one (tests/ogc/test_ogc.py)."""
    from django.core.management import call_command

    from tests.ogc.test_ogc import bouw_wereld

    call_command("load_catalogus", verbosity=0, stdout=open("/dev/null", "w"))
    return bouw_wereld()


@pytest.mark.parametrize("breedte", BREEDTES)
def test_ogc_html(page, keur, schermafbeelding, register, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    # A browser asks for text/html: the landing page, then through the links to the features.
    page.goto("/ogc/v1/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("openbaar register")
    keur(page)
    page.get_by_role("link", name="De collecties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collecties")
    geen_zijwaartse_scroll(page)
    keur(page)
    page.get_by_role("link", name="De features op kaart en in een tabel").first.click()
    expect(page.locator("#kaart")).to_have_attribute("data-geladen", "3")
    tabel = page.get_by_role("table", name="De features van deze pagina")
    expect(tabel.get_by_role("row")).to_have_count(1 + 3)
    geen_zijwaartse_scroll(page)
    keur(page)
    schermafbeelding("ogc-items")

    # One feature: its page with the properties and its place on the map.
    tabel.get_by_role("link", name="Drukkerij Tongelre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Drukkerij Tongelre")
    expect(page.get_by_role("table", name="Eigenschappen")).to_contain_text("bal-3.2.1")
    expect(page.locator("#kaart")).to_have_attribute("data-geladen", "1")
    geen_zijwaartse_scroll(page)
    keur(page)

    # The same resources as JSON for a program, linked from the page.
    antwoord = page.request.get("/ogc/v1/collections/activiteituitvoeringen/items?f=json")
    assert antwoord.headers["content-type"] == "application/geo+json"
