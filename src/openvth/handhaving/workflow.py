"""The administrative route of a measure, and the collection of a forfeited dwangsom, as declarative tables.

Two tables, data rather than if-chains (ADR 0015):

* `OVERGANGEN` — a Handhavingsmaatregel: waarschuwing → hercontrole → voornemen (zienswijze, Awb 4:8) → besluit
  last onder dwangsom / bestuursdwang (begunstigingstermijn, Awb 5:32a / 5:24) → hercontrole → verbeurd →
  uitgewerkt at the maximum (CIM `Status Hh-maatregel`), plus uitgevoerd, ingetrokken and gedoogd;
* `VERBEURTE_OVERGANGEN` — one forfeiture: verbeurd → invorderingsbeschikking (Awb 5:37) → aanmaning (Awb
  4:112) → dwangbevel (Awb 4:114), and betaald from any open state.

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

from openvth.regels import termijnen

from .bewakers import (
    AANTAL,
    AFZIEN_ZIENSWIJZE,
    BEDRAG,
    BEGUNSTIGING_LOB,
    BEGUNSTIGING_LOD,
    BEGUNSTIGINGSTERMIJN,
    BEGUNSTIGINGSTERMIJN_VERSTREKEN,
    DWANGSOM_GELDIG,
    EENHEID,
    GEDOOGD_TOT,
    GEDOOGTERMIJN,
    GEEN_SAMENLOOP,
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
    ROUTES,
    SPOED_ACHTERAF,
    SPOED_GROND,
    SPOED_GROND_ACHTERAF,
    SPOEDEISEND_BESLOTEN,
    STREKKING,
    TOEGEPAST_OP,
    REDEN_VERBEURDATUM,
    VERBEURD_OP,
    VERBEURD_VANAF,
    VERBEURDATUM,
    VERBEURTE_NA_TERMIJN,
    VORM,
    ZIENSWIJZE_AFGEWACHT,
    ZIENSWIJZE_ONTVANGEN,
    ZIENSWIJZETERMIJN,
    ZONDER_VOORNEMEN,
    Berekend,
    Bewaker,
    Context,
    Ongeldig,
    Overgang,
    Param,
    Route,
    Soort,
    Toestand,
    _begunstigingstermijn,
    _besluit,
    _dwangsomveld,
    _einde,
    _fmt,
    _gedoogd,
    _gedoogtermijn_berekend,
    _genomen,
    _hercontrole,
    _hersteltermijn,
    _spoed_achteraf_genomen,
    _voornemen,
    _waarschuwing,
    _zienswijzetermijn,
    camel,
    kalender,
    lees_gegevens,
    route_is,
    route_van,
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

_LOD_BESLUIT = (STREKKING, BEGUNSTIGINGSTERMIJN, VORM, EENHEID, BEDRAG, MAXIMUM, KENMERK)
_LOB_BESLUIT = (STREKKING, BEGUNSTIGINGSTERMIJN, KENMERK)

_LOB_BESLUIT = (*_LOB_BESLUIT, SPOED_GROND)  # with a ground and no term: Awb 5:31 lid 1

UITVOEREN = Overgang(
    "Overtreding beëindigd",
    "CIM Status Hh-maatregel 'uitgevoerd'; Hersteldatum van de Overtreding",
    (HERSTELD_OP, KENMERK),
    (HERSTELD,),
    wijzigingen=_einde,
)
INTREKKEN = Overgang(
    "Maatregel intrekken",
    "Intrekking door het bestuursorgaan dat de maatregel nam, of opheffing van de last (Awb 5:34); afzien van "
    "handhaving alleen in bijzondere gevallen (beginselplicht tot handhaving, vaste rechtspraak ABRvS)",
    (REDEN,),
    wijzigingen=_einde,
)
GEDOGEN = Overgang(
    "Gedoogbeschikking",
    "Gedoogbeschikking: besluit (Awb 1:3) om tijdelijk niet te handhaven, alleen in uitzonderingssituaties "
    "(beginselplicht tot handhaving, vaste rechtspraak ABRvS; CIM Toestemmingsoort 'gedoogbeschikking')",
    (GEDOOGD_TOT, REDEN),
    (GEDOOGTERMIJN,),
    _gedoogtermijn_berekend,
    _gedoogd,
)
VOORNEMEN = Overgang(
    "Voornemen tot een last (zienswijze)",
    "Awb 4:8 lid 1: de overtreder kan een zienswijze geven vóór het besluit; termijn gesteld door het "
    "bestuursorgaan",
    (ZIENSWIJZETERMIJN, KENMERK),
    (route_is(*LASTEN),),
    _zienswijzetermijn,
    _voornemen,
)
BESLUIT_LOD = Overgang(
    "Besluit last onder dwangsom",
    "Awb 5:31d (last onder dwangsom), 5:32a lid 2 (begunstigingstermijn), 5:32b (vorm, bedrag, maximum), 5:6 "
    "(samenloop), 5:9 (overtreding en voorschrift)",
    (*_LOD_BESLUIT, ZIENSWIJZE_ONTVANGEN),
    (route_is(Route.LAST_ONDER_DWANGSOM), ZIENSWIJZE_AFGEWACHT, DWANGSOM_GELDIG, BEGUNSTIGING_LOD, GEEN_SAMENLOOP),
    _begunstigingstermijn,
    _besluit,
)
BESLUIT_LOB = Overgang(
    "Besluit last onder bestuursdwang",
    "Awb 5:21 (last onder bestuursdwang), 5:24 lid 1-2 (herstelmaatregelen en termijn), 5:6, 5:9",
    (*_LOB_BESLUIT, ZIENSWIJZE_ONTVANGEN),
    (route_is(Route.BESTUURSDWANG), ZIENSWIJZE_AFGEWACHT, BEGUNSTIGING_LOB, GEEN_SAMENLOOP),
    _begunstigingstermijn,
    _besluit,
)
HERCONTROLE = Overgang(
    "Hercontrole: overtreding voortgezet",
    "Hercontrole na de termijn (CIM: een nieuwe Controle naar aanleiding van de Overtreding)",
    (KENMERK,),
    (BEGUNSTIGINGSTERMIJN_VERSTREKEN,),
    wijzigingen=_hercontrole,
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
            _hersteltermijn,
            _waarschuwing,
        ),
        F.VOORNEMEN: VOORNEMEN,
        F.BESLUIT_LOD: replace(
            BESLUIT_LOD,
            naam="Besluit last onder dwangsom zonder voornemen",
            artikel=BESLUIT_LOD.artikel + "; zonder zienswijze alleen op een grond van Awb 4:11",
            params=(*_LOD_BESLUIT, AFZIEN_ZIENSWIJZE),
            bewakers=(route_is(Route.LAST_ONDER_DWANGSOM), ZONDER_VOORNEMEN, DWANGSOM_GELDIG, BEGUNSTIGING_LOD,
                      GEEN_SAMENLOOP),
        ),
        F.BESLUIT_LOB: replace(
            BESLUIT_LOB,
            naam="Besluit last onder bestuursdwang zonder voornemen",
            artikel=BESLUIT_LOB.artikel + "; zonder zienswijze alleen op een grond van Awb 4:11 (spoed, 5:31)",
            params=(*_LOB_BESLUIT, AFZIEN_ZIENSWIJZE),
            bewakers=(route_is(Route.BESTUURSDWANG), ZONDER_VOORNEMEN, BEGUNSTIGING_LOB, GEEN_SAMENLOOP),
        ),
        F.BESTUURSDWANG: Overgang(
            "Spoedeisende bestuursdwang, besluit achteraf",
            "Awb 5:31 lid 2: is de situatie zo spoedeisend dat een besluit niet kan worden afgewacht, dan wordt "
            "terstond bestuursdwang toegepast en zo spoedig mogelijk nadien alsnog het besluit bekendgemaakt (lid 1, "
            "met 5:24 lid 1 en 3; geen begunstigingstermijn); horen vooraf vervalt (Awb 4:11 onder a, spoed)",
            (TOEGEPAST_OP, SPOED_GROND_ACHTERAF, OMSCHRIJVING_VERPLICHT, KENMERK),
            (route_is(Route.BESTUURSDWANG), SPOED_ACHTERAF, GEEN_SAMENLOOP),
            wijzigingen=_spoed_achteraf_genomen,
        ),
        F.GEDOOGD: replace(GEDOGEN, bewakers=(route_is(Route.GEDOGEN), GEDOOGTERMIJN)),
        F.GENOMEN: Overgang(
            "Maatregel genomen",
            "LHSO 2022 stap 3: een ander instrument uit de interventiematrix (buiten de lastroute)",
            (OMSCHRIJVING, KENMERK),
            (route_is(Route.OVERIG),),
            wijzigingen=_genomen,
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
            bewakers=(route_is(Route.WAARSCHUWING),),
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


def _na_verbeurte(p: Posttoestand, datum: date) -> str | None:
    return None if datum >= p.datum else "deze stap kan niet vóór de verbeurte liggen"


def _niet_verjaard(p: Posttoestand, datum: date) -> str | None:
    if datum <= p.verjaart_op:
        return None
    return (
        f"de rechtsvordering is op {_fmt(p.verjaart_op)} verjaard (Awb 5:35 lid 1): invorderen kan niet meer"
    )


def _niet_tijdig_betaald(p: Posttoestand, datum: date) -> str | None:
    if p.invorderingsbeschikking_op is None or datum < p.invorderingsbeschikking_op:
        return "Awb 5:37 lid 1: eerst bij beschikking vaststellen dat de dwangsom is verbeurd (invorderingsbeschikking)"
    if datum <= p.betalen_voor:
        return (
            f"Awb 4:112 lid 1: een aanmaning alleen als niet tijdig is betaald; de betaaltermijn (Awb 5:33) loopt "
            f"tot en met {_fmt(p.betalen_voor)}"
        )
    return None


def _aanmaningstermijn_verstreken(p: Posttoestand, datum: date) -> str | None:
    tot = p.aanmaning_betalen_voor
    if tot is None or datum <= tot:
        return (
            f"Awb 4:114: een dwangbevel pas als niet binnen de termijn van de aanmaning is betaald"
            f"{f' (tot en met {_fmt(tot)})' if tot else ''}"
        )
    return None


def _aanmaningstermijn(datum: date) -> termijnen.Termijn:
    return termijnen.aanmaningstermijn(datum, kalender=kalender())


BETALEN = Postovergang("Betaald", "Betaling van de verbeurde dwangsom (Awb 5:33)", (_na_verbeurte,))

VERBEURTE_OVERGANGEN: Mapping[VerbeurteFase, Mapping[VerbeurteFase, Postovergang]] = {
    VerbeurteFase.VERBEURD: {
        VerbeurteFase.INVORDERINGSBESCHIKKING: Postovergang(
            "Invorderingsbeschikking",
            "Awb 5:37 lid 1 (eerst bij beschikking vaststellen dat verbeurd is); 5:37a lid 1 (stuit de verjaring)",
            (_na_verbeurte, _niet_verjaard),
            stuit=True,
            voorwaarden=("na de verbeurte", "niet verjaard (Awb 5:35)"),
        ),
        VerbeurteFase.BETAALD: BETALEN,
    },
    VerbeurteFase.INVORDERINGSBESCHIKKING: {
        VerbeurteFase.AANMANING: Postovergang(
            "Aanmaning",
            "Awb 4:112 lid 1 (aanmaning: betalen binnen twee weken na verzending), 4:106 (stuit de verjaring)",
            (_niet_tijdig_betaald, _niet_verjaard),
            stuit=True,
            termijn=_aanmaningstermijn,
            voorwaarden=("invorderingsbeschikking gegeven (Awb 5:37)", "betaaltermijn verstreken (Awb 5:33)",
                         "niet verjaard (Awb 5:35)"),
        ),
        VerbeurteFase.BETAALD: BETALEN,
    },
    VerbeurteFase.AANMANING: {
        VerbeurteFase.DWANGBEVEL: Postovergang(
            "Dwangbevel",
            "Awb 4:114 (invordering bij dwangbevel na de termijn van de aanmaning), 4:106 (stuit de verjaring)",
            (_aanmaningstermijn_verstreken, _niet_verjaard),
            stuit=True,
            voorwaarden=("aanmaningstermijn verstreken (Awb 4:112)", "niet verjaard (Awb 5:35)"),
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
    """Check one transition of a measure against the table; raises `Ongeldig` with every reason it fails."""
    overgang = OVERGANGEN.get(toestand.fase, {}).get(naar)
    if overgang is None:
        raise Ongeldig({"naar": niet_in_tabel(toestand.fase, naar)})
    fouten: dict[str, str] = {}
    if datum > vandaag:
        fouten["datum"] = "een stap wordt vastgelegd als hij is gezet: de datum ligt in de toekomst"
    elif toestand.laatste_stap and datum < toestand.laatste_stap:
        fouten["datum"] = f"de vorige stap is van {_fmt(toestand.laatste_stap)}; stappen volgen elkaar in de tijd"
    elif datum < toestand.geconstateerd_op:
        fouten["datum"] = f"vóór de constatering van de overtreding ({_fmt(toestand.geconstateerd_op)})"
    gegevens = lees_gegevens(overgang.params, ruw)
    context = Context(toestand, datum, gegevens)
    for bewaker in overgang.bewakers:
        if bewaker.veld in fouten:
            continue
        if (reden := bewaker.toets(context)) is not None:
            veld = _dwangsomveld(context) if bewaker is DWANGSOM_GELDIG else bewaker.veld
            fouten.setdefault(veld, reden)
    if fouten:
        raise Ongeldig(fouten)
    berekend = overgang.termijn(context) if overgang.termijn else None
    wijzigingen = overgang.wijzigingen(context, berekend) if overgang.wijzigingen else {}
    return Beoordeling(overgang, gegevens, berekend, wijzigingen)


def beoordeel_post(toestand: Posttoestand, naar: VerbeurteFase, *, datum: date, vandaag: date) -> Postovergang:
    """Check one step of a forfeiture's collection; raises `Ongeldig` with the reason."""
    van = toestand.fase
    overgang = VERBEURTE_OVERGANGEN[van].get(naar)
    if overgang is None:
        toegestaan = ", ".join(VERBEURTE_OVERGANGEN[van]) or "geen (betaald)"
        raise Ongeldig({
            "naar": f"de stap van '{van}' naar '{naar}' staat niet in de tabel; vanuit hier: {toegestaan} (volgorde: "
            "invorderingsbeschikking, Awb 5:37 lid 1 → aanmaning, Awb 4:112 → dwangbevel, Awb 4:114)"
        })
    if datum > vandaag:
        raise Ongeldig({"datum": "een stap wordt vastgelegd als hij is gezet: de datum ligt in de toekomst"})
    for bewaker in overgang.bewakers:
        if (reden := bewaker(toestand, datum)) is not None:
            raise Ongeldig({"datum": reden})
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
    "Ongeldig",
    "Overgang",
    "Param",
    "ROUTES",
    "Route",
    "Soort",
    "Toestand",
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
]
