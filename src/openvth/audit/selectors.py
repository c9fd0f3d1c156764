"""Reading the access log: for privacy officers only."""

from collections.abc import Iterable
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from openvth.organisaties.fouten import GeenToestemming
from openvth.organisaties.models import Rol
from openvth.organisaties.toegang import Actor

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


def _vereis_privacy_officer(actor: Actor) -> int:
    if not actor.heeft_rol(Rol.PRIVACY_OFFICER) or actor.organisatie is None:
        raise GeenToestemming("Alleen de privacy officer raadpleegt het inzagelog.")
    return actor.organisatie.pk


def _eigen(org: int) -> Q:
    return Q(organisatie_id=org) | Q(bevoegd_gezag_id=org) | Q(uitvoerder_id=org)


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
    qs = Inzage.objects.filter(_eigen(_vereis_privacy_officer(actor)))
    qs = qs.filter(_dag_grenzen(vanaf, tot))
    if wie:
        qs = qs.filter(actor_naam__icontains=wie)
    if geweigerd is not None:
        refusals = Q(doel__startswith=f"{GEWEIGERD}:")
        qs = qs.filter(refusals if geweigerd else ~refusals)
    if object_id:
        qs = qs.filter(Q(object_id=object_id) | Q(object_omschrijving__icontains=object_id))
    return qs


def inzage_van_records(*, actor: Actor, records: Iterable[tuple[str, str]]) -> QuerySet[Inzage]:
    """Every logged access (refused attempts included) to these records (`object_soort`, `object_id`) in the
    officer's scope, oldest first: the second half of an access request (AVG art. 15 lid 1 onder c: the recipients
    to whom the personal data have been disclosed)."""
    org = _vereis_privacy_officer(actor)
    per_soort: dict[str, set[str]] = {}
    for soort, object_id in records:
        per_soort.setdefault(soort, set()).add(str(object_id))
    if not per_soort:
        return Inzage.objects.none()
    welke = Q()
    for soort, ids in per_soort.items():
        welke |= Q(object_soort=soort, object_id__in=sorted(ids))
    return Inzage.objects.filter(_eigen(org)).filter(welke).order_by("tijdstip", "id")
