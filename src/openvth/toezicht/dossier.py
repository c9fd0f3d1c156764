"""The site dossier: what Inspectieview gives today, kept consistent — one call per VTH-object or vestiging.

Everything comes through the access-scoped selectors of each app (register, vergunningen, toezicht, handhaving):
the permissions granted for the objects (TOESTEMMING, with the number of their conditions in force on the dossier's
day) and the decisions on
their requests that were made known (BESLUIT; a draft decision laid down for views counts, a concept does not:
it is not yet a decision). So the dossier
shows exactly the records of every organisation that shares with the actor's organisation (own records, mandates,
sharing agreements, chain sharing, cases shared one by one) and nothing else. Each non-public record shown is
written to the access log once per view (`audit.log_inzage`, purpose "dossier").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import Count, Q
from django.utils import timezone

from openvth.audit import services as audit
from openvth.handhaving import selectors as handhaving
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.toegang import Actor
from openvth.register import selectors as register
from openvth.register.models import SoortBetrokkene, VthObject
from openvth.vergunningen import selectors as vergunningen

from . import selectors

DOEL = "dossier"


@dataclass
class Dossier:
    objecten: list[VthObject]
    activiteiten: list = field(default_factory=list)
    vergunningen: list = field(default_factory=list)
    toestemmingen: list = field(default_factory=list)
    besluiten: list = field(default_factory=list)
    controles: list = field(default_factory=list)
    bevindingen: list = field(default_factory=list)
    overtredingen: list = field(default_factory=list)
    maatregelen: list = field(default_factory=list)
    peildatum: date | None = None
    gelogd: int = 0

    @property
    def organisaties(self) -> list:
        """The organisations whose records appear (bevoegd gezag and uitvoerder), by name."""
        gezien = {}
        for r in (*self.activiteiten, *self.toestemmingen, *self.controles, *self.overtredingen):
            for org in (r.bevoegd_gezag, getattr(r, "uitvoerder", None) or getattr(r, "toezichtinstantie", None)):
                if org is not None:
                    gezien[org.pk] = org
        return sorted(gezien.values(), key=lambda o: o.naam)


def dossier(*, actor: Actor, vth_objecten: list[VthObject], peildatum: date | None = None) -> Dossier:
    """The dossier of these objects (already read through `register.selectors.vthobject_get`)."""
    if actor.anoniem:
        raise NietGevonden()
    dag = peildatum or timezone.localdate()
    d = Dossier(objecten=list(vth_objecten), peildatum=dag)
    ids = [o.pk for o in vth_objecten]
    d.activiteiten = list(
        register.uitvoering_list(actor=actor, filters=register.UitvoeringFilter(peildatum=dag)).filter(
            vth_object_id__in=ids
        )
    )
    d.vergunningen = [u for u in d.activiteiten if u.legitimatie]
    d.toestemmingen = list(
        vergunningen.toestemming_list(actor=actor)
        .filter(vth_object_id__in=ids)
        .select_related("bevoegd_gezag", "uitvoerder", "verleend_bij")
        .prefetch_related("activiteiten")
        .annotate(
            aantal_voorschriften=Count(
                "voorschriften",
                filter=Q(voorschriften__geldig_vanaf__lte=dag)
                & (Q(voorschriften__geldig_tot__isnull=True) | Q(voorschriften__geldig_tot__gt=dag)),
                distinct=True,
            )
        )
        .order_by("-geldig_vanaf", "id")
    )
    d.besluiten = list(
        vergunningen.besluit_list(actor=actor)
        .filter(Q(verzoek__vth_object_id__in=ids) | Q(betreft_toestemming__vth_object_id__in=ids))
        .filter(bekendgemaakt_op__isnull=False)
        .select_related("verzoek__bevoegd_gezag")
        .order_by("-bekendgemaakt_op", "-id")
        .distinct()
    )
    d.controles = list(selectors.controle_list(actor=actor).filter(vth_object_id__in=ids))
    d.bevindingen = list(
        selectors.bevinding_list(actor=actor)
        .filter(controle__vth_object_id__in=ids)
        .order_by("-controle__gepland_op", "volgnummer")
    )
    d.overtredingen = list(handhaving.overtreding_list(actor=actor).filter(vth_object_id__in=ids))
    d.maatregelen = list(handhaving.maatregel_list(actor=actor).filter(overtreding__vth_object_id__in=ids))
    # One call for the whole dossier: a record shown in two lists (a finding's controle) is one row.
    d.gelogd = audit.log_inzage(
        actor=actor,
        objecten=[
            *d.activiteiten,
            *d.toestemmingen,
            *(b.verzoek for b in d.besluiten),  # a decision is read with its request (as vergunningen logs it)
            *d.controles,
            *d.bevindingen,
            *d.overtredingen,
            *d.maatregelen,
        ],
        doel=DOEL,
    )
    return d


def dossier_vestiging(*, actor: Actor, uuid: UUID, peildatum: date | None = None) -> Dossier:
    """The dossier of every VTH-object of one establishment (KvK vestiging) that the actor may see."""
    vestiging = register.betrokkene_get(actor=actor, uuid=uuid, doel=DOEL)
    if vestiging.soort != SoortBetrokkene.VESTIGING:
        raise NietGevonden()
    objecten = list(register.vthobject_list(actor=actor).filter(vestiging=vestiging))
    audit.log_inzage(actor=actor, objecten=objecten, doel=DOEL)
    return dossier(actor=actor, vth_objecten=objecten, peildatum=peildatum)


def _org(o) -> dict | None:
    return {"code": o.code, "naam": o.naam} if o is not None else None


def als_dict(d: Dossier) -> dict:
    """The dossier on the wire (camelCase), for the API."""
    return {
        "peildatum": d.peildatum,
        "objecten": [
            {
                "id": o.uuid,
                "naam": o.naam,
                "adres": o.locatie.adres,
                "bevoegdGezag": _org(o.bevoegd_gezag),
                "uitvoerder": _org(o.uitvoerder),
            }
            for o in d.objecten
        ],
        "organisaties": [_org(o) for o in d.organisaties],
        "activiteiten": [
            {
                "id": u.uuid,
                "activiteit": {"code": u.activiteit.code, "naam": u.activiteit.naam},
                "vthObject": u.vth_object.uuid,
                "status": u.status,
                "kwalificaties": u.kwalificaties,
                "bevoegdGezag": _org(u.bevoegd_gezag),
                "toezichtinstantie": _org(u.toezichtinstantie),
            }
            for u in d.activiteiten
        ],
        "vergunningen": [
            {
                "activiteituitvoering": u.uuid,
                "legitimatie": u.legitimatie,
                "kwalificaties": u.kwalificaties,
                "bevoegdGezag": _org(u.bevoegd_gezag),
            }
            for u in d.vergunningen
        ],
        "toestemmingen": [
            {
                "id": t.uuid,
                "vthObject": t.vth_object.uuid,
                "soort": t.soort,
                "kenmerk": t.kenmerk,
                "status": t.status,
                "geldigVanaf": t.geldig_vanaf,
                "geldigTot": t.geldig_tot,
                "verleendOp": t.verleend_bij.bekendgemaakt_op,
                "activiteiten": [a.code for a in t.activiteiten.all()],
                "aantalVoorschriften": t.aantal_voorschriften,
                "bevoegdGezag": _org(t.bevoegd_gezag),
                "uitvoerder": _org(t.uitvoerder),
            }
            for t in d.toestemmingen
        ],
        "besluiten": [
            {
                "id": b.uuid,
                "soort": b.soort,
                "ontwerp": b.ontwerp,
                "kenmerk": b.kenmerk,
                "status": b.status,
                "bekendgemaaktOp": b.bekendgemaakt_op,
                "inWerkingOp": b.in_werking_op,
                "onherroepelijkOp": b.onherroepelijk_op,
                "verzoeknummer": b.verzoek.verzoeknummer,
                "bevoegdGezag": _org(b.verzoek.bevoegd_gezag),
            }
            for b in d.besluiten
        ],
        "controles": [
            {
                "id": c.uuid,
                "vthObject": c.vth_object.uuid,
                "reden": c.reden,
                "controletype": c.controletype,
                "status": c.status,
                "geplandOp": c.gepland_op,
                "uitgevoerdOp": c.uitgevoerd_op,
                "bevoegdGezag": _org(c.bevoegd_gezag),
                "uitvoerder": _org(c.uitvoerder),
            }
            for c in d.controles
        ],
        "bevindingen": [
            {
                "id": b.uuid,
                "controle": b.controle.uuid,
                "volgnummer": b.volgnummer,
                "resultaat": b.resultaat,
                "omschrijving": b.omschrijving,
                "voorschrift": b.voorschrift,
                "gedrag": b.gedrag,
                "gevolg": b.gevolg,
                "bevoegdGezag": _org(b.controle.bevoegd_gezag),
            }
            for b in d.bevindingen
        ],
        "overtredingen": [
            {
                "id": o.uuid,
                "vthObject": o.vth_object.uuid,
                "voorschrift": o.voorschrift,
                "status": o.status,
                "geconstateerdOp": o.geconstateerd_op,
                "bevoegdGezag": _org(o.bevoegd_gezag),
                "uitvoerder": _org(o.uitvoerder),
            }
            for o in d.overtredingen
        ],
        "maatregelen": [
            {
                "id": m.uuid,
                "overtreding": m.overtreding.uuid,
                "instrument": m.instrument,
                "status": m.status,
                "opgelegdOp": m.opgelegd_op,
                "begunstigingstermijnTot": m.begunstigingstermijn_tot,
            }
            for m in d.maatregelen
        ],
    }
