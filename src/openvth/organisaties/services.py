"""Every write on organisations, people, mandates, sharing agreements and tokens. Each one is audited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from openvth.audit import services as audit

from . import toegang
from .fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from .models import (
    Afspraakstatus,
    ApiToken,
    Bevoegdheid,
    Deelafspraak,
    Lidmaatschap,
    Mandaat,
    Organisatie,
    Persoonsmandaat,
    Rol,
    Soort,
    Taakcategorie,
    Vertrouwelijkheid,
    Werkgebiedlid,
)
from .referentiebestanden import STANDAARD_MAP, lees_referentie
from .toegang import Actor

SCOPES = {"lezen": "gegevens lezen", "schrijven": "gegevens wijzigen"}
TOKEN_PREFIX = "ovth_"


def systeem_actor(naam: str = "systeem") -> Actor:
    """The actor for operator commands run on the server itself (CLI): audited under this name."""
    return Actor(gebruikersnaam=naam)


# --- reference data -----------------------------------------------------------------------------------


@dataclass
class Laadverslag:
    aangemaakt: list[str] = field(default_factory=list)
    gewijzigd: list[str] = field(default_factory=list)
    ongewijzigd: int = 0
    niet_meer_in_bestand: list[str] = field(default_factory=list)

    @property
    def veranderd(self) -> bool:
        return bool(self.aangemaakt or self.gewijzigd)


def _toon(waarde) -> str:
    return waarde.code if isinstance(waarde, Organisatie) else repr(waarde)


@transaction.atomic
def referentie_laden(*, actor: Actor, map: Path = STANDAARD_MAP) -> Laadverslag:
    """Load organisations and work areas from the reference files: idempotent, updates in place.

    The files are validated completely before anything is written; a bad file changes nothing.
    """
    ref = lees_referentie(map)
    verslag = Laadverslag()
    bestaand = {o.code: o for o in Organisatie.objects.all()}

    def bewaar(code: str, velden: dict) -> Organisatie:
        org = bestaand.get(code)
        if org is None:
            org = Organisatie.objects.create(code=code, **velden)
            bestaand[code] = org
            verslag.aangemaakt.append(code)
            audit.schrijf(actor=actor, actie="organisatie.aangemaakt", object=org, na=audit.momentopname(org))
            return org
        verschil = {k: (getattr(org, k), v) for k, v in velden.items() if getattr(org, k) != v}
        if not verschil:
            if code not in verslag.aangemaakt:
                verslag.ongewijzigd += 1
            return org
        voor = audit.momentopname(org)
        for k, (_, v) in verschil.items():
            setattr(org, k, v)
        org.save(update_fields=list(verschil))
        if code not in verslag.aangemaakt:  # a successor set right after creation is part of the creation
            verslag.gewijzigd.append(
                f"{code}: " + ", ".join(f"{k} {_toon(oud)} → {_toon(nieuw)}" for k, (oud, nieuw) in verschil.items())
            )
        audit.schrijf(actor=actor, actie="organisatie.gewijzigd", object=org, voor=voor, na=audit.momentopname(org))
        return org

    for rij in ref.organisaties:  # files are ordered so that provinces precede their municipalities
        velden = dict(rij.velden)
        if rij.provincie:
            velden["provincie"] = bestaand[rij.provincie]
        bewaar(rij.code, velden)
    for rij in ref.organisaties:  # successors can appear later in the file than their predecessors
        if rij.opvolger:
            bewaar(rij.code, {"opvolger": bestaand[rij.opvolger]})

    leden = {
        (w.omgevingsdienst.code, w.lid.code): w for w in Werkgebiedlid.objects.select_related("omgevingsdienst", "lid")
    }
    for od_code, lid_code, afgeleid, bron in ref.werkgebied:
        od = bestaand[od_code]
        velden = {"afgeleid": afgeleid, "bron": bron, "geldig_vanaf": od.geldig_vanaf, "geldig_tot": od.geldig_tot}
        lid = leden.get((od_code, lid_code))
        if lid is None:
            lid = Werkgebiedlid.objects.create(omgevingsdienst=od, lid=bestaand[lid_code], **velden)
            verslag.aangemaakt.append(f"werkgebied {od_code}/{lid_code}")
            audit.schrijf(actor=actor, actie="werkgebied.aangemaakt", object=lid, na=audit.momentopname(lid))
            continue
        verschil = {k: v for k, v in velden.items() if getattr(lid, k) != v}
        if not verschil:
            verslag.ongewijzigd += 1
            continue
        voor = audit.momentopname(lid)
        for k, v in verschil.items():
            setattr(lid, k, v)
        lid.save(update_fields=list(verschil))
        verslag.gewijzigd.append(f"werkgebied {od_code}/{lid_code}: " + ", ".join(verschil))
        audit.schrijf(actor=actor, actie="werkgebied.gewijzigd", object=lid, voor=voor, na=audit.momentopname(lid))

    in_bestand = {rij.code for rij in ref.organisaties}
    verslag.niet_meer_in_bestand = sorted(set(bestaand) - in_bestand)
    return verslag


# --- people -------------------------------------------------------------------------------------------


def _organisatie(code: str) -> Organisatie:
    try:
        return Organisatie.objects.get(code=code)
    except Organisatie.DoesNotExist:
        raise OngeldigeInvoer(f"Onbekende organisatiecode '{code}'.", {"organisatie": "onbekende code"}) from None


def _rollen(rollen: list[str]) -> list[str]:
    onbekend = sorted(set(rollen) - set(Rol.values))
    if onbekend or not rollen:
        raise OngeldigeInvoer(
            f"Onbekende rol(len): {', '.join(onbekend)}. Kies uit: {', '.join(Rol.values)}."
            if onbekend
            else "Geef minstens één rol.",
            {"rollen": "onbekend" if onbekend else "verplicht"},
        )
    return sorted(set(rollen))


@transaction.atomic
def gebruiker_maken(
    *,
    actor: Actor,
    gebruikersnaam: str,
    wachtwoord: str,
    email: str = "",
    naam: str = "",
    lidmaatschappen: dict[str, list[str]] | None = None,
    controleer_wachtwoord: bool = True,
):
    """A person with memberships {organisation code: [roles]}; the password is stored as an argon2 hash."""
    User = get_user_model()
    if User.objects.filter(username=gebruikersnaam).exists():
        raise OngeldigeInvoer(f"Gebruiker '{gebruikersnaam}' bestaat al.", {"gebruikersnaam": "bestaat al"})
    lidmaatschappen = {code: _rollen(rollen) for code, rollen in (lidmaatschappen or {}).items()}
    organisaties = {code: _organisatie(code) for code in lidmaatschappen}
    gebruiker = User(username=gebruikersnaam, email=email, first_name=naam)
    if controleer_wachtwoord:
        validate_password(wachtwoord, gebruiker)
    gebruiker.set_password(wachtwoord)
    gebruiker.save()
    audit.schrijf(
        actor=actor,
        actie="gebruiker.aangemaakt",
        object=gebruiker,
        na=audit.momentopname(gebruiker, ["username", "email", "first_name"]),
    )
    for code, rollen in lidmaatschappen.items():
        lid = Lidmaatschap.objects.create(gebruiker=gebruiker, organisatie=organisaties[code], rollen=rollen)
        audit.schrijf(actor=actor, actie="lidmaatschap.aangemaakt", object=lid, na=audit.momentopname(lid))
    return gebruiker


# --- mandates and sharing agreements ------------------------------------------------------------------


BEHEERDERS = (Rol.FUNCTIONEEL_BEHEERDER, Rol.MANAGER)


def _operator(actor: Actor) -> bool:
    """An operator command on the server: no person behind the actor, but a name to audit it under."""
    return actor.gebruiker_id is None and bool(actor.gebruikersnaam)


def _namens(actor: Actor, organisatie: Organisatie) -> None:
    """Only the organisation itself (its functional administrator or manager) grants or ends its agreements.

    Operator commands on the server (no person behind the actor) are trusted and audited under their name.
    """
    if _operator(actor):
        return
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    if actor.organisatie != organisatie:
        raise GeenToestemming(f"Alleen {organisatie.naam} zelf kan dit vastleggen of beëindigen.")


def _periode(geldig_vanaf: date | None, geldig_tot: date | None) -> None:
    if geldig_vanaf and geldig_tot and geldig_tot <= geldig_vanaf:
        raise OngeldigeInvoer("De einddatum moet na de begindatum liggen.", {"geldig_tot": "vóór geldigVanaf"})


@transaction.atomic
def mandaat_maken(
    *,
    actor: Actor,
    mandaatgever: Organisatie,
    mandaatnemer: Organisatie,
    taakcategorieen: list[str],
    geldig_vanaf: date | None = None,
    geldig_tot: date | None = None,
    besluit: str = "",
    ondermandaat_toegestaan: bool = False,
) -> Mandaat:
    """A competent authority mandates a service (Awb 10:1–10:3); only a bevoegd gezag can mandate. Whether the
    service may pass it on to its staff (ondermandaat) is the mandaatgever's choice (Awb 10:9 lid 1)."""
    _namens(actor, mandaatgever)
    if not mandaatgever.is_bevoegd_gezag:
        raise OngeldigeInvoer(
            f"{mandaatgever} is geen bevoegd gezag en kan geen mandaat verlenen.",
            {"mandaatgever": "geen bevoegd gezag"},
        )
    if mandaatnemer.soort != Soort.OMGEVINGSDIENST:
        raise OngeldigeInvoer(f"{mandaatnemer} is geen omgevingsdienst.", {"mandaatnemer": "geen omgevingsdienst"})
    onbekend = set(taakcategorieen) - set(Taakcategorie.values)
    if onbekend or not taakcategorieen:
        raise OngeldigeInvoer("Taakcategorieën moeten basistaak en/of plustaak zijn.", {"taakcategorieen": "ongeldig"})
    _periode(geldig_vanaf, geldig_tot)
    mandaat = Mandaat.objects.create(
        mandaatgever=mandaatgever,
        mandaatnemer=mandaatnemer,
        taakcategorieen=sorted(set(taakcategorieen)),
        geldig_vanaf=geldig_vanaf,
        geldig_tot=geldig_tot,
        besluit=besluit,
        ondermandaat_toegestaan=ondermandaat_toegestaan,
    )
    audit.schrijf(actor=actor, actie="mandaat.aangemaakt", object=mandaat, na=audit.momentopname(mandaat))
    return mandaat


@transaction.atomic
def persoonsmandaat_maken(
    *,
    actor: Actor,
    mandaatgever: Organisatie,
    gebruiker,
    functie: str,
    bevoegdheden: list[str],
    besluit: str,
    geldig_vanaf: date | None = None,
    geldig_tot: date | None = None,
) -> Persoonsmandaat:
    """Record in the mandate register that a person may sign kinds of letters in the name of a competent body.

    An official of the body itself gets a mandate from the body (Awb 10:3), recorded by the body. Someone at the
    omgevingsdienst gets an ondermandaat (Awb 10:9), recorded by the dienst, and only under a mandate in force from
    that body which allows ondermandaat (Awb 10:9 lid 1); the mandaatbesluit is written (Awb 10:5 lid 2).
    """
    peildatum = geldig_vanaf or timezone.localdate()
    fouten: dict[str, str] = {}
    if not mandaatgever.is_bevoegd_gezag:
        fouten["mandaatgever"] = "geen bevoegd gezag"
    onbekend = set(bevoegdheden) - set(Bevoegdheid.values)
    if onbekend or not bevoegdheden:
        fouten["bevoegdheden"] = "kies uit " + ", ".join(Bevoegdheid.values)
    if not functie.strip():
        fouten["functie"] = "verplicht: de functie staat onder de ondertekening"
    if not besluit.strip():
        fouten["besluit"] = "verplicht: de vindplaats van het (onder)mandaatbesluit (Awb 10:5 lid 2)"
    if fouten:
        raise OngeldigeInvoer("Het mandaat is niet vastgelegd: " + "; ".join(fouten.values()) + ".", fouten)
    _periode(geldig_vanaf, geldig_tot)
    leden = Lidmaatschap.objects.geldig_op(peildatum).filter(gebruiker=gebruiker)
    onder = None
    if leden.filter(organisatie=mandaatgever).exists():
        _namens(actor, mandaatgever)
    else:
        onder = (
            Mandaat.objects.geldig_op(peildatum)
            .filter(mandaatgever=mandaatgever, mandaatnemer_id__in=leden.values("organisatie_id"))
            .order_by("-ondermandaat_toegestaan", "id")
            .first()
        )
        if onder is None:
            raise OngeldigeInvoer(
                f"{gebruiker} werkt niet bij {mandaatgever.naam} en niet bij een omgevingsdienst met mandaat van "
                f"{mandaatgever.naam}: geen mandaat mogelijk.",
                {"gebruiker": "geen medewerker van de mandaatgever of een gemandateerde dienst"},
            )
        if not onder.ondermandaat_toegestaan:
            raise OngeldigeInvoer(
                f"Het mandaat van {mandaatgever.naam} aan {onder.mandaatnemer.naam} staat geen ondermandaat toe "
                "(Awb 10:9 lid 1).",
                {"mandaat": "ondermandaat niet toegestaan"},
            )
        _namens(actor, onder.mandaatnemer)
    mandaat = Persoonsmandaat.objects.create(
        mandaatgever=mandaatgever,
        gebruiker=gebruiker,
        functie=functie.strip(),
        bevoegdheden=sorted(set(bevoegdheden)),
        mandaat=onder,
        besluit=besluit.strip(),
        geldig_vanaf=geldig_vanaf,
        geldig_tot=geldig_tot,
    )
    audit.schrijf(actor=actor, actie="persoonsmandaat.aangemaakt", object=mandaat, na=audit.momentopname(mandaat))
    return mandaat


@transaction.atomic
def deelafspraak_maken(
    *,
    actor: Actor,
    ontvanger: Organisatie,
    verstrekker: Organisatie,
    recordsoort: str,
    grondslag: str,
    plafond: str = Vertrouwelijkheid.INTERN,
    regio: Organisatie | None = None,
    geldig_vanaf: date | None = None,
    geldig_tot: date | None = None,
) -> Deelafspraak:
    """Let `ontvanger` read `recordsoort` of `verstrekker`: in force at once, or `voorgesteld` until approved.

    One person alone may not open another authority's records (ADR 0020): an agreement recorded for another
    organisation waits for the consent of that organisation's functional administrator or manager; one above
    `intern` recorded by a service or chain partner for itself (its records are the authorities' it works for)
    waits for a second, different administrator of that organisation. Until then it grants nothing.
    """
    persoon = not _operator(actor)
    if persoon:
        toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
        if actor.organisatie is None:
            raise GeenToestemming("Kies eerst de organisatie waarvoor u optreedt.")
    if recordsoort not in toegang.recordsoorten():
        raise OngeldigeInvoer(f"Onbekende recordsoort '{recordsoort}'.", {"recordsoort": "onbekend"})
    if plafond not in Vertrouwelijkheid.values or plafond == Vertrouwelijkheid.OPENBAAR:
        raise OngeldigeInvoer("Het plafond is intern, vertrouwelijk of strafrechtelijk.", {"plafond": "ongeldig"})
    if not grondslag.strip():
        raise OngeldigeInvoer("Een deelafspraak noemt haar wettelijke grondslag.", {"grondslag": "verplicht"})
    if regio is not None and regio.soort not in (Soort.GEMEENTE, Soort.PROVINCIE, Soort.OMGEVINGSDIENST):
        raise OngeldigeInvoer("Een regio is een gemeente, provincie of omgevingsdienst.", {"regio": "ongeldig"})
    if ontvanger == verstrekker:
        raise OngeldigeInvoer("Een organisatie deelt niet met zichzelf.", {"ontvanger": "gelijk aan verstrekker"})
    _periode(geldig_vanaf, geldig_tot)
    namens = actor.organisatie if persoon else None
    voorstel = persoon and (
        namens != verstrekker
        or (
            not verstrekker.is_bevoegd_gezag
            and Vertrouwelijkheid.rang(plafond) > Vertrouwelijkheid.rang(Vertrouwelijkheid.INTERN)
        )
    )
    afspraak = Deelafspraak.objects.create(
        ontvanger=ontvanger,
        verstrekker=verstrekker,
        recordsoort=recordsoort,
        grondslag=grondslag,
        plafond=plafond,
        regio=regio,
        geldig_vanaf=geldig_vanaf,
        geldig_tot=geldig_tot,
        status=Afspraakstatus.VOORGESTELD if voorstel else Afspraakstatus.ACTIEF,
        voorgesteld_door_id=actor.gebruiker_id,
        voorgesteld_namens=namens,
    )
    audit.schrijf(
        actor=actor,
        actie="deelafspraak.voorgesteld" if voorstel else "deelafspraak.aangemaakt",
        object=afspraak,
        na=audit.momentopname(afspraak),
    )
    return afspraak


@transaction.atomic
def deelafspraak_goedkeuren(*, actor: Actor, afspraak: Deelafspraak) -> Deelafspraak:
    """Approve a proposed agreement: an administrator of the verstrekker who did not propose it (ADR 0020)."""
    afspraak = Deelafspraak.objects.select_for_update().get(pk=afspraak.pk)
    _namens(actor, afspraak.verstrekker)
    if afspraak.beeindigd_op is not None:
        raise OngeldigeInvoer("Deze deelafspraak is beëindigd.", {"status": "beëindigd"})
    if afspraak.status != Afspraakstatus.VOORGESTELD:
        raise OngeldigeInvoer("Deze deelafspraak is al van kracht.", {"status": afspraak.status})
    if actor.gebruiker_id is not None and actor.gebruiker_id == afspraak.voorgesteld_door_id:
        raise GeenToestemming("U stelde deze deelafspraak zelf voor; een ander moet haar goedkeuren.")
    voor = audit.momentopname(afspraak)
    afspraak.status = Afspraakstatus.ACTIEF
    afspraak.goedgekeurd_op = timezone.now()
    afspraak.goedgekeurd_door_id = actor.gebruiker_id
    afspraak.save(update_fields=["status", "goedgekeurd_op", "goedgekeurd_door"])
    audit.schrijf(
        actor=actor, actie="deelafspraak.goedgekeurd", object=afspraak, voor=voor, na=audit.momentopname(afspraak)
    )
    return afspraak


@transaction.atomic
def deelafspraak_beeindigen(*, actor: Actor, afspraak: Deelafspraak, reden: str) -> Deelafspraak:
    """End an agreement (or reject a proposal) with immediate effect: the recipient's next read no longer sees
    through it. Any party may do so — verstrekker, ontvanger or the proposer — since ending only takes access away.
    History stays; earlier reads remain in the access log."""
    afspraak = Deelafspraak.objects.select_for_update().get(pk=afspraak.pk)
    partijen = {afspraak.verstrekker_id, afspraak.ontvanger_id, afspraak.voorgesteld_namens_id} - {None}
    if not _operator(actor):
        toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
        if actor.organisatie is None or actor.organisatie.pk not in partijen:
            raise GeenToestemming("Alleen een partij bij deze deelafspraak kan haar beëindigen.")
    if not reden.strip():
        raise OngeldigeInvoer("Geef de reden van de beëindiging.", {"reden": "verplicht"})
    if afspraak.beeindigd_op is not None:
        raise OngeldigeInvoer("Deze deelafspraak is al beëindigd.", {"status": "beëindigd"})
    voor = audit.momentopname(afspraak)
    afspraak.beeindigd_op = timezone.now()
    afspraak.beeindigd_door_id = actor.gebruiker_id
    afspraak.beeindigingsreden = reden.strip()
    afspraak.save(update_fields=["beeindigd_op", "beeindigd_door", "beeindigingsreden"])
    audit.schrijf(
        actor=actor, actie="deelafspraak.beeindigd", object=afspraak, voor=voor, na=audit.momentopname(afspraak)
    )
    return afspraak


@transaction.atomic
def afspraak_beeindigen(*, actor: Actor, afspraak: Mandaat | Deelafspraak, per: date) -> Mandaat | Deelafspraak:
    """End a mandate or sharing agreement per a date (exclusive); history stays, nothing is deleted."""
    _namens(actor, afspraak.mandaatgever if isinstance(afspraak, Mandaat) else afspraak.verstrekker)
    if isinstance(afspraak, Deelafspraak) and afspraak.beeindigd_op is not None:
        raise OngeldigeInvoer("Deze deelafspraak is al beëindigd.", {"per": "al beëindigd"})
    if afspraak.geldig_vanaf and per <= afspraak.geldig_vanaf:
        raise OngeldigeInvoer("De einddatum moet na de begindatum liggen.", {"per": "vóór geldigVanaf"})
    if afspraak.geldig_tot and afspraak.geldig_tot <= per:
        raise OngeldigeInvoer("Deze afspraak is dan al beëindigd.", {"per": "na bestaande einddatum"})
    voor = audit.momentopname(afspraak)
    afspraak.geldig_tot = per
    afspraak.save(update_fields=["geldig_tot"])
    audit.schrijf(
        actor=actor,
        actie=f"{afspraak._meta.model_name}.beeindigd",
        object=afspraak,
        voor=voor,
        na=audit.momentopname(afspraak),
    )
    return afspraak


# --- API tokens -----------------------------------------------------------------------------------------


@transaction.atomic
def token_maken(
    *, actor: Actor, gebruiker, organisatie: Organisatie, naam: str, scopes: list[str], dagen: int | None = None
) -> tuple[ApiToken, str]:
    """Make a token for `gebruiker` acting for `organisatie`; the secret is returned once, stored hashed."""
    if actor.gebruiker_id is not None and actor.gebruiker_id != gebruiker.pk:
        raise GeenToestemming("U maakt alleen tokens voor uzelf.")
    if (
        not Lidmaatschap.objects.geldig_op(timezone.localdate())
        .filter(gebruiker=gebruiker, organisatie=organisatie)
        .exists()
    ):
        raise OngeldigeInvoer(f"{gebruiker} is geen lid van {organisatie}.", {"organisatie": "geen lidmaatschap"})
    if not organisatie.geldig_op(timezone.localdate()):
        raise OngeldigeInvoer(f"{organisatie} bestaat niet (meer) op deze datum.", {"organisatie": "beëindigd"})
    onbekend = set(scopes) - set(SCOPES)
    if onbekend or not scopes:
        raise OngeldigeInvoer(f"Scopes zijn: {', '.join(SCOPES)}.", {"scopes": "ongeldig"})
    dagen = dagen or settings.OPENVTH_TOKEN_GELDIGHEID_DAGEN
    if not 1 <= dagen <= 366:
        raise OngeldigeInvoer("Een token is 1 tot 366 dagen geldig.", {"dagen": "buiten bereik"})
    if not naam.strip():
        raise OngeldigeInvoer("Geef het token een naam.", {"naam": "verplicht"})
    sleutel = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        naam=naam.strip(),
        gebruiker=gebruiker,
        organisatie=organisatie,
        scopes=sorted(set(scopes)),
        prefix=sleutel[:12],
        sleutel_hash=ApiToken.hash(sleutel),
        verloopt=timezone.now() + timedelta(days=dagen),
    )
    audit.schrijf(
        actor=actor,
        actie="token.aangemaakt",
        object=token,
        na=audit.momentopname(token, ["naam", "organisatie", "scopes", "prefix", "verloopt"]),
    )
    return token, sleutel


@transaction.atomic
def token_intrekken(*, actor: Actor, token: ApiToken) -> ApiToken:
    if actor.gebruiker_id is not None and actor.gebruiker_id != token.gebruiker_id:
        raise NietGevonden()
    if token.ingetrokken is None:
        token.ingetrokken = timezone.now()
        token.save(update_fields=["ingetrokken"])
        audit.schrijf(
            actor=actor,
            actie="token.ingetrokken",
            object=token,
            na=audit.momentopname(token, ["naam", "prefix", "ingetrokken"]),
        )
    return token
