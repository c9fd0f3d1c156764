"""Log-in: argon2 hashes, lock-out after repeated failures, a TOTP second factor for staff, recovery codes,
and acting for one organisation at a time."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice

from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.selectors import SESSIE_ORGANISATIE
from openvth.organisaties.services import gebruiker_maken, systeem_actor

from ..fabrieken import totp_apparaat, totp_code

pytestmark = pytest.mark.django_db
WACHTWOORD = "een-lang-test-wachtwoord-1"


@pytest.fixture
def gebruiker():
    cache.clear()
    return gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="inspecteur",
        wachtwoord=WACHTWOORD,
        lidmaatschappen={"odzob": [Rol.TOEZICHTHOUDER], "GM0772": [Rol.ADVISEUR]},
    )


def _inloggen(client, wachtwoord=WACHTWOORD, naam="inspecteur"):
    return client.post("/inloggen", {"username": naam, "password": wachtwoord})


def test_wachtwoord_met_argon2(gebruiker, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    gebruiker.set_password(WACHTWOORD)
    assert gebruiker.password.startswith("argon2$")
    from openvth.conf import settings as echte_instellingen

    assert echte_instellingen.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_tweede_factor_verplicht_en_instellen(gebruiker, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp slows retries down after a wrong code; not under test here
    client = Client()
    assert _inloggen(client).status_code == 302
    r = client.get("/organisaties")
    assert r.status_code == 302 and r["Location"] == "/tweede-factor?next=%2Forganisaties"
    assert client.get("/tweede-factor")["Location"] == "/tweede-factor/instellen"
    r = client.get("/tweede-factor/instellen")
    assert r.status_code == 200 and b"<svg" in r.content
    apparaat = gebruiker.totpdevice_set.get()
    assert client.post("/tweede-factor/instellen", {"code": "000000"}).status_code == 200  # wrong: form again
    r = client.post("/tweede-factor/instellen", {"code": totp_code(apparaat)})
    assert r.status_code == 200 and r.context["codes"] and len(r.context["codes"]) == 10
    assert client.get("/organisaties").status_code == 200
    # the API sees the verified session as the acting organisation
    assert client.get("/api/v1/ik").json()["organisatie"]["code"] in {"odzob", "GM0772"}


def test_inloggen_met_herstelcode_eenmalig(gebruiker):
    totp_apparaat(gebruiker)
    herstel = StaticDevice.objects.create(user=gebruiker, name="herstelcodes")
    herstel.token_set.create(token="abcdef1234")
    client = Client()
    _inloggen(client)
    assert client.post("/tweede-factor?next=/tokens", {"code": "abcdef1234"})["Location"] == "/tokens"
    client.post("/uitloggen")
    _inloggen(client)
    r = client.post("/tweede-factor", {"code": "abcdef1234"})
    assert r.status_code == 200 and "onjuist" in r.content.decode()


def test_blokkade_na_herhaalde_mislukte_pogingen(gebruiker, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _inloggen(client, wachtwoord="fout").status_code == 200
    assert _inloggen(client, wachtwoord="fout").status_code == 429  # the limit is reached
    r = _inloggen(client)  # now even the right password is refused
    assert r.status_code == 429 and "geblokkeerd" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_wisselen_van_organisatie(gebruiker):
    totp = totp_apparaat(gebruiker)
    client = Client()
    _inloggen(client)
    client.post("/tweede-factor", {"code": totp_code(totp)})
    eindhoven = Organisatie.objects.get(code="GM0772")
    r = client.post("/optreden-voor", {"organisatie": eindhoven.pk, "terug": "/organisaties"}, follow=True)
    assert r.context["actor"].organisatie == eindhoven and r.context["actor"].rollen == {"adviseur"}
    assert client.get("/api/v1/ik").json()["organisatie"]["code"] == "GM0772"
    vreemd = Organisatie.objects.get(code="dcmr")
    r = client.post("/optreden-voor", {"organisatie": vreemd.pk}, follow=True)
    assert client.session[SESSIE_ORGANISATIE] == eindhoven.pk
    assert "geen lid" in r.content.decode()


def test_onveilige_terugverwijzing_genegeerd(gebruiker):
    totp = totp_apparaat(gebruiker)
    client = Client()
    _inloggen(client)
    client.post("/tweede-factor", {"code": totp_code(totp)})
    org = Organisatie.objects.get(code="odzob")
    assert client.post("/optreden-voor", {"organisatie": org.pk, "terug": "//kwaad.example"})["Location"] == "/"


def test_te_snel_na_een_foute_code_zegt_wachten(gebruiker):
    totp = totp_apparaat(gebruiker)
    client = Client()
    _inloggen(client)
    client.post("/tweede-factor", {"code": "000000"})
    r = client.post("/tweede-factor", {"code": totp_code(totp)})  # right, but django-otp is slowing down guessing
    assert "Te veel pogingen" in r.content.decode() and "_auth_user_id" in client.session
    assert not r.wsgi_request.user.is_verified()


def test_niet_geverifieerde_sessie_is_anoniem_voor_de_api(gebruiker):
    client = Client()
    _inloggen(client)
    assert client.get("/api/v1/ik").status_code == 401
    assert get_user_model().objects.get(username="inspecteur").is_active


def test_sessie_id_nieuw_na_tweede_factor(gebruiker):
    """The id a session had with only the password given (or that an attacker fixed) carries no staff rights."""
    totp = totp_apparaat(gebruiker)
    client = Client()
    _inloggen(client)
    voor = client.session.session_key
    assert client.post("/tweede-factor", {"code": totp_code(totp)}).status_code == 302
    na = client.session.session_key
    assert na != voor and not SessionStore().exists(voor)
    assert client.get("/api/v1/ik").status_code == 200  # the new id is the verified session


def test_sessie_id_nieuw_na_instellen_tweede_factor(gebruiker, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client = Client()
    _inloggen(client)
    client.get("/tweede-factor/instellen")
    voor = client.session.session_key
    r = client.post("/tweede-factor/instellen", {"code": totp_code(gebruiker.totpdevice_set.get())})
    assert r.status_code == 200 and r.context["codes"]
    assert client.session.session_key != voor and not SessionStore().exists(voor)


def test_blokkade_treft_alleen_het_adres_van_de_aanvaller(gebruiker, settings):
    """Behind a trusted proxy the lock-out keys on the client, not on the proxy: failures from one address do not
    lock the staff member out on another (before, everyone came from the proxy's address)."""
    settings.OPENVTH_VERTROUWDE_PROXIES = ["127.0.0.1"]
    aanvaller, medewerker = (
        Client(headers={"X-Forwarded-For": "203.0.113.9"}),
        Client(headers={"X-Forwarded-For": "198.51.100.7"}),
    )
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _inloggen(aanvaller, wachtwoord="fout")
    assert _inloggen(aanvaller).status_code == 429
    assert _inloggen(medewerker).status_code == 302 and "_auth_user_id" in medewerker.session


def test_blokkade_niet_te_ontlopen_met_verzonnen_header(gebruiker, settings):
    """Without trusted proxies X-Forwarded-For is ignored: a new value per attempt does not reset the count."""
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/inloggen", {"username": "inspecteur", "password": "fout"}, headers={"X-Forwarded-For": f"10.0.0.{i}"}
        )
    r = client.post(
        "/inloggen", {"username": "inspecteur", "password": WACHTWOORD}, headers={"X-Forwarded-For": "10.9.9.9"}
    )
    assert r.status_code == 429
