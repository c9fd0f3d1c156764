"""The region's risk model, the measured risk features of an object, and the risk-analysis run that scores every
object of the region with them (the bulk computation itself is `toezicht.risicoanalyse`).
"""

from __future__ import annotations

import time
from datetime import date

import numpy as np
from django.db import transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.organisaties import systeem, toegang
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.models import Organisatie
from openvth.organisaties.toegang import Actor
from openvth.regels import risico
from openvth.register.models import VthObject

from .. import selectors
from ..models import (
    Certificering,
    Risicoanalyse,
    Risicokenmerk,
    Risicomodelversie,
)
from ..risicoanalyse import bereken, schrijf_scores, vergelijk, verzamel
from ..selectors import PLANNERS, TOEZICHTHOUDERS
from .basis import ongeldig


@transaction.atomic
def risicomodel_vastleggen(
    *, actor: Actor, regio: Organisatie | None, definitie: dict, geldig_vanaf: date | None = None
) -> Risicomodelversie:
    """Store a new version of a region's risk model after `regels.risico.model_uit_dict` accepted it.

    An inconsistent model (weights not summing to 1, overlapping or gapped classes, IED frequencies beyond the
    directive, …) is refused with the rule's own reason. `regio` None (a national model) only from the CLI.
    """
    if regio is None:
        if not systeem.is_systeem(actor):
            raise GeenToestemming("Een landelijk risicomodel wordt alleen vanaf de opdrachtregel vastgelegd.")
    else:
        toegang.vereis_rol(actor, PLANNERS, scope="schrijven")
        if actor.organisatie != regio:
            raise GeenToestemming(f"Alleen {regio.naam} zelf legt haar risicomodel vast.")
    try:
        model = risico.model_uit_dict(definitie)
    except risico.OngeldigModel as fout:
        raise ongeldig(str(fout), "definitie") from None
    if Risicomodelversie.objects.filter(regio=regio, versie=model.versie).exists():
        raise ongeldig(f"Versie '{model.versie}' bestaat al voor deze regio; kies een nieuw versienummer.", "versie")
    ingang = geldig_vanaf or model.geldig_vanaf or timezone.localdate()
    versie = Risicomodelversie.objects.create(
        regio=regio,
        versie=model.versie,
        definitie=definitie,
        geldig_vanaf=ingang,
        aangemaakt_door_id=systeem.gebruiker_id(actor),
    )
    audit.schrijf(actor=actor, actie="risicomodel.vastgelegd", object=versie, na=audit.momentopname(versie))
    return versie


@transaction.atomic
def risicokenmerk_vastleggen(
    *,
    actor: Actor,
    vth_object: VthObject,
    bron: str,
    geldig_vanaf: date | None = None,
    emissieklasse: int | None = None,
    ongevalsrisico: int | None = None,
    zzs: bool | None = None,
    certificering: str = "",
    woningen_250m: int | None = None,
) -> Risicokenmerk:
    """Record measured risk features of an object (empty = unknown); supersedes earlier ones from `geldig_vanaf`."""
    toegang.vereis_schrijven(actor, vth_object, (*TOEZICHTHOUDERS, *PLANNERS))
    fouten = {}
    for naam, waarde in (("emissieklasse", emissieklasse), ("ongevalsrisico", ongevalsrisico)):
        if waarde is not None and waarde not in (0, 1, 2, 3):
            fouten[naam] = "0, 1, 2 of 3"
    if certificering and certificering not in Certificering.values:
        fouten["certificering"] = f"kies uit {', '.join(Certificering.values)}"
    if woningen_250m is not None and woningen_250m < 0:
        fouten["woningen_250m"] = "niet negatief"
    if not bron.strip():
        fouten["bron"] = "noem de bron (meting, BAG-telling, vergunning, …)"
    if fouten:
        raise OngeldigeInvoer("De risicokenmerken zijn ongeldig.", fouten)
    kenmerk = Risicokenmerk.objects.create(
        vth_object=vth_object,
        emissieklasse=emissieklasse,
        ongevalsrisico=ongevalsrisico,
        zzs=zzs,
        certificering=certificering,
        woningen_250m=woningen_250m,
        bron=bron.strip(),
        geldig_vanaf=geldig_vanaf or timezone.localdate(),
        vastgelegd_door_id=actor.gebruiker_id,
    )
    audit.schrijf(actor=actor, actie="risicokenmerk.vastgelegd", object=kenmerk, na=audit.momentopname(kenmerk))
    return kenmerk


@transaction.atomic
def risicoanalyse_uitvoeren(
    *, actor: Actor, modelversie: Risicomodelversie, peildatum: date | None = None
) -> Risicoanalyse:
    """Run the region's risk model over all its objects; store scores, distribution and the comparison.

    Only planners or managers of the region itself (or the CLI for a national run). One audit event per run.
    """
    begin = time.perf_counter()
    regio = modelversie.regio
    if not systeem.is_systeem(actor):  # operator commands (CLI) may run any region
        if regio is None:
            raise GeenToestemming("Een landelijke risicoanalyse draait alleen vanaf de opdrachtregel.")
        toegang.vereis_rol(actor, selectors.PLANNERS, scope="schrijven")
        if actor.organisatie != regio:
            raise GeenToestemming(f"Alleen {regio.naam} zelf draait haar risicoanalyse.")
    peildatum = peildatum or timezone.localdate()
    if peildatum < modelversie.geldig_vanaf:
        raise OngeldigeInvoer(
            f"Modelversie {modelversie.versie} geldt pas vanaf {modelversie.geldig_vanaf:%d-%m-%Y}.",
            {"peildatum": "vóór de ingangsdatum van het model"},
        )
    model = selectors.risicomodel_van(modelversie)
    kenmerken = verzamel(model, regio, peildatum)
    scores, pakket = bereken(model, kenmerken, peildatum)
    vorige = Risicoanalyse.objects.filter(regio=regio).order_by("-uitgevoerd_op", "-id").first()
    klassen, aantallen = np.unique(scores.klasse, return_counts=True)
    analyse = Risicoanalyse.objects.create(
        regio=regio,
        modelversie=modelversie,
        peildatum=peildatum,
        vorige=vorige,
        aantal=len(kenmerken.objecten),
        verdeling={str(int(k)): int(a) for k, a in zip(klassen, aantallen, strict=True)},
        gegevens=kenmerken.gegevens,
        uitgevoerd_door_id=systeem.gebruiker_id(actor),
    )
    schrijf_scores(analyse, kenmerken, scores, pakket)
    if vorige is not None:
        analyse.vergelijking = vergelijk(analyse, vorige, kenmerken, scores, pakket)
    analyse.duur_s = round(time.perf_counter() - begin, 3)
    analyse.save(update_fields=["vergelijking", "duur_s"])
    audit.schrijf(
        actor=actor,
        actie="risicoanalyse.uitgevoerd",
        object=analyse,
        na={
            "regio": regio.code if regio else "landelijk",
            "modelversie": modelversie.versie,
            "peildatum": peildatum,
            "aantal": analyse.aantal,
            "verdeling": analyse.verdeling,
            "vergelijking": {k: v for k, v in analyse.vergelijking.items() if k != "grootste_verschuivingen"},
            "duur_s": analyse.duur_s,
            "uitgevoerd_op": timezone.now(),
        },
    )
    return analyse
