"""The HTML representation of /ogc/v1 (issue 13 item 8; OGC API Features Part 1 §7.14, /req/html): every resource
answers `Accept: text/html` or `f=html` with a page of the same content, the pages link to each other, and every
JSON answer lists its `text/html` alternate."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

from .test_ogc import GEHEIME_NAAM, ITEMS, PERSOON, bouw_wereld

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
HTML = "text/html; charset=utf-8"


@pytest.fixture
def wereld(db):
    call_command("load_catalogus", verbosity=0, stdout=open("/dev/null", "w"))
    return bouw_wereld()


def _html(r) -> str:
    assert r.status_code == 200, r.content[:500]
    assert r["Content-Type"] == HTML
    assert "Accept" in r["Vary"]
    return r.content.decode()


def _hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html.replace("&amp;", "&")))


@pytest.mark.parametrize(
    "pad",
    [
        "/ogc/v1/",
        "/ogc/v1/api",
        "/ogc/v1/conformance",
        "/ogc/v1/collections",
        "/ogc/v1/collections/vth-objecten",
        ITEMS,
    ],
)
def test_elke_resource_als_html(wereld, pad):
    client = Client()
    via_accept = _html(client.get(pad, HTTP_ACCEPT=BROWSER))
    via_f = _html(client.get(pad, {"f": "html"}))
    assert "<h1" in via_accept and "<h1" in via_f
    # and JSON stays the answer for a client that names no type or only JSON
    assert not client.get(pad)["Content-Type"].startswith("text/html")
    assert not client.get(pad, HTTP_ACCEPT="application/json")["Content-Type"].startswith("text/html")


def test_json_noemt_zijn_html_alternatief(wereld):
    client = Client()
    for pad in ("/ogc/v1/", "/ogc/v1/collections", "/ogc/v1/collections/vth-objecten", ITEMS):
        links = client.get(pad, {"f": "json"}).json()["links"]
        alternatief = [link for link in links if link["rel"] == "alternate"]
        assert [link["type"] for link in alternatief] == ["text/html"], pad
        assert "f=html" in alternatief[0]["href"]
    collectie = client.get("/ogc/v1/collections/vth-objecten").json()
    assert {"rel": "items", "type": "text/html"} in [{"rel": x["rel"], "type": x["type"]} for x in collectie["links"]]
    feature_id = client.get(ITEMS).json()["features"][0]["id"]
    feature = client.get(f"{ITEMS}/{feature_id}").json()
    assert any(x["rel"] == "alternate" and x["type"] == "text/html" for x in feature["links"])


def test_de_paginas_linken_naar_elkaar(wereld):
    client = Client()
    landing = _hrefs(_html(client.get("/ogc/v1/", {"f": "html"})))
    assert "/ogc/v1/collections?f=html" in landing and "/ogc/v1/api?f=html" in landing
    collecties = _hrefs(_html(client.get("/ogc/v1/collections", {"f": "html"})))
    assert "/ogc/v1/collections/activiteituitvoeringen/items?f=html" in collecties
    assert "/ogc/v1/collections/vth-objecten?f=html" in collecties


def test_items_pagina_met_tabel_kaart_en_bladeren(wereld):
    client = Client()
    html = _html(client.get(ITEMS, {"f": "html", "limit": 2}))
    assert 'id="kaart"' in html and 'id="kaartpunten"' in html and "openvth/kaart.js" in html
    assert html.count('<tr class="utrecht-table__row">') == 1 + 2  # the header and two features
    assert "Features 1–2 van 3." in html
    volgende = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "offset=2" in volgende and "f=html" in volgende
    # every feature of the page links to its own HTML page
    item = next(h for h in _hrefs(html) if re.search(r"/items/[0-9a-f-]{36}\?f=html$", h))
    pagina = _html(client.get(item))
    assert 'id="kaart"' in pagina and "vthObject.naam" in pagina
    # the public register only: no confidential record, no natural person's name
    alles = html + _html(client.get(ITEMS, {"f": "html", "limit": 100}))
    assert GEHEIME_NAAM not in alles and PERSOON not in alles and PERSOON not in pagina


def test_html_weigert_wat_json_weigert(wereld):
    client = Client()
    assert client.get(ITEMS, {"f": "html", "limit": "nul"}).status_code == 400
    assert client.get("/ogc/v1/collections/bestaat-niet", {"f": "html"}).status_code == 404
    r = client.get(ITEMS, {"f": "xml"})
    assert r.status_code == 400 and "'html'" in r.json()["detail"]
