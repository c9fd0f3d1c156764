"""Register API: filters, peildatum, GeoJSON in CRS84 and RD, public vs staff, writes with ETag/If-Match."""

import pytest
from django.core.cache import cache
from django.test import Client

from openvth.audit.models import Auditgebeurtenis, Inzage
from openvth.organisaties.models import Rol
from openvth.register.api import UitvoeringPagina

from ..fabrieken import LidmaatschapFactory
from .conftest import uitvoering_op_nieuw_object

pytestmark = pytest.mark.django_db
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
LIJST = "/api/v1/activiteituitvoeringen"


@pytest.fixture
def anoniem():
    cache.clear()
    return Client()


@pytest.fixture
def medewerker(wereld):
    """A bearer-token client of ODZOB with the toezichthouder role and write scope."""
    from openvth.organisaties.services import systeem_actor, token_maken

    lid = LidmaatschapFactory(organisatie=wereld["odzob"], rollen=[Rol.TOEZICHTHOUDER])
    _t, sleutel = token_maken(
        actor=systeem_actor(),
        gebruiker=lid.gebruiker,
        organisatie=wereld["odzob"],
        naam="t",
        scopes=["lezen", "schrijven"],
    )
    return Client(headers={"Authorization": f"Bearer {sleutel}"})


def test_catalogus(anoniem, catalogus):
    r = anoniem.get("/api/v1/activiteiten", {"niveau": 1})
    assert r.status_code == 200 and r.json()["count"] >= 1
    assert anoniem.get("/api/v1/activiteiten/bal-3.2.1").json()["bovenliggende"] == "bal-3.2"
    assert anoniem.get("/api/v1/activiteiten/bestaat-niet").status_code == 404


def test_anoniem_ziet_alleen_openbaar_en_geen_persoonsnamen(anoniem, wereld):
    r = anoniem.get("/api/v1/activiteituitvoeringen")
    inhoud = r.json()
    UitvoeringPagina.model_validate(inhoud)  # the answer matches the documented schema
    assert [u["id"] for u in inhoud["results"]] == [str(wereld["openbaar"].uuid)]
    assert inhoud["results"][0]["uitvoerder"] is None  # natural person: never public
    assert "Jan Jansen" not in r.content.decode()
    assert anoniem.get(f"/api/v1/activiteituitvoeringen/{wereld['geheim'].uuid}").status_code == 404
    # Nothing was read; the refused attempt on the confidential record is logged for its privacy officer.
    assert list(Inzage.objects.values_list("object_id", "actor_naam", "doel")) == [
        (str(wereld["geheim"].uuid), "", "geweigerd: GET /api/v1/activiteituitvoeringen/<id>")
    ]


def test_medewerker_ziet_meer_en_wordt_gelogd(medewerker, wereld):
    inhoud = medewerker.get("/api/v1/activiteituitvoeringen").json()
    assert {u["id"] for u in inhoud["results"]} == {str(wereld["openbaar"].uuid), str(wereld["geheim"].uuid)}
    assert any(u["uitvoerder"] == "Jan Jansen" for u in inhoud["results"])
    assert Inzage.objects.filter(object_id=str(wereld["geheim"].uuid)).exists()


@pytest.mark.parametrize(
    "params, aantal",
    [
        ({"gemeente": "GM0772"}, 1),
        ({"gemeente": "GM0363"}, 0),
        ({"kwalificatie": "meldingsplicht"}, 1),
        ({"kwalificatie": "vergunningplicht"}, 0),
        ({"status": "uitvoering"}, 1),
        ({"status": "gestaakt"}, 0),
        ({"bevoegdGezag": "GM0772"}, 1),
        ({"toezichtinstantie": "odzob"}, 1),
        ({"toezichtinstantie": "dcmr"}, 0),
        ({"activiteit": "bal-3.2"}, 1),
        ({"q": "5611EB"}, 1),
        ({"q": "5611 eb"}, 1),
        ({"q": "korst"}, 1),
        ({"q": "Markt Eindhoven"}, 1),
        ({"q": "Amsterdam"}, 0),
        ({"bbox": "5.47,51.43,5.49,51.45"}, 1),
        ({"bbox": "4.8,52.3,4.9,52.4"}, 0),
        ({"bbox": "161000,383000,162000,384000", "bbox-crs": RD}, 1),
        ({"bbox": "161000,383000,162000,384000", "bboxCrs": RD}, 1),
        ({"punt": "161500,383300", "straal": 150, "crs": RD}, 1),
        ({"punt": "161500,383400", "straal": 150, "crs": RD}, 0),
        ({"peildatum": "2020-01-01"}, 0),
    ],
)
def test_filters(anoniem, wereld, params, aantal):
    r = anoniem.get("/api/v1/activiteituitvoeringen", params)
    assert r.status_code == 200, r.content
    assert r.json()["count"] == aantal


@pytest.mark.parametrize(
    "params, naam",
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "4,53,5,52"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "5,52,6,53", "bboxCrs": "EPSG:9999"}, "bboxCrs"),
        ({"crs": "urn:onbekend"}, "crs"),
        ({"punt": "5.4,51.4"}, "straal"),
        ({"status": "bezig"}, "status"),
        ({"kwalificatie": "plicht"}, "kwalificatie"),
        ({"onbekend": "1"}, "onbekend"),
        ({"peildatum": "gisteren"}, "peildatum"),
    ],
)
def test_ongeldige_parameters(anoniem, wereld, params, naam):
    r = anoniem.get("/api/v1/activiteituitvoeringen", params)
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    assert naam in [p["name"] for p in r.json()["invalidParams"]]


def test_geojson_crs84_en_rd(anoniem, wereld):
    r = anoniem.get("/api/v1/activiteituitvoeringen", HTTP_ACCEPT="application/geo+json")
    assert (
        r["Content-Type"] == "application/geo+json"
        and r["Content-Crs"] == "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"
    )
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and fc["numberMatched"] == 1
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert 5.4 < lon < 5.6 and 51.4 < lat < 51.5
    assert {link["rel"] for link in fc["links"]} >= {"self"}
    r = anoniem.get("/api/v1/activiteituitvoeringen", {"crs": RD}, HTTP_ACCEPT="application/geo+json")
    assert r["Content-Crs"] == f"<{RD}>"
    assert r.json()["features"][0]["geometry"]["coordinates"] == [161500.0, 383200.0]


def test_schrijven_met_etag(medewerker, wereld):
    uuid = wereld["openbaar"].uuid
    r = medewerker.get(f"/api/v1/activiteituitvoeringen/{uuid}")
    etag = r["ETag"]
    assert (
        medewerker.patch(
            f"/api/v1/activiteituitvoeringen/{uuid}", {"status": "gestaakt"}, content_type="application/json"
        ).status_code
        == 428
    )
    r = medewerker.patch(
        f"/api/v1/activiteituitvoeringen/{uuid}",
        {"status": "gestaakt"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "gestaakt" and r["ETag"] != etag
    r = medewerker.patch(
        f"/api/v1/activiteituitvoeringen/{uuid}",
        {"status": "uitvoering"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert r.status_code == 412 and r["Content-Type"] == "application/problem+json"
    assert Auditgebeurtenis.objects.filter(actie="activiteituitvoering.gewijzigd", object_id=str(uuid)).count() == 1
    versies = medewerker.get(f"/api/v1/activiteituitvoeringen/{uuid}/versies").json()
    assert [v["status"] for v in versies] == ["uitvoering", "gestaakt"]


def test_beeindigen_vraagt_datum_en_anoniem_mag_niet_schrijven(medewerker, anoniem, wereld):
    uuid = wereld["openbaar"].uuid
    etag = medewerker.get(f"/api/v1/activiteituitvoeringen/{uuid}")["ETag"]
    r = medewerker.patch(
        f"/api/v1/activiteituitvoeringen/{uuid}",
        {"status": "beeindigd"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "beeindigingsdatum"
    r = anoniem.patch(
        f"/api/v1/activiteituitvoeringen/{uuid}",
        {"status": "gestaakt"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert r.status_code == 403


def test_aanmaken(medewerker, wereld):
    r = medewerker.post(
        "/api/v1/activiteituitvoeringen",
        {
            "activiteit": "bal-3.2.1",
            "vthObject": str(wereld["obj"].uuid),
            "bevoegdGezag": "GM0772",
            "toezichtinstantie": "odzob",
            "status": "voorgenomen",
            "kwalificaties": ["meldingsplicht"],
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert r["Location"].endswith(r.json()["id"]) and r["ETag"]
    r = medewerker.post(
        "/api/v1/activiteituitvoeringen",
        {
            "activiteit": "bal-9.9",
            "vthObject": str(wereld["obj"].uuid),
            "bevoegdGezag": "GM0772",
            "toezichtinstantie": "odzob",
            "status": "voorgenomen",
        },
        content_type="application/json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "activiteit"


def test_openbare_activiteit_bij_verborgen_object_blijft_verborgen(anoniem, wereld):
    wereld["obj"].vertrouwelijkheid = "intern"
    wereld["obj"].save()
    assert anoniem.get("/api/v1/activiteituitvoeringen").json()["count"] == 0
    assert anoniem.get(f"/api/v1/activiteituitvoeringen/{wereld['openbaar'].uuid}").status_code == 404


@pytest.fixture
def drie_objecten(wereld):
    """Three more public executions at objects named so that name order differs from registration order."""

    uitvoeringen = []
    for i, naam in enumerate(["Zuivelhandel Zwart", "Autobedrijf Aa", "Molen De Hoop"]):
        uitvoeringen.append(
            uitvoering_op_nieuw_object(wereld, naam=naam, lokaal_id=f"odzob-volgorde-{i}", locatie=wereld["locatie"])
        )
    return [wereld["openbaar"], *uitvoeringen]


def test_volgorde_registratie_standaard_en_op_naam(anoniem, drie_objecten):
    """Default: registration order (the indexes' order, ADR 0018); `sorteer=naam`: the VTH-object's name."""
    ids = [u["id"] for u in anoniem.get("/api/v1/activiteituitvoeringen").json()["results"]]
    assert ids == [str(u.uuid) for u in drie_objecten]
    assert ids == [u["id"] for u in anoniem.get(LIJST, {"sorteer": "registratie"}).json()["results"]]
    namen = [u["vthObject"]["naam"] for u in anoniem.get(LIJST, {"sorteer": "naam"}).json()["results"]]
    assert namen == ["Autobedrijf Aa", "Bakkerij De Korst", "Molen De Hoop", "Zuivelhandel Zwart"]
    r = anoniem.get(LIJST, {"sorteer": "datum"})
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in r.json()["invalidParams"]] == ["sorteer"]


def test_paginering_volgens_schema(anoniem, drie_objecten):
    """The envelope under the documented names (`pageSize`, `_links`, `countExact`); pages follow each other."""
    eerste = anoniem.get(LIJST, {"pageSize": 3}).json()
    UitvoeringPagina.model_validate(eerste)
    assert {"count", "countExact", "page", "pageSize", "_links", "results"} == set(eerste)
    assert eerste["count"] == 4 and eerste["countExact"] is True and eerste["pageSize"] == 3
    assert eerste["_links"]["prev"] is None and eerste["_links"]["last"].endswith("page=2")
    tweede = anoniem.get(eerste["_links"]["next"]).json()
    assert tweede["_links"]["next"] is None and tweede["count"] == 4
    assert [u["id"] for u in eerste["results"] + tweede["results"]] == [str(u.uuid) for u in drie_objecten]
    voorbij = anoniem.get(LIJST, {"pageSize": 3, "page": 5}).json()
    assert voorbij["results"] == [] and voorbij["count"] == 4 and voorbij["_links"]["next"] is None


def test_telling_stopt_bij_de_grens(anoniem, drie_objecten, monkeypatch):
    """Above the bound `count` is the bound, marked as not exact, without a `last` link; `next` stays exact."""
    from openvth.register import api

    monkeypatch.setattr(api, "TELGRENS", 2)
    inhoud = anoniem.get(LIJST, {"pageSize": 1}).json()
    assert inhoud["count"] == 2 and inhoud["countExact"] is False
    assert inhoud["_links"]["last"] is None and inhoud["_links"]["next"].endswith("page=2")
    laatste = anoniem.get(LIJST, {"pageSize": 1, "page": 4}).json()
    assert laatste["_links"]["next"] is None and len(laatste["results"]) == 1
    fc = anoniem.get(LIJST, {"pageSize": 1}, HTTP_ACCEPT="application/geo+json").json()
    assert "numberMatched" not in fc and fc["numberReturned"] == 1  # unknown, so omitted (OGC API Features)
    # Within the bound the count is exact; what the actor may not see is never counted.
    monkeypatch.setattr(api, "TELGRENS", 4)
    inhoud = anoniem.get(LIJST, {"pageSize": 1}).json()
    assert inhoud["count"] == 4 and inhoud["countExact"] is True and inhoud["_links"]["last"].endswith("page=4")


def test_filters_op_meerdere_waarden_en_volgorde(anoniem, drie_objecten):
    """A catalogue code with children filters on several activity ids (IN), still in registration order."""
    ids = [u["id"] for u in anoniem.get(LIJST, {"activiteit": "bal-3.2", "gemeente": "gm0772"}).json()["results"]]
    assert ids == [str(u.uuid) for u in drie_objecten]


def test_zoeken_en_gebied_in_registratievolgorde(anoniem, drie_objecten):
    """Filters through the VTH-object (text, rectangle) keep the registration order (sorted, not walked)."""
    verwacht = [str(u.uuid) for u in drie_objecten]
    assert [u["id"] for u in anoniem.get(LIJST, {"q": "Markt Eindhoven"}).json()["results"]] == verwacht
    assert [u["id"] for u in anoniem.get(LIJST, {"bbox": "5.47,51.43,5.49,51.45"}).json()["results"]] == verwacht
    namen = [u["vthObject"]["naam"] for u in anoniem.get(LIJST, {"q": "Markt", "sorteer": "naam"}).json()["results"]]
    assert namen == sorted(namen)
