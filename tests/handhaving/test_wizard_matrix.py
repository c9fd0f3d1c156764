"""Issue 12 item 8: the LHSO wizard shows the 4×4 interventiematrix with the chosen cell, as a real table, and asks
for a reason not to enforce only when that is chosen."""

from __future__ import annotations

import re

import pytest

from openvth.organisaties.models import Rol

from . import zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def jurist():
    return zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})


@pytest.fixture
def overtreding(jurist):
    return zaak.overtreding(jurist)


def _matrix(html: str) -> str:
    gevonden = re.search(r'<table class="ovth-matrix" id="interventiematrix">.*?</table>', html, re.S)
    assert gevonden, "geen interventiematrix op de pagina"
    return gevonden.group(0)


def _reden(html: str) -> str:
    return re.search(r'<div[^>]*id="reden-geen-handhaving"[^>]*>', html).group(0)


def test_matrix_vier_bij_vier_met_koppen_en_de_gekozen_cel(jurist, overtreding):
    zaak.positie(jurist, overtreding, gedrag="C", gevolg="2")
    html = zaak.browser(jurist).get(f"/handhaving/overtredingen/{overtreding.uuid}/positioneren").content.decode()
    tabel = _matrix(html)
    assert "<caption>" in tabel
    assert re.findall(r'<th scope="col" abbr="([A-D])"', tabel) == ["A", "B", "C", "D"]
    assert re.findall(r'<th scope="row" abbr="([1-4])"', tabel) == ["4", "3", "2", "1"]  # consequences rise upward
    assert len(re.findall(r"<td data-cel=", tabel)) == 16
    gekozen = re.findall(r'<td data-cel="(\w\d)"[^>]*aria-current="true"', tabel)
    assert gekozen == ["C2"] and "(gekozen)" in tabel and "vrijwel nihil" in tabel and "notoir/<wbr>crimineel" in tabel


def test_advies_markeert_de_gekozen_cel_en_de_cel_na_omstandigheden(jurist, overtreding):
    r = zaak.browser(jurist).post(
        f"/handhaving/overtredingen/{overtreding.uuid}/positioneren",
        {
            "gedrag": "B",
            "gevolg": "2",
            "handhaving_geindiceerd": "on",
            "actie": "advies",
            "omstandigheden": ["belemmering van toezicht of agressie tegen toezichthouder"],
        },
    )
    tabel = _matrix(r.content.decode())
    assert re.findall(r'<td data-cel="(\w\d)"[^>]*aria-current="true"', tabel) == ["B2"]
    assert re.search(r'data-cel="C2"[^>]*ovth-matrix__cel--advies', tabel)


def test_reden_om_niet_te_handhaven_alleen_als_daarvoor_gekozen_is(jurist, overtreding):
    client = zaak.browser(jurist)
    adres = f"/handhaving/overtredingen/{overtreding.uuid}/positioneren"
    assert " hidden" in _reden(client.get(adres).content.decode())  # enforcement is indicated by default
    r = client.post(adres, {"gedrag": "A", "gevolg": "1", "actie": "opslaan"})  # box unchecked, no reason
    assert r.status_code == 400 and " hidden" not in _reden(r.content.decode())
    assert "Geef aan waarom handhaving niet is aangewezen." in r.content.decode()
    r = client.post(
        adres,
        {
            "gedrag": "A",
            "gevolg": "1",
            "handhaving_geindiceerd": "on",
            "actie": "opslaan",
            "reden_geen_handhaving": "overblijfsel van een eerdere keuze",
        },
    )
    assert r.status_code == 302
    positie = overtreding.posities.get()
    assert positie.handhaving_geindiceerd and positie.reden_geen_handhaving == ""
    r = client.post(
        adres,
        {
            "gedrag": "A",
            "gevolg": "1",
            "actie": "opslaan",
            "reden_geen_handhaving": "gelegaliseerd: vergunning verleend",
        },
    )
    assert r.status_code == 302
    nieuw = overtreding.posities.order_by("-id").first()
    assert not nieuw.handhaving_geindiceerd and nieuw.reden_geen_handhaving == "gelegaliseerd: vergunning verleend"
