"""Authentication at the edge, through a client that enforces CSRF as a browser-facing server does.

Django's test client skips the CSRF check unless asked (`enforce_csrf_checks=True`); without it no test saw that
ninja refused every cookieless, anonymous or `Basic` request to an unsafe method with "CSRF check Failed".
"""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken

from ..fabrieken import LidmaatschapFactory, totp_apparaat

pytestmark = pytest.mark.django_db
PROBLEEM = "application/problem+json"
ADVIES = "/api/v1/lhso/advies"
SCHRIJVEN = "/api/v1/overtredingen"  # a write open to staff only (auth INGELOGD)
UITDAGING = 'Bearer realm="openvth"'


@pytest.fixture
def client():
    cache.clear()  # throttling state
    return Client(enforce_csrf_checks=True)


def _advies(client, **kop):
    return client.post(ADVIES, {"gedrag": "B", "gevolg": "3"}, content_type="application/json", headers=kop)


def _probleem(response, status) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEEM
    return response.json()


def _token(*scopes, code="odzob"):
    lid = LidmaatschapFactory(organisatie=Organisatie.objects.get(code=code), rollen=[Rol.HANDHAVER])
    token, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=lid.gebruiker, organisatie=lid.organisatie, naam="koppeling", scopes=scopes
    )
    return token, {"Authorization": f"Bearer {sleutel}"}


def _sessie(client, *, geverifieerd=True):
    """A staff session as the log-in would leave it (password given; second factor passed or not)."""
    lid = LidmaatschapFactory(organisatie=Organisatie.objects.get(code="odzob"), rollen=[Rol.HANDHAVER])
    client.force_login(lid.gebruiker)
    if geverifieerd:
        sessie = client.session
        sessie[DEVICE_ID_SESSION_KEY] = totp_apparaat(lid.gebruiker).persistent_id
        sessie.save()
    return lid.gebruiker


def _csrf(client) -> dict:
    assert client.get("/tokens").status_code == 200  # a page with a form sets the CSRF cookie
    return {"X-CSRFToken": client.cookies["csrftoken"].value}


# --- CSRF applies to the session cookie only ------------------------------------------------------------------


def test_openbare_post_zonder_cookies(client):
    r = _advies(client)
    assert r.status_code == 200, r.content
    assert r.json()["cel"]


def test_openbare_post_met_niet_geverifieerde_sessie(client):
    """A half-logged-in session (password, no second factor) is not a credential: served anonymously, no CSRF."""
    _sessie(client, geverifieerd=False)
    assert _advies(client).status_code == 200


def test_anonieme_schrijfactie_is_401_met_uitdaging(client):
    inhoud = _probleem(client.post(SCHRIJVEN, {}, content_type="application/json"), 401)
    r = client.post(SCHRIJVEN, {}, content_type="application/json")
    assert r["WWW-Authenticate"] == UITDAGING
    assert "CSRF" not in inhoud["detail"]


@pytest.mark.parametrize("pad", [SCHRIJVEN, ADVIES])
def test_basic_header_is_401_niet_csrf(client, pad):
    r = client.post(
        pad, {"gedrag": "B", "gevolg": "3"}, content_type="application/json", headers={"Authorization": "Basic YTpi"}
    )
    inhoud = _probleem(r, 401)
    assert r["WWW-Authenticate"] == UITDAGING and "CSRF" not in inhoud["detail"]


def test_geweigerd_token_krijgt_invalid_token(client):
    r = client.get("/api/v1/ik", headers={"Authorization": "Bearer ovth_verzonnen"})
    _probleem(r, 401)
    assert r["WWW-Authenticate"] == 'Bearer realm="openvth", error="invalid_token"'


def test_token_schrijft_zonder_csrf_ook_met_sessiecookie(client):
    _sessie(client)  # a browser session as well: the token decides, CSRF is not asked
    _, kop = _token("lezen", "schrijven")
    r = client.post(SCHRIJVEN, {}, content_type="application/json", headers=kop)
    assert _probleem(r, 400)["invalidParams"]  # past authentication: the (empty) body is what is wrong


def test_sessie_schrijft_alleen_met_csrf_token(client):
    _sessie(client)
    geweigerd = _probleem(client.post(SCHRIJVEN, {}, content_type="application/json"), 403)
    assert "CSRF" in geweigerd["detail"]
    r = client.post(SCHRIJVEN, {}, content_type="application/json", headers=_csrf(client))
    assert _probleem(r, 400)["invalidParams"]


def test_sessie_leest_zonder_csrf_token(client):
    _sessie(client)
    assert client.get("/api/v1/ik").status_code == 200


# --- token scopes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pad", ["/api/v1/ik", "/api/v1/overtredingen", "/api/v1/organisaties"])
def test_token_zonder_lezen_leest_niet(client, pad):
    _, kop = _token("schrijven")
    inhoud = _probleem(client.get(pad, headers=kop), 403)
    assert "lezen" in inhoud["detail"]


def test_token_zonder_schrijven_schrijft_niet(client):
    _, kop = _token("lezen")
    inhoud = _probleem(client.post(SCHRIJVEN, {}, content_type="application/json", headers=kop), 403)
    assert "schrijven" in inhoud["detail"]
    assert _advies(client, **kop).status_code == 200  # a public calculation changes nothing: any token may ask


def test_token_met_lezen_leest(client):
    _, kop = _token("lezen")
    assert client.get("/api/v1/ik", headers=kop).json()["scopes"] == ["lezen"]


# --- no tokens for an organisation that has ended --------------------------------------------------------------


def test_geen_token_voor_beeindigde_organisatie():
    lid = LidmaatschapFactory(organisatie=Organisatie.objects.get(code="odzob"), rollen=[Rol.HANDHAVER])
    Organisatie.objects.filter(code="odzob").update(geldig_tot=timezone.localdate())
    with pytest.raises(OngeldigeInvoer, match="bestaat niet"):
        token_maken(
            actor=systeem_actor(),
            gebruiker=lid.gebruiker,
            organisatie=Organisatie.objects.get(code="odzob"),
            naam="x",
            scopes=["lezen"],
        )


def test_token_houdt_op_als_de_organisatie_eindigt(client):
    _, kop = _token("lezen")
    assert client.get("/api/v1/ik", headers=kop).status_code == 200
    Organisatie.objects.filter(code="odzob").update(geldig_tot=timezone.localdate())
    inhoud = _probleem(client.get("/api/v1/ik", headers=kop), 401)
    assert "bestaat niet meer" in inhoud["detail"]


def test_sessie_handelt_niet_meer_voor_een_beeindigde_organisatie(client):
    _sessie(client)
    assert client.get("/api/v1/ik").json()["organisatie"]["code"] == "odzob"
    Organisatie.objects.filter(code="odzob").update(geldig_tot=timezone.localdate())
    antwoord = client.get("/api/v1/ik")
    assert antwoord.status_code != 200 or antwoord.json().get("organisatie") is None


def test_sessiesleutel_hulpmiddel_is_echt(client):
    """The helper above really makes a verified session (else the CSRF tests would prove nothing)."""
    _sessie(client)
    assert SessionStore().exists(client.session.session_key)
    assert client.get("/api/v1/ik").json()["organisatie"]["code"] == "odzob"
