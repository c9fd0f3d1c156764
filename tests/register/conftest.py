"""Register fixtures: the catalogue, and a small world in Eindhoven served by ODZOB."""

import pytest
from django.core.management import call_command

from openvth.organisaties.models import Mandaat, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import Actor
from openvth.register import services
from openvth.register.models import SoortBetrokkene, VthObject


@pytest.fixture
def catalogus(db):
    call_command("load_catalogus", verbosity=0, stdout=open("/dev/null", "w"))


@pytest.fixture
def wereld(catalogus):
    """Eindhoven (GM0772) mandated ODZOB; one bakery with a public and a confidential activity."""
    systeem = systeem_actor("test")
    eindhoven = Organisatie.objects.get(code="GM0772")
    odzob = Organisatie.objects.get(code="odzob")
    Mandaat.objects.create(mandaatgever=eindhoven, mandaatnemer=odzob, taakcategorieen=["basistaak"])
    locatie = services.locatie_maak(
        actor=systeem,
        x=161_500.0,
        y=383_200.0,
        gemeente=eindhoven,
        straat="Markt",
        huisnummer=1,
        postcode="5611 EB",
        woonplaats="Eindhoven",
    )
    vestiging = services.betrokkene_maak(
        actor=systeem,
        soort=SoortBetrokkene.VESTIGING,
        naam="Bakkerij De Korst",
        bevoegd_gezag=eindhoven,
        uitvoerder=odzob,
        kvk_nummer="12345678",
        vestigingsnummer="000012345678",
    )
    eigenaar = services.betrokkene_maak(
        actor=systeem,
        soort=SoortBetrokkene.NATUURLIJK_PERSOON,
        naam="Jan Jansen",
        bevoegd_gezag=eindhoven,
        uitvoerder=odzob,
    )
    obj = VthObject.objects.create(
        naam="Bakkerij De Korst",
        lokaal_id="odzob-1",
        locatie=locatie,
        bevoegd_gezag=eindhoven,
        uitvoerder=odzob,
        vestiging=vestiging,
    )
    medewerker = Actor(gebruiker_id=1, gebruikersnaam="vv", organisatie=odzob, rollen=frozenset({Rol.TOEZICHTHOUDER}))
    openbaar = services.uitvoering_maak(
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
    geheim = services.uitvoering_maak(
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
    obj = VthObject.objects.create(
        naam=naam, lokaal_id=lokaal_id, locatie=locatie, bevoegd_gezag=wereld["eindhoven"], uitvoerder=wereld["odzob"]
    )
    return services.uitvoering_maak(
        actor=wereld["medewerker"],
        gegevens=services.Uitvoeringsgegevens(
            activiteit="bal-3.2.1",
            vth_object=obj,
            bevoegd_gezag="GM0772",
            toezichtinstantie="odzob",
            status="uitvoering",
        ),
    )
