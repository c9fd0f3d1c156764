"""Every read of supervision records. Controles and Bevindingen start from `toegang.zichtbaar`; details raise
NietGevonden and log the read of a non-public record.

Planning products (risk analyses, programmes) belong to one organisation — the service that ran them — and are
read by its staff and by the competent authorities in its work area (horizontal accountability, DOMAIN.md §2).
Scores and tasks name VTH-objects: an authority that is not the owner reads only the rows of objects it is the
bevoegd gezag of (or has mandated the actor's service for), and every object shown passes the access policy for
VTH-objects as well. National analyses (no region) are summaries anyone logged in may read, with the same row
filter.

Chain sharing (ketentoezicht): a finding on a controle of a Ketenactie is also visible to an organisation that
is bevoegd gezag or uitvoerder of another link's VTH-object in that chain AND holds a sharing agreement
(Deelafspraak, record kind `toezicht.bevinding`) from the finding's bevoegd gezag or uitvoerder, up to that
agreement's confidentiality ceiling (`gedeelde_bevindingen`, rule 4 of the access policy). The chain lifts an
agreement's regional restriction for the chain's own findings; without an agreement a partner sees nothing.

Evidence of a shared case (rule 4, issue 12): when a violation is shared with the OM or a police organisation
(`handhaving.Zaakdeling`, not withdrawn), that organisation reads the findings linked to the violation, the
controles they were recorded in (and the re-inspections of the violation), the photos of those findings and the
report to the operator made from them — read only, like the case. Other findings of the same controle and the
controle's loose attachments stay hidden: the partner gets the evidence of this case, not the whole inspection
(data minimisation, AVG art. 5 lid 1 onder c). Withdrawing the share ends it on the next request.
"""

from __future__ import annotations

import struct
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

import numpy as np
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from openvth.audit import services as audit
from openvth.geo.bbox import RdBbox
from openvth.handhaving import selectors as handhaving_selectors
from openvth.handhaving.models import Overtreding, OvertredingStatus, Zaakdeling
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import (
    Deelafspraak,
    Lidmaatschap,
    Mandaat,
    Organisatie,
    Rol,
    Vertrouwelijkheid,
    Werkgebiedlid,
)
from openvth.organisaties.toegang import Actor
from openvth.regels import risico
from openvth.register import selectors as register_selectors
from openvth.register.models import Activiteituitvoering, Betrokkene, Status, VthObject
from openvth.vergunningen import selectors as vergunningen_selectors
from openvth.vergunningen.models import Besluit, Verzoek, Verzoekdoel, Verzoeksoort, Verzoekstatus, Voorschrift

from .models import (
    UITSPLITSING_LENGTE,
    Bevinding,
    Bijlage,
    Controle,
    Controleonderwerp,
    ControleStatus,
    Keten,
    Ketenactie,
    Ketenschakel,
    Programmataak,
    Reden,
    Risicoanalyse,
    Risicomodelversie,
    Risicoscore,
    Uitvoeringsprogramma,
    Vergunningbehandelaar,
    Voorschriftkoppeling,
)

V = Vertrouwelijkheid

# Who may do what (services check these; the UI uses them to show or hide buttons).
PLANNERS = (Rol.PLANNER, Rol.MANAGER)
TOEZICHTHOUDERS = (Rol.TOEZICHTHOUDER,)
CONTROLEPLANNERS = (Rol.PLANNER, Rol.MANAGER, Rol.TOEZICHTHOUDER)
BEHEERDERS = (Rol.FUNCTIONEEL_BEHEERDER,)
KETENBEHEERDERS = (Rol.TOEZICHTHOUDER, Rol.PLANNER, Rol.MANAGER)
ACTIEVE_STATUS = (Status.REALISATIE, Status.UITVOERING)


def rotatie_n() -> int:
    """How many earlier visits by the same inspector trigger the rotation warning (OPENVTH_ROTATIE_N, default 3
    [check]: DOMAIN.md §1 names rotation of inspectors without a number)."""
    return settings.OPENVTH_ROTATIE_N


def _vandaag() -> date:
    return timezone.localdate()


def _org(actor: Actor) -> int | None:
    return None if actor.anoniem or actor.organisatie is None else actor.organisatie.pk


def _mandaatgevers(org: int) -> set[int]:
    return set(
        Mandaat.objects.geldig_op(_vandaag()).filter(mandaatnemer_id=org).values_list("mandaatgever_id", flat=True)
    )


def planningsorganisaties(actor: Actor) -> set[int]:
    """Organisations whose planning products the actor reads: its own and the services it is a member of."""
    org = _org(actor)
    if org is None:
        return set()
    diensten = (
        Werkgebiedlid.objects.geldig_op(_vandaag()).filter(lid_id=org).values_list("omgevingsdienst_id", flat=True)
    )
    return {org, *diensten}


def _rijfilter(actor: Actor, eigenaar_id: int | None) -> Q:
    """Rows (scores, tasks) of a planning product the actor may read: all for the owner, else own objects."""
    org = _org(actor)
    if org is None:
        return Q(pk__in=[])
    if eigenaar_id is not None and org == eigenaar_id:
        return Q()
    return Q(bevoegd_gezag_id=org) | Q(bevoegd_gezag_id__in=_mandaatgevers(org))


def _zichtbare_objecten(actor: Actor) -> QuerySet[VthObject]:
    return toegang.zichtbaar(actor, VthObject.objects.all())


# --- risk models and analyses ----------------------------------------------------------------------------------


def risicomodelversie_list(*, actor: Actor, regio: Organisatie | None = None) -> QuerySet[Risicomodelversie]:
    """Model versions are policy (weights, classes, frequencies): readable by every logged-in actor."""
    if actor.anoniem:
        return Risicomodelversie.objects.none()
    qs = Risicomodelversie.objects.select_related("regio")
    if regio is not None:
        qs = qs.filter(regio=regio)
    return qs.order_by("regio__naam", "-geldig_vanaf", "-id")


def risicomodelversie_get(*, actor: Actor, uuid: UUID) -> Risicomodelversie:
    versie = risicomodelversie_list(actor=actor).filter(uuid=uuid).first()
    if versie is None:
        raise NietGevonden()
    return versie


def risicomodel_van(versie: Risicomodelversie) -> risico.Risicomodel:
    """The validated rule object of a stored version (validated when stored, so this cannot fail)."""
    return risico.model_uit_dict(versie.definitie)


def risicoanalyse_list(*, actor: Actor, regio: Organisatie | None = None) -> QuerySet[Risicoanalyse]:
    if actor.anoniem:
        return Risicoanalyse.objects.none()
    qs = Risicoanalyse.objects.filter(Q(regio_id__in=planningsorganisaties(actor)) | Q(regio__isnull=True))
    if regio is not None:
        qs = qs.filter(regio=regio)
    return qs.select_related("regio", "modelversie", "vorige").order_by("-uitgevoerd_op", "-id")


def risicoanalyse_get(*, actor: Actor, uuid: UUID) -> Risicoanalyse:
    analyse = risicoanalyse_list(actor=actor).filter(uuid=uuid).first()
    if analyse is None:
        raise NietGevonden()
    return analyse


def risicoscore_list(*, actor: Actor, analyse: Risicoanalyse, klasse: int | None = None) -> QuerySet[Risicoscore]:
    """Scores of one run the actor may read, highest first (sorted per request: see ADR 0016)."""
    qs = analyse.scores.filter(_rijfilter(actor, analyse.regio_id)).filter(vth_object__in=_zichtbare_objecten(actor))
    if klasse is not None:
        qs = qs.filter(klasse=klasse)
    return qs.select_related("vth_object__locatie", "bevoegd_gezag", "activiteit").order_by("-score", "id")


def risicoscore_top(
    *,
    actor: Actor,
    analyse: Risicoanalyse,
    aantal: int,
    doel: str = "risicoanalyse: hoogste risico's",
    objecten_getoond: bool = False,
) -> list[Risicoscore]:
    """The `aantal` highest scores of a run the actor may read, access-logged here (ADR 0023): each score's
    object; with `objecten_getoond` (the web page, which presents each object as the register does) the objects
    themselves, so what they show along is logged too."""
    scores = list(risicoscore_list(actor=actor, analyse=analyse)[:aantal])
    audit.log_inzage(actor=actor, objecten=[s.vth_object for s in scores] if objecten_getoond else scores, doel=doel)
    return scores


@dataclass(frozen=True)
class Onderdeel:
    criterium: str
    groep: str
    waarde: float
    gewicht: float
    bijdrage: float


@dataclass(frozen=True)
class Uitsplitsing:
    """A stored score's breakdown: per criterion value, weight and contribution (sums to the score)."""

    onderdelen: tuple[Onderdeel, ...]
    woningen_250m: int
    overtredingen: int


def pak_uit(blob: bytes, model: risico.Risicomodel) -> Uitsplitsing:
    """Unpack `Risicoscore.uitsplitsing` (see models.UITSPLITSING) with the weights of its model version."""
    getallen = struct.unpack(f"<{UITSPLITSING_LENGTE}f", bytes(blob))
    criteria = risico.IMPACTCRITERIA + risico.PRESTATIECRITERIA
    gewichten = {**model.gewichten_impact, **model.gewichten_prestatie}
    n = len(criteria)
    return Uitsplitsing(
        onderdelen=tuple(
            Onderdeel(
                criterium=c,
                groep="impact" if c in risico.IMPACTCRITERIA else "prestatie",
                waarde=round(getallen[i], 4),
                gewicht=gewichten[c],
                bijdrage=round(getallen[n + i], 3),
            )
            for i, c in enumerate(criteria)
        ),
        woningen_250m=int(getallen[2 * n]),
        overtredingen=int(getallen[2 * n + 1]),
    )


def pak_alle_uit(blobs: list[bytes]) -> np.ndarray:
    """Many breakdowns at once as an (n, 20) float32 array (for comparisons)."""
    if not blobs:
        return np.zeros((0, UITSPLITSING_LENGTE), dtype=np.float32)
    return np.frombuffer(b"".join(bytes(b) for b in blobs), dtype="<f4").reshape(-1, UITSPLITSING_LENGTE)


def risicoscore_get(*, actor: Actor, analyse: Risicoanalyse, vth_object: VthObject) -> tuple[Risicoscore, Uitsplitsing]:
    """One object's score in a run with its breakdown; NietGevonden when absent or not readable."""
    score = risicoscore_list(actor=actor, analyse=analyse).filter(vth_object=vth_object).first()
    if score is None:
        raise NietGevonden()
    return score, pak_uit(score.uitsplitsing, risicomodel_van(analyse.modelversie))


def risicokaart(
    *,
    actor: Actor,
    analyse: Risicoanalyse,
    klasse_vanaf: int | None = None,
    rechthoek: RdBbox | None = None,
    limiet: int = 50_000,
) -> dict:
    """GeoJSON FeatureCollection (CRS84) of the scored objects: point, name, class and score (for Leaflet)."""
    qs = risicoscore_list(actor=actor, analyse=analyse)
    if klasse_vanaf is not None:
        qs = qs.filter(klasse__gte=klasse_vanaf)
    if rechthoek is not None:
        qs = qs.filter(
            vth_object__locatie__x__gte=rechthoek.minx,
            vth_object__locatie__x__lte=rechthoek.maxx,
            vth_object__locatie__y__gte=rechthoek.miny,
            vth_object__locatie__y__lte=rechthoek.maxy,
        )
    rijen = qs.values_list(
        "vth_object__uuid",
        "vth_object__naam",
        "vth_object__locatie__lon",
        "vth_object__locatie__lat",
        "klasse",
        "score",
    )[: limiet + 1]
    rijen = list(rijen)
    getoond = qs.values("vth_object_id")[:limiet]  # the map shows each object's name: non-public ones are logged
    audit.log_inzage(
        actor=actor,
        objecten=VthObject.objects.filter(pk__in=getoond).exclude(vertrouwelijkheid=Vertrouwelijkheid.OPENBAAR),
        doel="risicoanalyse: kaart",
    )
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": str(u),
                "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                "properties": {"naam": naam, "klasse": klasse, "score": round(score, 2)},
            }
            for u, naam, lon, lat, klasse, score in rijen[:limiet]
        ],
        "afgekapt": len(rijen) > limiet,
    }


# --- programmes --------------------------------------------------------------------------------------------------


def programma_list(*, actor: Actor, jaar: int | None = None) -> QuerySet[Uitvoeringsprogramma]:
    qs = Uitvoeringsprogramma.objects.filter(uitvoerder_id__in=planningsorganisaties(actor))
    if jaar is not None:
        qs = qs.filter(jaar=jaar)
    return qs.select_related("uitvoerder", "risicoanalyse").order_by("uitvoerder__naam", "-jaar")


def programma_get(*, actor: Actor, uuid: UUID) -> Uitvoeringsprogramma:
    programma = programma_list(actor=actor).filter(uuid=uuid).first()
    if programma is None:
        raise NietGevonden()
    return programma


@dataclass(frozen=True)
class TaakFilter:
    maand: int | None = None
    expertise: str | None = None
    taakcategorie: str | None = None
    bevoegd_gezag: str | None = None  # organisation code
    vervallen: bool = False  # True: also removed tasks


def programmataak_list(
    *, actor: Actor, programma: Uitvoeringsprogramma, filters: TaakFilter | None = None
) -> QuerySet[Programmataak]:
    f = filters or TaakFilter()
    qs = programma.taken.filter(_rijfilter(actor, programma.uitvoerder_id))
    if not f.vervallen:
        qs = qs.filter(vervallen_op__isnull=True)
    if f.maand:
        qs = qs.filter(maand=f.maand)
    if f.expertise:
        qs = qs.filter(expertise=f.expertise)
    if f.taakcategorie:
        qs = qs.filter(taakcategorie=f.taakcategorie)
    if f.bevoegd_gezag:
        qs = qs.filter(bevoegd_gezag__code__iexact=f.bevoegd_gezag)
    return qs.select_related("vth_object__locatie", "bevoegd_gezag").order_by("maand", "-score", "id")


def programmataak_get(*, actor: Actor, uuid: UUID) -> Programmataak:
    taak = (
        Programmataak.objects.filter(uuid=uuid, programma__in=programma_list(actor=actor))
        .select_related("programma", "vth_object", "bevoegd_gezag")
        .first()
    )
    if (
        taak is None
        or not Programmataak.objects.filter(pk=taak.pk).filter(_rijfilter(actor, taak.programma.uitvoerder_id)).exists()
    ):
        raise NietGevonden()
    return taak


def programma_realisatie(*, actor: Actor, programma: Uitvoeringsprogramma) -> dict:
    """Planned vs done vs hours spent, per month, per task category and per competent authority.

    Planned: active tasks and their norm hours. Done: tasks with a controle that was carried out (uitgevoerd or
    afgerond) in the programme year; spent: the hours recorded on those controles.
    """
    taken = programmataak_list(actor=actor, programma=programma)
    gedaan_per_taak = {
        t: (n, uren or Decimal(0))
        for t, n, uren in Controle.objects.filter(
            programmataak__in=taken,
            status__in=(ControleStatus.UITGEVOERD, ControleStatus.AFGEROND),
            uitgevoerd_op__year=programma.jaar,
        )
        .values("programmataak_id")
        .annotate(n=Count("id"), uren=Sum("uren_besteed"))
        .values_list("programmataak_id", "n", "uren")
    }
    namen = dict(Organisatie.objects.values_list("pk", "naam"))

    def leeg() -> dict:
        return {"gepland": 0, "normuren": Decimal(0), "uitgevoerd": 0, "uren_besteed": Decimal(0)}

    per_maand: dict[int, dict] = {m: leeg() for m in range(1, 13)}
    per_categorie: dict[str, dict] = defaultdict(leeg)
    per_gezag: dict[str, dict] = defaultdict(leeg)
    totaal = leeg()
    for pk, maand, categorie, gezag, normuren in taken.values_list(
        "pk", "maand", "taakcategorie", "bevoegd_gezag_id", "normuren"
    ):
        n, uren = gedaan_per_taak.get(pk, (0, Decimal(0)))
        for bak in (per_maand[maand], per_categorie[categorie], per_gezag[namen.get(gezag, str(gezag))], totaal):
            bak["gepland"] += 1
            bak["normuren"] += normuren
            bak["uitgevoerd"] += 1 if n else 0
            bak["uren_besteed"] += uren
    return {
        "jaar": programma.jaar,
        "totaal": totaal,
        "per_maand": [{"maand": m, **v} for m, v in per_maand.items()],
        "per_taakcategorie": [{"taakcategorie": k, **v} for k, v in sorted(per_categorie.items())],
        "per_bevoegd_gezag": [{"bevoegd_gezag": k, **v} for k, v in sorted(per_gezag.items())],
    }


# --- controles, findings, attachments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ControleFilter:
    status: str | None = None
    reden: str | None = None
    toezichthouder_id: int | None = None
    vth_object: UUID | None = None
    programma: UUID | None = None
    ketenactie: UUID | None = None
    van: date | None = None
    tot: date | None = None
    ied_termijn_verlopen: bool | None = None  # True: report or publication overdue today

    def toepassen(self, qs: QuerySet[Controle]) -> QuerySet[Controle]:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.reden:
            qs = qs.filter(reden=self.reden)
        if self.toezichthouder_id:
            qs = qs.filter(toezichthouder_id=self.toezichthouder_id)
        if self.vth_object:
            qs = qs.filter(vth_object__uuid=self.vth_object)
        if self.programma:
            qs = qs.filter(programmataak__programma__uuid=self.programma)
        if self.ketenactie:
            qs = qs.filter(ketenactie__uuid=self.ketenactie)
        if self.van:
            qs = qs.filter(gepland_op__gte=self.van)
        if self.tot:
            qs = qs.filter(gepland_op__lte=self.tot)
        if self.ied_termijn_verlopen is not None:
            vandaag = _vandaag()
            verlopen = Q(rapport_verzonden_op__isnull=True, rapport_uiterlijk_op__lt=vandaag) | Q(
                openbaar_gemaakt_op__isnull=True, openbaar_uiterlijk_op__lt=vandaag
            )
            qs = qs.filter(verlopen) if self.ied_termijn_verlopen else qs.exclude(verlopen)
        return qs


def controle_list(*, actor: Actor, filters: ControleFilter | None = None) -> QuerySet[Controle]:
    qs = toegang.zichtbaar(actor, Controle.objects.all())
    qs = (filters or ControleFilter()).toepassen(qs)
    return qs.select_related(
        "vth_object__locatie",
        "bevoegd_gezag",
        "uitvoerder",
        "gemeente",
        "toezichthouder",
        "programmataak",
        "overtreding",
        "ketenactie",
    ).order_by("-gepland_op", "-id")


def controle_get(*, actor: Actor, uuid: UUID, doel: str = "uitvoeren controle") -> Controle:
    controle = controle_list(actor=actor).filter(uuid=uuid).first()
    if controle is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[controle], doel=doel)
    return controle


def controle_werkvoorraad(
    *, actor: Actor, alle: bool = False, doel: str = "toezicht: lijst controles"
) -> list[Controle]:
    """The inspector's work list, access-logged here: planned and carried-out controles by date (at most 500),
    the actor's own or (`alle`) all of its organisation as bevoegd gezag or uitvoerder."""
    filters = ControleFilter(toezichthouder_id=None if alle else actor.gebruiker_id)
    lijst = list(
        controle_list(actor=actor, filters=filters)
        .filter(status__in=(ControleStatus.GEPLAND, ControleStatus.UITGEVOERD))
        .order_by("gepland_op", "id")[:500]
    )
    if alle:
        eigen = actor.organisatie.pk if actor.organisatie else None
        lijst = [c for c in lijst if eigen in (c.uitvoerder_id, c.bevoegd_gezag_id)]
    audit.log_inzage(actor=actor, objecten=lijst, doel=doel)
    return lijst


def controle_zaak(
    *, actor: Actor, controle: Controle, doel: str = "toezicht: hercontrole van overtreding"
) -> Overtreding | None:
    """The violation a re-inspection checks, when the actor may see that case (a partner may see the controle
    but not the case); logged."""
    if not controle.overtreding_id:
        return None
    zaak = handhaving_selectors.overtreding_list(actor=actor).filter(pk=controle.overtreding_id).first()
    if zaak is not None:
        audit.log_inzage(actor=actor, objecten=[zaak], doel=doel)
    return zaak


def _gedeelde_zaken(organisatie_id: int) -> QuerySet:
    """The violations shared with this organisation one by one and not withdrawn (handhaving's rule 4)."""
    return Zaakdeling.objects.filter(ontvanger_id=organisatie_id, ingetrokken_op__isnull=True).values("overtreding_id")


def gedeelde_controles(organisatie_id: int) -> Q:
    """Access rule 4 for controles: those with a finding of a case shared with this organisation, and the
    re-inspections of such a case (module doc)."""
    zaken = _gedeelde_zaken(organisatie_id)
    return Q(pk__in=Bevinding.objects.filter(overtreding_id__in=zaken).values("controle_id")) | Q(
        overtreding_id__in=zaken
    )


def gedeelde_bevindingen(organisatie_id: int) -> Q:
    """Access rule 4 for findings: the findings of a case shared with this organisation, and chain findings for a
    chain partner with a sharing agreement (module doc)."""
    ketens = Ketenschakel.objects.filter(
        Q(vth_object__bevoegd_gezag_id=organisatie_id) | Q(vth_object__uitvoerder_id=organisatie_id)
    ).values("keten_id")
    afspraken = Deelafspraak.objects.geldig_op(_vandaag()).filter(
        ontvanger_id=organisatie_id, recordsoort="toezicht.bevinding"
    )
    onder_afspraak = Q(pk__in=[])
    for verstrekker_id, plafond in afspraken.values_list("verstrekker_id", "plafond"):
        niveaus = [n for n in V.values if V.rang(n) <= V.rang(plafond)]
        onder_afspraak |= (
            Q(controle__bevoegd_gezag_id=verstrekker_id) | Q(controle__uitvoerder_id=verstrekker_id)
        ) & Q(controle__vertrouwelijkheid__in=niveaus)
    return Q(overtreding_id__in=_gedeelde_zaken(organisatie_id)) | (
        Q(controle__ketenactie__keten_id__in=ketens) & onder_afspraak
    )


def bevinding_list(
    *, actor: Actor, controle: Controle | None = None, vth_object: VthObject | None = None
) -> QuerySet[Bevinding]:
    qs = toegang.zichtbaar(actor, Bevinding.objects.all())
    if controle is not None:
        qs = qs.filter(controle=controle)
    if vth_object is not None:
        qs = qs.filter(controle__vth_object=vth_object)
    return qs.select_related(
        "controle__vth_object", "controle__bevoegd_gezag", "aandachtspunt__onderwerp", "overtreding"
    )


def bevinding_get(*, actor: Actor, uuid: UUID, doel: str = "raadplegen bevinding") -> Bevinding:
    bevinding = bevinding_list(actor=actor).filter(uuid=uuid).first()
    if bevinding is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[bevinding], doel=doel)
    return bevinding


def bevinding_weergave(
    *, actor: Actor, bevindingen: Iterable[Bevinding], doel: str, overtredingen: bool = False
) -> list[Bevinding]:
    """The findings as a page or answer shows them, access-logged here so that no view can forget it (ADR 0023).
    With `overtredingen` each finding gets `zichtbare_overtreding`, its violation only when the actor may see that
    case (a chain partner may see a finding but not the enforcement case); those are logged first, with their own
    purpose, as the pages did before the findings."""
    bevindingen = list(bevindingen)
    if overtredingen:
        ids = {b.overtreding_id for b in bevindingen if b.overtreding_id}
        zichtbaar = (
            {o.pk: o for o in handhaving_selectors.overtreding_list(actor=actor).filter(pk__in=ids)} if ids else {}
        )
        for b in bevindingen:  # a display attribute for the page's template, not a model field
            zaak = zichtbaar.get(b.overtreding_id) if b.overtreding_id else None
            setattr(b, "zichtbare_overtreding", zaak)  # noqa: B010
        audit.log_inzage(actor=actor, objecten=list(zichtbaar.values()), doel="toezicht: overtreding bij bevinding")
    audit.log_inzage(actor=actor, objecten=bevindingen, doel=doel)
    return bevindingen


def _zichtbare_bijlagen(actor: Actor) -> QuerySet[Bijlage]:
    """Attachments are read with what they belong to: a finding's photo when the actor sees that finding, a
    controle's own attachment when the actor sees the controle through rules 1–3 (a controle reached only through
    a shared case shows the evidence of that case, not its loose attachments; module doc)."""
    controles = toegang.zichtbaar(actor, Controle.objects.all(), gedeeld=False)
    bevindingen = toegang.zichtbaar(actor, Bevinding.objects.all())
    return Bijlage.objects.filter(Q(bevinding__in=bevindingen) | Q(bevinding__isnull=True, controle__in=controles))


def bijlage_list(*, actor: Actor, controle: Controle) -> QuerySet[Bijlage]:
    return _zichtbare_bijlagen(actor).filter(controle=controle)


def bijlage_get(*, actor: Actor, uuid: UUID, doel: str = "bekijken bijlage") -> Bijlage:
    bijlage = _zichtbare_bijlagen(actor).filter(uuid=uuid).select_related("controle").first()
    if bijlage is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[bijlage.controle], doel=f"{doel} {bijlage.naam}"[:200])
    return bijlage


@dataclass(frozen=True)
class Zaakbewijs:
    """The supervision evidence of one case as the actor may see it: the findings linked to it (each with its
    photos and PDF documents in `fotos` / `documenten`) and the controles they come from, with re-inspections."""

    bevindingen: list[Bevinding]
    controles: list[Controle]


def bewijs_bij_zaak(*, actor: Actor, overtreding) -> Zaakbewijs:
    """Registered with handhaving as its evidence source (apps.py); every record through its own kind's policy,
    so OM and police see exactly the evidence of a case shared with them, and the reads are logged (ADR 0023)."""
    bevindingen = list(
        bevinding_list(actor=actor)
        .filter(overtreding=overtreding)
        .order_by("controle__gepland_op", "controle_id", "volgnummer")
    )
    controles = list(
        controle_list(actor=actor).filter(Q(pk__in={b.controle_id for b in bevindingen}) | Q(overtreding=overtreding))
    )
    per_bevinding: dict[int, list[Bijlage]] = defaultdict(list)
    for stuk in _zichtbare_bijlagen(actor).filter(bevinding__in=[b.pk for b in bevindingen]).order_by("id"):
        per_bevinding[stuk.bevinding_id].append(stuk)
    for b in bevindingen:
        b.fotos = [s for s in per_bevinding[b.pk] if s.mediatype.startswith("image/")]
        b.documenten = [s for s in per_bevinding[b.pk] if not s.mediatype.startswith("image/")]
    audit.log_inzage(actor=actor, objecten=[*controles, *bevindingen], doel="bewijs bij handhavingszaak")
    return Zaakbewijs(bevindingen=bevindingen, controles=controles)


@dataclass(frozen=True)
class Iedtermijnen:
    """IED art. 23 lid 6 deadlines of one controle and whether they are met, late or still open."""

    van_toepassing: bool
    rapport_uiterlijk_op: date | None
    openbaar_uiterlijk_op: date | None
    rapport_te_laat: bool
    openbaar_te_laat: bool


def ied_termijnen(controle: Controle, *, peildatum: date | None = None) -> Iedtermijnen:
    """Late = not done by the deadline (done after it, or still not done when the deadline has passed)."""
    vandaag = peildatum or _vandaag()

    def te_laat(uiterlijk: date | None, gedaan: date | None) -> bool:
        if uiterlijk is None:
            return False
        return gedaan > uiterlijk if gedaan else vandaag > uiterlijk

    return Iedtermijnen(
        van_toepassing=controle.ied and controle.rapport_uiterlijk_op is not None,
        rapport_uiterlijk_op=controle.rapport_uiterlijk_op,
        openbaar_uiterlijk_op=controle.openbaar_uiterlijk_op,
        rapport_te_laat=te_laat(controle.rapport_uiterlijk_op, controle.rapport_verzonden_op),
        openbaar_te_laat=te_laat(controle.openbaar_uiterlijk_op, controle.openbaar_gemaakt_op),
    )


# --- VTH-objects as supervision pages name them ----------------------------------------------------------------


def vthobject_treffer(*, actor: Actor, zoekwaarde: str, doel: str = "plannen toezicht") -> VthObject:
    """The VTH-object the actor may see by uuid or by its identification (namespace.lokaal_id), as a planner
    types or picks it; NietGevonden otherwise. The read is logged."""
    waarde = (zoekwaarde or "").strip()
    try:
        uuid = UUID(waarde)
    except ValueError:
        pass
    else:
        return register_selectors.vthobject_get(actor=actor, uuid=uuid, doel=doel)
    namespace, _punt, lokaal = waarde.partition(".")
    obj = register_selectors.vthobject_list(actor=actor).filter(namespace=namespace, lokaal_id=lokaal).first()
    if obj is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[obj], doel=doel)
    return obj


def vthobject_selectie(*, actor: Actor, uuids: Iterable[str | None], doel: str) -> dict[str, VthObject]:
    """The VTH-objects among `uuids` (as a planning product stores them) the actor may see, by uuid string;
    logged, since the page names them."""
    objecten = list(register_selectors.vthobject_list(actor=actor).filter(uuid__in=[u for u in uuids if u]))
    audit.log_inzage(actor=actor, objecten=objecten, doel=doel)
    return {str(o.uuid): o for o in objecten}


def vthobject_vestiging(*, actor: Actor, vth_object: VthObject, doel: str) -> Betrokkene | None:
    """The establishment (register party) of `vth_object` when the actor may see it, else None; logged, since
    its name and KvK number show."""
    if vth_object.vestiging_id is None:
        return None
    vestiging = register_selectors.betrokkene_list(actor=actor).filter(pk=vth_object.vestiging_id).first()
    if vestiging is not None:
        audit.log_inzage(actor=actor, objecten=[vestiging], doel=doel)
    return vestiging


def vthobject_open_zaken(
    *, actor: Actor, vth_object: VthObject, doel: str = "plannen hercontrole", aantal: int = 25
) -> list[Overtreding]:
    """The open violations (geconstateerd, in behandeling) at `vth_object` the actor may see, newest first, to
    plan a re-inspection of one of them; logged."""
    zaken = list(
        handhaving_selectors.overtreding_list(actor=actor)
        .filter(
            vth_object=vth_object,
            status__in=(OvertredingStatus.GECONSTATEERD, OvertredingStatus.IN_BEHANDELING),
        )
        .order_by("-geconstateerd_op", "id")[:aantal]
    )
    audit.log_inzage(actor=actor, objecten=zaken, doel=doel)
    return zaken


# --- checklists -------------------------------------------------------------------------------------------------


def controleonderwerp_list(
    *, actor: Actor, peildatum: date | None = None, activiteitcode: str | None = None, alle: bool = False
) -> QuerySet[Controleonderwerp]:
    """Checklist topics (reference data for logged-in staff); `alle` includes ended ones (for administrators)."""
    if actor.anoniem:
        return Controleonderwerp.objects.none()
    qs = Controleonderwerp.objects.prefetch_related("aandachtspunten")
    if not alle:
        dag = peildatum or _vandaag()
        qs = qs.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=dag), geldig_vanaf__lte=dag)
    if activiteitcode:
        qs = qs.filter(activiteitcode=activiteitcode)
    return qs.order_by("activiteitcode", "volgorde", "id")


def controleonderwerp_get(*, actor: Actor, pk: int) -> Controleonderwerp:
    onderwerp = controleonderwerp_list(actor=actor, alle=True).filter(pk=pk).first()
    if onderwerp is None:
        raise NietGevonden()
    return onderwerp


def _past_op(prefix: str, code: str) -> bool:
    """Segment prefix, as in `regels.risico`: bal-3.2 fits bal-3.2.1, bal-3.2.1 does not fit bal-3.2.12."""
    return code == prefix or code.startswith(prefix + ".")


def controledag(controle: Controle) -> date:
    """The day a controle's checklist and permit conditions are read on: the planned date, the day of the visit once
    it took place (what applied then is what the inspector judged)."""
    return controle.uitgevoerd_op or controle.gepland_op


def onderwerp_past(onderwerp: Controleonderwerp, codes: Iterable[str]) -> bool:
    """Whether a checklist topic is for one of these catalogue activities (its code is a segment prefix of one)."""
    return any(_past_op(onderwerp.activiteitcode, code) for code in codes)


def checklist(*, actor: Actor, controle: Controle) -> list[Controleonderwerp]:
    """Topics for the activities carried out at the controle's object on its planned date (most specific last).

    An activity that was stopped or ended by that day (CIM status gestaakt/beëindigd, or its end date passed)
    brings no checklist items: the inspector in the field would otherwise judge what is no longer there."""
    dag = controledag(controle)
    codes = set(
        Activiteituitvoering.objects.geldig_op(dag)
        .filter(vth_object_id=controle.vth_object_id)
        .exclude(status__in=(Status.GESTAAKT, Status.BEEINDIGD))
        .exclude(beeindigingsdatum__lte=dag)
        .values_list("activiteit__code", flat=True)
    )
    if controle.activiteituitvoering_id:
        codes = {controle.activiteituitvoering.activiteit.code}
    return [
        o
        for o in controleonderwerp_list(actor=actor, peildatum=dag)
        if any(_past_op(o.activiteitcode, code) for code in codes)
    ]


# --- permit conditions on the checklist (issue 15 item 5) ---------------------------------------------------------


def voorschrift_aanduiding(voorschrift: Voorschrift) -> str:
    """How a finding cites a permit condition: "<kenmerk> voorschrift <nummer>", the permit's reference; a condition
    set by a later decision (change, revision) names that decision too, since its number is that decision's."""
    toestemming = voorschrift.toestemming
    kenmerk = toestemming.kenmerk if toestemming is not None else voorschrift.besluit.kenmerk
    tekst = f"{kenmerk} voorschrift {voorschrift.nummer}"
    if voorschrift.besluit.kenmerk != kenmerk:
        tekst += f" (besluit {voorschrift.besluit.kenmerk})"
    return tekst[:300]


def voorschrift_activiteitcodes(voorschrift: Voorschrift) -> set[str]:
    """The catalogue activities a condition is about: its own, else those of its permission."""
    if voorschrift.activiteit is not None:
        return {voorschrift.activiteit.code}
    if voorschrift.toestemming is None:
        return set()
    return set(voorschrift.toestemming.activiteiten.values_list("code", flat=True))


def _gelogde_voorschriften(actor: Actor, voorschriften: list[Voorschrift], doel: str) -> None:
    """A condition is read with its permission: the permission (with its confidentiality) goes in the access log,
    once per permission, as the permits' own pages log the request a condition belongs to."""
    toestemmingen = {v.toestemming_id: v.toestemming for v in voorschriften if v.toestemming is not None}
    audit.log_inzage(actor=actor, objecten=list(toestemmingen.values()), doel=doel)


def voorschriften_in_werking(*, actor: Actor, vth_object_id: int, peildatum: date) -> list[Voorschrift]:
    """The permit conditions in force at the object on `peildatum` that the actor may see (`vergunningen`' own
    selector: the access policy of conditions), in the order of the decisions; not logged (the caller shows them)."""
    return list(
        vergunningen_selectors.voorschriften_op(actor=actor, vth_object=vth_object_id, peildatum=peildatum)
        .select_related("toestemming", "besluit__verzoek", "activiteit")
        .prefetch_related("toestemming__activiteiten")
    )


@dataclass(frozen=True)
class Checklistvoorschriften:
    """The permit conditions of one controle, placed on its checklist: under the point of attention or the topic
    they are linked to, the rest (unlinked, or linked to an item not on this checklist) under `overige`."""

    per_punt: dict[int, list[Voorschrift]]
    per_onderwerp: dict[int, list[Voorschrift]]
    overige: list[Voorschrift]
    alle: list[Voorschrift]


def checklist_voorschriften(
    *,
    actor: Actor,
    controle: Controle,
    onderwerpen: list[Controleonderwerp] | None = None,
    doel: str = "toezicht: vergunningvoorschriften bij de controle",
) -> Checklistvoorschriften:
    """The conditions in force at the controle's object on its day (`controledag`), on its checklist; logged."""
    if onderwerpen is None:
        onderwerpen = checklist(actor=actor, controle=controle)
    voorschriften = voorschriften_in_werking(
        actor=actor, vth_object_id=controle.vth_object_id, peildatum=controledag(controle)
    )
    punten = {p.pk for o in onderwerpen for p in o.aandachtspunten.all()}
    onderwerp_ids = {o.pk for o in onderwerpen}
    per_punt: dict[int, list[Voorschrift]] = defaultdict(list)
    per_onderwerp: dict[int, list[Voorschrift]] = defaultdict(list)
    geplaatst: set[int] = set()
    koppelingen = Voorschriftkoppeling.objects.filter(voorschrift__in=[v.pk for v in voorschriften]).order_by("id")
    per_voorschrift: dict[int, list[Voorschriftkoppeling]] = defaultdict(list)
    for k in koppelingen:
        per_voorschrift[k.voorschrift_id].append(k)
    for v in voorschriften:
        for k in per_voorschrift[v.pk]:
            if k.aandachtspunt_id in punten:
                per_punt[k.aandachtspunt_id].append(v)
                geplaatst.add(v.pk)
            elif k.onderwerp_id in onderwerp_ids:
                per_onderwerp[k.onderwerp_id].append(v)
                geplaatst.add(v.pk)
    _gelogde_voorschriften(actor, voorschriften, doel)
    return Checklistvoorschriften(
        per_punt=dict(per_punt),
        per_onderwerp=dict(per_onderwerp),
        overige=[v for v in voorschriften if v.pk not in geplaatst],
        alle=voorschriften,
    )


@dataclass(frozen=True)
class Koppelbaarvoorschrift:
    """A condition in force with the checklist items it may be linked to and those it is linked to."""

    voorschrift: Voorschrift
    aanduiding: str
    onderwerpen: list[Controleonderwerp]
    gekoppelde_punten: set[int]
    gekoppelde_onderwerpen: set[int]


def koppelbare_onderwerpen(*, actor: Actor, voorschrift: Voorschrift, peildatum: date) -> list[Controleonderwerp]:
    """The checklist topics (with their points) valid on `peildatum` for the condition's activities."""
    codes = voorschrift_activiteitcodes(voorschrift)
    return [o for o in controleonderwerp_list(actor=actor, peildatum=peildatum) if onderwerp_past(o, codes)]


def vergunningvoorschriften_koppelbaar(
    *,
    actor: Actor,
    vth_object: VthObject,
    peildatum: date,
    doel: str = "toezicht: vergunningvoorschriften koppelen aan de checklist",
) -> list[Koppelbaarvoorschrift]:
    """The conditions in force at the object on `peildatum`, each with the checklist items of its activities and its
    present links: the page (and API) that links a permit's conditions to checklist items. Logged."""
    voorschriften = voorschriften_in_werking(actor=actor, vth_object_id=vth_object.pk, peildatum=peildatum)
    alle_onderwerpen = list(controleonderwerp_list(actor=actor, peildatum=peildatum))
    koppelingen: dict[int, list[Voorschriftkoppeling]] = defaultdict(list)
    for k in Voorschriftkoppeling.objects.filter(voorschrift__in=[v.pk for v in voorschriften]):
        koppelingen[k.voorschrift_id].append(k)
    uit = []
    for v in voorschriften:
        codes = voorschrift_activiteitcodes(v)
        uit.append(
            Koppelbaarvoorschrift(
                voorschrift=v,
                aanduiding=voorschrift_aanduiding(v),
                onderwerpen=[o for o in alle_onderwerpen if onderwerp_past(o, codes)],
                gekoppelde_punten={k.aandachtspunt_id for k in koppelingen[v.pk] if k.aandachtspunt_id},
                gekoppelde_onderwerpen={k.onderwerp_id for k in koppelingen[v.pk] if k.onderwerp_id},
            )
        )
    _gelogde_voorschriften(actor, voorschriften, doel)
    return uit


def vergunningvoorschrift_get(
    *, actor: Actor, uuid: UUID, doel: str = "toezicht: vergunningvoorschrift"
) -> Voorschrift:
    """One permit condition the actor may see (vergunningen' selector, which logs its request)."""
    return vergunningen_selectors.voorschrift_get(actor=actor, uuid=uuid, doel=doel)


# --- notifications: a controle after notification, proposed to the programme (issue 15 item 4) ----------------


@dataclass(frozen=True)
class Meldingvoorstel:
    """A handled notification that proposes a "controle na melding" to the execution programme."""

    melding: Verzoek
    vth_object: VthObject
    datum: date  # the activity's start (else the day the notification was handled): what the controle is planned by
    maand: int  # the programme month proposed: the start's month, January for a start in an earlier year
    activiteiten: tuple[str, ...]


def meldingdatum(melding: Verzoek) -> date:
    """The day a controle after notification is planned around: the start of the activity as notified; without one
    (an information duty has none) the day the notification was handled, else received."""
    return melding.aanvang_activiteit or melding.afgehandeld_op or melding.ontvangen_op


def _open_meldingen(actor: Actor, uitvoerder_id: int) -> QuerySet[Verzoek]:
    """Handled notifications (first volgnummer, with their VTH-object) this service carries out, that the actor may
    see (vergunningen' request selector), not yet accepted as a task and without a controle with reason 'melding'
    at the object planned on or after the notification's receipt (a vervallen controle does not count)."""
    controle_na = Controle.objects.filter(
        vth_object_id=OuterRef("vth_object_id"), reden=Reden.MELDING, gepland_op__gte=OuterRef("ontvangen_op")
    ).exclude(status=ControleStatus.VERVALLEN)
    return (
        vergunningen_selectors.verzoek_list(
            actor=actor,
            filters=vergunningen_selectors.VerzoekFilter(
                soort=Verzoeksoort.ACTIVITEITMELDING, status=Verzoekstatus.AFGEHANDELD
            ),
        )
        .filter(uitvoerder_id=uitvoerder_id, doel=Verzoekdoel.INDIENEN, vth_object__isnull=False)
        .exclude(pk__in=Programmataak.objects.filter(melding__isnull=False).values("melding_id"))
        .exclude(Exists(controle_na))
        .filter(vth_object__in=_zichtbare_objecten(actor))
    )


def meldingvoorstellen(
    *,
    actor: Actor,
    programma: Uitvoeringsprogramma,
    doel: str = "uitvoeringsprogramma: controles na melding",
    aantal: int = 200,
    melding: UUID | None = None,
) -> list[Meldingvoorstel]:
    """The controles after notification proposed to this programme: open handled notifications of the programme's
    service whose day (`meldingdatum`) falls in the programme year or before it (a notification not yet followed up
    stays proposed until it is), earliest first; logged with the objects they name."""
    meldingen = _open_meldingen(actor, programma.uitvoerder_id)
    if melding is not None:
        meldingen = meldingen.filter(uuid=melding)
    meldingen = (
        meldingen.filter(_rijfilter(actor, programma.uitvoerder_id))
        .select_related("vth_object__locatie", "bevoegd_gezag")
        .prefetch_related("activiteiten__activiteit")
        .order_by("ontvangen_op", "id")
    )
    voorstellen = []
    for m in meldingen:
        datum = meldingdatum(m)
        if datum.year > programma.jaar or m.vth_object is None:
            continue
        voorstellen.append(
            Meldingvoorstel(
                melding=m,
                vth_object=m.vth_object,
                datum=datum,
                maand=datum.month if datum.year == programma.jaar else 1,
                activiteiten=tuple(a.activiteit.code for a in m.activiteiten.all()),
            )
        )
        if len(voorstellen) >= aantal:
            break
    voorstellen.sort(key=lambda v: (v.datum, v.melding.verzoeknummer))
    audit.log_inzage(actor=actor, objecten=[v.melding for v in voorstellen], doel=doel)
    return voorstellen


def meldingvoorstel_get(*, actor: Actor, programma: Uitvoeringsprogramma, uuid: UUID) -> Meldingvoorstel:
    """One proposal of this programme by its notification's uuid; NietGevonden when there is none (not visible,
    accepted already, followed up by a controle, or of a later year)."""
    voorstellen = meldingvoorstellen(
        actor=actor, programma=programma, doel="uitvoeringsprogramma: controle na melding", melding=uuid
    )
    if not voorstellen:
        raise NietGevonden()
    return voorstellen[0]


# --- inspectors: separation of functions and rotation ----------------------------------------------------------


@dataclass(frozen=True)
class Kandidaat:
    gebruiker_id: int
    naam: str
    toegestaan: bool
    reden: str  # why refused (separation of functions), empty when allowed
    waarschuwing: str  # rotation warning, empty when none


def vergunningvoorbereiding(vth_object: VthObject, gebruiker_id: int) -> list[str]:
    """The permits and requests for this object that this person prepared, by their reference: recorded by hand
    (Vergunningbehandelaar, e.g. from a former system), or read from the permit procedure itself — the officer who
    handled a request (Verzoek.behandelaar) and whoever drafted or approved a decision on it (Besluit.opgesteld_door,
    goedgekeurd_door), including a decision changing or revoking a permission for the object.

    A rule check, not a read shown as a list: it looks at every record, whatever the asking planner may see, so that
    the separation holds even when the permit was handled by an organisation the planner cannot read."""
    behandeld = set(
        Vergunningbehandelaar.objects.filter(vth_object=vth_object, gebruiker_id=gebruiker_id).values_list(
            "kenmerk", flat=True
        )
    )
    behandeld |= set(
        Verzoek.objects.filter(vth_object=vth_object, behandelaar_id=gebruiker_id).values_list(
            "verzoeknummer", flat=True
        )
    )
    behandeld |= set(
        Besluit.objects.filter(Q(verzoek__vth_object=vth_object) | Q(betreft_toestemming__vth_object=vth_object))
        .filter(Q(opgesteld_door_id=gebruiker_id) | Q(goedgekeurd_door_id=gebruiker_id))
        .values_list("kenmerk", flat=True)
    )
    return sorted(behandeld)


def scheiding_van_functies(vth_object: VthObject, gebruiker_id: int) -> str:
    """The refusal reason when this person prepared a permit for this object (DOMAIN.md §1), else empty."""
    behandeld = vergunningvoorbereiding(vth_object, gebruiker_id)
    if not behandeld:
        return ""
    return (
        f"Functiescheiding: deze medewerker bereidde de vergunning {', '.join(behandeld)} voor dit object "
        "voor en mag het daarom niet controleren."
    )


def rotatiewaarschuwing(vth_object: VthObject, gebruiker_id: int, *, behalve: int | None = None) -> str:
    """A warning when the same inspector carried out each of the last N visits to this object, else empty."""
    n = rotatie_n()
    if n < 1:
        return ""
    laatste = list(
        Controle.objects.filter(vth_object=vth_object, uitgevoerd_op__isnull=False)
        .exclude(pk=behalve)
        .order_by("-uitgevoerd_op", "-id")
        .values_list("toezichthouder_id", flat=True)[:n]
    )
    if len(laatste) == n and all(t == gebruiker_id for t in laatste):
        return (
            f"Rotatie: deze toezichthouder voerde de laatste {n} controles bij dit object uit; overweeg een "
            "andere toezichthouder."
        )
    return ""


def toezichthouder_kandidaten(*, actor: Actor, controle: Controle) -> list[Kandidaat]:
    """Inspectors of the controle's executing body (or authority), each with refusal reason or warning."""
    leden = (
        Lidmaatschap.objects.geldig_op(_vandaag())
        .filter(organisatie_id__in={controle.uitvoerder_id, controle.bevoegd_gezag_id})
        .select_related("gebruiker")
        .order_by("gebruiker__username")
    )
    uit: dict[int, Kandidaat] = {}
    for lid in leden:
        if Rol.TOEZICHTHOUDER not in lid.rollen or lid.gebruiker_id in uit or not lid.gebruiker.is_active:
            continue
        reden = scheiding_van_functies(controle.vth_object, lid.gebruiker_id)
        uit[lid.gebruiker_id] = Kandidaat(
            gebruiker_id=lid.gebruiker_id,
            naam=lid.gebruiker.get_full_name() or lid.gebruiker.username,
            toegestaan=not reden,
            reden=reden,
            waarschuwing=rotatiewaarschuwing(controle.vth_object, lid.gebruiker_id, behalve=controle.pk),
        )
    return list(uit.values())


def vergunningbehandelaar_list(*, actor: Actor, vth_object: VthObject) -> QuerySet[Vergunningbehandelaar]:
    if not toegang.mag_zien(actor, vth_object) or actor.anoniem:
        return Vergunningbehandelaar.objects.none()
    return Vergunningbehandelaar.objects.filter(vth_object=vth_object).select_related("gebruiker")


def gebruiker_naam(gebruiker_id: int | None) -> str:
    if gebruiker_id is None:
        return ""
    g = get_user_model().objects.filter(pk=gebruiker_id).first()
    return (g.get_full_name() or g.username) if g else ""


# --- chains ------------------------------------------------------------------------------------------------------


def _ketenpartner_ketens(org: int) -> QuerySet:
    return Ketenschakel.objects.filter(Q(vth_object__bevoegd_gezag_id=org) | Q(vth_object__uitvoerder_id=org)).values(
        "keten_id"
    )


def keten_list(*, actor: Actor) -> QuerySet[Keten]:
    """Chains the actor's organisation manages or is a partner in (bevoegd gezag or uitvoerder of a link)."""
    org = _org(actor)
    if org is None:
        return Keten.objects.none()
    return (
        Keten.objects.filter(Q(beheerder_id=org) | Q(pk__in=_ketenpartner_ketens(org)))
        .select_related("beheerder")
        .order_by("naam", "id")
    )


def keten_get(*, actor: Actor, uuid: UUID) -> Keten:
    keten = keten_list(actor=actor).filter(uuid=uuid).first()
    if keten is None:
        raise NietGevonden()
    return keten


def ketenschakel_list(*, actor: Actor, keten: Keten) -> list[tuple[Ketenschakel, bool]]:
    """The links in order, each with whether the actor may see its object's details (else only the role shows).
    The objects shown are logged here, where it is decided which are shown."""
    schakels = list(keten.schakels.select_related("vth_object__locatie", "vth_object__bevoegd_gezag"))
    zichtbaar = set(
        _zichtbare_objecten(actor).filter(pk__in=[s.vth_object_id for s in schakels]).values_list("pk", flat=True)
    )
    audit.log_inzage(actor=actor, objecten=[s for s in schakels if s.vth_object_id in zichtbaar], doel="ketentoezicht")
    return [(s, s.vth_object_id in zichtbaar) for s in schakels]


def ketenactie_get(*, actor: Actor, uuid: UUID) -> Ketenactie:
    actie = Ketenactie.objects.filter(uuid=uuid, keten__in=keten_list(actor=actor)).select_related("keten").first()
    if actie is None:
        raise NietGevonden()
    return actie


def keten_bevindingen(*, actor: Actor, keten: Keten) -> QuerySet[Bevinding]:
    """The chain's findings the actor may see (the policy decides, chain sharing included)."""
    return bevinding_list(actor=actor).filter(controle__ketenactie__keten=keten)


def keten_controles(
    *, actor: Actor, keten: Keten, doel: str = "ketentoezicht: controles van de keten"
) -> list[Controle]:
    """The controles of the chain's actions the actor may see, by planned date; logged."""
    controles = list(controle_list(actor=actor).filter(ketenactie__keten=keten).order_by("gepland_op"))
    audit.log_inzage(actor=actor, objecten=controles, doel=doel)
    return controles


@dataclass(frozen=True)
class Ketenpartner:
    organisatie: Organisatie
    ontvangt_van: tuple[str, ...]  # codes of partners whose chain findings it may read under an agreement
    mist_afspraak_met: tuple[str, ...]  # codes of partners without such an agreement


def ketenpartners(*, actor: Actor, keten: Keten) -> list[Ketenpartner]:
    """Which partners share chain findings with which, under the Deelafspraken valid today."""
    orgs: set[int] = set()
    for bg, uv in keten.schakels.values_list("vth_object__bevoegd_gezag_id", "vth_object__uitvoerder_id"):
        orgs |= {bg, uv}
    organisaties = Organisatie.objects.in_bulk(orgs)
    afspraken = set(
        Deelafspraak.objects.geldig_op(_vandaag())
        .filter(recordsoort="toezicht.bevinding", ontvanger_id__in=orgs, verstrekker_id__in=orgs)
        .values_list("ontvanger_id", "verstrekker_id")
    )
    uit = []
    for org in sorted(orgs, key=lambda o: organisaties[o].naam):
        anderen = [o for o in orgs if o != org]
        uit.append(
            Ketenpartner(
                organisatie=organisaties[org],
                ontvangt_van=tuple(sorted(organisaties[o].code for o in anderen if (org, o) in afspraken)),
                mist_afspraak_met=tuple(sorted(organisaties[o].code for o in anderen if (org, o) not in afspraken)),
            )
        )
    return uit
