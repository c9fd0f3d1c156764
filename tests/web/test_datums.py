"""One date style on every screen: `8 dec. 2026` short, `8 december 2026` long, and English under English."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from openvth.web.templatetags.datums import datum_kort, datum_lang, datum_tijd

BRON = Path(__file__).resolve().parents[2] / "src" / "openvth"


def test_kort_en_lang_in_het_nederlands():
    with translation.override("nl"):
        assert datum_kort(date(2026, 12, 8)) == "8 dec. 2026"
        assert datum_kort(date(2026, 3, 1)) == "1 mrt. 2026"
        assert datum_kort(date(2026, 5, 19)) == "19 mei 2026"
        assert datum_lang(date(2026, 12, 8)) == "8 december 2026"


def test_kort_en_lang_in_het_engels():
    with translation.override("en"):
        assert datum_kort(date(2026, 12, 8)) == "8 Dec 2026"
        assert datum_lang(date(2026, 12, 8)) == "8 December 2026"


def test_tijdstip_in_lokale_tijd_en_leeg_voor_geen_datum():
    moment = datetime(2026, 12, 8, 13, 5, tzinfo=ZoneInfo("UTC"))
    with translation.override("nl"):
        assert datum_tijd(moment) == "8 dec. 2026 14:05"  # Europe/Amsterdam in winter
        assert datum_kort(moment) == "8 dec. 2026"
    assert datum_kort(None) == datum_lang("") == datum_tijd(None) == ""


def test_filters_zijn_in_elke_template_beschikbaar():
    with translation.override("nl"):
        html = Template("{{ d|datum_kort }} / {{ d|datum_lang }}").render(Context({"d": date(2026, 12, 8)}))
    assert html == "8 dec. 2026 / 8 december 2026"


def test_geen_numerieke_of_engelse_datumnotatie_meer_in_templates():
    """`08-12-2026` and `7 Dec 2026` beside `8 december 2026` on one screen was the complaint (issue 13)."""
    afwijkend = re.compile(r'\|date:"(d-m-Y|j-n-Y|j M Y|j F Y)"')
    gevonden = [str(p.relative_to(BRON)) for p in BRON.rglob("*.html") if afwijkend.search(p.read_text("utf-8"))]
    assert gevonden == []
