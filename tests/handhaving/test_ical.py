"""The personal iCalendar feed: a revocable feed token, the user's own deadlines, no way in to the API."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from openvth.audit.models import Auditgebeurtenis, Inzage
from openvth.handhaving import ical, selectors, services
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.models import ApiToken, Lidmaatschap, Organisatie, Rol

from . import zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def jurist():
    return zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})


@pytest.fixture
def handhaver(jurist):
    return zaak.actor_van(jurist, "odzob")


@pytest.fixture
def termijnen(handhaver):
    """An overdue zienswijze term, and a warning whose re-inspection comes in 4 days, both for the jurist."""
    vandaag = timezone.localdate()
    obj = zaak.vth_object()
    laat = services.overtreding_maken(
        actor=handhaver,
        vth_object=obj,
        herkomst="eigen_waarneming",
        omschrijving="Stank",
        voorschrift="art. verlopen",
        geconstateerd_op=vandaag - timedelta(days=60),
    )
    services.maatregel_maken(
        actor=handhaver, overtreding=laat, instrument="LOD", datum=vandaag - timedelta(days=30), zienswijzetermijn="P2W"
    )
    vroeg = services.overtreding_maken(
        actor=handhaver,
        vth_object=obj,
        herkomst="eigen_waarneming",
        omschrijving="Afval",
        voorschrift="art. binnenkort",
        geconstateerd_op=vandaag,
    )
    services.maatregel_maken(
        actor=handhaver, overtreding=vroeg, instrument="WAARSCHUWEN", datum=vandaag, hersteltermijn="P3D"
    )
    return laat, vroeg


def _feed(client, sleutel):
    return client.get(f"/handhaving/agenda/{sleutel}.ics")


def test_feed_toont_eigen_termijnen(handhaver, termijnen):
    token, sleutel = ical.agendatoken_maken(actor=handhaver, naam="Outlook")
    assert sleutel.startswith("ovcal_") and token.scopes == ["agenda"] and sleutel not in token.sleutel_hash
    antwoord = _feed(Client(), sleutel)
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "text/calendar; charset=utf-8"
    assert antwoord["Cache-Control"] == "private, no-store"
    kalender = Calendar.from_ical(antwoord.content)
    gebeurtenissen = kalender.walk("VEVENT")
    verwacht = selectors.termijn_list(
        actor=handhaver,
        behandelaar=handhaver.gebruiker_id,
        tot=timezone.localdate() + timedelta(days=ical.VOORUIT_DAGEN),
    )
    assert len(gebeurtenissen) == len(verwacht) == 2
    laat, vroeg = termijnen
    samenvattingen = [str(g["summary"]) for g in gebeurtenissen]
    assert samenvattingen[0].startswith("VERLOPEN: zienswijzetermijn") and "art. verlopen" in samenvattingen[0]
    assert samenvattingen[1].startswith("hercontrole") and "art. binnenkort" in samenvattingen[1]
    assert [g.decoded("dtstart") for g in gebeurtenissen] == [s.datum for s in verwacht]
    assert str(gebeurtenissen[1]["url"]).endswith(f"/handhaving/overtredingen/{vroeg.uuid}")
    # The same deadline keeps its UID across fetches, so calendar apps update instead of duplicating.
    opnieuw = Calendar.from_ical(_feed(Client(), sleutel).content).walk("VEVENT")
    assert [str(g["uid"]) for g in opnieuw] == [str(g["uid"]) for g in gebeurtenissen]
    # Each fetch is an access-logged read of the cases shown.
    assert Inzage.objects.filter(doel="agenda-abonnement handhavingstermijnen", object_id=str(laat.uuid)).exists()
    assert Auditgebeurtenis.objects.filter(actie="agendatoken.aangemaakt", object_id=str(token.uuid)).exists()


def test_collega_ziet_andermans_termijnen_niet_in_de_eigen_feed(termijnen):
    collega = zaak.gebruiker("collega", {"odzob": [Rol.HANDHAVER]})
    _token, sleutel = ical.agendatoken_maken(actor=zaak.actor_van(collega, "odzob"), naam="Agenda")
    assert not Calendar.from_ical(_feed(Client(), sleutel).content).walk("VEVENT")


def test_ingetrokken_verlopen_onbekend_of_geen_lid_meer_is_404(handhaver, jurist, termijnen):
    _token, sleutel = ical.agendatoken_maken(actor=handhaver, naam="Telefoon")
    assert _feed(Client(), sleutel).status_code == 200
    assert _feed(Client(), sleutel[:-2] + "xx").status_code == 404
    assert _feed(Client(), "ovth_" + sleutel[6:]).status_code == 404
    token = ical.agendatoken_intrekken(actor=handhaver, uuid=_token.uuid)
    assert token.ingetrokken is not None and _feed(Client(), sleutel).status_code == 404
    assert Auditgebeurtenis.objects.filter(actie="token.ingetrokken", object_id=str(token.uuid)).exists()

    token2, sleutel2 = ical.agendatoken_maken(actor=handhaver, naam="Laptop")
    ApiToken.objects.filter(pk=token2.pk).update(verloopt=timezone.now() - timedelta(seconds=1))
    assert _feed(Client(), sleutel2).status_code == 404

    _token3, sleutel3 = ical.agendatoken_maken(actor=handhaver, naam="Tablet")
    Lidmaatschap.objects.filter(gebruiker=jurist).update(geldig_tot=timezone.localdate())
    assert _feed(Client(), sleutel3).status_code == 404


def test_feed_stopt_als_de_organisatie_eindigt(handhaver, termijnen):
    _token, sleutel = ical.agendatoken_maken(actor=handhaver, naam="Telefoon")
    assert _feed(Client(), sleutel).status_code == 200
    Organisatie.objects.filter(code="odzob").update(geldig_tot=timezone.localdate())
    assert _feed(Client(), sleutel).status_code == 404


def test_feedtoken_is_geen_api_token(handhaver):
    """A leaked feed URL gives no access to the API: the stored hash is an HMAC, not the API's SHA-256."""
    _token, sleutel = ical.agendatoken_maken(actor=handhaver, naam="Agenda")
    antwoord = Client().get("/api/v1/ik", HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    assert antwoord.status_code == 401
    assert not ApiToken.objects.filter(sleutel_hash=ApiToken.hash(sleutel)).exists()


def test_token_maken_weigert_zonder_rol_of_met_ongeldige_invoer(handhaver, jurist):
    with pytest.raises(GeenToestemming):
        ical.agendatoken_maken(actor=zaak.actor_van(jurist, "odzob", Rol.PRIVACY_OFFICER), naam="x")
    for naam, dagen, veld in (("", 30, "naam"), ("x", 0, "dagen"), ("x", 367, "dagen")):
        with pytest.raises(OngeldigeInvoer) as fout:
            ical.agendatoken_maken(actor=handhaver, naam=naam, dagen=dagen)
        assert veld in fout.value.velden
    with pytest.raises(OngeldigeInvoer):  # an API client cannot mint feed tokens
        ical.agendatoken_maken(actor=replace(handhaver, scopes=frozenset({"lezen"})), naam="via token")
    assert not ApiToken.objects.exists()


def test_agendapagina_toont_het_adres_eenmaal_en_trekt_in(jurist, termijnen):
    client = zaak.browser(jurist)
    r = client.post("/handhaving/agenda", {"naam": "Outlook", "dagen": "30"})
    html = r.content.decode()
    assert r.status_code == 200 and "http://testserver/handhaving/agenda/ovcal_" in html
    adres = html.split('data-testid="feed-adres">')[1].split("</code>")[0]
    assert Client().get(adres.removeprefix("http://testserver")).status_code == 200
    token = ApiToken.objects.get(scopes=["agenda"])
    assert adres.split("/")[-1].removesuffix(".ics") not in client.get("/handhaving/agenda").content.decode()
    assert client.post(f"/handhaving/agenda/{token.uuid}/intrekken").status_code == 302
    assert Client().get(adres.removeprefix("http://testserver")).status_code == 404
    # Someone else's subscription cannot be revoked: it does not exist for them.
    ander = zaak.actor_van(zaak.gebruiker("b", {"odzob": [Rol.HANDHAVER]}), "odzob")
    token_b, _sleutel = ical.agendatoken_maken(actor=ander, naam="B")
    assert client.post(f"/handhaving/agenda/{token_b.uuid}/intrekken").status_code == 404
    token_b.refresh_from_db()
    assert token_b.ingetrokken is None
