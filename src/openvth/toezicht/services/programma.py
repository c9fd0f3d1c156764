"""The yearly uitvoeringsprogramma as a record: generated from the newest risk analysis within the capacity per
expertise (the algorithm is `toezicht.programma`, ADR 0016), then adjusted and adopted by planners.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

import numpy as np
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from openvth.audit import services as audit
from openvth.organisaties import systeem, toegang
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Organisatie, Taakcategorie
from openvth.organisaties.toegang import Actor
from openvth.register.models import Activiteit, VthObject
from openvth.vergunningen.models import Verzoek, Verzoekdoel, Verzoeksoort, Verzoekstatus

from .. import selectors
from ..models import (
    Capaciteit,
    Controle,
    ControleStatus,
    Programmataak,
    Reden,
    Risicoanalyse,
    Risicoscore,
    Uitvoeringsprogramma,
)
from ..programma import (
    NA_MELDING,
    PERIODIEK,
    STANDAARD_EXPERTISES,
    expertise_voor,
    laatste_controles,
    plan,
    schrijf_taken,
    uuid7_reeks,
)
from ..risicoanalyse import activiteitencatalogus, als_matrix, cursorrijen


def _vereis_planner(actor: Actor, programma_uitvoerder_id: int) -> None:
    toegang.vereis_rol(actor, selectors.PLANNERS, scope="schrijven")
    if actor.organisatie is None or actor.organisatie.pk != programma_uitvoerder_id:
        raise GeenToestemming("Alleen planners van de uitvoerende dienst zelf wijzigen dit programma.")


def _capaciteit(capaciteit: Mapping[str, object]) -> dict[str, Decimal]:
    uit, fouten = {}, {}
    for expertise, uren in capaciteit.items():
        naam = str(expertise).strip()
        try:
            waarde = Decimal(str(uren)).quantize(Decimal("0.1"))
        except (InvalidOperation, ValueError):
            fouten[f"capaciteit.{expertise}"] = "geen getal"
            continue
        if not naam:
            fouten["capaciteit"] = "expertise zonder naam"
        elif waarde < 0:
            fouten[f"capaciteit.{naam}"] = "niet negatief"
        else:
            uit[naam] = waarde
    if not uit and not fouten:
        fouten["capaciteit"] = "geef de beschikbare uren per expertise"
    if fouten:
        raise OngeldigeInvoer("De capaciteit is ongeldig.", fouten)
    return uit


@transaction.atomic
def programma_genereren(
    *,
    actor: Actor,
    analyse: Risicoanalyse,
    jaar: int,
    capaciteit: Mapping[str, object],
    expertises: Mapping[str, str] | None = None,
    vervang: bool = False,
    uitvoerder: Organisatie | None = None,
) -> Uitvoeringsprogramma:
    """Generate the service's programme for `jaar` from `analyse` within `capaciteit` (hours per expertise).

    A second programme for the same year is refused unless `vervang` and the existing one is a concept without
    controles; the replaced programme is recorded in the audit trail. A national analysis feeds a programme
    only from the command line, for a named executing body (e.g. a national inspectorate), over all its objects.
    """
    begin = time.perf_counter()
    if analyse.regio_id is None:
        if not systeem.is_systeem(actor) or uitvoerder is None:
            raise OngeldigeInvoer(
                "Een programma hoort bij één dienst; een landelijke analyse voedt alleen vanaf de opdrachtregel een "
                "programma voor een opgegeven uitvoerder.",
                {"risicoanalyse": "landelijk"},
            )
        uitvoerder_id = uitvoerder.pk
    else:
        uitvoerder_id = analyse.regio_id
        _vereis_planner(actor, uitvoerder_id)
    if not 2000 <= jaar <= 2100:
        raise OngeldigeInvoer("Kies een programmajaar tussen 2000 en 2100.", {"jaar": "buiten bereik"})
    uren_per_expertise = _capaciteit(capaciteit)
    model = selectors.risicomodel_van(analyse.modelversie)
    if PERIODIEK not in model.normuren:
        raise OngeldigeInvoer(
            f"Het risicomodel {model.versie} heeft geen normuren voor '{PERIODIEK}'.", {"risicoanalyse": "normuren"}
        )
    bestaand = Uitvoeringsprogramma.objects.filter(uitvoerder_id=uitvoerder_id, jaar=jaar).first()
    if bestaand is not None:
        if not vervang:
            raise OngeldigeInvoer(
                f"Er is al een uitvoeringsprogramma {jaar}; pas dat aan of vervang het (alleen een concept).",
                {"jaar": "bestaat al"},
            )
        if (
            bestaand.status != Uitvoeringsprogramma.Status.CONCEPT
            or Controle.objects.filter(programmataak__programma=bestaand).exists()
        ):
            raise OngeldigeInvoer(
                "Alleen een concept zonder geplande controles kan worden vervangen.", {"jaar": "al in uitvoering"}
            )
        audit.schrijf(
            actor=actor,
            actie="uitvoeringsprogramma.vervangen",
            object=bestaand,
            voor=audit.momentopname(bestaand) | {"taken": bestaand.taken.count()},
        )
        bestaand.taken.all().delete()
        bestaand.capaciteit.all().delete()
        bestaand.delete()

    m = als_matrix(
        cursorrijen(
            Risicoscore.objects.filter(analyse=analyse)
            .order_by("vth_object_id")
            .annotate(act=Coalesce("activiteit_id", 0))
            .values_list(
                "vth_object_id", "bevoegd_gezag_id", "act", "score", "klasse", "frequentie_maanden", "ied", "basistaak"
            )
        ),
        8,
        np.float64,
    )
    scores = {
        "objecten": m[:, 0].astype(np.int64),
        "bevoegd_gezag": m[:, 1].astype(np.int64),
        "score": m[:, 3],
        "klasse": m[:, 4].astype(np.int64),
        "frequentie": m[:, 5].astype(np.int64),
        "ied": m[:, 6].astype(bool),
        "basistaak": m[:, 7].astype(bool),
    }
    act_ids = m[:, 2].astype(np.int64)
    code_van = dict(Activiteit.objects.values_list("pk", "code"))
    tabel = np.array(sorted(code_van) or [0], dtype=np.int64)
    pos = np.minimum(np.searchsorted(tabel, act_ids), len(tabel) - 1)
    codes = np.where(tabel[pos] == act_ids, np.array([code_van.get(int(a), "") for a in tabel], dtype=object)[pos], "")
    laatst = laatste_controles(scores["objecten"], date(jaar, 1, 1))
    uitkomst = plan(
        scores=scores,
        normuren=model.normuren,
        capaciteit=uren_per_expertise,
        jaar=jaar,
        expertises=expertises or STANDAARD_EXPERTISES,
        codes=codes,
        laatst=laatst,
    )

    programma = Uitvoeringsprogramma.objects.create(
        uitvoerder_id=uitvoerder_id,
        jaar=jaar,
        risicoanalyse=analyse,
        aangemaakt_door_id=systeem.gebruiker_id(actor),
    )
    Capaciteit.objects.bulk_create(
        [Capaciteit(programma=programma, expertise=e, uren=u) for e, u in sorted(uren_per_expertise.items())]
    )
    kies = np.flatnonzero(uitkomst["gepland"])
    oi = uitkomst["obj_i"][kies]
    aantal = len(kies)
    schrijf_taken(
        programma,
        {
            "uuid": uuid7_reeks(aantal),
            "programma_id": [programma.pk] * aantal,
            "vth_object_id": scores["objecten"][oi].tolist(),
            "bevoegd_gezag_id": scores["bevoegd_gezag"][oi].tolist(),
            "taakcategorie": np.where(
                scores["basistaak"][oi], Taakcategorie.BASISTAAK, Taakcategorie.PLUSTAAK
            ).tolist(),
            "expertise": uitkomst["expertise"][kies].tolist(),
            "inspectietype": uitkomst["type"][kies].tolist(),
            "maand": uitkomst["maand"][kies].tolist(),
            "normuren": np.round(uitkomst["uren"][kies], 1).tolist(),
            "risicoklasse": scores["klasse"][oi].tolist(),
            "score": scores["score"][oi].tolist(),
            "bron": [Programmataak.Bron.RISICOANALYSE] * aantal,
            "vervallen_op": [None] * aantal,
            "vervallen_reden": [""] * aantal,
        },
    )
    top = uitkomst["top_niet"]
    uuids = dict(
        VthObject.objects.filter(pk__in=scores["objecten"][uitkomst["obj_i"][top]].tolist()).values_list("pk", "uuid")
    )
    programma.verslag = {
        "objecten_in_jaar": uitkomst["objecten_in_jaar"],
        "taken": aantal,
        "per_expertise": uitkomst["verslag"],
        "hoogste_niet_ingepland": [
            {
                "vth_object": str(uuids[int(scores["objecten"][uitkomst["obj_i"][i]])]),
                "klasse": int(scores["klasse"][uitkomst["obj_i"][i]]),
                "score": round(float(scores["score"][uitkomst["obj_i"][i]]), 2),
                "expertise": uitkomst["expertise"][i],
                "normuren": float(uitkomst["uren"][i]),
            }
            for i in top.tolist()
        ],
        "duur_s": round(time.perf_counter() - begin, 3),
    }
    programma.save(update_fields=["verslag"])
    audit.schrijf(
        actor=actor,
        actie="uitvoeringsprogramma.gegenereerd",
        object=programma,
        na={
            "jaar": jaar,
            "risicoanalyse": str(analyse.uuid),
            "capaciteit": uren_per_expertise,
            **{k: v for k, v in programma.verslag.items() if k != "hoogste_niet_ingepland"},
        },
    )
    return programma


def _taakcategorie(vth_object: VthObject, dag: date) -> str:
    cat = activiteitencatalogus()
    activiteiten = set(
        vth_object.uitvoeringen.geldig_op(dag)
        .filter(status__in=selectors.ACTIEVE_STATUS)
        .values_list("activiteit_id", flat=True)
    )
    if any(cat[a][3] for a in activiteiten if a in cat) or not activiteiten:
        return Taakcategorie.BASISTAAK
    return Taakcategorie.PLUSTAAK


@transaction.atomic
def programmataak_maken(
    *,
    actor: Actor,
    programma: Uitvoeringsprogramma,
    vth_object: VthObject,
    inspectietype: str,
    maand: int,
    expertise: str,
    normuren=None,
    taakcategorie: str | None = None,
) -> Programmataak:
    """A planner adds a task by hand (bron `handmatig`); norm hours default to the model's for the type.

    Only for an object the service may inspect (own or mandated: `toegang.vereis_schrijven`); an object it sees
    through a sharing agreement is not its task.
    """
    _vereis_planner(actor, programma.uitvoerder_id)
    toegang.vereis_schrijven(actor, vth_object, selectors.PLANNERS)
    fouten = {}
    if not 1 <= maand <= 12:
        fouten["maand"] = "1 tot en met 12"
    if not expertise.strip():
        fouten["expertise"] = "verplicht"
    if taakcategorie is not None and taakcategorie not in Taakcategorie.values:
        fouten["taakcategorie"] = "basistaak of plustaak"
    model = selectors.risicomodel_van(programma.risicoanalyse.modelversie)
    if normuren is None:
        if inspectietype not in model.normuren:
            fouten["inspectietype"] = f"geen normuren in het model; kies uit {', '.join(model.normuren)} of geef uren"
        else:
            normuren = model.normuren[inspectietype]
    try:
        uren = Decimal(str(normuren)).quantize(Decimal("0.1")) if normuren is not None else None
    except (InvalidOperation, ValueError):
        uren = None
        fouten["normuren"] = "geen getal"
    if uren is not None and not Decimal("0.1") <= uren <= Decimal(9999):
        fouten["normuren"] = "tussen 0,1 en 9999"
    if fouten:
        raise OngeldigeInvoer("De taak kan zo niet worden toegevoegd.", fouten)
    score = Risicoscore.objects.filter(analyse=programma.risicoanalyse, vth_object=vth_object).first()
    taak = Programmataak.objects.create(
        programma=programma,
        vth_object=vth_object,
        bevoegd_gezag_id=vth_object.bevoegd_gezag_id,
        taakcategorie=taakcategorie or _taakcategorie(vth_object, date(programma.jaar, maand, 1)),
        expertise=expertise.strip()[:60],
        inspectietype=inspectietype.strip()[:60],
        maand=maand,
        normuren=uren,
        risicoklasse=score.klasse if score else None,
        score=score.score if score else None,
        bron=Programmataak.Bron.HANDMATIG,
    )
    audit.schrijf(actor=actor, actie="programmataak.toegevoegd", object=taak, na=audit.momentopname(taak))
    return taak


@transaction.atomic
def programmataak_uit_melding(
    *, actor: Actor, programma: Uitvoeringsprogramma, melding: Verzoek, maand: int | None = None
) -> Programmataak:
    """Accept the proposed "controle na melding" of a handled notification as a task (bron `melding`).

    Planned around the activity's start (`selectors.meldingdatum`): in its month when it falls in the programme year,
    else in the month given or January (a start in an earlier year not yet followed up). Norm hours are the
    model's for "controle na melding", else those of a periodic controle; the expertise follows the notified
    activities; the competent authority is the notification's.

    Refused: a planner of another service; a notification the actor may not see (404); one that is not a handled
    activity notification at a VTH-object of this service, was accepted before (also by the database: one task per
    notification), or was followed up by a controle with reason 'melding'; a start in a later year than the
    programme.
    """
    _vereis_planner(actor, programma.uitvoerder_id)
    melding = Verzoek.objects.select_for_update().get(pk=melding.pk)
    if not toegang.mag_zien(actor, melding):
        raise NietGevonden()
    fouten = {}
    obj = melding.vth_object
    if (
        melding.soort != Verzoeksoort.ACTIVITEITMELDING
        or melding.status != Verzoekstatus.AFGEHANDELD
        or melding.doel != Verzoekdoel.INDIENEN
    ):
        fouten["melding"] = "alleen een afgehandelde activiteitmelding stelt een controle na melding voor"
    elif obj is None:
        fouten["melding"] = "de melding is niet aan een VTH-object gekoppeld"
    elif melding.uitvoerder_id != programma.uitvoerder_id:
        fouten["melding"] = "de melding is door een andere dienst behandeld"
    elif Programmataak.objects.filter(melding=melding).exists():
        fouten["melding"] = "voor deze melding is al een taak in een programma opgenomen"
    elif (
        Controle.objects.filter(
            vth_object_id=melding.vth_object_id, reden=Reden.MELDING, gepland_op__gte=melding.ontvangen_op
        )
        .exclude(status=ControleStatus.VERVALLEN)
        .exists()
    ):
        fouten["melding"] = "na deze melding is al een controle met reden 'melding' gepland"
    if fouten or obj is None:
        raise OngeldigeInvoer("Deze melding stelt geen controle (meer) voor.", fouten)
    datum = selectors.meldingdatum(melding)
    if datum.year > programma.jaar:
        raise OngeldigeInvoer(
            f"De activiteit begint in {datum.year}: de controle na melding hoort in dat programma.",
            {"melding": f"aanvang {datum:%d-%m-%Y}"},
        )
    if maand is None:
        maand = datum.month if datum.year == programma.jaar else 1
    if not isinstance(maand, int) or not 1 <= maand <= 12:
        raise OngeldigeInvoer("Kies een maand van 1 tot en met 12.", {"maand": "1 tot en met 12"})
    toegang.vereis_schrijven(actor, obj, selectors.PLANNERS)
    model = selectors.risicomodel_van(programma.risicoanalyse.modelversie)
    normuren = model.normuren.get(NA_MELDING, model.normuren.get(PERIODIEK))
    if normuren is None:
        raise OngeldigeInvoer(
            f"Het risicomodel {model.versie} heeft geen normuren voor '{NA_MELDING}' of '{PERIODIEK}'.",
            {"risicoanalyse": "normuren"},
        )
    codes = list(melding.activiteiten.values_list("activiteit__code", flat=True))
    score = Risicoscore.objects.filter(analyse=programma.risicoanalyse, vth_object=obj).first()
    taak = Programmataak.objects.create(
        programma=programma,
        vth_object=obj,
        bevoegd_gezag_id=melding.bevoegd_gezag_id,
        taakcategorie=_taakcategorie(obj, date(programma.jaar, maand, 1)),
        expertise=expertise_voor(codes)[:60],
        inspectietype=NA_MELDING,
        maand=maand,
        normuren=Decimal(str(normuren)).quantize(Decimal("0.1")),
        risicoklasse=score.klasse if score else None,
        score=score.score if score else None,
        bron=Programmataak.Bron.MELDING,
        melding=melding,
    )
    audit.schrijf(
        actor=actor,
        actie="programmataak.uit_melding",
        object=taak,
        na=audit.momentopname(taak) | {"melding": melding.verzoeknummer, "aanvang_activiteit": datum},
    )
    return taak


@transaction.atomic
def programmataak_vervallen(*, actor: Actor, taak: Programmataak, reden: str) -> Programmataak:
    """Take a task out of the programme; the row stays (`vervallen_op`) so the audit and realisation can show it."""
    _vereis_planner(actor, taak.programma.uitvoerder_id)
    taak = Programmataak.objects.select_for_update().get(pk=taak.pk)
    if taak.vervallen_op is not None:
        raise OngeldigeInvoer("Deze taak is al uit het programma gehaald.", {"taak": "vervallen"})
    if not reden.strip():
        raise OngeldigeInvoer("Geef de reden.", {"reden": "verplicht"})
    if taak.controles.exclude(status=ControleStatus.VERVALLEN).exists():
        raise OngeldigeInvoer(
            "Voor deze taak is al een controle gepland; laat die eerst vervallen.", {"taak": "controle gepland"}
        )
    voor = audit.momentopname(taak)
    taak.vervallen_op = timezone.now()
    taak.vervallen_reden = reden.strip()[:300]
    taak.save(update_fields=["vervallen_op", "vervallen_reden"])
    audit.schrijf(actor=actor, actie="programmataak.vervallen", object=taak, voor=voor, na=audit.momentopname(taak))
    return taak


@transaction.atomic
def programmataak_verschuiven(*, actor: Actor, taak: Programmataak, maand: int) -> Programmataak:
    _vereis_planner(actor, taak.programma.uitvoerder_id)
    taak = Programmataak.objects.select_for_update().get(pk=taak.pk)
    if not isinstance(maand, int) or not 1 <= maand <= 12:
        raise OngeldigeInvoer("Kies een maand van 1 tot en met 12.", {"maand": "1 tot en met 12"})
    if taak.vervallen_op is not None:
        raise OngeldigeInvoer("Deze taak is uit het programma gehaald.", {"taak": "vervallen"})
    if taak.maand == maand:
        return taak
    voor = audit.momentopname(taak)
    taak.maand = maand
    taak.save(update_fields=["maand"])
    audit.schrijf(actor=actor, actie="programmataak.verschoven", object=taak, voor=voor, na=audit.momentopname(taak))
    return taak


@transaction.atomic
def programma_vaststellen(*, actor: Actor, programma: Uitvoeringsprogramma) -> Uitvoeringsprogramma:
    """Adopt the programme (it stays adjustable; every later change is audited)."""
    _vereis_planner(actor, programma.uitvoerder_id)
    if programma.status == Uitvoeringsprogramma.Status.VASTGESTELD:
        raise OngeldigeInvoer("Dit programma is al vastgesteld.", {"status": "vastgesteld"})
    voor = audit.momentopname(programma, ["status", "vastgesteld_op"])
    programma.status = Uitvoeringsprogramma.Status.VASTGESTELD
    programma.vastgesteld_op = timezone.now()
    programma.save(update_fields=["status", "vastgesteld_op"])
    audit.schrijf(
        actor=actor,
        actie="uitvoeringsprogramma.vastgesteld",
        object=programma,
        voor=voor,
        na=audit.momentopname(programma, ["status", "vastgesteld_op"]),
    )
    return programma
