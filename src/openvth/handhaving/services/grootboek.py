"""The dwangsom ledger: forfeitures (amount, due date, limitation) and their collection."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from openvth.audit import services as audit
from openvth.organisaties.toegang import Actor
from openvth.regels import sancties, termijnen

from .. import workflow
from ..models import (
    Handhavingsmaatregel,
    Verbeurte,
)
from ..workflow import VerbeurteFase
from .basis import (
    HANDHAVERS,
    OvergangGeweigerd,
    _vandaag,
    _vereis_eigen,
    _vergelijk,
    _weiger,
)

# --- the dwangsom ledger -------------------------------------------------------------------------------------


def _voorstel(m: Handhavingsmaatregel) -> sancties.Dwangsomvoorstel:
    """The decided dwangsom as the rules' proposal type, to let `verbeurde_dwangsommen` do the arithmetic."""
    return sancties.Dwangsomvoorstel(
        overtredingstype="", omschrijving=str(m), strekking=sancties.Strekking(m.dwangsom_strekking),
        vorm=sancties.Dwangsomvorm(m.dwangsom_vorm),
        eenheid=sancties.Tijdseenheid(m.dwangsom_eenheid) if m.dwangsom_eenheid else None,
        bedrag=m.dwangsom_bedrag, maximum=m.dwangsom_maximum, begunstigingstermijn=None, waarschuwingen=(),
        motivering=(), leidraadversie="",
    )


def _verbeurte_aanmaken(actor: Actor, m: Handhavingsmaatregel, datum: date, b: workflow.Beoordeling) -> Verbeurte:
    op, waarom = sancties.verbeurdatum(
        vorm=sancties.Dwangsomvorm(m.dwangsom_vorm), begunstigingstermijn_tot=m.begunstigingstermijn_tot,
        eerste=not m.verbeurten.exists(), vastgesteld_op=datum, opgegeven=b.gegevens.get("verbeurd_op"),
        reden=b.gegevens.get("reden_verbeurdatum", ""),
    )
    vanaf = b.gegevens.get("verbeurd_vanaf", op)
    aantal = b.gegevens.get("aantal", 1)
    bestaand = [sancties.Verbeurte(v.datum, v.aantal) for v in m.verbeurten.all()]
    stand = sancties.verbeurde_dwangsommen(_voorstel(m), [*bestaand, sancties.Verbeurte(op, aantal)])
    bedrag = stand.posten[-1][1]
    kal = workflow.kalender()
    betalen = termijnen.dwangsom_betaaltermijn(op, kalender=kal)
    verjaring = termijnen.dwangsom_verjaringstermijn(vanaf, kalender=kal)
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
        verjaart_op=verjaring.einddatum,
        geconstateerd_bij=b.gegevens.get("kenmerk", ""),
        motivering="\n".join(motivering),
        door_id=actor.gebruiker_id,
    )
    audit.schrijf(actor=actor, actie="verbeurte.geregistreerd", object=verbeurte, na=audit.momentopname(verbeurte))
    return verbeurte


@transaction.atomic
def verbeurte_stap(
    actor: Actor,
    maatregel: Handhavingsmaatregel,
    naar: str,
    *,
    datum: date,
    verbeurten: Iterable[int] | None = None,
    kenmerk: str = "",
    verwachte_etag: str | None = None,
) -> list[Verbeurte]:
    """One collection step (`workflow.VERBEURTE_OVERGANGEN`) on forfeitures of this measure.

    With `verbeurten` (ids) every one must allow the step, or nothing happens. Without, the step is applied to
    every open forfeiture for which it is allowed now; when there is none, the reasons are given. An
    invorderingsbeschikking (Awb 5:37a), an aanmaning and a dwangbevel (Awb 4:106) stop the limitation period
    (stuiting): a new year runs from that day.
    """
    m = Handhavingsmaatregel.objects.select_for_update().select_related("overtreding").get(pk=maatregel.pk)
    _vereis_eigen(actor, m.overtreding, HANDHAVERS)
    _vergelijk(m, verwachte_etag)
    try:
        doel = VerbeurteFase(naar)
    except ValueError:
        _weiger({"naar": f"kies uit {', '.join(VerbeurteFase)}"})
    posten = list(m.verbeurten.select_for_update().order_by("datum", "id"))
    if verbeurten is not None:
        gekozen = set(verbeurten)
        if onbekend := gekozen - {v.pk for v in posten}:
            _weiger({"verbeurten": f"geen verbeurten van deze maatregel: {sorted(onbekend)}"})
        posten = [v for v in posten if v.pk in gekozen]
    toegestaan, redenen = [], {}
    for v in posten:
        try:
            toegestaan.append((v, workflow.beoordeel_post(_post(v), doel, datum=datum, vandaag=_vandaag())))
        except workflow.Ongeldig as fout:
            redenen[f"verbeurte {v.datum:%d-%m-%Y}"] = "; ".join(fout.velden.values())
    if (verbeurten is not None and redenen) or not toegestaan:
        raise OvergangGeweigerd(
            f"{doel.value.capitalize()} geweigerd: "
            + ("; ".join(f"{k}: {r}" for k, r in redenen.items()) or "deze maatregel heeft geen verbeurten")
            + ".",
            redenen or {"verbeurten": "geen verbeurten"},
        )
    for v, overgang in toegestaan:
        _post_uitvoeren(actor, v, doel, overgang, datum, kenmerk)
    m.save(update_fields=["gewijzigd_op"])  # a new version of the measure for If-Match
    return [v for v, _ in toegestaan]


def _post(v: Verbeurte) -> workflow.Posttoestand:
    return workflow.Posttoestand(
        v.datum, v.betalen_voor, v.verjaart_op, v.invorderingsbeschikking_op, v.aanmaning_op,
        v.aanmaning_betalen_voor, v.dwangbevel_op, v.betaald_op,
    )


def _post_uitvoeren(actor, v: Verbeurte, doel: VerbeurteFase, overgang, datum: date, kenmerk: str) -> None:
    voor = audit.momentopname(v)
    veld = {
        VerbeurteFase.INVORDERINGSBESCHIKKING: "invorderingsbeschikking_op",
        VerbeurteFase.AANMANING: "aanmaning_op",
        VerbeurteFase.DWANGBEVEL: "dwangbevel_op",
        VerbeurteFase.BETAALD: "betaald_op",
    }[doel]
    setattr(v, veld, datum)
    regels = [f"{overgang.naam} op {datum:%d-%m-%Y}{f' ({kenmerk})' if kenmerk else ''}: {overgang.artikel}."]
    if overgang.termijn is not None:
        termijn = overgang.termijn(datum)
        v.aanmaning_betalen_voor = termijn.einddatum
        regels += termijn.motivering
    if overgang.stuit:
        nieuw = termijnen.dwangsom_verjaringstermijn(datum, kalender=workflow.kalender())
        if nieuw.einddatum > v.verjaart_op:
            regels.append(
                f"Verjaring gestuit: een nieuwe termijn van een jaar loopt tot en met {nieuw.einddatum:%d-%m-%Y} "
                "(Awb 5:37a lid 1, 4:106; ABRvS 19-04-2017, ECLI:NL:RVS:2017:1068)."
            )
            v.verjaart_op = nieuw.einddatum
    v.motivering = "\n".join([v.motivering, *regels]).strip()
    v.save()
    audit.schrijf(actor=actor, actie=f"verbeurte.{doel.value}", object=v, voor=voor, na=audit.momentopname(v))


def invorderingsbeschikking(actor: Actor, maatregel: Handhavingsmaatregel, *, datum: date, **kw) -> list[Verbeurte]:
    """Awb 5:37 lid 1: establish by decision that the dwangsom was forfeited, before collecting it."""
    return verbeurte_stap(actor, maatregel, VerbeurteFase.INVORDERINGSBESCHIKKING, datum=datum, **kw)


def aanmaning(actor: Actor, maatregel: Handhavingsmaatregel, *, datum: date, **kw) -> list[Verbeurte]:
    """Awb 4:112: after the invorderingsbeschikking and the payment term, pay within two weeks."""
    return verbeurte_stap(actor, maatregel, VerbeurteFase.AANMANING, datum=datum, **kw)


def dwangbevel(actor: Actor, maatregel: Handhavingsmaatregel, *, datum: date, **kw) -> list[Verbeurte]:
    """Awb 4:114: collect by dwangbevel once the aanmaning's term passed unpaid."""
    return verbeurte_stap(actor, maatregel, VerbeurteFase.DWANGBEVEL, datum=datum, **kw)


def betaald(actor: Actor, maatregel: Handhavingsmaatregel, *, datum: date, **kw) -> list[Verbeurte]:
    """Record payment of forfeitures (the day the money was received)."""
    return verbeurte_stap(actor, maatregel, VerbeurteFase.BETAALD, datum=datum, **kw)
