"""LHSO-interventiematrix: positionering, spoor, instrumenten, omstandigheden en recidive.

Bronnen (zie ook ``data/README.md``):

* Landelijke Handhavingsstrategie Omgevingsrecht (LHSO), vastgesteld door het Bestuurlijk Omgevingsberaad op
  12 oktober 2022 (opvolger van de LHS 2014), per bevoegd gezag vastgesteld als beleidsregel (Awb 4:81);
  interventiestrategie stap 1 (positionering: letters = gedrag, cijfers = gevolg), stap 2 (verzwarende
  omstandigheden), stap 3 (afstemming bestuursrecht-strafrecht).
* Richtlijn bestuurlijke strafbeschikkingsbevoegdheid milieu- en keurfeiten (art. 257ba lid 2 Sv,
  BWBR0034494) § 2.7 en § 2.8 (contra-indicaties), per 1-1-2024 opgevolgd door de Richtlijn bestuurlijke
  strafbeschikkingsbevoegdheid fysieke leefomgevingsfeiten (BWBR0049103); art. 4.4 Besluit OM-afdoening.
* CIM VTH FLo: enumeraties Gedrag en Gevolg, referentielijst Handhavingsinstrument.

Welke cel tot welk spoor en welke instrumenten leidt, is beleid: dat staat in een geversioneerde tabel (data),
niet in deze code. Elk advies draagt zijn motivering en de gebruikte tabelversie.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from openvth.regels.tabeldata import datum_of_geen, enumlid, meegeleverd, object_met, uniek_op, van_soort

STANDAARDBESTAND = "lhso_standaard.json"
SCHEMA = "openvth.lhso.interventietabel/1"
_AS_UITLEG = "letters (A–D) zijn gedrag, cijfers (1–4) zijn gevolgen"


class _AsKlasse:
    @property
    def naam(self) -> str:
        """Waarde zoals de CIM-enumeratie (Gedrag, Gevolg) haar schrijft."""
        return _TEKSTEN[self][0]  # type: ignore[index]

    @property
    def definitie(self) -> str:
        """Uitleg voor de positioneringswizard (parafrase van de LHSO 2022; [check] bij de bron)."""
        return _TEKSTEN[self][1]  # type: ignore[index]


class Gedrag(_AsKlasse, StrEnum):
    """Gedragsas (letters) van de interventiematrix; LHSO 2022 stap 1, CIM-enumeratie Gedrag."""

    GOEDWILLEND = "A"
    ONVERSCHILLIG = "B"
    CALCULEREND = "C"
    NOTOIR = "D"


class Gevolg(_AsKlasse, StrEnum):
    """Gevolgenas (cijfers) van de interventiematrix; LHSO 2022 stap 1, CIM-enumeratie Gevolg."""

    VRIJWEL_NIHIL = "1"
    BEPERKT = "2"
    VAN_BELANG = "3"
    AANZIENLIJK = "4"


_TEKSTEN: dict[StrEnum, tuple[str, str]] = {
    Gedrag.GOEDWILLEND: (
        "goedwillend",
        "Wil de regels naleven; de overtreding komt voort uit onwetendheid, een vergissing of "
        "een onvoorziene omstandigheid en de overtreder werkt mee aan herstel.",
    ),
    Gedrag.ONVERSCHILLIG: (
        "onverschillig",
        "Neemt de regels niet serieus en betracht niet de zorg die van hem verwacht mag "
        "worden; doet weinig om overtreding te voorkomen of te beëindigen.",
    ),
    Gedrag.CALCULEREND: (
        "calculerend",
        "Overtreedt bewust na afweging van voor- en nadelen (pakkans, kosten van naleving, financieel voordeel).",
    ),
    Gedrag.NOTOIR: (
        "notoir/crimineel",
        "Overtreedt structureel en stelselmatig of met criminele opzet (fraude, valsheid "
        "in geschrift, ondermijning); vrijwillige naleving is niet te verwachten.",
    ),
    Gevolg.VRIJWEL_NIHIL: (
        "vrijwel nihil",
        "Geen of verwaarloosbare (dreigende) schade of hinder voor de fysieke leefomgeving, "
        "gezondheid of veiligheid; veelal administratieve overtredingen.",
    ),
    Gevolg.BEPERKT: ("beperkt", "Beperkte, plaatselijke en herstelbare (dreigende) schade of hinder."),
    Gevolg.VAN_BELANG: (
        "van belang",
        "Aanmerkelijke (dreigende) schade of hinder voor leefomgeving, gezondheid of "
        "veiligheid, of aantasting van het stelsel; herstel vergt inspanning.",
    ),
    Gevolg.AANZIENLIJK: (
        "aanzienlijk en/of onomkeerbaar",
        "Grote of onomkeerbare (dreigende) schade aan mens, dier, milieu of erfgoed, of ernstig gevaar.",
    ),
}


def parse_gedrag(waarde: Gedrag | str) -> Gedrag:
    """Gedragsklasse uit letter (A–D) of CIM-naam; een cijfer is gevolg: assen verwisseld (LHSO stap 1)."""
    if isinstance(waarde, Gedrag):
        return waarde
    tekst = str(waarde).strip()
    for g in Gedrag:
        if tekst.upper() == g.value or tekst.lower() == g.naam:
            return g
    if any(tekst == v.value or tekst.lower() == v.naam for v in Gevolg):
        raise ValueError(f"Assen verwisseld: '{tekst}' is een gevolgklasse, geen gedrag; {_AS_UITLEG}.")
    raise ValueError(f"Onbekende gedragsklasse '{tekst}': kies A, B, C of D.")


def parse_gevolg(waarde: Gevolg | str | int) -> Gevolg:
    """Gevolgklasse uit cijfer (1–4) of CIM-naam; een letter is gedrag: assen verwisseld (LHSO stap 1)."""
    if isinstance(waarde, Gevolg):
        return waarde
    tekst = str(waarde).strip() if not isinstance(waarde, bool) else ""
    for v in Gevolg:
        if tekst == v.value or tekst.lower() == v.naam:
            return v
    if any(tekst.upper() == g.value or tekst.lower() == g.naam for g in Gedrag):
        raise ValueError(f"Assen verwisseld: '{tekst}' is een gedragsklasse, geen gevolg; {_AS_UITLEG}.")
    raise ValueError(f"Onbekende gevolgklasse '{waarde}': kies 1, 2, 3 of 4.")


@dataclass(frozen=True)
class Cel:
    """Een vak van de matrix, geschreven als gedragsletter + gevolgcijfer, bijv. ``C3`` (LHSO 2022 stap 1)."""

    gedrag: Gedrag
    gevolg: Gevolg

    @property
    def code(self) -> str:
        return f"{self.gedrag.value}{self.gevolg.value}"

    def __str__(self) -> str:
        return self.code

    @classmethod
    def parse(cls, tekst: str) -> Cel:
        """``"C3"`` → Cel; ``"3C"`` wordt geweigerd omdat de assen dan verwisseld zijn."""
        t = str(tekst).strip().upper()
        if len(t) != 2:
            raise ValueError(f"Onbekende cel '{tekst}': schrijf gedragsletter + gevolgcijfer, bijv. 'B3'.")
        if t[0].isdigit() and t[1].isalpha():
            raise ValueError(f"Assen verwisseld in cel '{tekst}': {_AS_UITLEG}; bedoeld is '{t[1]}{t[0]}'?")
        return cls(parse_gedrag(t[0]), parse_gevolg(t[1]))

    @staticmethod
    def alle() -> tuple[Cel, ...]:
        return tuple(Cel(g, v) for g in Gedrag for v in Gevolg)


class Spoor(StrEnum):
    """Afdoeningsspoor van een cel (LHSO 2022 stap 3); oplopend in zwaarte."""

    BESTUURSRECHTELIJK = "bestuursrechtelijk"
    BESTUURSRECHTELIJK_STRAFRECHT_NA_AFSTEMMING = "bestuursrechtelijk, strafrechtelijk na afstemming"
    BESTUURSRECHTELIJK_EN_STRAFRECHTELIJK = "bestuursrechtelijk herstel en strafrechtelijk"

    @property
    def rang(self) -> int:
        return list(Spoor).index(self)


class InstrumentCategorie(StrEnum):
    """Indeling van handhavingsinstrumenten naar de ILT-groepering (DOMAIN.md §6)."""

    BESTUURSRECHTELIJK_HERSTELLEND = "bestuursrechtelijk herstellend"
    BESTUURSRECHTELIJK_VERSTREKKEND = "bestuursrechtelijk verstrekkend"
    BESTUURSRECHTELIJK_BESTRAFFEND = "bestuursrechtelijk bestraffend"
    STRAFRECHTELIJK = "strafrechtelijk"
    OVERIG = "overig (gedogen)"

    @property
    def bestuursrechtelijk(self) -> bool:
        return self.name.startswith("BESTUURSRECHTELIJK")


@dataclass(frozen=True)
class Handhavingsinstrument:
    """Waarde uit de CIM-referentielijst Handhavingsinstrument (naam, toelichting, zwaarte, geldigheid).

    ``herstelsanctie`` markeert een herstelsanctie in de zin van Awb 5:2 lid 1 onder b (nodig voor Awb 5:6).
    ``geldig_tot`` is exclusief: op die datum is het instrument niet meer geldig.
    """

    code: str
    naam: str
    toelichting: str
    zwaarte: int
    categorie: InstrumentCategorie
    herstelsanctie: bool = False
    geldig_vanaf: date | None = None
    geldig_tot: date | None = None

    def geldig_op(self, peildatum: date) -> bool:
        return (self.geldig_vanaf is None or self.geldig_vanaf <= peildatum) and (
            self.geldig_tot is None or peildatum < self.geldig_tot
        )


class Omstandigheid(StrEnum):
    """Verzwarende en verzachtende omstandigheden (LHSO 2022 stap 2); hun effect staat in de tabel."""

    FINANCIEEL_GEWIN_BEOOGD = "financieel gewin beoogd"
    VOORDEEL_BOVEN_BSB_GRENS = "wederrechtelijk voordeel boven de BSB-grens"
    GEVAAR_OF_WEERLOZE_SLACHTOFFERS = "gevaar voor personen of weerloze slachtoffers"
    BELEMMERING_TOEZICHT = "belemmering van toezicht of agressie tegen toezichthouder"
    VALSHEID_OF_FRAUDE = "valsheid in geschrift, fraude of omkoping"
    LEGALISATIE_IN_GANG = "legalisatie in gang"
    OVERMACHTACHTIGE_SITUATIE = "overmachtachtige situatie"
    ZELF_GEMELD_EN_HERSTELD = "zelf gemeld en direct hersteld"

    @property
    def verzwarend(self) -> bool:
        return self not in (
            Omstandigheid.LEGALISATIE_IN_GANG,
            Omstandigheid.OVERMACHTACHTIGE_SITUATIE,
            Omstandigheid.ZELF_GEMELD_EN_HERSTELD,
        )


@dataclass(frozen=True)
class OmstandigheidEffect:
    """Effect van een omstandigheid (tabeldata): gedragsstappen, minimaal spoor, BSB uitgesloten."""

    gedrag_stappen: int
    motivering: str
    minimaal_spoor: Spoor | None = None
    bsb_uitgesloten: bool = False


@dataclass(frozen=True)
class EerdereOvertreding:
    """Een eerder vastgestelde overtreding van dezelfde overtreder, voor de recidiveregels."""

    datum: date
    gesanctioneerd: bool
    relevant: bool = True
    kenmerk: str = ""


def _jaren_terug(d: date, jaren: int) -> date:
    try:
        return d.replace(year=d.year - jaren)
    except ValueError:  # 29 februari
        return d.replace(year=d.year - jaren, day=28)


@dataclass(frozen=True)
class _Venster:
    aantal: int
    jaren: int
    alleen_gesanctioneerd: bool

    def __post_init__(self) -> None:
        if self.aantal < 1 or self.jaren < 1:
            raise ValueError("Recidiveregel: aantal en jaren moeten ten minste 1 zijn.")

    def tel(self, eerdere: Iterable[EerdereOvertreding], *, tot: date) -> tuple[EerdereOvertreding, ...]:
        """Relevante (en zo vereist gesanctioneerde) overtredingen in [tot − jaren, tot)."""
        van = _jaren_terug(tot, self.jaren)
        return tuple(
            e
            for e in eerdere
            if e.relevant and van <= e.datum < tot and (e.gesanctioneerd or not self.alleen_gesanctioneerd)
        )


@dataclass(frozen=True)
class BsbRecidiveregel(_Venster):
    """Meer dan incidenteel tekortschietend nalevingsgedrag sluit de bestuurlijke strafbeschikking uit.

    Richtlijn bestuurlijke strafbeschikkingsbevoegdheid milieu- en keurfeiten (art. 257ba lid 2 Sv,
    BWBR0034494) § 2.8 onder 2d: in een periode van vijf jaar ten minste driemaal een relevante overtreding
    geconstateerd waartegen sanctionerend is opgetreden → geen BSB, afdoening door het OM (proces-verbaal
    rechtstreeks naar het Functioneel Parket). Opvolger per 1-1-2024: BWBR0049103 ([check] gelijke tekst).
    """

    aantal: int = 3
    jaren: int = 5
    alleen_gesanctioneerd: bool = True


@dataclass(frozen=True)
class Gedragsescalatieregel(_Venster):
    """Lokaal beleid: bij herhaling binnen N jaar gaat de gedragsletter ``stappen`` omhoog (LHSO stap 2)."""

    aantal: int = 1
    jaren: int = 2
    alleen_gesanctioneerd: bool = False
    stappen: int = 1

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 1 <= self.stappen <= 3:
            raise ValueError("Gedragsescalatieregel: stappen moet 1, 2 of 3 zijn.")


Recidiveregel = BsbRecidiveregel | Gedragsescalatieregel


@dataclass(frozen=True)
class Celinhoud:
    spoor: Spoor
    instrumenten: tuple[str, ...]


@dataclass(frozen=True)
class Interventietabel:
    """Geversioneerde, per organisatie vast te stellen invulling van de matrix (beleidsregel, Awb 4:81).

    Valideert zich bij aanmaak: alle 16 cellen, bekende instrumenten, een spoor dat past bij de instrumenten,
    een effect voor elke omstandigheid.
    """

    versie: str
    cellen: Mapping[Cel, Celinhoud]
    instrumenten: Mapping[str, Handhavingsinstrument]
    omstandigheden: Mapping[Omstandigheid, OmstandigheidEffect]
    recidiveregels: tuple[Recidiveregel, ...] = ()
    organisatie: str | None = None
    geldig_vanaf: date | None = None
    bron: str = ""
    bsb_instrument: str | None = None
    bsb_contra_gedrag: frozenset[Gedrag] = frozenset()
    bsb_contra_gevolg: frozenset[Gevolg] = frozenset()
    strafrechtelijke_aanvulling: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for naam in ("cellen", "instrumenten", "omstandigheden"):
            object.__setattr__(self, naam, MappingProxyType(dict(getattr(self, naam))))
        w = f"Interventietabel '{self.versie}'"
        if not self.versie.strip():
            raise ValueError("Interventietabel: versie ontbreekt.")
        if ontbreekt := [c.code for c in Cel.alle() if c not in self.cellen]:
            raise ValueError(f"{w}: ontbrekende cellen {ontbreekt}; alle 16 cellen A1–D4 zijn verplicht.")
        for code, instr in self.instrumenten.items():
            if code != instr.code or instr.zwaarte < 0:
                raise ValueError(f"{w}: instrument '{code}' onjuist (code of zwaarte).")
        for cel, inhoud in self.cellen.items():
            cat = [self._instrument(code, f"cel {cel}").categorie for code in inhoud.instrumenten]
            straf = InstrumentCategorie.STRAFRECHTELIJK in cat
            if not any(c.bestuursrechtelijk for c in cat):
                raise ValueError(f"{w}: cel {cel} noemt geen bestuursrechtelijk instrument.")
            if inhoud.spoor is Spoor.BESTUURSRECHTELIJK and straf:
                raise ValueError(f"{w}: cel {cel} is bestuursrechtelijk maar noemt strafrechtelijk middel.")
            if inhoud.spoor is Spoor.BESTUURSRECHTELIJK_EN_STRAFRECHTELIJK and not straf:
                raise ValueError(f"{w}: cel {cel} vraagt strafrecht maar noemt geen strafrechtelijk middel.")
        if ontbreekt := [o.name for o in Omstandigheid if o not in self.omstandigheden]:
            raise ValueError(f"{w}: geen effect voor omstandigheden {ontbreekt}.")
        for o, eff in self.omstandigheden.items():
            verzachtend_verzwaart = eff.gedrag_stappen > 0 or eff.minimaal_spoor or eff.bsb_uitgesloten
            if (
                not -1 <= eff.gedrag_stappen <= 1
                or (o.verzwarend and eff.gedrag_stappen < 0)
                or (not o.verzwarend and verzachtend_verzwaart)
            ):
                raise ValueError(
                    f"{w}: effect van '{o.name}' past niet bij een "
                    f"{'verzwarende' if o.verzwarend else 'verzachtende'} omstandigheid."
                )
        for code in (*self.strafrechtelijke_aanvulling, *filter(None, [self.bsb_instrument])):
            categorie = self._instrument(code, "strafrechtelijk instrument").categorie
            if categorie is not InstrumentCategorie.STRAFRECHTELIJK:
                raise ValueError(f"{w}: instrument '{code}' is niet strafrechtelijk.")

    def _instrument(self, code: str, plaats: str) -> Handhavingsinstrument:
        if code not in self.instrumenten:
            raise ValueError(f"Interventietabel '{self.versie}', {plaats}: onbekend instrument '{code}'.")
        return self.instrumenten[code]


@dataclass(frozen=True)
class Advies:
    """Uitkomst van :func:`advies`: cel (na escalatie), spoor, instrumenten, BSB/OM-vlaggen en motivering."""

    oorspronkelijke_cel: Cel
    cel: Cel
    spoor: Spoor
    instrumenten: tuple[Handhavingsinstrument, ...]
    bsb_toegestaan: bool
    verwijzing_om: bool
    motivering: tuple[str, ...]
    tabelversie: str


def advies(
    *,
    gedrag: Gedrag | str,
    gevolg: Gevolg | str | int,
    tabel: Interventietabel,
    peildatum: date,
    omstandigheden: Sequence[Omstandigheid | str] = (),
    eerdere_overtredingen: Sequence[EerdereOvertreding] = (),
    overtredingsdatum: date | None = None,
    recidiveregels: Sequence[Recidiveregel] | None = None,
) -> Advies:
    """Interventieadvies volgens de LHSO-interventiematrix.

    LHSO 2022: stap 1 positioneert de overtreding (gedrag × gevolg), stap 2 weegt verzwarende en verzachtende
    omstandigheden en recidive, stap 3 bepaalt het spoor (bestuursrecht/strafrecht) volgens de tabel. De
    bestuurlijke strafbeschikking (BSB) is alleen aan de orde bij een strafrechtelijk spoor en zonder
    contra-indicatie (Richtlijn BSB milieu- en keurfeiten § 2.7–2.8); anders gaat het strafrechtelijke deel
    naar het OM. Recidive telt vanaf ``overtredingsdatum`` (standaard ``peildatum``); instrumenten moeten op
    ``peildatum`` geldig zijn en worden op zwaarte gesorteerd.
    """
    g, v = parse_gedrag(gedrag), parse_gevolg(gevolg)
    oorspronkelijk, referentie = Cel(g, v), overtredingsdatum or peildatum
    regels = tabel.recidiveregels if recidiveregels is None else tuple(recidiveregels)
    mot = [
        f"Positionering: gedrag {g.value} ({g.naam}), gevolg {v.value} ({v.naam}) → cel {oorspronkelijk} "
        "(LHSO 2022, stap 1 interventiematrix)."
    ]
    stappen, min_spoor, bsb_bezwaren = 0, Spoor.BESTUURSRECHTELIJK, []
    # stap 2a: recidive (BSB-contra-indicatie en lokale gedragsescalatie)
    for regel in regels:
        geteld = regel.tel(eerdere_overtredingen, tot=referentie)
        soort = "gesanctioneerde relevante" if regel.alleen_gesanctioneerd else "relevante"
        telling = (
            f"{len(geteld)} {soort} overtreding(en) binnen {regel.jaren} jaar vóór "
            f"{referentie.isoformat()} (drempel {regel.aantal})"
        )
        if isinstance(regel, BsbRecidiveregel):
            if len(geteld) >= regel.aantal:
                bsb_bezwaren.append(
                    f"recidive: {telling}; meer dan incidenteel tekortschietend "
                    "nalevingsgedrag (Richtlijn BSB milieu- en keurfeiten § 2.8 onder 2d)"
                )
            else:
                mot.append(f"BSB-recidiveregel niet van toepassing: {telling}.")
        elif len(geteld) >= regel.aantal:
            stappen += regel.stappen
            mot.append(
                f"Recidive: {telling}; gedrag {regel.stappen} stap(pen) zwaarder (lokale "
                f"recidiveregel, tabel {tabel.versie})."
            )
    # stap 2b: verzwarende en verzachtende omstandigheden, met hun effect uit de tabel
    for o in dict.fromkeys(enumlid(Omstandigheid, x, "omstandigheid") for x in omstandigheden):
        eff = tabel.omstandigheden[o]
        stappen += eff.gedrag_stappen
        mot.append(f"{'Verzwarende' if o.verzwarend else 'Verzachtende'} omstandigheid '{o.value}': {eff.motivering}")
        if eff.minimaal_spoor and eff.minimaal_spoor.rang > min_spoor.rang:
            min_spoor = eff.minimaal_spoor
        if eff.bsb_uitgesloten:
            bsb_bezwaren.append(f"omstandigheid '{o.value}'")
    letters = list(Gedrag)
    index = min(max(letters.index(g) + stappen, 0), len(letters) - 1)
    cel = Cel(letters[index], v)
    if cel != oorspronkelijk:
        mot.append(
            f"Gedrag per saldo {g.value} → {cel.gedrag.value} ({cel.gedrag.naam}): cel {oorspronkelijk} → {cel}."
        )
    elif stappen:
        mot.append(f"Gedragsaanpassing ({stappen:+d}) valt buiten de as A–D; cel blijft {cel}.")
    # stap 3: spoor en instrumenten volgens de tabel, zo nodig verzwaard
    inhoud = tabel.cellen[cel]
    spoor, codes = inhoud.spoor, list(inhoud.instrumenten)
    mot.append(f"Spoor volgens tabel {tabel.versie} voor cel {cel}: {spoor.value} (LHSO 2022, stap 3).")
    if min_spoor.rang > spoor.rang:
        spoor = min_spoor
        mot.append(f"Spoor verzwaard tot '{spoor.value}' door verzwarende omstandigheden (LHSO 2022 stap 2).")
        if spoor is Spoor.BESTUURSRECHTELIJK_EN_STRAFRECHTELIJK:
            codes += [c for c in tabel.strafrechtelijke_aanvulling if c not in codes]
    if spoor is Spoor.BESTUURSRECHTELIJK_STRAFRECHT_NA_AFSTEMMING:
        mot.append("Strafrechtelijke inzet alleen na afstemming met politie en OM (LHSO 2022, stap 3).")
    # bestuurlijke strafbeschikking of verwijzing naar het OM
    if cel.gedrag in tabel.bsb_contra_gedrag:
        bsb_bezwaren.append(f"gedrag {cel.gedrag.value} wijst op een malafide instelling (Richtlijn § 2.8 onder 2)")
    if cel.gevolg in tabel.bsb_contra_gevolg:
        bsb_bezwaren.append(
            f"gevolg {cel.gevolg.value}: (dreigende) aanzienlijke schade "
            "(Richtlijn § 2.8 onder 1, art. 4.4 Besluit OM-afdoening)"
        )
    strafrecht = spoor is not Spoor.BESTUURSRECHTELIJK
    bsb_toegestaan = strafrecht and not bsb_bezwaren
    verwijzing_om = strafrecht and bool(bsb_bezwaren)
    if bsb_bezwaren:
        gevolg_tekst = (
            "strafrechtelijk deel via proces-verbaal naar het OM"
            if strafrecht
            else "bij eventueel strafrechtelijk optreden proces-verbaal naar het OM"
        )
        mot.append(f"Geen bestuurlijke strafbeschikking: {'; '.join(bsb_bezwaren)} → {gevolg_tekst}.")
    elif not strafrecht:
        mot.append("Geen strafrechtelijk spoor: bestuurlijke strafbeschikking niet aan de orde.")
    if not bsb_toegestaan and tabel.bsb_instrument in codes:
        codes.remove(tabel.bsb_instrument)
    alle = [tabel.instrumenten[c] for c in codes]
    geldig = sorted((i for i in alle if i.geldig_op(peildatum)), key=lambda i: (i.zwaarte, i.code))
    if vervallen := [i.naam for i in alle if not i.geldig_op(peildatum)]:
        mot.append(f"Niet geldig op {peildatum.isoformat()} en weggelaten: {', '.join(vervallen)}.")
    mot.append(f"Instrumenten (licht → zwaar): {', '.join(i.naam for i in geldig) or 'geen'}.")
    return Advies(oorspronkelijk, cel, spoor, tuple(geldig), bsb_toegestaan, verwijzing_om, tuple(mot), tabel.versie)


def kies_tabel(tabellen: Iterable[Interventietabel], *, organisatie: str | None, peildatum: date) -> Interventietabel:
    """Tabel van de organisatie (anders de landelijke standaard) met de laatste ingangsdatum ≤ peildatum."""
    kandidaten = [t for t in tabellen if (t.geldig_vanaf or date.min) <= peildatum]
    for org in dict.fromkeys((organisatie, None)):
        eigen = [t for t in kandidaten if t.organisatie == org]
        if eigen:
            return max(eigen, key=lambda t: t.geldig_vanaf or date.min)
    raise ValueError(f"Geen interventietabel voor organisatie {organisatie!r} geldig op {peildatum}.")


# --- laden en strikt valideren van tabeldata ---------------------------------------------------------------


def laad_interventietabellen(gegevens: Mapping[str, Any] | None = None) -> tuple[Interventietabel, ...]:
    """Lees tabellen uit JSON-gegevens; zonder argument de meegeleverde ``data/lhso_standaard.json``.

    Weigert met een ValueError: onbekend schema of veld, onbekende of ontbrekende cel, onbekend instrument,
    dubbele instrumentcode of dubbele versie.
    """
    top = object_met(
        meegeleverd(STANDAARDBESTAND) if gegevens is None else gegevens,
        "tabelbestand",
        ("schema", "instrumenten", "tabellen"),
        ("toelichting",),
    )
    if top["schema"] != SCHEMA:
        raise ValueError(f"tabelbestand: onbekend schema {top['schema']!r}, verwacht {SCHEMA!r}.")
    instrumenten = uniek_op(
        (
            _instrument(r, f"instrumenten[{i}]")
            for i, r in enumerate(van_soort(top["instrumenten"], list, "instrumenten"))
        ),
        "code",
        "instrumenten",
    )
    return tuple(
        uniek_op(
            (
                _tabel(r, f"tabellen[{i}]", instrumenten)
                for i, r in enumerate(van_soort(top["tabellen"], list, "tabellen"))
            ),
            "versie",
            "tabellen",
        ).values()
    )


def standaardtabel() -> Interventietabel:
    """De meegeleverde landelijke standaardtabel (eerste tabel van ``lhso_standaard.json``)."""
    return laad_interventietabellen()[0]


def _tabel(ruw: Any, w: str, instrumenten: Mapping[str, Handhavingsinstrument]) -> Interventietabel:
    d = object_met(
        ruw,
        w,
        ("versie", "cellen", "omstandigheden", "recidiveregels"),
        ("organisatie", "geldig_vanaf", "bron", "bsb", "strafrechtelijke_aanvulling"),
    )
    cellen: dict[Cel, Celinhoud] = {}
    for sleutel, inhoud in object_met(d["cellen"], f"{w}.cellen", (), None).items():
        try:
            cel = Cel.parse(sleutel)
        except ValueError as fout:
            raise ValueError(f"{w}.cellen: onbekende cel '{sleutel}': {fout}") from None
        if cel in cellen:
            raise ValueError(f"{w}.cellen: cel {cel} komt dubbel voor.")
        c = object_met(inhoud, f"{w}.cellen.{sleutel}", ("spoor", "instrumenten"), ())
        codes = tuple(van_soort(x, str, f"{w}.cellen.{sleutel}") for x in van_soort(c["instrumenten"], list, w))
        cellen[cel] = Celinhoud(enumlid(Spoor, c["spoor"], f"{w}.cellen.{sleutel}.spoor"), codes)
    omst = {}
    namen = [o.name for o in Omstandigheid]
    for naam, eff in object_met(d["omstandigheden"], f"{w}.omstandigheden", (), namen).items():
        e = object_met(eff, f"{w}.{naam}", ("gedrag_stappen", "motivering"), ("minimaal_spoor", "bsb_uitgesloten"))
        omst[Omstandigheid[naam]] = OmstandigheidEffect(
            van_soort(e["gedrag_stappen"], int, f"{w}.{naam}"),
            van_soort(e["motivering"], str, f"{w}.{naam}"),
            None if e.get("minimaal_spoor") is None else enumlid(Spoor, e["minimaal_spoor"], f"{w}.{naam}"),
            van_soort(e.get("bsb_uitgesloten", False), bool, f"{w}.{naam}.bsb_uitgesloten"),
        )
    regels: list[Recidiveregel] = []
    for j, ruw_regel in enumerate(van_soort(d["recidiveregels"], list, f"{w}.recidiveregels")):
        p = f"{w}.recidiveregels[{j}]"
        r = object_met(ruw_regel, p, ("soort", "aantal", "jaren"), ("alleen_gesanctioneerd", "stappen"))
        velden = (
            van_soort(r["aantal"], int, p),
            van_soort(r["jaren"], int, p),
            van_soort(r.get("alleen_gesanctioneerd", r["soort"] == "bsb"), bool, p),
        )
        if r["soort"] == "bsb" and "stappen" not in r:
            regels.append(BsbRecidiveregel(*velden))
        elif r["soort"] == "gedragsescalatie":
            regels.append(Gedragsescalatieregel(*velden, stappen=van_soort(r.get("stappen", 1), int, p)))
        else:
            raise ValueError(f"{p}: onbekende soort {r['soort']!r} (bsb zonder stappen of gedragsescalatie).")
    bsb = object_met(d.get("bsb", {}), f"{w}.bsb", (), ("instrument", "contra_gedrag", "contra_gevolg"))
    return Interventietabel(
        versie=van_soort(d["versie"], str, f"{w}.versie"),
        cellen=cellen,
        instrumenten=instrumenten,
        omstandigheden=omst,
        recidiveregels=tuple(regels),
        bron=d.get("bron", ""),
        organisatie=None if d.get("organisatie") is None else van_soort(d["organisatie"], str, f"{w}.organisatie"),
        geldig_vanaf=datum_of_geen(d.get("geldig_vanaf"), f"{w}.geldig_vanaf"),
        bsb_instrument=bsb.get("instrument"),
        bsb_contra_gedrag=frozenset(parse_gedrag(x) for x in van_soort(bsb.get("contra_gedrag", []), list, w)),
        bsb_contra_gevolg=frozenset(parse_gevolg(x) for x in van_soort(bsb.get("contra_gevolg", []), list, w)),
        strafrechtelijke_aanvulling=tuple(van_soort(d.get("strafrechtelijke_aanvulling", []), list, w)),
    )


def _instrument(ruw: Any, w: str) -> Handhavingsinstrument:
    d = object_met(
        ruw,
        w,
        ("code", "naam", "zwaarte", "categorie"),
        ("toelichting", "herstelsanctie", "geldig_vanaf", "geldig_tot"),
    )
    instr = Handhavingsinstrument(
        van_soort(d["code"], str, w),
        van_soort(d["naam"], str, w),
        d.get("toelichting", ""),
        van_soort(d["zwaarte"], int, w),
        enumlid(InstrumentCategorie, d["categorie"], w),
        van_soort(d.get("herstelsanctie", False), bool, w),
        datum_of_geen(d.get("geldig_vanaf"), w),
        datum_of_geen(d.get("geldig_tot"), w),
    )
    if instr.geldig_vanaf and instr.geldig_tot and instr.geldig_tot <= instr.geldig_vanaf:
        raise ValueError(f"{w}: geldig_tot ligt niet na geldig_vanaf.")
    return instr
