"""Last onder dwangsom: voorstel uit een leidraad, de Awb-toetsen en de rekenkunde van verbeurde dwangsommen.

Bronnen (Algemene wet bestuursrecht, BWBR0005537):

* art. 5:2 lid 1 onder b (herstelsanctie), 5:6 (geen tweede herstelsanctie voor dezelfde overtreding zolang er
  een van kracht is), 5:31d (last onder dwangsom);
* art. 5:32a lid 2 (begunstigingstermijn bij een last tot ongedaan maken of voorkomen van verdere
  overtreding);
* art. 5:32b lid 1 (ineens, per tijdseenheid, per overtreding), lid 2 (verplicht maximum), lid 3 (redelijke
  verhouding tot de zwaarte van het geschonden belang en de beoogde werking);
* art. 4:84 (afwijken van een beleidsregel, zoals de leidraad, alleen gemotiveerd);
* CIM VTH FLo, Status Hh-maatregel ``uitgewerkt``: de dwangsommen zijn tot het maximum verbeurd.

Bedragen en termijnen per overtredingstype staan in een geversioneerde leidraad (data, per bevoegd gezag); de
meegeleverde ``data/leidraad_voorbeeld.json`` is een gedocumenteerd voorbeeld, geen vastgesteld beleid.
Kalenderdata van termijnen berekent deze module niet (zie ``termijnen.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from openvth.regels import termijnen
from openvth.regels.lhso import Handhavingsinstrument, InstrumentCategorie
from openvth.regels.tabeldata import enumlid, meegeleverd, object_met, uniek_op, van_soort

VOORBEELDBESTAND = "leidraad_voorbeeld.json"
SCHEMA = "openvth.sancties.leidraad/1"
CENT = Decimal("0.01")


class Dwangsomvorm(StrEnum):
    """Vorm van de dwangsom (Awb 5:32b lid 1)."""

    INEENS = "ineens"
    PER_TIJDSEENHEID = "per tijdseenheid"
    PER_OVERTREDING = "per overtreding"


class Tijdseenheid(StrEnum):
    DAG = "dag"
    WEEK = "week"
    MAAND = "maand"

    @property
    def meervoud(self) -> str:
        return {"dag": "dagen", "week": "weken", "maand": "maanden"}[self.value]


class Strekking(StrEnum):
    """Waartoe de last strekt; bepaalt of een begunstigingstermijn verplicht is (Awb 5:32a lid 2, 5:2)."""

    ONGEDAAN_MAKEN = "ongedaan maken van een overtreding"
    VOORKOMEN_VERDERE_OVERTREDING = "voorkomen van verdere overtreding"
    VOORKOMEN_HERHALING = "voorkomen van herhaling"

    @property
    def termijn_verplicht(self) -> bool:
        return self is not Strekking.VOORKOMEN_HERHALING


class DwangsomGeweigerd(ValueError):
    """Een voorstel of leidraadregel die een Awb-eis schendt; ``artikel`` noemt de geschonden bepaling."""

    def __init__(self, artikel: str, reden: str) -> None:
        super().__init__(f"{artikel}: {reden}")
        self.artikel, self.reden = artikel, reden


@dataclass(frozen=True)
class Begunstigingstermijn:
    """Termijn als aantal + eenheid; de kalenderdatum rekent ``termijnen.py`` uit (Awb 5:32a lid 2)."""

    aantal: int
    eenheid: Tijdseenheid

    def __post_init__(self) -> None:
        if isinstance(self.aantal, bool) or not isinstance(self.aantal, int) or self.aantal < 1:
            raise ValueError(f"Begunstigingstermijn: aantal moet een geheel getal ≥ 1 zijn: {self.aantal!r}.")

    def __str__(self) -> str:
        return f"{self.aantal} {self.eenheid.value if self.aantal == 1 else self.eenheid.meervoud}"


def euro(bedrag: Decimal) -> str:
    """An amount as a Dutch text writes it: € 1.234,50."""
    return "€ " + f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _per(vorm: Dwangsomvorm, eenheid: Tijdseenheid | None) -> str:
    if vorm is Dwangsomvorm.PER_TIJDSEENHEID:
        return f"per {eenheid.value if eenheid else '?'} dat de last niet is uitgevoerd"
    return "ineens" if vorm is Dwangsomvorm.INEENS else "per overtreding van de last"


def toets_begunstigingstermijn(strekking: Strekking, termijn: Begunstigingstermijn | None) -> str:
    """Awb 5:32a lid 2: een last die strekt tot het ongedaan maken van een overtreding of het voorkomen van
    verdere overtreding bevat een termijn waarin de last kan worden uitgevoerd zonder dat een dwangsom wordt
    verbeurd. Een last tot voorkomen van herhaling valt daar niet onder."""
    if strekking.termijn_verplicht and termijn is None:
        raise DwangsomGeweigerd(
            "Awb 5:32a lid 2",
            f"de last strekt tot {strekking.value}; een "
            "begunstigingstermijn waarin de overtreder de last kan uitvoeren zonder dat "
            "een dwangsom wordt verbeurd is verplicht.",
        )
    uitkomst = f"begunstigingstermijn {termijn}" if termijn else "een begunstigingstermijn is niet vereist"
    return f"Awb 5:32a lid 2: de last strekt tot {strekking.value}; {uitkomst}."


def toets_bedragen(
    vorm: Dwangsomvorm, bedrag: Decimal | None, maximum: Decimal | None, eenheid: Tijdseenheid | None
) -> tuple[str, ...]:
    """Awb 5:32b lid 1 (vorm en positief bedrag) en lid 2 (verplicht maximum, niet lager dan het bedrag)."""
    if bedrag is None or bedrag <= 0:
        raise DwangsomGeweigerd("Awb 5:32b lid 1", f"het dwangsombedrag moet positief zijn, niet {bedrag}.")
    if (vorm is Dwangsomvorm.PER_TIJDSEENHEID) != (eenheid is not None):
        raise DwangsomGeweigerd(
            "Awb 5:32b lid 1", "een tijdseenheid hoort bij (en alleen bij) een dwangsom per tijdseenheid."
        )
    if maximum is None:
        raise DwangsomGeweigerd(
            "Awb 5:32b lid 2", "een bedrag waarboven geen dwangsom meer wordt verbeurd (maximum) is verplicht."
        )
    if maximum < bedrag:
        raise DwangsomGeweigerd(
            "Awb 5:32b lid 2", f"het maximum ({euro(maximum)}) is lager dan het bedrag ({euro(bedrag)})."
        )
    if vorm is Dwangsomvorm.INEENS and maximum != bedrag:
        raise DwangsomGeweigerd("Awb 5:32b lid 2", "bij een dwangsom ineens is het maximum gelijk aan het bedrag.")
    for naam, waarde in (("bedrag", bedrag), ("maximum", maximum)):
        if waarde != waarde.quantize(CENT):
            raise ValueError(f"Dwangsom: {naam} {waarde} heeft meer dan twee decimalen (euro's en centen).")
    return (
        f"Awb 5:32b lid 1: dwangsom {euro(bedrag)} {_per(vorm, eenheid)}.",
        f"Awb 5:32b lid 2: maximaal te verbeuren bedrag {euro(maximum)}.",
    )


@dataclass(frozen=True)
class BestaandeMaatregel:
    """Een maatregel die al is genomen wegens dezelfde overtreding (voor de toets aan Awb 5:6)."""

    omschrijving: str
    categorie: InstrumentCategorie
    van_kracht: bool
    herstelsanctie: bool

    def __post_init__(self) -> None:
        if self.herstelsanctie and not self.categorie.bestuursrechtelijk:
            raise ValueError(
                f"Maatregel '{self.omschrijving}': een herstelsanctie (Awb 5:2 lid 1 onder b) "
                f"is bestuursrechtelijk, niet '{self.categorie.value}'."
            )

    @classmethod
    def uit_instrument(cls, instrument: Handhavingsinstrument, *, van_kracht: bool) -> BestaandeMaatregel:
        return cls(instrument.naam, instrument.categorie, van_kracht, instrument.herstelsanctie)


def toets_samenloop(bestaande: Iterable[BestaandeMaatregel]) -> tuple[str, ...]:
    """Awb 5:6: geen herstelsanctie zolang een andere wegens dezelfde overtreding opgelegde herstelsanctie van
    kracht is. Bestraffende en strafrechtelijke maatregelen en uitgewerkte of ingetrokken lasten staan niet in
    de weg (bij een bestuurlijke boete geldt wel Awb 5:44)."""
    maatregelen = list(bestaande)
    if blokkerend := [m.omschrijving for m in maatregelen if m.herstelsanctie and m.van_kracht]:
        raise DwangsomGeweigerd(
            "Awb 5:6",
            "wegens dezelfde overtreding is al een herstelsanctie van kracht "
            f"({', '.join(blokkerend)}); trek die eerst in of wacht tot zij is "
            "uitgewerkt.",
        )
    regels = ["Awb 5:6: wegens deze overtreding is geen andere herstelsanctie van kracht."]
    for m in maatregelen:
        reden = "niet meer van kracht" if m.herstelsanctie else f"geen herstelsanctie ({m.categorie.value})"
        regels.append(f"Bestaande maatregel '{m.omschrijving}' staat niet in de weg: {reden}.")
    return tuple(regels)


@dataclass(frozen=True)
class Richtbedrag:
    """Eén overtredingstype uit de leidraad; weigert zelf een regel die de Awb schendt (5:32a, 5:32b)."""

    code: str
    omschrijving: str
    strekking: Strekking
    vorm: Dwangsomvorm
    bedrag: Decimal
    eenheid: Tijdseenheid | None = None
    maximum: Decimal | None = None
    maximum_factor: Decimal | None = None
    begunstigingstermijn: Begunstigingstermijn | None = None

    def __post_init__(self) -> None:
        if (self.maximum is None) == (self.maximum_factor is None):
            raise DwangsomGeweigerd(
                "Awb 5:32b lid 2", f"leidraadregel '{self.code}' noemt óf een maximum óf een maximumfactor."
            )
        if self.maximum_factor is not None and self.maximum_factor < 1:
            raise DwangsomGeweigerd("Awb 5:32b lid 2", f"leidraadregel '{self.code}': maximumfactor < 1.")
        toets_bedragen(self.vorm, self.bedrag, self.maximum_voor(self.bedrag), self.eenheid)
        toets_begunstigingstermijn(self.strekking, self.begunstigingstermijn)

    def maximum_voor(self, bedrag: Decimal) -> Decimal:
        """Vast maximum, of bedrag × maximumfactor (afgerond op centen)."""
        if self.maximum is not None:
            return self.maximum
        return (bedrag * (self.maximum_factor or Decimal(1))).quantize(CENT)


@dataclass(frozen=True)
class Leidraad:
    """Geversioneerde leidraad dwangsommen van een bevoegd gezag (beleidsregel, Awb 4:81)."""

    versie: str
    overtredingstypen: Mapping[str, Richtbedrag]
    organisatie: str | None = None
    afwijkingsgrens: Decimal = Decimal(2)
    toelichting: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "overtredingstypen", MappingProxyType(dict(self.overtredingstypen)))
        if not self.versie.strip() or not self.overtredingstypen or self.afwijkingsgrens < 1:
            raise ValueError(
                f"Leidraad '{self.versie}': versie, overtredingstypen en afwijkingsgrens ≥ 1 zijn verplicht."
            )
        if fout := [k for k, r in self.overtredingstypen.items() if k != r.code]:
            raise ValueError(f"Leidraad '{self.versie}': sleutel en code verschillen bij {fout}.")


@dataclass(frozen=True)
class Dwangsomvoorstel:
    """Voorstel voor een last onder dwangsom, met motivering (artikelen) en de gebruikte leidraadversie."""

    overtredingstype: str
    omschrijving: str
    strekking: Strekking
    vorm: Dwangsomvorm
    eenheid: Tijdseenheid | None
    bedrag: Decimal
    maximum: Decimal
    begunstigingstermijn: Begunstigingstermijn | None
    waarschuwingen: tuple[str, ...]
    motivering: tuple[str, ...]
    leidraadversie: str


class _Leidraad:
    """Markeert 'neem de waarde uit de leidraad' (tegenover een expliciete ``None``)."""


UIT_LEIDRAAD: Any = _Leidraad()


def toets_evenredigheid(
    *,
    bedrag: Decimal,
    maximum: Decimal,
    richt: Richtbedrag,
    afwijkingsgrens: Decimal,
    kosten_naleving: Decimal | None,
    economisch_voordeel: Decimal | None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Awb 5:32b lid 3 en 4:84: (motivering, waarschuwingen).

    Een dwangsom werkt alleen als het bedrag per eenheid hoger is dan het economisch voordeel van doorgaan per
    eenheid (bij ineens: het totale voordeel) en het maximum niet onder de kosten van naleving ligt; afwijken
    van de leidraad vraagt motivering, een bedrag boven ``afwijkingsgrens`` × richtbedrag dreigt onevenredig.
    """
    mot = [
        "Awb 5:32b lid 3: de bedragen moeten in redelijke verhouding staan tot de zwaarte van het "
        "geschonden belang en de beoogde werking van de dwangsom; toetsing:"
    ]
    waarsch = []
    for naam, waarde in (("kosten naleving", kosten_naleving), ("economisch voordeel", economisch_voordeel)):
        if waarde is not None and waarde < 0:
            raise ValueError(f"Evenredigheid: {naam} kan niet negatief zijn ({waarde}).")
    if economisch_voordeel is not None:
        if bedrag <= economisch_voordeel:
            waarsch.append(
                f"Niet effectief: de dwangsom ({euro(bedrag)}) is niet hoger dan het economisch "
                f"voordeel van doorgaan ({euro(economisch_voordeel)}); de prikkel tot naleving "
                "ontbreekt (Awb 5:32b lid 3, beoogde werking)."
            )
        else:
            mot.append(
                f"De dwangsom ({euro(bedrag)}) overtreft het economisch voordeel van doorgaan "
                f"({euro(economisch_voordeel)}): doorgaan loont niet."
            )
    if kosten_naleving is not None:
        if maximum < kosten_naleving:
            waarsch.append(
                f"Niet effectief: het maximum ({euro(maximum)}) ligt onder de kosten van "
                f"naleving ({euro(kosten_naleving)}); betalen is goedkoper dan naleven "
                "(Awb 5:32b lid 3)."
            )
        else:
            mot.append(f"Het maximum ({euro(maximum)}) dekt de kosten van naleving ({euro(kosten_naleving)}).")
    richtmax = richt.maximum_voor(richt.bedrag)
    if bedrag > richt.bedrag * afwijkingsgrens:
        waarsch.append(
            f"Onevenredig hoog: het bedrag is meer dan {afwijkingsgrens} × het richtbedrag "
            f"({euro(richt.bedrag)}); alleen bij bijzondere omstandigheden en met motivering "
            "(Awb 4:84, 5:32b lid 3)."
        )
    elif (bedrag, maximum) != (richt.bedrag, richtmax):
        waarsch.append(
            f"Afwijking van de leidraad (richtbedrag {euro(richt.bedrag)}, maximum "
            f"{euro(richtmax)}): motiveer de bijzondere omstandigheden (Awb 4:84)."
        )
    else:
        mot.append(f"Bedrag en maximum volgen de leidraad ({euro(richt.bedrag)}, maximum {euro(richtmax)}).")
    return tuple(mot), tuple(waarsch)


def dwangsomvoorstel(
    *,
    overtredingstype: str,
    leidraad: Leidraad,
    bestaande_maatregelen: Sequence[BestaandeMaatregel] = (),
    kosten_naleving: Decimal | None = None,
    economisch_voordeel: Decimal | None = None,
    strekking: Strekking | None = None,
    vorm: Dwangsomvorm | None = None,
    eenheid: Tijdseenheid | None = None,
    bedrag: Decimal | None = None,
    maximum: Decimal | None = None,
    begunstigingstermijn: Begunstigingstermijn | None = UIT_LEIDRAAD,
) -> Dwangsomvoorstel:
    """Voorstel voor een last onder dwangsom volgens de leidraad, met de Awb-toetsen in wettelijke volgorde.

    Awb 5:6 (samenloop herstelsancties), 5:32a lid 2 (begunstigingstermijn), 5:32b lid 1–2 (vorm, bedrag,
    maximum), 5:32b lid 3 en 4:84 (evenredigheid en afwijking van de leidraad). Niet opgegeven waarden komen
    uit de leidraad; een ander bedrag zonder ander maximum krijgt het maximum volgens de leidraadregel (vast
    of factor). Weigert met :class:`DwangsomGeweigerd` (een ValueError) en noemt het artikel.
    """
    if overtredingstype not in leidraad.overtredingstypen:
        raise ValueError(
            f"Leidraad '{leidraad.versie}' kent overtredingstype '{overtredingstype}' niet; "
            f"kies uit {sorted(leidraad.overtredingstypen)}."
        )
    richt = leidraad.overtredingstypen[overtredingstype]
    mot = [f"Overtredingstype '{richt.code}': {richt.omschrijving} (leidraad {leidraad.versie})."]
    mot += toets_samenloop(bestaande_maatregelen)
    strekking = strekking or richt.strekking
    termijn = richt.begunstigingstermijn if begunstigingstermijn is UIT_LEIDRAAD else begunstigingstermijn
    mot.append(toets_begunstigingstermijn(strekking, termijn))
    vorm = vorm or richt.vorm
    if eenheid is None and vorm is Dwangsomvorm.PER_TIJDSEENHEID:
        eenheid = richt.eenheid
    bedrag = richt.bedrag if bedrag is None else bedrag
    if maximum is None and bedrag is not None and bedrag > 0:
        maximum = bedrag if vorm is Dwangsomvorm.INEENS else richt.maximum_voor(bedrag)
    mot += toets_bedragen(vorm, bedrag, maximum, eenheid)
    assert maximum is not None  # toets_bedragen weigert een ontbrekend maximum
    ev_mot, waarsch = toets_evenredigheid(
        bedrag=bedrag,
        maximum=maximum,
        richt=richt,
        afwijkingsgrens=leidraad.afwijkingsgrens,
        kosten_naleving=kosten_naleving,
        economisch_voordeel=economisch_voordeel,
    )
    return Dwangsomvoorstel(
        richt.code,
        richt.omschrijving,
        strekking,
        vorm,
        eenheid,
        bedrag,
        maximum,
        termijn,
        waarsch,
        (*mot, *ev_mot, *waarsch),
        leidraad.versie,
    )


# --- verbeurde dwangsommen (rekenkunde voor het grootboek) --------------------------------------------------


@dataclass(frozen=True)
class Verbeurte:
    """Vastgestelde verbeurte: op ``datum`` ``aantal`` tijdseenheden of overtredingen (bij ineens: 1)."""

    datum: date
    aantal: int = 1

    def __post_init__(self) -> None:
        if isinstance(self.aantal, bool) or not isinstance(self.aantal, int) or self.aantal < 1:
            raise ValueError(f"Verbeurte {self.datum}: aantal moet geheel en ≥ 1 zijn, niet {self.aantal!r}.")


@dataclass(frozen=True)
class Verbeurdstand:
    """Stand van de verbeurde dwangsommen: totaal (≤ maximum), posten per verbeurte, uitgewerkt of niet."""

    totaal: Decimal
    maximum: Decimal
    resterend: Decimal
    maximum_bereikt: bool
    uitgewerkt: bool
    posten: tuple[tuple[date, Decimal], ...]
    motivering: tuple[str, ...]


ECLI_VERBEURTE_INEENS = "ABRvS 28-02-2018, ECLI:NL:RVS:2018:653"


def verbeurdatum(
    *,
    vorm: Dwangsomvorm,
    begunstigingstermijn_tot: date | None,
    eerste: bool,
    vastgesteld_op: date,
    opgegeven: date | None = None,
    reden: str = "",
) -> tuple[date, str]:
    """The day a dwangsom was forfeited, and why (motivation; empty when the entered or step date simply holds).

    A lump sum (ineens) on a last that ends a continuing violation within a grace period (Awb 5:32a lid 2) is
    forfeited by operation of law (Awb 5:33) on the day after the grace period ends without compliance, not on the
    day a hercontrole finds it (ABRvS 28-02-2018, ECLI:NL:RVS:2018:653). That day is the default, because the
    one-year limitation (Awb 5:35 lid 1) runs from it; a later day needs a `reden` (e.g. the violation had stopped
    at the end of the term and was resumed later) and an earlier one lies inside the grace period. A dwangsom per
    unit of time or per violation, and a last without a grace period (to prevent repetition), forfeit when the
    violation occurs: the entered day or else the step's date.
    """
    if vorm is not Dwangsomvorm.INEENS or not eerste or begunstigingstermijn_tot is None:
        return opgegeven or vastgesteld_op, ""
    standaard = begunstigingstermijn_tot + timedelta(days=1)
    wat = "de dwangsom ineens"
    if opgegeven is None or opgegeven == standaard:
        return standaard, (
            f"Verbeurd op {standaard:%d-%m-%Y}, de dag na het einde van de begunstigingstermijn: bij een voortdurende "
            f"overtreding is {wat} dan van rechtswege verbeurd (Awb 5:33; {ECLI_VERBEURTE_INEENS}), niet pas op "
            "de dag van de hercontrole; de verjaring (Awb 5:35 lid 1) telt vanaf die dag."
        )
    if opgegeven < standaard:
        raise DwangsomGeweigerd(
            "Awb 5:32a lid 2",
            f"binnen de begunstigingstermijn (tot en met {begunstigingstermijn_tot:%d-%m-%Y}) wordt niets verbeurd.",
        )
    if not reden.strip():
        raise DwangsomGeweigerd(
            ECLI_VERBEURTE_INEENS,
            f"{wat} is bij een voortdurende overtreding verbeurd op {standaard:%d-%m-%Y}, de dag na het einde van "
            f"de begunstigingstermijn; een latere datum ({opgegeven:%d-%m-%Y}) alleen met een reden (bijv. de "
            "overtreding was toen beëindigd en is later hervat).",
        )
    return opgegeven, (
        f"Verbeurd op {opgegeven:%d-%m-%Y} in plaats van {standaard:%d-%m-%Y} (de dag na de begunstigingstermijn, "
        f"{ECLI_VERBEURTE_INEENS}): {reden.strip()}"
    )


def verbeurde_dwangsommen(voorstel: Dwangsomvoorstel, verbeurten: Iterable[Verbeurte]) -> Verbeurdstand:
    """Totaal verbeurd, in volgorde van datum en begrensd op het maximum (Awb 5:32b lid 2).

    Elke post is een eigen verbeurte (betaling binnen zes weken, Awb 5:33; verjaring één jaar na verbeurte,
    Awb 5:35). Bij het maximum is de last uitgewerkt (CIM Status Hh-maatregel ``uitgewerkt``).
    """
    totaal, posten, mot = Decimal("0.00"), [], []
    for v in sorted(verbeurten, key=lambda x: x.datum):
        if voorstel.vorm is Dwangsomvorm.INEENS and v.aantal != 1:
            raise ValueError(f"Verbeurte {v.datum}: een dwangsom ineens wordt eenmaal verbeurd (aantal 1).")
        vol = (voorstel.bedrag * v.aantal).quantize(CENT)
        post = min(vol, voorstel.maximum - totaal)
        totaal += post
        posten.append((v.datum, post))
        tekst = f"Verbeurd op {v.datum.isoformat()}: {v.aantal} × {euro(voorstel.bedrag)} = {euro(vol)}"
        grens = f", begrensd tot {euro(post)} (maximum, Awb 5:32b lid 2)"
        mot.append(tekst + ("." if post == vol else grens + "."))
    bereikt = totaal >= voorstel.maximum
    slot = (
        "maximum bereikt: de last is uitgewerkt (CIM Status Hh-maatregel 'uitgewerkt')"
        if bereikt
        else f"nog te verbeuren {euro(voorstel.maximum - totaal)}"
    )
    mot.append(f"Totaal verbeurd {euro(totaal)} van maximum {euro(voorstel.maximum)}; {slot}.")
    return Verbeurdstand(
        totaal, voorstel.maximum, voorstel.maximum - totaal, bereikt, bereikt, tuple(posten), tuple(mot)
    )


# --- verjaring van de invordering: verlenging en stuiting (Awb 5:35, 5:37a, 4:110) --------------------------


class Rechtsmiddelsoort(StrEnum):
    """Rechtsmiddel tegen de last onder dwangsom; de waarden zijn die van het model ``handhaving.Rechtsmiddel``."""

    BEZWAAR = "bezwaar"
    BEROEP = "beroep"
    HOGER_BEROEP = "hoger_beroep"
    VOORLOPIGE_VOORZIENING = "voorlopige_voorziening"


@dataclass(frozen=True)
class Rechtsmiddel:
    """Bezwaar, (hoger) beroep of verzoek om voorlopige voorziening tegen de last; ``beslist`` None = aanhangig.

    ``uitkomst`` 'ingetrokken' beëindigt de procedure zonder vervolg; een toegewezen voorlopige voorziening
    (``uitkomst`` 'toegewezen') schorst de invordering vanaf ``beslist`` tot en met ``geschorst_tot`` (None: tot
    nader order)."""

    soort: Rechtsmiddelsoort
    ingediend: date
    beslist: date | None = None
    uitkomst: str = ""
    geschorst_tot: date | None = None

    def __post_init__(self) -> None:
        if self.beslist is not None and self.beslist < self.ingediend:
            raise ValueError(f"{self.soort.value}: beslist ({self.beslist}) vóór ingediend ({self.ingediend}).")

    @property
    def schorst(self) -> bool:
        return (
            self.soort is Rechtsmiddelsoort.VOORLOPIGE_VOORZIENING
            and self.beslist is not None
            and self.uitkomst == "toegewezen"
        )

    @property
    def geschorst_vanaf(self) -> date | None:
        """The first day the collection is suspended (the day the judge decided), or None: no suspension."""
        return self.beslist if self.schorst else None


@dataclass(frozen=True)
class Verjaring:
    """Einde van de invorderingsbevoegdheid: de laatste dag ``datum``. ``verlengd``: op ``datum`` is een
    rechtsmiddel nog aanhangig (Awb 5:35 lid 2) of loopt een schorsing zonder einddatum (5:37a lid 4); de termijn
    loopt door tot daarop is beslist en wordt dan opnieuw berekend."""

    datum: date
    verlengd: bool
    motivering: tuple[str, ...]


_NAAM = {
    "bezwaar": "bezwaar",
    "beroep": "beroep",
    "hoger_beroep": "hoger beroep",
    "voorlopige_voorziening": "voorlopige voorziening",
}


def _d(d: date) -> str:
    return f"{d:%d-%m-%Y}"


def invordering_geschorst(rechtsmiddelen: Iterable[Rechtsmiddel], datum: date) -> str | None:
    """Waarom invorderen op ``datum`` niet mag, of None. Bezwaar en beroep schorsen de werking van de last niet
    (Awb 6:16); alleen een voorlopige voorziening van de voorzieningenrechter (Awb 8:81) doet dat."""
    for r in rechtsmiddelen:
        vanaf = r.geschorst_vanaf
        if vanaf is not None and vanaf <= datum and (r.geschorst_tot is None or datum <= r.geschorst_tot):
            tot = f"tot en met {_d(r.geschorst_tot)}" if r.geschorst_tot else "tot nader order"
            return (
                f"de voorzieningenrechter heeft op {_d(vanaf)} een voorlopige voorziening getroffen die de "
                f"invordering schorst ({tot}; Awb 8:81); bezwaar of beroep alleen schorst niet (Awb 6:16)"
            )
    return None


def _verlenging(
    eind: date,
    rechtsmiddelen: Sequence[Rechtsmiddel],
    last_bekendgemaakt: date | None,
    kalender: termijnen.Feestdagenkalender,
    mot: list[str],
) -> date | None:
    """Awb 5:35 lid 2 en 5:37a lid 4, getoetst op de dag ``eind`` waarop de rechtsvordering zou verjaren."""
    procedures = [r for r in rechtsmiddelen if r.soort is not Rechtsmiddelsoort.VOORLOPIGE_VOORZIENING]

    def venster(beslist: date) -> date:  # 6 weeks for the next remedy (Awb 6:7, 6:8), Atw applied
        return termijnen.bezwaar_beroepstermijn(beslist, kalender=kalender).einddatum

    open_ = []
    if last_bekendgemaakt is not None and last_bekendgemaakt < eind <= venster(last_bekendgemaakt):
        open_.append("de bezwaartermijn tegen de last loopt nog")
    for r in procedures:
        if r.ingediend <= eind and (r.beslist is None or eind <= r.beslist):
            open_.append(f"het {_NAAM[r.soort]} van {_d(r.ingediend)} is aanhangig")
        elif (
            r.beslist is not None
            and r.beslist < eind <= venster(r.beslist)
            and r.soort is not Rechtsmiddelsoort.HOGER_BEROEP
            and r.uitkomst != "ingetrokken"
        ):
            open_.append(
                f"de termijn voor een rechtsmiddel tegen de beslissing op het {_NAAM[r.soort]} "
                f"({_d(r.beslist)}) loopt nog"
            )
    if open_:
        if any(r.beslist is None for r in procedures):
            mot.append(
                f"Awb 5:35 lid 2: op {_d(eind)} {'; '.join(open_)}: de verjaringstermijn is verlengd tot "
                "onherroepelijk is beslist; de einddatum volgt uit de beslissing."
            )
            return None
        if procedures:
            laatste = max(procedures, key=lambda r: (r.beslist, r.ingediend))
            beslist = laatste.beslist
            assert beslist is not None  # returned above when any procedure is still pending
            definitief = (
                beslist
                if laatste.soort is Rechtsmiddelsoort.HOGER_BEROEP or laatste.uitkomst == "ingetrokken"
                else venster(beslist)
            )
        else:
            # No procedure, yet something open: only the objection period against the order itself can be.
            assert last_bekendgemaakt is not None
            definitief = venster(last_bekendgemaakt)
        if definitief > eind:
            mot.append(
                f"Awb 5:35 lid 2: op {_d(eind)} {'; '.join(open_)}: de verjaringstermijn is verlengd tot "
                f"onherroepelijk is beslist, tot en met {_d(definitief)}."
            )
            eind = definitief
    for r in rechtsmiddelen:
        vanaf = r.geschorst_vanaf
        if vanaf is not None and vanaf <= eind and (r.geschorst_tot is None or eind <= r.geschorst_tot):
            if r.geschorst_tot is None:
                mot.append(
                    f"Awb 5:37a lid 4: op {_d(eind)} is de invordering geschorst door de voorzieningenrechter "
                    f"(sinds {_d(vanaf)}, zonder einddatum): verlengd met de duur van de schorsing."
                )
                return None
            duur = (r.geschorst_tot - vanaf).days + 1
            eind += timedelta(days=duur)
            mot.append(
                f"Awb 5:37a lid 4: op de verjaringsdag was de invordering geschorst ({_d(vanaf)} tot en "
                f"met {_d(r.geschorst_tot)}): verlengd met {duur} dagen tot en met {_d(eind)}."
            )
    return eind


def dwangsom_verjaring(
    *,
    verbeurd: date,
    kalender: termijnen.Feestdagenkalender,
    last_bekendgemaakt: date | None = None,
    rechtsmiddelen: Iterable[Rechtsmiddel] = (),
    stuitingen: Iterable[tuple[date, str]] = (),
) -> Verjaring:
    """Wanneer de rechtsvordering tot betaling van een verbeurde dwangsom verjaart (Awb tekst van 1-1-2026).

    * 5:35 lid 1: een jaar na de dag van verbeurte (geen Atw-verschuiving: art. 4 onder a).
    * 5:35 lid 2 (sinds 1-4-2021): staat op de verjaringsdag bezwaar, beroep of hoger beroep tegen de last open of
      is het aanhangig, dan loopt de termijn door tot onherroepelijk is beslist: de dag waarop het hoger beroep is
      beslist of ingetrokken, of anders de laatste dag van de (ongebruikte) termijn voor het volgende rechtsmiddel
      (zes weken, Awb 6:7-6:8, met de Atw).
    * 5:37a lid 1 (invorderingsbeschikking) en 4:106 (aanmaning, dwangbevel) stuiten de verjaring; 4:110: een
      nieuwe termijn, gelijk aan de oorspronkelijke (een jaar), begint de volgende dag. Een stuiting na de
      verjaring werkt niet.
    * 5:37a lid 4: is de invordering op de verjaringsdag door de voorzieningenrechter geschorst, dan wordt de
      termijn verlengd met de duur van de schorsing.

    Niet gemodelleerd: het verzoek om een invorderingsbeschikking van een belanghebbende (5:37 lid 2, 5:37a lid
    2-3) en uitstel van betaling of faillissement (4:111).
    """
    rechtsmiddelen = tuple(rechtsmiddelen)
    mot: list[str] = []
    t = termijnen.dwangsom_verjaringstermijn(verbeurd, kalender=kalender)
    mot.append(f"Awb 5:35 lid 1: verbeurd op {_d(verbeurd)}, verjaart een jaar later op {_d(t.einddatum)}.")
    kandidaat = t.einddatum
    eind = _verlenging(kandidaat, rechtsmiddelen, last_bekendgemaakt, kalender, mot)
    for dag, wat in sorted(stuitingen):
        if eind is not None and dag > eind:
            mot.append(f"De {wat} van {_d(dag)} kwam na de verjaring en stuit niet.")
            continue
        kandidaat = termijnen.dwangsom_verjaringstermijn(dag, kalender=kalender).einddatum
        mot.append(
            f"De {wat} van {_d(dag)} stuit de verjaring: een nieuwe termijn van een jaar loopt tot en met "
            f"{_d(kandidaat)} (Awb 4:110 lid 1-2; ABRvS 19-04-2017, ECLI:NL:RVS:2017:1068)."
        )
        eind = _verlenging(kandidaat, rechtsmiddelen, last_bekendgemaakt, kalender, mot)
    return Verjaring(kandidaat if eind is None else eind, eind is None, tuple(mot))


# --- laden en strikt valideren van leidraden ----------------------------------------------------------------


def laad_leidraden(gegevens: Mapping[str, Any] | None = None) -> tuple[Leidraad, ...]:
    """Lees leidraden uit JSON-gegevens; zonder argument het meegeleverde ``leidraad_voorbeeld.json``.

    Weigert met een ValueError: onbekend schema of veld, ongeldig bedrag (float, meer dan twee decimalen),
    een regel die de Awb schendt (geen maximum, maximum < bedrag, ontbrekende begunstigingstermijn) en een
    dubbele versie.
    """
    top = object_met(
        meegeleverd(VOORBEELDBESTAND) if gegevens is None else gegevens,
        "leidraadbestand",
        ("schema", "leidraden"),
        ("toelichting",),
    )
    if top["schema"] != SCHEMA:
        raise ValueError(f"leidraadbestand: onbekend schema {top['schema']!r}, verwacht {SCHEMA!r}.")
    ruw = enumerate(van_soort(top["leidraden"], list, "leidraden"))
    return tuple(uniek_op((_leidraad(r, f"leidraden[{i}]") for i, r in ruw), "versie", "leidraden").values())


def _leidraad(ruw: Any, w: str) -> Leidraad:
    d = object_met(ruw, w, ("versie", "overtredingstypen"), ("organisatie", "toelichting", "afwijkingsgrens"))
    typen = {}
    for code, regel in object_met(d["overtredingstypen"], f"{w}.overtredingstypen", (), None).items():
        p = f"{w}.overtredingstypen.{code}"
        e = object_met(
            regel,
            p,
            ("omschrijving", "strekking", "vorm", "bedrag"),
            ("eenheid", "maximum", "maximum_factor", "begunstigingstermijn"),
        )
        termijn = None
        if e.get("begunstigingstermijn") is not None:
            t = object_met(e["begunstigingstermijn"], f"{p}.begunstigingstermijn", ("aantal", "eenheid"), ())
            termijn = Begunstigingstermijn(van_soort(t["aantal"], int, p), enumlid(Tijdseenheid, t["eenheid"], p))
        try:
            typen[code] = Richtbedrag(
                code,
                van_soort(e["omschrijving"], str, p),
                enumlid(Strekking, e["strekking"], p),
                enumlid(Dwangsomvorm, e["vorm"], p),
                _geld(e["bedrag"], p),
                None if e.get("eenheid") is None else enumlid(Tijdseenheid, e["eenheid"], p),
                None if e.get("maximum") is None else _geld(e["maximum"], p),
                None if e.get("maximum_factor") is None else _geld(e["maximum_factor"], p),
                termijn,
            )
        except DwangsomGeweigerd as fout:
            raise DwangsomGeweigerd(fout.artikel, f"{p}: {fout.reden}") from None
    return Leidraad(
        van_soort(d["versie"], str, f"{w}.versie"),
        typen,
        None if d.get("organisatie") is None else van_soort(d["organisatie"], str, f"{w}.organisatie"),
        _geld(d.get("afwijkingsgrens", "2"), f"{w}.afwijkingsgrens"),
        d.get("toelichting", ""),
    )


def _geld(waarde: Any, w: str) -> Decimal:
    """Bedrag of factor uit JSON: tekst of geheel getal (geen float: onnauwkeurig), max. 2 decimalen."""
    if isinstance(waarde, bool) or not isinstance(waarde, str | int):
        raise ValueError(f"{w}: bedrag als tekst of geheel getal opgeven (bijv. '1500.00'), niet {waarde!r}.")
    try:
        bedrag = Decimal(str(waarde).strip())
    except InvalidOperation:
        raise ValueError(f"{w}: geen bedrag: {waarde!r}.") from None
    if not bedrag.is_finite() or bedrag != bedrag.quantize(CENT):
        raise ValueError(f"{w}: bedrag {waarde!r} is niet eindig of heeft meer dan twee decimalen.")
    return bedrag
