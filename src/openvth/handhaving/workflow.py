"""The administrative route of a measure, and the collection of a forfeited dwangsom, as declarative tables.

Two tables, data rather than if-chains (ADR 0015):

* `OVERGANGEN` — a Handhavingsmaatregel: waarschuwing → hercontrole → voornemen (zienswijze, Awb 4:8) → besluit
  last onder dwangsom / bestuursdwang (begunstigingstermijn, Awb 5:32a / 5:24) → hercontrole → verbeurd →
  uitgewerkt at the maximum (CIM `Status Hh-maatregel`), plus uitgevoerd, ingetrokken and gedoogd;
* `VERBEURTE_OVERGANGEN` — one forfeiture: verbeurd → invorderingsbeschikking (Awb 5:37) → aanmaning (Awb
  4:112) → dwangbevel (Awb 4:117 lid 1), and betaald from any open state.

Each edge names its legal ground, the parameters it needs, its guards (each a condition in words plus a check
returning the reason it fails) and the term it starts; those building blocks live in `bewakers.py`. Anything
not in a table is refused. The services (`services/`) are the only callers that write; this module computes, it
does not touch the database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.regels import termijnen

from .bewakers import (
    AANTAL,
    AFZIEN_TOELICHTING,
    AFZIEN_ZIENSWIJZE,
    BEDRAG,
    BEEINDIGD_OP,
    BEGUNSTIGING_LOB,
    BEGUNSTIGING_LOD,
    BEGUNSTIGINGSTERMIJN,
    BEGUNSTIGINGSTERMIJN_VERSTREKEN,
    BELANGENAFWEGING,
    DWANGSOM_GELDIG,
    EENHEID,
    GEDOOGD_TOT,
    GEDOOGTERMIJN,
    GEEN_BOETE,
    GEEN_SAMENLOOP,
    HERHALING_NA_BEEINDIGING,
    HERSTELD,
    HERSTELD_OP,
    HERSTELTERMIJN,
    HERSTELTERMIJN_VERSTREKEN,
    INSTRUMENT,
    KENMERK,
    LASTEN,
    MAXIMUM,
    MAXIMUM_BEREIKT,
    OMSCHRIJVING,
    OMSCHRIJVING_VERPLICHT,
    ONDER_MAXIMUM,
    REDEN,
    REDEN_VERBEURDATUM,
    ROUTES,
    SPOED_ACHTERAF,
    SPOED_GROND,
    SPOED_GROND_ACHTERAF,
    SPOEDEISEND_BESLOTEN,
    STREKKING,
    TOEGEPAST_OP,
    VERBEURD_OP,
    VERBEURD_VANAF,
    VERBEURDATUM,
    VERBEURTE_NA_TERMIJN,
    VORM,
    WERKING,
    WERKING_BIJ_VERBEURTE,
    ZIENSWIJZE_AFGEWACHT,
    ZIENSWIJZE_ONTVANGEN,
    ZIENSWIJZETERMIJN,
    ZIENSWIJZETERMIJN_MINIMUM,
    ZONDER_VOORNEMEN,
    AfzienGrond,
    Berekend,
    Bewaker,
    Context,
    Overgang,
    Param,
    Route,
    Soort,
    Toestand,
    Werking,
    afzien_reden,
    begunstigingstermijn_van,
    camel,
    datum_nl,
    dwangsomveld,
    gedoogtermijn_van,
    hersteltermijn_van,
    kalender,
    lees_gegevens,
    minimale_zienswijzetermijn,
    route_is,
    route_van,
    velden_besluit,
    velden_einde,
    velden_gedoogd,
    velden_genomen,
    velden_hercontrole,
    velden_spoed_achteraf,
    velden_voornemen,
    velden_waarschuwing,
    zienswijzetermijn_van,
)
from .models import Fase, MaatregelStatus

START = ""
"""The `van` of a measure's first step: it did not exist before."""

F = Fase
_DAG = timedelta(days=1)


CIM_STATUS: Mapping[str, str] = {
    # `opgelegd`: a warning, notice or decision is out and its term runs. The CIM has no status for a measure
    # in preparation, so a voornemen (already sent to the offender) counts as opgelegd too.
    F.WAARSCHUWING: MaatregelStatus.OPGELEGD,
    F.VOORNEMEN: MaatregelStatus.OPGELEGD,
    F.BESLUIT_LOD: MaatregelStatus.OPGELEGD,
    F.BESLUIT_LOB: MaatregelStatus.OPGELEGD,
    F.GENOMEN: MaatregelStatus.OPGELEGD,
    F.GEDOOGD: MaatregelStatus.OPGELEGD,
    # `in uitvoering`: the term passed without compliance and the authority enforces.
    F.HERCONTROLE: MaatregelStatus.IN_UITVOERING,
    F.VERBEURD: MaatregelStatus.IN_UITVOERING,
    F.BESTUURSDWANG: MaatregelStatus.IN_UITVOERING,
    F.UITGEVOERD: MaatregelStatus.UITGEVOERD,
    F.UITGEWERKT: MaatregelStatus.UITGEWERKT,
    F.INGETROKKEN: MaatregelStatus.INGETROKKEN,
}

VAN_KRACHT = frozenset({F.BESLUIT_LOD, F.BESLUIT_LOB, F.HERCONTROLE, F.VERBEURD, F.BESTUURSDWANG})
"""Phases in which a herstelsanctie is `van kracht` for Awb 5:6 (decided, not ended, withdrawn or run out)."""

EINDFASEN = frozenset({F.UITGEVOERD, F.UITGEWERKT, F.INGETROKKEN})


# --- the table: measures -------------------------------------------------------------------------------------

_LOD_BESLUIT = (
    STREKKING,
    BEEINDIGD_OP,
    BEGUNSTIGINGSTERMIJN,
    VORM,
    EENHEID,
    BEDRAG,
    MAXIMUM,
    BELANGENAFWEGING,
    KENMERK,
)
_LOB_BESLUIT = (STREKKING, BEEINDIGD_OP, BEGUNSTIGINGSTERMIJN, KENMERK)

_LOB_BESLUIT = (*_LOB_BESLUIT, SPOED_GROND)  # with a ground and no term: Awb 5:31 lid 1

UITVOEREN = Overgang(
    "Overtreding beëindigd",
    "CIM Status Hh-maatregel 'uitgevoerd'; Hersteldatum van de Overtreding",
    (HERSTELD_OP, KENMERK),
    (HERSTELD,),
    wijzigingen=velden_einde,
)
INTREKKEN = Overgang(
    "Maatregel intrekken",
    "Intrekking door het bestuursorgaan dat de maatregel nam, of opheffing van de last (Awb 5:34); afzien van "
    "handhaving alleen in bijzondere gevallen (beginselplicht tot handhaving, vaste rechtspraak ABRvS); met "
    "terugwerkende kracht vervalt een gegeven invorderingsbeschikking (Awb 5:38 lid 1)",
    (REDEN, WERKING),
    (WERKING_BIJ_VERBEURTE,),
    wijzigingen=velden_einde,
)
GEDOGEN = Overgang(
    "Gedoogbeschikking",
    "Gedoogbeschikking: besluit (Awb 1:3) om tijdelijk niet te handhaven, alleen in uitzonderingssituaties "
    "(beginselplicht tot handhaving, vaste rechtspraak ABRvS; CIM Toestemmingsoort 'gedoogbeschikking')",
    (GEDOOGD_TOT, REDEN),
    (GEDOOGTERMIJN,),
    gedoogtermijn_van,
    velden_gedoogd,
)
VOORNEMEN = Overgang(
    "Voornemen tot een last (zienswijze)",
    "Awb 4:8 lid 1: de overtreder kan een zienswijze geven vóór het besluit; termijn gesteld door het bestuursorgaan",
    (ZIENSWIJZETERMIJN, KENMERK),
    (route_is(*LASTEN), ZIENSWIJZETERMIJN_MINIMUM),
    zienswijzetermijn_van,
    velden_voornemen,
)
BESLUIT_LOD = Overgang(
    "Besluit last onder dwangsom",
    "Awb 5:31d (last onder dwangsom), 5:32 lid 2 (geen dwangsom als het beschermde belang zich daartegen verzet), "
    "5:32a lid 2 (begunstigingstermijn), 5:32b (vorm, bedrag, maximum), 5:6 (samenloop), 5:9 (overtreding en "
    "voorschrift)",
    (*_LOD_BESLUIT, ZIENSWIJZE_ONTVANGEN),
    (
        route_is(Route.LAST_ONDER_DWANGSOM),
        ZIENSWIJZE_AFGEWACHT,
        DWANGSOM_GELDIG,
        HERHALING_NA_BEEINDIGING,
        BEGUNSTIGING_LOD,
        GEEN_SAMENLOOP,
    ),
    begunstigingstermijn_van,
    velden_besluit,
)
BESLUIT_LOB = Overgang(
    "Besluit last onder bestuursdwang",
    "Awb 5:21 (last onder bestuursdwang), 5:24 lid 1-2 (herstelmaatregelen en termijn), 5:6, 5:9",
    (*_LOB_BESLUIT, ZIENSWIJZE_ONTVANGEN),
    (route_is(Route.BESTUURSDWANG), ZIENSWIJZE_AFGEWACHT, HERHALING_NA_BEEINDIGING, BEGUNSTIGING_LOB, GEEN_SAMENLOOP),
    begunstigingstermijn_van,
    velden_besluit,
)
HERCONTROLE = Overgang(
    "Hercontrole: overtreding voortgezet",
    "Hercontrole na de termijn (CIM: een nieuwe Controle naar aanleiding van de Overtreding)",
    (KENMERK,),
    (BEGUNSTIGINGSTERMIJN_VERSTREKEN,),
    wijzigingen=velden_hercontrole,
)
VERBEUREN = Overgang(
    "Dwangsom verbeurd",
    "Awb 5:33 (van rechtswege verbeurd, betalen binnen zes weken), 5:32b lid 2 (niet boven het maximum), 5:35 "
    "(verjaring na een jaar)",
    (VERBEURD_OP, VERBEURD_VANAF, AANTAL, REDEN_VERBEURDATUM, KENMERK),
    (route_is(Route.LAST_ONDER_DWANGSOM), VERBEURTE_NA_TERMIJN, VERBEURDATUM, ONDER_MAXIMUM),
)

OVERGANGEN: Mapping[str, Mapping[str, Overgang]] = {
    START: {
        F.WAARSCHUWING: Overgang(
            "Waarschuwing met hersteltermijn",
            "LHSO 2022 stap 3 (interventie); een waarschuwing is geen bestuurlijke sanctie (Awb 5:2 lid 1)",
            (HERSTELTERMIJN, OMSCHRIJVING, KENMERK),
            (route_is(Route.WAARSCHUWING),),
            hersteltermijn_van,
            velden_waarschuwing,
        ),
        F.VOORNEMEN: VOORNEMEN,
        F.BESLUIT_LOD: replace(
            BESLUIT_LOD,
            naam="Besluit last onder dwangsom zonder voornemen",
            artikel=BESLUIT_LOD.artikel + "; zonder zienswijze alleen op een grond van Awb 4:8 lid 2 of 4:11",
            params=(*_LOD_BESLUIT, AFZIEN_ZIENSWIJZE, AFZIEN_TOELICHTING),
            bewakers=(
                route_is(Route.LAST_ONDER_DWANGSOM),
                ZONDER_VOORNEMEN,
                DWANGSOM_GELDIG,
                HERHALING_NA_BEEINDIGING,
                BEGUNSTIGING_LOD,
                GEEN_SAMENLOOP,
            ),
        ),
        F.BESLUIT_LOB: replace(
            BESLUIT_LOB,
            naam="Besluit last onder bestuursdwang zonder voornemen",
            artikel=BESLUIT_LOB.artikel + "; zonder zienswijze alleen op een grond van Awb 4:8 lid 2 of 4:11 "
            "(spoed, 5:31)",
            params=(*_LOB_BESLUIT, AFZIEN_ZIENSWIJZE, AFZIEN_TOELICHTING),
            bewakers=(
                route_is(Route.BESTUURSDWANG),
                ZONDER_VOORNEMEN,
                HERHALING_NA_BEEINDIGING,
                BEGUNSTIGING_LOB,
                GEEN_SAMENLOOP,
            ),
        ),
        F.BESTUURSDWANG: Overgang(
            "Spoedeisende bestuursdwang, besluit achteraf",
            "Awb 5:31 lid 2: is de situatie zo spoedeisend dat een besluit niet kan worden afgewacht, dan wordt "
            "terstond bestuursdwang toegepast en zo spoedig mogelijk nadien alsnog het besluit bekendgemaakt (lid 1, "
            "met 5:24 lid 1 en 3; geen begunstigingstermijn); horen vooraf vervalt (Awb 4:11 onder a, spoed)",
            (TOEGEPAST_OP, SPOED_GROND_ACHTERAF, OMSCHRIJVING_VERPLICHT, KENMERK),
            (route_is(Route.BESTUURSDWANG), SPOED_ACHTERAF, GEEN_SAMENLOOP),
            wijzigingen=velden_spoed_achteraf,
        ),
        F.GEDOOGD: replace(GEDOGEN, bewakers=(route_is(Route.GEDOGEN), GEDOOGTERMIJN)),
        F.GENOMEN: Overgang(
            "Maatregel genomen",
            "LHSO 2022 stap 3: een ander instrument uit de interventiematrix (buiten de lastroute)",
            (OMSCHRIJVING, KENMERK),
            (route_is(Route.OVERIG), GEEN_BOETE),
            wijzigingen=velden_genomen,
        ),
    },
    F.WAARSCHUWING: {
        F.HERCONTROLE: replace(
            HERCONTROLE, artikel="Hercontrole na de hersteltermijn (LHSO)", bewakers=(HERSTELTERMIJN_VERSTREKEN,)
        ),
        F.UITGEVOERD: UITVOEREN,
        F.INGETROKKEN: INTREKKEN,
        F.GEDOOGD: GEDOGEN,
    },
    F.VOORNEMEN: {
        F.BESLUIT_LOD: BESLUIT_LOD,
        F.BESLUIT_LOB: BESLUIT_LOB,
        F.UITGEVOERD: UITVOEREN,
        F.INGETROKKEN: INTREKKEN,
        F.GEDOOGD: GEDOGEN,
    },
    F.BESLUIT_LOD: {
        F.HERCONTROLE: HERCONTROLE,
        F.UITGEVOERD: UITVOEREN,
        F.INGETROKKEN: INTREKKEN,
        F.GEDOOGD: GEDOGEN,
    },
    F.BESLUIT_LOB: {
        F.HERCONTROLE: HERCONTROLE,
        F.BESTUURSDWANG: Overgang(
            "Spoedeisende bestuursdwang toegepast",
            "Awb 5:31 lid 1 (besloten tot bestuursdwang zonder voorafgaande last, dus zonder begunstigingstermijn), "
            "5:21 onder b, 5:25",
            (KENMERK, OMSCHRIJVING),
            (SPOEDEISEND_BESLOTEN,),
        ),
        F.UITGEVOERD: UITVOEREN,
        F.INGETROKKEN: INTREKKEN,
        F.GEDOOGD: GEDOGEN,
    },
    F.HERCONTROLE: {
        F.VOORNEMEN: replace(
            VOORNEMEN,
            naam="Voornemen tot een last na een vergeefse waarschuwing",
            params=(INSTRUMENT, ZIENSWIJZETERMIJN, KENMERK),
            bewakers=(route_is(Route.WAARSCHUWING), ZIENSWIJZETERMIJN_MINIMUM),
        ),
        F.VERBEURD: VERBEUREN,
        F.BESTUURSDWANG: Overgang(
            "Bestuursdwang toegepast",
            "Awb 5:21 onder b (feitelijk handelen), 5:25 (op kosten van de overtreder)",
            (KENMERK, OMSCHRIJVING),
            (route_is(Route.BESTUURSDWANG), BEGUNSTIGINGSTERMIJN_VERSTREKEN),
        ),
        F.UITGEVOERD: UITVOEREN,
        F.INGETROKKEN: INTREKKEN,
        F.GEDOOGD: GEDOGEN,
    },
    F.VERBEURD: {
        F.VERBEURD: VERBEUREN,
        F.UITGEWERKT: Overgang(
            "Last uitgewerkt",
            "Awb 5:32b lid 2: boven het maximum wordt niet verbeurd; CIM Status Hh-maatregel 'uitgewerkt'",
            (),
            (MAXIMUM_BEREIKT,),
        ),
        F.UITGEVOERD: UITVOEREN,
        F.INGETROKKEN: INTREKKEN,
    },
    F.BESTUURSDWANG: {F.UITGEVOERD: UITVOEREN},
    F.GEDOOGD: {F.UITGEVOERD: UITVOEREN, F.INGETROKKEN: INTREKKEN},
    F.GENOMEN: {F.UITGEVOERD: UITVOEREN, F.INGETROKKEN: INTREKKEN},
    F.UITGEVOERD: {},
    F.UITGEWERKT: {},
    F.INGETROKKEN: {},
}


# --- the table: one forfeiture -------------------------------------------------------------------------------


class VerbeurteFase(StrEnum):
    VERBEURD = "verbeurd"
    INVORDERINGSBESCHIKKING = "invorderingsbeschikking"
    AANMANING = "aanmaning"
    DWANGBEVEL = "dwangbevel"
    BETAALD = "betaald"


@dataclass(frozen=True)
class Posttoestand:
    """What the guards of `VERBEURTE_OVERGANGEN` see of one forfeiture."""

    datum: date
    betalen_voor: date
    verjaart_op: date
    invorderingsbeschikking_op: date | None = None
    aanmaning_op: date | None = None
    aanmaning_betalen_voor: date | None = None
    dwangbevel_op: date | None = None
    betaald_op: date | None = None
    last_vervallen_op: date | None = None
    """The day the last onder dwangsom was withdrawn with retroactive effect (Awb 5:38 lid 1), if it was."""

    @property
    def fase(self) -> VerbeurteFase:
        for veld, fase in (
            (self.betaald_op, VerbeurteFase.BETAALD),
            (self.dwangbevel_op, VerbeurteFase.DWANGBEVEL),
            (self.aanmaning_op, VerbeurteFase.AANMANING),
            (self.invorderingsbeschikking_op, VerbeurteFase.INVORDERINGSBESCHIKKING),
        ):
            if veld is not None:
                return fase
        return VerbeurteFase.VERBEURD


@dataclass(frozen=True)
class Postovergang:
    naam: str
    artikel: str
    bewakers: tuple[Callable[[Posttoestand, date], str | None], ...] = ()
    stuit: bool = False
    termijn: Callable[[date], termijnen.Termijn] | None = None
    voorwaarden: tuple[str, ...] = field(default=())
    params: tuple[Param, ...] = ()
    invoerbewakers: tuple[Callable[[Posttoestand, date, Mapping[str, Any]], str | None], ...] = ()


def _na_verbeurte(p: Posttoestand, datum: date) -> str | None:
    return None if datum >= p.datum else "deze stap kan niet vóór de verbeurte liggen"


def _last_niet_vervallen(p: Posttoestand, datum: date) -> str | None:
    if p.last_vervallen_op is None:
        return None
    return (
        f"Awb 5:38 lid 1: de last onder dwangsom is op {datum_nl(p.last_vervallen_op)} met terugwerkende kracht "
        "ingetrokken; een gegeven invorderingsbeschikking is daarmee vervallen en de dwangsom wordt niet ingevorderd"
    )


def _niet_verjaard(p: Posttoestand, datum: date) -> str | None:
    if datum <= p.verjaart_op:
        return None
    return f"de rechtsvordering is op {datum_nl(p.verjaart_op)} verjaard (Awb 5:35 lid 1): invorderen kan niet meer"


def _niet_tijdig_betaald(p: Posttoestand, datum: date) -> str | None:
    if p.invorderingsbeschikking_op is None or datum < p.invorderingsbeschikking_op:
        return "Awb 5:37 lid 1: eerst bij beschikking vaststellen dat de dwangsom is verbeurd (invorderingsbeschikking)"
    if datum <= p.betalen_voor:
        return (
            f"Awb 4:112 lid 1: een aanmaning alleen als niet tijdig is betaald; de betaaltermijn (Awb 5:33) loopt "
            f"tot en met {datum_nl(p.betalen_voor)}"
        )
    return None


def _aanmaningstermijn_verstreken(p: Posttoestand, datum: date) -> str | None:
    tot = p.aanmaning_betalen_voor
    if tot is None or datum <= tot:
        return (
            f"Awb 4:117 lid 1: een dwangbevel pas als binnen de aanmaningstermijn (Awb 4:112) niet volledig is "
            f"betaald{f' (termijn tot en met {datum_nl(tot)})' if tot else ''}"
        )
    return None


ZIENSWIJZE_GEVRAAGD = Param(
    "zienswijze_gevraagd_op",
    Soort.DATUM,
    False,
    "dag waarop de overtreder is uitgenodigd een zienswijze te geven op de voorgenomen invordering",
)
_HOREN_VOOR_INVORDERING = "Awb 4:8 lid 1; ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956"


def _gehoord_voor_invordering(p: Posttoestand, datum: date, g: Mapping[str, Any]) -> str | None:
    """Hear the offender before deciding on collection: the Council of State requires it under Awb 4:8 lid 1 so
    that he can raise special circumstances against (full) collection, and left its earlier line that Awb 4:12
    made it unnecessary (ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956). Only a ground of 4:8 lid 2 or 4:11 remains."""
    if grond := g.get("afzien_zienswijze"):
        if AfzienGrond(grond) is AfzienGrond.FINANCIELE_VERPLICHTING:
            return (
                f"{_HOREN_VOOR_INVORDERING}: vóór een invorderingsbeschikking wordt de overtreder gehoord; de Afdeling "
                "heeft de lijn verlaten dat Awb 4:12 dat overbodig maakt"
            )
        return afzien_reden(g, financieel=True)
    gevraagd = g.get("zienswijze_gevraagd_op")
    if gevraagd is None:
        return (
            f"{_HOREN_VOOR_INVORDERING}: stel de overtreder vóór de invorderingsbeschikking in de gelegenheid een "
            "zienswijze te geven (zienswijze_gevraagd_op), of leg een grond uit Awb 4:8 lid 2 of 4:11 vast "
            "(afzien_zienswijze, afzien_toelichting)"
        )
    if gevraagd < p.datum:
        return f"de uitnodiging voor een zienswijze ({datum_nl(gevraagd)}) ligt vóór de verbeurte ({datum_nl(p.datum)})"
    if gevraagd >= datum:
        return f"{_HOREN_VOOR_INVORDERING}: de invorderingsbeschikking volgt na de uitnodiging, niet op dezelfde dag"
    ontvangen = g.get("zienswijze_ontvangen_op")
    if ontvangen is not None:
        if not gevraagd <= ontvangen <= datum:
            return "de zienswijze is ontvangen na de uitnodiging en uiterlijk op de dag van de invorderingsbeschikking"
        return None
    minimum = minimale_zienswijzetermijn()
    tot = termijnen.zienswijzetermijn(
        gevraagd,
        kalender=kalender(),
        duur=minimum,
        verschuif_besluittermijnen=settings.OPENVTH_VERSCHUIF_BESLUITTERMIJNEN,
    ).einddatum
    if datum > tot:
        return None
    return (
        f"{_HOREN_VOOR_INVORDERING}: de zienswijzetermijn (ten minste {minimum}, OPENVTH_MIN_ZIENSWIJZETERMIJN) loopt "
        f"tot en met {datum_nl(tot)}; beslis daarna, of leg de ontvangen zienswijze vast (zienswijze_ontvangen_op)"
    )


def post_motivering(overgang: Postovergang, ruw: Mapping[str, Any]) -> list[str]:
    """The lines a collection step's input adds to the forfeiture's motivation (how the offender was heard)."""
    if not overgang.params:
        return []
    g = lees_gegevens(overgang.params, ruw)
    if grond := g.get("afzien_zienswijze"):
        return [f"Niet gehoord: {AfzienGrond(grond).artikel}. {g.get('afzien_toelichting', '')}".strip()]
    if "zienswijze_gevraagd_op" not in g:
        return []
    regel = f"Gehoord ({_HOREN_VOOR_INVORDERING}): uitgenodigd op {datum_nl(g['zienswijze_gevraagd_op'])}"
    if "zienswijze_ontvangen_op" in g:
        regel += f", zienswijze ontvangen op {datum_nl(g['zienswijze_ontvangen_op'])}"
    return [regel + "."]


def _aanmaningstermijn(datum: date) -> termijnen.Termijn:
    return termijnen.aanmaningstermijn(datum, kalender=kalender())


BETALEN = Postovergang("Betaald", "Betaling van de verbeurde dwangsom (Awb 5:33)", (_na_verbeurte,))

VERBEURTE_OVERGANGEN: Mapping[VerbeurteFase, Mapping[VerbeurteFase, Postovergang]] = {
    VerbeurteFase.VERBEURD: {
        VerbeurteFase.INVORDERINGSBESCHIKKING: Postovergang(
            "Invorderingsbeschikking",
            "Awb 5:37 lid 1 (eerst bij beschikking beslissen omtrent de invordering); 4:8 lid 1 (eerst horen, ABRvS "
            "12-09-2018, ECLI:NL:RVS:2018:2956); 5:37a lid 1 (stuit de verjaring)",
            (_na_verbeurte, _last_niet_vervallen, _niet_verjaard),
            stuit=True,
            voorwaarden=(
                "na de verbeurte",
                "last niet met terugwerkende kracht ingetrokken (Awb 5:38 lid 1)",
                "niet verjaard (Awb 5:35)",
                "de overtreder is gehoord, of een grond van Awb 4:8 lid 2 / 4:11 (Awb 4:8 lid 1)",
            ),
            params=(ZIENSWIJZE_GEVRAAGD, ZIENSWIJZE_ONTVANGEN, AFZIEN_ZIENSWIJZE, AFZIEN_TOELICHTING),
            invoerbewakers=(_gehoord_voor_invordering,),
        ),
        VerbeurteFase.BETAALD: BETALEN,
    },
    VerbeurteFase.INVORDERINGSBESCHIKKING: {
        VerbeurteFase.AANMANING: Postovergang(
            "Aanmaning",
            "Awb 4:112 lid 1 (aanmaning van de schuldenaar in verzuim, 4:97: betalen binnen twee weken vanaf de dag "
            "na toezending), 4:118 (geen zienswijze), 4:106 (stuit de verjaring)",
            (_niet_tijdig_betaald, _last_niet_vervallen, _niet_verjaard),
            stuit=True,
            termijn=_aanmaningstermijn,
            voorwaarden=(
                "invorderingsbeschikking gegeven (Awb 5:37)",
                "betaaltermijn verstreken (Awb 5:33)",
                "last niet met terugwerkende kracht ingetrokken (Awb 5:38 lid 1)",
                "niet verjaard (Awb 5:35)",
            ),
        ),
        VerbeurteFase.BETAALD: BETALEN,
    },
    VerbeurteFase.AANMANING: {
        VerbeurteFase.DWANGBEVEL: Postovergang(
            "Dwangbevel",
            "Awb 5:10 lid 2 (bevoegdheid tot dwangbevel), 4:117 lid 1 (pas na de aanmaningstermijn), 4:118 (geen "
            "zienswijze), 4:106 (stuit de verjaring)",
            (_aanmaningstermijn_verstreken, _last_niet_vervallen, _niet_verjaard),
            stuit=True,
            voorwaarden=(
                "aanmaningstermijn verstreken zonder volledige betaling (Awb 4:117 lid 1)",
                "last niet met terugwerkende kracht ingetrokken (Awb 5:38 lid 1)",
                "niet verjaard (Awb 5:35)",
            ),
        ),
        VerbeurteFase.BETAALD: BETALEN,
    },
    VerbeurteFase.DWANGBEVEL: {VerbeurteFase.BETAALD: BETALEN},
    VerbeurteFase.BETAALD: {},
}


# --- evaluation ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Beoordeling:
    """The outcome of checking one transition: the parsed input, the term it starts, the field changes."""

    overgang: Overgang
    gegevens: Mapping[str, Any]
    berekend: Berekend | None
    wijzigingen: Mapping[str, Any]


def niet_in_tabel(van: str, naar: str) -> str:
    toegestaan = ", ".join(OVERGANGEN.get(van, {})) or "geen (eindfase)"
    return f"de overgang van '{van or 'start'}' naar '{naar}' staat niet in de tabel; vanuit hier: {toegestaan}"


def beoordeel(toestand: Toestand, naar: str, *, datum: date, ruw: Mapping[str, Any], vandaag: date) -> Beoordeling:
    """Check one transition of a measure against the table; raises `OngeldigeInvoer` with every reason it fails."""
    overgang = OVERGANGEN.get(toestand.fase, {}).get(naar)
    if overgang is None:
        raise OngeldigeInvoer(velden={"naar": niet_in_tabel(toestand.fase, naar)})
    fouten: dict[str, str] = {}
    if datum > vandaag:
        fouten["datum"] = "een stap wordt vastgelegd als hij is gezet: de datum ligt in de toekomst"
    elif toestand.laatste_stap and datum < toestand.laatste_stap:
        fouten["datum"] = f"de vorige stap is van {datum_nl(toestand.laatste_stap)}; stappen volgen elkaar in de tijd"
    elif datum < toestand.geconstateerd_op:
        fouten["datum"] = f"vóór de constatering van de overtreding ({datum_nl(toestand.geconstateerd_op)})"
    gegevens = lees_gegevens(overgang.params, ruw)
    context = Context(toestand, datum, gegevens)
    for bewaker in overgang.bewakers:
        if bewaker.veld in fouten:
            continue
        if (reden := bewaker.toets(context)) is not None:
            veld = dwangsomveld(context) if bewaker is DWANGSOM_GELDIG else bewaker.veld
            fouten.setdefault(veld, reden)
    if fouten:
        raise OngeldigeInvoer(velden=fouten)
    berekend = overgang.termijn(context) if overgang.termijn else None
    wijzigingen = overgang.wijzigingen(context, berekend) if overgang.wijzigingen else {}
    return Beoordeling(overgang, gegevens, berekend, wijzigingen)


def beoordeel_post(
    toestand: Posttoestand, naar: VerbeurteFase, *, datum: date, vandaag: date, ruw: Mapping[str, Any] | None = None
) -> Postovergang:
    """Check one step of a forfeiture's collection, with its input `ruw` (the edge's `params`); raises `OngeldigeInvoer`
    with the reason."""
    van = toestand.fase
    overgang = VERBEURTE_OVERGANGEN[van].get(naar)
    if overgang is None:
        toegestaan = ", ".join(VERBEURTE_OVERGANGEN[van]) or "geen (betaald)"
        raise OngeldigeInvoer(
            velden={
                "naar": f"de stap van '{van}' naar '{naar}' staat niet in de tabel; vanuit hier: {toegestaan} "
                "(volgorde: invorderingsbeschikking, Awb 5:37 lid 1 → aanmaning, Awb 4:112 → dwangbevel, Awb 4:117)"
            }
        )
    if datum > vandaag:
        raise OngeldigeInvoer(
            velden={"datum": "een stap wordt vastgelegd als hij is gezet: de datum ligt in de toekomst"}
        )
    gegevens = lees_gegevens(overgang.params, ruw or {})
    for bewaker in overgang.bewakers:
        if (reden := bewaker(toestand, datum)) is not None:
            raise OngeldigeInvoer(velden={"datum": reden})
    for invoerbewaker in overgang.invoerbewakers:
        if (reden := invoerbewaker(toestand, datum, gegevens)) is not None:
            veld = "afzien_zienswijze" if "afzien_zienswijze" in gegevens else "zienswijze_gevraagd_op"
            raise OngeldigeInvoer(velden={veld: reden})
    return overgang


def mogelijke_overgangen(fase: str) -> Mapping[str, Overgang]:
    """The edges out of `fase`, for forms and the API (whether a guard holds is only known with the input)."""
    return OVERGANGEN.get(fase, {})


# The building blocks callers use through this module (forms, the API, the services).
__all__ = [
    "Berekend",
    "Bewaker",
    "Context",
    "LASTEN",
    "Overgang",
    "Param",
    "ROUTES",
    "Route",
    "Soort",
    "Toestand",
    "Werking",
    "camel",
    "kalender",
    "lees_gegevens",
    "route_van",
    "CIM_STATUS",
    "EINDFASEN",
    "OVERGANGEN",
    "START",
    "VAN_KRACHT",
    "VERBEURTE_OVERGANGEN",
    "Beoordeling",
    "Posttoestand",
    "Postovergang",
    "VerbeurteFase",
    "beoordeel",
    "beoordeel_post",
    "mogelijke_overgangen",
    "niet_in_tabel",
    "post_motivering",
]
