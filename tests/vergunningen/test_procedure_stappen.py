"""A permit application from intake to an irrevocable decision through the services: suspension, advice and
consent, extension, four-eyes approval, signing under the mandate register, letters, the register update in the
same transaction, and the refusals of the issue's bad-input list (nothing half-done is stored)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from openvth.audit.models import Auditgebeurtenis
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.register.models import Activiteituitvoering
from openvth.toezicht.models import Controle  # noqa: F401  (the app registry is complete in tests)
from openvth.vergunningen import besluiten, brieven
from openvth.vergunningen.besluiten import Voorschriftopgave
from openvth.vergunningen.models import Besluitstatus, Brief, Procedurestap, Toestemming, Verzoek, Voorschrift
from openvth.vergunningen.stappen import stap_zetten

from .opbouw import STOOKINSTALLATIE
from .procedure_opbouw import Mensen, aanvraag, dagen_geleden

pytestmark = pytest.mark.django_db

VOORSCHRIFTEN = [
    Voorschriftopgave("1", "De stookinstallatie wordt jaarlijks gekeurd.", STOOKINSTALLATIE),
    Voorschriftopgave("2", "De emissie van NOx is ten hoogste 100 mg/Nm3."),
]


@pytest.fixture
def mensen():
    return Mensen()


def _tekst(brief: Brief) -> str:
    assert not brief.pdf  # printed on first request, outside the decision's transaction
    assert brieven.brief_pdf(brief).startswith(b"%PDF-")
    assert Brief.objects.get(pk=brief.pk).pdf  # and kept
    return brief.html


def test_reguliere_aanvraag_van_ontvangst_tot_onherroepelijk(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(120))
    assert verzoek.beslistermijn_tot is None  # no procedure chosen yet
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(119),
        gegevens={"procedure": "regulier"},
    )
    verzoek.refresh_from_db()
    assert 56 <= (verzoek.beslistermijn_tot - verzoek.ontvangen_op).days <= 58
    assert "Ow art. 16.64 lid 1" in verzoek.termijn_motivering

    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="aanvulling_vragen",
        datum=dagen_geleden(110),
        gegevens={"aanvullen_voor": dagen_geleden(96).isoformat(), "omschrijving": "Een emissieberekening."},
    )
    verzoek.refresh_from_db()
    assert verzoek.status == "opgeschort"
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="aanvulling_ontvangen",
        datum=dagen_geleden(100),
        gegevens={"aangevuld_op": dagen_geleden(100).isoformat()},
    )
    verzoek.refresh_from_db()
    assert verzoek.status == "in_behandeling"
    # Awb 4:15 lid 1 onder a: suspended from the day after the request until the day it was supplemented (9 days).
    # Eight weeks is 56 days; an Atw shift of the end adds at most two (a weekend).
    assert 56 + 9 <= (verzoek.beslistermijn_tot - verzoek.ontvangen_op).days <= 56 + 9 + 2
    assert "4:15" in verzoek.termijn_motivering

    besluit = besluiten.besluit_opstellen(
        actor=mensen.a,
        verzoek=verzoek,
        soort="verlenen",
        motivering="Voldoet aan de beoordelingsregels.",
        voorschriften=VOORSCHRIFTEN,
    )
    with pytest.raises(GeenToestemming, match="zelf op"):
        besluiten.besluit_goedkeuren(actor=mensen.a, besluit=besluit)
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=besluit)
    with pytest.raises(GeenToestemming, match="U heeft geen mandaat.*chef"):
        stap_zetten(actor=mensen.b, verzoek=verzoek, handeling="besluit_bekendmaken", datum=dagen_geleden(90))
    assert not Activiteituitvoering.objects.exists() and not Toestemming.objects.exists()

    stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="besluit_bekendmaken", datum=dagen_geleden(90))
    verzoek.refresh_from_db()
    besluit.refresh_from_db()
    assert verzoek.status == "besloten" and verzoek.tijdig is True
    assert (
        besluit.status == Besluitstatus.BEKENDGEMAAKT and besluit.persoonsmandaat.functie == "teamleider vergunningen"
    )
    assert besluit.in_werking_op == dagen_geleden(89)  # Ow art. 16.79 lid 1: the day after
    assert besluit.bezwaartermijn_tot >= dagen_geleden(90) + timedelta(weeks=6)

    # The register shows the new situation, from the day the decision takes effect, with the decision as legitimatie.
    uitvoering = Activiteituitvoering.objects.get(geldig_tot__isnull=True)
    assert uitvoering.legitimatie == besluit.kenmerk and uitvoering.geldig_vanaf == besluit.in_werking_op
    assert "vergunningplicht" in uitvoering.kwalificaties and uitvoering.activiteit.code == STOOKINSTALLATIE
    toestemming = Toestemming.objects.get()
    assert toestemming.vth_object == uitvoering.vth_object == verzoek.vth_object
    assert {v.nummer for v in toestemming.voorschriften.all()} == {"1", "2"}
    assert all(v.geldig_vanaf == besluit.in_werking_op for v in Voorschrift.objects.all())

    # The letters as the applicant got them.
    soorten = list(verzoek.brieven.values_list("soort", flat=True))
    assert soorten == ["ontvangstbevestiging", "aanvulling", "besluit", "kennisgeving"]
    brief = verzoek.brieven.get(soort="besluit")
    tekst = _tekst(brief)
    assert "burgemeester en wethouders van Eindhoven" in tekst and "teamleider vergunningen" in tekst
    assert "jaarlijks gekeurd" in tekst and "bezwaar" in tekst

    stap_zetten(actor=mensen.a, verzoek=verzoek, handeling="onherroepelijk_worden")
    besluit.refresh_from_db()
    assert besluit.status == Besluitstatus.ONHERROEPELIJK
    assert besluit.onherroepelijk_op == besluit.bezwaartermijn_tot + timedelta(days=1)
    assert list(Procedurestap.objects.filter(verzoek=verzoek).values_list("handeling", flat=True)) == [
        "in_behandeling_nemen",
        "aanvulling_vragen",
        "aanvulling_ontvangen",
        "besluit_bekendmaken",
        "onherroepelijk_worden",
    ]
    assert Auditgebeurtenis.objects.filter(actie="verzoek.besluit_bekendmaken").count() == 1


def test_verlengen_na_de_eerste_termijn_geweigerd(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(80))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(79),
        gegevens={"procedure": "regulier"},
    )
    with pytest.raises(OngeldigeInvoer) as fout:
        stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="verlengen", gegevens={"weken": 6, "reden": "Drukte"})
    assert "Ow art. 16.64 lid 2" in fout.value.velden["datum"]
    verzoek.refresh_from_db()
    assert verzoek.verlenging_weken == 0 and not verzoek.brieven.filter(soort="verlenging").exists()


def test_verlengen_binnen_de_termijn_eenmaal(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(20))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(19),
        gegevens={"procedure": "regulier"},
    )
    verzoek.refresh_from_db()
    voor = verzoek.beslistermijn_tot
    stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="verlengen", gegevens={"weken": 6, "reden": "Advies nodig"})
    verzoek.refresh_from_db()
    assert verzoek.beslistermijn_tot >= voor + timedelta(weeks=6) - timedelta(days=3)
    with pytest.raises(OngeldigeInvoer, match="") as fout:
        stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="verlengen", gegevens={"weken": 1, "reden": "Nog eens"})
    assert "eenmaal" in fout.value.velden["weken"]
    assert verzoek.brieven.filter(soort="verlenging").count() == 1


def test_besluit_zonder_voorschriften_op_een_vergunning_geweigerd(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(20))
    stap_zetten(actor=mensen.a, verzoek=verzoek, handeling="in_behandeling_nemen", gegevens={"procedure": "regulier"})
    besluit = besluiten.besluit_opstellen(actor=mensen.a, verzoek=verzoek, soort="verlenen", motivering="Akkoord.")
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=besluit)
    with pytest.raises(OngeldigeInvoer) as fout:
        stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="besluit_bekendmaken")
    assert "Ow art. 5.34" in fout.value.velden["besluit"]
    verzoek.refresh_from_db()
    assert verzoek.status == "in_behandeling" and not Toestemming.objects.exists()
    assert not verzoek.brieven.filter(soort="besluit").exists()


def test_uitgebreide_procedure_met_instemming_en_zienswijzen(mensen):
    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(150))
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="in_behandeling_nemen",
        datum=dagen_geleden(149),
        gegevens={"procedure": "uitgebreid"},
    )
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="advies_vragen",
        datum=dagen_geleden(140),
        gegevens={
            "adviseur": "de-dommel",
            "soort": "instemming",
            "grondslag": "Ow art. 16.16; indirecte lozing",
            "reageren_voor": dagen_geleden(110).isoformat(),
        },
    )
    ontwerp = besluiten.besluit_opstellen(
        actor=mensen.a,
        verzoek=verzoek,
        soort="verlenen",
        ontwerp=True,
        motivering="Ontwerp.",
        voorschriften=VOORSCHRIFTEN,
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=ontwerp)
    with pytest.raises(OngeldigeInvoer, match="") as fout:
        stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="ontwerp_ter_inzage", datum=dagen_geleden(120))
    assert "Ow art. 16.16" in fout.value.velden["datum"]
    adviesverzoek = verzoek.adviesverzoeken.get()
    stap_zetten(
        actor=mensen.a,
        verzoek=verzoek,
        handeling="advies_ontvangen",
        datum=dagen_geleden(115),
        gegevens={
            "adviesverzoek": adviesverzoek.pk,
            "uitkomst": "instemming",
            "beantwoord_op": dagen_geleden(115).isoformat(),
        },
    )
    stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="ontwerp_ter_inzage", datum=dagen_geleden(100))
    ontwerp.refresh_from_db()
    assert ontwerp.status == Besluitstatus.TER_INZAGE
    assert ontwerp.zienswijzen_tot >= dagen_geleden(100) + timedelta(weeks=6) - timedelta(days=1)
    besluit = besluiten.besluit_opstellen(
        actor=mensen.a, verzoek=verzoek, soort="verlenen", motivering="Definitief.", voorschriften=VOORSCHRIFTEN
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=besluit)
    with pytest.raises(OngeldigeInvoer) as fout:
        stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="besluit_bekendmaken", datum=dagen_geleden(70))
    assert "Awb 3:16" in fout.value.velden["datum"]
    stap_zetten(actor=mensen.c, verzoek=verzoek, handeling="besluit_bekendmaken", datum=dagen_geleden(50))
    verzoek.refresh_from_db()
    assert verzoek.status == "besloten" and verzoek.tijdig is True
    assert list(verzoek.brieven.values_list("soort", flat=True)) == [
        "ontvangstbevestiging",
        "ontwerpbesluit",
        "kennisgeving",
        "besluit",
        "kennisgeving",
    ]


def test_een_andere_organisatie_kan_geen_stap_zetten(mensen):
    from openvth.organisaties.models import Rol

    from ..handhaving import zaak

    verzoek = aanvraag(mensen.a, ontvangen_op=dagen_geleden(20))
    vreemde = zaak.gebruiker("vreemd", {"odmh": [Rol.VERGUNNINGVERLENER]})
    from openvth.organisaties.fouten import NietGevonden

    with pytest.raises(NietGevonden):
        stap_zetten(
            actor=zaak.actor_van(vreemde, "odmh", Rol.VERGUNNINGVERLENER),
            verzoek=verzoek,
            handeling="in_behandeling_nemen",
            gegevens={"procedure": "regulier"},
        )
    assert Verzoek.objects.get().status == "ontvangen"
