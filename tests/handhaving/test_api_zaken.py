"""API of enforcement cases: the whole route over HTTP, filters, problem details, If-Match (required: 428
without, 412 when stale), and access (the OM sees exactly the cases shared with it, until the share is
withdrawn; anything else is 404)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from openvth.audit.models import Auditgebeurtenis, Inzage
from openvth.handhaving import services
from openvth.handhaving.models import (
    Afstemmingsoverleg,
    Codelijstwaarde,
    Handhavingsmaatregel,
    Interventiepositionering,
    Maatregelstap,
    Overtreding,
    Verbeurte,
    Zaakdeling,
)
from openvth.organisaties.models import Lidmaatschap, Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken

from . import opbouw

pytestmark = pytest.mark.django_db
PROBLEEM = "application/problem+json"
OVERTREDINGEN = "/api/v1/overtredingen"
MAATREGELEN = "/api/v1/handhavingsmaatregelen"


def _client(naam: str, code: str, rol: str) -> Client:
    gebruiker = opbouw.persoon(naam)
    organisatie = Organisatie.objects.get(code=code)
    Lidmaatschap.objects.get_or_create(gebruiker=gebruiker, organisatie=organisatie, defaults={"rollen": [rol]})
    _t, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=gebruiker, organisatie=organisatie, naam="test", scopes=["lezen", "schrijven"]
    )
    return Client(headers={"Authorization": f"Bearer {sleutel}"})


@pytest.fixture
def jurist():
    cache.clear()
    return _client("jurist", "odzob", Rol.HANDHAVER)


@pytest.fixture
def officier():
    return _client("officier", "om-fp", Rol.KETENPARTNER)


def _post(client, pad, inhoud, **headers):
    return client.post(pad, inhoud, content_type="application/json", headers=headers)


def _etag(client, pad) -> dict[str, str]:
    """The If-Match header for a write on the case or measure at `pad`, from a fresh GET."""
    r = client.get(pad)
    assert r.status_code == 200, r.content
    return {"If-Match": r["ETag"]}


def _invalid(r) -> dict[str, str]:
    assert r.status_code == 400, r.content
    assert r["Content-Type"] == PROBLEEM
    return {p["name"]: p["reason"] for p in r.json()["invalidParams"]}


def _zaak(jurist, **extra):
    obj = opbouw.vth_object()
    r = _post(
        jurist,
        OVERTREDINGEN,
        {
            "vthObject": str(obj.uuid),
            "herkomst": "eigen_waarneming",
            "omschrijving": "Afval buiten de opslag.",
            "voorschrift": "Bal art. 3.48",
            "geconstateerdOp": "2025-01-06",
            **extra,
        },
    )
    assert r.status_code == 201, r.content
    return r


def test_de_route_over_http(jurist):
    r = _zaak(jurist, gedrag="B", gevolg="3")
    zaak = r.json()
    assert r["Location"] == f"{OVERTREDINGEN}/{zaak['id']}" and r["ETag"]
    assert zaak["positie"]["cel"] == "B3" and zaak["afstemmingGewenst"] is True
    assert zaak["bevoegdGezag"]["code"] == "GM0772" and zaak["positie"]["motivering"][0].startswith("Positionering")

    r = _post(
        jurist,
        MAATREGELEN,
        {
            "overtreding": zaak["id"],
            "instrument": "LOD",
            "datum": "2025-01-07",
            "naar": "besluit_lod",
            "params": {
                "afzienZienswijze": "spoed",
                "afzienToelichting": "lekkage",
                "belangenafweging": "geen gevaar",
                "strekking": "ongedaan maken van een overtreding",
                "begunstigingstermijn": "P1W",
                "vorm": "per overtreding",
                "bedrag": "500.00",
                "maximum": "1000.00",
            },
        },
    )
    assert r.status_code == 201, r.content
    lod = r.json()
    assert (lod["fase"], lod["status"], lod["begunstigingstermijnTot"]) == ("besluit_lod", "opgelegd", "2025-01-14")
    assert lod["dwangsom"] == {
        "strekking": "ongedaan maken van een overtreding",
        "vorm": "per overtreding",
        "eenheid": "",
        "bedrag": "500.00",
        "maximum": "1000.00",
    }
    assert {o["naar"] for o in lod["overgangen"]} == {"hercontrole", "uitgevoerd", "ingetrokken", "gedoogd"}
    pad = f"{MAATREGELEN}/{lod['id']}"

    etag = jurist.get(pad)["ETag"]
    assert (
        _post(
            jurist, f"{pad}/overgangen", {"naar": "hercontrole", "datum": "2025-01-15"}, **{"If-Match": etag}
        ).status_code
        == 201
    )
    # The same If-Match again is stale now: 412, nothing stored.
    stappen = Maatregelstap.objects.count()
    r = _post(
        jurist,
        f"{pad}/overgangen",
        {"naar": "uitgevoerd", "datum": "2025-01-16", "params": {"herstelOp": "2025-01-16"}},
        **{"If-Match": etag},
    )
    assert r.status_code == 412 and r["Content-Type"] == PROBLEEM and Maatregelstap.objects.count() == stappen

    r = _post(
        jurist,
        f"{pad}/verbeurten",
        {"datum": "2025-01-20", "verbeurdOp": "2025-01-16", "aantal": 2},
        **_etag(jurist, pad),
    )
    assert r.status_code == 201, r.content
    boek = r.json()["grootboek"]
    assert (boek["totaalVerbeurd"], boek["maximumBereikt"], r.json()["status"]) == ("1000.00", True, "uitgewerkt")
    post = boek["posten"][0]
    # Seen today (after 16 January 2026) this forfeiture is time-barred: no next steps are offered.
    assert (post["betalenVoor"], post["verjaartOp"], post["verjaard"], post["volgendeStappen"]) == (
        "2025-02-27",
        "2026-01-16",
        True,
        [],
    )
    r = _post(jurist, f"{pad}/invorderingsstappen", {"naar": "aanmaning", "datum": "2025-03-03"}, **_etag(jurist, pad))
    assert "Awb 5:37" in r.json()["detail"] and r.status_code == 400
    horen = {"zienswijzeGevraagdOp": "2025-01-17", "zienswijzeOntvangenOp": "2025-01-24"}  # Awb 4:8 lid 1
    r = _post(
        jurist,
        f"{pad}/invorderingsstappen",
        {"naar": "invorderingsbeschikking", "datum": "2025-02-03", "params": horen},
        **_etag(jurist, pad),
    )
    assert r.json()["grootboek"]["posten"][0]["verjaartOp"] == "2026-02-03"

    detail = jurist.get(pad).json()
    assert [s["naar"] for s in detail["stappen"]] == ["besluit_lod", "hercontrole", "verbeurd", "uitgewerkt"]
    assert detail["stappen"][0]["gegevens"]["afzienZienswijze"] == "spoed"
    overtreding = jurist.get(f"{OVERTREDINGEN}/{zaak['id']}").json()
    assert [m["id"] for m in overtreding["maatregelen"]] == [lod["id"]] and len(overtreding["posities"]) == 1


def test_filters_en_paginering(jurist):
    eerste = _zaak(jurist, gedrag="B", gevolg="3").json()
    tweede = _zaak(jurist, gedrag="A", gevolg="1", geconstateerdOp="2025-03-01").json()
    r = _post(
        jurist,
        f"{OVERTREDINGEN}/{tweede['id']}/posities",
        {"gedrag": "C", "gevolg": "1"},
        **_etag(jurist, f"{OVERTREDINGEN}/{tweede['id']}"),
    )
    assert r.status_code == 201, r.content

    def ids(**params):
        r = jurist.get(OVERTREDINGEN, params)
        assert r.status_code == 200, r.content
        return {o["id"] for o in r.json()["results"]}

    assert ids() == {eerste["id"], tweede["id"]}
    assert ids(cel="C1") == {tweede["id"]} and ids(cel="a1") == set()  # the current position counts
    assert ids(spoor="bestuursrechtelijk, strafrechtelijk na afstemming") == {eerste["id"], tweede["id"]}
    assert ids(geconstateerdVanaf="2025-02-01") == {tweede["id"]} and ids(geconstateerdTot="2025-02-01") == {
        eerste["id"]
    }
    assert ids(afstemmingGewenst="true", bevoegdGezag="gm0772", status="geconstateerd") == {eerste["id"], tweede["id"]}
    assert jurist.get(OVERTREDINGEN, {"pageSize": 1}).json()["_links"]["next"]
    assert set(_invalid(jurist.get(OVERTREDINGEN, {"cel": "3B"}))) == {"cel"}
    assert set(_invalid(jurist.get(OVERTREDINGEN, {"kleur": "rood"}))) == {"kleur"}
    assert Inzage.objects.filter(object_id=eerste["id"]).exists()

    r = _post(
        jurist,
        MAATREGELEN,
        {
            "overtreding": eerste["id"],
            "instrument": "WAARSCHUWEN",
            "datum": "2025-01-07",
            "params": {"hersteltermijn": "P2W"},
        },
    )
    assert r.status_code == 201, r.content
    lijst = jurist.get(MAATREGELEN, {"fase": "waarschuwing", "overtreding": eerste["id"]}).json()
    assert [m["id"] for m in lijst["results"]] == [r.json()["id"]]
    assert jurist.get(MAATREGELEN, {"status": "uitgevoerd"}).json()["count"] == 0
    assert set(_invalid(jurist.get(MAATREGELEN, {"fase": "hemel"}))) == {"fase"}


def test_slechte_invoer_400_zonder_opslag(jurist):
    r = _zaak(jurist)
    zaak = r.json()
    assert (
        "Assen verwisseld"
        in _invalid(
            _post(
                jurist,
                f"{OVERTREDINGEN}/{zaak['id']}/posities",
                {"gedrag": "3", "gevolg": "B"},
                **{"If-Match": r["ETag"]},
            )
        )["gedrag"]
    )
    r = _post(
        jurist,
        MAATREGELEN,
        {"overtreding": zaak["id"], "instrument": "WAARSCHUWEN", "datum": "2025-01-07", "naar": "verbeurd"},
    )
    assert "staat niet in de tabel" in _invalid(r)["naar"]
    r = _post(
        jurist,
        MAATREGELEN,
        {
            "overtreding": zaak["id"],
            "instrument": "LOD",
            "datum": "2025-01-07",
            "naar": "besluit_lod",
            "params": {
                "afzienZienswijze": "spoed",
                "afzienToelichting": "lekkage",
                "belangenafweging": "geen gevaar",
                "strekking": "ongedaan maken van een overtreding",
                "begunstigingstermijn": "P1W",
                "vorm": "per overtreding",
                "bedrag": "500.00",
                "maximum": "100.00",
            },
        },
    )
    assert "maximum" in _invalid(r)
    assert set(
        _invalid(
            _post(
                jurist,
                OVERTREDINGEN,
                {
                    "vthObject": zaak["vthObject"]["id"],
                    "omschrijving": "x",
                    "voorschrift": " ",
                    "geconstateerdOp": "2025-01-06",
                },
            )
        )
    ) == {"voorschrift"}
    assert not Handhavingsmaatregel.objects.exists() and Overtreding.objects.count() == 1


def test_anoniem_401_en_lezen_zonder_schrijfscope_403(jurist):
    cache.clear()
    assert Client().get(OVERTREDINGEN).status_code == 401
    zaak = _zaak(jurist).json()
    gebruiker = opbouw.persoon("lezer")
    odzob = Organisatie.objects.get(code="odzob")
    Lidmaatschap.objects.create(gebruiker=gebruiker, organisatie=odzob, rollen=[Rol.HANDHAVER])
    _t, sleutel = token_maken(actor=systeem_actor(), gebruiker=gebruiker, organisatie=odzob, naam="l", scopes=["lezen"])
    lezer = Client(headers={"Authorization": f"Bearer {sleutel}"})
    assert lezer.get(f"{OVERTREDINGEN}/{zaak['id']}").status_code == 200
    r = _post(
        lezer,
        f"{OVERTREDINGEN}/{zaak['id']}/posities",
        {"gedrag": "A", "gevolg": "1"},
        **_etag(lezer, f"{OVERTREDINGEN}/{zaak['id']}"),
    )
    assert r.status_code == 403 and r["Content-Type"] == PROBLEEM


def test_om_ziet_alleen_de_met_hem_gedeelde_zaken(jurist, officier):
    gedeeld = _zaak(jurist, gedrag="C", gevolg="3").json()
    ander = _zaak(jurist, gedrag="C", gevolg="3").json()
    assert officier.get(OVERTREDINGEN).json()["count"] == 0
    assert officier.get(f"{OVERTREDINGEN}/{gedeeld['id']}").status_code == 404

    r = _post(
        jurist,
        f"{OVERTREDINGEN}/{gedeeld['id']}/afstemmingsoverleggen",
        {
            "datum": "2025-02-10",
            "uitkomst": "beide",
            "redenen": "Calculerend, recidive; PV naar het FP.",
            "deelnemers": [
                {"organisatie": "odzob", "naam": "J. de Vries", "functie": "handhavingsjurist"},
                {"organisatie": "om-fp", "naam": "mr. A. Bakker", "functie": "officier van justitie"},
                {"organisatie": "politie", "naam": "K. Jansen"},
            ],
        },
        **_etag(jurist, f"{OVERTREDINGEN}/{gedeeld['id']}"),
    )
    assert r.status_code == 201, r.content
    lijst = officier.get(OVERTREDINGEN).json()
    assert [o["id"] for o in lijst["results"]] == [gedeeld["id"]]
    zaak = officier.get(f"{OVERTREDINGEN}/{gedeeld['id']}").json()
    assert zaak["vertrouwelijkheid"] == "strafrechtelijk"
    assert {d["ontvanger"]["code"] for d in zaak["zaakdelingen"]} == {"om-fp", "politie"}
    assert officier.get(f"{OVERTREDINGEN}/{ander['id']}").status_code == 404
    assert officier.get(MAATREGELEN).json()["count"] == 0
    # Shared cases are for reading (and recording consultations), not for positioning or taking measures.
    r = _post(
        officier,
        f"{OVERTREDINGEN}/{gedeeld['id']}/posities",
        {"gedrag": "D", "gevolg": "3"},
        **_etag(officier, f"{OVERTREDINGEN}/{gedeeld['id']}"),
    )
    assert r.status_code == 403
    # An inspector of the service itself lacks the role for `strafrechtelijk`: the case is gone for them.
    inspecteur = _client("inspecteur", "odzob", Rol.TOEZICHTHOUDER)
    assert inspecteur.get(f"{OVERTREDINGEN}/{gedeeld['id']}").status_code == 404


def test_codelijsten_en_datakwaliteit(jurist):
    cache.clear()
    r = Client().get("/api/v1/codelijsten/handhavingsinstrument")
    assert r.status_code == 200
    lod = next(c for c in r.json() if c["code"] == "LOD")
    assert (lod["zwaarte"], lod["zwaarteCim"], lod["geldigVanaf"]) == (5, "middel", "2022-10-12")
    boete = Client().get("/api/v1/codelijsten/handhavingsinstrument", {"peildatum": "2023-06-01"}).json()
    assert "BESTUURLIJKE_BOETE" not in {c["code"] for c in boete} and "LOD" in {c["code"] for c in boete}
    gedrag = Client().get("/api/v1/codelijsten/gedrag").json()
    assert [(c["code"], c["naam"]) for c in gedrag] == [
        ("A", "goedwillend"),
        ("B", "onverschillig"),
        ("C", "calculerend"),
        ("D", "notoir/crimineel"),
    ]
    assert Client().get("/api/v1/codelijsten/kleuren").status_code in (400, 404)

    zaak = opbouw.overtreding()
    services.maatregel_maken(
        actor=opbouw.handhaver(), overtreding=zaak, instrument="AANSPREKEN", datum=date(2025, 1, 7)
    )
    assert jurist.get("/api/v1/datakwaliteit/handhaving").json()["fouten"] == []
    Codelijstwaarde.objects.filter(code="AANSPREKEN").update(geldig_tot=date(2025, 1, 1))
    rapport = jurist.get("/api/v1/datakwaliteit/handhaving").json()
    assert [(f["soort"], f["veld"], f["code"]) for f in rapport["fouten"]] == [
        ("handhavingsmaatregel", "instrument", "AANSPREKEN")
    ]
    assert "vervallen per 01-01-2025" in rapport["fouten"][0]["reden"]
    assert rapport["gecontroleerd"]["handhavingsmaatregel.instrument"] == 1
    assert Client().get("/api/v1/datakwaliteit/handhaving").status_code == 401


def _lod(jurist) -> tuple[str, str]:
    """A case with a dwangsom (last onder dwangsom) measure: the paths of both."""
    zaak = _zaak(jurist, gedrag="B", gevolg="3").json()
    r = _post(
        jurist,
        MAATREGELEN,
        {
            "overtreding": zaak["id"],
            "instrument": "LOD",
            "datum": "2025-01-07",
            "naar": "besluit_lod",
            "params": {
                "afzienZienswijze": "spoed",
                "afzienToelichting": "lekkage",
                "belangenafweging": "geen gevaar",
                "strekking": "ongedaan maken van een overtreding",
                "begunstigingstermijn": "P1W",
                "vorm": "per overtreding",
                "bedrag": "500.00",
                "maximum": "1000.00",
            },
        },
    )
    assert r.status_code == 201, r.content
    return f"{OVERTREDINGEN}/{zaak['id']}", f"{MAATREGELEN}/{r.json()['id']}"


def test_if_match_verplicht_op_elke_schrijfactie_op_zaak_of_maatregel(jurist):
    zaakpad, maatregelpad = _lod(jurist)
    overleg = {
        "datum": "2025-02-10",
        "uitkomst": "bestuursrechtelijk",
        "redenen": "Herstel volgt.",
        "deelnemers": [
            {"organisatie": "odzob", "naam": "J. de Vries"},
            {"organisatie": "om-fp", "naam": "mr. A. Bakker"},
        ],
    }
    schrijfacties = [
        (zaakpad, "posities", {"gedrag": "A", "gevolg": "1"}),
        (zaakpad, "afstemmingsoverleggen", overleg),
        (maatregelpad, "overgangen", {"naar": "hercontrole", "datum": "2025-01-15"}),
        (maatregelpad, "verbeurten", {"datum": "2025-01-20", "verbeurdOp": "2025-01-16", "aantal": 1}),
        (
            maatregelpad,
            "invorderingsstappen",
            {
                "naar": "invorderingsbeschikking",
                "datum": "2025-02-03",
                "params": {"zienswijzeGevraagdOp": "2025-01-17"},
            },
        ),
    ]

    def opgeslagen():
        return [m.objects.count() for m in (Interventiepositionering, Afstemmingsoverleg, Maatregelstap, Verbeurte)]

    voor = opgeslagen()
    for pad, sub, inhoud in schrijfacties:
        r = _post(jurist, f"{pad}/{sub}", inhoud)
        assert r.status_code == 428, (sub, r.content)
        assert r["Content-Type"] == PROBLEEM and r.json()["type"] == "urn:openvth:probleem:if-match-verplicht"
        r = _post(jurist, f"{pad}/{sub}", inhoud, **{"If-Match": '"een-oude-versie"'})
        assert r.status_code == 412, (sub, r.content)
        assert r.json()["type"] == "urn:openvth:probleem:verouderde-versie"
    assert opgeslagen() == voor
    # Invisible stays invisible: a stranger gets 404 whether or not it sends If-Match.
    buitenstaander = _client("buitenstaander", "GM0344", Rol.HANDHAVER)
    assert _post(buitenstaander, f"{zaakpad}/posities", {"gedrag": "A", "gevolg": "1"}).status_code == 404


def test_if_match_in_het_contract():
    from openvth.api.v1 import api

    paden = api.get_openapi_schema()["paths"]
    for pad in (
        "/overtredingen/{uuid}/posities",
        "/overtredingen/{uuid}/afstemmingsoverleggen",
        "/handhavingsmaatregelen/{uuid}/overgangen",
        "/handhavingsmaatregelen/{uuid}/verbeurten",
        "/handhavingsmaatregelen/{uuid}/invorderingsstappen",
    ):
        operatie = paden[pad]["post"]
        assert {"412", "428"} <= set(operatie["responses"]), pad
        assert any(p["name"] == "If-Match" and p["in"] == "header" and p["required"] for p in operatie["parameters"])


def test_deling_met_politie_intrekken_over_http(jurist):
    politie = _client("rechercheur", "politie", Rol.KETENPARTNER)
    zaak = _zaak(jurist, gedrag="C", gevolg="3").json()
    pad = f"{OVERTREDINGEN}/{zaak['id']}"
    assert politie.get(pad).status_code == 404

    r = _post(jurist, f"{pad}/zaakdelingen", {"ontvanger": "politie", "reden": "opsporingsonderzoek"})
    assert r.status_code == 201, r.content
    assert r["Location"] == f"{pad}/zaakdelingen/politie" and r.json()["ontvanger"]["code"] == "politie"
    assert politie.get(pad).status_code == 200
    assert set(_invalid(_post(jurist, f"{pad}/zaakdelingen", {"ontvanger": "GM0344", "reden": "x"}))) == {
        "ontvanger"
    }  # only OM or police
    # The partner cannot withdraw (or otherwise write on) the case shared with it.
    assert politie.delete(f"{pad}/zaakdelingen/politie").status_code == 403

    r = jurist.delete(f"{pad}/zaakdelingen/politie")
    assert r.status_code == 204, r.content
    assert politie.get(pad).status_code == 404 and politie.get(OVERTREDINGEN).json()["count"] == 0
    deling = Zaakdeling.objects.get(overtreding__uuid=zaak["id"])
    assert deling.ingetrokken_op is not None
    assert Auditgebeurtenis.objects.filter(actie="zaakdeling.ingetrokken", object_id=str(deling.pk)).exists()
    assert jurist.get(pad).json()["zaakdelingen"][0]["ingetrokkenOp"]
    # Withdrawn is gone: a second DELETE finds no active share.
    assert jurist.delete(f"{pad}/zaakdelingen/politie").status_code == 404
