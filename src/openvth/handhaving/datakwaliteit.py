"""Data-quality report of supervision and enforcement: records that use a code not on its CIM list, or not valid
on the record's own date (unknown, not yet valid, expired). Covered: the instrument of each measure, gedrag and
gevolg of each LHSO position; `toezicht` adds the result, gedrag and gevolg of each finding at start-up through
`registreer` (ADR 0017: this app does not import the supervision app above it).

Inspectieview found thousands of meanings of "inspectie" (DOMAIN.md §10): uniform code lists only help when
someone sees where they are broken. The checks are declarative (`CONTROLES`); each reads through the access
policy, so a report shows only records its reader may see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Min, Model, QuerySet
from django.utils import timezone

from openvth.organisaties import toegang
from openvth.organisaties.toegang import Actor

from . import codelijsten
from .models import Codelijst, Handhavingsmaatregel, Interventiepositionering, Overtreding


@dataclass(frozen=True)
class Codecontrole:
    """One coded field: which records, which list, and the date on which the code must be valid."""

    naam: str
    lijst: str
    veld: str
    records: Callable[[Actor], QuerySet]
    datum: Callable[[Model], date]
    overtreding: Callable[[Model], object]


def _maatregelen(actor: Actor) -> QuerySet:
    return (
        toegang.zichtbaar(actor, Handhavingsmaatregel.objects.all())
        .select_related("overtreding")
        .annotate(eerste_stap=Min("stappen__datum"))
    )


def _posities(actor: Actor) -> QuerySet:
    zaken = toegang.zichtbaar(actor, Overtreding.objects.all())
    return Interventiepositionering.objects.filter(overtreding__in=zaken).select_related("overtreding")


def _dag(moment) -> date:
    return timezone.localdate(moment)


CONTROLES: list[Codecontrole] = [
    Codecontrole(
        "handhavingsmaatregel",
        Codelijst.HANDHAVINGSINSTRUMENT,
        "instrument",
        _maatregelen,
        lambda m: m.eerste_stap or m.opgelegd_op or _dag(m.aangemaakt_op),
        lambda m: m.overtreding.uuid,
    ),
    Codecontrole(
        "interventiepositionering",
        Codelijst.GEDRAG,
        "gedrag",
        _posities,
        lambda p: _dag(p.vastgesteld_op),
        lambda p: p.overtreding.uuid,
    ),
    Codecontrole(
        "interventiepositionering",
        Codelijst.GEVOLG,
        "gevolg",
        _posities,
        lambda p: _dag(p.vastgesteld_op),
        lambda p: p.overtreding.uuid,
    ),
]


def registreer(*controles: Codecontrole) -> None:
    """Add another app's coded fields to the report; called once from that app's `ready()`."""
    CONTROLES.extend(c for c in controles if c not in CONTROLES)


@dataclass(frozen=True)
class Codefout:
    soort: str
    record: str
    overtreding: str
    lijst: str
    veld: str
    code: str
    datum: date
    reden: str


@dataclass(frozen=True)
class Rapport:
    opgesteld_op: date
    gecontroleerd: dict[str, int]
    fouten: tuple[Codefout, ...]


def _fouten(controle: Codecontrole, actor: Actor, tellers: dict[str, int]) -> Iterator[Codefout]:
    geldig = codelijsten.geldigheid(controle.lijst)
    sleutel = f"{controle.naam}.{controle.veld}"
    for record in controle.records(actor).iterator(chunk_size=2000):
        tellers[sleutel] = tellers.get(sleutel, 0) + 1
        code, op = getattr(record, controle.veld), controle.datum(record)
        if (reden := codelijsten.reden_ongeldig(geldig.get(code), controle.lijst, code, op)) is not None:
            yield Codefout(
                controle.naam,
                str(getattr(record, "uuid", record.pk)),
                str(controle.overtreding(record)),
                controle.lijst,
                controle.veld,
                code,
                op,
                reden,
            )


def rapport(*, actor: Actor) -> Rapport:
    """Every visible record whose code is unknown or not valid on its date, and how many records were checked."""
    tellers: dict[str, int] = {}
    fouten = [fout for controle in CONTROLES for fout in _fouten(controle, actor, tellers)]
    return Rapport(timezone.localdate(), tellers, tuple(sorted(fouten, key=lambda f: (f.soort, f.veld, f.record))))
