"""Pages and security headers, tokens and the privacy officer's access log, at the request level."""

import re

import pytest
from django.test import Client

from openvth.audit.models import Inzage
from openvth.organisaties.models import ApiToken, Organisatie, Rol
from openvth.organisaties.services import gebruiker_create, systeem_actor

from ..fabrieken import totp_apparaat, totp_code

pytestmark = pytest.mark.django_db


def ingelogd(naam, lidmaatschappen):
    gebruiker = gebruiker_create(
        actor=systeem_actor(),
        gebruikersnaam=naam,
        wachtwoord="een-lang-test-wachtwoord-1",
        lidmaatschappen=lidmaatschappen,
    )
    client = Client()
    client.post("/inloggen", {"username": naam, "password": "een-lang-test-wachtwoord-1"})
    assert client.post("/tweede-factor", {"code": totp_code(totp_apparaat(gebruiker))}).status_code == 302
    return client


def test_beveiligingsheaders():
    r = Client().get("/")
    assert r.status_code == 200
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r["X-Frame-Options"] == "DENY" and r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"


def test_organisaties_met_filters_en_kaartdata():
    r = Client().get("/organisaties", {"soort": "omgevingsdienst", "q": "utrecht"})
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Omgevingsdienst Utrecht" in tekst and "Amsterdam" not in re.sub(
        r'<script id="kaartpunten".*?</script>', "", tekst, flags=re.S
    )
    assert len(r.context["kaartpunten"]) == 342


def test_organisatiepagina_en_404():
    odu = Organisatie.objects.get(code="odu")
    r = Client().get(f"/organisaties/{odu.uuid}")
    assert r.status_code == 200 and "Bunnik" in r.content.decode()
    assert Client().get("/organisaties/00000000-0000-0000-0000-000000000000").status_code == 404


def test_token_maken_tonen_en_intrekken():
    client = ingelogd("koppelaar", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    r = client.post("/tokens", {"naam": "zaaksysteem", "scopes": ["lezen"], "dagen": 30})
    sleutel = r.context["nieuw"]
    assert sleutel.startswith("ovth_") and sleutel in r.content.decode()
    token = ApiToken.objects.get(naam="zaaksysteem")
    assert token.organisatie.code == "odzob" and token.sleutel_hash != sleutel
    assert sleutel not in client.get("/tokens").content.decode()  # shown once
    assert Client().get("/api/v1/ik", headers={"Authorization": f"Bearer {sleutel}"}).status_code == 200
    client.post(f"/tokens/{token.uuid}/intrekken")
    assert Client().get("/api/v1/ik", headers={"Authorization": f"Bearer {sleutel}"}).status_code == 401


def test_token_van_een_ander_niet_intrekbaar():
    eigenaar = ingelogd("eigenaar", {"odzob": [Rol.HANDHAVER]})
    eigenaar.post("/tokens", {"naam": "mijn", "scopes": ["lezen"], "dagen": 30})
    token = ApiToken.objects.get(naam="mijn")
    ander = ingelogd("ander", {"odzob": [Rol.HANDHAVER]})
    assert ander.post(f"/tokens/{token.uuid}/intrekken").status_code == 404
    token.refresh_from_db()
    assert token.ingetrokken is None


def test_inzagelog_alleen_voor_privacy_officer():
    odzob = Organisatie.objects.get(code="odzob")
    Inzage.objects.create(
        actor_naam="collega",
        organisatie_id=odzob.pk,
        organisatie_naam=odzob.naam,
        object_soort="register.activiteituitvoering",
        object_id="abc",
        object_omschrijving="Bakkerij",
        vertrouwelijkheid="vertrouwelijk",
        doel="controle voorbereiden",
    )
    Inzage.objects.create(actor_naam="buitenstaander", organisatie_id=1, object_soort="x", object_id="def", doel="x")
    assert ingelogd("inspecteur", {"odzob": [Rol.TOEZICHTHOUDER]}).get("/inzagelog").status_code == 403
    po = ingelogd("privacy", {"odzob": [Rol.PRIVACY_OFFICER]})
    r = po.get("/inzagelog", {"wie": "colle"})
    assert r.status_code == 200 and "Bakkerij" in r.content.decode() and "buitenstaander" not in r.content.decode()
    assert po.get("/inzagelog", {"vanaf": "2026-05-01", "tot": "2026-04-01"}).context["form"].errors
