"""Server-side aggregation for the register map, so that it stays fluid with tens of thousands of executions.

For the visible box the browser receives either one marker per location (when at most `MAX_PUNTEN` executions
match) or a grid of clusters computed in SQL: GROUP BY floor(x / cel), floor(y / cel) on the stored RD New
coordinates, with the number of executions and their mean position per cell. A cell is about `CEL_PIXELS` screen
pixels wide at the requested zoom level, so a view never holds more than a few hundred clusters; the grid is
anchored at the RD origin, so clusters stay where they are while the map pans.

The caller passes a queryset that already went through the register selectors (the access policy applies).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Max, Min, QuerySet
from django.db.models.functions import Floor
from django.urls import reverse

from openvth.organisaties.models import Vertrouwelijkheid

from .models import Activiteituitvoering, Locatie

MAX_PUNTEN = 1_500
"""At most this many matching executions in view: individual locations; more: clusters."""

CEL_PIXELS = 64
"""Width of a cluster cell on screen, in pixels."""

METER_PER_PIXEL_Z0 = 156_543.034 * math.cos(math.radians(52.2))
"""Web Mercator ground resolution at zoom level 0 at the latitude of the Netherlands (about 96 km per pixel)."""

MAX_ZOOM = 22

_LOCATIE = "vth_object__locatie__"


def celgrootte(zoom: int) -> float:
    """Cluster cell size in metres for a Leaflet zoom level: 48 km at zoom 7 (the whole country), 1.5 km at 12."""
    return CEL_PIXELS * METER_PER_PIXEL_Z0 / 2**zoom


@dataclass
class Kaartbeeld:
    """What the map draws (`inhoud`, JSON-ready) and the non-public VTH-objects named in it (for the access log)."""

    inhoud: dict
    niet_openbare_objecten: set[int] = field(default_factory=set)


def kaartbeeld(qs: QuerySet[Activiteituitvoering], zoom: int) -> Kaartbeeld:
    """Points or clusters; the first query counts no further than the threshold, so a full view stays cheap."""
    qs = qs.order_by()
    if qs[: MAX_PUNTEN + 1].count() <= MAX_PUNTEN:
        return _punten(qs)
    cel = celgrootte(zoom)
    clusters = _clusters(qs, cel)
    totaal = sum(c["aantal"] for c in clusters)
    return Kaartbeeld({"soort": "clusters", "totaal": totaal, "cel": round(cel), "clusters": clusters})


def _clusters(qs: QuerySet[Activiteituitvoering], cel: float) -> list[dict]:
    rijen = (
        qs.annotate(cx=Floor(F(f"{_LOCATIE}x") / cel), cy=Floor(F(f"{_LOCATIE}y") / cel))
        .values("cx", "cy")
        .annotate(aantal=Count("id"), lon=Avg(f"{_LOCATIE}lon"), lat=Avg(f"{_LOCATIE}lat"))
        .order_by()
    )
    return [{"lat": round(r["lat"], 6), "lon": round(r["lon"], 6), "aantal": r["aantal"]} for r in rijen]


_ADRES = ("straat", "huisnummer", "huisletter", "huisnummertoevoeging", "postcode", "woonplaats")


def _punten(qs: QuerySet[Activiteituitvoering]) -> Kaartbeeld:
    """One marker per location with the names of the VTH-objects there and its number of matching executions."""
    velden = [f"{_LOCATIE}{v}" for v in ("uuid", "lat", "lon", *_ADRES)]
    rijen = (
        qs.values(*velden, "vth_object_id", "vth_object__naam", "vth_object__vertrouwelijkheid")
        .annotate(aantal=Count("id"))
        .order_by(f"{_LOCATIE}uuid", "vth_object__naam")
    )
    punten: dict = {}
    niet_openbaar = set()
    for r in rijen:
        punt = punten.get(r[f"{_LOCATIE}uuid"])
        if punt is None:
            locatie = Locatie(**{v: r[f"{_LOCATIE}{v}"] for v in _ADRES})
            punt = punten[r[f"{_LOCATIE}uuid"]] = {
                "id": str(r[f"{_LOCATIE}uuid"]),
                "lat": round(r[f"{_LOCATIE}lat"], 6),
                "lon": round(r[f"{_LOCATIE}lon"], 6),
                "adres": locatie.adres,
                "namen": [],
                "aantal": 0,
                "url": reverse("register:locatie", args=[r[f"{_LOCATIE}uuid"]]),
            }
        punt["namen"].append(r["vth_object__naam"])
        punt["aantal"] += r["aantal"]
        if r["vth_object__vertrouwelijkheid"] != Vertrouwelijkheid.OPENBAAR:
            niet_openbaar.add(r["vth_object_id"])
    totaal = sum(punt["aantal"] for punt in punten.values())
    return Kaartbeeld({"soort": "punten", "totaal": totaal, "punten": list(punten.values())}, niet_openbaar)


def omvang(qs: QuerySet[Activiteituitvoering]) -> tuple[float, float, float, float] | None:
    """(minlon, minlat, maxlon, maxlat) of the matching locations, for the map's first view; None when none match."""
    grenzen = qs.order_by().aggregate(
        minlon=Min(f"{_LOCATIE}lon"),
        minlat=Min(f"{_LOCATIE}lat"),
        maxlon=Max(f"{_LOCATIE}lon"),
        maxlat=Max(f"{_LOCATIE}lat"),
    )
    if grenzen["minlon"] is None:
        return None
    return grenzen["minlon"], grenzen["minlat"], grenzen["maxlon"], grenzen["maxlat"]
