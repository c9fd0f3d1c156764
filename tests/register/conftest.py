"""Register fixtures: the catalogue, and a small world in Eindhoven served by ODZOB."""

import pytest
from django.core.management import call_command

from openvth.organisaties.models import Rol, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor
from openvth.register import services

from ..fabrieken import BetrokkeneFactory, LocatieFactory, MandaatFactory, OrganisatieFactory, VthObjectFactory


@pytest.fixture
def catalogus(db):
    call_command("load_catalogus", verbosity=0, stdout=open("/dev/null", "w"))


@pytest.fixture
def wereld(catalogus):
    """Eindhoven (GM0772) mandated ODZOB; one bakery with a public and a confidential activity."""
    eindhoven, odzob = OrganisatieFactory(code="GM0772"), OrganisatieFactory(code="odzob")
    MandaatFactory(mandaatgever=eindhoven, mandaatnemer=odzob)
    locatie = LocatieFactory(gemeente=eindhoven, huisnummer=1)
    eigenaar = BetrokkeneFactory(natuurlijk_persoon=True, naam="Jan Jansen")
    obj = VthObjectFactory(
        naam="Bakkerij De Korst",
        lokaal_id="odzob-1",
        locatie=locatie,
        vestiging=BetrokkeneFactory(naam="Bakkerij De Korst"),
    )
    medewerker = Actor(gebruiker_id=1, gebruikersnaam="vv", organisatie=odzob, rollen=frozenset({Rol.TOEZICHTHOUDER}))
    openbaar = services.uitvoering_maken(
        actor=medewerker,
        gegevens=services.Uitvoeringsgegevens(
            activiteit="bal-3.2.1",
            vth_object=obj,
            bevoegd_gezag="GM0772",
            toezichtinstantie="odzob",
            status="uitvoering",
            kwalificaties=("meldingsplicht",),
            legitimatie="M-2024-001",
            uitvoerder_betrokkene=eigenaar,
        ),
    )
    geheim = services.uitvoering_maken(
        actor=medewerker,
        gegevens=services.Uitvoeringsgegevens(
            activiteit="bal-3.2.1",
            vth_object=obj,
            bevoegd_gezag="GM0772",
            toezichtinstantie="odzob",
            status="uitvoering",
            kwalificaties=("vergunningplicht",),
            vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
        ),
    )
    return {
        "eindhoven": eindhoven,
        "odzob": odzob,
        "locatie": locatie,
        "obj": obj,
        "openbaar": openbaar,
        "geheim": geheim,
        "medewerker": medewerker,
        "eigenaar": eigenaar,
    }


def uitvoering_op_nieuw_object(wereld, *, naam: str, lokaal_id: str, locatie):
    """A new public VTH-object of Eindhoven/ODZOB at `locatie` with one execution (bal-3.2.1, in uitvoering)."""
    obj = VthObjectFactory(naam=naam, lokaal_id=lokaal_id, locatie=locatie)
    return services.uitvoering_maken(
        actor=wereld["medewerker"],
        gegevens=services.Uitvoeringsgegevens(
            activiteit="bal-3.2.1",
            vth_object=obj,
            bevoegd_gezag="GM0772",
            toezichtinstantie="odzob",
            status="uitvoering",
        ),
    )
