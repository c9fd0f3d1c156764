"""Risicomodel: risicoscore → risicoklasse → inspectiefrequentie, per regio configureerbaar en geversioneerd.

Bronnen:

* Richtlijn 2010/75/EU (Richtlijn industriële emissies, IED) art. 23 lid 4: de periode tussen twee
  locatiebezoeken is ten hoogste één jaar voor installaties met het hoogste risico en ten hoogste drie jaar voor
  installaties met het laagste risico, vastgesteld op basis van een systematische beoordeling van (a) de
  potentiële en feitelijke effecten op gezondheid en milieu (emissies, gevoeligheid van de omgeving,
  ongevalsrisico), (b) de naleving van de vergunningvoorwaarden en (c) deelname aan EMAS.
* IMPEL, Integrated Risk Assessment Method (IRAM): impactcriteria en criteria voor het functioneren van de
  exploitant, gewogen tot een risicocategorie en een frequentie (DOMAIN.md §5).
* Klassieke Nederlandse benadering: risico = effect van niet-naleven × kans op niet-naleven.
* LHSO 2022, stap 1: gevolgklassen 1–4 en gedragsklassen A–D van een overtreding (``regels/lhso.py``).

Model (alle getallen zijn data in een geversioneerde JSON-tabel, nooit constanten in deze code):

* Elk criterium levert een waarde in [0, 1].
  Impactcriteria: ``activiteit`` (basisrisico per activiteitcode-prefix, met standaardwaarde), ``ied``,
  ``seveso``, ``zzs`` (vlag: 1 of 0), ``emissie`` en ``ongevalsrisico`` (klasse 0–3 → tabelwaarde),
  ``omgeving`` (aantal woningen binnen 250 m, in banden). Prestatiecriteria: ``naleefhistorie`` en
  ``certificering``.
* ``naleefhistorie``: h = Σ gewicht_gevolg × gewicht_gedrag × 0,5^(leeftijd / halfwaardetijd) over de
  overtredingen met datum ≤ peildatum (leeftijd in dagen / 365,25); waarde = min(1, h / verzadiging).
* ``certificering``: tabelwaarde voor geen / ISO 14001 / EMAS; een certificaat mag de waarde niet verhogen.
* Gewichten per groep (impact, prestatie) zijn niet-negatief en tellen per groep op tot 1 (± 1e-9).
* I = Σ w_i · v_i (impact, in [0, 1]); P = Σ w_j · v_j (prestatie, in [0, 1]);
  prestatiefactor F = factor_min + (factor_max − factor_min) · P;
  **score = schaal · I · F**, dus in [0, schaal · factor_max].
* Uitsplitsing (telt exact op tot de score, op afronding na): impactcriterium i draagt
  schaal · factor_min · w_i · v_i bij, prestatiecriterium j draagt schaal · I · (factor_max − factor_min) · w_j · v_j.
* Klassen 1..n hebben elk een interval [van, tot): ondergrens inclusief, bovengrens exclusief; de hoogste klasse
  omvat ook haar bovengrens en alles daarboven. De eerste ``van`` is 0, elke ``van`` is de vorige ``tot``, de
  laatste ``tot`` ≥ schaal · factor_max.
* Klasse → frequentie in maanden, met een aparte (strengere) frequentie voor IED-installaties; een tabel waarin
  een IED-frequentie langer is dan 36 maanden, of die van de hoogste klasse langer dan 12 maanden, wordt
  geweigerd (IED art. 23 lid 4). Een hogere klasse mag niet minder vaak bezocht worden dan een lagere.
* Normuren per inspectietype (uren per inspectie), voor het uitvoeringsprogramma.

``score`` (één locatie, met uitsplitsing en motivering) en ``score_alle`` (numpy, alle locaties tegelijk)
rekenen in dezelfde volgorde met dezelfde bewerkingen en geven daarom identieke uitkomsten.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from openvth.regels.lhso import Gedrag, Gevolg
from openvth.regels.tabeldata import meegeleverd, object_met, van_soort

SCHEMA = "openvth.risico.model/1"
VOORBEELDBESTAND = "risicomodel_voorbeeld.json"

IMPACTCRITERIA = ("activiteit", "ied", "seveso", "zzs", "emissie", "ongevalsrisico", "omgeving")
PRESTATIECRITERIA = ("naleefhistorie", "certificering")
IED_MAX_MAANDEN = 36  # IED art. 23 lid 4: laagste risico ten minste eens per drie jaar
IED_HOOGSTE_MAX_MAANDEN = 12  # IED art. 23 lid 4: hoogste risico ten minste eens per jaar
_DAGEN_PER_JAAR = 365.25
_TOLERANTIE = 1e-9
_GEDRAG_CODES = ("onbekend", *(g.value for g in Gedrag))  # index 0..4 in score_alle


class OngeldigModel(ValueError):
    """Een risicomodel dat niet consistent is; de boodschap noemt de reden in het Nederlands."""


class Certificering(Enum):
    """Milieuzorgsysteem van de exploitant (IED art. 23 lid 4 onder c: deelname aan EMAS)."""

    GEEN = 0
    ISO14001 = 1
    EMAS = 2

    @property
    def sleutel(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Klasse:
    """Risicoklasse met interval [van, tot) en bezoekfrequentie in maanden (gewoon en voor IED-installaties)."""

    nummer: int
    van: float
    tot: float
    frequentie_maanden: int
    frequentie_maanden_ied: int
    omschrijving: str = ""


@dataclass(frozen=True)
class Risicomodel:
    """Geversioneerd risicomodel van één regio; valideert zich bij aanmaak (zie de moduledocstring)."""

    versie: str
    gewichten_impact: Mapping[str, float]
    gewichten_prestatie: Mapping[str, float]
    activiteit_standaard: float
    activiteit_prefixen: Mapping[str, float]
    emissie: tuple[float, float, float, float]
    ongevalsrisico: tuple[float, float, float, float]
    omgeving_banden: tuple[tuple[int, float], ...]  # (vanaf aantal woningen, waarde), oplopend, eerste vanaf 0
    gevolg_gewicht: Mapping[Gevolg, float]
    gedrag_gewicht: Mapping[str, float]  # sleutels A–D en "onbekend"
    halfwaardetijd_jaren: float
    verzadiging: float
    certificering: Mapping[Certificering, float]
    factor_min: float
    factor_max: float
    schaal: float
    klassen: tuple[Klasse, ...]
    normuren: Mapping[str, float]
    regio: str | None = None
    geldig_vanaf: date | None = None
    beschrijving: str = ""
    _tabellen: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        for naam in (
            "gewichten_impact",
            "gewichten_prestatie",
            "activiteit_prefixen",
            "gevolg_gewicht",
            "gedrag_gewicht",
            "certificering",
            "normuren",
        ):
            object.__setattr__(self, naam, MappingProxyType(dict(getattr(self, naam))))
        _valideer(self)
        object.__setattr__(self, "_tabellen", _Tabellen.van(self))

    @property
    def max_score(self) -> float:
        return self.schaal * self.factor_max

    def klasse(self, nummer: int) -> Klasse:
        return self.klassen[nummer - 1]

    def basisrisico(self, activiteitcode: str) -> tuple[float, str | None]:
        """Basisrisico bij de langste prefix die op een segmentgrens past (``bal-3.2`` past op ``bal-3.2.1``,
        ``bal-3.2.1`` niet op ``bal-3.2.12``); geen prefix → standaardwaarde, prefix ``None``."""
        beste: str | None = None
        for prefix in self.activiteit_prefixen:
            if (activiteitcode == prefix or activiteitcode.startswith(prefix + ".")) and (
                beste is None or len(prefix) > len(beste)
            ):
                beste = prefix
        return (self.activiteit_standaard if beste is None else self.activiteit_prefixen[beste]), beste

    def uren_per_jaar(self, frequentie_maanden: int, inspectietype: str) -> float:
        """Verwachte uren per jaar: normuren van het inspectietype × 12 / frequentie."""
        if inspectietype not in self.normuren:
            raise KeyError(f"Risicomodel '{self.versie}': geen normuren voor inspectietype '{inspectietype}'.")
        return self.normuren[inspectietype] * 12 / frequentie_maanden


class _Tabellen(NamedTuple):
    """Vooraf berekende numpy-tabellen voor ``score_alle`` en ``score`` (zelfde getallen, zelfde volgorde)."""

    w_impact: tuple[float, ...]
    w_prestatie: tuple[float, ...]
    emissie: np.ndarray
    ongeval: np.ndarray
    band_vanaf: np.ndarray
    band_waarde: np.ndarray
    gevolg: np.ndarray  # index 1..4
    gedrag: np.ndarray  # index 0 (onbekend), 1..4 (A–D)
    cert: np.ndarray  # index Certificering.value
    ondergrenzen: np.ndarray
    freq: np.ndarray
    freq_ied: np.ndarray
    noemer_verval: float

    @classmethod
    def van(cls, m: Risicomodel) -> _Tabellen:
        return cls(
            tuple(m.gewichten_impact[c] for c in IMPACTCRITERIA),
            tuple(m.gewichten_prestatie[c] for c in PRESTATIECRITERIA),
            np.array(m.emissie, dtype=np.float64),
            np.array(m.ongevalsrisico, dtype=np.float64),
            np.array([b[0] for b in m.omgeving_banden], dtype=np.int64),
            np.array([b[1] for b in m.omgeving_banden], dtype=np.float64),
            np.array([0.0, *(m.gevolg_gewicht[g] for g in Gevolg)], dtype=np.float64),
            np.array([m.gedrag_gewicht[k] for k in _GEDRAG_CODES], dtype=np.float64),
            np.array([m.certificering[c] for c in Certificering], dtype=np.float64),
            np.array([k.van for k in m.klassen], dtype=np.float64),
            np.array([k.frequentie_maanden for k in m.klassen], dtype=np.int64),
            np.array([k.frequentie_maanden_ied for k in m.klassen], dtype=np.int64),
            _DAGEN_PER_JAAR * m.halfwaardetijd_jaren,
        )


def _fout(m: Risicomodel, tekst: str) -> OngeldigModel:
    return OngeldigModel(f"Risicomodel '{m.versie}': {tekst}")


def _eenheid(m: Risicomodel, waarde: float, wat: str) -> None:
    if not 0.0 <= waarde <= 1.0:
        raise _fout(m, f"{wat} moet tussen 0 en 1 liggen, niet {waarde}.")


def _valideer(m: Risicomodel) -> None:
    if not m.versie.strip():
        raise OngeldigModel("Risicomodel: versie ontbreekt.")
    for groep, namen, gewichten in (
        ("impact", IMPACTCRITERIA, m.gewichten_impact),
        ("prestatie", PRESTATIECRITERIA, m.gewichten_prestatie),
    ):
        if onbekend := sorted(set(gewichten) - set(namen)):
            raise _fout(m, f"onbekende {groep}criteria {onbekend}; bekend zijn {list(namen)}.")
        if ontbreekt := [c for c in namen if c not in gewichten]:
            raise _fout(m, f"geen gewicht voor {groep}criteria {ontbreekt} (gebruik 0 om uit te schakelen).")
        if negatief := [c for c, w in gewichten.items() if w < 0]:
            raise _fout(m, f"negatief gewicht voor {groep}criteria {negatief}.")
        if abs(sum(gewichten.values()) - 1.0) > _TOLERANTIE:
            raise _fout(m, f"de {groep}gewichten tellen op tot {sum(gewichten.values())}, niet tot 1.")
    _eenheid(m, m.activiteit_standaard, "activiteit.standaard")
    for prefix, w in m.activiteit_prefixen.items():
        if not prefix.strip():
            raise _fout(m, "lege activiteitprefix.")
        _eenheid(m, w, f"activiteit.prefixen['{prefix}']")
    for naam in ("emissie", "ongevalsrisico"):
        reeks = getattr(m, naam)
        if len(reeks) != 4:
            raise _fout(m, f"{naam} moet precies 4 waarden hebben (klasse 0–3), niet {len(reeks)}.")
        for i, w in enumerate(reeks):
            _eenheid(m, w, f"{naam}[{i}]")
        if any(b < a for a, b in zip(reeks, reeks[1:], strict=False)):
            raise _fout(m, f"{naam}: een hogere klasse mag geen lagere waarde hebben.")
    banden = m.omgeving_banden
    if not banden or banden[0][0] != 0:
        raise _fout(m, "omgeving.banden moet beginnen bij 0 woningen.")
    for (a, _), (b, _) in zip(banden, banden[1:], strict=False):
        if b <= a:
            raise _fout(m, f"omgeving.banden niet strikt oplopend ({a} gevolgd door {b}).")
    for vanaf, w in banden:
        _eenheid(m, w, f"omgeving.banden[vanaf {vanaf}]")
    if ontbreekt := [g.value for g in Gevolg if g not in m.gevolg_gewicht]:
        raise _fout(m, f"naleefhistorie: geen gewicht voor gevolgklassen {ontbreekt}.")
    if ontbreekt := [k for k in _GEDRAG_CODES if k not in m.gedrag_gewicht]:
        raise _fout(m, f"naleefhistorie: geen gewicht voor gedrag {ontbreekt}.")
    if onbekend := sorted(set(m.gedrag_gewicht) - set(_GEDRAG_CODES)):
        raise _fout(m, f"naleefhistorie: onbekend gedrag {onbekend}; kies uit {list(_GEDRAG_CODES)}.")
    if any(w < 0 for w in (*m.gevolg_gewicht.values(), *m.gedrag_gewicht.values())):
        raise _fout(m, "naleefhistorie: negatief gewicht voor gevolg of gedrag.")
    if m.halfwaardetijd_jaren <= 0 or m.verzadiging <= 0:
        raise _fout(m, "naleefhistorie: halfwaardetijd en verzadiging moeten groter dan 0 zijn.")
    if ontbreekt := [c.sleutel for c in Certificering if c not in m.certificering]:
        raise _fout(m, f"certificering: geen waarde voor {ontbreekt}.")
    for c, w in m.certificering.items():
        _eenheid(m, w, f"certificering.{c.sleutel}")
        if w > m.certificering[Certificering.GEEN]:
            raise _fout(m, f"certificering: {c.sleutel} mag de score niet verhogen ten opzichte van 'geen'.")
    if not 0 <= m.factor_min <= m.factor_max:
        raise _fout(m, "combinatie: vereist 0 ≤ factor_min ≤ factor_max.")
    if m.schaal <= 0:
        raise _fout(m, "combinatie: schaal moet groter dan 0 zijn.")
    _valideer_klassen(m)
    if not m.normuren:
        raise _fout(m, "geen normuren per inspectietype.")
    for soort, uren in m.normuren.items():
        if not soort.strip() or not uren > 0:
            raise _fout(m, f"normuren voor '{soort}' moeten groter dan 0 zijn.")


def _valideer_klassen(m: Risicomodel) -> None:
    k = m.klassen
    if len(k) < 2:
        raise _fout(m, "ten minste twee risicoklassen nodig.")
    if [x.nummer for x in k] != list(range(1, len(k) + 1)):
        raise _fout(m, f"klassen moeten 1..{len(k)} zijn, oplopend en zonder gaten; gevonden {[x.nummer for x in k]}.")
    if k[0].van != 0:
        raise _fout(m, f"klasse 1 moet bij score 0 beginnen, niet bij {k[0].van}.")
    for x in k:
        if not x.tot > x.van:
            raise _fout(m, f"klasse {x.nummer}: bovengrens {x.tot} ligt niet boven ondergrens {x.van}.")
    for a, b in zip(k, k[1:], strict=False):
        if b.van < a.tot:
            raise _fout(m, f"klassen {a.nummer} en {b.nummer} overlappen ({a.tot} > {b.van}).")
        if b.van > a.tot:
            raise _fout(m, f"gat tussen klasse {a.nummer} en {b.nummer} ({a.tot} tot {b.van}).")
    if k[-1].tot < m.max_score:
        raise _fout(m, f"klassen dekken de scores tot {m.max_score} niet (hoogste bovengrens {k[-1].tot}).")
    for x in k:
        if x.frequentie_maanden < 1 or x.frequentie_maanden_ied < 1:
            raise _fout(m, f"klasse {x.nummer}: frequentie moet ten minste 1 maand zijn.")
        if x.frequentie_maanden_ied > IED_MAX_MAANDEN:
            raise _fout(
                m,
                f"klasse {x.nummer}: IED-installaties eens per {x.frequentie_maanden_ied} maanden is in strijd met "
                f"Richtlijn 2010/75/EU art. 23 lid 4 (ten minste eens per 3 jaar, dus ≤ {IED_MAX_MAANDEN} maanden).",
            )
    if k[-1].frequentie_maanden_ied > IED_HOOGSTE_MAX_MAANDEN:
        raise _fout(
            m,
            f"hoogste klasse {k[-1].nummer}: IED-installaties eens per {k[-1].frequentie_maanden_ied} maanden is in "
            f"strijd met Richtlijn 2010/75/EU art. 23 lid 4 (hoogste risico ten minste eens per jaar, ≤ 12 maanden).",
        )
    for a, b in zip(k, k[1:], strict=False):
        if b.frequentie_maanden > a.frequentie_maanden or b.frequentie_maanden_ied > a.frequentie_maanden_ied:
            raise _fout(m, f"klasse {b.nummer} zou minder vaak bezocht worden dan klasse {a.nummer}.")


# --- invoer en uitkomst per locatie --------------------------------------------------------------------------


@dataclass(frozen=True)
class Naleefgegeven:
    """Een overtreding (of niet-nalevende bevinding) uit de historie, gepositioneerd volgens de LHSO."""

    datum: date
    gevolg: Gevolg
    gedrag: Gedrag | None = None  # None: (nog) niet gepositioneerd → gewicht 'onbekend'


@dataclass(frozen=True)
class Kenmerken:
    """Kenmerken van één activiteituitvoering/locatie op de peildatum."""

    activiteitcode: str
    ied: bool = False
    seveso: bool = False
    zzs: bool = False
    emissieklasse: int = 0
    ongevalsrisico: int = 0
    woningen_250m: int = 0
    historie: tuple[Naleefgegeven, ...] = ()
    certificering: Certificering = Certificering.GEEN

    def __post_init__(self) -> None:
        object.__setattr__(self, "historie", tuple(self.historie))
        for naam in ("emissieklasse", "ongevalsrisico"):
            if getattr(self, naam) not in (0, 1, 2, 3):
                raise ValueError(f"Kenmerken: {naam} moet 0, 1, 2 of 3 zijn, niet {getattr(self, naam)!r}.")
        if self.woningen_250m < 0:
            raise ValueError("Kenmerken: aantal woningen binnen 250 m kan niet negatief zijn.")


@dataclass(frozen=True)
class Onderdeel:
    """Eén regel van de uitsplitsing: criterium, waarde in [0, 1], gewicht in de groep en bijdrage aan de score."""

    criterium: str
    groep: str
    waarde: float
    gewicht: float
    bijdrage: float
    toelichting: str


@dataclass(frozen=True)
class Risicoscore:
    score: float
    impact: float
    prestatiefactor: float
    klasse: int
    frequentie_maanden: int
    onderdelen: tuple[Onderdeel, ...]
    motivering: tuple[str, ...]
    modelversie: str


def _verval(dagen: np.ndarray, noemer: float) -> np.ndarray:
    """0,5^(dagen / (365,25 · halfwaardetijd)); één ufunc voor scalair én vectorieel, dus bitgelijk."""
    return np.exp2(-(dagen / noemer))


def score(model: Risicomodel, kenmerken: Kenmerken, *, peildatum: date) -> Risicoscore:
    """Risicoscore van één locatie met volledige uitsplitsing en motivering (IED art. 23 lid 4; IMPEL IRAM)."""
    t: _Tabellen = model._tabellen
    k = kenmerken
    basis, prefix = model.basisrisico(k.activiteitcode)
    band = bisect.bisect_right(t.band_vanaf.tolist(), k.woningen_250m) - 1
    v_impact = (
        basis,
        1.0 if k.ied else 0.0,
        1.0 if k.seveso else 0.0,
        1.0 if k.zzs else 0.0,
        float(t.emissie[k.emissieklasse]),
        float(t.ongeval[k.ongevalsrisico]),
        float(t.band_waarde[band]),
    )
    meegeteld = [h for h in k.historie if h.datum <= peildatum]
    dagen = np.array([(peildatum - h.datum).days for h in meegeteld], dtype=np.int64)
    verval = _verval(dagen, t.noemer_verval).tolist()
    h_som = 0.0
    for h, f in zip(meegeteld, verval, strict=True):
        gi = 0 if h.gedrag is None else _GEDRAG_CODES.index(h.gedrag.value)
        h_som += float(t.gevolg[int(h.gevolg.value)] * t.gedrag[gi]) * f
    v_prestatie = (min(1.0, h_som / model.verzadiging), float(t.cert[k.certificering.value]))

    impact = 0.0
    for w, v in zip(t.w_impact, v_impact, strict=True):
        impact = impact + w * v
    p = 0.0
    for w, v in zip(t.w_prestatie, v_prestatie, strict=True):
        p = p + w * v
    spreiding = model.factor_max - model.factor_min
    factor = model.factor_min + spreiding * p
    s = model.schaal * impact * factor
    nr = bisect.bisect_right(t.ondergrenzen.tolist(), s)
    klasse = model.klasse(nr)
    freq = klasse.frequentie_maanden_ied if k.ied else klasse.frequentie_maanden

    toel_impact = (
        f"activiteit {k.activiteitcode}: " + (f"prefix {prefix}" if prefix else "standaardwaarde"),
        "IED/IPPC-installatie" if k.ied else "geen IED-installatie",
        "Seveso-inrichting" if k.seveso else "geen Seveso-inrichting",
        "gebruik van ZZS" if k.zzs else "geen ZZS",
        f"emissieklasse {k.emissieklasse}",
        f"ongevalsrisico {k.ongevalsrisico}",
        f"{k.woningen_250m} woningen binnen 250 m (band vanaf {int(t.band_vanaf[band])})",
    )
    toel_prestatie = (
        f"{len(meegeteld)} overtreding(en) tot de peildatum, gewogen som {h_som:.3f} "
        f"(halfwaardetijd {model.halfwaardetijd_jaren} jaar, verzadiging {model.verzadiging})",
        f"certificering: {k.certificering.sleutel}",
    )
    onderdelen = tuple(
        Onderdeel(c, "impact", v, w, model.schaal * model.factor_min * w * v, tl)
        for c, w, v, tl in zip(IMPACTCRITERIA, t.w_impact, v_impact, toel_impact, strict=True)
    ) + tuple(
        Onderdeel(c, "prestatie", v, w, model.schaal * impact * spreiding * w * v, tl)
        for c, w, v, tl in zip(PRESTATIECRITERIA, t.w_prestatie, v_prestatie, toel_prestatie, strict=True)
    )
    grens = "hoogste klasse, ondergrens inclusief" if nr == len(model.klassen) else "[van, tot)"
    motivering = (
        f"Risicomodel {model.versie}, peildatum {peildatum.isoformat()}.",
        *(
            f"{o.criterium}: waarde {o.waarde:.3f} × gewicht {o.gewicht:g} → bijdrage {o.bijdrage:.2f} "
            f"({o.toelichting})."
            for o in onderdelen
        ),
        f"Impact I = {impact:.4f}; prestatiefactor F = {model.factor_min:g} + {spreiding:g} × {p:.4f} = {factor:.4f}.",
        f"Score = {model.schaal:g} × I × F = {s:.2f} → klasse {nr} ({klasse.van:g}–{klasse.tot:g}, {grens}).",
        (
            f"IED-installatie: frequentie eens per {freq} maanden (Richtlijn 2010/75/EU art. 23 lid 4)."
            if k.ied
            else f"Frequentie eens per {freq} maanden."
        ),
    )
    return Risicoscore(s, impact, factor, nr, freq, onderdelen, motivering, model.versie)


class Scores(NamedTuple):
    score: np.ndarray  # float64
    klasse: np.ndarray  # int64, 1..n
    frequentie_maanden: np.ndarray  # int64


def score_alle(
    model: Risicomodel,
    *,
    activiteitcodes: Sequence[str] | np.ndarray,
    ied: np.ndarray,
    seveso: np.ndarray,
    zzs: np.ndarray,
    emissieklasse: np.ndarray,
    ongevalsrisico: np.ndarray,
    woningen_250m: np.ndarray,
    certificering: np.ndarray,
    historie_locatie: np.ndarray | None = None,
    historie_datum: np.ndarray | None = None,
    historie_gevolg: np.ndarray | None = None,
    historie_gedrag: np.ndarray | None = None,
    peildatum: date,
) -> Scores:
    """Alle locaties tegelijk (numpy), met dezelfde uitkomst als ``score`` per locatie.

    Per locatie: ``certificering`` is ``Certificering.value`` (0 geen, 1 ISO 14001, 2 EMAS). De historie is plat:
    per overtreding de locatie-index, de datum (``datetime64[D]``), het gevolg (1–4) en het gedrag (0 onbekend,
    1–4 = A–D); per locatie in dezelfde volgorde als ``Kenmerken.historie``.
    """
    t: _Tabellen = model._tabellen
    codes = np.asarray(activiteitcodes)
    n = codes.shape[0]
    uniek, inverse = np.unique(codes, return_inverse=True)
    basis = np.array([model.basisrisico(str(c))[0] for c in uniek.tolist()], dtype=np.float64)[inverse.reshape(-1)]
    emis = np.asarray(emissieklasse)
    ong = np.asarray(ongevalsrisico)
    won = np.asarray(woningen_250m)
    if n and (emis.min() < 0 or emis.max() > 3 or ong.min() < 0 or ong.max() > 3 or won.min() < 0):
        raise ValueError("score_alle: emissieklasse/ongevalsrisico buiten 0–3 of negatief aantal woningen.")
    ied_b = np.asarray(ied, dtype=bool)
    w = t.w_impact
    impact = np.zeros(n, dtype=np.float64)
    impact = impact + w[0] * basis
    impact = impact + w[1] * ied_b.astype(np.float64)
    impact = impact + w[2] * np.asarray(seveso, dtype=bool).astype(np.float64)
    impact = impact + w[3] * np.asarray(zzs, dtype=bool).astype(np.float64)
    impact = impact + w[4] * t.emissie[emis]
    impact = impact + w[5] * t.ongeval[ong]
    impact = impact + w[6] * t.band_waarde[np.searchsorted(t.band_vanaf, won, side="right") - 1]

    h_som = np.zeros(n, dtype=np.float64)
    if historie_locatie is not None and len(historie_locatie):
        loc = np.asarray(historie_locatie, dtype=np.int64)
        dagen = (np.datetime64(peildatum, "D") - np.asarray(historie_datum, dtype="datetime64[D]")).astype(np.int64)
        mee = dagen >= 0
        gewicht = t.gevolg[np.asarray(historie_gevolg)[mee]] * t.gedrag[np.asarray(historie_gedrag)[mee]]
        gewogen = gewicht * _verval(dagen[mee], t.noemer_verval)
        # numpy's stub types every bincount as intp, but with weights= it sums them as float64.
        h_som = np.bincount(loc[mee], weights=gewogen, minlength=n)  # type: ignore[assignment]
    wp = t.w_prestatie
    p = np.zeros(n, dtype=np.float64)
    p = p + wp[0] * np.minimum(1.0, h_som / model.verzadiging)
    p = p + wp[1] * t.cert[np.asarray(certificering)]
    factor = model.factor_min + (model.factor_max - model.factor_min) * p
    s = model.schaal * impact * factor
    klasse = np.searchsorted(t.ondergrenzen, s, side="right").astype(np.int64)
    freq = np.where(ied_b, t.freq_ied[klasse - 1], t.freq[klasse - 1])
    return Scores(s, klasse, freq)


# --- laden en valideren --------------------------------------------------------------------------------------


def _getal(waarde: Any, w: str) -> float:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        raise OngeldigModel(f"{w}: verwacht een getal, niet {waarde!r}.")
    return float(waarde)


def _geheel(waarde: Any, w: str) -> int:
    try:
        return van_soort(waarde, int, w)
    except ValueError as e:
        raise OngeldigModel(str(e)) from None


def _o(waarde: Any, w: str, verplicht: Sequence[str], optioneel: Sequence[str] | None) -> dict[str, Any]:
    try:
        return object_met(waarde, w, verplicht, optioneel)
    except ValueError as e:
        raise OngeldigModel(str(e)) from None


def _lijst(waarde: Any, w: str) -> list[Any]:
    if not isinstance(waarde, list):
        raise OngeldigModel(f"{w}: verwacht een lijst.")
    return waarde


def model_uit_dict(d: Mapping[str, Any]) -> Risicomodel:
    """Risicomodel uit een JSON-object (schema ``openvth.risico.model/1``); weigert met ``OngeldigModel``."""
    w = "risicomodel"
    d = _o(
        d,
        w,
        ("schema", "versie", "gewichten", "impact", "prestatie", "combinatie", "klassen", "normuren"),
        ("beschrijving", "regio", "geldig_vanaf", "bron"),
    )
    if d["schema"] != SCHEMA:
        raise OngeldigModel(f"{w}: onbekend schema {d['schema']!r}; verwacht {SCHEMA!r}.")
    versie = d["versie"]
    if not isinstance(versie, str) or not versie.strip():
        raise OngeldigModel(f"{w}: versie ontbreekt.")
    w = f"risicomodel '{versie}'"
    gew = _o(d["gewichten"], f"{w}.gewichten", ("impact", "prestatie"), ())
    gi = {k: _getal(v, f"{w}.gewichten.impact.{k}") for k, v in _o(gew["impact"], w, (), None).items()}
    gp = {k: _getal(v, f"{w}.gewichten.prestatie.{k}") for k, v in _o(gew["prestatie"], w, (), None).items()}
    imp = _o(d["impact"], f"{w}.impact", ("activiteit", "emissie", "ongevalsrisico", "omgeving"), ())
    act = _o(imp["activiteit"], f"{w}.impact.activiteit", ("standaard", "prefixen"), ())
    prefixen = {str(k): _getal(v, f"{w}.activiteit.{k}") for k, v in _o(act["prefixen"], w, (), None).items()}
    emis = tuple(_getal(v, f"{w}.impact.emissie") for v in _lijst(imp["emissie"], f"{w}.impact.emissie"))
    ong = tuple(_getal(v, f"{w}.impact.ongevalsrisico") for v in _lijst(imp["ongevalsrisico"], f"{w}.ongevalsrisico"))
    omg = _o(imp["omgeving"], f"{w}.impact.omgeving", ("banden",), ("toelichting",))
    banden = []
    for i, b in enumerate(_lijst(omg["banden"], f"{w}.impact.omgeving.banden")):
        bd = _o(b, f"{w}.impact.omgeving.banden[{i}]", ("vanaf", "waarde"), ())
        banden.append((_geheel(bd["vanaf"], f"{w}.banden[{i}].vanaf"), _getal(bd["waarde"], f"{w}.banden[{i}]")))
    pre = _o(d["prestatie"], f"{w}.prestatie", ("naleefhistorie", "certificering"), ())
    nh = _o(
        pre["naleefhistorie"],
        f"{w}.prestatie.naleefhistorie",
        ("gevolg_gewicht", "gedrag_gewicht", "halfwaardetijd_jaren", "verzadiging"),
        (),
    )
    gevolg = {}
    for k, v in _o(nh["gevolg_gewicht"], f"{w}.gevolg_gewicht", (), None).items():
        try:
            gevolg[Gevolg(str(k))] = _getal(v, f"{w}.gevolg_gewicht.{k}")
        except ValueError:
            raise OngeldigModel(f"{w}.gevolg_gewicht: onbekende gevolgklasse {k!r}; kies 1–4.") from None
    gedrag = {str(k): _getal(v, f"{w}.gedrag_gewicht.{k}") for k, v in _o(nh["gedrag_gewicht"], w, (), None).items()}
    cert = {}
    for k, v in _o(pre["certificering"], f"{w}.certificering", (), None).items():
        try:
            cert[Certificering[str(k).upper()]] = _getal(v, f"{w}.certificering.{k}")
        except KeyError:
            raise OngeldigModel(f"{w}.certificering: onbekende waarde {k!r}; kies geen, iso14001 of emas.") from None
    comb = _o(d["combinatie"], f"{w}.combinatie", ("methode", "factor_min", "factor_max", "schaal"), ("toelichting",))
    if comb["methode"] != "impact_maal_prestatiefactor":
        raise OngeldigModel(
            f"{w}.combinatie: onbekende methode {comb['methode']!r}; "
            "alleen 'impact_maal_prestatiefactor' is gedefinieerd."
        )
    klassen = []
    for i, kl in enumerate(_lijst(d["klassen"], f"{w}.klassen")):
        p = f"{w}.klassen[{i}]"
        kd = _o(kl, p, ("klasse", "van", "tot", "frequentie_maanden", "frequentie_maanden_ied"), ("omschrijving",))
        klassen.append(
            Klasse(
                _geheel(kd["klasse"], p),
                _getal(kd["van"], p),
                _getal(kd["tot"], p),
                _geheel(kd["frequentie_maanden"], p),
                _geheel(kd["frequentie_maanden_ied"], p),
                str(kd.get("omschrijving", "")),
            )
        )
    normuren = {str(k): _getal(v, f"{w}.normuren.{k}") for k, v in _o(d["normuren"], w, (), None).items()}
    geldig = d.get("geldig_vanaf")
    try:
        geldig_vanaf = None if geldig is None else date.fromisoformat(geldig)
    except (TypeError, ValueError):
        raise OngeldigModel(f"{w}.geldig_vanaf: geen datum (jjjj-mm-dd): {geldig!r}.") from None
    return Risicomodel(
        versie=versie,
        gewichten_impact=gi,
        gewichten_prestatie=gp,
        activiteit_standaard=_getal(act["standaard"], f"{w}.activiteit.standaard"),
        activiteit_prefixen=prefixen,
        emissie=emis,  # type: ignore[arg-type]  # lengte wordt gevalideerd
        ongevalsrisico=ong,  # type: ignore[arg-type]
        omgeving_banden=tuple(banden),
        gevolg_gewicht=gevolg,
        gedrag_gewicht=gedrag,
        halfwaardetijd_jaren=_getal(nh["halfwaardetijd_jaren"], f"{w}.halfwaardetijd_jaren"),
        verzadiging=_getal(nh["verzadiging"], f"{w}.verzadiging"),
        certificering=cert,
        factor_min=_getal(comb["factor_min"], f"{w}.combinatie.factor_min"),
        factor_max=_getal(comb["factor_max"], f"{w}.combinatie.factor_max"),
        schaal=_getal(comb["schaal"], f"{w}.combinatie.schaal"),
        klassen=tuple(klassen),
        normuren=normuren,
        regio=d.get("regio"),
        geldig_vanaf=geldig_vanaf,
        beschrijving=str(d.get("beschrijving", "")),
    )


def laad_model(pad: str | Path) -> Risicomodel:
    """Risicomodel uit een JSON-bestand."""
    try:
        ruw = json.loads(Path(pad).read_text("utf-8"))
    except json.JSONDecodeError as e:
        raise OngeldigModel(f"Risicomodel {pad}: geen geldige JSON ({e}).") from None
    return model_uit_dict(ruw)


def voorbeeldmodel() -> Risicomodel:
    """Het meegeleverde voorbeeldmodel ``voorbeeld-2026-1`` (waarden zijn voorbeelden, [check])."""
    return model_uit_dict(meegeleverd(VOORBEELDBESTAND))
