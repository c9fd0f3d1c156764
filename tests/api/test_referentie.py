"""The API reference (issue 13 item 7, ADR 0026): the document tells how to authenticate and shows examples, and
/api/v1/docs serves Swagger UI from our own static files, without inline script."""

import json
import re

from django.test import Client

from openvth.api.openapi import VOORBEELDEN
from openvth.api.v1 import openapi_tekst


def test_beveiligingsschemas_met_uitleg():
    schema = json.loads(openapi_tekst())
    schemas = schema["components"]["securitySchemes"]
    assert schemas["TokenAuth"]["scheme"] == "bearer" and "openvth token create" in schemas["TokenAuth"]["description"]
    assert schemas["SessieAuth"]["in"] == "cookie" and "X-CSRFToken" in schemas["SessieAuth"]["description"]
    uitleg = schema["info"]["description"]
    assert "## Authenticatie" in uitleg and "(/tokens)" in uitleg and "openvth token create" in uitleg


def test_hoofdschemas_hebben_een_voorbeeld():
    """Spectral (tests/api/test_openapi.py) checks each example against its schema; here: that they are there."""
    componenten = json.loads(openapi_tekst())["components"]["schemas"]
    assert {"Probleem", "Links", "AdviesIn", "ControleIn"} <= set(VOORBEELDEN)
    for naam, voorbeeld in VOORBEELDEN.items():
        assert componenten[naam]["example"] == voorbeeld, naam


def test_documentatiepagina_laadt_swagger_ui_van_de_eigen_site(db):
    r = Client().get("/api/v1/docs")
    assert r.status_code == 200
    html = r.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/static/vendor/swagger-ui/swagger-ui.css" in html
    assert 'data-openapi="/api/v1/openapi.json"' in html
    assert 'id="authenticatie-kop"' in html and "/tokens" in html
    # every script is a file of our own origin: nothing inline, nothing from a CDN (CSP script-src 'self')
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all(re.search(r'src="/static/', s) or "application/json" in s for s in scripts), scripts
    assert "unsafe-inline" not in r["Content-Security-Policy"]


def test_een_getal_is_geen_boolean(db):
    """Schemathesis, seeded by the AdviesIn example, sent `"relevant": 0` and got 200: input booleans are strict."""
    client = Client()
    basis = {"gedrag": "B", "gevolg": "2", "peildatum": "2026-03-01"}
    overtreding = {"datum": "2025-01-01", "gesanctioneerd": False}
    r = client.post(
        "/api/v1/lhso/advies",
        {**basis, "eerdereOvertredingen": [{**overtreding, "relevant": 0}]},
        content_type="application/json",
    )
    assert r.status_code == 400, r.content
    assert r.json()["invalidParams"][0]["name"] == "eerdereOvertredingen.0.relevant"
    goed = client.post(
        "/api/v1/lhso/advies",
        {**basis, "eerdereOvertredingen": [{**overtreding, "relevant": False}]},
        content_type="application/json",
    )
    assert goed.status_code == 200, goed.content
