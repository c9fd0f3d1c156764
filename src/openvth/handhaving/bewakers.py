"""The building blocks of the workflow tables (`workflow.py`): instrument routes, step parameters, the state a
guard sees, the guards themselves, the terms a step starts and the field changes it makes.

Each guard is a condition in words (shown in forms and docs/handhaving.md) plus a check that returns the reason
it fails, citing its article; each term is computed by `regels.termijnen` and keeps its motivation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.regels import sancties, termijnen

_DAG = timedelta(days=1)


# --- instruments and their routes ------------------------------------------------------------------------------


class Route(StrEnum):
    """Which part of the table an instrument follows (codes of the LHSO table / code list Handhavingsinstrument)."""

    WAARSCHUWING = "waarschuwing"
    LAST_ONDER_DWANGSOM = "last onder dwangsom"
    BESTUURSDWANG = "last onder bestuursdwang"
    GEDOGEN = "gedogen"
    OVERIG = "overig"


ROUTES: Mapping[str, Route] = {
    "WAARSCHUWEN": Route.WAARSCHUWING,
    "LOD": Route.LAST_ONDER_DWANGSOM,
    "LOB": Route.BESTUURSDWANG,
    "STILLEGGEN": Route.BESTUURSDWANG,  # spoedeisende bestuursdwang, Awb 5:31
    "SLUITING": Route.BESTUURSDWANG,
    "GEDOGEN": Route.GEDOGEN,
}
LASTEN = (Route.LAST_ONDER_DWANGSOM, Route.BESTUURSDWANG)


def route_van(instrument: str) -> Route:
    """Any instrument not named here (informeren, bestuurlijk gesprek, boete, proces-verbaal …) is OVERIG."""
    return ROUTES.get(instrument, Route.OVERIG)


# --- parameters ----------------------------------------------------------------------------------------------


class Soort(StrEnum):
    DATUM = "datum"
    DUUR = "duur"
    BEDRAG = "bedrag"
    TEKST = "tekst"
    KEUZE = "keuze"
    GEHEEL = "geheel"


@dataclass(frozen=True)
class Param:
    """One input of a transition; `soort` tells a form or an API client how to ask for it."""

    naam: str
    soort: Soort
    verplicht: bool
    uitleg: str
    keuzes: tuple[str, ...] = ()


def _parse(param: Param, waarde: Any) -> Any:
    if param.soort is Soort.DATUM:
        if isinstance(waarde, date):
            return waarde
        return date.fromisoformat(str(waarde))
    if param.soort is Soort.DUUR:
        return waarde if isinstance(waarde, termijnen.Duur) else termijnen.Duur.parse(str(waarde))
    if param.soort is Soort.BEDRAG:
        if isinstance(waarde, float | bool):
            raise ValueError("geef een bedrag als tekst, bijv. '1500.00' (geen kommagetal)")
        try:
            bedrag = Decimal(str(waarde).strip())
        except InvalidOperation:
            raise ValueError(f"geen bedrag: {waarde!r}") from None
        if not bedrag.is_finite() or bedrag != bedrag.quantize(sancties.CENT):
            raise ValueError("een bedrag in euro's met ten hoogste twee decimalen")
        return bedrag
    if param.soort is Soort.GEHEEL:
        if isinstance(waarde, bool) or not str(waarde).strip().isdigit():
            raise ValueError("een geheel getal van ten minste 1")
        getal = int(str(waarde).strip())
        if getal < 1:
            raise ValueError("een geheel getal van ten minste 1")
        return getal
    tekst = str(waarde).strip()
    if param.soort is Soort.KEUZE and tekst not in param.keuzes:
        raise ValueError(f"kies uit: {', '.join(param.keuzes)}")
    return tekst


def camel(naam: str) -> str:
    """A parameter or field name as the API spells it (snake_case → camelCase)."""
    eerste, *rest = naam.split("_")
    return eerste + "".join(d.capitalize() for d in rest)


def lees_gegevens(params: tuple[Param, ...], ruw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed values of `ruw` for `params`; unknown, missing or malformed values all reported at once."""
    fouten: dict[str, str] = {}
    bekend = {p.naam for p in params}
    for naam in sorted(set(ruw) - bekend):
        fouten[naam] = f"onbekend gegeven voor deze stap; verwacht: {', '.join(sorted(bekend)) or 'geen'}"
    gegevens: dict[str, Any] = {}
    for p in params:
        waarde = ruw.get(p.naam)
        if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
            if p.verplicht:
                fouten[p.naam] = f"verplicht: {p.uitleg}"
            continue
        try:
            gegevens[p.naam] = _parse(p, waarde)
        except (ValueError, TypeError) as fout:
            fouten[p.naam] = str(fout)
    if fouten:
        raise OngeldigeInvoer(velden=fouten)
    return gegevens


HERSTELTERMIJN = Param("hersteltermijn", Soort.DUUR, True, "termijn om de overtreding te beëindigen, bijv. P2W")
ZIENSWIJZETERMIJN = Param(
    "zienswijzetermijn", Soort.DUUR, False, "termijn voor een zienswijze (standaard OPENVTH_ZIENSWIJZETERMIJN)"
)
INSTRUMENT = Param("instrument", Soort.KEUZE, True, "de voorgenomen last", ("LOD", "LOB", "STILLEGGEN", "SLUITING"))


class AfzienGrond(StrEnum):
    """The only grounds on which the Awb lets an authority decide without hearing the party first; the value is
    the code an API client sends, `artikel` the ground as the law words it (BWBR0005537, text of 1-1-2026)."""

    GEGEVENSPLICHT = "gegevensplicht niet nagekomen"
    SPOED = "spoed"
    EERDER_GEHOORD = "eerder gehoord"
    DOEL_VEREIST_GEHEIMHOUDING = "doel vereist geen voorafgaande kennisgeving"
    FINANCIELE_VERPLICHTING = "financiële verplichting"

    @property
    def artikel(self) -> str:
        return {
            "gegevensplicht niet nagekomen": "Awb 4:8 lid 2: de belanghebbende heeft niet voldaan aan een wettelijke "
            "verplichting gegevens te verstrekken",
            "spoed": "Awb 4:11 onder a: de vereiste spoed verzet zich tegen horen",
            "eerder gehoord": "Awb 4:11 onder b: de belanghebbende is eerder in de gelegenheid gesteld een zienswijze "
            "te geven en sindsdien hebben zich geen nieuwe feiten of omstandigheden voorgedaan",
            "doel vereist geen voorafgaande kennisgeving": "Awb 4:11 onder c: het doel van de beschikking kan alleen "
            "worden bereikt als de belanghebbende er niet tevoren van in kennis is gesteld",
            "financiële verplichting": "Awb 4:12 lid 1: een beschikking tot vaststelling van een financiële "
            "verplichting waartegen bezwaar openstaat en waarvan de nadelige gevolgen na bezwaar volledig ongedaan "
            "kunnen worden gemaakt",
        }[self.value]


AFZIEN_ZIENSWIJZE = Param(
    "afzien_zienswijze",
    Soort.KEUZE,
    False,
    "wettelijke grond om zonder zienswijze te besluiten (Awb 4:8 lid 2, 4:11 onder a-c, 4:12)",
    tuple(g.value for g in AfzienGrond),
)
AFZIEN_TOELICHTING = Param(
    "afzien_toelichting", Soort.TEKST, False, "de feiten die de gekozen grond om niet te horen dragen (verplicht)"
)
ZIENSWIJZE_ONTVANGEN = Param("zienswijze_ontvangen_op", Soort.DATUM, False, "dag waarop de zienswijze binnenkwam")
STREKKING = Param(
    "strekking",
    Soort.KEUZE,
    True,
    "waartoe de last strekt (Awb 5:32a lid 2)",
    tuple(s.value for s in sancties.Strekking),
)
BEEINDIGD_OP = Param(
    "overtreding_beeindigd_op",
    Soort.DATUM,
    False,
    "dag waarop is vastgesteld dat de overtreding is beëindigd (verplicht bij een last ter voorkoming van herhaling)",
)
BELANGENAFWEGING = Param(
    "belangenafweging",
    Soort.TEKST,
    True,
    "waarom het belang dat het voorschrift beschermt zich niet verzet tegen een dwangsom in plaats van "
    "bestuursdwang (Awb 5:32 lid 2)",
)
BEGUNSTIGINGSTERMIJN = Param(
    "begunstigingstermijn", Soort.DUUR, False, "termijn om de last uit te voeren, bijv. P4W (P…D, P…W of P…M)"
)
VORM = Param(
    "vorm", Soort.KEUZE, True, "vorm van de dwangsom (Awb 5:32b lid 1)", tuple(v.value for v in sancties.Dwangsomvorm)
)
EENHEID = Param(
    "eenheid",
    Soort.KEUZE,
    False,
    "tijdseenheid bij een dwangsom per tijdseenheid",
    tuple(e.value for e in sancties.Tijdseenheid),
)
BEDRAG = Param("bedrag", Soort.BEDRAG, True, "dwangsombedrag in euro's (Awb 5:32b lid 1)")
MAXIMUM = Param("maximum", Soort.BEDRAG, True, "bedrag waarboven niet meer wordt verbeurd (Awb 5:32b lid 2)")
KENMERK = Param("kenmerk", Soort.TEKST, False, "kenmerk van de (her)controle of het document")
HERSTELD_OP = Param("hersteld_op", Soort.DATUM, True, "dag waarop vastgesteld is dat de overtreding is beëindigd")
REDEN = Param("reden", Soort.TEKST, True, "de motivering van deze stap")
GEDOOGD_TOT = Param("gedoogd_tot", Soort.DATUM, True, "einddatum van de gedoogbeschikking")
VERBEURD_OP = Param("verbeurd_op", Soort.DATUM, False, "dag van verbeurte (standaard: de datum van de stap)")
VERBEURD_VANAF = Param("verbeurd_vanaf", Soort.DATUM, False, "eerste dag van een blok tijdseenheden")
REDEN_VERBEURDATUM = Param(
    "reden_verbeurdatum",
    Soort.TEKST,
    False,
    "waarom de dwangsom later is verbeurd dan de dag na de begunstigingstermijn (ECLI:NL:RVS:2018:653)",
)
AANTAL = Param("aantal", Soort.GEHEEL, False, "aantal verbeurde tijdseenheden of overtredingen (standaard 1)")
OMSCHRIJVING = Param("omschrijving", Soort.TEKST, False, "wat de maatregel inhoudt")
OMSCHRIJVING_VERPLICHT = Param(
    "omschrijving", Soort.TEKST, True, "de genomen herstelmaatregelen (Awb 5:24 lid 1 via 5:31 lid 1)"
)
SPOED_GROND = Param(
    "spoed_grond",
    Soort.TEKST,
    False,
    "waarom de situatie zo spoedeisend is dat geen begunstigingstermijn kan worden gegund (Awb 5:31 lid 1)",
)
SPOED_GROND_ACHTERAF = Param(
    "spoed_grond",
    Soort.TEKST,
    True,
    "waarom de situatie zo spoedeisend was dat een besluit niet kon worden afgewacht (Awb 5:31 lid 2)",
)
TOEGEPAST_OP = Param(
    "toegepast_op", Soort.DATUM, True, "dag waarop de bestuursdwang terstond is toegepast (Awb 5:31 lid 2)"
)


class Spoed(StrEnum):
    """Urgent administrative coercion (Awb 5:31, BWBR0005537 text of 1-1-2026)."""

    LID_1 = "Awb 5:31 lid 1"  # decided: bestuursdwang without a prior last, so without a grace period
    LID_2 = "Awb 5:31 lid 2"  # applied at once; the decision is made known as soon as possible afterwards


# --- the state a guard sees ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Toestand:
    """What the guards of `OVERGANGEN` may look at: one measure, its violation and its ledger."""

    fase: str
    instrument: str
    geconstateerd_op: date
    laatste_stap: date | None = None
    zienswijze_tot: date | None = None
    begunstigingstermijn_tot: date | None = None
    hercontrole_op: date | None = None
    opgelegd_op: date | None = None
    dwangsom_vorm: str = ""
    dwangsom_eenheid: str = ""
    dwangsom_bedrag: Decimal | None = None
    dwangsom_maximum: Decimal | None = None
    totaal_verbeurd: Decimal = Decimal("0.00")
    laatste_verbeurte: date | None = None
    andere_herstelsancties: tuple[str, ...] = ()
    spoedeisend: str = ""


@dataclass(frozen=True)
class Context:
    toestand: Toestand
    datum: date
    gegevens: Mapping[str, Any]


@dataclass(frozen=True)
class Bewaker:
    """A condition in words (for forms and documentation) and its check: None when it holds, else the reason."""

    voorwaarde: str
    veld: str
    toets: Callable[[Context], str | None]


@dataclass(frozen=True)
class Berekend:
    """A term a transition starts: its end (`termijn.einddatum`), motivation and the field it fills."""

    soort: str
    termijn: termijnen.Termijn


@dataclass(frozen=True)
class Overgang:
    naam: str
    artikel: str
    params: tuple[Param, ...] = ()
    bewakers: tuple[Bewaker, ...] = ()
    termijn: Callable[[Context], Berekend | None] | None = None
    wijzigingen: Callable[[Context, Berekend | None], dict[str, Any]] | None = None


# --- guards --------------------------------------------------------------------------------------------------


def datum_nl(d: date) -> str:
    """A date in a guard's reason or a step's motivation, as Dutch letters write it (31-12-2026)."""
    return d.strftime("%d-%m-%Y")


def route_is(*routes: Route) -> Bewaker:
    namen = " of ".join(r.value for r in routes)

    def toets(c: Context) -> str | None:
        route = route_van(c.toestand.instrument)
        if route in routes:
            return None
        return f"instrument '{c.toestand.instrument}' volgt de route '{route.value}', deze stap hoort bij: {namen}"

    return Bewaker(f"het instrument volgt de route: {namen}", "instrument", toets)


def afzien_reden(gegevens: Mapping[str, Any], *, financieel: bool) -> str | None:
    """Why deciding without hearing is not allowed, or None: a ground the Awb gives (a choice, never free text)
    and the facts that carry it. `financieel`: the decision fixes a financial obligation (Awb 4:12 can apply)."""
    grond = gegevens.get("afzien_zienswijze")
    if not grond:
        return (
            "Awb 4:8 lid 1: vóór deze beschikking wordt de overtreder in de gelegenheid gesteld een zienswijze te "
            "geven; zonder dat alleen op een wettelijke grond (afzien_zienswijze: Awb 4:8 lid 2, 4:11 onder a-c "
            "of 4:12) met een toelichting"
        )
    if AfzienGrond(grond) is AfzienGrond.FINANCIELE_VERPLICHTING and not financieel:
        return (
            "Awb 4:12 lid 1 geldt alleen voor een beschikking die een financiële verplichting of aanspraak vaststelt; "
            "een last onder dwangsom of bestuursdwang is dat niet"
        )
    if not gegevens.get("afzien_toelichting"):
        return f"geef de feiten die de grond dragen (afzien_toelichting); {AfzienGrond(grond).artikel}"
    return None


def _zonder_voornemen(c: Context) -> str | None:
    return afzien_reden(c.gegevens, financieel=False)


ZONDER_VOORNEMEN = Bewaker(
    "een wettelijke grond om niet te horen, met toelichting (Awb 4:8 lid 2, 4:11 onder a-c)",
    "afzien_zienswijze",
    _zonder_voornemen,
)


def _voornemen_op(c: Context) -> date | None:
    """The day of the voornemen: in phase `voornemen` its step is the last one (no edge stays in that phase)."""
    return c.toestand.laatste_stap if c.toestand.fase == "voornemen" else None


def _zienswijzetermijn_verstreken(c: Context) -> str | None:
    voornemen = _voornemen_op(c)
    if voornemen is not None and c.datum <= voornemen:
        return (
            f"Awb 4:8 lid 1: het voornemen is van {datum_nl(voornemen)}; het besluit volgt pas nadat de overtreder de "
            "gelegenheid heeft gehad een zienswijze te geven, niet op dezelfde dag"
        )
    ontvangen = c.gegevens.get("zienswijze_ontvangen_op")
    if ontvangen is not None:
        if ontvangen > c.datum:
            return "de zienswijze kan niet na het besluit zijn ontvangen"
        if voornemen is not None and ontvangen < voornemen:
            return (
                f"Awb 4:8 lid 1: een zienswijze op het voornemen van {datum_nl(voornemen)} kan niet vóór dat voornemen "
                "zijn ontvangen"
            )
        return None
    tot = c.toestand.zienswijze_tot
    if tot is None or c.datum > tot:
        return None
    return (
        f"Awb 4:8: de zienswijzetermijn loopt tot en met {datum_nl(tot)}; besluit daarna, of leg de ontvangen "
        "zienswijze vast (zienswijze_ontvangen_op)"
    )


ZIENSWIJZE_AFGEWACHT = Bewaker(
    "na de dag van het voornemen, en de zienswijzetermijn is verstreken of de zienswijze is ontvangen (Awb 4:8)",
    "datum",
    _zienswijzetermijn_verstreken,
)


def minimale_zienswijzetermijn() -> termijnen.Duur:
    """The shortest view period the authority allows (`OPENVTH_MIN_ZIENSWIJZETERMIJN`, policy: Awb 4:8 sets none)."""
    return termijnen.Duur.parse(settings.OPENVTH_MIN_ZIENSWIJZETERMIJN)


def _zienswijzetermijn_lang_genoeg(c: Context) -> str | None:
    duur: termijnen.Duur | None = c.gegevens.get("zienswijzetermijn")
    minimum = minimale_zienswijzetermijn()
    if duur is None or duur.minimaal_dagen >= minimum.minimaal_dagen:
        return None
    return (
        f"Awb 4:8 lid 1 vraagt een reële gelegenheid om een zienswijze te geven; het beleid van het bestuursorgaan "
        f"stelt ten minste {minimum} (OPENVTH_MIN_ZIENSWIJZETERMIJN). Is horen door spoed niet mogelijk, besluit "
        "dan zonder voornemen op een grond van Awb 4:11"
    )


ZIENSWIJZETERMIJN_MINIMUM = Bewaker(
    "een zienswijzetermijn niet korter dan het minimum (OPENVTH_MIN_ZIENSWIJZETERMIJN)",
    "zienswijzetermijn",
    _zienswijzetermijn_lang_genoeg,
)


def _herhaling_na_beeindiging(c: Context) -> str | None:
    if c.gegevens.get("strekking") != sancties.Strekking.VOORKOMEN_HERHALING:
        return None
    beeindigd = c.gegevens.get("overtreding_beeindigd_op")
    if beeindigd is None:
        return (
            "Awb 5:32a lid 2: een last ter voorkoming van herhaling (zonder begunstigingstermijn) veronderstelt dat de "
            "overtreding is beëindigd; duurt zij voort, dan strekt de last tot het ongedaan maken of het voorkomen "
            "van verdere overtreding en is een begunstigingstermijn verplicht. Leg vast wanneer de beëindiging is "
            "vastgesteld (overtreding_beeindigd_op)"
        )
    if beeindigd > c.datum:
        return "de beëindiging van de overtreding kan niet na het besluit zijn vastgesteld"
    if beeindigd < c.toestand.geconstateerd_op:
        return f"vóór de constatering van de overtreding ({datum_nl(c.toestand.geconstateerd_op)})"
    return None


HERHALING_NA_BEEINDIGING = Bewaker(
    "een last ter voorkoming van herhaling alleen als de overtreding is beëindigd (Awb 5:32a lid 2)",
    "overtreding_beeindigd_op",
    _herhaling_na_beeindiging,
)


class Werking(StrEnum):
    """How the withdrawal of a last onder dwangsom works: for the future (forfeitures stay collectable) or back to
    its start, when an invorderingsbeschikking given can no longer stand and lapses (Awb 5:38 lid 1)."""

    VOOR_DE_TOEKOMST = "voor de toekomst"
    TERUGWERKEND = "met terugwerkende kracht"


WERKING = Param(
    "werking",
    Soort.KEUZE,
    False,
    "werking van de intrekking van een last waaronder dwangsommen zijn verbeurd (Awb 5:38 lid 1)",
    tuple(w.value for w in Werking),
)


def _werking_bij_verbeurte(c: Context) -> str | None:
    if c.toestand.totaal_verbeurd <= 0 or c.gegevens.get("werking"):
        return None
    return (
        "onder deze last zijn dwangsommen verbeurd: geef aan of de intrekking voor de toekomst werkt (verbeurde "
        "dwangsommen blijven invorderbaar) of met terugwerkende kracht (een gegeven invorderingsbeschikking vervalt "
        "dan, Awb 5:38 lid 1)"
    )


WERKING_BIJ_VERBEURTE = Bewaker(
    "bij verbeurde dwangsommen: de werking van de intrekking (Awb 5:38 lid 1)", "werking", _werking_bij_verbeurte
)


BESTRAFFENDE_INSTRUMENTEN = frozenset({"BESTUURLIJKE_BOETE"})
"""Instruments of Awb titel 5.4 (bestuurlijke boete) that OpenVTH cannot yet take with the checks the law asks."""


def _geen_boete(c: Context) -> str | None:
    if c.toestand.instrument not in BESTRAFFENDE_INSTRUMENTEN:
        return None
    return (
        "OpenVTH ondersteunt de bestuurlijke boete (Awb titel 5.4) nog niet: de toetsen die de wet daarvoor stelt "
        "(geen tweede boete voor dezelfde overtreding, 5:43; voorleggen aan het OM en niet na strafvervolging, 5:44; "
        "verval na drie of vijf jaar, 5:45; wettelijk maximum en afstemming op ernst en verwijtbaarheid, 5:46; rapport "
        "en zienswijze, 5:48-5:50 en 5:53; beslissen binnen dertien weken na het rapport, 5:51) zijn niet "
        "geprogrammeerd. Leg de boete buiten OpenVTH vast"
    )


GEEN_BOETE = Bewaker("geen bestuurlijke boete (Awb titel 5.4 wordt nog niet ondersteund)", "instrument", _geen_boete)


def _begunstiging(c: Context) -> sancties.Begunstigingstermijn | None:
    duur: termijnen.Duur | None = c.gegevens.get("begunstigingstermijn")
    if duur is None:
        return None
    eenheid = {"D": sancties.Tijdseenheid.DAG, "W": sancties.Tijdseenheid.WEEK, "M": sancties.Tijdseenheid.MAAND}
    if duur.eenheid.value not in eenheid:
        raise ValueError("een begunstigingstermijn in dagen, weken of maanden (P…D, P…W, P…M)")
    return sancties.Begunstigingstermijn(duur.aantal, eenheid[duur.eenheid.value])


def _begunstigingstermijn_lod(c: Context) -> str | None:
    try:
        sancties.toets_begunstigingstermijn(sancties.Strekking(c.gegevens["strekking"]), _begunstiging(c))
    except (ValueError, KeyError) as fout:
        return str(fout)
    return None


BEGUNSTIGING_LOD = Bewaker(
    "een begunstigingstermijn als de last een overtreding moet beëindigen (Awb 5:32a lid 2)",
    "begunstigingstermijn",
    _begunstigingstermijn_lod,
)


def _begunstigingstermijn_lob(c: Context) -> str | None:
    if c.gegevens.get("begunstigingstermijn") is None and c.gegevens.get("spoed_grond"):
        return None  # Awb 5:31 lid 1: bestuursdwang without a prior last; 5:24 lid 2 (the term) does not apply
    if c.gegevens.get("begunstigingstermijn") is None:
        return "Awb 5:24 lid 2: de last onder bestuursdwang vermeldt de termijn waarbinnen zij moet worden uitgevoerd"
    try:
        _begunstiging(c)
    except ValueError as fout:
        return str(fout)
    return None


BEGUNSTIGING_LOB = Bewaker(
    "een termijn waarbinnen de last moet worden uitgevoerd (Awb 5:24 lid 2)",
    "begunstigingstermijn",
    _begunstigingstermijn_lob,
)


def _dwangsom(c: Context) -> str | None:
    g = c.gegevens
    try:
        vorm = sancties.Dwangsomvorm(g["vorm"])
        eenheid = sancties.Tijdseenheid(g["eenheid"]) if g.get("eenheid") else None
        sancties.toets_bedragen(vorm, g["bedrag"], g["maximum"], eenheid)
    except (ValueError, KeyError) as fout:
        return str(fout)
    return None


def dwangsomveld(c: Context) -> str:
    reden = _dwangsom(c) or ""
    return "maximum" if "maximum" in reden else "eenheid" if "tijdseenheid" in reden else "bedrag"


DWANGSOM_GELDIG = Bewaker(
    "een positief bedrag en een maximum niet lager dan het bedrag (Awb 5:32b lid 1-2)", "bedrag", _dwangsom
)


def _samenloop(c: Context) -> str | None:
    bestaand = [
        sancties.BestaandeMaatregel(o, sancties.InstrumentCategorie.BESTUURSRECHTELIJK_HERSTELLEND, True, True)
        for o in c.toestand.andere_herstelsancties
    ]
    try:
        sancties.toets_samenloop(bestaand)
    except ValueError as fout:
        return str(fout)
    return None


GEEN_SAMENLOOP = Bewaker(
    "geen andere herstelsanctie wegens dezelfde overtreding van kracht (Awb 5:6)", "instrument", _samenloop
)


def _hersteltermijn_verstreken(c: Context) -> str | None:
    op = c.toestand.hercontrole_op
    if op is None or c.datum >= op:
        return None
    return f"de hersteltermijn van de waarschuwing loopt nog; hercontrole vanaf {datum_nl(op)}"


HERSTELTERMIJN_VERSTREKEN = Bewaker("de hersteltermijn is verstreken", "datum", _hersteltermijn_verstreken)


def _begunstigingstermijn_verstreken(c: Context) -> str | None:
    if c.toestand.spoedeisend:
        return None  # Awb 5:31: no grace period, bestuursdwang may follow at once
    tot = c.toestand.begunstigingstermijn_tot or c.toestand.opgelegd_op
    if tot is None or c.datum > tot:
        return None
    return (
        f"de begunstigingstermijn loopt tot en met {datum_nl(tot)}: binnen die termijn kan de last worden uitgevoerd "
        "zonder gevolg (Awb 5:32a lid 2, 5:24 lid 2); hercontrole pas daarna"
    )


BEGUNSTIGINGSTERMIJN_VERSTREKEN = Bewaker(
    "de begunstigingstermijn is verstreken", "datum", _begunstigingstermijn_verstreken
)


def _hersteld(c: Context) -> str | None:
    op = c.gegevens["hersteld_op"]
    if op > c.datum:
        return "de overtreding kan niet na deze stap beëindigd zijn"
    if op < c.toestand.geconstateerd_op:
        return "de overtreding kan niet vóór de constatering beëindigd zijn"
    return None


HERSTELD = Bewaker("de overtreding is beëindigd (hersteldatum)", "hersteld_op", _hersteld)


def _gedoogtermijn(c: Context) -> str | None:
    tot = c.gegevens["gedoogd_tot"]
    if tot <= c.datum:
        return "een gedoogbeschikking is beperkt in tijd: de einddatum ligt na de datum van het besluit"
    return None


GEDOOGTERMIJN = Bewaker("een einddatum na het besluit", "gedoogd_tot", _gedoogtermijn)


def _spoed_achteraf(c: Context) -> str | None:
    op = c.gegevens["toegepast_op"]
    if op > c.datum:
        return "Awb 5:31 lid 2: het besluit volgt de toepassing; de dag van toepassen ligt niet na het besluit"
    if op < c.toestand.geconstateerd_op:
        return "de bestuursdwang kan niet vóór de constatering van de overtreding zijn toegepast"
    return None


SPOED_ACHTERAF = Bewaker(
    "terstond toegepast op of vóór de dag van het besluit, niet vóór de constatering (Awb 5:31 lid 2)",
    "toegepast_op",
    _spoed_achteraf,
)


def _spoedeisend_besloten(c: Context) -> str | None:
    if c.toestand.spoedeisend == Spoed.LID_1:
        return None
    return "alleen na een besluit tot spoedeisende bestuursdwang zonder voorafgaande last (Awb 5:31 lid 1)"


SPOEDEISEND_BESLOTEN = Bewaker(
    "besloten tot bestuursdwang zonder voorafgaande last (Awb 5:31 lid 1)", "datum", _spoedeisend_besloten
)


def _onder_maximum(c: Context) -> str | None:
    t = c.toestand
    if t.dwangsom_maximum is None or t.totaal_verbeurd < t.dwangsom_maximum:
        return None
    return (
        f"het maximum ({sancties.euro(t.dwangsom_maximum)}) is verbeurd: er wordt niets meer verbeurd "
        "(Awb 5:32b lid 2); de last is uitgewerkt"
    )


ONDER_MAXIMUM = Bewaker("het maximum is nog niet verbeurd (Awb 5:32b lid 2)", "aantal", _onder_maximum)


def _maximum_bereikt(c: Context) -> str | None:
    t = c.toestand
    if t.dwangsom_maximum is not None and t.totaal_verbeurd >= t.dwangsom_maximum:
        return None
    rest = (t.dwangsom_maximum or Decimal(0)) - t.totaal_verbeurd
    return f"het maximum is nog niet bereikt: er kan nog {sancties.euro(rest)} worden verbeurd"


MAXIMUM_BEREIKT = Bewaker("het verbeurde totaal heeft het maximum bereikt", "datum", _maximum_bereikt)


def _verbeurte_na_termijn(c: Context) -> str | None:
    t, op = c.toestand, c.gegevens.get("verbeurd_op", c.datum)
    vanaf = c.gegevens.get("verbeurd_vanaf", op)
    grens = t.begunstigingstermijn_tot or t.opgelegd_op
    if op > c.datum:
        return "de verbeurte kan niet na de vaststelling (de datum van de stap) liggen"
    if vanaf > op:
        return "verbeurd_vanaf ligt na verbeurd_op"
    if grens is not None and vanaf <= grens:
        return f"binnen de begunstigingstermijn (tot en met {datum_nl(grens)}) wordt niets verbeurd (Awb 5:32a lid 2)"
    if t.laatste_verbeurte is not None and vanaf <= t.laatste_verbeurte:
        return f"een eerdere verbeurte loopt tot en met {datum_nl(t.laatste_verbeurte)}; verbeurten overlappen niet"
    aantal = c.gegevens.get("aantal", 1)
    if t.dwangsom_vorm == sancties.Dwangsomvorm.INEENS and aantal != 1:
        return "een dwangsom ineens wordt eenmaal verbeurd (aantal 1)"
    if t.dwangsom_eenheid == sancties.Tijdseenheid.DAG and aantal != (op - vanaf).days + 1:
        dagen = (op - vanaf).days + 1
        return f"een dwangsom per dag: van {datum_nl(vanaf)} tot en met {datum_nl(op)} zijn {dagen} dagen"
    return None


VERBEURTE_NA_TERMIJN = Bewaker(
    "verbeurd na de begunstigingstermijn en na de vorige verbeurte", "verbeurd_op", _verbeurte_na_termijn
)


def _verbeurdatum(c: Context) -> str | None:
    t = c.toestand
    if not t.dwangsom_vorm:
        return None
    try:
        sancties.verbeurdatum(
            vorm=sancties.Dwangsomvorm(t.dwangsom_vorm),
            begunstigingstermijn_tot=t.begunstigingstermijn_tot,
            eerste=t.laatste_verbeurte is None,
            vastgesteld_op=c.datum,
            opgegeven=c.gegevens.get("verbeurd_op"),
            reden=c.gegevens.get("reden_verbeurdatum", ""),
        )
    except sancties.DwangsomGeweigerd as fout:
        return str(fout)
    return None


VERBEURDATUM = Bewaker(
    "bij een voortdurende overtreding verbeurd op de dag na de begunstigingstermijn; later alleen met een reden "
    "(ECLI:NL:RVS:2018:653)",
    "verbeurd_op",
    _verbeurdatum,
)


# --- the terms transitions start -----------------------------------------------------------------------------


def kalender() -> termijnen.Feestdagenkalender:
    """The Atw art. 3 holidays plus the days equated with them by royal decree (art. 3 lid 3): those shipped in
    `regels/data/atw_gelijkgestelde_dagen.csv` and, for a decree newer than this release, those in the CSV files
    named by the setting `OPENVTH_ATW_GELIJKGESTELDE_DAGEN` (same columns; read once per process). The one
    calendar of the API, the workflow guards, the ledger and supervision."""
    return _kalender(tuple(settings.OPENVTH_ATW_GELIJKGESTELDE_DAGEN))


@functools.lru_cache(maxsize=4)
def _kalender(bestanden: tuple[str, ...]) -> termijnen.Feestdagenkalender:
    try:
        return termijnen.Feestdagenkalender.met_besluiten(*(Path(b).read_text("utf-8") for b in bestanden))
    except (OSError, ValueError) as fout:
        raise ImproperlyConfigured(f"OPENVTH_ATW_GELIJKGESTELDE_DAGEN ({', '.join(bestanden)}): {fout}") from fout


def _besluittermijn(soort: str, bron: str, duur: termijnen.Duur, datum: date) -> Berekend:
    t = termijnen.einde_termijn(
        datum,
        duur,
        kalender=kalender(),
        richting=termijnen.Richting.VOORUIT,
        wettelijk=False,
        verschuif_besluittermijnen=settings.OPENVTH_VERSCHUIF_BESLUITTERMIJNEN,
    )
    return Berekend(soort, replace(t, motivering=(bron, *t.motivering)))


def hersteltermijn_van(c: Context) -> Berekend:
    return _besluittermijn(
        "hersteltermijn",
        "Hersteltermijn van de waarschuwing, gesteld door het bestuursorgaan (LHSO).",
        c.gegevens["hersteltermijn"],
        c.datum,
    )


def zienswijzetermijn_van(c: Context) -> Berekend:
    duur = c.gegevens.get("zienswijzetermijn") or termijnen.Duur.parse(settings.OPENVTH_ZIENSWIJZETERMIJN)
    t = termijnen.zienswijzetermijn(
        c.datum,
        kalender=kalender(),
        duur=duur,
        verschuif_besluittermijnen=settings.OPENVTH_VERSCHUIF_BESLUITTERMIJNEN,
    )
    return Berekend("zienswijzetermijn", t)


def begunstigingstermijn_van(c: Context) -> Berekend | None:
    duur = c.gegevens.get("begunstigingstermijn")
    if duur is None:
        return None
    return _besluittermijn(
        "begunstigingstermijn",
        "Begunstigingstermijn, gesteld in het besluit (Awb 5:32a lid 2 / 5:24 lid 2); hij begint de dag na "
        "het besluit.",
        duur,
        c.datum,
    )


def gedoogtermijn_van(c: Context) -> Berekend:
    tot = c.gegevens["gedoogd_tot"]
    return Berekend(
        "gedoogtermijn",
        termijnen.Termijn(tot, False, (f"Gedoogd tot en met {datum_nl(tot)} (gedoogbeschikking).",), tot, False),
    )


# --- field changes -------------------------------------------------------------------------------------------


def velden_waarschuwing(c: Context, b: Berekend | None) -> dict[str, Any]:
    assert b is not None
    return {"hercontrole_op": b.termijn.einddatum + _DAG}


def velden_voornemen(c: Context, b: Berekend | None) -> dict[str, Any]:
    assert b is not None
    velden: dict[str, Any] = {"zienswijze_tot": b.termijn.einddatum}
    if "instrument" in c.gegevens:
        velden |= {"instrument": c.gegevens["instrument"], "herstellend": True}
    return velden


def velden_besluit(c: Context, b: Berekend | None) -> dict[str, Any]:
    g = c.gegevens
    velden: dict[str, Any] = {
        "opgelegd_op": c.datum,
        "begunstigingstermijn": g["begunstigingstermijn"].iso if g.get("begunstigingstermijn") else "",
        "begunstigingstermijn_tot": b.termijn.einddatum if b else None,
        "hercontrole_op": b.termijn.einddatum + _DAG if b else None,
        "dwangsom_strekking": g.get("strekking", ""),
        "spoedeisend": Spoed.LID_1 if g.get("spoed_grond") and not g.get("begunstigingstermijn") else "",
    }
    if "bedrag" in g:
        velden |= {
            "dwangsom_vorm": g["vorm"],
            "dwangsom_eenheid": g.get("eenheid", ""),
            "dwangsom_bedrag": g["bedrag"],
            "dwangsom_maximum": g["maximum"],
        }
    return velden


def velden_hercontrole(c: Context, b: Berekend | None) -> dict[str, Any]:
    return {"hercontrole_op": c.datum}


def velden_einde(c: Context, b: Berekend | None) -> dict[str, Any]:
    return {"beeindigd_op": c.datum}


def velden_gedoogd(c: Context, b: Berekend | None) -> dict[str, Any]:
    tot = c.gegevens["gedoogd_tot"]
    return {"instrument": "GEDOGEN", "herstellend": False, "gedoogd_tot": tot, "opgelegd_op": c.datum}


def velden_genomen(c: Context, b: Berekend | None) -> dict[str, Any]:
    return {"omschrijving": c.gegevens["omschrijving"]} if c.gegevens.get("omschrijving") else {}


def velden_spoed_achteraf(c: Context, b: Berekend | None) -> dict[str, Any]:
    return {
        "opgelegd_op": c.datum,
        "spoedeisend": Spoed.LID_2,
        "bestuursdwang_toegepast_op": c.gegevens["toegepast_op"],
        "omschrijving": c.gegevens["omschrijving"],
        "herstellend": True,
    }
