"""Building blocks for the back-end tests of enforcement: people, a VTH-object, actors and cases.

Plain functions, so each test module shows what it builds. Eindhoven (GM0772) is the competent authority and
mandates ODZOB (`odzob`), whose handhaver acts; OM (`om-fp`) and police (`politie`) are the chain partners.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.contrib.auth import get_user_model

from openvth.handhaving import services
from openvth.handhaving.models import Overtreding
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.toegang import Actor
from openvth.register.models import VthObject

from ..fabrieken import LocatieFactory, MandaatFactory, OrganisatieFactory, VthObjectFactory


def persoon(naam: str):
    return get_user_model().objects.get_or_create(username=naam)[0]


def actor(naam: str, code: str, *rollen: str) -> Actor:
    gebruiker = persoon(naam)
    return Actor(
        gebruiker_id=gebruiker.pk,
        gebruikersnaam=naam,
        organisatie=Organisatie.objects.get(code=code),
        rollen=frozenset(rollen or (Rol.HANDHAVER,)),
    )


def handhaver(naam: str = "handhaver") -> Actor:
    return actor(naam, "odzob", Rol.HANDHAVER)


def vth_object(lokaal_id: str | None = None, *, gemeente: str = "GM0772", dienst: str = "odzob") -> VthObject:
    """A site in Eindhoven whose authority mandated ODZOB (a mandate is created once)."""
    bg, uv = OrganisatieFactory(code=gemeente), OrganisatieFactory(code=dienst)
    MandaatFactory(mandaatgever=bg, mandaatnemer=uv)
    return VthObjectFactory(
        naam="Metaalbewerking Zuid",
        lokaal_id=lokaal_id or f"odzob-hh-{uuid.uuid4().hex[:8]}",
        locatie=LocatieFactory(gemeente=bg, huisnummer=1),
        bevoegd_gezag=bg,
        uitvoerder=uv,
    )


def overtreding(wie: Actor | None = None, obj: VthObject | None = None, **velden) -> Overtreding:
    """A violation created through the service (so audited and access-checked like any other)."""
    return services.overtreding_maken(
        actor=wie or handhaver(),
        vth_object=obj or vth_object(),
        herkomst=velden.pop("herkomst", "eigen_waarneming"),
        omschrijving=velden.pop("omschrijving", "Afvalstoffen buiten de vloeistofdichte opslag."),
        voorschrift=velden.pop("voorschrift", "Bal art. 3.48 lid 2"),
        geconstateerd_op=velden.pop("geconstateerd_op", date(2025, 1, 6)),
        **velden,
    )
