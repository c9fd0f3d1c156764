"""Objections and appeals against an order over HTTP (Awb 5:35 lid 2, 6:16, 8:81), and urgent coercion (5:31)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client

from openvth.handhaving import services
from openvth.handhaving.models import Fase, Handhavingsmaatregel, Verbeurte
from openvth.organisaties.models import Lidmaatschap, Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken

from . import opbouw

pytestmark = pytest.mark.django_db
MAATREGELEN = "/api/v1/handhavingsmaatregelen"


@pytest.fixture
def jurist() -> Client:
    cache.clear()
    gebruiker = opbouw.persoon("jurist")
    organisatie = Organisatie.objects.get(code="odzob")
    Lidmaatschap.objects.get_or_create(
        gebruiker=gebruiker, organisatie=organisatie, defaults={"rollen": [Rol.HANDHAVER]}
    )
    _t, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=gebruiker, organisatie=organisatie, naam="test", scopes=["lezen", "schrijven"]
    )
    return Client(headers={"Authorization": f"Bearer {sleutel}"})


def _ineens_verbeurd() -> Handhavingsmaatregel:
    """A lump sum of € 800 decided 7 January 2025 with a grace period to 14 January, forfeited on 15 January."""
    wie = opbouw.handhaver()
    m = Handhavingsmaatregel.objects.create(
        overtreding=opbouw.overtreding(wie),
        instrument="LOD",
        fase=Fase.VERBEURD,
        herstellend=True,
        dwangsom_vorm="ineens",
        dwangsom_bedrag=Decimal("800.00"),
        dwangsom_maximum=Decimal("800.00"),
        dwangsom_strekking="ongedaan maken van een overtreding",
        opgelegd_op=date(2025, 1, 7),
        begunstigingstermijn="P1W",
        begunstigingstermijn_tot=date(2025, 1, 14),
    )
    Verbeurte.objects.create(
        maatregel=m,
        datum=date(2025, 1, 15),
        verbeurd_vanaf=date(2025, 1, 15),
        bedrag=Decimal("800.00"),
        betalen_voor=date(2025, 2, 26),
        verjaart_op=date(2026, 1, 15),
        door=opbouw.persoon("handhaver"),
    )
    return m


def _post(client, pad, inhoud):
    etag = client.get(pad.rsplit("/rechtsmiddelen", 1)[0])["ETag"]
    return client.post(pad, inhoud, content_type="application/json", headers={"If-Match": etag})


def test_bezwaar_en_beslissing_over_http(jurist):
    pad = f"{MAATREGELEN}/{_ineens_verbeurd().uuid}"
    assert (
        jurist.post(
            f"{pad}/rechtsmiddelen", {"soort": "bezwaar", "ingediendOp": "2025-02-10"}, content_type="application/json"
        ).status_code
        == 428
    )
    r = _post(jurist, f"{pad}/rechtsmiddelen", {"soort": "bezwaar", "ingediendOp": "2025-02-10", "kenmerk": "BZ-1"})
    assert r.status_code == 201, r.content
    detail = r.json()
    [bezwaar] = detail["rechtsmiddelen"]
    assert (bezwaar["soort"], bezwaar["beslistOp"], bezwaar["kenmerk"]) == ("bezwaar", None, "BZ-1")
    post = detail["grootboek"]["posten"][0]
    assert (post["verjaartOp"], post["verjaringVerlengd"], post["verjaard"]) == ("2026-01-15", True, False)
    r = _post(
        jurist, f"{pad}/rechtsmiddelen/{bezwaar['id']}/beslissing", {"beslistOp": "2026-05-04", "uitkomst": "ongegrond"}
    )
    assert r.status_code == 201, r.content
    post = r.json()["grootboek"]["posten"][0]
    assert (post["verjaartOp"], post["verjaringVerlengd"]) == ("2026-06-15", False)
    assert any("Awb 5:35 lid 2" in regel for regel in post["motivering"])


def test_rechtsmiddel_fouten_over_http(jurist):
    pad = f"{MAATREGELEN}/{_ineens_verbeurd().uuid}"
    r = _post(jurist, f"{pad}/rechtsmiddelen", {"soort": "klacht", "ingediendOp": "2025-02-10"})
    assert r.status_code == 400
    r = _post(jurist, f"{pad}/rechtsmiddelen/999999/beslissing", {"beslistOp": "2025-03-01", "uitkomst": "ongegrond"})
    assert r.status_code == 404


def test_spoedeisende_bestuursdwang_in_het_detail(jurist):
    wie = opbouw.handhaver()
    m = services.maatregel_maken(
        actor=wie,
        overtreding=opbouw.overtreding(wie),
        instrument="LOB",
        naar=Fase.BESTUURSDWANG,
        datum=date(2025, 1, 8),
        gegevens={"toegepast_op": "2025-01-06", "spoed_grond": "acuut gevaar", "omschrijving": "Tank leeggepompt."},
    )
    detail = jurist.get(f"{MAATREGELEN}/{m.uuid}").json()
    assert (detail["spoedeisend"], detail["bestuursdwangToegepastOp"], detail["rechtsmiddelen"]) == (
        "Awb 5:31 lid 2",
        "2025-01-06",
        [],
    )


def test_veldfout_van_de_service_heet_in_de_api_zoals_het_schema(jurist):
    """The service refuses `ingediend_op` (snake_case, as the model and the form); the client reads `ingediendOp`,
    the name it sent (api.problemen converts once)."""
    pad = f"{MAATREGELEN}/{_ineens_verbeurd().uuid}"
    r = _post(jurist, f"{pad}/rechtsmiddelen", {"soort": "bezwaar", "ingediendOp": "2025-01-02"})
    assert r.status_code == 400, r.content
    inhoud = r.json()
    assert [p["name"] for p in inhoud["invalidParams"]] == ["ingediendOp"]
    assert inhoud["detail"].startswith("ingediendOp: tussen het besluit (07-01-2025) en vandaag")
