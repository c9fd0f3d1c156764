"""The dwangsom ledger: forfeitures (amount, due date, limitation) and their collection."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.regels import sancties

from .. import workflow
from ..models import (
    Handhavingsmaatregel,
    Rechtsmiddel,
    Rechtsmiddelsoort,
    Rechtsmiddeluitkomst,
    Verbeurte,
)
from ..workflow import VerbeurteFase
from .basis import (
    HANDHAVERS,
    OvergangGeweigerd,
    vandaag,
    vergelijk_etag,
    weiger,
)

# --- the dwangsom ledger -------------------------------------------------------------------------------------


@transaction.atomic
def verbeurte_stap_zetten(
    *,
    actor: Actor,
    maatregel: Handhavingsmaatregel,
    naar: str,
    datum: date,
    verbeurten: Iterable[int] | None = None,
    kenmerk: str = "",
    gegevens: Mapping[str, Any] | None = None,
    verwachte_etag: str | None = None,
) -> list[Verbeurte]:
    """One collection step (`workflow.VERBEURTE_OVERGANGEN`) on forfeitures of this measure; `gegevens` is the
    step's input (for an invorderingsbeschikking: how the offender was heard, Awb 4:8 lid 1).

    With `verbeurten` (ids) every one must allow the step, or nothing happens. Without, the step is applied to
    every open forfeiture for which it is allowed now; when there is none, the reasons are given. An
    invorderingsbeschikking (Awb 5:37a), an aanmaning and a dwangbevel (Awb 4:106) stop the limitation period
    (stuiting): a new year runs from that day.
    """
    m = Handhavingsmaatregel.objects.select_for_update().select_related("overtreding").get(pk=maatregel.pk)
    toegang.vereis_schrijven(actor, m.overtreding, HANDHAVERS)
    vergelijk_etag(m, verwachte_etag)
    try:
        doel = VerbeurteFase(naar)
    except ValueError:
        weiger({"naar": f"kies uit {', '.join(VerbeurteFase)}"})
    posten = list(m.verbeurten.select_for_update().order_by("datum", "id"))
    if verbeurten is not None:
        gekozen = set(verbeurten)
        if onbekend := gekozen - {v.pk for v in posten}:
            weiger({"verbeurten": f"geen verbeurten van deze maatregel: {sorted(onbekend)}"})
        posten = [v for v in posten if v.pk in gekozen]
    if doel is not VerbeurteFase.BETAALD and (geschorst := sancties.invordering_geschorst(_rechtsmiddelen(m), datum)):
        raise OvergangGeweigerd(f"{doel.value.capitalize()} geweigerd: {geschorst}.", {"datum": geschorst})
    toegestaan, redenen = [], {}
    for v in posten:
        try:
            toegestaan.append(
                (v, workflow.beoordeel_post(post_toestand(v), doel, datum=datum, vandaag=vandaag(), ruw=gegevens or {}))
            )
        except OngeldigeInvoer as fout:
            redenen[f"verbeurte {v.datum:%d-%m-%Y}"] = "; ".join(fout.velden.values())
    if (verbeurten is not None and redenen) or not toegestaan:
        raise OvergangGeweigerd(
            f"{doel.value.capitalize()} geweigerd: "
            + ("; ".join(f"{k}: {r}" for k, r in redenen.items()) or "deze maatregel heeft geen verbeurten")
            + ".",
            redenen or {"verbeurten": "geen verbeurten"},
        )
    for v, overgang in toegestaan:
        _post_uitvoeren(actor, v, doel, overgang, datum, kenmerk, workflow.post_motivering(overgang, gegevens or {}))
    m.save(update_fields=["gewijzigd_op"])  # a new version of the measure for If-Match
    return [v for v, _ in toegestaan]


def post_toestand(v: Verbeurte) -> workflow.Posttoestand:
    # Awb 5:35 lid 2: while the term runs on until an objection or appeal is irrevocably decided it has no end yet.
    return workflow.Posttoestand(
        v.datum,
        v.betalen_voor,
        date.max if v.verjaring_verlengd else v.verjaart_op,
        v.invorderingsbeschikking_op,
        v.aanmaning_op,
        v.aanmaning_betalen_voor,
        v.dwangbevel_op,
        v.betaald_op,
        _last_vervallen_op(v.maatregel),
    )


def _last_vervallen_op(m: Handhavingsmaatregel) -> date | None:
    """Awb 5:38 lid 1: the day the last was withdrawn with retroactive effect (the `ingetrokken` step says how)."""
    return (
        m.stappen.filter(naar="ingetrokken", gegevens__werking=workflow.Werking.TERUGWERKEND.value)
        .values_list("datum", flat=True)
        .first()
    )


def _post_uitvoeren(
    actor, v: Verbeurte, doel: VerbeurteFase, overgang, datum: date, kenmerk: str, invoer: Iterable[str] = ()
) -> None:
    voor = audit.momentopname(v)
    veld = {
        VerbeurteFase.INVORDERINGSBESCHIKKING: "invorderingsbeschikking_op",
        VerbeurteFase.AANMANING: "aanmaning_op",
        VerbeurteFase.DWANGBEVEL: "dwangbevel_op",
        VerbeurteFase.BETAALD: "betaald_op",
    }[doel]
    setattr(v, veld, datum)
    regels = [f"{overgang.naam} op {datum:%d-%m-%Y}{f' ({kenmerk})' if kenmerk else ''}: {overgang.artikel}.", *invoer]
    if overgang.termijn is not None:
        termijn = overgang.termijn(datum)
        v.aanmaning_betalen_voor = termijn.einddatum
        regels += termijn.motivering
    if overgang.stuit:
        regels += _verjaring_bijwerken(v.maatregel, v)
    v.motivering = "\n".join([v.motivering, *regels]).strip()
    v.save()
    audit.schrijf(actor=actor, actie=f"verbeurte.{doel.value}", object=v, voor=voor, na=audit.momentopname(v))


def invorderingsbeschikking_nemen(
    *, actor: Actor, maatregel: Handhavingsmaatregel, datum: date, **kw
) -> list[Verbeurte]:
    """Awb 5:37 lid 1: establish by decision that the dwangsom was forfeited, before collecting it."""
    return verbeurte_stap_zetten(
        actor=actor, maatregel=maatregel, naar=VerbeurteFase.INVORDERINGSBESCHIKKING, datum=datum, **kw
    )


def aanmaning_sturen(*, actor: Actor, maatregel: Handhavingsmaatregel, datum: date, **kw) -> list[Verbeurte]:
    """Awb 4:112: after the invorderingsbeschikking and the payment term, pay within two weeks."""
    return verbeurte_stap_zetten(actor=actor, maatregel=maatregel, naar=VerbeurteFase.AANMANING, datum=datum, **kw)


def dwangbevel_uitvaardigen(*, actor: Actor, maatregel: Handhavingsmaatregel, datum: date, **kw) -> list[Verbeurte]:
    """Awb 4:117 lid 1: collect by dwangbevel once the aanmaning's term passed without full payment."""
    return verbeurte_stap_zetten(actor=actor, maatregel=maatregel, naar=VerbeurteFase.DWANGBEVEL, datum=datum, **kw)


def betaling_vastleggen(*, actor: Actor, maatregel: Handhavingsmaatregel, datum: date, **kw) -> list[Verbeurte]:
    """Record payment of forfeitures (the day the money was received)."""
    return verbeurte_stap_zetten(actor=actor, maatregel=maatregel, naar=VerbeurteFase.BETAALD, datum=datum, **kw)


# --- objections and appeals against the order: limitation and suspension -------------------------------------

_PROCEDURE_UITKOMSTEN = {
    Rechtsmiddeluitkomst.GEGROND,
    Rechtsmiddeluitkomst.DEELS_GEGROND,
    Rechtsmiddeluitkomst.ONGEGROND,
    Rechtsmiddeluitkomst.NIET_ONTVANKELIJK,
    Rechtsmiddeluitkomst.INGETROKKEN,
}
_VOVO_UITKOMSTEN = {Rechtsmiddeluitkomst.TOEGEWEZEN, Rechtsmiddeluitkomst.AFGEWEZEN, Rechtsmiddeluitkomst.INGETROKKEN}


def _rechtsmiddelen(m: Handhavingsmaatregel) -> list[sancties.Rechtsmiddel]:
    return [
        sancties.Rechtsmiddel(
            sancties.Rechtsmiddelsoort(r.soort), r.ingediend_op, r.beslist_op, r.uitkomst, r.geschorst_tot
        )
        for r in m.rechtsmiddelen.order_by("ingediend_op", "id")
    ]


def verjaring_van(m: Handhavingsmaatregel, verbeurd: date, stuitingen) -> sancties.Verjaring:
    return sancties.dwangsom_verjaring(
        verbeurd=verbeurd,
        kalender=workflow.kalender(),
        last_bekendgemaakt=m.opgelegd_op,
        rechtsmiddelen=_rechtsmiddelen(m),
        stuitingen=stuitingen,
    )


def _verjaring_bijwerken(m: Handhavingsmaatregel, v: Verbeurte) -> list[str]:
    """Recompute a forfeiture's limitation (Awb 5:35, 5:37a, 4:110) from its stuitingen and the measure's remedies;
    set `verjaart_op` / `verjaring_verlengd` and return the motivation lines when it changed (caller saves)."""
    stuitingen = [
        (d, wat)
        for d, wat in (
            (v.invorderingsbeschikking_op, "invorderingsbeschikking (Awb 5:37a lid 1)"),
            (v.aanmaning_op, "aanmaning (Awb 4:106)"),
            (v.dwangbevel_op, "dwangbevel (Awb 4:106)"),
        )
        if d is not None
    ]
    uitkomst = verjaring_van(m, v.verbeurd_vanaf or v.datum, stuitingen)
    if (uitkomst.datum, uitkomst.verlengd) == (v.verjaart_op, v.verjaring_verlengd):
        return []
    v.verjaart_op, v.verjaring_verlengd = uitkomst.datum, uitkomst.verlengd
    return ["Verjaring opnieuw berekend:", *uitkomst.motivering]


def _verjaringen_bijwerken(actor: Actor, m: Handhavingsmaatregel) -> None:
    for v in m.verbeurten.select_for_update().filter(betaald_op__isnull=True).order_by("datum", "id"):
        voor = audit.momentopname(v)
        if regels := _verjaring_bijwerken(m, v):
            v.motivering = "\n".join([v.motivering, *regels]).strip()
            v.save()
            audit.schrijf(actor=actor, actie="verbeurte.verjaring", object=v, voor=voor, na=audit.momentopname(v))


@transaction.atomic
def rechtsmiddel_vastleggen(
    *,
    actor: Actor,
    maatregel: Handhavingsmaatregel,
    soort: str,
    ingediend_op: date,
    kenmerk: str = "",
    toelichting: str = "",
    verwachte_etag: str | None = None,
) -> Rechtsmiddel:
    """Record an objection, appeal, further appeal or request for a provisional measure against the measure.

    It does not stop collection (Awb 6:16); it extends the limitation of the forfeitures while open or pending
    (Awb 5:35 lid 2), so their `verjaart_op` is recomputed at once."""
    m = Handhavingsmaatregel.objects.select_for_update().select_related("overtreding").get(pk=maatregel.pk)
    toegang.vereis_schrijven(actor, m.overtreding, HANDHAVERS)
    vergelijk_etag(m, verwachte_etag)
    if soort not in Rechtsmiddelsoort.values:
        weiger({"soort": f"kies uit {', '.join(Rechtsmiddelsoort.values)}"})
    if m.opgelegd_op is None:
        weiger({"soort": "alleen tegen een genomen besluit (een last) staat een rechtsmiddel open"})
    if ingediend_op < m.opgelegd_op or ingediend_op > vandaag():
        weiger({"ingediend_op": f"tussen het besluit ({m.opgelegd_op:%d-%m-%Y}) en vandaag"})
    r = Rechtsmiddel.objects.create(
        maatregel=m,
        soort=soort,
        ingediend_op=ingediend_op,
        kenmerk=kenmerk,
        toelichting=toelichting,
        door_id=actor.gebruiker_id,
    )
    audit.schrijf(actor=actor, actie="rechtsmiddel.geregistreerd", object=r, na=audit.momentopname(r))
    _verjaringen_bijwerken(actor, m)
    m.save(update_fields=["gewijzigd_op"])
    return r


@transaction.atomic
def rechtsmiddel_beslissen(
    *,
    actor: Actor,
    rechtsmiddel: Rechtsmiddel,
    beslist_op: date,
    uitkomst: str,
    geschorst_tot: date | None = None,
    verwachte_etag: str | None = None,
) -> Rechtsmiddel:
    """Record the decision on (or withdrawal of) a remedy. A granted provisional measure (`toegewezen`) suspends
    collection until `geschorst_tot` (or further notice; Awb 8:81) and extends the limitation by its duration
    (Awb 5:37a lid 4); any decision ends the extension of Awb 5:35 lid 2 once it is irrevocable."""
    r = Rechtsmiddel.objects.select_for_update().select_related("maatregel__overtreding").get(pk=rechtsmiddel.pk)
    m = r.maatregel
    toegang.vereis_schrijven(actor, m.overtreding, HANDHAVERS)
    vergelijk_etag(m, verwachte_etag)
    vovo = r.soort == Rechtsmiddelsoort.VOORLOPIGE_VOORZIENING
    toegestaan = _VOVO_UITKOMSTEN if vovo else _PROCEDURE_UITKOMSTEN
    fouten = {}
    if r.beslist_op is not None:
        fouten["beslist_op"] = f"al beslist op {r.beslist_op:%d-%m-%Y}"
    elif beslist_op < r.ingediend_op or beslist_op > vandaag():
        fouten["beslist_op"] = f"tussen de indiening ({r.ingediend_op:%d-%m-%Y}) en vandaag"
    if uitkomst not in toegestaan:
        fouten["uitkomst"] = f"kies uit {', '.join(sorted(toegestaan))}"
    if geschorst_tot is not None and (uitkomst != Rechtsmiddeluitkomst.TOEGEWEZEN or geschorst_tot < beslist_op):
        fouten["geschorst_tot"] = "alleen bij een toegewezen voorlopige voorziening, niet vóór de uitspraak"
    if fouten:
        weiger(fouten)
    voor = audit.momentopname(r)
    r.beslist_op, r.uitkomst, r.geschorst_tot = beslist_op, uitkomst, geschorst_tot
    r.save()
    audit.schrijf(actor=actor, actie="rechtsmiddel.beslist", object=r, voor=voor, na=audit.momentopname(r))
    _verjaringen_bijwerken(actor, m)
    m.save(update_fields=["gewijzigd_op"])
    return r
