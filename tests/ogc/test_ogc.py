"""OGC API – Features at /ogc/v1: the public register only, Part 1 core/GeoJSON/OAS30 and Part 2 CRS, and a
client's view of it through OWSLib against the live server."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from openvth.geo.bbox import parse_bbox
from openvth.ogc.geojson import KAART_EIGENSCHAPPEN
from openvth.organisaties.models import Mandaat, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import Actor
from openvth.register import services
from openvth.register.models import SoortBetrokkene, VthObject

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
EPSG4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
CONFORMITEIT = {
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
}
GEHEIME_NAAM = "Geheim Depot"
PERSOON = "Jan Jansen"
ITEMS = "/ogc/v1/collections/activiteituitvoeringen/items"


def bouw_wereld() -> dict:
    """Eindhoven (GM0772) mandated ODZOB. Three public activity executions at three places (one run by a natural
    person, one with history since 2020), a confidential one at the bakery and a confidential object elsewhere."""
    systeem = systeem_actor("test")
    eindhoven = Organisatie.objects.get(code="GM0772")
    odzob = Organisatie.objects.get(code="odzob")
    Mandaat.objects.create(mandaatgever=eindhoven, mandaatnemer=odzob, taakcategorieen=["basistaak"])
    medewerker = Actor(gebruiker_id=1, gebruikersnaam="vv", organisatie=odzob, rollen=frozenset({Rol.TOEZICHTHOUDER}))
    eigenaar = services.betrokkene_maken(
        actor=systeem,
        soort=SoortBetrokkene.NATUURLIJK_PERSOON,
        naam=PERSOON,
        bevoegd_gezag=eindhoven,
        uitvoerder=odzob,
    )

    def object_(naam: str, x: float, y: float, **extra) -> VthObject:
        locatie = services.locatie_maken(actor=systeem, x=x, y=y, gemeente=eindhoven, woonplaats="Eindhoven")
        return VthObject.objects.create(
            naam=naam, lokaal_id=naam, locatie=locatie, bevoegd_gezag=eindhoven, uitvoerder=odzob, **extra
        )

    def uitvoering(obj: VthObject, geldig_vanaf: date | None = None, **extra):
        gegevens = {"status": "uitvoering", "kwalificaties": ("meldingsplicht",), **extra}
        return services.uitvoering_maken(
            actor=medewerker,
            geldig_vanaf=geldig_vanaf,
            gegevens=services.Uitvoeringsgegevens(
                activiteit="bal-3.2.1", vth_object=obj, bevoegd_gezag="GM0772", toezichtinstantie="odzob", **gegevens
            ),
        )

    bakkerij = object_("Bakkerij De Korst", 161_500.0, 383_200.0)
    drukkerij = object_("Drukkerij Tongelre", 164_500.0, 381_000.0)
    garage = object_("Garage Strijp", 157_000.0, 386_000.0)
    depot = object_(GEHEIME_NAAM, 160_000.0, 389_500.0, vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK)
    openbaar = uitvoering(bakkerij, legitimatie="M-2024-001", uitvoerder_betrokkene=eigenaar)
    geheim = uitvoering(bakkerij, vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK, omschrijving="geheim")
    uitvoering(drukkerij)
    oud = uitvoering(garage, geldig_vanaf=date(2020, 1, 1), status="realisatie")
    services.uitvoering_wijzigen(
        actor=medewerker,
        uuid=oud.uuid,
        verwachte_etag=services.etag(oud),
        wijzigingen={"status": "uitvoering"},
        geldig_vanaf=date(2023, 1, 1),
    )
    depot_uitvoering = uitvoering(depot, vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK)
    return {
        "bakkerij": bakkerij,
        "garage": garage,
        "depot": depot,
        "openbaar": openbaar,
        "geheim": geheim,
        "garage_uitvoering": oud,
        "geheimen": {str(geheim.uuid), str(depot.uuid), str(depot_uitvoering.uuid)},
    }


@pytest.fixture
def wereld(db):
    call_command("load_catalogus", verbosity=0, stdout=open("/dev/null", "w"))
    return bouw_wereld()


@pytest.fixture
def client():
    return Client()


def _json(r) -> dict:
    return json.loads(r.content)


def _probleem(r, status: int, parameter: str | None = None) -> dict:
    assert r.status_code == status, r.content
    assert r["Content-Type"] == "application/problem+json"
    assert r["API-Version"]
    inhoud = _json(r)
    assert inhoud["status"] == status and inhoud["detail"]
    if parameter:
        assert [p["name"] for p in inhoud["invalidParams"]] == [parameter]
    return inhoud


def _namen(inhoud: dict) -> list[str]:
    return [f["properties"]["vthObjectNaam"] for f in inhoud["features"]]


def _rel(inhoud: dict, rel: str) -> dict | None:
    return next((link for link in inhoud["links"] if link["rel"] == rel), None)


# --- capabilities -------------------------------------------------------------------------------------------


def test_landingspagina(client, db):
    r = client.get("/ogc/v1/")
    assert r.status_code == 200 and r["Content-Type"] == "application/json" and r["API-Version"]
    inhoud = _json(r)
    assert "HTML" in inhoud["description"]
    links = {link["rel"]: link for link in inhoud["links"] if link["type"] != "text/html"}
    assert links["self"]["href"] == "http://testserver/ogc/v1/"
    assert links["service-desc"] == {
        "href": "http://testserver/ogc/v1/api",
        "rel": "service-desc",
        "type": "application/vnd.oai.openapi+json;version=3.0",
        "title": links["service-desc"]["title"],
    }
    assert links["conformance"]["href"] == "http://testserver/ogc/v1/conformance"
    assert links["data"]["href"] == "http://testserver/ogc/v1/collections"


def test_conformance(client, db):
    r = client.get("/ogc/v1/conformance")
    assert set(_json(r)["conformsTo"]) == CONFORMITEIT


def test_collecties_met_extent_en_crs(client, wereld):
    inhoud = _json(client.get("/ogc/v1/collections"))
    assert _rel(inhoud, "self")["href"] == "http://testserver/ogc/v1/collections"
    collecties = {c["id"]: c for c in inhoud["collections"]}
    assert set(collecties) == {"activiteituitvoeringen", "vth-objecten"}
    for c in collecties.values():
        assert c["itemType"] == "feature"
        assert {CRS84, RD, EPSG4326} <= set(c["crs"]) and c["crs"][0] == CRS84
        assert c["storageCrs"] == RD
        assert _rel(c, "items")["type"] == "application/geo+json"
        ruimte = c["extent"]["spatial"]
        assert ruimte["crs"] == CRS84
        minlon, minlat, maxlon, maxlat = ruimte["bbox"][0]
        for obj in (wereld["bakkerij"], wereld["garage"]):
            assert minlon <= obj.locatie.lon <= maxlon and minlat <= obj.locatie.lat <= maxlat
        # the confidential object lies north of everything public: the extent does not reveal it
        assert maxlat < wereld["depot"].locatie.lat
    tijd = collecties["activiteituitvoeringen"]["extent"]["temporal"]
    assert tijd["interval"] == [["2020-01-01T00:00:00+01:00", None]]
    assert tijd["trs"] == "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"


def test_een_collectie_en_onbekende_collectie(client, wereld):
    inhoud = _json(client.get("/ogc/v1/collections/vth-objecten"))
    assert inhoud["id"] == "vth-objecten"
    assert _rel(inhoud, "self")["href"] == "http://testserver/ogc/v1/collections/vth-objecten"
    _probleem(client.get("/ogc/v1/collections/onbekend"), 404)
    _probleem(client.get("/ogc/v1/collections/onbekend/items"), 404)


def test_openapi_document(client, db):
    r = client.get("/ogc/v1/api")
    assert r.status_code == 200 and r["Content-Type"] == "application/vnd.oai.openapi+json;version=3.0"
    doc = _json(r)
    assert doc["openapi"].startswith("3.0.")
    assert doc["servers"][0]["url"] == "http://testserver/ogc/v1"
    assert set(doc["paths"]) == {
        "/",
        "/api",
        "/conformance",
        "/collections",
        "/collections/{collectionId}",
        "/collections/{collectionId}/items",
        "/collections/{collectionId}/items/{featureId}",
    }
    parameters = doc["components"]["parameters"]
    assert parameters["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 1000, "default": 10}
    assert set(parameters["crs"]["schema"]["enum"]) >= {CRS84, RD, EPSG4326}
    items = doc["paths"]["/collections/{collectionId}/items"]["get"]
    namen = {parameters[p["$ref"].rsplit("/", 1)[1]]["name"] for p in items["parameters"]}
    assert namen == {"collectionId", "bbox", "bbox-crs", "datetime", "limit", "offset", "crs", "f"}
    assert {"200", "400", "404"} <= set(items["responses"])

    def refs(knoop):
        if isinstance(knoop, dict):
            for sleutel, waarde in knoop.items():
                if sleutel == "$ref":
                    yield waarde
                else:
                    yield from refs(waarde)
        elif isinstance(knoop, list):
            for waarde in knoop:
                yield from refs(waarde)

    for ref in refs(doc):  # every reference resolves inside the document
        knoop = doc
        for deel in ref.removeprefix("#/").split("/"):
            knoop = knoop[deel]
    assert client.get("/ogc/v1/api", HTTP_ACCEPT="application/json")["Content-Type"] == "application/json"


# --- items ------------------------------------------------------------------------------------------------


def test_items_geojson_standaard_crs84(client, wereld):
    r = client.get(ITEMS)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/geo+json"
    assert r["Content-Crs"] == f"<{CRS84}>"
    inhoud = _json(r)
    assert inhoud["type"] == "FeatureCollection"
    assert inhoud["timeStamp"].endswith("Z")
    assert inhoud["numberMatched"] == 3 and inhoud["numberReturned"] == 3
    assert _namen(inhoud) == ["Bakkerij De Korst", "Drukkerij Tongelre", "Garage Strijp"]
    feature = inhoud["features"][0]
    assert feature["id"] == str(wereld["openbaar"].uuid)
    locatie = wereld["bakkerij"].locatie
    assert feature["geometry"] == {"type": "Point", "coordinates": [locatie.lon, locatie.lat]}
    assert "uitvoerder" not in feature["properties"]  # a natural person's name is never public
    assert _rel(inhoud, "self")["href"] == f"http://testserver{ITEMS}"
    assert _rel(inhoud, "next") is None and _rel(inhoud, "prev") is None


def test_items_bbox_crs84_en_rd(client, wereld):
    locatie = wereld["bakkerij"].locatie
    lon, lat = locatie.lon, locatie.lat
    crs84 = _json(client.get(ITEMS, {"bbox": f"{lon - 0.002},{lat - 0.002},{lon + 0.002},{lat + 0.002}"}))
    assert _namen(crs84) == ["Bakkerij De Korst"] and crs84["numberMatched"] == 1
    rd = _json(client.get(ITEMS, {"bbox": "161000,383000,162000,384000", "bbox-crs": RD}))
    assert _namen(rd) == ["Bakkerij De Korst"]
    lat_lon = _json(
        client.get(ITEMS, {"bbox": f"{lat - 0.002},{lon - 0.002},{lat + 0.002},{lon + 0.002}", "bbox-crs": EPSG4326})
    )
    assert _namen(lat_lon) == ["Bakkerij De Korst"]
    vth = _json(
        client.get("/ogc/v1/collections/vth-objecten/items", {"bbox": "156000,380000,166000,391000", "bbox-crs": RD})
    )
    assert [f["properties"]["naam"] for f in vth["features"]] == [
        "Bakkerij De Korst",
        "Drukkerij Tongelre",
        "Garage Strijp",
    ]
    buiten = _json(client.get(ITEMS, {"bbox": "4.8,52.3,4.95,52.4"}))  # Amsterdam
    assert buiten["numberMatched"] == 0 and buiten["features"] == []


def test_items_zijn_de_kaartsamenvatting_het_item_het_volledige_record(client, wereld):
    """ADR 0019: flat map properties in the items (both the SQL and the pyproj path), the full record per id."""
    for crs in (CRS84, EPSG4326):
        feature = next(
            f for f in _json(client.get(ITEMS, {"crs": crs}))["features"] if f["id"] == str(wereld["openbaar"].uuid)
        )
        assert tuple(feature["properties"]) == KAART_EIGENSCHAPPEN
        assert feature["properties"]["vthObjectNaam"] == "Bakkerij De Korst"
        assert feature["properties"]["activiteit"] == "bal-3.2.1"
        assert feature["properties"]["bevoegdGezag"] == "GM0772"
        assert feature["properties"]["toezichtinstantie"] == "odzob"
        assert feature["properties"]["kwalificaties"] == ["meldingsplicht"]
    volledig = _json(client.get(f"{ITEMS}/{wereld['openbaar'].uuid}"))["properties"]
    assert volledig["vthObject"]["naam"] == "Bakkerij De Korst"
    assert volledig["bevoegdGezag"]["code"] == "GM0772" and volledig["uitvoerder"] is None


def test_bbox_is_exact_in_lengte_breedte(client, wereld):
    """A lon/lat box whose edge passes just beside a point leaves it out, although the RD envelope holds it."""
    locatie = wereld["bakkerij"].locatie
    bbox = f"{locatie.lon + 0.00001},{locatie.lat - 0.05},{locatie.lon + 0.05},{locatie.lat + 0.05}"
    envelop = parse_bbox(bbox)
    assert envelop.minx <= locatie.x <= envelop.maxx and envelop.miny <= locatie.y <= envelop.maxy
    assert "Bakkerij De Korst" not in _namen(_json(client.get(ITEMS, {"bbox": bbox})))


def test_crs_rd_en_epsg4326(client, wereld):
    r = client.get(ITEMS, {"crs": RD, "limit": 1})
    assert r["Content-Crs"] == f"<{RD}>"
    assert _json(r)["features"][0]["geometry"]["coordinates"] == [161500.0, 383200.0]
    r = client.get(ITEMS, {"crs": EPSG4326, "limit": 1})
    locatie = wereld["bakkerij"].locatie
    lat, lon = _json(r)["features"][0]["geometry"]["coordinates"]
    assert r["Content-Crs"] == f"<{EPSG4326}>"
    assert abs(lat - locatie.lat) < 1e-6 and abs(lon - locatie.lon) < 1e-6


def test_limit_offset_en_links(client, wereld):
    eerste = _json(client.get(ITEMS, {"limit": 2}))
    assert eerste["numberMatched"] == 3 and eerste["numberReturned"] == 2
    volgende = _rel(eerste, "next")
    assert volgende["type"] == "application/geo+json" and "offset=2" in volgende["href"]
    assert _rel(eerste, "prev") is None
    tweede = _json(client.get(volgende["href"]))
    assert _namen(tweede) == ["Garage Strijp"] and tweede["numberReturned"] == 1
    assert _rel(tweede, "next") is None
    assert "offset=0" in _rel(tweede, "prev")["href"]
    assert _namen(eerste) + _namen(tweede) == _namen(_json(client.get(ITEMS)))
    voorbij = _json(client.get(ITEMS, {"offset": 10}))
    assert voorbij["features"] == [] and voorbij["numberMatched"] == 3


def test_limit_boven_maximum_wordt_begrensd(client, wereld):
    inhoud = _json(client.get(ITEMS, {"limit": 5000, "offset": 1, "bbox": "3.2,50.75,7.22,53.7"}))
    assert inhoud["numberReturned"] == 2
    vorige = _rel(inhoud, "prev")["href"]
    assert "limit=1000" in vorige and "bbox=3.2,50.75,7.22,53.7" in vorige


def test_datetime(client, wereld):
    toen = _json(client.get(ITEMS, {"datetime": "2021-06-01T12:00:00Z"}))
    assert _namen(toen) == ["Garage Strijp"]
    assert toen["features"][0]["properties"]["status"] == "realisatie"
    interval = _json(client.get(ITEMS, {"datetime": "2021-01-01T00:00:00Z/2023-06-01T00:00:00Z"}))
    assert interval["numberMatched"] == 1
    assert interval["features"][0]["properties"]["status"] == "uitvoering"  # latest version in the interval
    assert interval["features"][0]["id"] == str(wereld["garage_uitvoering"].uuid)
    open_eind = _json(client.get(ITEMS, {"datetime": "2021-01-01T00:00:00Z/.."}))
    assert open_eind["numberMatched"] == 3
    assert len({f["id"] for f in open_eind["features"]}) == 3
    open_begin = _json(client.get(ITEMS, {"datetime": "/2022-01-01T00:00:00+01:00"}))
    assert [f["properties"]["status"] for f in open_begin["features"]] == ["realisatie"]
    for fout in ("gisteren", "../..", "2024-01-01T00:00:00Z/2023-01-01T00:00:00Z", "2024-01-01T00:00:00", "a/b/c"):
        _probleem(client.get(ITEMS, {"datetime": fout}), 400, "datetime")


def test_een_feature(client, wereld):
    uuid = wereld["openbaar"].uuid
    r = client.get(f"{ITEMS}/{uuid}")
    assert r.status_code == 200 and r["Content-Type"] == "application/geo+json"
    assert r["Content-Crs"] == f"<{CRS84}>"
    feature = _json(r)
    assert feature["type"] == "Feature" and feature["id"] == str(uuid)
    assert _rel(feature, "self")["href"] == f"http://testserver{ITEMS}/{uuid}"
    assert _rel(feature, "collection")["href"] == "http://testserver/ogc/v1/collections/activiteituitvoeringen"
    rd = client.get(f"{ITEMS}/{uuid}", {"crs": RD})
    assert rd["Content-Crs"] == f"<{RD}>" and _json(rd)["geometry"]["coordinates"] == [161500.0, 383200.0]
    obj = _json(client.get(f"/ogc/v1/collections/vth-objecten/items/{wereld['bakkerij'].uuid}"))
    assert obj["properties"]["naam"] == "Bakkerij De Korst"
    _probleem(client.get(f"{ITEMS}/{wereld['geheim'].uuid}"), 404)
    _probleem(client.get(f"/ogc/v1/collections/vth-objecten/items/{wereld['depot'].uuid}"), 404)
    _probleem(client.get(f"{ITEMS}/geen-uuid"), 404)
    _probleem(client.get(f"{ITEMS}/{uuid}", {"datetime": "2024-01-01T00:00:00Z"}), 400, "datetime")


def test_vertrouwelijk_en_personen_nooit_zichtbaar(client, wereld):
    for pad in (
        "/ogc/v1/collections",
        ITEMS,
        "/ogc/v1/collections/vth-objecten/items",
        f"{ITEMS}/{wereld['openbaar'].uuid}",
    ):
        for params in ({"limit": 1000}, {"limit": 1000, "datetime": "2000-01-01T00:00:00Z/.."}):
            tekst = client.get(pad, params if pad.endswith("items") else {}).content.decode()
            for geheim in (*wereld["geheimen"], GEHEIME_NAAM, PERSOON, '"vertrouwelijk"', "geheim"):
                assert geheim not in tekst, (pad, geheim)


# --- bad input and negotiation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "4,52,5,53,0,10"}, "bbox"),
        ({"bbox": "5,53,4,52"}, "bbox"),
        ({"bbox": "abc"}, "bbox"),
        ({"bbox": "161000,383000,162000,384000", "bbox-crs": "EPSG:9999"}, "bbox-crs"),
        ({"crs": "http://www.opengis.net/def/crs/EPSG/0/3857"}, "crs"),
        ({"crs": ""}, "crs"),
        ({"limit": "0"}, "limit"),
        ({"limit": "-5"}, "limit"),
        ({"limit": "tien"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "99999999999999999999999"}, "offset"),
        ({"f": "xml"}, "f"),
        ({"pageSize": "5"}, "pageSize"),
        ({"sortby": "naam"}, "sortby"),
    ],
)
def test_ongeldige_parameters(client, db, params, parameter):
    _probleem(client.get(ITEMS, params), 400, parameter)


def test_onbekende_parameter_op_elk_eindpunt(client, db):
    for pad in ("/ogc/v1/", "/ogc/v1/api", "/ogc/v1/conformance", "/ogc/v1/collections"):
        _probleem(client.get(pad, {"bbox": "4,52,5,53"}), 400, "bbox")


def test_formaat_en_accept(client, wereld):
    assert client.get(ITEMS, {"f": "json"}, HTTP_ACCEPT="text/html")["Content-Type"] == "application/geo+json"
    assert client.get(ITEMS, HTTP_ACCEPT="application/json")["Content-Type"] == "application/json"
    # a browser names text/html and gets the HTML pages (tests/ogc/test_html.py); */* alone is still JSON
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get(ITEMS, HTTP_ACCEPT=browser)["Content-Type"].startswith("text/html")
    assert client.get(ITEMS, HTTP_ACCEPT="*/*")["Content-Type"] == "application/geo+json"
    assert client.get("/ogc/v1/", HTTP_ACCEPT="*/*")["Content-Type"] == "application/json"
    _probleem(client.get(ITEMS, HTTP_ACCEPT="application/xml"), 406)
    _probleem(client.get("/ogc/v1/conformance", HTTP_ACCEPT="application/json;q=0, text/html;q=0, */*"), 406)
    r = client.get("/ogc/v1/conformance")
    assert "Accept" in r["Vary"]


def test_alleen_lezen(client, db):
    r = client.post("/ogc/v1/collections/activiteituitvoeringen/items", {}, content_type="application/json")
    _probleem(r, 405)
    assert client.head("/ogc/v1/conformance").status_code == 200


# --- a real client ----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_owslib_leest_de_api(live_server):
    """OWSLib, as GIS tooling uses it, over HTTP against the live server. The transactional flush of earlier
    tests removed the session's reference data, so this test loads what it needs itself."""
    from owslib.ogcapi.features import Features

    call_command("load_reference", verbosity=0)
    call_command("load_catalogus", verbosity=0, stdout=open("/dev/null", "w"))
    wereld = bouw_wereld()

    api = Features(live_server.url + "/ogc/v1/")
    assert CONFORMITEIT <= set(api.conformance()["conformsTo"])
    assert {c["id"] for c in api.collections()["collections"]} == {"activiteituitvoeringen", "vth-objecten"}
    assert set(api.feature_collections()) == {"activiteituitvoeringen", "vth-objecten"}
    collectie = api.collection("activiteituitvoeringen")
    assert collectie["storageCrs"] == RD and CRS84 in collectie["crs"]
    definitie = api.api()  # found through the landing page's service-desc link
    assert definitie["components"]["parameters"]["limit"]["schema"]["maximum"] == 1000

    locatie = wereld["bakkerij"].locatie
    items = api.collection_items(
        "activiteituitvoeringen",
        bbox=[locatie.lon - 0.01, locatie.lat - 0.01, locatie.lon + 0.01, locatie.lat + 0.01],
        limit=5,
    )
    assert items["type"] == "FeatureCollection"
    assert [f["id"] for f in items["features"]] == [str(wereld["openbaar"].uuid)]
    assert items["features"][0]["geometry"]["coordinates"] == [locatie.lon, locatie.lat]
    assert api.response_headers["Content-Crs"] == f"<{CRS84}>"

    pagina = api.collection_items("activiteituitvoeringen", limit=2, offset=2)
    assert pagina["numberMatched"] == 3 and pagina["numberReturned"] == 1
    rd = api.collection_items("activiteituitvoeringen", limit=1, crs=RD)
    assert rd["features"][0]["geometry"]["coordinates"] == [161500.0, 383200.0]
    feature = api.collection_item("activiteituitvoeringen", str(wereld["openbaar"].uuid))
    assert feature["properties"]["vthObject"]["naam"] == "Bakkerij De Korst"
    with pytest.raises(RuntimeError):  # OWSLib raises on any error status: the confidential one is not there
        api.collection_item("activiteituitvoeringen", str(wereld["geheim"].uuid))
