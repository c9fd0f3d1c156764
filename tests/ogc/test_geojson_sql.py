"""The database-built map features (ogc/geojson.py) equal the Python-built ones (geojson.kaart_eigenschappen)."""

import json

import pytest

from openvth.ogc import geojson
from openvth.ogc.views import COLLECTIES
from openvth.register.models import Activiteituitvoering

from .test_ogc import wereld  # noqa: F401 - the fixture


@pytest.mark.parametrize("crs", geojson.KAN)
def test_sql_features_gelijk_aan_python(crs, wereld):  # noqa: F811
    Activiteituitvoering.objects.filter(pk=Activiteituitvoering.objects.order_by("pk").first().pk).update(
        kwalificatiecodes=""
    )
    collectie = COLLECTIES["activiteituitvoeringen"]
    qs = collectie.zoek(None, None)
    snel = [json.loads(tekst) for tekst in geojson.uitvoering_features(qs, crs)]
    traag = [collectie.feature(record, crs, lijst=True) for record in qs]
    assert snel and snel == traag
