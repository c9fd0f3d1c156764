"""The permit demo: made through the services, every status occurs, the register shows the permit and the
notification, the deadline view has overdue and suspended periods, and a second run changes nothing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from openvth.organisaties.demo import demo_laden
from openvth.organisaties.models import Organisatie, Persoonsmandaat
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.services import systeem_actor
from openvth.register.models import Activiteituitvoering
from openvth.vergunningen import selectors
from openvth.vergunningen.demo import DEMOGEBRUIKERS, NUMMER, vergunningen_demo_laden
from openvth.vergunningen.models import Besluitstatus, Procedurestap, Toestemming, Verzoek, Verzoekstatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("generate", locaties=400, seed=2026, omgevingsdienst="odzob", stdout=io.StringIO())
    demo_laden(actor=systeem_actor("demo"))
    return vergunningen_demo_laden(dienst_code="odzob")


def _eerste(nummer: int) -> Verzoek:
    return Verzoek.objects.get(verzoeknummer=NUMMER.format(nummer), verzoekvolgnummer="001")


def test_elke_status_komt_voor(demo):
    assert demo == list(DEMOGEBRUIKERS)
    statussen = set(Verzoek.objects.filter(verzoekvolgnummer="001").values_list("status", flat=True))
    assert statussen == set(Verzoekstatus.values)
    assert _eerste(4).adviesverzoeken.get().beantwoord_op is None  # advice asked, still open
    assert _eerste(5).procedure == "uitgebreid" and _eerste(5).besluiten.get(ontwerp=True).zienswijzen_tot
    assert _eerste(8).besluiten.get(ontwerp=False).soort == "weigeren"
    assert _eerste(11).te_laat_gemeld and not _eerste(10).te_laat_gemeld
    assert Verzoek.objects.get(verzoeknummer=NUMMER.format(12), verzoekvolgnummer="002").doel == "intrekken"
    # Every step went through the table: each request's steps follow each other in time.
    for verzoek in Verzoek.objects.filter(verzoekvolgnummer="001"):
        data = list(Procedurestap.objects.filter(verzoek=verzoek).order_by("id").values_list("datum", flat=True))
        assert data == sorted(data) and all(d >= verzoek.ontvangen_op for d in data)


def test_register_toont_vergunning_en_melding(demo):
    verleend = _eerste(6).besluiten.get(ontwerp=False)
    assert verleend.status == Besluitstatus.BEKENDGEMAAKT and verleend.voorschriften.count() == 3
    toestemming = Toestemming.objects.get(verleend_bij=verleend)
    uitvoering = Activiteituitvoering.objects.get(
        vth_object=toestemming.vth_object, activiteit__code="bal-3.2.1", geldig_tot__isnull=True
    )
    assert uitvoering.legitimatie == verleend.kenmerk and uitvoering.geldig_vanaf == verleend.in_werking_op
    assert _eerste(7).besluiten.get(ontwerp=False).status == Besluitstatus.ONHERROEPELIJK
    melding = _eerste(10)
    gemeld = Activiteituitvoering.objects.get(
        vth_object=melding.vth_object, activiteit__code="bal-3.2.1", geldig_tot__isnull=True
    )
    assert gemeld.legitimatie == f"melding {melding.verzoeknummer}" and "meldingsplicht" in gemeld.kwalificaties
    # The team leader decided under ondermandaat of the municipality, recorded in the mandate register.
    mandaat = Persoonsmandaat.objects.get(gebruiker__username="teamleider-vergunningen")
    assert verleend.persoonsmandaat == mandaat and mandaat.mandaatgever.code == "GM0772"


def test_termijnen_en_idempotent(demo):
    vv = actor_voor(
        get_user_model().objects.get(username="vergunningverlener-od"),
        organisatie_id=Organisatie.objects.get(code="odzob").pk,
    )
    vandaag = timezone.localdate()
    signalen = {s.verzoeknummer: s for s in selectors.beslistermijn_list(actor=vv, tot=vandaag + timedelta(days=90))}
    assert signalen[NUMMER.format(9)].verlopen and signalen[NUMMER.format(3)].opgeschort
    assert NUMMER.format(1) not in signalen  # no procedure yet, so no period
    aantal = Verzoek.objects.count(), Procedurestap.objects.count()
    assert vergunningen_demo_laden(dienst_code="odzob") == list(DEMOGEBRUIKERS)
    assert (Verzoek.objects.count(), Procedurestap.objects.count()) == aantal
