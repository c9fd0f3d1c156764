"""Findings of a controle: the LHSO judgement, and a violation created or joined for a rule broken."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from openvth.audit import services as audit
from openvth.handhaving import services as handhaving
from openvth.handhaving.selectors import overtreding_list
from openvth.organisaties import toegang
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.vergunningen.models import Voorschrift

from ..models import (
    Bevinding,
    Controle,
    Controleaandachtspunt,
    ControleStatus,
    ResultaatBevinding,
)
from ..selectors import TOEZICHTHOUDERS, controledag, voorschrift_aanduiding, voorschriften_in_werking
from .basis import GEDRAG, GEVOLG, OPEN_OVERTREDING, V, ongeldig


def _oordeel(gedrag: str, gevolg: str) -> tuple[str, str]:
    """Validate a Bevindingoordeel: both axes or neither; letters are behaviour, digits consequence (LHSO)."""
    gedrag, gevolg = (gedrag or "").strip().upper(), (gevolg or "").strip()
    if not gedrag and not gevolg:
        return "", ""
    if gedrag in GEVOLG and gevolg.upper() in GEDRAG:
        raise OngeldigeInvoer(
            "Gedrag en gevolg zijn verwisseld: gedrag is een letter A–D, gevolg een cijfer 1–4 (LHSO).",
            {"gedrag": "letter A–D, niet een cijfer", "gevolg": "cijfer 1–4, niet een letter"},
        )
    fouten = {}
    if gedrag not in GEDRAG:
        fouten["gedrag"] = "letter A–D (goedwillend, onverschillig, calculerend, notoir/crimineel)"
    if gevolg not in GEVOLG:
        fouten["gevolg"] = "cijfer 1–4 (vrijwel nihil, beperkt, van belang, aanzienlijk/onomkeerbaar)"
    if fouten:
        raise OngeldigeInvoer("Het bevindingoordeel (LHSO) is ongeldig.", fouten)
    return gedrag, gevolg


def _open_overtreding(actor: Actor, controle: Controle, voorschrift: str):
    """An open violation of the same object, authority and rule that the actor may see (to join), or None."""
    return (
        overtreding_list(actor=actor)
        .filter(
            vth_object_id=controle.vth_object_id,
            bevoegd_gezag_id=controle.bevoegd_gezag_id,
            voorschrift__iexact=voorschrift,
            status__in=OPEN_OVERTREDING,
        )
        .order_by("geconstateerd_op", "id")
        .first()
    )


@transaction.atomic
def bevinding_vastleggen(
    *,
    actor: Actor,
    controle: Controle,
    resultaat: str,
    omschrijving: str = "",
    voorschrift: str = "",
    aandachtspunt: Controleaandachtspunt | None = None,
    gedrag: str = "",
    gevolg: str = "",
    vergunningvoorschrift: Voorschrift | None = None,
) -> Bevinding:
    """Record one finding; "niet akkoord" creates a violation or joins the open one for the same rule.

    A finding can cite the permit condition it is about (`vergunningvoorschrift`): it must be in force at the
    controle's object on the controle's day (`selectors.controledag`) and visible to the actor; without a text of
    its own the finding's `voorschrift` then reads "<kenmerk> voorschrift <nummer>" (the rule broken, Awb 5:9).

    Refused: no or unknown result; a Bevindingoordeel on a compliant finding; swapped or invalid axes; a
    violation without the rule broken (Awb 5:9) or without description; a permit condition not in force there
    on that day. Nothing is stored when refused.
    """
    toegang.vereis_schrijven(actor, controle, TOEZICHTHOUDERS)
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status not in (ControleStatus.GEPLAND, ControleStatus.UITGEVOERD):
        raise ongeldig(f"Bij een {controle.get_status_display()} controle komen geen bevindingen meer.", "status")
    if not resultaat:
        raise ongeldig("Een bevinding heeft een resultaat (CIM Resultaat bevinding).", "resultaat", "verplicht")
    if resultaat not in ResultaatBevinding.values:
        raise ongeldig(f"Onbekend resultaat; kies uit {', '.join(ResultaatBevinding.values)}.", "resultaat")
    gedrag, gevolg = _oordeel(gedrag, gevolg)
    overtreden = resultaat == ResultaatBevinding.OVERTREDEN
    if (gedrag or gevolg) and not overtreden:
        raise ongeldig(
            "Een bevindingoordeel (gedrag/gevolg) hoort alleen bij 'niet akkoord, voorschriften overtreden'.",
            "gedrag",
        )
    if vergunningvoorschrift is not None:
        dag = controledag(controle)
        in_werking = voorschriften_in_werking(actor=actor, vth_object_id=controle.vth_object_id, peildatum=dag)
        if vergunningvoorschrift.pk not in {v.pk for v in in_werking}:
            raise ongeldig(
                f"Dit vergunningvoorschrift is op {dag:%d-%m-%Y} niet van kracht bij dit object.",
                "vergunningvoorschrift",
            )
        voorschrift = voorschrift.strip() or voorschrift_aanduiding(vergunningvoorschrift)
    if aandachtspunt is not None:
        voorschrift = voorschrift.strip() or aandachtspunt.voorschrift
    if overtreden:
        fouten = {}
        if not voorschrift.strip():
            fouten["voorschrift"] = "noem het overtreden voorschrift (Awb 5:9)"
        if not omschrijving.strip():
            fouten["omschrijving"] = "beschrijf wat is aangetroffen"
        if fouten:
            raise OngeldigeInvoer("Een overtreding vraagt om voorschrift en omschrijving.", fouten)
    volgnummer = (controle.bevindingen.aggregate(m=Max("volgnummer"))["m"] or 0) + 1
    bevinding = Bevinding(
        controle=controle,
        volgnummer=volgnummer,
        aandachtspunt=aandachtspunt,
        resultaat=resultaat,
        omschrijving=omschrijving.strip(),
        voorschrift=voorschrift.strip(),
        vergunningvoorschrift=vergunningvoorschrift,
        gedrag=gedrag,
        gevolg=gevolg,
        vastgelegd_door_id=actor.gebruiker_id,
    )
    samengevoegd = False
    if overtreden:
        bestaand = _open_overtreding(actor, controle, bevinding.voorschrift)
        if bestaand is not None:
            bevinding.overtreding, samengevoegd = bestaand, True
        else:
            bevinding.overtreding = handhaving.overtreding_maken(
                actor=actor,
                vth_object=controle.vth_object,
                activiteituitvoering=controle.activiteituitvoering,
                herkomst="bevinding",
                herkomst_referentie=str(bevinding.uuid),
                omschrijving=bevinding.omschrijving,
                voorschrift=bevinding.voorschrift,
                geconstateerd_op=controle.uitgevoerd_op or timezone.localdate(),
                gedrag=gedrag or None,
                gevolg=gevolg or None,
                vertrouwelijkheid=V.INTERN if controle.vertrouwelijkheid == V.OPENBAAR else controle.vertrouwelijkheid,
            )
    bevinding.save()
    na = audit.momentopname(bevinding) | (
        {"overtreding": str(bevinding.overtreding.uuid), "samengevoegd": samengevoegd} if overtreden else {}
    )
    audit.schrijf(actor=actor, actie="bevinding.vastgelegd", object=bevinding, na=na)
    return bevinding
