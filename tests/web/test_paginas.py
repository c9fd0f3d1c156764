"""Pages and security headers, tokens and the privacy officer's access log, at the request level."""

import re

import pytest
from django.test import Client

from openvth.audit.models import Inzage
from openvth.organisaties.models import ApiToken, Organisatie, Rol
from openvth.organisaties.services import gebruiker_maken, systeem_actor

from ..fabrieken import totp_apparaat, totp_code

pytestmark = pytest.mark.django_db


def ingelogd(naam, lidmaatschappen):
    gebruiker = gebruiker_maken(
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


def test_mandaten_en_deelafspraken_beheren():
    from openvth.audit.models import Auditgebeurtenis
    from openvth.organisaties.models import Deelafspraak, Mandaat

    beheer = ingelogd("fb-eindhoven", {"GM0772": [Rol.FUNCTIONEEL_BEHEERDER]})
    odzob = Organisatie.objects.get(code="odzob")
    r = beheer.post(
        "/afspraken",
        {
            "soort": "mandaat",
            "m-mandaatnemer": odzob.pk,
            "m-taakcategorieen": ["basistaak"],
            "m-geldig_vanaf": "2026-01-01",
            "m-besluit": "Mandaatbesluit 2026",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    mandaat = Mandaat.objects.get(mandaatgever__code="GM0772")
    ilt = Organisatie.objects.get(code="ilt")
    r = beheer.post(
        "/afspraken",
        {
            "soort": "deelafspraak",
            "d-ontvanger": ilt.pk,
            "d-recordsoort": "register.vthobject",
            "d-plafond": "vertrouwelijk",
            "d-geldig_vanaf": "2026-01-01",
            "d-grondslag": "Convenant Inspectieview, art. 3",
        },
    )
    assert r.status_code == 302
    assert Deelafspraak.objects.get(verstrekker__code="GM0772").ontvanger == ilt
    pagina = beheer.get("/afspraken").content.decode()
    assert "Mandaatbesluit 2026" in pagina and "Convenant Inspectieview" in pagina
    assert beheer.post(f"/afspraken/mandaat/{mandaat.uuid}/beeindigen", {"per": "2026-06-01"}).status_code == 302
    mandaat.refresh_from_db()
    assert str(mandaat.geldig_tot) == "2026-06-01"
    assert Auditgebeurtenis.objects.filter(actie="mandaat.beeindigd", object_id=str(mandaat.uuid)).exists()
    # the service, party to the mandate, sees it but cannot end it; an unrelated organisation does not see it
    dienst = ingelogd("fb-odzob", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    assert "Mandaatbesluit 2026" in dienst.get("/afspraken").content.decode()
    assert "Convenant Inspectieview" not in dienst.get("/afspraken").content.decode()
    r = dienst.post(f"/afspraken/mandaat/{mandaat.uuid}/beeindigen", {"per": "2026-07-01"}, follow=True)
    assert "Alleen Eindhoven zelf" in r.content.decode()
    ander = ingelogd("fb-amsterdam", {"GM0363": [Rol.FUNCTIONEEL_BEHEERDER]})
    assert ander.post(f"/afspraken/mandaat/{mandaat.uuid}/beeindigen", {"per": "2026-07-01"}).status_code == 404


def test_alleen_beheerders_leggen_afspraken_vast():
    from openvth.organisaties.models import Mandaat

    inspecteur = ingelogd("inspecteur-e", {"GM0772": [Rol.TOEZICHTHOUDER]})
    odzob = Organisatie.objects.get(code="odzob")
    r = inspecteur.post(
        "/afspraken",
        {
            "soort": "mandaat",
            "m-mandaatnemer": odzob.pk,
            "m-taakcategorieen": ["basistaak"],
            "m-geldig_vanaf": "2026-01-01",
            "m-besluit": "x",
        },
        follow=True,
    )
    assert not Mandaat.objects.filter(mandaatgever__code="GM0772").exists()
    assert "rol" in r.content.decode()
