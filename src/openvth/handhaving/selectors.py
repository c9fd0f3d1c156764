"""Every read of enforcement records. Each list starts from `toegang.zichtbaar`; details raise NietGevonden.

Measures, steps, forfeitures, consultations and documents hang under a violation and are visible exactly when
their violation is (the record kinds in apps.py read the policy fields through `overtreding__…`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import Organisatie
from openvth.organisaties.toegang import Actor
from openvth.register import selectors as register_selectors

from . import workflow
from .models import (
    Fase,
    Handhavingsmaatregel,
    Interventiepositionering,
    Maatregelstap,
    Overtreding,
    Procesverbaal,
    Verbeurte,
    Zaakdeling,
)


def gedeelde_overtredingen(organisatie_id: int) -> Q:
    """Rule 4 of the access policy for violations: the cases shared one by one with this organisation."""
    return Q(
        pk__in=Zaakdeling.objects.filter(ontvanger_id=organisatie_id, ingetrokken_op__isnull=True).values(
            "overtreding_id"
        )
    )


def gedeelde_maatregelen(organisatie_id: int) -> Q:
    """Rule 4 for records hanging under a violation (measures, processen-verbaal): those of a shared case."""
    return Q(
        overtreding_id__in=Zaakdeling.objects.filter(ontvanger_id=organisatie_id, ingetrokken_op__isnull=True).values(
            "overtreding_id"
        )
    )


@dataclass(frozen=True)
class OvertredingFilter:
    """The filters of the case list, one set for the web page and the API (issue 14), so that the same filters
    give the same cases on both. `cel` and `spoor` look at the current (newest) position; `q` searches the case
    number, object, company, rule and description; `behandelaar_id` keeps the cases a user handles ("mijn")."""

    status: str | None = None
    bevoegd_gezag: str | None = None
    vth_object: UUID | None = None
    cel: str | None = None
    spoor: str | None = None
    geconstateerd_vanaf: date | None = None
    geconstateerd_tot: date | None = None
    afstemming_gewenst: bool | None = None
    q: str | None = None
    behandelaar_id: int | None = None

    def toepassen(self, qs: QuerySet[Overtreding], *, actor: Actor) -> QuerySet[Overtreding]:
        if q := (self.q or "").strip():  # the web form strips its text; so does the API's parameter here
            # Jurists work by company and case number (issue 13); a company's name is searched only among the
            # register parties the actor may see, so a search does not reveal who is behind a case.
            zichtbare_bedrijven = register_selectors.betrokkene_list(actor=actor).values("pk")
            qs = qs.filter(
                Q(zaaknummer__icontains=q)
                | Q(vth_object__naam__icontains=q)
                | Q(vth_object__vestiging__naam__icontains=q, vth_object__vestiging__in=zichtbare_bedrijven)
                | Q(voorschrift__icontains=q)
                | Q(omschrijving__icontains=q)
            )
        if self.behandelaar_id is not None:
            qs = qs.filter(behandelaar_id=self.behandelaar_id)
        if self.status:
            qs = qs.filter(status=self.status)
        if self.bevoegd_gezag:
            qs = qs.filter(bevoegd_gezag__code__iexact=self.bevoegd_gezag)
        if self.vth_object:
            qs = qs.filter(vth_object__uuid=self.vth_object)
        if self.geconstateerd_vanaf:
            qs = qs.filter(geconstateerd_op__gte=self.geconstateerd_vanaf)
        if self.geconstateerd_tot:
            qs = qs.filter(geconstateerd_op__lte=self.geconstateerd_tot)
        if self.afstemming_gewenst is not None:
            qs = qs.filter(afstemming_gewenst=self.afstemming_gewenst)
        if self.cel or self.spoor:
            huidig = Interventiepositionering.objects.filter(overtreding=OuterRef("pk")).order_by(
                "-vastgesteld_op", "-id"
            )
            qs = qs.annotate(
                huidige_cel=Subquery(huidig.annotate(c=Concat("gedrag", "gevolg")).values("c")[:1]),
                huidig_spoor=Subquery(huidig.values("spoor")[:1]),
            )
            if self.cel:
                qs = qs.filter(huidige_cel=self.cel.upper())
            if self.spoor:
                qs = qs.filter(huidig_spoor=self.spoor)
        return qs


def overtreding_list(*, actor: Actor, filters: OvertredingFilter | None = None) -> QuerySet[Overtreding]:
    qs = toegang.zichtbaar(actor, Overtreding.objects.all()).select_related(
        "bevoegd_gezag", "uitvoerder", "gemeente", "vth_object__locatie"
    )
    return filters.toepassen(qs, actor=actor) if filters else qs


def overtreding_weergave(
    *, actor: Actor, zaken: Iterable[Overtreding], doel: str, maatregelen: Iterable = (), bedrijven: bool = True
) -> list[Overtreding]:
    """The cases as a page or feed shows them, access-logged here so that no view can forget it (ADR 0023): the
    cases (and `maatregelen` shown beside them), then with `bedrijven` the company of each case — `o.bedrijf`, the
    establishment's name when the actor may see that register party (logged too), else the VTH-object's name —
    and its place (`o.plaats`), so the lists lead with who, not with the rule broken."""
    zaken = list(zaken)
    audit.log_inzage(actor=actor, objecten=[*zaken, *maatregelen], doel=doel)
    if not bedrijven:
        return zaken
    ids = {o.vth_object.vestiging_id for o in zaken if o.vth_object.vestiging_id}
    gevonden = {b.pk: b for b in register_selectors.betrokkene_list(actor=actor).filter(pk__in=ids)} if ids else {}
    audit.log_inzage(actor=actor, objecten=list(gevonden.values()), doel=doel)
    for o in zaken:  # display attributes for the page's template, not model fields
        vestiging = gevonden.get(o.vth_object.vestiging_id or 0)
        setattr(o, "bedrijf", vestiging.naam if vestiging else o.vth_object.naam)  # noqa: B010
        setattr(o, "plaats", o.vth_object.locatie.woonplaats or o.gemeente.naam)  # noqa: B010
    return zaken


def overtreding_get(*, actor: Actor, uuid: UUID, doel: str = "behandelen handhavingszaak") -> Overtreding:
    """One violation the actor may see; the read is logged (violations are never public)."""
    overtreding = overtreding_list(actor=actor).filter(uuid=uuid).first()
    if overtreding is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[overtreding], doel=doel)
    return overtreding


@dataclass(frozen=True)
class MaatregelFilter:
    status: str | None = None
    fase: str | None = None
    instrument: str | None = None
    overtreding: UUID | None = None

    def toepassen(self, qs: QuerySet[Handhavingsmaatregel]) -> QuerySet[Handhavingsmaatregel]:
        velden = {
            "status": self.status,
            "fase": self.fase,
            "instrument": self.instrument,
            "overtreding__uuid": self.overtreding,
        }
        return qs.filter(**{k: v for k, v in velden.items() if v})


def maatregel_list(*, actor: Actor, filters: MaatregelFilter | None = None) -> QuerySet[Handhavingsmaatregel]:
    qs = toegang.zichtbaar(actor, Handhavingsmaatregel.objects.all()).select_related(
        "overtreding__bevoegd_gezag", "overtreding__vth_object"
    )
    return filters.toepassen(qs) if filters else qs


def maatregel_get(*, actor: Actor, uuid: UUID, doel: str = "behandelen handhavingszaak") -> Handhavingsmaatregel:
    maatregel = maatregel_list(actor=actor).filter(uuid=uuid).first()
    if maatregel is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[maatregel], doel=doel)
    return maatregel


# --- evidence: the proces-verbaal here, findings and photos from higher apps ----------------------------------


def procesverbaal_list(*, actor: Actor, overtreding: Overtreding | None = None) -> QuerySet[Procesverbaal]:
    qs = toegang.zichtbaar(actor, Procesverbaal.objects.all()).select_related("overtreding")
    return qs.filter(overtreding=overtreding) if overtreding is not None else qs


def procesverbaal_get(*, actor: Actor, uuid: UUID, doel: str = "raadplegen proces-verbaal") -> Procesverbaal:
    pv = procesverbaal_list(actor=actor).filter(uuid=uuid).first()
    if pv is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[pv], doel=doel)
    return pv


@dataclass(frozen=True)
class Bewijsbron:
    """Evidence kept by a higher app (toezicht: findings, photos, reports; ADR 0017 keeps it out of this app's
    imports): `lees(actor=…, overtreding=…)` returns what the actor may see, logged; `sjabloon` shows it."""

    sleutel: str
    lees: Callable[..., Any]
    sjabloon: str


_BEWIJSBRONNEN: dict[str, Bewijsbron] = {}


def registreer_bewijsbron(bron: Bewijsbron) -> None:
    """Done once in the higher app's `ready()`."""
    _BEWIJSBRONNEN[bron.sleutel] = bron


@dataclass(frozen=True)
class Bewijsonderdeel:
    sleutel: str
    sjabloon: str
    inhoud: Any


def bewijs_get(*, actor: Actor, overtreding: Overtreding) -> tuple[list[Procesverbaal], list[Bewijsonderdeel]]:
    """The evidence of one case the actor may see: its processen-verbaal and what the registered sources hold.
    Every piece goes through its own record kind's policy, so a partner sees it exactly while the case is shared."""
    pvs = list(procesverbaal_list(actor=actor, overtreding=overtreding).order_by("-datum", "-id"))
    audit.log_inzage(actor=actor, objecten=pvs, doel="bewijs bij handhavingszaak: processen-verbaal")
    onderdelen = [
        Bewijsonderdeel(bron.sleutel, bron.sjabloon, bron.lees(actor=actor, overtreding=overtreding))
        for bron in _BEWIJSBRONNEN.values()
    ]
    return pvs, onderdelen


# --- deadlines (dashboard, iCal feed) ------------------------------------------------------------------------


class Termijnsoort(StrEnum):
    HERCONTROLE = "hercontrole"
    ZIENSWIJZETERMIJN = "zienswijzetermijn"
    BEGUNSTIGINGSTERMIJN = "begunstigingstermijn"
    GEDOOGTERMIJN = "gedoogtermijn"
    BETAALTERMIJN = "betaaltermijn"
    AANMANINGSTERMIJN = "aanmaningstermijn"
    VERJARING = "verjaring"


TERMIJNSOORT_UITLEG = {
    Termijnsoort.HERCONTROLE: _("hercontrole na de hersteltermijn van de waarschuwing"),
    Termijnsoort.ZIENSWIJZETERMIJN: _("einde zienswijzetermijn (Awb 4:8): daarna besluiten"),
    Termijnsoort.BEGUNSTIGINGSTERMIJN: _("einde begunstigingstermijn (Awb 5:32a, 5:24): daarna hercontrole"),
    Termijnsoort.GEDOOGTERMIJN: _("einde gedoogbeschikking"),
    Termijnsoort.BETAALTERMIJN: _("betaaltermijn verbeurde dwangsom (Awb 5:33)"),
    Termijnsoort.AANMANINGSTERMIJN: _("betaaltermijn van de aanmaning (Awb 4:112): daarna dwangbevel"),
    Termijnsoort.VERJARING: _("laatste dag vóór verjaring van de verbeurde dwangsom (Awb 5:35)"),
}

# The phase a measure is in decides which of its dates is the running deadline.
_FASETERMIJN = {
    Fase.WAARSCHUWING: (Termijnsoort.HERCONTROLE, "hercontrole_op", "hersteltermijn"),
    Fase.VOORNEMEN: (Termijnsoort.ZIENSWIJZETERMIJN, "zienswijze_tot", "zienswijzetermijn"),
    Fase.BESLUIT_LOD: (Termijnsoort.BEGUNSTIGINGSTERMIJN, "begunstigingstermijn_tot", "begunstigingstermijn"),
    Fase.BESLUIT_LOB: (Termijnsoort.BEGUNSTIGINGSTERMIJN, "begunstigingstermijn_tot", "begunstigingstermijn"),
    Fase.GEDOOGD: (Termijnsoort.GEDOOGTERMIJN, "gedoogd_tot", "gedoogtermijn"),
}


@dataclass(frozen=True)
class Termijnsignaal:
    """One running or missed deadline: what, when, for which case and measure, and why it falls on that day."""

    soort: Termijnsoort
    datum: date
    overtreding: UUID
    maatregel: UUID | None
    omschrijving: str
    verlopen: bool
    motivering: str = ""
    verbeurte_id: int | None = None


def termijn_list(
    *,
    actor: Actor,
    organisatie: Organisatie | int | None = None,
    behandelaar: int | None = None,
    tot: date,
    peildatum: date | None = None,
) -> list[Termijnsignaal]:
    """The deadlines up to `tot` the actor may see, overdue ones included, overdue first and then by date.

    `organisatie` keeps the cases of which it is bevoegd gezag or uitvoerder (a team view); `behandelaar` (a
    user id) those it handles, on the violation or the measure. `verlopen` is relative to `peildatum` (today).
    """
    peildatum = peildatum or timezone.localdate()
    qs = toegang.zichtbaar(actor, Handhavingsmaatregel.objects.all())
    if organisatie is not None:
        org = organisatie.pk if isinstance(organisatie, Organisatie) else organisatie
        qs = qs.filter(Q(overtreding__bevoegd_gezag_id=org) | Q(overtreding__uitvoerder_id=org))
    if behandelaar is not None:
        qs = qs.filter(Q(behandelaar_id=behandelaar) | Q(overtreding__behandelaar_id=behandelaar))
    open_posten = Verbeurte.objects.filter(betaald_op__isnull=True)
    qs = qs.filter(Q(fase__in=list(_FASETERMIJN)) | Q(verbeurten__in=open_posten)).distinct()
    qs = qs.select_related("overtreding").prefetch_related(
        Prefetch("stappen", queryset=Maatregelstap.objects.exclude(termijn_soort="").order_by("id")),
        Prefetch("verbeurten", queryset=open_posten.order_by("datum", "id"), to_attr="open_posten"),
    )
    signalen: list[Termijnsignaal] = []
    for m in qs:
        titel = f"{m.overtreding.voorschrift} — {m.get_fase_display()}"
        if (fase := _FASETERMIJN.get(m.fase)) and (datum := getattr(m, fase[1])):
            soort, _, stapsoort = fase
            stap = next((s for s in reversed(m.stappen.all()) if s.termijn_soort == stapsoort), None)
            signalen.append(_signaal(soort, datum, m, titel, stap.motivering if stap else "", peildatum))
        for post in m.open_posten:
            naam = f"{m.overtreding.voorschrift} — verbeurte {post.datum:%d-%m-%Y}"
            if post.aanmaning_op is None:
                signalen.append(
                    _signaal(Termijnsoort.BETAALTERMIJN, post.betalen_voor, m, naam, post.motivering, peildatum, post)
                )
            elif post.dwangbevel_op is None and post.aanmaning_betalen_voor:
                signalen.append(
                    _signaal(
                        Termijnsoort.AANMANINGSTERMIJN,
                        post.aanmaning_betalen_voor,
                        m,
                        naam,
                        post.motivering,
                        peildatum,
                        post,
                    )
                )
            if not post.verjaring_verlengd:  # Awb 5:35 lid 2: no end date while an objection or appeal is pending
                signalen.append(
                    _signaal(Termijnsoort.VERJARING, post.verjaart_op, m, naam, post.motivering, peildatum, post)
                )
    return sorted((s for s in signalen if s.datum <= tot), key=lambda s: (not s.verlopen, s.datum, s.omschrijving))


def _signaal(soort, datum, maatregel, titel, motivering, peildatum, post=None) -> Termijnsignaal:
    return Termijnsignaal(
        soort=soort,
        datum=datum,
        overtreding=maatregel.overtreding.uuid,
        maatregel=maatregel.uuid,
        omschrijving=f"{TERMIJNSOORT_UITLEG[soort]}: {titel}",
        verlopen=datum < peildatum,
        motivering=motivering,
        verbeurte_id=post.pk if post else None,
    )


# --- the dwangsom ledger -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grootboekpost:
    """One forfeiture with its collection state, its terms and whether its limitation date comes close."""

    id: int
    datum: date
    verbeurd_vanaf: date | None
    aantal: int
    bedrag: Decimal
    fase: workflow.VerbeurteFase
    betalen_voor: date
    verjaart_op: date
    invorderingsbeschikking_op: date | None
    aanmaning_op: date | None
    aanmaning_betalen_voor: date | None
    dwangbevel_op: date | None
    betaald_op: date | None
    open: bool
    verjaard: bool
    verjaring_nadert: bool
    volgende_stappen: tuple[str, ...]
    motivering: str
    verjaring_verlengd: bool = False


@dataclass(frozen=True)
class Grootboek:
    """The ledger of one last onder dwangsom: forfeited against the maximum, paid, open, and warnings."""

    maatregel: UUID
    vorm: str
    eenheid: str
    bedrag: Decimal | None
    maximum: Decimal | None
    totaal_verbeurd: Decimal
    resterend: Decimal | None
    maximum_bereikt: bool
    totaal_betaald: Decimal
    totaal_open: Decimal
    posten: tuple[Grootboekpost, ...]
    waarschuwingen: tuple[str, ...]
    peildatum: date


def grootboek_voor(maatregel: Handhavingsmaatregel, *, peildatum: date | None = None) -> Grootboek:
    """The ledger of a measure the caller has already read through a selector (no second access log)."""
    peildatum = peildatum or timezone.localdate()
    grens = peildatum + timedelta(days=settings.OPENVTH_VERJARING_WAARSCHUWING_DAGEN)
    posten, waarschuwingen = [], []
    for v in maatregel.verbeurten.order_by("datum", "id"):
        staat = workflow.Posttoestand(
            v.datum,
            v.betalen_voor,
            v.verjaart_op,
            v.invorderingsbeschikking_op,
            v.aanmaning_op,
            v.aanmaning_betalen_voor,
            v.dwangbevel_op,
            v.betaald_op,
        )
        open_ = v.betaald_op is None
        verjaard = open_ and not v.verjaring_verlengd and peildatum > v.verjaart_op  # 5:35 lid 2: still running
        nadert = open_ and not verjaard and not v.verjaring_verlengd and v.verjaart_op <= grens
        if verjaard:
            waarschuwingen.append(
                f"Verbeurte van {v.datum:%d-%m-%Y} (€ {v.bedrag}) is op {v.verjaart_op:%d-%m-%Y} verjaard (Awb 5:35)."
            )
        elif nadert:
            waarschuwingen.append(
                f"Verbeurte van {v.datum:%d-%m-%Y} (€ {v.bedrag}) verjaart op {v.verjaart_op:%d-%m-%Y}: stuit de "
                "verjaring met een invorderingsbeschikking (Awb 5:37a), aanmaning of dwangbevel (Awb 4:106)."
            )
        posten.append(
            Grootboekpost(
                v.pk,
                v.datum,
                v.verbeurd_vanaf,
                v.aantal,
                v.bedrag,
                staat.fase,
                v.betalen_voor,
                v.verjaart_op,
                v.invorderingsbeschikking_op,
                v.aanmaning_op,
                v.aanmaning_betalen_voor,
                v.dwangbevel_op,
                v.betaald_op,
                open_,
                verjaard,
                nadert,
                tuple(workflow.VERBEURTE_OVERGANGEN[staat.fase]) if not verjaard else (),
                v.motivering,
                v.verjaring_verlengd,
            )
        )
    totaal = sum((p.bedrag for p in posten), Decimal("0.00"))
    betaald = sum((p.bedrag for p in posten if not p.open), Decimal("0.00"))
    maximum = maatregel.dwangsom_maximum
    return Grootboek(
        maatregel=maatregel.uuid,
        vorm=maatregel.dwangsom_vorm,
        eenheid=maatregel.dwangsom_eenheid,
        bedrag=maatregel.dwangsom_bedrag,
        maximum=maximum,
        totaal_verbeurd=totaal,
        resterend=maximum - totaal if maximum is not None else None,
        maximum_bereikt=maximum is not None and totaal >= maximum,
        totaal_betaald=betaald,
        totaal_open=totaal - betaald,
        posten=tuple(posten),
        waarschuwingen=tuple(waarschuwingen),
        peildatum=peildatum,
    )


def grootboek_get(*, actor: Actor, uuid: UUID, peildatum: date | None = None) -> Grootboek:
    """The ledger of one measure the actor may see (the read is logged like the measure itself)."""
    return grootboek_voor(
        maatregel_get(actor=actor, uuid=uuid, doel="raadplegen dwangsomgrootboek"), peildatum=peildatum
    )
