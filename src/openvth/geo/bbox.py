"""Spatial query parameters: ``bbox`` + ``bbox-crs`` (NL GEO API, OGC API Features) and a radius search
``punt`` + ``straal`` + ``crs``, each parsed to an RD rectangle the database can filter on. No Django.

bbox (OGC API Features Part 1 §7.15.3, bbox-crs from Part 2, both adopted by the NL GEO API module): four numbers
"minx,miny,maxx,maxy" in the axis order of bbox-crs (default CRS84 = lon,lat; EPSG:4326 and 4258 = lat,lon).
Six numbers (a 3D box) are refused: the register keeps no heights. Values must lie within the CRS's extent
(OGC API Common, requirement rc-bbox-definition C): lon -180..180, lat -90..90, RD within `RD_DOMEIN`. A box
whose minimum longitude exceeds its maximum crosses the antimeridian (OGC API Features allows it) and is taken as
such; on any other axis minimum > maximum is an error, and minimum = maximum is refused as an empty box.

Why not just two corners: a lon/lat box is not a rectangle in RD (RD grid north turns up to about 2 degrees from
true north at the edges of the country), so the box is clipped to `GEO_DOMEIN`, its edges are densified and the RD
envelope of all points is taken, rounded outward to the millimetre. That envelope is a little larger than the box;
`RdBbox.bevat` does the exact test in the request CRS for callers that want it after the database pre-filter.

Every error is a `GeoFout` naming the parameter, for the ``invalidParams`` of a problem+json 400.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from openvth.geo.crs import GEO_DOMEIN, RD_DOMEIN, Crs, crs_uit_uri, transformeer

MAX_STRAAL = 50_000.0
"""Default upper bound of `straal` in metres: a radius search is for surroundings, not for the whole country."""

_VERDICHTING = 16
_MARGE = 10.0  # metres
_GETAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class GeoFout(ValueError):
    """An invalid spatial query parameter; `parameter` is its name as the API knows it ("bbox", "bbox-crs", ...)."""

    def __init__(self, parameter: str, reden: str) -> None:
        super().__init__(reden)
        self.parameter = parameter
        self.reden = reden


@dataclass(frozen=True)
class RdBbox:
    """An RD rectangle, bounds inclusive, for the database pre-filter. `crs` and `verzoek` keep the request
    (values in the axis order of `crs`) for the exact test `bevat`."""

    minx: float
    miny: float
    maxx: float
    maxy: float
    crs: Crs = Crs.RD
    verzoek: tuple[float, float, float, float] | None = None

    @property
    def leeg(self) -> bool:
        """True when the request lies wholly outside the Dutch domain: nothing can match. Its bounds are then
        inverted (minx > maxx), so a filter built from them finds nothing even if a caller ignores `leeg`."""
        return self.minx > self.maxx or self.miny > self.maxy

    def bevat(self, x: ArrayLike, y: ArrayLike) -> bool | NDArray[np.bool_]:
        """Whether RD points lie in the requested box, tested in the request's own CRS (vectorised)."""
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        if self.leeg:
            uit = np.zeros(np.broadcast(x, y).shape, dtype=bool)
        elif self.crs is Crs.RD or self.verzoek is None:
            uit = (x >= self.minx) & (x <= self.maxx) & (y >= self.miny) & (y <= self.maxy)
        else:
            a, b = transformeer(x, y, Crs.RD, self.crs, afronden=False)
            lon, lat = (b, a) if self.crs.lat_lon else (a, b)
            lon_min, lat_min, lon_max, lat_max = _lon_lat(self.verzoek, self.crs)
            in_lon = (lon >= lon_min) & (lon <= lon_max) if lon_min <= lon_max else (lon >= lon_min) | (lon <= lon_max)
            uit = in_lon & (lat >= lat_min) & (lat <= lat_max)
        return bool(uit) if uit.ndim == 0 else uit


LEGE_BBOX = RdBbox(RD_DOMEIN[2], RD_DOMEIN[3], RD_DOMEIN[0], RD_DOMEIN[1])


@dataclass(frozen=True)
class RdCirkel:
    """A radius search in RD: centre (x, y) and `straal` in metres. RD distances differ from true ones by less than
    0.02 % on Dutch land (RD scale 0.99991..1.00014), under 10 m at 50 km."""

    x: float
    y: float
    straal: float

    @property
    def bbox(self) -> RdBbox:
        """The square around the circle, for the database pre-filter before the exact `bevat`."""
        r = self.straal
        return RdBbox(self.x - r, self.y - r, self.x + r, self.y + r)

    def bevat(self, x: ArrayLike, y: ArrayLike) -> bool | NDArray[np.bool_]:
        """Whether RD points lie within `straal` of the centre (vectorised)."""
        dx = np.asarray(x, dtype=np.float64) - self.x
        dy = np.asarray(y, dtype=np.float64) - self.y
        binnen = dx * dx + dy * dy <= self.straal * self.straal
        return bool(binnen) if binnen.ndim == 0 else binnen


def _crs(waarde: str | None, parameter: str) -> Crs:
    try:
        return crs_uit_uri(waarde)
    except ValueError as fout:
        raise GeoFout(parameter, str(fout)) from None


def _getallen(waarde: str, parameter: str, voorbeeld: str) -> list[float]:
    delen = [deel.strip() for deel in waarde.split(",")]
    if not all(_GETAL.fullmatch(deel) for deel in delen):
        raise GeoFout(parameter, f"{parameter} moet bestaan uit getallen gescheiden door komma's, zoals {voorbeeld}")
    getallen = [float(deel) for deel in delen]
    if not all(math.isfinite(g) for g in getallen):
        raise GeoFout(parameter, f"{parameter} bevat een getal dat te groot is")
    return getallen


def _lon_lat(vier: tuple[float, float, float, float], crs: Crs) -> tuple[float, float, float, float]:
    """(minlon, minlat, maxlon, maxlat) from a box in the axis order of a geographic `crs`."""
    a1, b1, a2, b2 = vier
    return (b1, a1, b2, a2) if crs.lat_lon else (a1, b1, a2, b2)


def _controleer_bereik(a: float, b: float, crs: Crs, parameter: str) -> None:
    if crs.geografisch:
        lat, lon = (a, b) if crs.lat_lon else (b, a)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            volgorde = "lat,lon" if crs.lat_lon else "lon,lat"
            raise GeoFout(
                parameter,
                f"{parameter} ligt buiten lengte -180..180 / breedte -90..90 (volgorde in {crs.uri}: {volgorde})",
            )
    elif not (RD_DOMEIN[0] <= a <= RD_DOMEIN[2] and RD_DOMEIN[1] <= b <= RD_DOMEIN[3]):
        raise GeoFout(
            parameter,
            f"{parameter} ligt buiten het RD-domein x {RD_DOMEIN[0]:.0f}..{RD_DOMEIN[2]:.0f}, "
            f"y {RD_DOMEIN[1]:.0f}..{RD_DOMEIN[3]:.0f}",
        )


def parse_bbox(bbox: str | None, bbox_crs: str | None = None) -> RdBbox | None:
    """Parse ``bbox`` in ``bbox-crs`` (default CRS84) to an RD rectangle; None when no bbox was given.

    A box that misses the Dutch domain altogether gives an empty RdBbox (`leeg`): a valid request without results.
    """
    crs = _crs(bbox_crs, "bbox-crs")
    if bbox is None:
        return None
    getallen = _getallen(bbox, "bbox", "4.8,52.3,4.95,52.4")
    if len(getallen) == 6:
        raise GeoFout("bbox", "een bbox met 6 getallen (met hoogte) wordt niet ondersteund; geef minx,miny,maxx,maxy")
    if len(getallen) != 4:
        raise GeoFout("bbox", f"bbox moet 4 getallen bevatten (minx,miny,maxx,maxy), niet {len(getallen)}")
    a1, b1, a2, b2 = getallen
    _controleer_bereik(a1, b1, crs, "bbox")
    _controleer_bereik(a2, b2, crs, "bbox")
    lon_as = 1 if crs.lat_lon else 0
    for as_, (laag, hoog) in enumerate(((a1, a2), (b1, b2))):
        if laag == hoog:
            raise GeoFout("bbox", "bbox is leeg: minimum en maximum van een as zijn gelijk")
        if laag > hoog and not (crs.geografisch and as_ == lon_as):
            raise GeoFout("bbox", "bbox: een minimum is groter dan het maximum (volgorde minx,miny,maxx,maxy)")
    verzoek = (a1, b1, a2, b2)
    if not crs.geografisch:
        return RdBbox(a1, b1, a2, b2, crs, verzoek)
    return _rd_envelop(verzoek, crs)


def _rd_envelop(verzoek: tuple[float, float, float, float], crs: Crs) -> RdBbox:
    lon_min, lat_min, lon_max, lat_max = _lon_lat(verzoek, crs)
    g_lon_min, g_lat_min, g_lon_max, g_lat_max = GEO_DOMEIN
    lat_lo, lat_hi = max(lat_min, g_lat_min), min(lat_max, g_lat_max)
    stukken = [(lon_min, lon_max)] if lon_min < lon_max else [(lon_min, 180.0), (-180.0, lon_max)]
    geknipt = [(max(lo, g_lon_min), min(hi, g_lon_max)) for lo, hi in stukken]
    geknipt = [(lo, hi) for lo, hi in geknipt if lo <= hi]
    if lat_lo > lat_hi or not geknipt:
        return LEGE_BBOX
    lon_lo, lon_hi = min(lo for lo, _ in geknipt), max(hi for _, hi in geknipt)
    t = np.linspace(0.0, 1.0, _VERDICHTING + 1)
    lons = np.concatenate([lon_lo + t * (lon_hi - lon_lo)] * 2 + [np.full_like(t, lon_lo), np.full_like(t, lon_hi)])
    lats = np.concatenate([np.full_like(t, lat_lo), np.full_like(t, lat_hi)] + [lat_lo + t * (lat_hi - lat_lo)] * 2)
    a, b = (lats, lons) if crs.lat_lon else (lons, lats)
    x, y = transformeer(a, b, crs, Crs.RD, afronden=False)
    # Between two samples a parallel bows away from the chord (by centimetres to a metre on a box across the
    # country): widen the envelope by a margin so it always contains the box; `bevat` stays exact.
    minx = max(math.floor(float(x.min()) - _MARGE), RD_DOMEIN[0])
    miny = max(math.floor(float(y.min()) - _MARGE), RD_DOMEIN[1])
    maxx = min(math.ceil(float(x.max()) + _MARGE), RD_DOMEIN[2])
    maxy = min(math.ceil(float(y.max()) + _MARGE), RD_DOMEIN[3])
    if minx > maxx or miny > maxy:
        return LEGE_BBOX
    return RdBbox(minx, miny, maxx, maxy, crs, verzoek)


def parse_cirkel(
    punt: str | None, straal: str | float | None, crs: str | None = None, *, max_straal: float = MAX_STRAAL
) -> RdCirkel | None:
    """Parse a radius search: ``punt`` "x,y" in ``crs`` (default CRS84, so lon,lat; EPSG:4326 lat,lon) and
    ``straal`` in metres (> 0, <= `max_straal`). None when neither is given; one without the other is an error.
    The centre must lie in the Dutch domain (`GEO_DOMEIN` / `RD_DOMEIN`)."""
    punt_crs = _crs(crs, "crs")
    if punt is None and straal is None:
        return None
    if punt is None:
        raise GeoFout("punt", "punt is verplicht bij een straal")
    if straal is None:
        raise GeoFout("straal", "straal (in meter) is verplicht bij een punt")
    getallen = _getallen(punt, "punt", "5.387,52.155")
    if len(getallen) != 2:
        raise GeoFout("punt", f"punt moet 2 getallen bevatten (x,y), niet {len(getallen)}")
    a, b = getallen
    _controleer_bereik(a, b, punt_crs, "punt")
    buiten = GeoFout("punt", "punt ligt buiten het Nederlandse domein (RD-coördinaten hebben daar geen betekenis)")
    if punt_crs.geografisch:
        lon, lat = (b, a) if punt_crs.lat_lon else (a, b)
        if not (GEO_DOMEIN[0] <= lon <= GEO_DOMEIN[2] and GEO_DOMEIN[1] <= lat <= GEO_DOMEIN[3]):
            raise buiten
        x_rd, y_rd = transformeer(a, b, punt_crs, Crs.RD)
        a, b = float(x_rd), float(y_rd)
        if not (RD_DOMEIN[0] <= a <= RD_DOMEIN[2] and RD_DOMEIN[1] <= b <= RD_DOMEIN[3]):
            raise buiten
    return RdCirkel(a, b, _straal(straal, max_straal))


def _straal(straal: str | float, max_straal: float) -> float:
    if isinstance(straal, str):
        if not _GETAL.fullmatch(straal.strip()):
            raise GeoFout("straal", "straal moet een getal zijn (meter)")
        waarde = float(straal)
    elif isinstance(straal, int | float) and not isinstance(straal, bool):
        waarde = float(straal)
    else:
        raise GeoFout("straal", "straal moet een getal zijn (meter)")
    if not math.isfinite(waarde):
        raise GeoFout("straal", "straal moet een eindig getal zijn (meter)")
    if waarde <= 0:
        raise GeoFout("straal", "straal moet groter zijn dan 0 meter")
    if waarde > max_straal:
        raise GeoFout("straal", f"straal mag hoogstens {max_straal:.0f} meter zijn")
    return waarde
