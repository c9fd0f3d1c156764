"""factory_boy factories for the main records, so a test names only what matters to it.

The defaults describe one small world: Eindhoven (GM0772) is the bevoegd gezag and ODZOB (`odzob`) its
omgevingsdienst; the organisations themselves come from the reference data loaded once per test database
(`tests/conftest.py`), so `OrganisatieFactory(code=...)` finds the existing one. A factory writes the row
directly: no access check, no audit event. A test of a service calls the service itself
(`register.services.vthobject_maken` …); a fixture that only needs a record in place uses these.

    obj = VthObjectFactory(bevoegd_gezag=OrganisatieFactory(code="GM0363"))
    lid = LidmaatschapFactory(organisatie=odzob, rollen=[Rol.PLANNER]); actor = actor_van(lid)
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.geo import crs
from openvth.handhaving.models import Handhavingsmaatregel, Overtreding
from openvth.organisaties.models import Deelafspraak, Lidmaatschap, Mandaat, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor
from openvth.register.models import Activiteit, Activiteituitvoering, Betrokkene, Locatie, SoortBetrokkene, VthObject
from openvth.toezicht.models import Bevinding, Controle
from openvth.vergunningen.models import Verzoek, Verzoekactiviteit

WACHTWOORD = "een-lang-test-wachtwoord-1"
M = TypeVar("M")


class Fabriek(factory.django.DjangoModelFactory[M]):
    """The base of the factories below: calling one gives its model's instance, for mypy too."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]


# --- organisations and people -------------------------------------------------------------------------


class OrganisatieFactory(Fabriek[Organisatie]):
    """An organisation by code: the reference data's own when it exists (`GM0772`, `odzob`, `ilt` …)."""

    class Meta:
        model = Organisatie
        django_get_or_create = ("code",)

    code = "GM0772"
    soort = "gemeente"
    naam = factory.LazyAttribute(lambda o: f"Proeforganisatie {o.code}")


class GebruikerFactory(Fabriek[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.PostGenerationMethodCall("set_password", WACHTWOORD)

    @factory.post_generation
    def bewaar(self, create, extracted, **kwargs):
        if create:
            self.save()


class LidmaatschapFactory(Fabriek[Lidmaatschap]):
    """A membership; the role(s) in `rollen` (default: toezichthouder)."""

    class Meta:
        model = Lidmaatschap

    gebruiker = factory.SubFactory(GebruikerFactory)
    organisatie = factory.SubFactory(OrganisatieFactory, code="odzob")
    rollen = factory.LazyFunction(lambda: [Rol.TOEZICHTHOUDER])


def actor_van(lid: Lidmaatschap, *, scopes: frozenset[str] | None = None) -> Actor:
    """The actor a person acts as through this membership (what the web and the API build on log-in)."""
    return Actor(
        gebruiker_id=lid.gebruiker.pk,
        gebruikersnaam=lid.gebruiker.get_username(),
        organisatie=lid.organisatie,
        rollen=frozenset(lid.rollen),
        scopes=scopes,
    )


class MandaatFactory(Fabriek[Mandaat]):
    """Eindhoven mandates ODZOB for its basic tasks; made once per pair (get or create)."""

    class Meta:
        model = Mandaat
        django_get_or_create = ("mandaatgever", "mandaatnemer")

    mandaatgever = factory.SubFactory(OrganisatieFactory, code="GM0772")
    mandaatnemer = factory.SubFactory(OrganisatieFactory, code="odzob")
    taakcategorieen = factory.LazyFunction(lambda: ["basistaak"])


class DeelafspraakFactory(Fabriek[Deelafspraak]):
    """ODZOB lets ILT read its VTH-objects up to `vertrouwelijk` (active, no end date)."""

    class Meta:
        model = Deelafspraak

    ontvanger = factory.SubFactory(OrganisatieFactory, code="ilt")
    verstrekker = factory.SubFactory(OrganisatieFactory, code="odzob")
    recordsoort = "register.vthobject"
    plafond = Vertrouwelijkheid.VERTROUWELIJK
    grondslag = "Omgevingswet art. 18.1"


# --- the register -------------------------------------------------------------------------------------


class LocatieFactory(Fabriek[Locatie]):
    """A place at the Markt in Eindhoven; WGS84 derived from the RD coordinates as the service does."""

    class Meta:
        model = Locatie

    gemeente = factory.SubFactory(OrganisatieFactory, code="GM0772")
    x = 161_500.0
    y = 383_200.0
    lon = factory.LazyAttribute(lambda o: crs.rd_naar_wgs84(o.x, o.y)[0])
    lat = factory.LazyAttribute(lambda o: crs.rd_naar_wgs84(o.x, o.y)[1])
    straat = "Markt"
    huisnummer = factory.Sequence(lambda n: n + 1)
    postcode = "5611EB"  # the BAG form `locatie_maken` stores
    woonplaats = "Eindhoven"


class BetrokkeneFactory(Fabriek[Betrokkene]):
    """A KvK establishment (public); `natuurlijk_persoon=True` for a person (confidential, never public)."""

    class Meta:
        model = Betrokkene

    class Params:
        natuurlijk_persoon = factory.Trait(
            soort=SoortBetrokkene.NATUURLIJK_PERSOON,
            vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK,
            kvk_nummer="",
            vestigingsnummer="",
        )

    soort = SoortBetrokkene.VESTIGING
    naam = factory.Sequence(lambda n: f"Bedrijf {n} B.V.")
    handelsnamen = factory.LazyAttribute(lambda o: [o.naam] if o.soort == SoortBetrokkene.VESTIGING else [])
    bevoegd_gezag = factory.SubFactory(OrganisatieFactory, code="GM0772")
    uitvoerder = factory.SubFactory(OrganisatieFactory, code="odzob")
    kvk_nummer = "12345678"
    vestigingsnummer = "000012345678"


class VthObjectFactory(Fabriek[VthObject]):
    """A public site of Eindhoven, served by ODZOB, in Eindhoven (no mandate: add `MandaatFactory()`)."""

    class Meta:
        model = VthObject

    naam = factory.Sequence(lambda n: f"Bedrijf {n}")
    lokaal_id = factory.Sequence(lambda n: f"proef-{n}")
    locatie = factory.SubFactory(LocatieFactory)
    bevoegd_gezag = factory.SubFactory(OrganisatieFactory, code="GM0772")
    uitvoerder = factory.SubFactory(OrganisatieFactory, code="odzob")


class ActiviteitFactory(Fabriek[Activiteit]):
    """A catalogue activity; the loaded catalogue's own by code (`bal-3.2.1`) when it is there."""

    class Meta:
        model = Activiteit
        django_get_or_create = ("code",)

    code = "proef"
    niveau = 1
    naam = factory.LazyAttribute(lambda o: f"Activiteit {o.code}")
    catalogusversie = "proef"


class ActiviteituitvoeringFactory(Fabriek[Activiteituitvoering]):
    """An activity in execution at a VTH-object, for the object's bevoegd gezag, uitvoerder and municipality."""

    class Meta:
        model = Activiteituitvoering

    vth_object = factory.SubFactory(VthObjectFactory)
    activiteit = factory.SubFactory(ActiviteitFactory)
    bevoegd_gezag = factory.SelfAttribute("vth_object.bevoegd_gezag")
    toezichtinstantie = factory.SelfAttribute("vth_object.uitvoerder")
    gemeente = factory.SelfAttribute("vth_object.locatie.gemeente")
    bron_systeem = "proef"
    bron_id = factory.Sequence(lambda n: f"proef-{n}")
    status = "uitvoering"


# --- supervision and enforcement ------------------------------------------------------------------------


class _OpObject(Fabriek[M]):
    """A record at a VTH-object (`ZaakOpObject`): its organisations and municipality follow the object's."""

    class Meta:
        abstract = True

    vth_object = factory.SubFactory(VthObjectFactory)
    bevoegd_gezag = factory.SelfAttribute("vth_object.bevoegd_gezag")
    uitvoerder = factory.SelfAttribute("vth_object.uitvoerder")
    gemeente = factory.SelfAttribute("vth_object.locatie.gemeente")


class ControleFactory(_OpObject[Controle]):
    """A planned incident controle (level `intern`, the model's default)."""

    class Meta:
        model = Controle

    reden = "incident"
    gepland_op = date(2026, 1, 5)


class BevindingFactory(Fabriek[Bevinding]):
    class Meta:
        model = Bevinding

    controle = factory.SubFactory(ControleFactory)
    volgnummer = factory.LazyAttribute(lambda o: o.controle.bevindingen.count() + 1)
    resultaat = "voorschriften_nageleefd"
    vastgelegd_door = factory.SubFactory(GebruikerFactory)


class OvertredingFactory(_OpObject[Overtreding]):
    """A violation seen by the service's own inspector (level `intern`)."""

    class Meta:
        model = Overtreding

    herkomst = "eigen_waarneming"
    omschrijving = "Afval buiten de opslag."
    voorschrift = "Bal art. 3.48 lid 2"
    geconstateerd_op = date(2026, 1, 12)


class HandhavingsmaatregelFactory(Fabriek[Handhavingsmaatregel]):
    """A written warning on a violation (phase `waarschuwing` of the workflow table)."""

    class Meta:
        model = Handhavingsmaatregel

    overtreding = factory.SubFactory(OvertredingFactory)
    instrument = "WAARSCHUWEN"
    fase = "waarschuwing"


# --- permitting ----------------------------------------------------------------------------------------------


class VerzoekFactory(Fabriek[Verzoek]):
    """A permit application for Eindhoven, handled by ODZOB, from a KvK establishment, received 30 November 2026
    (level `intern`, the model's default), with one activity that needs a permit; `activiteiten=None` leaves it out."""

    class Meta:
        model = Verzoek
        skip_postgeneration_save = True

    verzoeknummer = factory.Sequence(lambda n: f"20261130{n:05d}")
    verzoekvolgnummer = "001"
    soort = "toestemmingsaanvraag"
    subsoort = "omgevingsvergunning"
    ontvangen_op = date(2026, 11, 30)
    aanvrager = factory.SubFactory(BetrokkeneFactory)
    locatie = factory.SubFactory(LocatieFactory)
    bevoegd_gezag = factory.SubFactory(OrganisatieFactory, code="GM0772")
    uitvoerder = factory.SubFactory(OrganisatieFactory, code="odzob")
    afleiding = "proef: bevoegd gezag en uitvoerder gegeven"
    bron = "formulier"
    activiteiten = factory.RelatedFactory("tests.fabrieken.VerzoekactiviteitFactory", factory_related_name="verzoek")


class VerzoekactiviteitFactory(Fabriek[Verzoekactiviteit]):
    class Meta:
        model = Verzoekactiviteit

    verzoek = factory.SubFactory(VerzoekFactory, activiteiten=None)
    activiteit = factory.SubFactory(ActiviteitFactory, code="proef-vergunning", kwalificaties=["vergunningplicht"])


# --- second factor ----------------------------------------------------------------------------------------


def totp_apparaat(gebruiker) -> TOTPDevice:
    return TOTPDevice.objects.create(user=gebruiker, name="test", confirmed=True)


def totp_code(apparaat: TOTPDevice) -> str:
    from django_otp.oath import totp

    return f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift):06d}"
