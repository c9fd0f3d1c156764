"""Demo users and mandates for one region (Omgevingsdienst Zuidoost-Brabant): one log-in per role.

Demo users have a confirmed TOTP device named `demo`; `openvth totp NAAM` prints its current code, so a
trial needs no phone. Never run this on a production database: `openvth demo` refuses when PRODUCTIE is set.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .models import Mandaat, Organisatie, Rol, Soort, Taakcategorie, Werkgebiedlid
from .toegang import Actor

DEMO_DIENST = "odzob"
DEMO_GEMEENTE = "GM0772"  # Eindhoven
DEMO_WACHTWOORD = "demo-OpenVTH-2026"
DEMO_APPARAAT = "demo"


@dataclass(frozen=True)
class Demogebruiker:
    naam: str
    leden: dict[str, list[str]]
    omschrijving: str
    # The person's name where papers show it (the report to the operator names its inspector, not a role).
    persoon: str = ""


DEMOGEBRUIKERS = (
    Demogebruiker(
        "toezichthouder", {DEMO_DIENST: [Rol.TOEZICHTHOUDER]}, "inspecteur bij de omgevingsdienst", "ing. M. de Vries"
    ),
    Demogebruiker("handhaver", {DEMO_DIENST: [Rol.HANDHAVER]}, "handhavingsjurist bij de omgevingsdienst"),
    Demogebruiker("planner", {DEMO_DIENST: [Rol.PLANNER]}, "planner van het uitvoeringsprogramma"),
    Demogebruiker("manager", {DEMO_DIENST: [Rol.MANAGER]}, "manager van de omgevingsdienst"),
    Demogebruiker("beheerder", {DEMO_DIENST: [Rol.FUNCTIONEEL_BEHEERDER]}, "functioneel beheerder"),
    Demogebruiker("privacy", {DEMO_DIENST: [Rol.PRIVACY_OFFICER]}, "privacy officer"),
    Demogebruiker("vergunningverlener", {DEMO_GEMEENTE: [Rol.VERGUNNINGVERLENER]}, "vergunningverlener, Eindhoven"),
    Demogebruiker(
        "adviseur",
        {DEMO_GEMEENTE: [Rol.ADVISEUR], DEMO_DIENST: [Rol.ADVISEUR]},
        "adviseur bij gemeente én dienst (wisselt van organisatie)",
    ),
    Demogebruiker("officier", {"om-fp": [Rol.KETENPARTNER]}, "ketenpartner, OM Functioneel Parket"),
    # Signs letters under ondermandaat (handhaving/demo.py records it in the mandate register); the description is
    # the name printed under the signature.
    Demogebruiker("teamleider", {DEMO_DIENST: [Rol.MANAGER, Rol.HANDHAVER]}, "mr. A. Jansen"),
    Demogebruiker("politie", {"politie": [Rol.KETENPARTNER]}, "ketenpartner, politie (milieurecherche)"),
)


@transaction.atomic
def demo_laden(*, actor: Actor) -> list[Demogebruiker]:
    """Idempotent: mandates from every participant of the demo service, and the demo users."""
    dienst = Organisatie.objects.get(code=DEMO_DIENST)
    deelnemers = Organisatie.objects.filter(
        pk__in=Werkgebiedlid.objects.filter(omgevingsdienst=dienst).values("lid_id"),
        soort__in=(Soort.GEMEENTE, Soort.PROVINCIE),
    )
    for gever in deelnemers:
        if not Mandaat.objects.filter(mandaatgever=gever, mandaatnemer=dienst).exists():
            categorieen = (
                [Taakcategorie.BASISTAAK, Taakcategorie.PLUSTAAK]
                if gever.soort == Soort.GEMEENTE
                else [Taakcategorie.BASISTAAK]
            )
            services.mandaat_maken(
                actor=actor,
                mandaatgever=gever,
                mandaatnemer=dienst,
                taakcategorieen=categorieen,
                besluit=f"Mandaatbesluit {gever.naam} – {dienst.afkorting} (demo)",
                ondermandaat_toegestaan=True,
            )
    User = get_user_model()
    for demo in DEMOGEBRUIKERS:
        gebruiker = User.objects.filter(username=demo.naam).first()
        if gebruiker is None:
            gebruiker = services.gebruiker_maken(
                actor=actor,
                gebruikersnaam=demo.naam,
                wachtwoord=DEMO_WACHTWOORD,
                naam=demo.persoon or demo.omschrijving,
                lidmaatschappen=demo.leden,
            )
        TOTPDevice.objects.get_or_create(user=gebruiker, name=DEMO_APPARAAT, defaults={"confirmed": True})
    return list(DEMOGEBRUIKERS)
