"""The national checklists (topics and points of attention per activity), kept by functional administrators."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.toegang import Actor
from openvth.register.models import Activiteit

from ..models import (
    Controleaandachtspunt,
    Controleonderwerp,
)
from ..selectors import BEHEERDERS
from .basis import ongeldig


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
