"""Plain dicts for API answers and exports, built once per record without per-field schema overhead.

A natural person's name appears only for an actor who may see that party (`zichtbaar`, from the access policy).
"""

from __future__ import annotations

import json

from django.http import HttpResponse

from openvth.geo.crs import Crs, transformeer

from .models import Activiteituitvoering, VthObject
from .selectors import zichtbare_betrokkenen

GEOJSON = "application/geo+json"


def punt(locatie, crs: Crs) -> dict:
    """A GeoJSON point in `crs`, axis order as that CRS defines it (EPSG:4326 and 4258 latitude first)."""
    if crs is Crs.CRS84:
        return {"type": "Point", "coordinates": [locatie.lon, locatie.lat]}
    if crs is Crs.RD:
        return {"type": "Point", "coordinates": [round(locatie.x, 3), round(locatie.y, 3)]}
    a, b = transformeer(locatie.x, locatie.y, Crs.RD, crs)
    return {"type": "Point", "coordinates": [float(a), float(b)]}


def _org(org) -> dict:
    return {"code": org.code, "naam": org.naam}


def adres(locatie) -> dict:
    return {
        "straat": locatie.straat,
        "huisnummer": locatie.huisnummer,
        "huisletter": locatie.huisletter,
        "huisnummertoevoeging": locatie.huisnummertoevoeging,
        "postcode": locatie.postcode,
        "woonplaats": locatie.woonplaats,
        "bagId": locatie.bag_id,
    }


def vthobject_dict(obj: VthObject, crs: Crs) -> dict:
    locatie = obj.locatie
    return {
        "id": str(obj.uuid),
        "identificatie": {"namespace": obj.namespace, "lokaalId": obj.lokaal_id},
        "type": obj.type,
        "subtype": obj.subtype,
        "naam": obj.naam,
        "adres": adres(locatie),
        "gemeente": _org(locatie.gemeente),
        "bevoegdGezag": _org(obj.bevoegd_gezag),
        "uitvoerder": _org(obj.uitvoerder),
        "locatieId": str(locatie.uuid),
        "geometrie": punt(locatie, crs),
        "vertrouwelijkheid": obj.vertrouwelijkheid,
    }


def uitvoering_dict(u: Activiteituitvoering, crs: Crs, zichtbare_betrokkenen: set[int]) -> dict:
    obj = u.vth_object
    return {
        "id": str(u.uuid),
        "versie": u.versie,
        "activiteit": {"code": u.activiteit.code, "naam": u.activiteit.naam},
        "vthObject": {
            "id": str(obj.uuid),
            "naam": obj.naam,
            "adres": adres(obj.locatie),
            "locatieId": str(obj.locatie.uuid),
        },
        "uitvoerder": u.uitvoerder_betrokkene.naam if u.uitvoerder_betrokkene_id in zichtbare_betrokkenen else None,
        "bevoegdGezag": _org(u.bevoegd_gezag),
        "toezichtinstantie": _org(u.toezichtinstantie),
        "gemeente": _org(u.gemeente),
        "kwalificaties": u.kwalificaties,
        "status": u.status,
        "omschrijving": u.omschrijving,
        "legitimatie": u.legitimatie,
        "ontstaansdatum": u.ontstaansdatum.isoformat() if u.ontstaansdatum else None,
        "beeindigingsdatum": u.beeindigingsdatum.isoformat() if u.beeindigingsdatum else None,
        "geldigVanaf": u.geldig_vanaf.isoformat() if u.geldig_vanaf else None,
        "geldigTot": u.geldig_tot.isoformat() if u.geldig_tot else None,
        "geregistreerdOp": u.geregistreerd_op.isoformat(),
        "vertrouwelijkheid": u.vertrouwelijkheid,
        "geometrie": punt(obj.locatie, crs),
    }


def uitvoeringen_dicts(actor, uitvoeringen, crs: Crs) -> list[dict]:
    """Dicts for a page of executions, with party names only where the access policy shows that party."""
    zichtbaar = zichtbare_betrokkenen(
        actor=actor, ids={u.uitvoerder_betrokkene_id for u in uitvoeringen if u.uitvoerder_betrokkene_id}
    )
    return [uitvoering_dict(u, crs, zichtbaar) for u in uitvoeringen]


def feature_collection(request, pagina: dict, resultaten: list[dict], crs: Crs) -> HttpResponse:
    """A GeoJSON FeatureCollection with OGC-style paging links and numberMatched/numberReturned."""
    features = [{"type": "Feature", "id": r["id"], "geometry": r.pop("geometrie"), "properties": r} for r in resultaten]
    links = [{"href": pagina["links"]["self"], "rel": "self", "type": GEOJSON}]
    for rel in ("next", "prev", "first", "last"):
        if pagina["links"].get(rel):
            links.append({"href": pagina["links"][rel], "rel": rel, "type": GEOJSON})
    inhoud = {"type": "FeatureCollection", "numberMatched": pagina["count"], "numberReturned": len(features)}
    if not pagina.get("count_exact", True):
        del inhoud["numberMatched"]  # OGC API Features: omitted when unknown (counting stopped at a bound)
    inhoud |= {"links": links, "features": features}
    response = HttpResponse(json.dumps(inhoud, ensure_ascii=False), content_type=GEOJSON)
    response["Content-Crs"] = f"<{crs.uri}>"
    return response
