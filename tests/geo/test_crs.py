"""Tests for geo/crs.py: official test points, known places, round trips, axis order, CRS URIs. No database."""

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Geod, Transformer

from openvth.geo import crs as c
from openvth.geo.crs import Crs

GEOD = Geod(ellps="GRS80")

# RDNAPTRANS(TM)2008 test sheet (Kadaster/Rijkswaterstaat, "RDNAP"), points 01-07 without 04 (same place, 100 m up):
# RD x, y and ETRS89 latitude, longitude of the official transformation.
TESTBLAD = [
    ("Texel", 117380.12, 575040.34, 53.160753042, 4.824761912),
    ("Noord-Groningen", 247380.56, 604580.78, 53.419482050, 6.776726674),
    ("Amersfoort", 155000.00, 463000.00, 52.155172897, 5.387203657),
    ("Zeeuws-Vlaanderen", 16460.91, 377380.23, 51.368607152, 3.397588595),
    ("Zuid-Limburg", 182260.45, 311480.67, 50.792584916, 5.773795548),
    ("Maasvlakte", 64640.89, 440700.01, 51.947393898, 4.072887101),
]


def meters(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


@pytest.mark.parametrize(("naam", "x", "y", "lat", "lon"), TESTBLAD)
def test_officiele_testpunten_binnen_een_halve_meter(naam, x, y, lat, lon):
    assert meters(*c.rd_naar_wgs84(x, y), lon, lat) < 0.5, naam
    rx, ry = c.wgs84_naar_rd(lon, lat)
    assert math.hypot(rx - x, ry - y) < 0.5, naam
    ex, ey = c.transformeer(lat, lon, Crs.ETRS89, Crs.RD)
    assert math.hypot(float(ex) - x, float(ey) - y) < 0.5, naam


def test_amersfoort_onze_lieve_vrouwetoren():
    lon, lat = c.rd_naar_wgs84(155_000, 463_000)
    assert abs(lat - 52.15517) <= 1e-5 and abs(lon - 5.38721) <= 1e-5  # the published 5 decimals (~1 m)
    assert meters(lon, lat, 5.3872035084, 52.1551723012) < 0.5  # pyproj 3.7.2 / PROJ 9.5.1, full precision


def test_dam_amsterdam():
    x, y = c.wgs84_naar_rd(4.8932, 52.3731)  # the square, roughly; RD roughly (121 360, 487 360)
    assert abs(x - 121_359) < 50 and abs(y - 487_362) < 50
    assert math.hypot(x - 121_358.613, y - 487_361.812) < 0.5  # pyproj 3.7.2 reference
    assert meters(*c.rd_naar_wgs84(x, y, afronden=False), 4.8932, 52.3731) < 0.001


nl_x = st.floats(min_value=c.NEDERLAND_RD[0], max_value=c.NEDERLAND_RD[2])
nl_y = st.floats(min_value=c.NEDERLAND_RD[1], max_value=c.NEDERLAND_RD[3])


@given(nl_x, nl_y)
def test_rondreis_rd_crs84_rd_binnen_een_millimeter(x, y):
    lon, lat = c.rd_naar_wgs84(x, y, afronden=False)
    rx, ry = c.wgs84_naar_rd(lon, lat, afronden=False)
    assert math.hypot(rx - x, ry - y) < 0.001


@given(nl_x, nl_y)
def test_rondreis_met_afronding_binnen_een_centimeter(x, y):
    rx, ry = c.wgs84_naar_rd(*c.rd_naar_wgs84(x, y))
    assert math.hypot(rx - x, ry - y) < 0.01


def test_afronding_rd_drie_en_graden_zeven_decimalen():
    lon, lat = c.rd_naar_wgs84(155_000.123456, 463_000.987654)
    assert lon == round(lon, 7) and lat == round(lat, 7)
    x, y = c.wgs84_naar_rd(5.123456789, 52.123456789)
    assert x == round(x, 3) and y == round(y, 3)
    lons, lats = c.rd_naar_wgs84_vector([155_000.123456], [463_000.987654])
    assert (lons[0], lats[0]) == (lon, lat)


def test_vector_gelijk_aan_los_en_in_een_aanroep():
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 280_000, 100_000)
    y = rng.uniform(310_000, 620_000, 100_000)
    lon, lat = c.rd_naar_wgs84_vector(x, y)
    assert lon.shape == x.shape and lon.dtype == np.float64
    for i in (0, 4_999, 99_999):
        assert (lon[i], lat[i]) == c.rd_naar_wgs84(x[i], y[i])
    rx, ry = c.wgs84_naar_rd_vector(lon, lat, afronden=False)
    assert np.max(np.hypot(rx - x, ry - y)) < 0.01  # lon/lat were rounded to 7 decimals
    lijst_lon, _ = c.rd_naar_wgs84_vector(list(x[:3]), tuple(y[:3]))  # plain sequences too
    assert list(lijst_lon) == list(lon[:3])


def test_invoer_wordt_niet_gewijzigd():
    x, y = np.array([155_000.0]), np.array([463_000.0])
    c.rd_naar_wgs84_vector(x, y)
    assert x[0] == 155_000.0 and y[0] == 463_000.0


def test_stroom_in_blokken():
    punten = [(100_000.0 + i * 1000, 450_000.0 + i * 500) for i in range(10)]
    los = [c.rd_naar_wgs84(x, y) for x, y in punten]
    assert list(c.rd_naar_wgs84_stroom(iter(punten), blokgrootte=3)) == los
    assert list(c.rd_naar_wgs84_stroom([])) == []


def test_epsg_4326_en_4258_hebben_breedte_eerst():
    lon, lat = c.rd_naar_wgs84(155_000, 463_000)
    a, b = c.transformeer(155_000, 463_000, Crs.RD, Crs.EPSG4326)
    assert (float(a), float(b)) == (lat, lon)
    x, y = c.transformeer(lat, lon, Crs.EPSG4326, Crs.RD)
    assert (float(x), float(y)) == c.wgs84_naar_rd(lon, lat)
    a, b = c.transformeer(155_000, 463_000, Crs.RD, Crs.ETRS89)
    assert abs(float(a) - 52.15517) < 1e-4 and abs(float(b) - 5.38720) < 1e-4
    a, b = c.transformeer(lon, lat, Crs.CRS84, Crs.EPSG4326)  # same datum: only the axes swap
    assert (float(a), float(b)) == (lat, lon)
    assert Crs.EPSG4326.lat_lon and Crs.ETRS89.lat_lon and not Crs.CRS84.lat_lon and not Crs.RD.lat_lon


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("http://www.opengis.net/def/crs/OGC/1.3/CRS84", Crs.CRS84),
        ("http://www.opengis.net/def/crs/EPSG/0/28992", Crs.RD),
        ("http://www.opengis.net/def/crs/EPSG/0/4326", Crs.EPSG4326),
        ("http://www.opengis.net/def/crs/EPSG/0/4258", Crs.ETRS89),
        (" EPSG:28992 ", Crs.RD),
        ("ogc:crs84", Crs.CRS84),
        ("[EPSG:4326]", Crs.EPSG4326),
        (None, Crs.CRS84),
    ],
)
def test_crs_uit_uri(invoer, verwacht):
    assert c.crs_uit_uri(invoer) is verwacht


def test_crs_constanten():
    assert c.CRS84 == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    assert c.RD == "http://www.opengis.net/def/crs/EPSG/0/28992"
    assert c.EPSG4326 == "http://www.opengis.net/def/crs/EPSG/0/4326"
    assert c.crs_uit_uri(None, standaard=Crs.RD) is Crs.RD


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "EPSG:3857",
        "http://www.opengis.net/def/crs/EPSG/0/3857",
        "https://www.opengis.net/def/crs/EPSG/0/28992",
        "28992",
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84h",
    ],
)
def test_crs_uit_uri_weigert_onbekende(uri):
    with pytest.raises(ValueError, match="wordt niet ondersteund.*EPSG/0/28992"):
        c.crs_uit_uri(uri)


def test_binnen_nederland():
    assert c.binnen_nederland_rd(155_000, 463_000) is True
    assert c.binnen_nederland_rd(463_000, 155_000) is False  # x and y swapped
    assert c.binnen_nederland_rd(float("nan"), 463_000) is False
    assert c.binnen_nederland_wgs84(5.387, 52.155) is True
    assert c.binnen_nederland_wgs84(52.155, 5.387) is False  # lat/lon swapped
    masker = c.binnen_nederland_rd(np.array([155_000, 0, -10]), np.array([463_000, 0, 400_000]))
    assert masker.tolist() == [True, False, False]
    for _, x, y, lat, lon in TESTBLAD:
        assert c.binnen_nederland_rd(x, y) and c.binnen_nederland_wgs84(lon, lat)


def test_domeinen_passen_op_elkaar():
    naar_rd = Transformer.from_crs("OGC:CRS84", "EPSG:28992", always_xy=True)
    minx, miny, maxx, maxy = naar_rd.transform_bounds(*c.NEDERLAND_WGS84, densify_pts=101)
    n = c.NEDERLAND_RD
    assert n[0] <= minx and n[1] <= miny and maxx <= n[2] and maxy <= n[3]
    d = c.RD_DOMEIN
    assert d[0] <= n[0] and d[1] <= n[1] and n[2] <= d[2] and n[3] <= d[3]
    naar_wgs = Transformer.from_crs("EPSG:28992", "OGC:CRS84", always_xy=True)
    lon0, lat0, lon1, lat1 = naar_wgs.transform_bounds(*c.RD_DOMEIN, densify_pts=101)
    g = c.GEO_DOMEIN
    assert g[0] <= lon0 and g[1] <= lat0 and lon1 <= g[2] and lat1 <= g[3]


def test_transformers_gedeeld_tussen_threads():
    rng = np.random.default_rng(7)
    x, y = rng.uniform(0, 280_000, 2_000), rng.uniform(310_000, 620_000, 2_000)
    verwacht = c.rd_naar_wgs84_vector(x, y)
    with ThreadPoolExecutor(4) as pool:
        uitkomsten = list(pool.map(lambda _: c.rd_naar_wgs84_vector(x, y), range(16)))
    for lon, lat in uitkomsten:
        assert np.array_equal(lon, verwacht[0]) and np.array_equal(lat, verwacht[1])
