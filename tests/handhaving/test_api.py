"""API of the term calculator and the LHSO advice: published cases, problem details, equality with the rules."""

from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from openvth.regels import lhso

pytestmark = pytest.mark.django_db  # the throttle counters live in the shared (database) cache
PROBLEEM = "application/problem+json"
BEREKENING = "/api/v1/termijnen/berekening"
ADVIES = "/api/v1/lhso/advies"


@pytest.fixture
def client():
    cache.clear()  # throttling state
    return Client()


def _invalid(response) -> set[str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEEM
    return {p["name"] for p in response.json()["invalidParams"]}


def test_bezwaartermijn_eindigend_op_zaterdag_schuift_naar_maandag(client):
    r = client.get(BEREKENING, {"startdatum": "2025-03-01", "duur": "P6W", "richting": "vooruit", "wettelijk": "true"})
    assert r.status_code == 200 and r["API-Version"] == "1.0.0"
    body = r.json()
    assert body["einddatum"] == "2025-04-14" and body["verschoven"] is True
    assert body["duur"] == "P6W" and body["richting"] == "vooruit" and body["wettelijk"] is True
    assert body["motivering"] and any("zaterdag" in regel for regel in body["motivering"])


def test_meldingstermijn_terug_schuift_nooit(client):
    # 4 weeks before Monday 2 June 2025 is 5 May, a holiday: a backward period does not shift.
    body = client.get(BEREKENING, {"startdatum": "2025-06-02", "duur": "P4W", "richting": "terug"}).json()
    assert body["einddatum"] == "2025-05-05" and body["verschoven"] is False and body["motivering"]


def test_zes_maanden_schuift_nooit(client):
    body = client.get(BEREKENING, {"startdatum": "2025-05-16", "duur": "P6M"}).json()
    assert body["einddatum"] == "2025-11-16" and body["verschoven"] is False  # a Sunday, Atw art. 4
    assert any("art. 4" in regel for regel in body["motivering"])


@pytest.mark.parametrize(
    ("params", "naam"),
    [
        ({"startdatum": "2025-03-01", "duur": "P0D"}, "duur"),
        ({"startdatum": "2025-03-01", "duur": "PT5H"}, "duur"),
        ({"startdatum": "2025-03-01", "duur": "P1Y2M"}, "duur"),
        ({"startdatum": "2025-03-01", "duur": "8 weken"}, "duur"),
        ({"startdatum": "2025-02-30", "duur": "P6W"}, "startdatum"),
        ({"startdatum": "gisteren", "duur": "P6W"}, "startdatum"),
        ({"startdatum": "1950-01-01", "duur": "P6W"}, "startdatum"),
        ({"startdatum": "2025-03-01", "duur": "P6W", "richting": "achteruit"}, "richting"),
        ({"duur": "P6W"}, "startdatum"),
        ({"startdatum": "2025-03-01", "duur": "P6W", "onbekend": "1"}, "onbekend"),
    ],
)
def test_ongeldige_termijn_400(client, params, naam):
    assert naam in _invalid(client.get(BEREKENING, params))


def _advies(client, **gegevens):
    return client.post(ADVIES, gegevens, content_type="application/json")


@pytest.mark.parametrize(("gedrag", "gevolg"), [("C", "3"), ("D", "4")])
def test_advies_gelijk_aan_regel(client, gedrag, gevolg):
    peildatum = date(2025, 6, 1)
    eerdere = [{"datum": "2022-01-10", "gesanctioneerd": True}, {"datum": "2023-05-01", "gesanctioneerd": True}]
    r = _advies(client, gedrag=gedrag, gevolg=gevolg, peildatum=peildatum.isoformat(), eerdereOvertredingen=eerdere)
    assert r.status_code == 200, r.content
    verwacht = lhso.advies(
        gedrag=gedrag,
        gevolg=gevolg,
        tabel=lhso.standaardtabel(),
        peildatum=peildatum,
        eerdere_overtredingen=[
            lhso.EerdereOvertreding(date(2022, 1, 10), True),
            lhso.EerdereOvertreding(date(2023, 5, 1), True),
        ],
    )
    assert r.json() == {
        "cel": verwacht.cel.code,
        "oorspronkelijkeCel": verwacht.oorspronkelijke_cel.code,
        "spoor": verwacht.spoor.value,
        "instrumenten": [
            {"code": i.code, "naam": i.naam, "zwaarte": i.zwaarte, "categorie": i.categorie.value}
            for i in verwacht.instrumenten
        ],
        "bsbToegestaan": verwacht.bsb_toegestaan,
        "verwijzingOm": verwacht.verwijzing_om,
        "motivering": list(verwacht.motivering),
        "tabelversie": verwacht.tabelversie,
    }
    assert r.json()["cel"] == f"{gedrag}{gevolg}" and r.json()["tabelversie"]


def test_advies_met_omstandigheid(client):
    omstandigheid = lhso.Omstandigheid.FINANCIEEL_GEWIN_BEOOGD
    r = _advies(client, gedrag="B", gevolg="3", peildatum="2025-06-01", omstandigheden=[omstandigheid.value])
    verwacht = lhso.advies(
        gedrag="B", gevolg="3", tabel=lhso.standaardtabel(), peildatum=date(2025, 6, 1), omstandigheden=[omstandigheid]
    )
    assert r.status_code == 200 and r.json()["cel"] == verwacht.cel.code
    assert r.json()["motivering"] == list(verwacht.motivering)


@pytest.mark.parametrize(("gedrag", "gevolg", "naam"), [("3", "3", "gedrag"), ("C", "B", "gevolg")])
def test_advies_assen_verwisseld(client, gedrag, gevolg, naam):
    r = _advies(client, gedrag=gedrag, gevolg=gevolg)
    assert _invalid(r) == {naam}
    assert "Assen verwisseld" in r.json()["detail"]
    assert "gedrag" in r.json()["invalidParams"][0]["reason"]


@pytest.mark.parametrize(
    ("gegevens", "naam"),
    [
        ({"gedrag": "E", "gevolg": "3"}, "gedrag"),
        ({"gedrag": "C", "gevolg": "3", "omstandigheden": ["mooi weer"]}, "omstandigheden.0"),
        ({"gedrag": "C", "gevolg": "3", "onbekend": 1}, "onbekend"),
        ({"gevolg": "3"}, "gedrag"),
    ],
)
def test_advies_ongeldig_400(client, gegevens, naam):
    assert naam in _invalid(_advies(client, **gegevens))
