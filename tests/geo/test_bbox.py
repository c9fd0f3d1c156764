"""Tests for geo/bbox.py: bbox + bbox-crs to an RD rectangle, radius searches, and every refusal. No database."""

from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from openvth.geo.bbox import LEGE_BBOX, MAX_STRAAL, GeoFout, RdBbox, RdCirkel, parse_bbox, parse_cirkel
from openvth.geo.crs import CRS84, EPSG4326, ETRS89, RD, RD_DOMEIN, Crs, transformeer, wgs84_naar_rd

AMSTERDAM = "4.8,52.3,4.95,52.4"


@contextmanager
def fout(parameter: str, match: str | None = None):
    with pytest.raises(GeoFout, match=match) as info:
        yield
    assert info.value.parameter == parameter and isinstance(info.value, ValueError)
    assert info.value.reden == str(info.value)


# --- bbox -----------------------------------------------------------------------------------------------------


def test_geen_bbox_is_geen_filter():
    assert parse_bbox(None) is None
    assert parse_bbox(None, RD) is None


def test_crs84_bbox_omhult_hoeken_en_randen():
    b = parse_bbox(AMSTERDAM)
    assert b.crs is Crs.CRS84 and b.verzoek == (4.8, 52.3, 4.95, 52.4) and not b.leeg
    t = np.linspace(0, 1, 101)
    lons = np.concatenate([4.8 + 0.15 * t, 4.8 + 0.15 * t, np.full_like(t, 4.8), np.full_like(t, 4.95)])
    lats = np.concatenate([np.full_like(t, 52.3), np.full_like(t, 52.4), 52.3 + 0.1 * t, 52.3 + 0.1 * t])
    x, y = transformeer(lons, lats, Crs.CRS84, Crs.RD, afronden=False)
    assert b.minx <= x.min() and x.max() <= b.maxx and b.miny <= y.min() and y.max() <= b.maxy
    assert x.min() - b.minx < 11 and b.maxy - y.max() < 11  # tight: only the 10 m safety margin, rounded outward
    assert b.minx == round(b.minx)


def test_lonlat_bbox_is_geen_rechthoek_in_rd():
    b = parse_bbox(AMSTERDAM)
    assert wgs84_naar_rd(4.8, 52.3)[0] != wgs84_naar_rd(4.8, 52.4)[0]  # a meridian is no line of constant RD x
    hoeken = [(b.minx + 1, b.miny + 1), (b.minx + 1, b.maxy - 1), (b.maxx - 1, b.miny + 1), (b.maxx - 1, b.maxy - 1)]
    assert not all(b.bevat(x, y) for x, y in hoeken)  # the envelope is larger than the box; bevat knows


def test_exacte_toets_bevat():
    b = parse_bbox(AMSTERDAM)
    assert b.bevat(*wgs84_naar_rd(4.9, 52.35)) is True
    assert b.bevat(*wgs84_naar_rd(4.7, 52.35)) is False
    x, y = wgs84_naar_rd(4.8, 52.3)
    binnen = b.bevat(np.array([x + 5, x - 5]), np.array([y + 5, y - 5]))
    assert binnen.tolist() == [True, False]


def test_epsg_4326_bbox_in_breedte_lengte_volgorde():
    a, b = parse_bbox(AMSTERDAM), parse_bbox("52.3,4.8,52.4,4.95", EPSG4326)
    assert (a.minx, a.miny, a.maxx, a.maxy) == (b.minx, b.miny, b.maxx, b.maxy)
    assert b.crs is Crs.EPSG4326 and b.bevat(*wgs84_naar_rd(4.9, 52.35)) is True
    e = parse_bbox("52.3,4.8,52.4,4.95", ETRS89)
    assert abs(e.minx - a.minx) < 1 and abs(e.maxy - a.maxy) < 1


def test_rd_bbox_ongewijzigd():
    b = parse_bbox("120000, 480000, 125000.5, 490000", RD)
    assert (b.minx, b.miny, b.maxx, b.maxy) == (120_000, 480_000, 125_000.5, 490_000)
    assert b.bevat(121_000, 485_000) is True and b.bevat(119_999, 485_000) is False
    assert parse_bbox("-7000,289000,300000,629000", "EPSG:28992") is not None  # the PDOK map extent


def test_bbox_buiten_nederland_is_leeg_maar_geldig():
    b = parse_bbox("100,10,120,20")
    assert b is LEGE_BBOX and b.leeg and b.minx > b.maxx
    assert b.bevat(155_000, 463_000) is False
    assert b.bevat(np.array([1.0, 2.0]), np.array([1.0, 2.0])).tolist() == [False, False]


def test_hele_wereld_wordt_het_rd_domein():
    b = parse_bbox("-180,-90,180,90")
    assert (b.minx, b.miny, b.maxx, b.maxy) == RD_DOMEIN and not b.leeg


def test_bbox_over_de_datumgrens():
    b = parse_bbox("7,52,3,53")  # lon 7..180 and -180..3
    assert not b.leeg
    assert b.bevat(*wgs84_naar_rd(7.1, 52.5)) is True
    assert b.bevat(*wgs84_naar_rd(2.5, 52.5)) is True
    assert b.bevat(*wgs84_naar_rd(5.0, 52.5)) is False
    assert parse_bbox("170,50,-170,55").leeg
    ver = parse_bbox("52,7,53,3", EPSG4326)
    assert (ver.minx, ver.maxx) == (b.minx, b.maxx)


@pytest.mark.parametrize(
    ("bbox", "crs", "match"),
    [
        ("4.8,52.3,0,4.95,52.4,10", None, "6 getallen"),
        ("4.8,52.3,4.95", None, "4 getallen"),
        ("4.8,52.3,4.95,52.4,1", None, "4 getallen"),
        ("", None, "getallen"),
        ("4.8;52.3;4.95;52.4", None, "getallen"),
        ("a,b,c,d", None, "getallen"),
        ("nan,52.3,4.95,52.4", None, "getallen"),
        ("inf,52.3,4.95,52.4", None, "getallen"),
        ("1e999,52.3,4.95,52.4", None, "te groot"),
        ("1_000,52.3,4.95,52.4", None, "getallen"),
        ("4.8,52.4,4.95,52.3", None, "minimum is groter"),
        ("4.8,52.3,4.8,52.4", None, "gelijk"),
        ("4.8,52.3,4.95,52.3", None, "gelijk"),
        ("4.8,-91,4.95,52.4", None, "buiten"),
        ("-181,52.3,4.95,52.4", None, "buiten"),
        ("52.3,4.8,52.4,200", EPSG4326, "lat,lon"),
        ("125000,480000,120000,490000", RD, "minimum is groter"),
        ("-100000,480000,120000,490000", RD, "RD-domein"),
        ("120000,480000,125000,990000", RD, "RD-domein"),
    ],
)
def test_bbox_weigeringen(bbox, crs, match):
    with fout("bbox", match):
        parse_bbox(bbox, crs)


def test_bbox_crs_weigering_ook_zonder_bbox():
    with fout("bbox-crs", "niet ondersteund"):
        parse_bbox(AMSTERDAM, "EPSG:3857")
    with fout("bbox-crs"):
        parse_bbox(None, "http://www.opengis.net/def/crs/EPSG/0/3857")


lon = st.floats(min_value=3.3, max_value=7.1)
lat = st.floats(min_value=50.8, max_value=53.6)


@given(lon, lat, lon, lat, st.floats(0, 1), st.floats(0, 1))
def test_elk_punt_in_de_box_valt_in_de_rd_envelop(lon1, lat1, lon2, lat2, fx, fy):
    assume(abs(lon1 - lon2) > 1e-6 and abs(lat1 - lat2) > 1e-6)
    lo, hi, la, lb = min(lon1, lon2), max(lon1, lon2), min(lat1, lat2), max(lat1, lat2)
    b = parse_bbox(f"{lo!r},{la!r},{hi!r},{lb!r}")
    x, y = wgs84_naar_rd(lo + fx * (hi - lo), la + fy * (lb - la), afronden=False)
    assert b.minx <= x <= b.maxx and b.miny <= y <= b.maxy


# --- punt + straal --------------------------------------------------------------------------------------------


def test_cirkel_in_crs84():
    c = parse_cirkel("5.3872035,52.1551723", "500")
    assert isinstance(c, RdCirkel) and abs(c.x - 155_000) < 0.01 and abs(c.y - 463_000) < 0.01
    assert c.straal == 500.0
    b = c.bbox
    assert isinstance(b, RdBbox) and (b.maxx - b.minx, b.maxy - b.miny) == (1000.0, 1000.0)
    assert c.bevat(c.x + 300, c.y + 400) is True  # 500 m: on the circle counts
    assert c.bevat(c.x + 400, c.y + 400) is False  # in the square, outside the circle
    assert c.bevat(np.array([c.x, c.x + 501]), np.array([c.y, c.y])).tolist() == [True, False]


def test_cirkel_in_rd_en_epsg_4326():
    assert parse_cirkel("155000,463000", 250, RD) == RdCirkel(155_000.0, 463_000.0, 250.0)
    a = parse_cirkel("52.1551723,5.3872035", 1.5, EPSG4326)
    b = parse_cirkel("5.3872035,52.1551723", 1.5, CRS84)
    assert (a.x, a.y) == (b.x, b.y)


def test_geen_cirkel():
    assert parse_cirkel(None, None) is None


@pytest.mark.parametrize(
    ("punt", "straal", "crs", "parameter", "match"),
    [
        ("5.387,52.155", None, None, "straal", "verplicht"),
        (None, "100", None, "punt", "verplicht"),
        ("5.387,52.155", "0", None, "straal", "groter zijn dan 0"),
        ("5.387,52.155", "-5", None, "straal", "groter zijn dan 0"),
        ("5.387,52.155", "50000.1", None, "straal", "hoogstens 50000"),
        ("5.387,52.155", "honderd", None, "straal", "getal"),
        ("5.387,52.155", "nan", None, "straal", "getal"),
        ("5.387,52.155", "1e999", None, "straal", "eindig"),
        ("5.387,52.155", float("inf"), None, "straal", "eindig"),
        ("5.387,52.155", True, None, "straal", "getal"),
        ("5.387", "100", None, "punt", "2 getallen"),
        ("5.387,52.155,3", "100", None, "punt", "2 getallen"),
        ("x,y", "100", None, "punt", "getallen"),
        ("52.155,5.387", "100", None, "punt", "buiten het Nederlandse domein"),  # lat/lon swapped in CRS84
        ("12.5,41.9", "100", None, "punt", "buiten het Nederlandse domein"),
        ("2.0,56.0", "100", None, "punt", "buiten het Nederlandse domein"),  # in GEO_DOMEIN, not in RD_DOMEIN
        ("5.387,95", "100", None, "punt", "buiten"),
        ("463000,155000", "100", RD, "punt", "RD-domein"),
        ("5.387,52.155", "100", "EPSG:3857", "crs", "niet ondersteund"),
    ],
)
def test_cirkel_weigeringen(punt, straal, crs, parameter, match):
    with fout(parameter, match):
        parse_cirkel(punt, straal, crs)


def test_maximale_straal_instelbaar():
    assert MAX_STRAAL == 50_000
    assert parse_cirkel("5.387,52.155", "50000").straal == 50_000
    assert parse_cirkel("5.387,52.155", "80000", max_straal=100_000).straal == 80_000
    with fout("straal", "hoogstens 1000"):
        parse_cirkel("5.387,52.155", 1001, max_straal=1000)
