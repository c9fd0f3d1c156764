"""The public register as citizens meet it (issue 13 item 1): postcodes written the Dutch way, the honest bounded
count, no Inspectieview delivery offered to the public, the municipality names for the maps' base layer, the PDOK
background map allowed by exactly one CSP host, and a favicon."""

import functools

import pytest
from django.core.cache import cache
from django.test import Client

from openvth.conf import settings as instellingen
from openvth.organisaties.models import Organisatie, Rol, Soort
from openvth.organisaties.services import gebruiker_maken, systeem_actor
from openvth.organisaties.toegang import ANONIEM
from openvth.register import export, selectors, views
from openvth.register.models import Locatie, postcode_weergave
from openvth.web.paginering import BegrensdePaginator

from ..fabrieken import totp_apparaat, totp_code
from .conftest import uitvoering_op_nieuw_object

pytestmark = pytest.mark.django_db


@pytest.fixture
def anoniem():
    cache.clear()
    return Client()


@pytest.mark.parametrize(
    ("opgeslagen", "getoond"),
    [
        ("5611LW", "5611 LW"),
        ("5611 lw", "5611 LW"),
        (" 5611lw ", "5611 LW"),
        ("0611LW", "0611LW"),  # no Dutch postcode starts with 0: shown as given
        ("B-1000", "B-1000"),
        ("", ""),
        (None, ""),
    ],
)
def test_postcode_weergave(opgeslagen, getoond):
    assert postcode_weergave(opgeslagen) == getoond


def test_adres_toont_de_postcode_met_spatie_en_bewaart_hem_zoals_gegeven(wereld):
    locatie = Locatie.objects.get(pk=wereld["locatie"].pk)
    assert locatie.postcode == "5611EB"
    assert locatie.adres == "Markt 1, 5611 EB Eindhoven"


def test_zoekpagina_en_kaart_tonen_5611_eb_en_de_export_de_opgeslagen_waarde(anoniem, wereld):
    html = anoniem.get("/register/").content.decode()
    assert "Markt 1, 5611 EB Eindhoven" in html and "5611EB" not in html
    kaart = anoniem.get("/register/kaart.json", {"bbox": "5.40,51.40,5.55,51.48", "zoom": "15"}).json()
    assert kaart["punten"][0]["adres"] == "Markt 1, 5611 EB Eindhoven"
    regels = b"".join(export.exporteer(actor=ANONIEM, formaat="csv", filters=selectors.UitvoeringFilter())).decode()
    assert "5611EB" in regels and "5611 EB" not in regels


def test_inspectieview_aanlevering_niet_aangeboden_aan_het_publiek(anoniem, wereld, settings):
    html = anoniem.get("/register/").content.decode()
    assert "/register/export.csv" in html and "/register/export.geojson" in html
    assert "/register/export.inspectieview" not in html and "Inspectieview" not in html

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    wachtwoord = "een-lang-test-wachtwoord-1"
    gebruiker = gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="toezicht",
        wachtwoord=wachtwoord,
        lidmaatschappen={"odzob": [Rol.TOEZICHTHOUDER]},
    )
    apparaat = totp_apparaat(gebruiker)
    medewerker = Client()
    assert medewerker.post("/inloggen", {"username": "toezicht", "password": wachtwoord}).status_code == 302
    assert medewerker.post("/tweede-factor", {"code": totp_code(apparaat)}).status_code == 302
    assert "/register/export.inspectieview" in medewerker.get("/register/").content.decode()


def test_meer_dan_de_grens_gevonden_zegt_het_eerlijk_en_pagineert_tot_de_grens(anoniem, wereld, monkeypatch):
    for i in range(4):
        uitvoering_op_nieuw_object(wereld, naam=f"Garage {i}", lokaal_id=f"garage-{i}", locatie=wereld["locatie"])
    monkeypatch.setattr(views, "BegrensdePaginator", functools.partial(BegrensdePaginator, grens=3))
    monkeypatch.setattr(views, "PER_PAGINA", 2)
    r = anoniem.get("/register/", {"pagina": "2"})
    html = r.content.decode()
    assert "Meer dan 3 activiteiten gevonden. De eerste 3 worden getoond: verfijn uw zoekopdracht" in html
    assert "Resultaten 3 tot en met 3 van de eerste 3" in html
    assert r.context["pagina"].paginator.num_pages == 2  # pages stop at the bound, as the text says
    assert "Pagina 2 van 2" in html


def test_de_grens_staat_er_met_een_scheidingsteken(anoniem, wereld):
    """1.000, not 1000 (nl), 1,000 in English: the number the page names is the bound, formatted for reading."""
    r = anoniem.get("/register/")
    assert r.context["grens_tekst"] == "1.000"


def test_gemeentenamen_voor_de_ondergrond(anoniem):
    r = anoniem.get("/register/gemeenten.json")
    assert r.status_code == 200
    assert "max-age" in r["Cache-Control"]
    gemeenten = r.json()["gemeenten"]
    assert len(gemeenten) == Organisatie.objects.filter(soort=Soort.GEMEENTE, lat__isnull=False).count() == 342
    # Most inhabitants first, so that where names collide on the map the larger place keeps its label.
    assert [g["naam"] for g in gemeenten[:2]] == ["Amsterdam", "Rotterdam"]
    assert set(gemeenten[0]) == {"naam", "lat", "lon"}


def test_pdok_achtergrondkaart_standaard_en_csp_staat_alleen_die_host_toe(anoniem, wereld):
    assert instellingen.OPENVTH_TILE_URL == (
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
    )
    assert instellingen.OPENVTH_TILE_ATTRIBUTIE == "Kaartgegevens © Kadaster"
    r = anoniem.get("/register/")
    html = r.content.decode()
    assert 'data-tiles="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/' in html
    assert 'data-attributie="Kaartgegevens © Kadaster"' in html
    richtlijnen = dict(d.strip().split(" ", 1) for d in r["Content-Security-Policy"].split(";") if d.strip())
    assert richtlijnen["img-src"].split() == ["'self'", "data:", "https://service.pdok.nl"]
    assert richtlijnen["connect-src"].split() == ["'self'"]
    # The base layer's scripts and data come from our own server.
    assert "/static/vendor/topojson-client/topojson-client.min.js" in html
    assert 'data-land="/static/vendor/world-atlas/countries-50m.json"' in html
    assert 'data-namen="/register/gemeenten.json"' in html


def test_favicon(anoniem):
    html = anoniem.get("/register/").content.decode()
    assert '<link rel="icon" href="/static/openvth/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/static/openvth/favicon.ico" sizes="48x48">' in html
    for pad in ("favicon.svg", "favicon.ico", "apple-touch-icon.png"):
        assert anoniem.get(f"/static/openvth/{pad}").status_code == 200


def test_gemeente_zonder_coordinaten_valt_weg(anoniem):
    Organisatie.objects.filter(code="GM0014").update(lat=None)
    namen = [g["naam"] for g in anoniem.get("/register/gemeenten.json").json()["gemeenten"]]
    assert "Groningen" not in namen and len(namen) == 341
