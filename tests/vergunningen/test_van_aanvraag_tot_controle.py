"""Issue 15, done when: a request from the national portal taken through suspension, consent, draft decision and
views to a decision made known on time; the register shows the new situation and the inspector's next checklist at
that site shows the permit's conditions. One story through the services, as the officers would set the steps."""

from __future__ import annotations

from datetime import timedelta

import pytest

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Lidmaatschap, Rol
from openvth.register.models import Activiteituitvoering
from openvth.toezicht import selectors as toezicht_selectors
from openvth.toezicht import services as toezicht_services
from openvth.vergunningen import besluiten
from openvth.vergunningen.besluiten import Voorschriftopgave
from openvth.vergunningen.models import Verzoek
from openvth.vergunningen.services import verzoekbericht_verwerken
from openvth.vergunningen.stappen import stap_zetten

from ..handhaving import zaak
from .opbouw import STOOKINSTALLATIE, bericht
from .procedure_opbouw import Mensen, dagen_geleden

pytestmark = pytest.mark.django_db


def test_van_portaalbericht_tot_checklist():
    mensen = Mensen()
    ontvangen = dagen_geleden(240)
    nummer = "2026040900001"
    verwerking = verzoekbericht_verwerken(
        actor=mensen.a, bericht=bericht(verzoeknummer=nummer, ontvangenOp=ontvangen.isoformat())
    )
    verzoek = verwerking.verzoek
    assert verwerking.nieuw and verzoek.bron == "omgevingsloket"

    def stap(handeling, dagen, actor=mensen.a, **gegevens):
        return stap_zetten(
            actor=actor, verzoek=verzoek, handeling=handeling, datum=dagen_geleden(dagen), gegevens=gegevens
        )

    stap("in_behandeling_nemen", 239, procedure="uitgebreid")
    stap("aanvulling_vragen", 230, aanvullen_voor=dagen_geleden(210), omschrijving="Een akoestisch rapport.")
    # The applicant supplements through the portal: a new volgnummer ends the suspension by itself (Awb 4:15).
    verzoekbericht_verwerken(
        actor=mensen.a,
        bericht=bericht(
            verzoeknummer=nummer,
            verzoekvolgnummer=2,
            doel="aanvullen",
            ontvangenOp=dagen_geleden(220).isoformat(),
            locatie=None,
            aanvrager=None,
            activiteiten=None,
        ),
    )
    verzoek.refresh_from_db()
    assert verzoek.status == "in_behandeling"
    stap(
        "advies_vragen",
        215,
        adviseur="de-dommel",
        soort="instemming",
        grondslag="Ow art. 16.16: indirecte lozing",
        reageren_voor=dagen_geleden(190).isoformat(),
    )
    stap(
        "advies_ontvangen",
        195,
        adviesverzoek=verzoek.adviesverzoeken.get().pk,
        uitkomst="instemming",
        beantwoord_op=dagen_geleden(195).isoformat(),
    )
    voorschriften = [
        Voorschriftopgave("1", "De stookinstallatie wordt jaarlijks gekeurd.", STOOKINSTALLATIE),
        Voorschriftopgave("2", "Het geluidniveau op de erfgrens is ten hoogste 45 dB(A) in de nacht."),
    ]
    ontwerp = besluiten.besluit_opstellen(
        actor=mensen.a,
        verzoek=verzoek,
        soort="verlenen",
        ontwerp=True,
        motivering="Ontwerp.",
        voorschriften=voorschriften,
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=ontwerp)
    stap("ontwerp_ter_inzage", 180, actor=mensen.c)
    besluit = besluiten.besluit_opstellen(
        actor=mensen.a, verzoek=verzoek, soort="verlenen", motivering="Geen zienswijzen.", voorschriften=voorschriften
    )
    besluiten.besluit_goedkeuren(actor=mensen.b, besluit=besluit)
    stap("besluit_bekendmaken", 130, actor=mensen.c)

    verzoek = Verzoek.objects.get(pk=verzoek.pk)
    besluit.refresh_from_db()
    assert verzoek.status == "besloten" and verzoek.tijdig is True
    assert verzoek.beslistermijn_tot >= ontvangen + timedelta(days=182)  # six months plus the suspension
    # The register shows the new situation from the decision's entry into force.
    uitvoering = Activiteituitvoering.objects.get(vth_object=verzoek.vth_object, geldig_tot__isnull=True)
    assert uitvoering.legitimatie == besluit.kenmerk and uitvoering.geldig_vanaf == dagen_geleden(129)

    # The inspector's next controle at the site shows the permit's conditions.
    planner = zaak.actor_van(zaak.gebruiker("planner", {"odzob": [Rol.PLANNER]}), "odzob", Rol.PLANNER)
    inspecteur = zaak.gebruiker("tom", {"odzob": [Rol.TOEZICHTHOUDER]})
    controle = toezicht_services.controle_plannen(
        actor=planner,
        vth_object=verzoek.vth_object,
        gepland_op=dagen_geleden(-7),
        reden="project",
        toelichting="Eerste controle na de vergunning",
    )
    toezicht_services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=inspecteur.pk)
    tom = zaak.actor_van(inspecteur, "odzob", Rol.TOEZICHTHOUDER)
    getoond = toezicht_selectors.checklist_voorschriften(actor=tom, controle=controle).alle
    assert sorted(v.tekst for v in getoond) == sorted(v.tekst for v in voorschriften)
    # And the officer who handled the permit may not inspect the site (separation of functions).
    lid = Lidmaatschap.objects.get(gebruiker=mensen.anna, organisatie__code="odzob")
    lid.rollen = sorted({*lid.rollen, Rol.TOEZICHTHOUDER})
    lid.save()
    with pytest.raises(OngeldigeInvoer, match="Functiescheiding"):
        toezicht_services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=mensen.anna.pk)
