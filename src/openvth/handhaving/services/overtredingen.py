"""Violations and their LHSO position (append-only history of re-classification)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import Organisatie, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor
from openvth.regels import lhso
from openvth.register.models import Activiteituitvoering, VthObject

from ..models import (
    Herkomst,
    Interventiepositionering,
    Overtreding,
    Strategie,
)
from .basis import (
    CONSTATEERDERS,
    OVERTREDING_VELDEN,
    overtreding_vergrendeld,
    vandaag,
    vergelijk_etag,
    weiger,
)

# --- violations ----------------------------------------------------------------------------------------------


@transaction.atomic
def overtreding_maken(
    *,
    actor: Actor,
    vth_object: VthObject,
    activiteituitvoering: Activiteituitvoering | None = None,
    herkomst: str = Herkomst.BEVINDING,
    herkomst_referentie: str = "",
    omschrijving: str,
    voorschrift: str,
    geconstateerd_op: date,
    gedrag: str | None = None,
    gevolg: str | None = None,
    omstandigheden: Sequence[str] = (),
    plaats: str = "",
    vertrouwelijkheid: str = Vertrouwelijkheid.INTERN,
    behandelaar_id: int | None = None,
) -> Overtreding:
    """Register a violation from a finding (`herkomst="bevinding"`, `herkomst_referentie` = the finding's uuid),
    a signal or an own observation, at a VTH-object and, where known, one activity execution.

    Bevoegd gezag and uitvoerder come from the activity execution (its bevoegd gezag and toezichtinstantie) or
    else from the VTH-object; the municipality from the object's place. `voorschrift` is the rule broken (Awb
    5:9). With `gedrag` and `gevolg` the violation is positioned in the LHSO matrix at once
    (`overtreding_positioneren`); both or neither. The handler is the actor unless `behandelaar_id` says otherwise.
    """
    fouten: dict[str, str] = {}
    if herkomst not in Herkomst.values:
        fouten["herkomst"] = f"kies uit {', '.join(Herkomst.values)}"
    if not omschrijving.strip():
        fouten["omschrijving"] = "beschrijf waaruit de overtreding bestaat (Awb 5:9)"
    if not voorschrift.strip():
        fouten["voorschrift"] = "noem het overtreden voorschrift (Awb 5:9)"
    if geconstateerd_op > vandaag():
        fouten["geconstateerd_op"] = "de constatering ligt in de toekomst"
    if vertrouwelijkheid not in Vertrouwelijkheid.values or vertrouwelijkheid == Vertrouwelijkheid.OPENBAAR:
        fouten["vertrouwelijkheid"] = "een overtreding is nooit openbaar: intern, vertrouwelijk of strafrechtelijk"
    if activiteituitvoering is not None and activiteituitvoering.vth_object_id != vth_object.pk:
        fouten["activiteituitvoering"] = "de activiteituitvoering hoort bij een ander VTH-object"
    if (gedrag is None) != (gevolg is None):
        fouten["gedrag" if gedrag is None else "gevolg"] = "geef gedrag én gevolg op, of geen van beide"
    if fouten:
        weiger(fouten)
    if not toegang.mag_zien(actor, vth_object) or (
        activiteituitvoering is not None and not toegang.mag_zien(actor, activiteituitvoering)
    ):
        raise NietGevonden()
    bron = activiteituitvoering or vth_object
    bevoegd_gezag_id = bron.bevoegd_gezag_id
    uitvoerder_id = activiteituitvoering.toezichtinstantie_id if activiteituitvoering else vth_object.uitvoerder_id
    toegang.vereis_namens(
        actor,
        bevoegd_gezag_id=bevoegd_gezag_id,
        uitvoerder_id=uitvoerder_id,
        rollen=CONSTATEERDERS,
        vertrouwelijkheid=vertrouwelijkheid,
    )
    overtreding = Overtreding.objects.create(
        bevoegd_gezag_id=bevoegd_gezag_id,
        uitvoerder_id=uitvoerder_id,
        gemeente_id=vth_object.locatie.gemeente_id,
        vertrouwelijkheid=vertrouwelijkheid,
        vth_object=vth_object,
        activiteituitvoering=activiteituitvoering,
        herkomst=herkomst,
        herkomst_referentie=herkomst_referentie,
        omschrijving=omschrijving.strip(),
        voorschrift=voorschrift.strip(),
        geconstateerd_op=geconstateerd_op,
        plaats=plaats,
        behandelaar_id=behandelaar_id or actor.gebruiker_id,
    )
    audit.schrijf(
        actor=actor,
        actie="overtreding.aangemaakt",
        object=overtreding,
        na=audit.momentopname(overtreding, OVERTREDING_VELDEN),
    )
    if gedrag is not None and gevolg is not None:
        overtreding_positioneren(
            actor=actor, overtreding=overtreding, gedrag=gedrag, gevolg=gevolg, omstandigheden=omstandigheden
        )
        overtreding.refresh_from_db()
    return overtreding


# --- LHSO position -------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _tabellen() -> tuple[lhso.Interventietabel, ...]:
    """The bundled national table plus the tables of `OPENVTH_LHSO_TABELBESTAND` (one JSON file, same schema)."""
    tabellen = list(lhso.laad_interventietabellen())
    if settings.OPENVTH_LHSO_TABELBESTAND:
        extra = json.loads(Path(settings.OPENVTH_LHSO_TABELBESTAND).read_text(encoding="utf-8"))
        tabellen += lhso.laad_interventietabellen(extra)
    return tuple(tabellen)


def interventietabel_voor(organisatie: Organisatie, peildatum: date) -> lhso.Interventietabel:
    """The authority's own table valid on `peildatum`, else the national default (`lhso.kies_tabel`)."""
    return lhso.kies_tabel(_tabellen(), organisatie=organisatie.code, peildatum=peildatum)


def eerdere_overtredingen(overtreding: Overtreding) -> list[lhso.EerdereOvertreding]:
    """Recidive (LHSO stap 2): earlier violations at the same VTH-object, sanctioned when a measure was imposed by
    decision. Read without the access policy on purpose: the rule may not depend on who looks; only the count
    reaches the motivation."""
    eerdere = (
        Overtreding.objects.filter(vth_object_id=overtreding.vth_object_id)
        .filter(geconstateerd_op__lt=overtreding.geconstateerd_op)
        .exclude(pk=overtreding.pk)
        .prefetch_related("maatregelen")
    )
    return [
        lhso.EerdereOvertreding(
            o.geconstateerd_op,
            any(m.opgelegd_op is not None and m.instrument != "GEDOGEN" for m in o.maatregelen.all()),
            True,
            str(o.uuid),
        )
        for o in eerdere
    ]


@transaction.atomic
def overtreding_positioneren(
    *,
    actor: Actor,
    overtreding: Overtreding,
    gedrag: str,
    gevolg: str,
    omstandigheden: Sequence[str] = (),
    strategie: str = Strategie.LHSO,
    handhaving_geindiceerd: bool = True,
    reden_geen_handhaving: str = "",
    toelichting: str = "",
    verwachte_etag: str | None = None,
) -> Interventiepositionering:
    """Position (or re-position) a violation in the LHSO matrix with its authority's table; the history is
    appended, never overwritten. A letter as consequence or a digit as behaviour (axes swapped) is refused."""
    overtreding = overtreding_vergrendeld(overtreding)
    toegang.vereis_schrijven(actor, overtreding, CONSTATEERDERS)
    vergelijk_etag(overtreding, verwachte_etag)
    fouten: dict[str, str] = {}
    g = v = None
    try:
        g = lhso.parse_gedrag(gedrag)
    except ValueError as fout:
        fouten["gedrag"] = str(fout)
    try:
        v = lhso.parse_gevolg(gevolg)
    except ValueError as fout:
        fouten["gevolg"] = str(fout)
    gekozen: list[lhso.Omstandigheid] = []
    for o in omstandigheden:
        lid = next((x for x in lhso.Omstandigheid if o in (x.value, x.name)), None)
        if lid is None:
            fouten["omstandigheden"] = f"onbekende omstandigheid '{o}'; kies uit {', '.join(lhso.Omstandigheid)}"
        else:
            gekozen.append(lid)
    if strategie not in Strategie.values:
        fouten["strategie"] = f"kies uit {', '.join(Strategie.values)}"
    if not handhaving_geindiceerd and not reden_geen_handhaving.strip():
        fouten["reden_geen_handhaving"] = "CIM: zonder handhaving is de reden verplicht"
    if fouten:
        weiger(fouten)
    peildatum = overtreding.geconstateerd_op
    try:
        tabel = interventietabel_voor(overtreding.bevoegd_gezag, peildatum)
    except ValueError as fout:
        weiger({"gedrag": str(fout)})
    advies = lhso.advies(
        gedrag=g,
        gevolg=v,
        tabel=tabel,
        peildatum=peildatum,
        omstandigheden=gekozen,
        eerdere_overtredingen=eerdere_overtredingen(overtreding),
        overtredingsdatum=overtreding.geconstateerd_op,
    )
    motivering = list(advies.motivering)
    if toelichting.strip():
        motivering.append(f"Toelichting: {toelichting.strip()}")
    voor = _positie_snapshot(overtreding)
    positie = Interventiepositionering.objects.create(
        overtreding=overtreding,
        gedrag=advies.cel.gedrag.value,
        gevolg=advies.cel.gevolg.value,
        oorspronkelijke_cel=advies.oorspronkelijke_cel.code,
        strategie=strategie,
        handhaving_geindiceerd=handhaving_geindiceerd,
        reden_geen_handhaving=reden_geen_handhaving.strip(),
        omstandigheden=[o.value for o in gekozen],
        spoor=advies.spoor.value,
        instrumenten=[
            {"code": i.code, "naam": i.naam, "zwaarte": i.zwaarte, "categorie": i.categorie.value}
            for i in advies.instrumenten
        ],
        tabelversie=advies.tabelversie,
        motivering="\n".join(motivering),
        vastgesteld_door_id=actor.gebruiker_id,
    )
    if advies.spoor is not lhso.Spoor.BESTUURSRECHTELIJK:
        # LHSO 2022 stap 3: cases in a criminal zone are discussed with OM and police (samenwerkingsmodel).
        overtreding.afstemming_gewenst = True
    overtreding.save(update_fields=["afstemming_gewenst", "gewijzigd_op"])
    audit.schrijf(
        actor=actor,
        actie="overtreding.gepositioneerd",
        object=overtreding,
        voor=voor,
        na=_positie_snapshot(overtreding),
    )
    return positie


def _positie_snapshot(overtreding: Overtreding) -> dict[str, Any]:
    positie = overtreding.posities.order_by("-vastgesteld_op", "-id").first()
    return {
        "cel": positie.cel if positie else None,
        "spoor": positie.spoor if positie else None,
        "tabelversie": positie.tabelversie if positie else None,
        "afstemming_gewenst": overtreding.afstemming_gewenst,
    }
