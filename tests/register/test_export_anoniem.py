"""Anonymous downloads of the register are bounded and throttled; staff downloads are not bounded (they are
limited by the access policy and logged)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from openvth.organisaties.models import Rol
from openvth.register.generator import genereer

from ..fabrieken import LidmaatschapFactory, totp_apparaat

pytestmark = pytest.mark.django_db
EXPORT = "/register/export.csv"


@pytest.fixture
def register(wereld):
    cache.clear()  # throttling state
    genereer(aantal=60, seed=11, peildatum=date(2026, 6, 1), omgevingsdienst="odzob")
    return wereld


def _regels(response) -> int:
    return b"".join(response.streaming_content).count(b"\r\n") - 1  # minus the header


def test_anonieme_download_boven_de_grens_geweigerd(register, settings):
    settings.OPENVTH_ANONIEM_EXPORT_MAX_RIJEN = 5
    r = Client().get(EXPORT)
    assert r.status_code == 400
    tekst = r.content.decode()
    assert "meer dan 5 activiteiten" in tekst and "Verfijn de zoekvraag" in tekst


def test_anonieme_download_binnen_de_grens(register, settings):
    settings.OPENVTH_ANONIEM_EXPORT_MAX_RIJEN = 5
    r = Client().get(EXPORT, {"q": "De Korst"})
    assert r.status_code == 200
    assert 1 <= _regels(r) <= 5


def test_anonieme_downloads_worden_afgeremd(register, settings):
    settings.OPENVTH_ANONIEM_EXPORT_LIMIET = "2/m"
    client = Client()
    statussen = [client.get(EXPORT, {"q": "De Korst"}).status_code for _ in range(3)]
    assert statussen == [200, 200, 429]
    r = client.get(EXPORT, {"q": "De Korst"})
    assert r.status_code == 429 and int(r["Retry-After"]) >= 1 and "te veel downloads" in r.content.decode()


def test_medewerker_niet_begrensd(register, settings):
    settings.OPENVTH_ANONIEM_EXPORT_MAX_RIJEN = 5
    settings.OPENVTH_ANONIEM_EXPORT_LIMIET = "1/m"
    lid = LidmaatschapFactory(organisatie=register["odzob"], rollen=[Rol.TOEZICHTHOUDER])
    client = Client()
    client.force_login(lid.gebruiker)
    sessie = client.session
    sessie["otp_device_id"] = totp_apparaat(lid.gebruiker).persistent_id
    sessie.save()
    eerste, tweede = client.get(EXPORT), client.get(EXPORT)
    assert eerste.status_code == tweede.status_code == 200
    assert _regels(eerste) > 5
