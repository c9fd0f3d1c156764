"""Reading the access log: for privacy officers only."""

from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from openvth.organisaties.models import Rol
from openvth.organisaties.toegang import Actor, GeenToestemming

from .models import Inzage
from .services import GEWEIGERD


def _dag_grenzen(vanaf: date | None, tot: date | None) -> Q:
    q = Q()
    tz = timezone.get_current_timezone()
    if vanaf:
        q &= Q(tijdstip__gte=datetime.combine(vanaf, time.min, tzinfo=tz))
    if tot:
        q &= Q(tijdstip__lt=datetime.combine(tot, time.max, tzinfo=tz))
    return q


def inzage_list(
    *,
    actor: Actor,
    wie: str = "",
    object_id: str = "",
    vanaf: date | None = None,
    tot: date | None = None,
    geweigerd: bool | None = None,
) -> QuerySet[Inzage]:
    """Who saw what, when: reads done for the officer's organisation and reads of its records by anyone, refused
    attempts included (purpose `geweigerd: …`); `geweigerd` True or False keeps only those or only the reads."""
    if not actor.heeft_rol(Rol.PRIVACY_OFFICER) or actor.organisatie is None:
        raise GeenToestemming("Alleen de privacy officer raadpleegt het inzagelog.")
    org = actor.organisatie.pk
    qs = Inzage.objects.filter(Q(organisatie_id=org) | Q(bevoegd_gezag_id=org) | Q(uitvoerder_id=org))
    qs = qs.filter(_dag_grenzen(vanaf, tot))
    if wie:
        qs = qs.filter(actor_naam__icontains=wie)
    if geweigerd is not None:
        refusals = Q(doel__startswith=f"{GEWEIGERD}:")
        qs = qs.filter(refusals if geweigerd else ~refusals)
    if object_id:
        qs = qs.filter(Q(object_id=object_id) | Q(object_omschrijving__icontains=object_id))
    return qs
