"""Every read of enforcement records. Each list starts from `toegang.zichtbaar`; details raise NietGevonden.

Measures, steps, forfeitures, consultations and documents hang under a violation and are visible exactly when
their violation is (the record kinds in apps.py read the policy fields through `overtreding__…`).
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.toegang import Actor, NietGevonden

from .models import Handhavingsmaatregel, Overtreding, Zaakdeling


def gedeelde_overtredingen(organisatie_id: int) -> Q:
    """Rule 4 of the access policy for violations: the cases shared one by one with this organisation."""
    return Q(
        pk__in=Zaakdeling.objects.filter(ontvanger_id=organisatie_id, ingetrokken_op__isnull=True).values(
            "overtreding_id"
        )
    )


def gedeelde_maatregelen(organisatie_id: int) -> Q:
    return Q(
        overtreding_id__in=Zaakdeling.objects.filter(ontvanger_id=organisatie_id, ingetrokken_op__isnull=True).values(
            "overtreding_id"
        )
    )


def overtreding_list(*, actor: Actor) -> QuerySet[Overtreding]:
    return toegang.zichtbaar(actor, Overtreding.objects.all()).select_related(
        "bevoegd_gezag", "uitvoerder", "gemeente", "vth_object__locatie"
    )


def overtreding_get(*, actor: Actor, uuid: UUID, doel: str = "behandelen handhavingszaak") -> Overtreding:
    """One violation the actor may see; the read is logged (violations are never public)."""
    overtreding = overtreding_list(actor=actor).filter(uuid=uuid).first()
    if overtreding is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[overtreding], doel=doel)
    return overtreding


def maatregel_list(*, actor: Actor) -> QuerySet[Handhavingsmaatregel]:
    return toegang.zichtbaar(actor, Handhavingsmaatregel.objects.all()).select_related(
        "overtreding__bevoegd_gezag", "overtreding__vth_object"
    )


def maatregel_get(*, actor: Actor, uuid: UUID, doel: str = "behandelen handhavingszaak") -> Handhavingsmaatregel:
    maatregel = maatregel_list(actor=actor).filter(uuid=uuid).first()
    if maatregel is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[maatregel], doel=doel)
    return maatregel
