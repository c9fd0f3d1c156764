"""The API's edge of the domain errors (api.problemen): every kind maps to a problem, and a field the domain
names in snake_case reaches the client in camelCase, in `invalidParams` and in the detail alike."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.test import RequestFactory

from openvth.api.problemen import PROBLEMEN, camel, domeinprobleem
from openvth.organisaties import fouten


def test_elke_domeinfout_heeft_een_probleem():
    assert apps.ready  # every app imported: their own subclasses (handhaving's OvergangGeweigerd) included
    assert set(PROBLEMEN) == set(fouten.Domeinfout.__subclasses__())
    verzoek = RequestFactory().get("/api/v1/iets")
    for soort in fouten.soorten():
        fout = soort(velden={"x": "y"}) if issubclass(soort, fouten.OngeldigeInvoer) else soort("reden")
        antwoord = domeinprobleem(verzoek, fout)
        assert antwoord["Content-Type"] == "application/problem+json"
        assert 400 <= antwoord.status_code < 500, soort


@pytest.mark.parametrize(
    "soort, status, type_",
    [
        (fouten.OngeldigeInvoer, 400, "urn:openvth:probleem:ongeldige-invoer"),
        (fouten.NietGevonden, 404, "urn:openvth:probleem:niet-gevonden"),
        (fouten.GeenToestemming, 403, "urn:openvth:probleem:geen-toestemming"),
        (fouten.VerouderdeVersie, 412, "urn:openvth:probleem:verouderde-versie"),
    ],
)
def test_status_en_type_per_soort(soort, status, type_):
    inhoud = json.loads(domeinprobleem(RequestFactory().get("/api/v1/x"), soort("Waarom.")).content)
    assert (inhoud["status"], inhoud["type"]) == (status, type_)


def test_veldnamen_in_camelcase():
    fout = fouten.OngeldigeInvoer(velden={"geldig_vanaf": "te vroeg", "reden_geen_handhaving": "verplicht"})
    inhoud = json.loads(domeinprobleem(RequestFactory().post("/api/v1/x"), fout).content)
    assert inhoud["invalidParams"] == [
        {"name": "geldigVanaf", "code": "invalid", "reason": "te vroeg"},
        {"name": "redenGeenHandhaving", "code": "invalid", "reason": "verplicht"},
    ]
    assert inhoud["detail"] == "geldigVanaf: te vroeg. redenGeenHandhaving: verplicht."
    stap = fouten.OngeldigeInvoer(f"Stap geweigerd: {fouten.VELDEN}.", {"afzien_zienswijze": "kies uit x"})
    assert json.loads(domeinprobleem(RequestFactory().post("/x"), stap).content)["detail"] == (
        "Stap geweigerd: afzienZienswijze: kies uit x."
    )
    soort = fouten.OngeldigeInvoer(f"GM0001 kan geen {fouten.VELD} zijn.", {"bevoegd_gezag": "soort"})
    assert json.loads(domeinprobleem(RequestFactory().post("/x"), soort).content)["detail"] == (
        "GM0001 kan geen bevoegdGezag zijn."
    )


@pytest.mark.parametrize(
    "naam, api",
    [
        ("geldig_vanaf", "geldigVanaf"),
        ("woningen_250m", "woningen250m"),
        ("vthObject", "vthObject"),  # already the API's spelling: unchanged
        ("deelnemers.0.organisatie", "deelnemers.0.organisatie"),
        ("bbox-crs", "bbox-crs"),
        ("verbeurte 15-01-2025", "verbeurte 15-01-2025"),
    ],
)
def test_camel(naam, api):
    assert camel(naam) == api
