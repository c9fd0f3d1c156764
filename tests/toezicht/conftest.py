"""Toezicht fixtures: the catalogue, a small synthetic ODZOB region, people with memberships, a standard model."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from openvth.organisaties.models import Lidmaatschap, Organisatie
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import Actor
from openvth.regels import risico
from openvth.regels.tabeldata import meegeleverd
from openvth.register.generator import genereer
from openvth.register.models import VthObject
from openvth.toezicht import services

from ..fabrieken import GebruikerFactory, MandaatFactory, OrganisatieFactory, actor_van


@pytest.fixture
def catalogus(db):
    call_command("load_catalogus", verbosity=0, stdout=open("/dev/null", "w"))


@pytest.fixture
def odzob(db):
    return OrganisatieFactory(code="odzob")


@pytest.fixture
def regio(catalogus, odzob):
    """200 synthetic locations in ODZOB's work area, and the Eindhoven → ODZOB mandate."""
    genereer(aantal=200, seed=11, peildatum=timezone.localdate(), omgevingsdienst="odzob")
    for lid in Organisatie.objects.filter(omgevingsdiensten__omgevingsdienst=odzob, soort="gemeente"):
        MandaatFactory(mandaatgever=lid, mandaatnemer=odzob)
    return odzob


@pytest.fixture
def medewerker(db):
    """medewerker('odzob', 'planner', naam='piet') → an Actor backed by a real user with that membership."""
    teller = {"n": 0}

    def maak(code: str, *rollen: str, naam: str | None = None) -> Actor:
        teller["n"] += 1
        naam = naam or f"{code}-{'-'.join(rollen)}-{teller['n']}"
        lid, _ = Lidmaatschap.objects.get_or_create(
            gebruiker=GebruikerFactory(username=naam), organisatie=OrganisatieFactory(code=code)
        )
        lid.rollen = sorted(set(lid.rollen) | set(rollen))
        lid.save()
        return actor_van(lid)

    return maak


@pytest.fixture
def modeldefinitie():
    return meegeleverd(risico.VOORBEELDBESTAND)


@pytest.fixture
def modelversie(regio, medewerker, modeldefinitie):
    planner = medewerker("odzob", "planner", naam="planner")
    return services.risicomodel_vastleggen(
        actor=planner, regio=regio, definitie=modeldefinitie, geldig_vanaf=timezone.localdate().replace(month=1, day=1)
    )


@pytest.fixture
def planner(medewerker):
    return medewerker("odzob", "planner", naam="planner")


@pytest.fixture
def toezichthouder(medewerker):
    return medewerker("odzob", "toezichthouder", naam="tom")


@pytest.fixture
def controle(planner, toezichthouder, object_in_regio):
    """Today's controle at the object, assigned to the inspector."""
    controle = services.controle_plannen(
        actor=planner,
        vth_object=object_in_regio,
        gepland_op=timezone.localdate(),
        reden="incident",
        toelichting="klacht over stank",
        controletype="incidentele controle",
    )
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=toezichthouder.gebruiker_id)
    return controle


@pytest.fixture
def object_in_regio(regio):
    return VthObject.objects.filter(uitvoerder=regio).select_related("locatie").order_by("id").first()


@pytest.fixture
def systeem():
    return systeem_actor("test")
