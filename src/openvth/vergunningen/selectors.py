"""Every read of requests. Each list starts from `toegang.zichtbaar`; details raise NietGevonden and log the read.

A request is never public by default (it names its applicant); its activities are visible exactly when it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Q, QuerySet

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.toegang import Actor

from .models import Verzoek, Verzoekactiviteit


@dataclass(frozen=True)
class VerzoekFilter:
    """The filters of the request list; `activiteit` is a catalogue code, `q` searches number and description."""

    verzoeknummer: str | None = None
    soort: str | None = None
    status: str | None = None
    bevoegd_gezag: str | None = None
    activiteit: str | None = None
    ontvangen_vanaf: date | None = None
    ontvangen_tot: date | None = None
    q: str | None = None

    def toepassen(self, qs: QuerySet[Verzoek]) -> QuerySet[Verzoek]:
        if self.verzoeknummer:
            qs = qs.filter(verzoeknummer=self.verzoeknummer)
        if self.soort:
            qs = qs.filter(soort=self.soort)
        if self.status:
            qs = qs.filter(status=self.status)
        if self.bevoegd_gezag:
            qs = qs.filter(bevoegd_gezag__code__iexact=self.bevoegd_gezag)
        if self.activiteit:
            qs = qs.filter(activiteiten__activiteit__code=self.activiteit)
        if self.ontvangen_vanaf:
            qs = qs.filter(ontvangen_op__gte=self.ontvangen_vanaf)
        if self.ontvangen_tot:
            qs = qs.filter(ontvangen_op__lte=self.ontvangen_tot)
        if q := (self.q or "").strip():
            qs = qs.filter(Q(verzoeknummer__icontains=q) | Q(omschrijving__icontains=q))
        return qs


def verzoek_list(*, actor: Actor, filters: VerzoekFilter | None = None) -> QuerySet[Verzoek]:
    """The requests the actor may see, newest receipt first; the page that shows them logs them (ADR 0023)."""
    qs = toegang.zichtbaar(actor, Verzoek.objects.all())
    return (filters or VerzoekFilter()).toepassen(qs)


def verzoek_get(*, actor: Actor, uuid: UUID, doel: str = "behandelen verzoek") -> Verzoek:
    """One request the actor may see, with its organisations, place and applicant; the read is logged."""
    verzoek = (
        verzoek_list(actor=actor)
        .select_related("bevoegd_gezag", "uitvoerder", "locatie", "aanvrager")
        .filter(uuid=uuid)
        .first()
    )
    if verzoek is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[verzoek], doel=doel)
    return verzoek


def verzoek_volgnummers(*, actor: Actor, verzoeknummer: str) -> QuerySet[Verzoek]:
    """Every volgnummer of one request number that the actor may see, in order (the request and its supplements)."""
    return verzoek_list(actor=actor, filters=VerzoekFilter(verzoeknummer=verzoeknummer)).order_by("verzoekvolgnummer")


def verzoekactiviteit_list(*, actor: Actor, verzoek: Verzoek | None = None) -> QuerySet[Verzoekactiviteit]:
    qs = toegang.zichtbaar(actor, Verzoekactiviteit.objects.select_related("activiteit"))
    return qs.filter(verzoek=verzoek) if verzoek is not None else qs


def verzoekactiviteit_get(*, actor: Actor, uuid: UUID, doel: str = "behandelen verzoek") -> Verzoekactiviteit:
    """One activity of a request the actor may see; its request is logged as read (it is what the row shows)."""
    rij = verzoekactiviteit_list(actor=actor).select_related("verzoek").filter(uuid=uuid).first()
    if rij is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[rij.verzoek], doel=doel)
    return rij
