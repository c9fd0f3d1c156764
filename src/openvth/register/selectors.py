"""Every read of the register. Each list starts from `toegang.zichtbaar`; details raise NietGevonden."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db import connection
from django.db.models import Exists, ExpressionWrapper, F, FloatField, Model, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from openvth.audit import services as audit
from openvth.geo.bbox import RdBbox, RdCirkel
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import Organisatie
from openvth.organisaties.toegang import Actor

from . import kaart
from .models import Activiteit, Activiteituitvoering, Betrokkene, Locatie, VthObject

_POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")


@dataclass(frozen=True)
class UitvoeringFilter:
    """The register's filters; `peildatum` None means today."""

    gemeente: str | None = None
    activiteit: str | None = None
    kwalificatie: str | None = None
    status: str | None = None
    bevoegd_gezag: str | None = None
    toezichtinstantie: str | None = None
    q: str | None = None
    peildatum: date | None = None
    rechthoek: RdBbox | None = None
    cirkel: RdCirkel | None = None
    alle_versies: bool = False

    @property
    def via_object(self) -> bool:
        """Whether a filter selects through the VTH-object (text, rectangle, circle) rather than on the row."""
        return bool(self.q or self.rechthoek or self.cirkel)

    def toepassen(self, qs: QuerySet[Activiteituitvoering]) -> QuerySet[Activiteituitvoering]:
        if not self.alle_versies:
            qs = qs.geldig_op(self.peildatum or timezone.localdate())
        # Codes are resolved to ids first: a filter on the joined code column makes the planner start from the
        # small table and cannot use the (gemeente, status) index; an id list can.
        if self.gemeente:
            qs = _een_van(qs, "gemeente_id", _organisatie_ids(self.gemeente))
        if self.activiteit:  # a catalogue code matches itself and everything below it
            qs = _een_van(
                qs,
                "activiteit_id",
                list(
                    Activiteit.objects.filter(
                        Q(code=self.activiteit) | Q(bovenliggende__code=self.activiteit)
                    ).values_list("pk", flat=True)
                ),
            )
        if self.kwalificatie:
            qs = _met_kwalificatie(qs, self.kwalificatie)
        if self.status:
            qs = qs.filter(status=self.status)
        if self.bevoegd_gezag:
            qs = _een_van(qs, "bevoegd_gezag_id", _organisatie_ids(self.bevoegd_gezag))
        if self.toezichtinstantie:
            qs = _een_van(qs, "toezichtinstantie_id", _organisatie_ids(self.toezichtinstantie))
        if self.q:
            qs = qs.filter(tekst_filter(self.q, "vth_object__"))
        if self.rechthoek:
            qs = qs.filter(ruimtelijk_filter(self.rechthoek, "vth_object__locatie__"))
        if self.cirkel:
            qs = binnen_cirkel(qs, self.cirkel, "vth_object__locatie__")
        return qs


def _een_van(qs: QuerySet, veld: str, ids: list[int]) -> QuerySet:
    """`veld IN ids`, as an equality when there is one id: an index on (veld, …, id) then yields its rows in id
    order, so the first page of the registration order is a walk that stops after pageSize rows (ADR 0018); an
    IN list, even of one value, makes both engines sort the matches instead."""
    if len(ids) == 1:
        return qs.filter(**{veld: ids[0]})
    return qs.filter(**{f"{veld}__in": ids})


def _organisatie_ids(code: str) -> list[int]:
    return list(Organisatie.objects.filter(code__iexact=code).values_list("pk", flat=True))


def ruimtelijk_filter(rechthoek: RdBbox, pad: str = "locatie__") -> Q:
    """The RD rectangle as a filter on stored x/y (an empty request box matches nothing)."""
    return Q(
        **{
            f"{pad}x__gte": rechthoek.minx,
            f"{pad}x__lte": rechthoek.maxx,
            f"{pad}y__gte": rechthoek.miny,
            f"{pad}y__lte": rechthoek.maxy,
        }
    )


def binnen_cirkel(qs: QuerySet, cirkel: RdCirkel, pad: str = "locatie__") -> QuerySet:
    """Exact radius search in SQL: the square pre-filter (indexable), then the squared distance."""
    x, y = F(f"{pad}x") - cirkel.x, F(f"{pad}y") - cirkel.y
    return (
        qs.filter(ruimtelijk_filter(cirkel.bbox, pad))
        .alias(afstand2=ExpressionWrapper(x * x + y * y, output_field=FloatField()))
        .filter(afstand2__lte=cirkel.straal**2)
    )


def _met_kwalificatie(qs: QuerySet, kwalificatie: str) -> QuerySet:
    return qs.filter(kwalificatiecodes__contains=f";{kwalificatie};")


def tekst_filter(q: str, pad: str = "") -> Q:
    """Search by name, street, place or postcode ("5611 AB" and "5611ab" both match exactly).

    Every word must occur, as the start of a word, in the VTH-object's name or its address (the full-text index
    of migration 0003: SQLite FTS5, PostgreSQL tsvector with the Dutch configuration besides; ADR 0014). `pad`
    leads from the queried model to the VTH-object ("" for VthObject itself).
    """
    postcode = _POSTCODE.match(q)
    if postcode:
        return Q(**{f"{pad}locatie__postcode": f"{postcode[1]}{postcode[2].upper()}"})
    woorden = [w.casefold() for w in _WOORD.findall(q)]
    veld = f"{pad.removesuffix('__')}_id" if pad else "pk"
    if not woorden:
        return Q(pk__in=[])
    return Q(**{f"{veld}__in": _zoekindex(woorden)})


_WOORD = re.compile(r"\w+")
ZOEK_LIJST_MAX = 5_000
"""Up to this many matching objects the ids are fetched first and passed as a list; beyond, a subquery."""


def _zoekindex(woorden: list[str]) -> list[int] | RawSQL:
    """The ids of VTH-objects whose document holds every word as a word prefix.

    Fetched first (one index query) when there are few: the planner cannot estimate a full-text match, and on
    PostgreSQL it then walked all 500,000 objects in name order looking for the first matches (4–25 s). An id
    list it estimates exactly. A very common word (thousands of objects) stays a subquery, which also keeps
    SQLite below its limit of bound parameters.
    """
    if connection.vendor == "postgresql":
        # Per word: its prefix among the words as written, or its Dutch stem; all words must match.
        delen = " && ".join(["(to_tsquery('simple', %s) || plainto_tsquery('dutch', %s))"] * len(woorden))
        parameters = [p for w in woorden for p in (f"{w}:*", w)]
        sql = f"SELECT vth_object_id FROM register_zoekindex WHERE document @@ ({delen})"
    else:
        sql = "SELECT rowid FROM register_zoekindex WHERE register_zoekindex MATCH %s"
        parameters = [" ".join(f'"{w}"*' for w in woorden)]  # FTS5: quoted tokens, each a prefix; space is AND
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {ZOEK_LIJST_MAX + 1}", parameters)
        ids = [rij[0] for rij in cursor.fetchall()]
    if len(ids) <= ZOEK_LIJST_MAX:
        return ids
    return RawSQL(sql, parameters)


# --- catalogue (public reference data) ----------------------------------------------------------------


def activiteit_list(
    *, actor: Actor, q: str | None = None, niveau: int | None = None, peildatum: date | None = None
) -> QuerySet[Activiteit]:
    qs = Activiteit.objects.geldig_op(peildatum or timezone.localdate()).select_related("bovenliggende")
    if niveau:
        qs = qs.filter(niveau=niveau)
    if q:
        qs = qs.filter(Q(naam__icontains=q) | Q(code__icontains=q) | Q(sector__icontains=q))
    return qs.order_by("code")


def activiteit_get(*, actor: Actor, code: str) -> Activiteit:
    try:
        return Activiteit.objects.select_related("bovenliggende").get(code=code)
    except Activiteit.DoesNotExist:
        raise NietGevonden() from None


# --- activity executions ----------------------------------------------------------------------------


VOLGORDES = {
    "naam": ("vth_object__naam", "activiteit__code", "id"),
    "registratie": ("id",),
}
"""The list orders. `naam` (the VTH-object's name) crosses a join, so every match is read and sorted before the
first row: the register page's order. `registratie` (the execution row's own id: order of registration, a new
version last) is what the indexes on (filter columns, id) serve as an ordered walk: the API's default (ADR 0018)."""


def uitvoering_list(
    *, actor: Actor, filters: UitvoeringFilter | None = None, volgorde: str = "naam"
) -> QuerySet[Activiteituitvoering]:
    """Executions the actor may see, at VTH-objects the actor may also see (a hidden object's name never shows).

    `volgorde` is a key of VOLGORDES."""
    qs = toegang.zichtbaar(actor, Activiteituitvoering.objects.all())
    # EXISTS per row, not `vth_object__in=<all visible objects>`: SQLite materialises that IN list (half a million
    # ids nationally) on every query, PostgreSQL hashes it; the correlated test is one primary-key probe per row.
    qs = qs.filter(Exists(toegang.zichtbaar(actor, VthObject.objects.filter(pk=OuterRef("vth_object_id")))))
    filters = filters or UitvoeringFilter()
    qs = filters.toepassen(qs)
    # Organisations and parties come with a second query each (prefetch), not as joins: with every relation
    # joined, PostgreSQL spent 7–12 ms PLANNING each list or detail query (nine relations, exhaustive join search)
    # against ~1 ms executing it. The joins that remain are the ones the ordering and filters need anyway.
    return (
        qs.select_related("activiteit", "vth_object__locatie")
        .prefetch_related("bevoegd_gezag", "toezichtinstantie", "gemeente", "uitvoerder_betrokkene")
        .order_by(*_volgorde(volgorde, filters))
    )


def _volgorde(volgorde: str, filters: UitvoeringFilter) -> tuple:
    """The ORDER BY. Registration order under a filter through the VTH-object (a search, a map area) sorts its
    matches by `id + 0`, the same order that no index offers: PostgreSQL otherwise walked the primary key of all
    1.6 million executions hoping to meet the few hundred matches of a search early (300 ms instead of 5 ms)."""
    if volgorde == "registratie" and filters.via_object:
        return (F("id") + 0,)
    return VOLGORDES[volgorde]


def uitvoering_get(
    *, actor: Actor, uuid: UUID, peildatum: date | None = None, doel: str = "raadplegen register"
) -> Activiteituitvoering:
    """The version valid on `peildatum` (today by default); logged when not public."""
    uitvoering = uitvoering_list(actor=actor, filters=UitvoeringFilter(peildatum=peildatum)).filter(uuid=uuid).first()
    if uitvoering is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[uitvoering], doel=doel)
    return uitvoering


def uitvoering_geschiedenis(
    *, actor: Actor, uuid: UUID, doel: str | None = "raadplegen geschiedenis"
) -> list[Activiteituitvoering]:
    """All versions the actor may see, oldest first; logged with `doel`. Only a page that logs exactly what it
    shows itself (`verwant=False`, the register's location page) passes `doel=None`."""
    versies = list(
        uitvoering_list(actor=actor, filters=UitvoeringFilter(alle_versies=True)).filter(uuid=uuid).order_by("versie")
    )
    if doel is not None:
        audit.log_inzage(actor=actor, objecten=versies, doel=doel)
    return versies


def vthobject_uitvoeringen(
    *, actor: Actor, vth_object: VthObject, doel: str, peildatum: date | None = None
) -> QuerySet[Activiteituitvoering]:
    """The executions at `vth_object` valid on `peildatum` (today by default) the actor may see, read and
    access-logged now (the queryset comes back evaluated), so the page that offers them cannot forget the log."""
    uitvoeringen = uitvoering_list(actor=actor, filters=UitvoeringFilter(peildatum=peildatum)).filter(
        vth_object=vth_object
    )
    audit.log_inzage(actor=actor, objecten=uitvoeringen, doel=doel)
    return uitvoeringen


def uitvoering_kaartbeeld(*, actor: Actor, filters: UitvoeringFilter, zoom: int) -> kaart.Kaartbeeld:
    """The map's points or clusters for these filters. Only markers name VTH-objects; the non-public ones among
    them are access-logged exactly (`verwant=False`: a marker shows a name and an address, no party)."""
    beeld = kaart.kaartbeeld(uitvoering_list(actor=actor, filters=filters, volgorde="naam"), zoom)
    if beeld.niet_openbare_objecten:
        objecten = vthobject_list(actor=actor).filter(pk__in=beeld.niet_openbare_objecten)
        audit.log_inzage(actor=actor, objecten=objecten, doel="raadplegen register (kaart)", verwant=False)
    return beeld


# --- VTH-objects, locations, parties ----------------------------------------------------------------


def vthobject_list(
    *, actor: Actor, q: str | None = None, gemeente: str | None = None, rechthoek: RdBbox | None = None
) -> QuerySet[VthObject]:
    qs = toegang.zichtbaar(actor, VthObject.objects.all()).select_related(
        "locatie__gemeente", "bevoegd_gezag", "uitvoerder"
    )
    if q:
        qs = qs.filter(tekst_filter(q))
    if gemeente:
        qs = qs.filter(locatie__gemeente__code__iexact=gemeente)
    if rechthoek:
        qs = qs.filter(ruimtelijk_filter(rechthoek))
    return qs.order_by("naam", "id")


def vthobject_zoekresultaat(*, actor: Actor, q: str, doel: str, aantal: int = 25) -> list[VthObject]:
    """The first `aantal` VTH-objects matching `q` that the actor may see, as a search page shows them; logged."""
    objecten = list(vthobject_list(actor=actor, q=q)[:aantal])
    audit.log_inzage(actor=actor, objecten=objecten, doel=doel)
    return objecten


def vthobject_get(*, actor: Actor, uuid: UUID, doel: str = "raadplegen register") -> VthObject:
    obj = vthobject_list(actor=actor).filter(uuid=uuid).first()
    if obj is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[obj], doel=doel)
    return obj


def locatie_get(*, actor: Actor, uuid: UUID) -> Locatie:
    """A location is public as a place; what happens there is filtered by the callers' selectors."""
    try:
        return Locatie.objects.select_related("gemeente").get(uuid=uuid)
    except Locatie.DoesNotExist:
        raise NietGevonden() from None


def betrokkene_list(*, actor: Actor) -> QuerySet[Betrokkene]:
    return toegang.zichtbaar(actor, Betrokkene.objects.all())


def betrokkene_get(*, actor: Actor, uuid: UUID, doel: str = "raadplegen register") -> Betrokkene:
    betrokkene = betrokkene_list(actor=actor).filter(uuid=uuid).first()
    if betrokkene is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[betrokkene], doel=doel)
    return betrokkene


def zichtbare_betrokkenen(*, actor: Actor, ids: set[int]) -> set[int]:
    """Which of these parties the actor may see by name (natural persons are never public)."""
    if not ids:
        return set()
    return set(betrokkene_list(actor=actor).filter(pk__in=ids).values_list("pk", flat=True))


# --- The location page ---------------------------------------------------------------------------


@dataclass
class Uitvoeringsketen:
    """One activity execution at a location: the version shown and all versions the actor may see, newest first."""

    versie: Activiteituitvoering
    geldig: bool
    versies: list[Activiteituitvoering]
    uitvoerder: str | None = None


@dataclass
class Objectoverzicht:
    object: VthObject
    vestiging: str | None
    geldig: list[Uitvoeringsketen] = field(default_factory=list)
    overig: list[Uitvoeringsketen] = field(default_factory=list)


def locatie_overzicht(*, actor: Actor, locatie: Locatie, peildatum: date) -> list[Objectoverzicht]:
    """The VTH-objects at `locatie` the actor may see, each with its executions split by validity on `peildatum`.
    The page shows exactly these records, so exactly they are access-logged (`verwant=False`): the versions, the
    objects and the parties named, without the related records `log_inzage` would otherwise add."""
    objecten = list(vthobject_list(actor=actor).filter(locatie=locatie).select_related("vestiging"))
    uuids = dict.fromkeys(
        uitvoering_list(actor=actor, filters=UitvoeringFilter(alle_versies=True))
        .filter(vth_object__in=objecten)
        .order_by("activiteit__code", "uuid")
        .values_list("uuid", flat=True)
    )
    ketens = [uitvoering_geschiedenis(actor=actor, uuid=u, doel=None) for u in uuids]  # logged below
    versies = [v for keten in ketens for v in keten]
    zichtbaar = zichtbare_betrokkenen(
        actor=actor,
        ids={i for i in (*(v.uitvoerder_betrokkene_id for v in versies), *(o.vestiging_id for o in objecten)) if i},
    )
    betrokkenen: dict[int, Betrokkene] = {}  # the parties the page names, each once
    for b in (*(v.uitvoerder_betrokkene for v in versies), *(o.vestiging for o in objecten)):
        if b is not None and b.pk in zichtbaar:
            betrokkenen[b.pk] = b
    overzicht = {
        o.pk: Objectoverzicht(o, betrokkenen[o.vestiging_id].naam if o.vestiging_id in betrokkenen else None)
        for o in objecten
    }
    for keten in ketens:
        actueel = [v for v in keten if v.afgevoerd_op is None] or keten
        op_peildatum = next((v for v in actueel if v.geldig_op(peildatum)), None)
        regel = Uitvoeringsketen(
            versie=op_peildatum or actueel[-1],
            geldig=op_peildatum is not None,
            versies=keten[::-1],
        )
        if regel.versie.uitvoerder_betrokkene_id in betrokkenen:
            regel.uitvoerder = betrokkenen[regel.versie.uitvoerder_betrokkene_id].naam
        plaats = overzicht.get(regel.versie.vth_object_id)
        if plaats is not None:
            (plaats.geldig if regel.geldig else plaats.overig).append(regel)
    getoond: list[Model] = [*versies, *objecten, *betrokkenen.values()]
    audit.log_inzage(actor=actor, objecten=getoond, doel="raadplegen register (locatie)", verwant=False)
    return list(overzicht.values())
