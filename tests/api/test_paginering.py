"""Absurd paging is a refusal, never a 500: `page=9223372036854775807` overflowed the query's 64-bit OFFSET on every
paged API list. Every paged route of the committed contract (openapi.json) is tried; the web lists clamp instead."""

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from openvth.api.schemas import PAGINA_MAX
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.services import gebruiker_maken, systeem_actor, token_maken

from ..fabrieken import LidmaatschapFactory, totp_apparaat, totp_code

pytestmark = pytest.mark.django_db
CONTRACT = Path(__file__).resolve().parents[2] / "openapi.json"
NIL = "00000000-0000-0000-0000-000000000000"
ABSURD = [
    ({"page": "9223372036854775807"}, "page"),
    ({"page": str(2**64)}, "page"),
    ({"page": str(PAGINA_MAX + 1)}, "page"),
    ({"page": "0"}, "page"),
    ({"page": "1e400"}, "page"),
    ({"pageSize": "9223372036854775807"}, "pageSize"),
    ({"pageSize": "0"}, "pageSize"),
]


def _gepagineerde_routes() -> list[str]:
    """Every GET of the contract with a `page` parameter, path parameters filled in (a uuid, else a word)."""
    routes, contract = [], json.loads(CONTRACT.read_text())
    basis = contract["servers"][0]["url"]
    for pad, operaties in contract["paths"].items():
        parameters = (operaties.get("get") or {}).get("parameters", [])
        if not any(p["name"] == "page" and p["in"] == "query" for p in parameters):
            continue
        for p in parameters:
            if p["in"] == "path":
                waarde = NIL if p["schema"].get("format") == "uuid" else "x"
                pad = pad.replace("{" + p["name"] + "}", waarde)
        routes.append(basis + pad)
    return routes


ROUTES = _gepagineerde_routes()


def test_de_contractlijst_is_compleet():
    assert len(ROUTES) >= 14 and "/api/v1/activiteituitvoeringen" in ROUTES and "/api/v1/organisaties" in ROUTES


@pytest.fixture
def client():
    cache.clear()
    lid = LidmaatschapFactory(organisatie=Organisatie.objects.get(code="odzob"), rollen=[Rol.HANDHAVER])
    _token, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=lid.gebruiker, organisatie=lid.organisatie, naam="paging", scopes=["lezen"]
    )
    return Client(headers={"Authorization": f"Bearer {sleutel}"})


@pytest.mark.parametrize("pad", ROUTES)
def test_absurde_pagina_is_400_problem_json(client, pad):
    for query, naam in ABSURD:
        r = client.get(pad, query)
        assert r.status_code == 400, (pad, query, r.status_code, r.content[:300])
        assert r["Content-Type"] == "application/problem+json"
        assert naam in {p["name"] for p in r.json()["invalidParams"]}, (pad, query, r.json())
    r = client.get(pad, {"page": str(PAGINA_MAX), "pageSize": "100"})  # the deepest page is an (empty) answer
    assert r.status_code in (200, 403, 404), (pad, r.status_code, r.content[:300])
    if r.status_code == 200:
        assert r.json()["results"] == [] and r.json()["page"] == PAGINA_MAX


WACHTWOORD = "een-lang-test-wachtwoord-1"


def _ingelogd(naam, leden):
    gebruiker = gebruiker_maken(
        actor=systeem_actor(), gebruikersnaam=naam, wachtwoord=WACHTWOORD, lidmaatschappen=leden
    )
    client = Client()
    client.post("/inloggen", {"username": naam, "password": WACHTWOORD})
    assert client.post("/tweede-factor", {"code": totp_code(totp_apparaat(gebruiker))}).status_code == 302
    return client


@pytest.mark.parametrize("pagina", ["9223372036854775807", "9" * 5000, "-1", "0", "abc", "1e400", "nan"])
def test_webpagina_met_absurde_paginering_toont_een_pagina(pagina):
    anoniem = Client()
    handhaver = _ingelogd("handhaver", {"odzob": [Rol.HANDHAVER]})
    for client, pad in [
        (anoniem, "/register/"),
        (anoniem, "/organisaties"),
        (handhaver, "/handhaving/"),
        (handhaver, "/inzagelog"),
    ]:
        r = client.get(pad, {"pagina": pagina})
        assert r.status_code in (200, 403), (pad, pagina, r.status_code)
        assert r.status_code == 200 or pad == "/inzagelog"
