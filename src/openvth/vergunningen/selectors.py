"""Every read of requests. Each list starts from `toegang.zichtbaar`; details raise NietGevonden and log the read.

A request is never public by default (it names its applicant); its activities are visible exactly when it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from openvth.audit import services as audit
from openvth.handhaving.bewakers import kalender
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.toegang import Actor
from openvth.regels import niet_tijdig_beslissen

from .models import (
    OPEN_STATUSSEN,
    Aanvraagsoort,
    Adviesverzoek,
    Besluit,
    Brief,
    Procedurestap,
    Toestemming,
    Verzoek,
    Verzoekactiviteit,
    Verzoeksoort,
    Verzoekstatus,
    Voorschrift,
)


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


def andere_volgnummers(*, actor: Actor, verzoek: Verzoek, doel: str) -> list[Verzoek]:
    """The other volgnummers of a request that the actor may see (its supplements, its withdrawal), logged as read:
    the case page lists them beside the request."""
    andere = [v for v in verzoek_volgnummers(actor=actor, verzoeknummer=verzoek.verzoeknummer) if v.pk != verzoek.pk]
    audit.log_inzage(actor=actor, objecten=andere, doel=doel)
    return andere


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


# --- the procedure: a case page, decisions, permissions, letters ------------------------------------------------


def verzoek_zaak(*, actor: Actor, uuid: UUID, doel: str = "behandelen verzoek") -> Verzoek:
    """One request with everything its case page shows: steps, supplements, advice, decisions with their
    conditions, letters (without their bodies) and the other volgnummers; the read is logged once."""
    zaak = (
        verzoek_list(actor=actor)
        .select_related("bevoegd_gezag", "uitvoerder", "locatie", "aanvrager", "behandelaar", "vth_object")
        .prefetch_related(
            Prefetch("stappen", queryset=Procedurestap.objects.select_related("gezet_door").order_by("datum", "id")),
            "aanvullingsverzoeken",
            Prefetch("adviesverzoeken", queryset=Adviesverzoek.objects.select_related("adviseur")),
            Prefetch(
                "besluiten",
                queryset=Besluit.objects.select_related(
                    "opgesteld_door", "goedgekeurd_door", "ondertekend_door", "persoonsmandaat"
                ).prefetch_related(
                    Prefetch("voorschriften", queryset=Voorschrift.objects.select_related("activiteit"))
                ),
            ),
            Prefetch("brieven", queryset=Brief.objects.defer("html", "pdf").order_by("datum", "id")),
            Prefetch("activiteiten", queryset=Verzoekactiviteit.objects.select_related("activiteit")),
        )
        .filter(uuid=uuid)
        .first()
    )
    if zaak is None:
        raise NietGevonden()
    # The request and what a case page or answer shows beside it: its decisions, their conditions and its letters.
    besluiten = list(zaak.besluiten.all())
    audit.log_inzage(
        actor=actor,
        objecten=[zaak, *besluiten, *(v for b in besluiten for v in b.voorschriften.all()), *zaak.brieven.all()],
        doel=doel,
    )
    return zaak


def besluit_list(*, actor: Actor) -> QuerySet[Besluit]:
    return toegang.zichtbaar(actor, Besluit.objects.select_related("verzoek"))


def besluit_get(*, actor: Actor, uuid: UUID, doel: str = "behandelen verzoek") -> Besluit:
    """One decision of a request the actor may see; its request is logged as read."""
    besluit = besluit_list(actor=actor).filter(uuid=uuid).first()
    if besluit is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[besluit.verzoek, besluit, *besluit.voorschriften.all()], doel=doel)
    return besluit


def brief_list(*, actor: Actor) -> QuerySet[Brief]:
    return toegang.zichtbaar(actor, Brief.objects.select_related("verzoek"))


def brief_get(*, actor: Actor, uuid: UUID, doel: str = "raadplegen brief") -> Brief:
    """One letter as it was sent (with its HTML and PDF); its request is logged as read (the letter names it)."""
    brief = brief_list(actor=actor).filter(uuid=uuid).first()
    if brief is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[brief.verzoek, brief], doel=doel)
    return brief


def toestemming_list(*, actor: Actor, vth_object: int | None = None) -> QuerySet[Toestemming]:
    qs = toegang.zichtbaar(actor, Toestemming.objects.select_related("verleend_bij", "vth_object"))
    return qs.filter(vth_object_id=vth_object) if vth_object is not None else qs


def toestemming_get(*, actor: Actor, uuid: UUID, doel: str = "raadplegen toestemming") -> Toestemming:
    toestemming = toestemming_list(actor=actor).filter(uuid=uuid).first()
    if toestemming is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[toestemming], doel=doel)
    return toestemming


def voorschrift_list(*, actor: Actor) -> QuerySet[Voorschrift]:
    return toegang.zichtbaar(actor, Voorschrift.objects.select_related("besluit", "toestemming", "activiteit"))


def voorschrift_get(*, actor: Actor, uuid: UUID, doel: str = "raadplegen voorschrift") -> Voorschrift:
    voorschrift = voorschrift_list(actor=actor).filter(uuid=uuid).first()
    if voorschrift is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[voorschrift.besluit.verzoek], doel=doel)
    return voorschrift


def toestemming_voorschriften(
    *, actor: Actor, toestemming: Toestemming, peildatum: date, doel: str = "raadplegen toestemming"
) -> list[Voorschrift]:
    """The conditions of one permission in force on `peildatum`, logged as read."""
    voorschriften = list(
        voorschriften_op(actor=actor, vth_object=toestemming.vth_object_id, peildatum=peildatum).filter(
            toestemming=toestemming
        )
    )
    audit.log_inzage(actor=actor, objecten=voorschriften, doel=doel)
    return voorschriften


def verzoeken_ingezien(*, actor: Actor, uuids: set[UUID], doel: str) -> None:
    """Log the requests a list of deadlines showed (and the applicant named beside them): the deadline page, the
    agenda feed and the API's list show a request by its number without reading it through `verzoek_get`."""
    if uuids:
        verzoeken = verzoek_list(actor=actor).filter(uuid__in=uuids).select_related("aanvrager")
        audit.log_inzage(actor=actor, objecten=verzoeken, doel=doel)


def voorschriften_op(*, actor: Actor, vth_object: int, peildatum: date) -> QuerySet[Voorschrift]:
    """The conditions in force at a VTH-object on `peildatum`: of permissions in force that day, from the day their
    decision took effect until a later decision changed or ended them. The caller's page logs what it shows."""
    return (
        voorschrift_list(actor=actor)
        .filter(toestemming__vth_object_id=vth_object, geldig_vanaf__lte=peildatum)
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=peildatum))
        .filter(toestemming__geldig_vanaf__lte=peildatum)
        .filter(Q(toestemming__geldig_tot__isnull=True) | Q(toestemming__geldig_tot__gt=peildatum))
        .order_by("toestemming__geldig_vanaf", "besluit_id", "id")
    )


# --- decision periods: the deadline view and timeliness -----------------------------------------------------------


@dataclass(frozen=True)
class Beslistermijnsignaal:
    """One open request's decision period: its last day, whether it passed or is suspended, and why that day."""

    verzoek: UUID
    verzoeknummer: str
    datum: date
    status: str
    omschrijving: str
    bevoegd_gezag: str
    behandelaar_id: int | None
    verlopen: bool
    opgeschort: bool
    motivering: str


def _beslistermijnen(actor: Actor, tot: date, organisatie: int | None, behandelaar: int | None) -> QuerySet[Verzoek]:
    qs = toegang.zichtbaar(actor, Verzoek.objects.all()).filter(
        status__in=OPEN_STATUSSEN, beslistermijn_tot__isnull=False, beslistermijn_tot__lte=tot
    )
    if organisatie is not None:
        qs = qs.filter(Q(bevoegd_gezag_id=organisatie) | Q(uitvoerder_id=organisatie))
    if behandelaar is not None:
        qs = qs.filter(behandelaar_id=behandelaar)
    return qs


def beslistermijn_telling(
    *, actor: Actor, tot: date, organisatie: int | None = None, behandelaar: int | None = None
) -> dict[str, int]:
    """How many open requests' periods end on or before `tot`, per competent authority (its name)."""
    rijen = _beslistermijnen(actor, tot, organisatie, behandelaar).values("bevoegd_gezag__naam").annotate(n=Count("id"))
    return {r["bevoegd_gezag__naam"]: r["n"] for r in rijen}


def beslistermijn_list(
    *,
    actor: Actor,
    tot: date,
    organisatie: int | None = None,
    behandelaar: int | None = None,
    peildatum: date | None = None,
    bevoegd_gezag: str = "",
    aantal: int | None = None,
) -> list[Beslistermijnsignaal]:
    """Open requests whose decision period ends on or before `tot` (overdue ones included), overdue first, then by
    date; `organisatie` keeps those it decides or handles, `behandelaar` (a user id) those a person handles,
    `bevoegd_gezag` (a name) those of one authority, `aantal` the first so many.
    A suspended period shows the latest day it can end (the supplement on the last day given)."""
    peildatum = peildatum or timezone.localdate()
    qs = _beslistermijnen(actor, tot, organisatie, behandelaar)
    if bevoegd_gezag:
        qs = qs.filter(bevoegd_gezag__naam=bevoegd_gezag)
    # Only the fields a signal shows: a team's few thousand periods are read as tuples, not as requests.
    rijen = qs.order_by("beslistermijn_tot", "id").values_list(
        "uuid",
        "verzoeknummer",
        "beslistermijn_tot",
        "status",
        "omschrijving",
        "subsoort",
        "bevoegd_gezag__naam",
        "behandelaar_id",
        "termijn_motivering",
    )
    if aantal is not None:
        rijen = rijen[:aantal]
    subsoorten = dict(Aanvraagsoort.choices)
    uit = [
        Beslistermijnsignaal(
            verzoek=uuid,
            verzoeknummer=nummer,
            datum=tot_,
            status=status,
            omschrijving=f"Beslistermijn {nummer}: {omschrijving or subsoorten.get(subsoort, subsoort)}"[:200],
            bevoegd_gezag=gezag,
            behandelaar_id=behandelaar_id,
            verlopen=tot_ < peildatum,
            opgeschort=status == Verzoekstatus.OPGESCHORT,
            motivering=motivering,
        )
        for uuid, nummer, tot_, status, omschrijving, subsoort, gezag, behandelaar_id, motivering in rijen
        if tot_ is not None  # filtered above; for the type checker
    ]
    return sorted(uit, key=lambda s: (not s.verlopen, s.datum, s.verzoeknummer))


@dataclass(frozen=True)
class Tijdigheid:
    """Decisions of one competent authority in one year: how many, how many on time, and the share (0-1)."""

    bevoegd_gezag: str
    code: str
    besloten: int
    tijdig: int
    open_verlopen: int

    @property
    def aandeel(self) -> float | None:
        return self.tijdig / self.besloten if self.besloten else None


def tijdigheid(*, actor: Actor, jaar: int, peildatum: date | None = None) -> list[Tijdigheid]:
    """Timeliness per competent authority: the requests decided in `jaar` (by the day made known) and the share
    decided within their period; plus the open ones whose period has passed. For monitoring (Staat van het
    VTH-stelsel) and the deadline view."""
    peildatum = peildatum or timezone.localdate()
    zichtbaar = toegang.zichtbaar(actor, Verzoek.objects.filter(soort=Verzoeksoort.TOESTEMMINGSAANVRAAG))
    besloten = (
        zichtbaar.filter(
            tijdig__isnull=False, afgehandeld_op__gte=date(jaar, 1, 1), afgehandeld_op__lt=date(jaar + 1, 1, 1)
        )
        .values("bevoegd_gezag__code", "bevoegd_gezag__naam")
        .annotate(besloten=Count("id"), tijdig=Count("id", filter=Q(tijdig=True)))
    )
    verlopen = (
        zichtbaar.filter(status__in=OPEN_STATUSSEN, beslistermijn_tot__lt=peildatum)
        .values("bevoegd_gezag__code", "bevoegd_gezag__naam")
        .annotate(n=Count("id"))
    )
    rijen: dict[str, dict] = {}
    for r in besloten:
        rijen[r["bevoegd_gezag__code"]] = {
            "naam": r["bevoegd_gezag__naam"],
            "b": r["besloten"],
            "t": r["tijdig"],
            "o": 0,
        }
    for v in verlopen:
        rij = rijen.setdefault(v["bevoegd_gezag__code"], {"naam": v["bevoegd_gezag__naam"], "b": 0, "t": 0, "o": 0})
        rij["o"] = v["n"]
    return sorted(
        (Tijdigheid(r["naam"], code, r["b"], r["t"], r["o"]) for code, r in rijen.items()),
        key=lambda t: t.bevoegd_gezag,
    )


def dwangsom_niet_tijdig(verzoek: Verzoek, peildatum: date | None = None) -> niet_tijdig_beslissen.Uitkomst | None:
    """The penalty owed for deciding late (Awb 4:17-4:20), computed by law-as-code, once the applicant gave notice of
    default after the period passed; None before that. The Omgevingswet does not exclude it (Ow art. 16.64 lid 4
    excludes only the permit by default, Awb paragraaf 4.1.3.3; Awb 4:20a)."""
    if verzoek.ingebreke_gesteld_op is None or verzoek.beslistermijn_tot is None:
        return None
    peildatum = peildatum or timezone.localdate()
    besluit = (
        verzoek.besluiten.filter(ontwerp=False, bekendgemaakt_op__isnull=False).order_by("bekendgemaakt_op").first()
    )
    return niet_tijdig_beslissen.dwangsom_niet_tijdig_beslissen(
        einde_beslistermijn=verzoek.beslistermijn_tot,
        ingebrekestelling_ontvangen=verzoek.ingebreke_gesteld_op,
        peildatum=peildatum,
        kalender=kalender(),
        bekendgemaakt=besluit.bekendgemaakt_op if besluit else None,
    )
