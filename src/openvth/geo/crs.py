"""Coordinate reference systems of the NL GEO API, and RD New <-> WGS 84 transformations. No Django.

Transformers: one pyproj ``Transformer`` per (source, target) pair, made on first use and cached, because making
one costs milliseconds (a proj.db lookup) and transforming 1,000 points costs about one. pyproj >= 3.1 makes a
Transformer safe to share between threads (pyproj 3.1.0 release notes: "Multithread safe CRS, Proj & Transformer").
Bulk paths (`transformeer`, `*_vector`, `rd_naar_wgs84_stroom`) make one pyproj call per array, never one per point.

Accuracy: pyproj's wheels ship no RDNAPTRANS(TM) correction grid and PROJ's network access is off, so PROJ uses the
EPSG Helmert transformations "Amersfoort to WGS 84 (4)" / "Amersfoort to ETRS89 (8)" (EPSG accuracy 1 m / 0.25 m).
On the RDNAPTRANS(TM)2008 test sheet (Kadaster/Rijkswaterstaat, points 01-07) the results differ 2-17 cm from the
official values (tests/geo/test_crs.py): ample for maps and spatial filters, not the official transformation for
survey work. WGS 84 is taken equal to ETRS89, as EPSG does for "Amersfoort to WGS 84 (4)".

Rounding (`afronden=True`, the default): RD to 3 decimals, since the BAG keeps RD coordinates to the millimetre
with at most three decimals (Catalogus BAG 2018 §3.2); degrees to 7 decimals (1e-7 deg = 1.1 cm north-south,
0.7 cm east-west here): finer than the transformation's own accuracy, so nothing real is lost, while output stays
short (RFC 7946 §11.2 warns that needless precision bloats GeoJSON). An RD -> CRS84 -> RD round trip moves a
point less than 1 cm with rounding and less than 1 mm without.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import Enum
from functools import cache
from itertools import islice

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import Transformer

Reeks = NDArray[np.float64]


class Crs(Enum):
    """A CRS the API understands, valued by its OGC URI (the form of the NL GEO API and OGC API Features Part 2)."""

    CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    """WGS 84 longitude, latitude: the default of OGC API Features and GeoJSON (RFC 7946)."""
    EPSG4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
    """WGS 84 as EPSG defines it: latitude first."""
    ETRS89 = "http://www.opengis.net/def/crs/EPSG/0/4258"
    """ETRS89, the European system the NL GEO API prefers for lon/lat data: latitude first."""
    RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
    """Amersfoort / RD New: x (east), y (north) in metres; what the database stores."""

    @property
    def uri(self) -> str:
        return self.value

    @property
    def code(self) -> str:
        """The 'AUTHORITY:CODE' pyproj understands."""
        return _CODES[self]

    @property
    def lat_lon(self) -> bool:
        """True when the first axis is latitude, so bbox and point values arrive as lat,lon (EPSG:4326, 4258)."""
        return self in (Crs.EPSG4326, Crs.ETRS89)

    @property
    def geografisch(self) -> bool:
        return self is not Crs.RD

    @property
    def decimalen(self) -> int:
        return 3 if self is Crs.RD else 7


_CODES = {Crs.CRS84: "OGC:CRS84", Crs.EPSG4326: "EPSG:4326", Crs.ETRS89: "EPSG:4258", Crs.RD: "EPSG:28992"}
_NAMEN = {sleutel.lower(): crs for crs in Crs for sleutel in (crs.uri, crs.code, f"[{crs.code}]")}

CRS84 = Crs.CRS84.uri
EPSG4326 = Crs.EPSG4326.uri
ETRS89 = Crs.ETRS89.uri
RD = Crs.RD.uri

NEDERLAND_WGS84 = (3.2, 50.75, 7.22, 53.7)
"""lon/lat box of European Netherlands incl. Wadden and the 12-mile territorial sea: the EPSG area of use of
EPSG:28992 ("Netherlands - onshore, including Waddenzee, Dutch Wadden Islands and 12-mile offshore coastal zone")
as in the proj.db of pyproj 3.7.2 / PROJ 9.5.1. A box, not the border: Belgian and German strips lie inside."""

NEDERLAND_RD = (0.0, 306_000.0, 285_000.0, 638_000.0)
"""RD envelope of NEDERLAND_WGS84 (computed: x 646..284 347, y 306 671..637 111), rounded outward to whole km.
Not the often-copied PDOK map extent (-7000, 289000, 300000, 629000): that cuts the sea north of the islands."""

RD_DOMEIN = (-50_000.0, 280_000.0, 300_000.0, 870_000.0)
"""Generous RD range accepted in requests: the union of the current EPSG area of use of EPSG:28992 (onshore and
offshore incl. the exclusive economic zone, lon 2.53..7.22, lat 50.75..55.77; in RD x -46 622..284 347,
y 306 671..869 063) and the PDOK map extent above, rounded outward to 10 km. RD means little farther out."""

GEO_DOMEIN = (2.0, 50.0, 8.0, 56.0)
"""lon/lat box enclosing RD_DOMEIN (its image is lon 2.12..7.70, lat 50.47..55.81): geographic query boxes are
clipped to it before being projected to RD, where the projection is well behaved."""


def crs_uit_uri(uri: str | None, *, standaard: Crs = Crs.CRS84) -> Crs:
    """The Crs for an OGC CRS URI; also 'EPSG:28992' / 'OGC:CRS84' and the safe CURIE '[EPSG:28992]'.

    None (parameter absent) gives `standaard`. Anything else, the empty string included, raises ValueError
    listing the supported URIs, so the API can answer 400 with a useful reason.
    """
    if uri is None:
        return standaard
    crs = _NAMEN.get(uri.strip().lower())
    if crs is None:
        ondersteund = ", ".join(c.uri for c in Crs)
        raise ValueError(f"coördinaatreferentiesysteem {uri!r} wordt niet ondersteund; gebruik een van: {ondersteund}")
    return crs


@cache
def _transformer(bron: Crs, doel: Crs) -> Transformer:
    return Transformer.from_crs(bron.code, doel.code, always_xy=True)


def transformeer(a: ArrayLike, b: ArrayLike, bron: Crs, doel: Crs, *, afronden: bool = True) -> tuple[Reeks, Reeks]:
    """Transform many points with one pyproj call. Each side in its CRS's own axis order (EPSG:4326: lat, lon).

    No validation: points far outside the Netherlands come back as numbers without meaning, or inf.
    """
    eerste, tweede = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    x, y = (tweede, eerste) if bron.lat_lon else (eerste, tweede)
    if bron is not doel:
        x, y = (np.asarray(v, dtype=np.float64) for v in _transformer(bron, doel).transform(x, y))
    if afronden:
        x, y = np.round(x, doel.decimalen), np.round(y, doel.decimalen)
    return (y, x) if doel.lat_lon else (x, y)


def rd_naar_wgs84(x: float, y: float, *, afronden: bool = True) -> tuple[float, float]:
    """RD (x, y) in metres -> (lon, lat) in CRS84 order."""
    lon, lat = _transformer(Crs.RD, Crs.CRS84).transform(float(x), float(y))
    return (round(lon, 7), round(lat, 7)) if afronden else (lon, lat)


def wgs84_naar_rd(lon: float, lat: float, *, afronden: bool = True) -> tuple[float, float]:
    """(lon, lat) in CRS84 order -> RD (x, y) in metres."""
    x, y = _transformer(Crs.CRS84, Crs.RD).transform(float(lon), float(lat))
    return (round(x, 3), round(y, 3)) if afronden else (x, y)


def rd_naar_wgs84_vector(x: ArrayLike, y: ArrayLike, *, afronden: bool = True) -> tuple[Reeks, Reeks]:
    """Arrays of RD x and y -> arrays of lon and lat, in one call (an API page, a bulk export)."""
    return transformeer(x, y, Crs.RD, Crs.CRS84, afronden=afronden)


def wgs84_naar_rd_vector(lon: ArrayLike, lat: ArrayLike, *, afronden: bool = True) -> tuple[Reeks, Reeks]:
    """Arrays of lon and lat -> arrays of RD x and y, in one call."""
    return transformeer(lon, lat, Crs.CRS84, Crs.RD, afronden=afronden)


def rd_naar_wgs84_stroom(
    punten: Iterable[tuple[float, float]], *, blokgrootte: int = 10_000, afronden: bool = True
) -> Iterator[tuple[float, float]]:
    """Lazily turn a stream of RD (x, y) into (lon, lat), one pyproj call per block: exports of millions of rows
    without holding them all in memory."""
    bron = iter(punten)
    while blok := list(islice(bron, blokgrootte)):
        xy = np.asarray(blok, dtype=np.float64).reshape(-1, 2)
        lon, lat = rd_naar_wgs84_vector(xy[:, 0], xy[:, 1], afronden=afronden)
        yield from zip(lon.tolist(), lat.tolist(), strict=True)


def _binnen(a: ArrayLike, b: ArrayLike, vak: tuple[float, float, float, float]) -> bool | NDArray[np.bool_]:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    binnen = (a >= vak[0]) & (a <= vak[2]) & (b >= vak[1]) & (b <= vak[3])
    return bool(binnen) if binnen.ndim == 0 else binnen


def binnen_nederland_rd(x: ArrayLike, y: ArrayLike) -> bool | NDArray[np.bool_]:
    """Whether RD points lie in NEDERLAND_RD (scalars give a bool, arrays a mask; NaN is outside).
    A plausibility check against swapped or mistyped coordinates, not a border test."""
    return _binnen(x, y, NEDERLAND_RD)


def binnen_nederland_wgs84(lon: ArrayLike, lat: ArrayLike) -> bool | NDArray[np.bool_]:
    """Whether lon/lat points lie in NEDERLAND_WGS84; the same kind of plausibility check."""
    return _binnen(lon, lat, NEDERLAND_WGS84)
