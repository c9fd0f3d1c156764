"""Measures and their route through the workflow table; a forfeiture is one of its steps."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import VELDEN, OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.regels import lhso, sancties, termijnen

from .. import codelijsten, workflow
from ..models import (
    Codelijst,
    Fase,
    Handhavingsmaatregel,
    Maatregelstap,
    Overtreding,
    OvertredingStatus,
    Verbeurte,
)
from .basis import (
    HANDHAVERS,
    OVERTREDING_VELDEN,
    OvergangGeweigerd,
    overtreding_vergrendeld,
    vandaag,
    vergelijk_etag,
    weiger,
)
from .grootboek import verjaring_van

# --- what a step writes besides the measure: the case's status, the stored input, a forfeiture ---------------


def _overtreding_status(actor: Actor, overtreding: Overtreding, status: str, **velden: Any) -> None:
    voor = audit.momentopname(overtreding, OVERTREDING_VELDEN)
    overtreding.status = status
    for k, v in velden.items():
        setattr(overtreding, k, v)
    overtreding.save()
    audit.schrijf(
        actor=actor,
        actie="overtreding.status",
        object=overtreding,
        voor=voor,
        na=audit.momentopname(overtreding, OVERTREDING_VELDEN),
    )


def _json(gegevens: Mapping[str, Any]) -> dict[str, Any]:
    """The step's input as stored: durations in ISO 8601, amounts and dates as text."""
    return {
        k: v.iso
        if isinstance(v, termijnen.Duur)
        else v.isoformat()
        if isinstance(v, date)
        else str(v)
        if isinstance(v, Decimal)
        else v
        for k, v in gegevens.items()
    }


def _voorstel(m: Handhavingsmaatregel) -> sancties.Dwangsomvoorstel:
    """The decided dwangsom as the rules' proposal type, to let `verbeurde_dwangsommen` do the arithmetic."""
    return sancties.Dwangsomvoorstel(
        overtredingstype="",
        omschrijving=str(m),
        strekking=sancties.Strekking(m.dwangsom_strekking),
        vorm=sancties.Dwangsomvorm(m.dwangsom_vorm),
        eenheid=sancties.Tijdseenheid(m.dwangsom_eenheid) if m.dwangsom_eenheid else None,
        bedrag=m.dwangsom_bedrag,
        maximum=m.dwangsom_maximum,
        begunstigingstermijn=None,
        waarschuwingen=(),
        motivering=(),
        leidraadversie="",
    )


def _verbeurte_aanmaken(actor: Actor, m: Handhavingsmaatregel, datum: date, b: workflow.Beoordeling) -> Verbeurte:
    op, waarom = sancties.verbeurdatum(
        vorm=sancties.Dwangsomvorm(m.dwangsom_vorm),
        begunstigingstermijn_tot=m.begunstigingstermijn_tot,
        eerste=not m.verbeurten.exists(),
        vastgesteld_op=datum,
        opgegeven=b.gegevens.get("verbeurd_op"),
        reden=b.gegevens.get("reden_verbeurdatum", ""),
    )
    vanaf = b.gegevens.get("verbeurd_vanaf", op)
    aantal = b.gegevens.get("aantal", 1)
    bestaand = [sancties.Verbeurte(v.datum, v.aantal) for v in m.verbeurten.all()]
    stand = sancties.verbeurde_dwangsommen(_voorstel(m), [*bestaand, sancties.Verbeurte(op, aantal)])
    bedrag = stand.posten[-1][1]
    kal = workflow.kalender()
    betalen = termijnen.dwangsom_betaaltermijn(op, kalender=kal)
    verjaring = verjaring_van(m, vanaf, ())
    motivering = [
        *([waarom] if waarom else []),
        stand.motivering[-2],
        stand.motivering[-1],
        *betalen.motivering,
        *verjaring.motivering,
    ]
    if vanaf != op:
        motivering.append(
            f"Blok van {vanaf:%d-%m-%Y} tot en met {op:%d-%m-%Y}: de betaaltermijn telt vanaf de laatste dag (alle "
            "eenheden zijn dan opeisbaar), de verjaring vanaf de eerste (de vroegste verjaart het eerst)."
        )
    verbeurte = Verbeurte.objects.create(
        maatregel=m,
        datum=op,
        verbeurd_vanaf=vanaf,
        aantal=aantal,
        bedrag=bedrag,
        betalen_voor=betalen.einddatum,
        verjaart_op=verjaring.datum,
        verjaring_verlengd=verjaring.verlengd,
        geconstateerd_bij=b.gegevens.get("kenmerk", ""),
        motivering="\n".join(motivering),
        door_id=actor.gebruiker_id,
    )
    audit.schrijf(actor=actor, actie="verbeurte.geregistreerd", object=verbeurte, na=audit.momentopname(verbeurte))
    return verbeurte


# --- measures and their route --------------------------------------------------------------------------------


def _andere_herstelsancties(maatregel_of_overtreding, *, uitsluiten: int | None = None) -> tuple[str, ...]:
    overtreding_id = getattr(maatregel_of_overtreding, "overtreding_id", None) or maatregel_of_overtreding.pk
    qs = Handhavingsmaatregel.objects.filter(
        overtreding_id=overtreding_id, herstellend=True, fase__in=list(workflow.VAN_KRACHT)
    )
    if uitsluiten is not None:
        qs = qs.exclude(pk=uitsluiten)
    return tuple(f"{m.instrument} ({m.get_fase_display()})" for m in qs)


def _toestand(m: Handhavingsmaatregel) -> workflow.Toestand:
    laatste_stap = m.stappen.order_by("-datum", "-id").values_list("datum", flat=True).first()
    verbeurten = list(m.verbeurten.values_list("bedrag", "datum"))
    return workflow.Toestand(
        fase=m.fase,
        instrument=m.instrument,
        geconstateerd_op=m.overtreding.geconstateerd_op,
        laatste_stap=laatste_stap,
        zienswijze_tot=m.zienswijze_tot,
        begunstigingstermijn_tot=m.begunstigingstermijn_tot,
        hercontrole_op=m.hercontrole_op,
        opgelegd_op=m.opgelegd_op,
        dwangsom_vorm=m.dwangsom_vorm,
        dwangsom_eenheid=m.dwangsom_eenheid,
        dwangsom_bedrag=m.dwangsom_bedrag,
        dwangsom_maximum=m.dwangsom_maximum,
        totaal_verbeurd=sum((b for b, _ in verbeurten), Decimal("0.00")),
        laatste_verbeurte=max((d for _, d in verbeurten), default=None),
        andere_herstelsancties=_andere_herstelsancties(m, uitsluiten=m.pk),
        spoedeisend=m.spoedeisend,
    )


def _instrument(code: str) -> lhso.Handhavingsinstrument | None:
    return lhso.standaardtabel().instrumenten.get(code)


@transaction.atomic
def maatregel_maken(
    *,
    actor: Actor,
    overtreding: Overtreding,
    instrument: str,
    datum: date,
    naar: str | None = None,
    gegevens: Mapping[str, Any] | None = None,
    behandelaar_id: int | None = None,
    **params: Any,
) -> Handhavingsmaatregel:
    """Take a measure against a violation; its first step goes through the workflow table from START.

    The entry phase follows the instrument (waarschuwing, voornemen for a last, gedoogd, genomen); `naar` may
    ask for another edge out of START (a besluit without voornemen, Awb 4:11). The instrument must be on the
    code list and valid on `datum`; a herstelsanctie is refused while another one for the same violation is in
    force (Awb 5:6, `regels.sancties.toets_samenloop`).
    """
    overtreding = overtreding_vergrendeld(overtreding)
    toegang.vereis_schrijven(actor, overtreding, HANDHAVERS)
    if (reden := codelijsten.toets_code(Codelijst.HANDHAVINGSINSTRUMENT, instrument, datum)) is not None:
        weiger({"instrument": reden})
    tabelinstrument = _instrument(instrument)
    herstellend = bool(tabelinstrument and tabelinstrument.herstelsanctie)
    if herstellend:
        bestaand = [
            sancties.BestaandeMaatregel(o, sancties.InstrumentCategorie.BESTUURSRECHTELIJK_HERSTELLEND, True, True)
            for o in _andere_herstelsancties(overtreding)
        ]
        try:
            sancties.toets_samenloop(bestaand)
        except sancties.DwangsomGeweigerd as fout:
            weiger({"instrument": str(fout)})
    ingang = {
        workflow.Route.WAARSCHUWING: Fase.WAARSCHUWING,
        workflow.Route.LAST_ONDER_DWANGSOM: Fase.VOORNEMEN,
        workflow.Route.BESTUURSDWANG: Fase.VOORNEMEN,
        workflow.Route.GEDOGEN: Fase.GEDOOGD,
        workflow.Route.OVERIG: Fase.GENOMEN,
    }[workflow.route_van(instrument)]
    maatregel = Handhavingsmaatregel(
        overtreding=overtreding,
        instrument=instrument,
        fase=workflow.START,
        herstellend=herstellend,
        behandelaar_id=behandelaar_id or actor.gebruiker_id,
    )
    beoordeling = _beoordeel(maatregel, naar or ingang, datum, {**(gegevens or {}), **params}, overtreding)
    maatregel.save()
    audit.schrijf(
        actor=actor, actie="handhavingsmaatregel.aangemaakt", object=maatregel, na=audit.momentopname(maatregel)
    )
    if overtreding.status == OvertredingStatus.GECONSTATEERD:
        _overtreding_status(actor, overtreding, OvertredingStatus.IN_BEHANDELING)
    _voer_uit(actor, maatregel, naar or ingang, datum, beoordeling)
    return maatregel


def _beoordeel(m: Handhavingsmaatregel, naar: str, datum: date, ruw: Mapping[str, Any], overtreding=None):
    if m.pk is None:
        toestand = workflow.Toestand(
            fase=workflow.START,
            instrument=m.instrument,
            geconstateerd_op=overtreding.geconstateerd_op,
            andere_herstelsancties=_andere_herstelsancties(overtreding),
        )
    else:
        toestand = _toestand(m)
    try:
        return workflow.beoordeel(toestand, naar, datum=datum, ruw=ruw, vandaag=vandaag())
    except OngeldigeInvoer as fout:
        raise OvergangGeweigerd(f"Stap naar '{naar}' geweigerd: {VELDEN}.", fout.velden) from None


def _voer_uit(actor: Actor, m: Handhavingsmaatregel, naar: str, datum: date, b: workflow.Beoordeling) -> Maatregelstap:
    """Apply a checked transition: fields, phase, CIM status, the step with its term and motivation, audit."""
    voor = audit.momentopname(m)
    van = m.fase
    for veld, waarde in b.wijzigingen.items():
        setattr(m, veld, waarde)
    m.fase = naar
    m.status = workflow.CIM_STATUS[naar]
    m.save()
    motivering = [f"{b.overgang.naam}: {b.overgang.artikel}."]
    if b.berekend:
        motivering += list(b.berekend.termijn.motivering)
    stap = Maatregelstap.objects.create(
        maatregel=m,
        van=van,
        naar=naar,
        datum=datum,
        termijn_tot=b.berekend.termijn.einddatum if b.berekend else None,
        termijn_soort=b.berekend.soort if b.berekend else "",
        instrument=m.instrument,
        artikel=b.overgang.artikel[:300],
        gegevens=_json(b.gegevens),
        motivering="\n".join(motivering),
        door_id=actor.gebruiker_id,
    )
    audit.schrijf(actor=actor, actie=f"handhavingsmaatregel.{naar}", object=m, voor=voor, na=audit.momentopname(m))
    overtreding = m.overtreding
    if naar == Fase.UITGEVOERD:
        _overtreding_status(actor, overtreding, OvertredingStatus.OPGEHEVEN, hersteld_op=b.gegevens["hersteld_op"])
    elif naar == Fase.GEDOOGD:
        _overtreding_status(actor, overtreding, OvertredingStatus.GEDOOGD)
    elif naar == Fase.VERBEURD:
        _verbeurte_aanmaken(actor, m, datum, b)
    return stap


@transaction.atomic
def maatregel_stap_zetten(
    *,
    actor: Actor,
    maatregel: Handhavingsmaatregel,
    naar: str,
    datum: date,
    gegevens: Mapping[str, Any] | None = None,
    verwachte_etag: str | None = None,
    **params: Any,
) -> Maatregelstap:
    """Move a measure along one edge of `workflow.OVERGANGEN`, with the edge's input in `gegevens` or as keyword
    arguments. A forbidden edge or a failing guard raises `OvergangGeweigerd` and stores nothing. Moving to
    `verbeurd` registers the forfeiture (see `verbeurte_vastleggen`); reaching the maximum moves on to
    `uitgewerkt` in the same transaction."""
    m = Handhavingsmaatregel.objects.select_for_update().select_related("overtreding").get(pk=maatregel.pk)
    toegang.vereis_schrijven(actor, m.overtreding, HANDHAVERS)
    vergelijk_etag(m, verwachte_etag)
    beoordeling = _beoordeel(m, naar, datum, {**(gegevens or {}), **params})
    stap = _voer_uit(actor, m, naar, datum, beoordeling)
    if naar == Fase.VERBEURD:
        toestand = _toestand(m)
        if toestand.dwangsom_maximum is not None and toestand.totaal_verbeurd >= toestand.dwangsom_maximum:
            _voer_uit(actor, m, Fase.UITGEWERKT, datum, _beoordeel(m, Fase.UITGEWERKT, datum, {}))
    maatregel.refresh_from_db()
    return stap


def verbeurte_vastleggen(
    *,
    actor: Actor,
    maatregel: Handhavingsmaatregel,
    datum: date,
    verbeurd_op: date | None = None,
    verbeurd_vanaf: date | None = None,
    aantal: int = 1,
    kenmerk: str = "",
    reden_verbeurdatum: str = "",
    verwachte_etag: str | None = None,
) -> Verbeurte:
    """Register a forfeiture found at a hercontrole (`datum`): payable within 6 weeks (Awb 5:33), lapsing after
    a year (Awb 5:35), capped at the maximum (Awb 5:32b lid 2); at the maximum the measure is `uitgewerkt`. A lump
    sum is forfeited the day after the grace period unless `reden_verbeurdatum` explains a later `verbeurd_op`
    (`regels.sancties.verbeurdatum`)."""
    params: dict[str, Any] = {"aantal": aantal, "kenmerk": kenmerk, "reden_verbeurdatum": reden_verbeurdatum}
    if verbeurd_op is not None:
        params["verbeurd_op"] = verbeurd_op
    if verbeurd_vanaf is not None:
        params["verbeurd_vanaf"] = verbeurd_vanaf
    maatregel_stap_zetten(
        actor=actor,
        maatregel=maatregel,
        naar=Fase.VERBEURD,
        datum=datum,
        gegevens=params,
        verwachte_etag=verwachte_etag,
    )
    return maatregel.verbeurten.order_by("-datum", "-id").first()
