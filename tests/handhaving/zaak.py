"""Test data for the UI, document and feed tests: a small enforcement case in Eindhoven, served by ODZOB.

Plain functions (not fixtures) so that each test module states which fixtures it builds from them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import Client

from openvth.handhaving.models import Handhavingsmaatregel, Interventiepositionering, Maatregelstap, Overtreding
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.services import gebruiker_maken, systeem_actor
from openvth.organisaties.toegang import Actor
from openvth.register.models import VthObject

from ..fabrieken import BetrokkeneFactory, LocatieFactory, MandaatFactory, VthObjectFactory, totp_apparaat, totp_code

WACHTWOORD = "een-lang-test-wachtwoord-1"


def gebruiker(naam: str, lidmaatschappen: dict[str, list[str]]):
    """A person with memberships {organisation code: [roles]}, made by the service layer."""
    return gebruiker_maken(
        actor=systeem_actor("test"), gebruikersnaam=naam, wachtwoord=WACHTWOORD, lidmaatschappen=lidmaatschappen
    )


def browser(persoon) -> Client:
    """A test client logged in through the forms: password, then the second factor."""
    client = Client()
    client.post("/inloggen", {"username": persoon.username, "password": WACHTWOORD})
    assert client.post("/tweede-factor", {"code": totp_code(totp_apparaat(persoon))}).status_code == 302
    return client


def actor_van(persoon, code: str, *rollen: str) -> Actor:
    return Actor(
        gebruiker_id=persoon.pk,
        gebruikersnaam=persoon.username,
        organisatie=Organisatie.objects.get(code=code),
        rollen=frozenset(rollen or (Rol.HANDHAVER,)),
    )


def vth_object(naam: str = "Bakkerij De Korst", lokaal_id: str = "odzob-hh-1") -> VthObject:
    """A bakery at the Markt in Eindhoven (GM0772), which mandated ODZOB; with a KvK establishment."""
    MandaatFactory()
    return VthObjectFactory(
        naam=naam,
        lokaal_id=lokaal_id,
        locatie=LocatieFactory(huisnummer=1),
        vestiging=BetrokkeneFactory(naam=f"{naam} B.V."),
    )


def overtreding(persoon, obj: VthObject | None = None, **velden) -> Overtreding:
    obj = obj or vth_object()
    return Overtreding.objects.create(
        bevoegd_gezag=obj.bevoegd_gezag,
        uitvoerder=obj.uitvoerder,
        gemeente=obj.locatie.gemeente,
        vth_object=obj,
        herkomst="eigen_waarneming",
        omschrijving=velden.pop("omschrijving", "Afval buiten de opslag."),
        voorschrift=velden.pop("voorschrift", "Bal art. 3.48 lid 2"),
        geconstateerd_op=velden.pop("geconstateerd_op", date(2026, 1, 12)),
        behandelaar=persoon,
        **velden,
    )


def positie(persoon, zaak: Overtreding, gedrag: str = "B", gevolg: str = "3") -> Interventiepositionering:
    return Interventiepositionering.objects.create(
        overtreding=zaak,
        gedrag=gedrag,
        gevolg=gevolg,
        spoor="bestuursrechtelijk",
        instrumenten=[
            {
                "code": "WAARSCHUWEN",
                "naam": "Schriftelijke waarschuwing met hercontrole",
                "zwaarte": 3,
                "categorie": "bestuursrechtelijk herstellend",
            },
            "LOD",
        ],
        tabelversie="LHSO-2022-standaard-1",
        motivering="Positionering: gedrag B (onverschillig), gevolg 3 (van belang) → cel B3.\n"
        "Spoor: bestuursrechtelijk.",
        vastgesteld_door=persoon,
    )


def dwangsom(persoon, zaak: Overtreding, **velden) -> Handhavingsmaatregel:
    """A last onder dwangsom of € 500 per week, at most € 5,000, with a zienswijze and a grace period step."""
    maatregel = Handhavingsmaatregel.objects.create(
        overtreding=zaak,
        instrument="LOD",
        fase=velden.pop("fase", "besluit_lod"),
        omschrijving="Verwijder het afval en houd de opslag binnen de vergunde zone.",
        dwangsom_vorm="per tijdseenheid",
        dwangsom_eenheid="week",
        dwangsom_bedrag=Decimal("500.00"),
        dwangsom_maximum=Decimal("5000.00"),
        zienswijze_tot=date(2026, 2, 16),
        begunstigingstermijn_tot=date(2026, 3, 30),
        behandelaar=persoon,
        **velden,
    )
    Maatregelstap.objects.create(
        maatregel=maatregel,
        van="",
        naar="voornemen",
        datum=date(2026, 2, 2),
        termijn_tot=date(2026, 2, 16),
        termijn_soort="zienswijzetermijn",
        motivering="Zienswijzetermijn (Awb 4:8): 2 weken.\nBerekening: 2 weken na 2 februari 2026.",
        door=persoon,
    )
    Maatregelstap.objects.create(
        maatregel=maatregel,
        van="voornemen",
        naar="besluit_lod",
        datum=date(2026, 3, 2),
        termijn_tot=date(2026, 3, 30),
        termijn_soort="begunstigingstermijn",
        motivering="Begunstigingstermijn: 4 weken na 2 maart 2026.",
        door=persoon,
    )
    return maatregel
