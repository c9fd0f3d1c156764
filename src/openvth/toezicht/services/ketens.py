"""Chains (ketentoezicht): a chain of objects managed by one organisation, its actions, and sharing findings
between the partners in the chain.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Organisatie
from openvth.organisaties.services import deelafspraak_maken
from openvth.organisaties.toegang import Actor
from openvth.register.models import VthObject

from .. import selectors
from ..models import (
    Keten,
    Ketenactie,
    Ketenschakel,
)
from ..selectors import KETENBEHEERDERS
from .basis import V, ongeldig


def _schakel_fouten(keten: Keten | None, objecten: list[VthObject]) -> dict[str, str]:
    gezien: set[int] = set()
    for obj in objecten:
        if obj.pk in gezien:
            return {"vth_object": f"'{obj.naam}' staat twee keer in de keten; een object is één schakel."}
        gezien.add(obj.pk)
    if keten is not None:
        dubbel = keten.schakels.filter(vth_object__in=objecten).select_related("vth_object").first()
        if dubbel is not None:
            return {"vth_object": f"'{dubbel.vth_object.naam}' staat al in deze keten; een object is één schakel."}
    return {}


@transaction.atomic
def keten_maken(
    *,
    actor: Actor,
    naam: str,
    stroom: str = "",
    omschrijving: str = "",
    schakels: list[tuple[VthObject, str]] | None = None,
) -> Keten:
    """A chain managed by the actor's organisation, optionally with its links in order (all or nothing)."""
    toegang.vereis_rol(actor, KETENBEHEERDERS, scope="schrijven")
    if actor.organisatie is None:
        raise GeenToestemming("Een keten wordt beheerd door een organisatie.")
    if not naam.strip():
        raise ongeldig("Geef de keten een naam.", "naam")
    schakels = schakels or []
    if fouten := _schakel_fouten(None, [o for o, _ in schakels]):
        raise OngeldigeInvoer("De keten kan zo niet worden vastgelegd.", fouten)
    keten = Keten.objects.create(
        naam=naam.strip()[:200],
        stroom=stroom.strip()[:200],
        beheerder=actor.organisatie,
        omschrijving=omschrijving.strip(),
    )
    audit.schrijf(actor=actor, actie="keten.aangemaakt", object=keten, na=audit.momentopname(keten))
    for obj, rol in schakels:
        ketenschakel_maken(actor=actor, keten=keten, vth_object=obj, rol=rol)
    return keten


@transaction.atomic
def ketenschakel_maken(
    *, actor: Actor, keten: Keten, vth_object: VthObject, rol: str, volgorde: int | None = None
) -> Ketenschakel:
    """Add a link; an object already in the chain is refused (and the database constraint backs that up)."""
    toegang.vereis_rol(actor, KETENBEHEERDERS, scope="schrijven")
    if actor.organisatie is None or keten.beheerder_id != actor.organisatie.pk:
        raise GeenToestemming("Alleen de beheerder van de keten voegt schakels toe.")
    if not toegang.mag_zien(actor, vth_object):
        raise NietGevonden()
    if rol not in Ketenschakel.Rol.values:
        raise ongeldig(f"Kies een rol uit {', '.join(Ketenschakel.Rol.values)}.", "rol")
    if fouten := _schakel_fouten(keten, [vth_object]):
        raise OngeldigeInvoer("Deze schakel kan niet worden toegevoegd.", fouten)
    if volgorde is None:
        volgorde = (keten.schakels.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            schakel = Ketenschakel.objects.create(keten=keten, vth_object=vth_object, rol=rol, volgorde=volgorde)
    except IntegrityError:
        raise ongeldig(f"'{vth_object.naam}' staat al in deze keten.", "vth_object") from None
    audit.schrijf(actor=actor, actie="ketenschakel.toegevoegd", object=schakel, na=audit.momentopname(schakel))
    return schakel


@transaction.atomic
def ketenactie_maken(*, actor: Actor, keten: Keten, naam: str, van: date, tot: date) -> Ketenactie:
    toegang.vereis_rol(actor, KETENBEHEERDERS, scope="schrijven")
    if actor.organisatie is None or keten.beheerder_id != actor.organisatie.pk:
        raise GeenToestemming("Alleen de beheerder van de keten plant ketenacties.")
    if not naam.strip():
        raise ongeldig("Geef de actie een naam.", "naam")
    if tot < van:
        raise ongeldig("De actie eindigt vóór ze begint.", "tot")
    actie = Ketenactie.objects.create(keten=keten, naam=naam.strip()[:200], van=van, tot=tot)
    audit.schrijf(actor=actor, actie="ketenactie.aangemaakt", object=actie, na=audit.momentopname(actie))
    return actie


def ketendeling_afspreken(
    *, actor: Actor, keten: Keten, ontvanger: Organisatie, grondslag: str, plafond: str = V.INTERN
):
    """The actor's organisation lets a partner in the chain read its findings (a Deelafspraak for
    `toezicht.bevinding`, made by `organisaties.services.deelafspraak_maken`, which checks and audits it)."""
    partners = {p.organisatie.pk for p in selectors.ketenpartners(actor=actor, keten=keten)}
    if actor.organisatie is None or actor.organisatie.pk not in partners:
        raise GeenToestemming("Alleen een partner in de keten deelt zijn bevindingen met de keten.")
    if ontvanger.pk not in partners:
        raise ongeldig(f"{ontvanger.naam} is geen partner in deze keten.", "ontvanger")
    return deelafspraak_maken(
        actor=actor,
        ontvanger=ontvanger,
        verstrekker=actor.organisatie,
        recordsoort="toezicht.bevinding",
        grondslag=grondslag,
        plafond=plafond,
    )
