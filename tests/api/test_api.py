"""API v1 contract: problem details everywhere, strict parameters, paging, tokens, /ik, throttling."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from openvth.organisaties.models import ApiToken, Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken

from ..fabrieken import LidmaatschapFactory

pytestmark = pytest.mark.django_db
PROBLEEM = "application/problem+json"


@pytest.fixture
def client():
    cache.clear()  # throttling state
    return Client()


def _probleem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEEM
    assert response["API-Version"] == "1.0.0"
    inhoud = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(inhoud)
    assert inhoud["status"] == status
    return inhoud


@pytest.fixture
def token():
    lid = LidmaatschapFactory(organisatie=Organisatie.objects.get(code="odzob"), rollen=[Rol.HANDHAVER])
    _token, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=lid.gebruiker, organisatie=lid.organisatie, naam="koppeling", scopes=["lezen"]
    )
    return _token, sleutel


def test_lijst_met_filters_en_paginering(client):
    r = client.get("/api/v1/organisaties", {"soort": "omgevingsdienst", "pageSize": 5, "page": 2})
    assert r.status_code == 200 and r["API-Version"] == "1.0.0"
    inhoud = r.json()
    assert inhoud["count"] == 30 and inhoud["pageSize"] == 5 and len(inhoud["results"]) == 5
    assert inhoud["_links"]["prev"].endswith("page=1") and inhoud["_links"]["next"].endswith("page=3")
    assert {o["soort"] for o in inhoud["results"]} == {"omgevingsdienst"}


def test_zoeken_op_code_en_tekst(client):
    assert [o["naam"] for o in client.get("/api/v1/organisaties", {"code": "gm0363"}).json()["results"]] == [
        "Amsterdam"
    ]
    namen = [
        o["naam"]
        for o in client.get("/api/v1/organisaties", {"q": "utrecht", "soort": "omgevingsdienst"}).json()["results"]
    ]
    assert "Omgevingsdienst Utrecht" in namen


def test_detail_en_werkgebied(client):
    odu = Organisatie.objects.get(code="odu")
    r = client.get(f"/api/v1/organisaties/{odu.uuid}")
    assert r.json()["code"] == "odu" and r.json()["geldigVanaf"] == "2026-01-01"
    leden = client.get(f"/api/v1/organisaties/{odu.uuid}/werkgebied").json()
    assert sum(1 for lid in leden if lid["lid"]["soort"] == "gemeente") == 26
    assert any(lid["lid"]["code"] == "PV26" for lid in leden)


@pytest.mark.parametrize(
    "pad, status",
    [
        ("/api/v1/organisaties/00000000-0000-0000-0000-000000000000", 404),
        ("/api/v1/bestaat-niet", 404),
        ("/api/v1/organisaties/geen-uuid", 400),
        ("/api/v1/organisaties?soort=bakkerij", 400),
        ("/api/v1/organisaties?pageSize=1000", 400),
        ("/api/v1/organisaties?peildatum=2026-02-30", 400),
    ],
)
def test_fouten_zijn_problem_details(client, pad, status):
    _probleem(client.get(pad), status)


def test_onbekende_parameter_geweigerd(client):
    inhoud = _probleem(client.get("/api/v1/organisaties", {"sort": "naam"}), 400)
    assert inhoud["invalidParams"] == [{"name": "sort", "code": "unknownParameter", "reason": "Onbekende parameter."}]
    odu = Organisatie.objects.get(code="odu")
    _probleem(client.get(f"/api/v1/organisaties/{odu.uuid}", {"expand": "alles"}), 400)


def test_ongeldige_waarde_noemt_parameter(client):
    inhoud = _probleem(client.get("/api/v1/organisaties", {"soort": "bakkerij"}), 400)
    assert [p["name"] for p in inhoud["invalidParams"]] == ["soort"]


def test_405_en_500_zijn_problem_details(client, monkeypatch):
    r = client.delete("/api/v1/organisaties")
    _probleem(r, 405)
    assert r["Allow"] == "GET"
    from openvth.organisaties import selectors

    def kapot(**kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr(selectors, "organisatie_list", kapot)
    client.raise_request_exception = False
    inhoud = _probleem(client.get("/api/v1/organisaties"), 500)
    assert "stuk" not in inhoud["detail"]


def test_ik_vraagt_authenticatie(client):
    _probleem(client.get("/api/v1/ik"), 401)


def test_ik_met_token(client, token):
    _token, sleutel = token
    r = client.get("/api/v1/ik", headers={"Authorization": f"Bearer {sleutel}"})
    assert r.status_code == 200, r.content
    assert r.json()["organisatie"]["code"] == "odzob"
    assert r.json()["rollen"] == ["handhaver"] and r.json()["scopes"] == ["lezen"]


def test_token_wordt_gehasht_bewaard(token):
    _token, sleutel = token
    assert sleutel.startswith("ovth_") and len(sleutel) > 40
    assert not ApiToken.objects.filter(sleutel_hash=sleutel).exists()
    assert ApiToken.objects.filter(sleutel_hash=ApiToken.hash(sleutel)).exists()


@pytest.mark.parametrize(
    "bederf, melding",
    [
        (lambda t: ApiToken.objects.filter(pk=t.pk).update(verloopt=timezone.now() - timedelta(seconds=1)), "verlopen"),
        (lambda t: ApiToken.objects.filter(pk=t.pk).update(ingetrokken=timezone.now()), "ingetrokken"),
        (lambda t: t.gebruiker.lidmaatschappen.all().delete(), "geen lid meer"),
    ],
)
def test_ongeldig_token_401(client, token, bederf, melding):
    _token, sleutel = token
    bederf(_token)
    inhoud = _probleem(client.get("/api/v1/ik", headers={"Authorization": f"Bearer {sleutel}"}), 401)
    assert melding in inhoud["detail"]


def test_onbekend_token_ook_op_openbare_resource(client):
    _probleem(client.get("/api/v1/organisaties", headers={"Authorization": "Bearer ovth_verzonnen"}), 401)
    _probleem(client.get("/api/v1/organisaties", headers={"Authorization": "Basic YTpi"}), 401)


def test_token_voor_andere_organisatie_geweigerd(token):
    from openvth.organisaties.fouten import OngeldigeInvoer

    _token, _ = token
    with pytest.raises(OngeldigeInvoer, match="geen lid"):
        token_maken(
            actor=systeem_actor(),
            gebruiker=_token.gebruiker,
            organisatie=Organisatie.objects.get(code="dcmr"),
            naam="x",
            scopes=["lezen"],
        )
    with pytest.raises(OngeldigeInvoer, match="Scopes"):
        token_maken(
            actor=systeem_actor(),
            gebruiker=_token.gebruiker,
            organisatie=_token.organisatie,
            naam="x",
            scopes=["alles"],
        )


def test_scope_wordt_afgedwongen(token, maak_actor):
    from openvth.organisaties.fouten import GeenToestemming
    from openvth.organisaties.toegang import vereis_rol

    actor = maak_actor(Organisatie.objects.get(code="odzob"), Rol.HANDHAVER, scopes=frozenset({"lezen"}))
    with pytest.raises(GeenToestemming, match="scope 'schrijven'"):
        vereis_rol(actor, [Rol.HANDHAVER], scope="schrijven")
    vereis_rol(actor, [Rol.HANDHAVER], scope="lezen")


def test_anonieme_clients_worden_afgeremd(client, settings, token):
    settings.OPENVTH_ANONIEM_LIMIET = "3/m"
    statussen = [client.get("/api/v1/organisaties").status_code for _ in range(4)]
    assert statussen == [200, 200, 200, 429]
    r = client.get("/api/v1/organisaties")
    _probleem(r, 429)
    assert int(r["Retry-After"]) >= 1
    _token, sleutel = token  # an identified client is accountable and is not throttled as anonymous
    assert client.get("/api/v1/organisaties", headers={"Authorization": f"Bearer {sleutel}"}).status_code == 200


def test_request_id_wordt_teruggegeven(client):
    r = client.get("/api/v1/organisaties", headers={"X-Request-ID": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"})
    assert r["X-Request-ID"] == "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    assert len(client.get("/api/v1/organisaties", headers={"X-Request-ID": "<script>"})["X-Request-ID"]) == 32


def test_api_root_verwijst_naar_de_beschrijving(client):
    """`GET /api/v1/` answered 500 (ninja redirected to docs_url, which is None); now an index of links."""
    r = client.get("/api/v1/")
    assert r.status_code == 200 and r["Content-Type"] == "application/json" and r["API-Version"] == "1.0.0"
    links = r.json()["_links"]
    assert links["self"]["href"].endswith("/api/v1/")
    assert client.get(links["openapi"]["href"]).status_code == 200
    assert client.get(links["documentatie"]["href"]).status_code == 200
    fout = client.post("/api/v1/")
    assert fout.status_code == 405 and fout["Content-Type"] == "application/problem+json"
