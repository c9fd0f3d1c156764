"""Sharing agreements are revoked at once and need a second person to open another authority's records (ADR 0020):
through the service, the API and the page, each checked by what the recipient can read next."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving.models import Overtreding
from openvth.organisaties import services
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.models import Afspraakstatus, Deelafspraak, Lidmaatschap, Organisatie, Rol
from openvth.organisaties.selectors import SESSIE_ORGANISATIE
from openvth.organisaties.toegang import Actor

from ..handhaving import opbouw

pytestmark = pytest.mark.django_db
PROBLEEM = "application/problem+json"
AFSPRAKEN = "/api/v1/deelafspraken"
OVERTREDINGEN = "/api/v1/overtredingen"


def _lid(naam: str, code: str, *rollen: str) -> Actor:
    actor = opbouw.actor(naam, code, *rollen)
    Lidmaatschap.objects.get_or_create(
        gebruiker_id=actor.gebruiker_id, organisatie=actor.organisatie, defaults={"rollen": list(rollen)}
    )
    return actor


def _api(actor: Actor) -> Client:
    gebruiker = get_user_model().objects.get(pk=actor.gebruiker_id)
    _t, sleutel = services.token_maken(
        actor=services.systeem_actor(),
        gebruiker=gebruiker,
        organisatie=actor.organisatie,
        naam="test",
        scopes=["lezen", "schrijven"],
    )
    return Client(headers={"Authorization": f"Bearer {sleutel}"})


def _pagina(actor: Actor) -> Client:
    """A browser session past the second factor, acting for the actor's organisation."""
    gebruiker = get_user_model().objects.get(pk=actor.gebruiker_id)
    apparaat = TOTPDevice.objects.create(user=gebruiker, name="test", confirmed=True)
    client = Client()
    client.force_login(gebruiker)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie[SESSIE_ORGANISATIE] = actor.organisatie.pk
    sessie.save()
    return client


def _post(client: Client, pad: str, inhoud: dict):
    return client.post(pad, inhoud, content_type="application/json")


@pytest.fixture
def strafzaak() -> Overtreding:
    """A criminal-law case of Eindhoven (bevoegd gezag), executed by ODZOB."""
    cache.clear()
    zaak = opbouw.overtreding()
    Overtreding.objects.filter(pk=zaak.pk).update(vertrouwelijkheid="strafrechtelijk")
    return zaak


@pytest.fixture
def ilt() -> Client:
    return _api(_lid("inspecteur-ilt", "ilt", Rol.KETENPARTNER))


def _afspraak(verstrekker: str, plafond: str = "strafrechtelijk") -> dict:
    return {
        "verstrekker": verstrekker,
        "ontvanger": "ilt",
        "recordsoort": "handhaving.overtreding",
        "plafond": plafond,
        "grondslag": "Convenant Inspectieview, art. 3",
    }


def test_beeindigd_op_de_dag_zelf_en_de_volgende_lezing_is_404(strafzaak, ilt):
    eindhoven = _api(_lid("fb-eindhoven", "GM0772", Rol.FUNCTIONEEL_BEHEERDER))
    r = _post(eindhoven, AFSPRAKEN, _afspraak("GM0772"))
    assert r.status_code == 201, r.content
    afspraak = r.json()
    assert afspraak["status"] == "actief" and r["Location"] == f"{AFSPRAKEN}/{afspraak['id']}"
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 200

    r = _post(eindhoven, f"{AFSPRAKEN}/{afspraak['id']}/beeindiging", {"reden": "Convenant opgezegd"})
    assert r.status_code == 200, r.content
    assert r.json()["beeindigdOp"] and r.json()["beeindigingsreden"] == "Convenant opgezegd"
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 404
    assert ilt.get(OVERTREDINGEN).json()["count"] == 0
    gebeurtenis = Auditgebeurtenis.objects.get(actie="deelafspraak.beeindigd", object_id=afspraak["id"])
    assert gebeurtenis.na["beeindigingsreden"] == "Convenant opgezegd"
    # Once ended, it stays ended: a second ending and a dated ending are refused, nothing changes.
    r = _post(eindhoven, f"{AFSPRAKEN}/{afspraak['id']}/beeindiging", {"reden": "nogmaals"})
    assert r.status_code == 400 and r["Content-Type"] == PROBLEEM


def test_de_ontvanger_mag_beeindigen_een_buitenstaander_ziet_de_afspraak_niet(strafzaak, ilt):
    afspraak = services.deelafspraak_maken(
        actor=_lid("fb-eindhoven", "GM0772", Rol.FUNCTIONEEL_BEHEERDER),
        verstrekker=Organisatie.objects.get(code="GM0772"),
        ontvanger=Organisatie.objects.get(code="ilt"),
        recordsoort="handhaving.overtreding",
        plafond="strafrechtelijk",
        grondslag="Convenant",
    )
    buiten = _api(_lid("fb-utrecht", "GM0344", Rol.FUNCTIONEEL_BEHEERDER))
    assert buiten.get(f"{AFSPRAKEN}/{afspraak.uuid}").status_code == 404
    assert _post(buiten, f"{AFSPRAKEN}/{afspraak.uuid}/beeindiging", {"reden": "x"}).status_code == 404
    assert _post(ilt, f"{AFSPRAKEN}/{afspraak.uuid}/beeindiging", {"reden": "x"}).status_code == 403  # no admin
    assert _post(Client(), f"{AFSPRAKEN}/{afspraak.uuid}/beeindiging", {"reden": "x"}).status_code == 401
    ilt_beheer = _api(_lid("fb-ilt", "ilt", Rol.FUNCTIONEEL_BEHEERDER))
    assert (
        _post(ilt_beheer, f"{AFSPRAKEN}/{afspraak.uuid}/beeindiging", {"reden": "niet meer nodig"}).status_code == 200
    )
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 404


def test_dienst_deelt_boven_intern_pas_na_een_tweede_beheerder(strafzaak, ilt):
    eerste = _api(_lid("fb-odzob-1", "odzob", Rol.FUNCTIONEEL_BEHEERDER))
    r = _post(eerste, AFSPRAKEN, _afspraak("odzob"))
    assert r.status_code == 201, r.content
    afspraak = r.json()
    assert afspraak["status"] == "voorgesteld" and "tweede" in afspraak["wachtOp"]
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 404  # a proposal grants nothing

    r = _post(eerste, f"{AFSPRAKEN}/{afspraak['id']}/goedkeuring", {})
    assert r.status_code == 403 and r["Content-Type"] == PROBLEEM  # not the proposer alone
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 404

    tweede = _api(_lid("fb-odzob-2", "odzob", Rol.MANAGER))
    r = _post(tweede, f"{AFSPRAKEN}/{afspraak['id']}/goedkeuring", {})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "actief" and r.json()["goedgekeurdOp"] and r.json()["wachtOp"] == ""
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 200
    assert list(
        Auditgebeurtenis.objects.filter(object_id=afspraak["id"]).values_list("actie", flat=True).order_by("id")
    ) == ["deelafspraak.voorgesteld", "deelafspraak.goedgekeurd"]


def test_dienst_deelt_intern_direct(strafzaak):
    afspraak = services.deelafspraak_maken(
        actor=_lid("fb-odzob-1", "odzob", Rol.FUNCTIONEEL_BEHEERDER),
        verstrekker=Organisatie.objects.get(code="odzob"),
        ontvanger=Organisatie.objects.get(code="ilt"),
        recordsoort="handhaving.overtreding",
        plafond="intern",
        grondslag="Convenant",
    )
    assert afspraak.status == Afspraakstatus.ACTIEF


def test_voorstel_voor_een_ander_gezag_geldt_pas_na_diens_instemming(strafzaak, ilt):
    odzob = _api(_lid("fb-odzob-1", "odzob", Rol.FUNCTIONEEL_BEHEERDER))
    r = _post(odzob, AFSPRAKEN, _afspraak("GM0772"))
    assert r.status_code == 201, r.content
    afspraak = r.json()
    assert (afspraak["status"], afspraak["voorgesteldNamens"]["code"]) == ("voorgesteld", "odzob")
    assert "Eindhoven" in afspraak["wachtOp"]
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 404
    # Another administrator of the service cannot consent for the authority.
    ander = _api(_lid("fb-odzob-2", "odzob", Rol.FUNCTIONEEL_BEHEERDER))
    assert _post(ander, f"{AFSPRAKEN}/{afspraak['id']}/goedkeuring", {}).status_code == 403
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 404
    eindhoven = _api(_lid("fb-eindhoven", "GM0772", Rol.FUNCTIONEEL_BEHEERDER))
    assert [a["id"] for a in eindhoven.get(AFSPRAKEN).json()["results"]] == [afspraak["id"]]
    assert _post(eindhoven, f"{AFSPRAKEN}/{afspraak['id']}/goedkeuring", {}).status_code == 200
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 200


def test_afgewezen_voorstel_kan_niet_meer_worden_goedgekeurd(strafzaak, ilt):
    voorsteller = _lid("fb-odzob-1", "odzob", Rol.FUNCTIONEEL_BEHEERDER)
    afspraak = services.deelafspraak_maken(
        actor=voorsteller,
        verstrekker=Organisatie.objects.get(code="GM0772"),
        ontvanger=Organisatie.objects.get(code="ilt"),
        recordsoort="handhaving.overtreding",
        plafond="strafrechtelijk",
        grondslag="Convenant",
    )
    eindhoven = _lid("fb-eindhoven", "GM0772", Rol.FUNCTIONEEL_BEHEERDER)
    services.deelafspraak_beeindigen(actor=eindhoven, afspraak=afspraak, reden="Geen grondslag voor strafrechtelijk")
    with pytest.raises(OngeldigeInvoer):
        services.deelafspraak_goedkeuren(actor=eindhoven, afspraak=afspraak)
    with pytest.raises(GeenToestemming):  # an agreement is ended by its parties only
        services.deelafspraak_beeindigen(
            actor=_lid("fb-utrecht", "GM0344", Rol.FUNCTIONEEL_BEHEERDER),
            afspraak=Deelafspraak.objects.create(
                verstrekker=eindhoven.organisatie,
                ontvanger=voorsteller.organisatie,
                recordsoort="register.vthobject",
                grondslag="x",
            ),
            reden="x",
        )
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 404


def test_op_de_pagina_goedkeuren_en_direct_beeindigen(strafzaak, ilt):
    voorsteller = _lid("fb-odzob-1", "odzob", Rol.FUNCTIONEEL_BEHEERDER)
    pagina = _pagina(voorsteller)
    r = pagina.post(
        "/afspraken",
        {
            "soort": "deelafspraak",
            "d-verstrekker": Organisatie.objects.get(code="GM0772").pk,
            "d-ontvanger": Organisatie.objects.get(code="ilt").pk,
            "d-recordsoort": "handhaving.overtreding",
            "d-plafond": "strafrechtelijk",
            "d-geldig_vanaf": "2026-01-01",
            "d-grondslag": "Convenant",
        },
        follow=True,
    )
    assert "voorgesteld; zij geldt pas na instemming" in r.content.decode()
    afspraak = Deelafspraak.objects.get(voorgesteld_namens=voorsteller.organisatie)
    assert afspraak.status == Afspraakstatus.VOORGESTELD
    assert f"/afspraken/deelafspraak/{afspraak.uuid}/goedkeuren" not in r.content.decode()  # not for the proposer

    eindhoven = _pagina(_lid("fb-eindhoven", "GM0772", Rol.FUNCTIONEEL_BEHEERDER))
    html = eindhoven.get("/afspraken").content.decode()
    assert f"/afspraken/deelafspraak/{afspraak.uuid}/goedkeuren" in html
    r = eindhoven.post(f"/afspraken/deelafspraak/{afspraak.uuid}/goedkeuren", follow=True)
    assert "goedgekeurd en geldt vanaf nu" in r.content.decode()
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 200

    r = eindhoven.post(f"/afspraken/deelafspraak/{afspraak.uuid}/beeindigen", {"reden": ""}, follow=True)
    assert "reden" in r.content.decode() and ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 200
    r = eindhoven.post(
        f"/afspraken/deelafspraak/{afspraak.uuid}/beeindigen", {"reden": "Onderzoek afgerond"}, follow=True
    )
    assert "geeft vanaf nu geen toegang meer" in r.content.decode()
    assert ilt.get(f"{OVERTREDINGEN}/{strafzaak.uuid}").status_code == 404
    assert "beëindigd op" in eindhoven.get("/afspraken").content.decode()


def test_ketendeling_boven_intern_door_een_dienst_is_een_voorstel():
    """Sharing chain findings beyond `intern` from the chain page proposes; the page says who must approve."""
    from openvth.toezicht import services as toezicht

    beheerder = _lid("fb-odzob-keten", "odzob", Rol.MANAGER, Rol.FUNCTIONEEL_BEHEERDER)
    producent = opbouw.vth_object(gemeente="GM0772")
    verwerker = opbouw.vth_object(gemeente="GM0753")
    keten = toezicht.keten_maken(
        actor=beheerder, naam="Afvalolie", schakels=[(producent, "producent"), (verwerker, "verwerker")]
    )
    best = Organisatie.objects.get(code="GM0753")
    r = _pagina(beheerder).post(
        f"/toezicht/ketens/{keten.uuid}",
        {
            "soort": "deling",
            "deling-ontvanger": str(best.pk),
            "deling-plafond": "vertrouwelijk",
            "deling-grondslag": "Wet VTH-ketensamenwerking",
        },
        follow=True,
    )
    assert "voorgesteld; zij geldt pas na een tweede functioneel beheerder" in r.content.decode()
    assert Deelafspraak.objects.get(recordsoort="toezicht.bevinding").status == Afspraakstatus.VOORGESTELD
