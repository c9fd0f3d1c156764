"""Legal periods: the Algemene termijnenwet (Atw, BWBR0002448) and the Awb/Omgevingswet periods of VTH work.

Pure Python, no clock: every date is an argument. Each result is a `Termijn` whose `motivering` lists, in
Dutch, every step a jurist can check. Facts marked [check] could not be confirmed from a primary text.

Atw: art. 1 lid 1 extends a period set by law that ends on a Saturday, Sunday or generally recognised holiday
up to and including the next day that is none of these; lid 2: not for periods counted backwards. Art. 2: a
statutory period of at least three days is extended where needed to hold two days that are none of these (the
start day is not part of the period). Art. 3: the holidays (lid 2 Good Friday, lid 3 decree days). Art. 4
onder a: no Atw for periods in hours, of more than 90 days, twelve weeks or three months, or of one or more
years. Art. 5: the same for periods in an AMvB. Periods set in a decision (a begunstigingstermijn) are not
statutory; authorities may shift them as policy (`verschuif_besluittermijnen=True`, DOMAIN.md §8).

Counting: "N days/weeks after day X" begins the day after X and ends N days/weeks later (same weekday).
Months and years end on the same day-of-month, or the month's last day when that day does not exist
(31 Aug + 6 months = 28/29 Feb), the rule of Verordening (EEG, Euratom) nr. 1182/71 art. 3 lid 2 onder c,
used for Dutch periods too [check case law]. Backwards: X minus the period.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import Enum
from importlib import resources

EERSTE_JAAR = 1990
"""Earliest year modelled (5 May entered Atw art. 3 in the early 1980s; older texts differ)."""

_WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_ISO_DUUR = re.compile(r"P(\d+)([DWMY])")
_DAG = timedelta(days=1)


def _dag(d: date) -> str:
    return f"{_WEEKDAGEN[d.weekday()]} {d.day} {_MAANDEN[d.month - 1]} {d.year}"


def datum_tekst(d: date) -> str:
    """A date as the motivations write it, e.g. "maandag 6 januari 2025"."""
    return _dag(d)


def _vereis_datum(waarde: object, naam: str) -> None:
    if isinstance(waarde, datetime) or not isinstance(waarde, date):
        raise TypeError(f"{naam} moet een datum (datetime.date) zijn, geen {type(waarde).__name__}")


class Eenheid(Enum):
    DAG = "D"
    WEEK = "W"
    MAAND = "M"
    JAAR = "Y"

    def naam(self, aantal: int) -> str:
        enkel, meer = {"D": ("dag", "dagen"), "W": ("week", "weken"), "M": ("maand", "maanden"), "Y": ("jaar", "jaar")}[
            self.value
        ]
        return enkel if aantal == 1 else meer


class Richting(Enum):
    VOORUIT = "vooruit"
    TERUG = "terug"


class Procedure(Enum):
    REGULIER = "regulier"
    UITGEBREID = "uitgebreid"


@dataclass(frozen=True)
class Duur:
    """A period in whole days, weeks, months or years (hours are not supported; Atw art. 4 excludes them)."""

    aantal: int
    eenheid: Eenheid

    def __post_init__(self) -> None:
        if isinstance(self.aantal, bool) or not isinstance(self.aantal, int) or not isinstance(self.eenheid, Eenheid):
            raise TypeError(f"verwacht een geheel aantal en een Eenheid: {self.aantal!r}, {self.eenheid!r}")
        if self.aantal < 1:
            raise ValueError(f"een termijn duurt ten minste 1 eenheid; ontvangen: {self.aantal}")

    @classmethod
    def parse(cls, tekst: str) -> Duur:
        """Parse an ISO 8601 duration limited to PnD, PnW, PnM and PnY (n a whole number >= 1).

        Refused with a ValueError: P0D, negative durations, the time part (PT8H), fractions, and combinations
        such as P1Y2M or P1W2D: the Atw judges a period by the one unit the law uses (art. 4), so a mixed
        duration has no unambiguous Atw treatment. Surrounding whitespace is ignored; letters are upper case.
        """
        if not isinstance(tekst, str):
            raise TypeError(f"duur moet tekst zijn, geen {type(tekst).__name__}")
        s = tekst.strip()
        gevonden = _ISO_DUUR.fullmatch(s)
        if gevonden is None:
            if "-" in s:
                reden = "een negatieve duur is niet toegestaan"
            elif "T" in s:
                reden = "uren en minuten (tijdsdeel 'T') worden niet ondersteund (Atw art. 4 onder a)"
            elif re.fullmatch(r"P(\d+[YMWD]){2,}", s):
                reden = "combinaties zoals P1Y2M worden niet ondersteund; gebruik één eenheid"
            else:
                reden = "verwacht PnD, PnW, PnM of PnY met een geheel getal n van ten minste 1"
            raise ValueError(f"ongeldige termijnduur {s!r}: {reden}")
        if int(gevonden.group(1)) == 0:
            raise ValueError(f"ongeldige termijnduur {s!r}: een duur van nul is geen termijn")
        return cls(int(gevonden.group(1)), Eenheid(gevonden.group(2)))

    @property
    def iso(self) -> str:
        return f"P{self.aantal}{self.eenheid.value}"

    @property
    def minimaal_dagen(self) -> int:
        """The fewest calendar days this period can span (a month counts as at least 28)."""
        return self.aantal * {"D": 1, "W": 7, "M": 28, "Y": 365}[self.eenheid.value]

    def atw_uitsluiting(self) -> str | None:
        """Why Atw art. 4 onder a excludes this period, or None when the Atw applies to it."""
        if self.eenheid is Eenheid.JAAR:
            return "omschreven in een of meer jaren"
        maximum = {"D": 90, "W": 12, "M": 3}[self.eenheid.value]
        if self.aantal > maximum:
            return f"omschreven in meer dan {maximum} {self.eenheid.naam(maximum)}"
        return None

    def __str__(self) -> str:
        return f"{self.aantal} {self.eenheid.naam(self.aantal)}"


def pasen(jaar: int) -> date:
    """Easter Sunday (Gregorian): the anonymous algorithm (Meeus, Astronomical Algorithms, ch. 8)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    w = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * w) // 451
    maand, dag = divmod(h + w - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> tuple[date, str]:
    """The day the King's (Queen's) birthday is celebrated, the holiday of Atw art. 3 lid 1.

    From 2014: 27 April (Besluit van 30 januari 2013, nr. 13.000173, BWBR0032908, Stcrt. 2013, 4075); before:
    30 April as Koninginnedag (KB 24 april 1980, nr. 11, BWBR0031338). Both decrees add only "behoudens
    uitzonderingen in verband met zondagen"; the exception as practised is the Saturday before (26 April 2014
    and 2025, 29 April 2006). That practice is encoded here.
    """
    dag, naam = (date(jaar, 4, 27), "Koningsdag") if jaar >= 2014 else (date(jaar, 4, 30), "Koninginnedag")
    return (dag - _DAG, naam) if dag.weekday() == 6 else (dag, naam)


@dataclass(frozen=True)
class Feestdagenkalender:
    """The holidays of Atw art. 3, plus the days equated with them by decree (art. 3 lid 3).

    `gelijkgestelde_dagen` holds (datum, reden) pairs and is empty by default: the Crown equates days for a
    few years at a time by a decree in the Staatscourant (e.g. "Besluit gelijkstelling van 2 januari 2026,
    15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag"). Add each day
    as data, citing the decree, e.g. ``Feestdagenkalender().met_gelijkstelling(date(2026, 5, 15), "vrijdag na
    Hemelvaartsdag, Besluit gelijkstelling 2026-2028")`` or by passing a frozenset to the constructor.
    """

    gelijkgestelde_dagen: frozenset[tuple[date, str]] = frozenset()

    def __post_init__(self) -> None:
        dagen = frozenset(self.gelijkgestelde_dagen)
        for item in dagen:
            if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str) and item[1].strip()):
                raise ValueError(f"een gelijkgestelde dag is een paar (datum, reden): {item!r}")
            _vereis_datum(item[0], "gelijkgestelde dag")
        object.__setattr__(self, "gelijkgestelde_dagen", dagen)

    @classmethod
    def met_besluiten(cls, *csv_teksten: str) -> Feestdagenkalender:
        """The calendar with the decree days shipped in ``data/atw_gelijkgestelde_dagen.csv`` plus those in
        `csv_teksten` (same format; a later text replaces the entry for a date it repeats, e.g. a corrected
        citation)."""
        dagen: dict[date, str] = {}
        for bron, tekst in (
            ("atw_gelijkgestelde_dagen.csv", _meegeleverde_besluiten()),
            *((f"bestand {i}", t) for i, t in enumerate(csv_teksten, 1)),
        ):
            dagen |= dict(lees_gelijkgestelde_dagen(tekst, bron=bron))
        return cls(frozenset(dagen.items()))

    def met_gelijkstelling(self, datum: date, reden: str) -> Feestdagenkalender:
        """A new calendar with one more day equated by decree (Atw art. 3 lid 3)."""
        return replace(self, gelijkgestelde_dagen=self.gelijkgestelde_dagen | {(datum, reden)})

    def feestdagen(self, jaar: int) -> dict[date, str]:
        """The Atw holidays of `jaar` with the reason each counts (a new dict on every call)."""
        if jaar < EERSTE_JAAR:
            raise ValueError(f"jaren vóór {EERSTE_JAAR} worden niet ondersteund (oudere tekst Atw art. 3)")
        p, (koning, koningnaam) = pasen(jaar), koningsdag(jaar)
        rijen = [
            (d, f"{naam} (Atw art. 3 lid 1)")
            for d, naam in (
                (date(jaar, 1, 1), "Nieuwjaarsdag"),
                (p + _DAG, "Tweede Paasdag"),
                (koning, koningnaam),
                (date(jaar, 5, 5), "5 mei"),
                (p + 39 * _DAG, "Hemelvaartsdag"),
                (p + 50 * _DAG, "Tweede Pinksterdag"),
                (date(jaar, 12, 25), "Eerste Kerstdag"),
                (date(jaar, 12, 26), "Tweede Kerstdag"),
            )
        ]
        rijen.append((p - 2 * _DAG, "Goede Vrijdag (Atw art. 3 lid 2)"))
        rijen += [(d, f"{r} (Atw art. 3 lid 3)") for d, r in self.gelijkgestelde_dagen if d.year == jaar]
        uitkomst: dict[date, str] = {}
        for d, r in sorted(rijen):
            uitkomst[d] = f"{uitkomst[d]} en {r}" if d in uitkomst else r
        return uitkomst

    def reden(self, dag: date) -> str | None:
        """Why `dag` is a Saturday, Sunday or holiday in the sense of Atw art. 1-2; None for any other day."""
        delen = [_WEEKDAGEN[dag.weekday()]] if dag.weekday() >= 5 else []
        delen += [f for f in (self.feestdagen(dag.year).get(dag),) if f]
        return "; ".join(delen) or None

    def is_werkdag(self, dag: date) -> bool:
        """True for a day that is no Saturday, Sunday or Atw holiday."""
        return self.reden(dag) is None


GELIJKSTELLING_KOLOMMEN = ("datum", "reden", "besluit", "bron")


def _meegeleverde_besluiten() -> str:
    return resources.files("openvth.regels").joinpath("data", "atw_gelijkgestelde_dagen.csv").read_text("utf-8")


def lees_gelijkgestelde_dagen(tekst: str, *, bron: str = "csv") -> tuple[tuple[date, str], ...]:
    """Days equated with a generally recognised holiday by royal decree (Atw art. 3 lid 3), from CSV text.

    Columns exactly `datum,reden,besluit,bron` (RFC 4180, header row): `datum` ISO 8601, `reden` which day it
    is (e.g. "vrijdag na Hemelvaartsdag"), `besluit` the decree's title or citation as published in the
    Staatscourant (art. 3 lid 3, tweede volzin), `bron` where that was read. Each pair's reason reads "<reden>,
    gelijkgesteld met een algemeen erkende feestdag bij <besluit>", so every shifted term names its decree.
    Refused with a ValueError naming the row: other columns, an empty `reden` or `besluit`, a date that is not
    ISO 8601, and the same date twice.
    """
    lezer = csv.DictReader(io.StringIO(tekst))
    if tuple(lezer.fieldnames or ()) != GELIJKSTELLING_KOLOMMEN:
        raise ValueError(
            f"{bron}: verwacht de kolommen {','.join(GELIJKSTELLING_KOLOMMEN)}, niet "
            f"{','.join(lezer.fieldnames or ()) or 'geen'}"
        )
    gezien: dict[date, int] = {}
    uit = []
    for regel, rij in enumerate(lezer, start=2):
        if None in rij or any(v is None for v in rij.values()):
            raise ValueError(f"{bron} regel {regel}: verwacht precies {len(GELIJKSTELLING_KOLOMMEN)} velden")
        try:
            datum = date.fromisoformat(rij["datum"].strip())
        except ValueError:
            raise ValueError(f"{bron} regel {regel}: geen datum (JJJJ-MM-DD): {rij['datum']!r}") from None
        reden, besluit = rij["reden"].strip(), rij["besluit"].strip()
        if not reden or not besluit:
            raise ValueError(
                f"{bron} regel {regel}: reden en besluit zijn verplicht (Atw art. 3 lid 3: "
                "gelijkstelling alleen bij besluit)"
            )
        if datum in gezien:
            raise ValueError(f"{bron} regel {regel}: {datum.isoformat()} staat ook op regel {gezien[datum]}")
        gezien[datum] = regel
        uit.append((datum, f"{reden}, gelijkgesteld met een algemeen erkende feestdag bij {besluit}"))
    return tuple(uit)


@dataclass(frozen=True)
class Opschorting:
    """A suspension of a running period: from `begin` (first suspended day) until `einde` (exclusive).

    This follows the wording of Awb 4:15 lid 1 ("met ingang van ... tot de dag waarop"): `einde` is the day
    the period runs again, e.g. the day the application was completed; the suspension lasts `einde - begin`
    days. `einde == begin` is an empty suspension; `einde < begin` is refused. Overlapping and adjacent
    ranges are merged, so a day is suspended at most once. A range must begin after the period's start day
    and no later than its (already pushed) end; otherwise a ValueError is raised.
    """

    begin: date
    einde: date
    reden: str = ""

    def __post_init__(self) -> None:
        _vereis_datum(self.begin, "begin")
        _vereis_datum(self.einde, "einde")
        if self.einde < self.begin:
            raise ValueError(f"opschorting eindigt ({self.einde}) vóór zij begint ({self.begin})")

    @classmethod
    def aanvulling(cls, uitnodiging: date, aangevuld: date) -> Opschorting:
        """Awb 4:15 lid 1 onder a: from the day after the invitation to complete the application (art. 4:5)
        until the day it was completed or the time set for it lapsed unused."""
        if aangevuld < uitnodiging:
            raise ValueError("de aanvraag kan niet zijn aangevuld vóór de uitnodiging daartoe")
        begin = uitnodiging + _DAG
        return cls(begin, max(aangevuld, begin), "aanvulling van de aanvraag (Awb 4:15 lid 1 onder a)")


@dataclass(frozen=True)
class Termijn:
    """The end of a period and every step of its computation (in Dutch) for the written motivation.

    `onverschoven_einddatum` is the end after counting, suspension and extension, before any Atw shift;
    `verschoven` says whether Atw art. 1 or 2 (or the policy applying them) moved it.
    """

    einddatum: date
    verschoven: bool
    motivering: tuple[str, ...]
    onverschoven_einddatum: date
    atw_toegepast: bool


def _tel(start: date, duur: Duur, richting: Richting) -> date:
    teken = 1 if richting is Richting.VOORUIT else -1
    try:
        if duur.eenheid in (Eenheid.DAG, Eenheid.WEEK):
            return start + teken * duur.minimaal_dagen * _DAG
        per_eenheid = 12 if duur.eenheid is Eenheid.JAAR else 1
        maanden = start.year * 12 + start.month - 1 + teken * duur.aantal * per_eenheid
        jaar, maand = divmod(maanden, 12)
        return date(jaar, maand + 1, min(start.day, calendar.monthrange(jaar, maand + 1)[1]))
    except (OverflowError, ValueError) as fout:
        raise ValueError(f"de termijn valt buiten het ondersteunde datumbereik ({fout})") from None


def _samenvoegen(opschortingen: Iterable[Opschorting]) -> list[tuple[date, date, str]]:
    samen: list[tuple[date, date, str]] = []
    for o in sorted((o for o in opschortingen if o.einde > o.begin), key=lambda o: (o.begin, o.einde)):
        if samen and o.begin <= samen[-1][1]:
            begin, einde, reden = samen[-1]
            reden = "; ".join(r for r in dict.fromkeys((reden, o.reden)) if r)
            samen[-1] = (begin, max(einde, o.einde), reden)
        else:
            samen.append((o.begin, o.einde, o.reden))
    return samen


def _artikel_1(eind: date, kalender: Feestdagenkalender, regels: list[str]) -> date:
    if (reden := kalender.reden(eind)) is None:
        regels.append(f"Atw art. 1: {_dag(eind)} is geen zaterdag, zondag of feestdag; geen verlenging.")
        return eind
    while reden is not None:
        regels.append(f"Atw art. 1: {_dag(eind)} overgeslagen: {reden}.")
        eind += _DAG
        reden = kalender.reden(eind)
    regels.append(
        f"Atw art. 1: verlengd tot en met {_dag(eind)}, de eerstvolgende dag die geen zaterdag, zondag of feestdag is."
    )
    return eind


def _artikel_2(start: date, eind: date, duur: Duur, kalender: Feestdagenkalender, regels: list[str]) -> date:
    if duur.minimaal_dagen < 3:
        regels.append("Atw art. 2: niet van toepassing, de termijn is korter dan drie dagen.")
        return eind
    werkdagen, dag = 0, start
    while dag < eind and werkdagen < 2:
        dag += _DAG
        werkdagen += kalender.is_werkdag(dag)
    if werkdagen >= 2:
        regels.append("Atw art. 2: de termijn bevat twee dagen die geen zaterdag, zondag of feestdag zijn.")
        return eind
    regels.append(
        f"Atw art. 2: de termijn van {_dag(start + _DAG)} tot en met {_dag(eind)} bevat "
        f"{werkdagen} dag(en) die geen zaterdag, zondag of feestdag is; verlenging nodig."
    )
    while werkdagen < 2:
        eind += _DAG
        if (reden := kalender.reden(eind)) is None:
            werkdagen += 1
        else:
            regels.append(f"Atw art. 2: {_dag(eind)} telt niet mee: {reden}.")
    regels.append(f"Atw art. 2: verlengd tot en met {_dag(eind)}.")
    return eind


def _bereken(
    start: date,
    duur: Duur,
    *,
    kalender: Feestdagenkalender,
    richting: Richting = Richting.VOORUIT,
    wettelijk: bool = True,
    verschuif: bool = False,
    bron: str = "",
    opschortingen: Iterable[Opschorting] = (),
    verlenging: Duur | None = None,
) -> Termijn:
    _vereis_datum(start, "start")
    if not isinstance(richting, Richting):
        raise TypeError(f"richting moet een Richting zijn, geen {richting!r}")
    regels = [bron] if bron else []
    eind = _tel(start, duur, richting)
    regels.append(
        f"Berekening: {duur} na {_dag(start)}; de termijn begint op {_dag(start + _DAG)} en eindigt op {_dag(eind)}."
        if richting is Richting.VOORUIT
        else f"Berekening: {duur} vóór {_dag(start)} (terugrekening); uiterlijk op {_dag(eind)}."
    )
    if duur.eenheid in (Eenheid.MAAND, Eenheid.JAAR) and eind.day != start.day:
        regels.append(
            f"Dag {start.day} bestaat niet in {_MAANDEN[eind.month - 1]} {eind.year}: de termijn "
            "eindigt op de laatste dag van die maand."
        )
    basis = eind
    for begin, einde, reden in _samenvoegen(opschortingen):
        if begin <= start or begin > eind:
            raise ValueError(f"opschorting vanaf {begin} valt niet binnen de termijn ({start} - {eind})")
        eind += einde - begin
        regels.append(
            f"Opschorting met ingang van {_dag(begin)} tot (niet tot en met) {_dag(einde)}: "
            f"{(einde - begin).days} dagen{f' ({reden})' if reden else ''}; einde nu {_dag(eind)}."
        )
    if verlenging is not None:
        eind = _tel(eind, verlenging, Richting.VOORUIT)
        regels.append(f"Verlenging met {verlenging}: het einde wordt {_dag(eind)}.")
    onverschoven, toegepast = eind, False
    if richting is Richting.TERUG:
        regels.append(
            "Atw art. 1 lid 2: een termijn bepaald door terugrekening wordt niet verlengd; ook "
            "art. 2 verlengt een terugrekentermijn niet."
        )
    elif not (wettelijk or verschuif):
        regels.append(
            "Termijn gesteld bij besluit, niet in een wet of AMvB: de Atw is niet van toepassing "
            "(Atw art. 1 en 5) en het beleid verschuift besluittermijnen niet."
        )
    else:
        if not wettelijk:
            regels.append(
                "Termijn gesteld bij besluit: de Atw geldt niet rechtstreeks; op grond van beleid "
                "(verschuif_besluittermijnen) worden Atw art. 1, 2 en 4 naar analogie toegepast."
            )
        if (uitsluiting := duur.atw_uitsluiting()) is not None:
            regels.append(f"Atw art. 4 onder a: geen verschuiving van termijnen {uitsluiting} ({duur}).")
        else:
            toegepast = True
            nota = "; opschorting en verlenging verschuiven alleen het einde" if eind != basis else ""
            regels.append(f"Atw art. 4 onder a sluit een termijn van {duur} niet uit{nota}.")
            eind = _artikel_2(start, _artikel_1(eind, kalender, regels), duur, kalender, regels)
    return Termijn(eind, eind != onverschoven, tuple(regels), onverschoven, toegepast)


def einde_termijn(
    start: date,
    duur: Duur,
    *,
    kalender: Feestdagenkalender,
    richting: Richting,
    wettelijk: bool,
    verschuif_besluittermijnen: bool = False,
) -> Termijn:
    """End of a period of `duur` after (VOORUIT) or before (TERUG) the day `start`.

    Statutory periods (`wettelijk=True`, set in a law or AMvB: Atw art. 1 and 5) counted forwards get Atw
    art. 1 and 2 unless art. 4 onder a excludes them; backwards periods never shift (art. 1 lid 2). Periods
    set by decision (`wettelijk=False`) do not shift, unless `verschuif_besluittermijnen=True`: the policy
    many authorities follow of applying Atw art. 1, 2 and 4 to them by analogy (DOMAIN.md §8).
    """
    return _bereken(
        start, duur, kalender=kalender, richting=richting, wettelijk=wettelijk, verschuif=verschuif_besluittermijnen
    )


def beslistermijn(
    ontvangst: date,
    *,
    kalender: Feestdagenkalender,
    procedure: Procedure = Procedure.REGULIER,
    verlenging_weken: int = 0,
    opschortingen: Iterable[Opschorting] = (),
    instemming: bool = False,
) -> Termijn:
    """Decision period on an application for an omgevingsvergunning, counted from the day of receipt.

    Read in the Omgevingswet (BWBR0037885, version 2026-07-01) and the Awb (BWBR0005537, 2026-01-01).
    REGULIER (Ow par. 16.5.2): 8 weeks, or 12 weeks when the intended decision needs instemming under Ow art.
    16.16 (`instemming=True`), both after receipt (Ow art. 16.64 lid 1); one extension by at most 6 weeks,
    made known within the decision period (lid 2). UITGEBREID (Awb afd. 3.4, Ow art. 16.65): 6 months after
    receipt (Awb 3:18 lid 1); an extension by a reasonable term decided within 8 weeks of receipt (Awb 3:18 lid 2)
    is capped by Ow art. 16.66 lid 3 at 6 weeks, at most once. Not modelled: the shorter period of Awb 3:18 lid 4
    when no views were given. Suspensions per Awb 4:15 push the end by the suspended days (see `Opschorting`).
    The Atw is judged on the base period as the law words it: 8 and 12 weeks shift (art. 1-2; twelve weeks is
    not "more than twelve", art. 4 onder a), 6 months never; the extension is counted from the unshifted end and,
    like suspensions, only moves the end [interpretation; check case law].
    """
    if verlenging_weken not in range(7) or isinstance(verlenging_weken, bool):
        raise ValueError("de beslistermijn kan eenmaal met ten hoogste 6 weken worden verlengd (0-6)")
    if not isinstance(instemming, bool):
        raise TypeError(f"instemming moet True of False zijn, geen {instemming!r}")
    if procedure is Procedure.REGULIER:
        weken = 12 if instemming else 8
        duur = Duur(weken, Eenheid.WEEK)
        reden = " (het voorgenomen besluit behoeft instemming, Ow art. 16.16)" if instemming else ""
        bron = f"Beslistermijn regulier: {weken} weken na ontvangst{reden} (Ow art. 16.64 lid 1)."
        grond_verlenging = "Ow art. 16.64 lid 2"
    else:
        if instemming:
            raise ValueError(
                "de termijn van twaalf weken bij instemming (Ow art. 16.64 lid 1) geldt alleen voor de reguliere "
                "procedure; de uitgebreide procedure kent zes maanden (Awb 3:18 lid 1)"
            )
        duur = Duur(6, Eenheid.MAAND)
        bron = "Beslistermijn uitgebreid: 6 maanden na ontvangst (Awb 3:18 lid 1; Ow art. 16.65)."
        grond_verlenging = "Awb 3:18 lid 2, ten hoogste zes weken en eenmaal volgens Ow art. 16.66 lid 3"
    if verlenging_weken:
        bron += f" Eenmalige verlenging met ten hoogste zes weken: {grond_verlenging}."
    return _bereken(
        ontvangst,
        duur,
        kalender=kalender,
        bron=bron,
        opschortingen=opschortingen,
        verlenging=Duur(verlenging_weken, Eenheid.WEEK) if verlenging_weken else None,
    )


def bezwaar_beroepstermijn(bekendmaking: date, *, kalender: Feestdagenkalender) -> Termijn:
    """Objection or appeal period: 6 weeks (Awb 6:7), from the day after the decision was made known in the
    prescribed way (Awb 6:8 lid 1; for a decision prepared under afdeling 3.4 pass the day of
    terinzagelegging, 6:8 lid 4). Statutory: the Atw applies."""
    return _bereken(
        bekendmaking,
        Duur(6, Eenheid.WEEK),
        kalender=kalender,
        bron="Bezwaar- of beroepstermijn: 6 weken (Awb 6:7) vanaf de dag na bekendmaking (6:8).",
    )


def zienswijzetermijn(
    datum: date,
    *,
    kalender: Feestdagenkalender,
    duur: Duur | None = None,
    uniforme_procedure: bool = False,
    verschuif_besluittermijnen: bool = False,
) -> Termijn:
    """Period to give a view (zienswijze).

    `uniforme_procedure=True`: Awb 3:16 - 6 weeks unless a statute sets a longer one (lid 1; a shorter `duur`
    is refused), running from the day the draft is laid open for inspection (`datum` itself counts, lid 2);
    statutory, so the Atw applies. Otherwise Awb 4:8: the Awb sets no length, the authority does; the default
    of 2 weeks is common practice, not law, and configurable via `duur`. Being set by the authority, it does
    not shift unless `verschuif_besluittermijnen=True`. It starts the day after `datum` (the dispatch).
    """
    if uniforme_procedure:
        duur = duur or Duur(6, Eenheid.WEEK)
        if duur.minimaal_dagen < 42:
            raise ValueError("Awb 3:16 lid 1: de zienswijzetermijn bedraagt ten minste zes weken")
        _vereis_datum(datum, "datum")
        bron = (
            f"Zienswijzetermijn uniforme openbare voorbereidingsprocedure: {duur} (Awb 3:16 lid 1), met "
            f"ingang van de dag van terinzagelegging {_dag(datum)} (lid 2); gerekend als termijn na "
            f"{_dag(datum - _DAG)}."
        )
        return _bereken(datum - _DAG, duur, kalender=kalender, bron=bron)
    duur = duur or Duur(2, Eenheid.WEEK)
    bron = (
        f"Zienswijzetermijn (Awb 4:8): {duur}, gesteld door het bestuursorgaan (standaard 2 weken is "
        "praktijk, geen wettelijke termijn)."
    )
    return _bereken(datum, duur, kalender=kalender, wettelijk=False, verschuif=verschuif_besluittermijnen, bron=bron)


def dwangsom_betaaltermijn(verbeurd: date, *, kalender: Feestdagenkalender) -> Termijn:
    """A forfeited dwangsom is paid within 6 weeks after it was forfeited by operation of law (Awb 5:33)."""
    return _bereken(
        verbeurd,
        Duur(6, Eenheid.WEEK),
        kalender=kalender,
        bron="Betaaltermijn verbeurde dwangsom: 6 weken na verbeuren (Awb 5:33).",
    )


def dwangsom_verjaringstermijn(verbeurd: date, *, kalender: Feestdagenkalender) -> Termijn:
    """The power to collect a forfeited dwangsom lapses one year after the day of forfeiture (Awb 5:35, in
    deviation from 4:104). A period of a year: the Atw does not apply (art. 4 onder a)."""
    return _bereken(
        verbeurd,
        Duur(1, Eenheid.JAAR),
        kalender=kalender,
        bron="Verjaring invordering dwangsom: 1 jaar na de dag van verbeuren (Awb 5:35).",
    )


def boete_beslistermijn(
    rapport: date, *, kalender: Feestdagenkalender, opschortingen: Iterable[Opschorting] = ()
) -> Termijn:
    """Decision on a bestuurlijke boete within 13 weeks after the date of the report (Awb 5:51 lid 1),
    suspended while the conduct lies with the public prosecutor (lid 2). 13 weeks exceeds twelve: no Atw shift
    (art. 4 onder a)."""
    return _bereken(
        rapport,
        Duur(13, Eenheid.WEEK),
        kalender=kalender,
        opschortingen=opschortingen,
        bron="Beslistermijn bestuurlijke boete: 13 weken na dagtekening rapport (Awb 5:51).",
    )


def boete_vervaltermijn(
    overtreding: date, *, kalender: Feestdagenkalender, zware_procedure: bool, opschortingen: Iterable[Opschorting] = ()
) -> Termijn:
    """The power to impose a boete lapses 3 years after the violation, 5 years when Awb 5:53 applies (the
    heavier procedure) (Awb 5:45 lid 1-2); suspended during objection or appeal against the boete (lid 3).
    Periods in years: no Atw shift (art. 4 onder a)."""
    jaren, lid = (5, 1) if zware_procedure else (3, 2)
    return _bereken(
        overtreding,
        Duur(jaren, Eenheid.JAAR),
        kalender=kalender,
        opschortingen=opschortingen,
        bron=f"Vervaltermijn boetebevoegdheid: {jaren} jaar na overtreding (Awb 5:45 lid {lid}).",
    )


def meldingstermijn(aanvang_activiteit: date, *, kalender: Feestdagenkalender, duur: Duur | None = None) -> Termijn:
    """Latest day to make a melding: at least `duur` (default 4 weeks, the usual Bal rule; some activities
    differ [check per activity]) before the activity starts. Counted backwards: never shifted (Atw art. 1
    lid 2).
    """
    duur = duur or Duur(4, Eenheid.WEEK)
    return _bereken(
        aanvang_activiteit,
        duur,
        kalender=kalender,
        richting=Richting.TERUG,
        bron=f"Meldingstermijn: melden ten minste {duur} vóór het begin van de activiteit.",
    )


def aanmaningstermijn(verzonden: date, *, kalender: Feestdagenkalender, duur: Duur | None = None) -> Termijn:
    """Pay within 2 weeks from the day after the aanmaning was sent (Awb 4:112 lid 1); a statute may set
    another period (lid 2), pass it as `duur`. Statutory: the Atw applies."""
    duur = duur or Duur(2, Eenheid.WEEK)
    return _bereken(
        verzonden,
        duur,
        kalender=kalender,
        bron=f"Aanmaningstermijn: {duur} vanaf de dag na verzending aanmaning (Awb 4:112).",
    )
