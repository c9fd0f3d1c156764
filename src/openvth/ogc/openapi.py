"""The OpenAPI 3.0 definition of /ogc/v1 (conformance class oas30), served as its `service-desc`.

Written by hand rather than generated, because the OGC standards define the parameters and response shapes
(Part 1 §7 and its OpenAPI building blocks, Part 2 §6 for `crs` and `bbox-crs`) and clients such as QGIS read
them from here: the `limit` maximum decides their page size.
"""

from __future__ import annotations

from django.conf import settings

from openvth.api.problemen import PROBLEEM_SCHEMA

PROBLEEM = "application/problem+json"
GEOJSON = "application/geo+json"
JSON = "application/json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"


def _ref(soort: str, naam: str) -> dict:
    return {"$ref": f"#/components/{soort}/{naam}"}


def _json(schema: dict, *soorten: str) -> dict:
    return {soort: {"schema": schema} for soort in soorten or (JSON,)}


def _parameters(collecties: list[str], crs_lijst: list[str], limiet_standaard: int, limiet_max: int) -> dict:
    return {
        "f": {
            "name": "f",
            "in": "query",
            "required": False,
            "description": (
                "Het formaat van het antwoord: json (GeoJSON voor features) of html (een pagina met tabel en kaart). "
                "Zonder f beslist de Accept-header; zonder die is het JSON."
            ),
            "schema": {"type": "string", "enum": ["json", "html"]},
            "style": "form",
            "explode": False,
        },
        "collectionId": {
            "name": "collectionId",
            "in": "path",
            "required": True,
            "description": "De id van een collectie.",
            "schema": {"type": "string", "enum": collecties},
        },
        "featureId": {
            "name": "featureId",
            "in": "path",
            "required": True,
            "description": "De id (UUID) van een feature.",
            "schema": {"type": "string", "format": "uuid"},
        },
        "bbox": {
            "name": "bbox",
            "in": "query",
            "required": False,
            "description": (
                "Alleen features in deze rechthoek: minx,miny,maxx,maxy in bbox-crs (standaard CRS84: lengte, "
                "breedte; EPSG:4326 en 4258: breedte, lengte). Een rechthoek met hoogte (6 getallen) wordt niet "
                "ondersteund."
            ),
            "schema": {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}},
            "style": "form",
            "explode": False,
        },
        "bbox-crs": {
            "name": "bbox-crs",
            "in": "query",
            "required": False,
            "description": "Het CRS van bbox (OGC API Features deel 2); standaard CRS84.",
            "schema": {"type": "string", "format": "uri", "enum": crs_lijst, "default": crs_lijst[0]},
            "style": "form",
            "explode": False,
        },
        "crs": {
            "name": "crs",
            "in": "query",
            "required": False,
            "description": "Het CRS van de geometrie in het antwoord (OGC API Features deel 2); standaard CRS84.",
            "schema": {"type": "string", "format": "uri", "enum": crs_lijst, "default": crs_lijst[0]},
            "style": "form",
            "explode": False,
        },
        "datetime": {
            "name": "datetime",
            "in": "query",
            "required": False,
            "description": (
                "Een moment of interval (RFC 3339, bijv. 2024-03-01T00:00:00Z, 2023-01-01T00:00:00Z/.. of "
                "../2024-01-01T00:00:00Z). Alleen features die dan geldig waren; de geldigheid telt in hele dagen "
                "(Europe/Amsterdam)."
            ),
            "schema": {"type": "string"},
            "style": "form",
            "explode": False,
        },
        "limit": {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": (
                f"Het aantal features per pagina. Een grotere waarde dan {limiet_max} geeft geen fout maar "
                f"{limiet_max} features en een next-link."
            ),
            "schema": {"type": "integer", "minimum": 1, "maximum": limiet_max, "default": limiet_standaard},
            "style": "form",
            "explode": False,
        },
        "offset": {
            "name": "offset",
            "in": "query",
            "required": False,
            "description": "Het aantal features dat wordt overgeslagen; de next- en prev-links zetten het zelf.",
            "schema": {"type": "integer", "minimum": 0, "default": 0},
            "style": "form",
            "explode": False,
        },
    }


def _schemas() -> dict:
    link = {
        "type": "object",
        "required": ["href", "rel"],
        "properties": {
            "href": {"type": "string", "format": "uri"},
            "rel": {"type": "string"},
            "type": {"type": "string"},
            "title": {"type": "string"},
        },
    }
    links = {"type": "array", "items": _ref("schemas", "link")}
    geometrie = {
        "type": "object",
        "description": "GeoJSON-geometrie; in dit register altijd een Point.",
        "required": ["type", "coordinates"],
        "properties": {
            "type": {"type": "string", "enum": ["Point"]},
            "coordinates": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"}},
        },
    }
    return {
        "link": link,
        "landingPage": {
            "type": "object",
            "required": ["links"],
            "properties": {"title": {"type": "string"}, "description": {"type": "string"}, "links": links},
        },
        "confClasses": {
            "type": "object",
            "required": ["conformsTo"],
            "properties": {"conformsTo": {"type": "array", "items": {"type": "string", "format": "uri"}}},
        },
        "extent": {
            "type": "object",
            "properties": {
                "spatial": {
                    "type": "object",
                    "properties": {
                        "bbox": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}},
                        },
                        "crs": {"type": "string", "format": "uri"},
                    },
                },
                "temporal": {
                    "type": "object",
                    "properties": {
                        "interval": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "array",
                                "minItems": 2,
                                "maxItems": 2,
                                "items": {"type": "string", "format": "date-time", "nullable": True},
                            },
                        },
                        "trs": {"type": "string", "format": "uri"},
                    },
                },
            },
        },
        "collection": {
            "type": "object",
            "required": ["id", "links"],
            "properties": {
                "id": {"type": "string"},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "links": links,
                "extent": _ref("schemas", "extent"),
                "itemType": {"type": "string", "default": "feature"},
                "crs": {"type": "array", "items": {"type": "string", "format": "uri"}},
                "storageCrs": {"type": "string", "format": "uri"},
            },
        },
        "collections": {
            "type": "object",
            "required": ["links", "collections"],
            "properties": {"links": links, "collections": {"type": "array", "items": _ref("schemas", "collection")}},
        },
        "pointGeoJSON": geometrie,
        "featureGeoJSON": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"type": "string", "enum": ["Feature"]},
                "id": {"type": "string", "format": "uuid"},
                "geometry": _ref("schemas", "pointGeoJSON"),
                "properties": {"type": "object", "nullable": True},
                "links": links,
            },
        },
        "featureCollectionGeoJSON": {
            "type": "object",
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": {"type": "array", "items": _ref("schemas", "featureGeoJSON")},
                "links": links,
                "timeStamp": {"type": "string", "format": "date-time"},
                "numberMatched": {"type": "integer", "minimum": 0},
                "numberReturned": {"type": "integer", "minimum": 0},
            },
        },
        "probleem": PROBLEEM_SCHEMA,
    }


def _headers() -> dict:
    return {
        "Content-Crs": {
            "description": "Het CRS van de geometrie in het antwoord, als <URI> (OGC API Features deel 2).",
            "schema": {"type": "string"},
        },
        "API-Version": {
            "description": "De volledige versie van de API (semver).",
            "schema": {"type": "string", "example": settings.OPENVTH_API_VERSIE},
        },
    }


def _antwoord(omschrijving: str, schema: dict, *soorten: str, crs: bool = False) -> dict:
    """Every 200 answer is also an HTML page (conformance class html, /req/html/definition)."""
    headers = {"API-Version": _ref("headers", "API-Version")}
    if crs:
        headers["Content-Crs"] = _ref("headers", "Content-Crs")
    inhoud = {**_json(schema, *soorten), HTML: {"schema": {"type": "string"}}}
    return {"description": omschrijving, "headers": headers, "content": inhoud}


def _responses() -> dict:
    probleem = {"schema": _ref("schemas", "probleem")}

    def fout(omschrijving: str) -> dict:
        return {
            "description": omschrijving,
            "headers": {"API-Version": _ref("headers", "API-Version")},
            "content": {PROBLEEM: probleem},
        }

    return {
        "LandingPage": _antwoord("De landingspagina met links.", _ref("schemas", "landingPage")),
        "API": _antwoord("Deze API-definitie.", {"type": "object"}, OPENAPI, JSON),
        "ConformanceDeclaration": _antwoord("De ondersteunde conformiteitsklassen.", _ref("schemas", "confClasses")),
        "Collections": _antwoord("De collecties.", _ref("schemas", "collections")),
        "Collection": _antwoord("Eén collectie.", _ref("schemas", "collection")),
        "Features": _antwoord(
            "Een pagina features met numberMatched, numberReturned en next/prev-links.",
            _ref("schemas", "featureCollectionGeoJSON"),
            GEOJSON,
            JSON,
            crs=True,
        ),
        "Feature": _antwoord("Eén feature.", _ref("schemas", "featureGeoJSON"), GEOJSON, JSON, crs=True),
        "InvalidParameter": fout("Ongeldige of onbekende queryparameter (zie invalidParams)."),
        "NotFound": fout("De collectie of feature bestaat niet (of is niet openbaar)."),
        "NotAcceptable": fout("Het gevraagde formaat (Accept of f) wordt niet ondersteund."),
        "ServerError": fout("Interne fout."),
    }


def _operatie(operatie_id: str, samenvatting: str, tag: str, antwoord: str, parameters: list[str]) -> dict:
    fouten = {"400": "InvalidParameter", "406": "NotAcceptable", "500": "ServerError"}
    if any(p in ("collectionId", "featureId") for p in parameters):
        fouten["404"] = "NotFound"
    return {
        "get": {
            "operationId": operatie_id,
            "summary": samenvatting,
            "tags": [tag],
            "parameters": [_ref("parameters", p) for p in parameters],
            "responses": {
                "200": _ref("responses", antwoord),
                **{code: _ref("responses", naam) for code, naam in sorted(fouten.items())},
            },
        }
    }


def document(
    *,
    server: str,
    collecties: list[tuple[str, str]],
    crs_lijst: list[str],
    limiet_standaard: int,
    limiet_max: int,
) -> dict:
    """The definition for a server at `server` (absolute, so a client can resolve it wherever it got it)."""
    ids = [cid for cid, _ in collecties]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "OpenVTH – OGC API Features (openbaar register)",
            "version": settings.OPENVTH_API_VERSIE,
            "description": (
                "Alleen-lezen OGC API – Features (deel 1 Core, GeoJSON, OpenAPI 3.0; deel 2 CRS) op het openbare "
                "register van milieubelastende activiteiten. Collecties: "
                + ", ".join(f"{cid} ({titel})" for cid, titel in collecties)
                + ". In de browser (Accept: text/html of f=html) een HTML-weergave met tabel en kaart; "
                "onbekende queryparameters geven 400."
            ),
            "contact": {
                "name": settings.OPENVTH_API_CONTACT[0],
                "email": settings.OPENVTH_API_CONTACT[1],
                "url": settings.OPENVTH_API_CONTACT[2],
            },
            "license": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
        },
        "servers": [{"url": server, "description": "Deze installatie"}],
        "tags": [
            {"name": "Capabilities", "description": "Wat deze API kan en welke collecties er zijn."},
            {"name": "Data", "description": "De features."},
        ],
        "paths": {
            "/": _operatie("getLandingPage", "Landingspagina", "Capabilities", "LandingPage", ["f"]),
            "/api": _operatie("getApiDefinition", "Deze API-definitie", "Capabilities", "API", ["f"]),
            "/conformance": _operatie(
                "getConformanceDeclaration", "Conformiteitsklassen", "Capabilities", "ConformanceDeclaration", ["f"]
            ),
            "/collections": _operatie("getCollections", "De collecties", "Capabilities", "Collections", ["f"]),
            "/collections/{collectionId}": _operatie(
                "describeCollection", "Eén collectie", "Capabilities", "Collection", ["collectionId", "f"]
            ),
            "/collections/{collectionId}/items": _operatie(
                "getFeatures",
                "Features van een collectie",
                "Data",
                "Features",
                ["collectionId", "bbox", "bbox-crs", "datetime", "limit", "offset", "crs", "f"],
            ),
            "/collections/{collectionId}/items/{featureId}": _operatie(
                "getFeature", "Eén feature", "Data", "Feature", ["collectionId", "featureId", "crs", "f"]
            ),
        },
        "components": {
            "parameters": _parameters(ids, crs_lijst, limiet_standaard, limiet_max),
            "schemas": _schemas(),
            "headers": _headers(),
            "responses": _responses(),
        },
    }
