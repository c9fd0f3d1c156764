"""The national checklists (topics and points of attention per activity), kept by functional administrators, and
the links of a permit's conditions to their items, kept by the permit officers and inspectors of the site."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Rol
from openvth.organisaties.toegang import Actor
from openvth.register.models import Activiteit
from openvth.vergunningen import selectors as vergunningen_selectors
from openvth.vergunningen.models import Voorschrift

from ..models import (
    Controleaandachtspunt,
    Controleonderwerp,
    Voorschriftkoppeling,
)
from ..selectors import BEHEERDERS, onderwerp_past, voorschrift_activiteitcodes
from .basis import ongeldig

# Who links a permit's conditions to the checklist: the permit officer who knows the conditions and the inspector
# who checks them, of the site's competent authority or executing service (or under mandate): the one write rule.
KOPPELAARS = (Rol.VERGUNNINGVERLENER, Rol.TOEZICHTHOUDER)


def _catalogus_code(code: str) -> str:
    code = (code or "").strip()
    if not Activiteit.objects.filter(code=code).exists():
        raise ongeldig(f"'{code}' is geen activiteitcode uit de catalogus.", "activiteitcode")
    return code


@transaction.atomic
def controleonderwerp_maken(
    *, actor: Actor, activiteitcode: str, naam: str, volgorde: int = 0, geldig_vanaf: date | None = None
) -> Controleonderwerp:
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    code = _catalogus_code(activiteitcode)
    if not naam.strip():
        raise ongeldig("Geef het onderwerp een naam.", "naam")
    onderwerp = Controleonderwerp.objects.create(
        activiteitcode=code,
        naam=naam.strip()[:200],
        volgorde=volgorde,
        geldig_vanaf=geldig_vanaf or timezone.localdate(),
    )
    audit.schrijf(actor=actor, actie="controleonderwerp.aangemaakt", object=onderwerp, na=audit.momentopname(onderwerp))
    return onderwerp


@transaction.atomic
def controleonderwerp_wijzigen(
    *,
    actor: Actor,
    onderwerp: Controleonderwerp,
    naam: str | None = None,
    volgorde: int | None = None,
    geldig_tot: date | None = None,
) -> Controleonderwerp:
    """Rename, reorder or end a topic (ending keeps it for the findings that used it)."""
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    voor = audit.momentopname(onderwerp)
    if naam is not None:
        if not naam.strip():
            raise ongeldig("Geef het onderwerp een naam.", "naam")
        onderwerp.naam = naam.strip()[:200]
    if volgorde is not None:
        onderwerp.volgorde = volgorde
    if geldig_tot is not None:
        if geldig_tot <= onderwerp.geldig_vanaf:
            raise ongeldig("De einddatum ligt na de begindatum.", "geldig_tot")
        onderwerp.geldig_tot = geldig_tot
    onderwerp.save()
    audit.schrijf(
        actor=actor, actie="controleonderwerp.gewijzigd", object=onderwerp, voor=voor, na=audit.momentopname(onderwerp)
    )
    return onderwerp


@transaction.atomic
def aandachtspunt_maken(
    *, actor: Actor, onderwerp: Controleonderwerp, tekst: str, voorschrift: str = "", volgorde: int = 0
) -> Controleaandachtspunt:
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    if not tekst.strip():
        raise ongeldig("Beschrijf wat er gecontroleerd wordt.", "tekst")
    punt = Controleaandachtspunt.objects.create(
        onderwerp=onderwerp, tekst=tekst.strip()[:500], voorschrift=voorschrift.strip()[:300], volgorde=volgorde
    )
    audit.schrijf(actor=actor, actie="controleaandachtspunt.aangemaakt", object=punt, na=audit.momentopname(punt))
    return punt


@transaction.atomic
def aandachtspunt_wijzigen(
    *,
    actor: Actor,
    punt: Controleaandachtspunt,
    tekst: str | None = None,
    voorschrift: str | None = None,
    volgorde: int | None = None,
) -> Controleaandachtspunt:
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    voor = audit.momentopname(punt)
    if tekst is not None:
        if not tekst.strip():
            raise ongeldig("Beschrijf wat er gecontroleerd wordt.", "tekst")
        punt.tekst = tekst.strip()[:500]
    if voorschrift is not None:
        punt.voorschrift = voorschrift.strip()[:300]
    if volgorde is not None:
        punt.volgorde = volgorde
    punt.save()
    audit.schrijf(
        actor=actor, actie="controleaandachtspunt.gewijzigd", object=punt, voor=voor, na=audit.momentopname(punt)
    )
    return punt


@transaction.atomic
def voorschrift_koppelen(
    *,
    actor: Actor,
    voorschrift: Voorschrift,
    aandachtspunten: Iterable[Controleaandachtspunt] = (),
    onderwerpen: Iterable[Controleonderwerp] = (),
    binnen: Iterable[Controleonderwerp] | None = None,
) -> list[Voorschriftkoppeling]:
    """Set the checklist items a permit condition is linked to: the given points of attention and topics, nothing
    else (links not given are removed). With `binnen` (the topics a form offered) only links within those topics
    change, so a link to a topic that has since ended is not lost by saving the form. Each link added or removed is
    one audit event; the row of a removed link goes, its audit events stay.

    Refused: a condition the actor may not see (404); one not (yet) part of a granted permission; an item whose
    topic is for other activities than the condition's (its own activity, else its permission's); a write by
    anyone but a permit officer or inspector of the site's organisations (`toegang.vereis_schrijven`).
    """
    if not vergunningen_selectors.voorschrift_list(actor=actor).filter(pk=voorschrift.pk).exists():
        raise NietGevonden()
    toestemming = voorschrift.toestemming
    if toestemming is None:
        raise ongeldig("Dit voorschrift hoort (nog) niet bij een verleende toestemming.", "voorschrift")
    toegang.vereis_schrijven(actor, toestemming.vth_object, KOPPELAARS)
    punten = {p.pk: p for p in aandachtspunten}
    topics = {o.pk: o for o in onderwerpen}
    codes = voorschrift_activiteitcodes(voorschrift)
    fouten = {}
    vreemd = [p.tekst for p in punten.values() if not onderwerp_past(p.onderwerp, codes)]
    if vreemd:
        fouten["aandachtspunten"] = f"hoort niet bij de activiteiten van dit voorschrift: {'; '.join(vreemd)}"[:300]
    vreemd = [o.naam for o in topics.values() if not onderwerp_past(o, codes)]
    if vreemd:
        fouten["onderwerpen"] = f"hoort niet bij de activiteiten van dit voorschrift: {'; '.join(vreemd)}"[:300]
    if fouten:
        raise OngeldigeInvoer("De koppeling aan de checklist is zo niet mogelijk.", fouten)
    rijen = Voorschriftkoppeling.objects.select_for_update(of=("self",)).filter(voorschrift=voorschrift)
    if binnen is not None:
        kader = [o.pk for o in binnen]
        rijen = rijen.filter(Q(aandachtspunt__onderwerp_id__in=kader) | Q(onderwerp_id__in=kader))
    Sleutel = tuple[int | None, int | None]  # (aandachtspunt, onderwerp): one of both
    bestaand: dict[Sleutel, Voorschriftkoppeling] = {(k.aandachtspunt_id, k.onderwerp_id): k for k in rijen}
    gewenst: set[Sleutel] = {(pk, None) for pk in punten} | {(None, pk) for pk in topics}
    for sleutel in sorted(gewenst - bestaand.keys(), key=str):
        koppeling = Voorschriftkoppeling.objects.create(
            voorschrift=voorschrift,
            aandachtspunt_id=sleutel[0],
            onderwerp_id=sleutel[1],
            gekoppeld_door_id=toegang.persoon(actor),
        )
        audit.schrijf(
            actor=actor, actie="voorschriftkoppeling.aangemaakt", object=koppeling, na=audit.momentopname(koppeling)
        )
    for sleutel in sorted(bestaand.keys() - gewenst, key=str):
        koppeling = bestaand[sleutel]
        audit.schrijf(
            actor=actor, actie="voorschriftkoppeling.verwijderd", object=koppeling, voor=audit.momentopname(koppeling)
        )
        koppeling.delete()
    return list(Voorschriftkoppeling.objects.filter(voorschrift=voorschrift).order_by("id"))
