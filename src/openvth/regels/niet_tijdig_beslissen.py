"""Dwangsom bij niet tijdig beslissen: Awb par. 4.1.3.2 (art. 4:17-4:20) as law-as-code.

Pure Python, no clock: every date is an argument. The result carries a Dutch `motivering` that cites each step,
like `termijnen.Termijn`. Facts marked [check] could not be confirmed from a primary text.

Sources read (MinBZK/regelrecht-corpus, the wetten.overheid.nl text as YAML):
``regulation/nl/wet/algemene_wet_bestuursrecht/2026-01-01.yaml`` and ``2026-07-01.yaml`` (Awb, BWBR0005537),
``regulation/nl/wet/omgevingswet/2026-07-01.yaml`` (Ow, BWBR0037885) and
``regulation/nl/wet/invoeringswet_omgevingswet/2026-07-01.yaml`` (BWBR0043660).

What the Awb text (2026-01-01; lid numbering of that version, which dropped the former lid 4 on electronic
notices, so the exceptions are now lid 5 and the shares lid 6) says, in our words:

- 4:17 lid 1: a decision on an application not given in time makes the authority forfeit a penalty to the
  applicant for every day it is in default, for at most 42 days; the Atw does not apply to those 42 days.
- 4:17 lid 2: per day EUR 23 for the first fourteen days, EUR 35 for the next fourteen, EUR 45 for the rest, so
  at most 14 x 23 + 14 x 35 + 14 x 45 = EUR 1,442. Older versions had other amounts (DOMAIN.md mentions 20/30/40);
  the amounts here are those of the versions read and are not dated per day [check for days before 2026].
- 4:17 lid 3: the first day owed is the day on which two weeks have passed after the day on which both the
  decision period has lapsed and the written notice of default (ingebrekestelling) was received. Read here as
  "two weeks after the later of the two days", counted like every "N weeks after day X" in `termijnen`: the same
  weekday two weeks on [check: some read the first day as the day after that]. A notice received on or before
  the last day of the period is premature and starts nothing (ABRvS case law as commonly cited, not read here
  [check]); it is refused as bad input, so the caller asks for a new notice.
- Atw on the two weeks: lid 1 excludes the Atw only for the 42 days; the two weeks of lid 3 are a statutory
  period of at least three days that Atw art. 4 does not exclude, so Atw art. 1 and 2 may move their end and with
  it the first day owed [interpretation from the text; check case law].
- 4:17 lid 4: an appeal against the failure to decide does not suspend the penalty. Lid 5: none is owed when the
  notice came unreasonably late (a), the applicant is not an interested party (b), or the application is
  manifestly inadmissible or manifestly unfounded (c): the caller passes the reason as `Uitzondering`; the text
  has no "applicant cannot be reached" ground. Lid 6: several applicants share it equally.
- The end: the text counts the days the authority "is in default"; it does not name the last day. Here the
  default ends when the decision is made known (Awb 3:40-3:41: a decision exists for the applicant once made
  known), so the last day owed is the day before `bekendgemaakt` [check: whether that day itself counts].
- 4:18: the authority sets whether and how much is owed by decision within two weeks after the last day owed
  (a statutory period: the Atw applies, unlike the corpus's own machine-readable 4:18, which adds two weeks
  plainly [check]). 4:19: an objection or appeal against the decision on the application also covers that
  decision, as far as disputed (lid 1; lid 4 likewise for interim relief). 4:20 is not about payment: it lets the
  authority reclaim penalties paid but not owed until five years after the day of the 4:18 decision. Payment
  itself follows the Awb's general rules on money debts (title 4.4) [not modelled].

Does par. 4.1.3.2 apply to an omgevingsvergunning under the Omgevingswet? Yes, as read: 4:17 covers every
beschikking op aanvraag; par. 4.1.3.3 (a permit by default) excludes it only where that paragraph applies
(4:20a lid 2), and par. 4.1.3.3 applies only where a statute says so (4:20a lid 1). Ow art. 16.64 lid 4 declares
par. 4.1.3.3 not applicable to the preparation of the decision on an application for an omgevingsvergunning
(regular procedure, Ow par. 16.5.2, with reference to Dienstenwet art. 28 lid 1); for the extended procedure (Ow
art. 16.65-16.68, Awb afd. 3.4) no provision in the articles read makes par. 4.1.3.3 apply. No exclusion of
par. 4.1.3.2 was found in Ow art. 16.61-16.84 [check the rest of the Ow and its decrees]. Applications filed
before 1 January 2024 keep the old law (Invoeringswet Omgevingswet art. 4.3), except the Wabo rule of a permit
by default (Wabo art. 3.9 lid 3, first sentence), which art. 4.3 expressly leaves out in the version read
[check the version in force on 2024-01-01]; par. 4.1.3.2 therefore applies to those too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from openvth.regels.termijnen import Duur, Eenheid, Feestdagenkalender, Richting, datum_tekst, einde_termijn

MAXIMUM_DAGEN = 42
"""Awb 4:17 lid 1: ten hoogste 42 dagen; de Atw is op die termijn niet van toepassing."""

TARIEVEN: tuple[tuple[int, int], ...] = ((14, 2300), (14, 3500), (14, 4500))
"""Awb 4:17 lid 2 (tekst 2026-01-01 en 2026-07-01): (aantal dagen, bedrag per dag in eurocent) per schijf."""

_DAG = timedelta(days=1)


class Uitzondering(Enum):
    """The grounds of Awb 4:17 lid 5 on which no penalty is owed (the authority judges; the caller passes it)."""

    ONREDELIJK_LAAT_IN_GEBREKE_GESTELD = "a"
    GEEN_BELANGHEBBENDE = "b"
    KENNELIJK_NIET_ONTVANKELIJK_OF_ONGEGROND = "c"

    @property
    def omschrijving(self) -> str:
        return {
            "a": "het bestuursorgaan is onredelijk laat in gebreke gesteld",
            "b": "de aanvrager is geen belanghebbende",
            "c": "de aanvraag is kennelijk niet-ontvankelijk of kennelijk ongegrond",
        }[self.value]


@dataclass(frozen=True)
class Tariefperiode:
    """Consecutive days owed at one rate of Awb 4:17 lid 2."""

    van: date
    tot_en_met: date
    dagen: int
    cent_per_dag: int

    @property
    def bedrag_cent(self) -> int:
        return self.dagen * self.cent_per_dag


@dataclass(frozen=True)
class Uitkomst:
    """The penalty owed as of `peildatum`, with every step in Dutch for the decision of Awb 4:18.

    `afgesloten` says the last day owed is final (the decision was made known, or the 42nd day has passed); only
    then is `vaststellen_uiterlijk` (Awb 4:18) known. `maximum_bereikt_op` is the 42nd day, the last one that can
    be owed. Amounts are whole euro cents.
    """

    dagen: int
    bedrag_cent: int
    perioden: tuple[Tariefperiode, ...]
    eerste_dag: date | None
    laatste_dag: date | None
    maximum_bereikt_op: date | None
    afgesloten: bool
    vaststellen_uiterlijk: date | None
    aandeel_per_aanvrager_cent: int
    motivering: tuple[str, ...]

    @property
    def verschuldigd(self) -> bool:
        return self.dagen > 0


def _euro(cent: int) -> str:
    euro, rest = divmod(cent, 100)
    return f"€ {euro:,}".replace(",", ".") + (f",{rest:02d}" if rest else "")


def _vereis_datum(waarde: object, naam: str) -> None:
    if isinstance(waarde, datetime) or not isinstance(waarde, date):
        raise TypeError(f"{naam} moet een datum (datetime.date) zijn, geen {type(waarde).__name__}")


def _perioden(eerste: date, dagen: int) -> tuple[Tariefperiode, ...]:
    uit: list[Tariefperiode] = []
    begin, over = eerste, dagen
    for schijf, cent in TARIEVEN:
        if over <= 0:
            break
        n = min(schijf, over)
        uit.append(Tariefperiode(begin, begin + (n - 1) * _DAG, n, cent))
        begin, over = begin + n * _DAG, over - n
    return tuple(uit)


def _niets(regels: list[str], *, eerste: date | None = None, maximum: date | None = None) -> Uitkomst:
    return Uitkomst(0, 0, (), eerste, None, maximum, True, None, 0, tuple(regels))


def dwangsom_niet_tijdig_beslissen(
    *,
    einde_beslistermijn: date,
    ingebrekestelling_ontvangen: date | None,
    peildatum: date,
    kalender: Feestdagenkalender,
    bekendgemaakt: date | None = None,
    uitzondering: Uitzondering | None = None,
    aantal_aanvragers: int = 1,
) -> Uitkomst:
    """The penalty an authority owes for deciding late on an application (Awb 4:17-4:20), as of `peildatum`.

    `einde_beslistermijn` is the last day on which the decision was still in time (e.g. `beslistermijn(...)
    .einddatum`, suspensions and extension included); `ingebrekestelling_ontvangen` the day the written notice of
    default was received (None: none yet); `bekendgemaakt` the day the decision was made known (None: not yet).
    Refused with a ValueError: a notice received on or before `einde_beslistermijn` (premature), a notice or
    publication after `peildatum`, a decision made known before the notice arrived, and fewer than one applicant.
    """
    _vereis_datum(einde_beslistermijn, "einde_beslistermijn")
    _vereis_datum(peildatum, "peildatum")
    if ingebrekestelling_ontvangen is not None:
        _vereis_datum(ingebrekestelling_ontvangen, "ingebrekestelling_ontvangen")
    if bekendgemaakt is not None:
        _vereis_datum(bekendgemaakt, "bekendgemaakt")
    if not isinstance(kalender, Feestdagenkalender):
        raise TypeError(f"kalender moet een Feestdagenkalender zijn, geen {type(kalender).__name__}")
    if uitzondering is not None and not isinstance(uitzondering, Uitzondering):
        raise TypeError(f"uitzondering moet een Uitzondering zijn, geen {uitzondering!r}")
    if isinstance(aantal_aanvragers, bool) or not isinstance(aantal_aanvragers, int) or aantal_aanvragers < 1:
        raise ValueError(f"er is ten minste één aanvrager (Awb 4:17 lid 6); ontvangen: {aantal_aanvragers!r}")
    if ingebrekestelling_ontvangen is not None and ingebrekestelling_ontvangen > peildatum:
        raise ValueError(
            f"de ingebrekestelling is ontvangen op {datum_tekst(ingebrekestelling_ontvangen)}, na de peildatum "
            f"{datum_tekst(peildatum)}"
        )
    if bekendgemaakt is not None and bekendgemaakt > peildatum:
        raise ValueError(
            f"het besluit is bekendgemaakt op {datum_tekst(bekendgemaakt)}, na de peildatum {datum_tekst(peildatum)}"
        )
    if ingebrekestelling_ontvangen is not None and ingebrekestelling_ontvangen <= einde_beslistermijn:
        raise ValueError(
            f"de ingebrekestelling is ontvangen op {datum_tekst(ingebrekestelling_ontvangen)}, terwijl de "
            f"beslistermijn pas na {datum_tekst(einde_beslistermijn)} verstrijkt: een ingebrekestelling vóór het "
            "verstrijken van de beslistermijn is prematuur (Awb 4:17 lid 3); vraag de aanvrager om een nieuwe"
        )
    ontvangen = ingebrekestelling_ontvangen
    if bekendgemaakt is not None and ontvangen is not None and bekendgemaakt < ontvangen:
        raise ValueError(
            f"het besluit is bekendgemaakt op {datum_tekst(bekendgemaakt)}, vóór de ontvangst van de "
            f"ingebrekestelling op {datum_tekst(ontvangen)}: er was niets meer in gebreke te stellen"
        )

    regels = [
        f"Beslistermijn: de laatste dag om tijdig te beslissen is {datum_tekst(einde_beslistermijn)}; daarna is "
        "de beschikking op de aanvraag niet tijdig gegeven (Awb 4:13, 4:17 lid 1)."
    ]
    if bekendgemaakt is not None and bekendgemaakt <= einde_beslistermijn:
        regels.append(
            f"Het besluit is bekendgemaakt op {datum_tekst(bekendgemaakt)}, binnen de beslistermijn: tijdig "
            "gegeven, geen dwangsom (Awb 4:17 lid 1)."
        )
        return _niets(regels)
    if ingebrekestelling_ontvangen is None:
        regels.append(
            "Geen schriftelijke ingebrekestelling ontvangen: geen dwangsom. De dwangsom loopt pas vanaf twee weken "
            "na ontvangst van een ingebrekestelling na het verstrijken van de beslistermijn (Awb 4:17 lid 3)."
        )
        return _niets(regels)
    if uitzondering is not None:
        regels.append(
            f"Geen dwangsom verschuldigd: {uitzondering.omschrijving} (Awb 4:17 lid 5 onder {uitzondering.value})."
        )
        return _niets(regels)

    twee_weken = einde_termijn(
        ingebrekestelling_ontvangen, Duur(2, Eenheid.WEEK), kalender=kalender, richting=Richting.VOORUIT, wettelijk=True
    )
    eerste = twee_weken.einddatum
    maximum = eerste + (MAXIMUM_DAGEN - 1) * _DAG
    regels.append(
        f"Schriftelijke ingebrekestelling ontvangen op {datum_tekst(ingebrekestelling_ontvangen)}, na het "
        "verstrijken van de beslistermijn; de eerste dag waarover de dwangsom verschuldigd is, is de dag waarop "
        "twee weken na die dag zijn verstreken (Awb 4:17 lid 3)."
    )
    regels += [f"Twee weken (Awb 4:17 lid 3): {r}" for r in twee_weken.motivering]
    regels.append(
        f"Eerste dag van de dwangsom: {datum_tekst(eerste)}. De Atw is van toepassing op deze termijn van twee "
        "weken: art. 4:17 lid 1 sluit haar alleen uit voor de 42 dagen [interpretatie; check rechtspraak]."
    )
    regels.append(
        f"Ten hoogste 42 dagen (Awb 4:17 lid 1, de Atw is daarop niet van toepassing): de 42e en laatste dag is "
        f"{datum_tekst(maximum)}."
    )

    if bekendgemaakt is not None:
        laatste = min(bekendgemaakt - _DAG, maximum)
        afgesloten = True
        regels.append(
            f"Het besluit is bekendgemaakt op {datum_tekst(bekendgemaakt)}: het bestuursorgaan is niet langer in "
            f"gebreke; de laatste dag van verzuim is {datum_tekst(bekendgemaakt - _DAG)} [check: telt de dag van "
            "bekendmaking mee]."
        )
    else:
        laatste = min(peildatum, maximum)
        afgesloten = peildatum >= maximum
        regels.append(
            f"Nog geen besluit bekendgemaakt; gerekend tot en met de peildatum {datum_tekst(peildatum)}. Beroep "
            "tegen het niet tijdig beslissen schort de dwangsom niet op (Awb 4:17 lid 4)."
        )
    if laatste < eerste:
        if bekendgemaakt is not None:
            regels.append(
                "Het besluit is bekendgemaakt vóór de eerste dag van de dwangsom: geen dwangsom verschuldigd."
            )
            return _niets(regels, eerste=eerste, maximum=maximum)
        regels.append(f"Op de peildatum is nog geen dag verschuldigd; de dwangsom loopt vanaf {datum_tekst(eerste)}.")
        return Uitkomst(0, 0, (), eerste, None, maximum, False, None, 0, tuple(regels))

    dagen = (laatste - eerste).days + 1
    perioden = _perioden(eerste, dagen)
    for nr, p in enumerate(perioden):
        eerste_nr = sum(schijf for schijf, _ in TARIEVEN[:nr]) + 1
        regels.append(
            f"Dag {eerste_nr} tot en met {eerste_nr + p.dagen - 1} ({datum_tekst(p.van)} tot en met "
            f"{datum_tekst(p.tot_en_met)}): {p.dagen} × {_euro(p.cent_per_dag)} = {_euro(p.bedrag_cent)} "
            "(Awb 4:17 lid 2)."
        )
    bedrag = sum(p.bedrag_cent for p in perioden)
    if laatste == maximum:
        regels.append("Het maximum van 42 dagen is bereikt (Awb 4:17 lid 1).")
    regels.append(f"Totaal: {dagen} {'dag' if dagen == 1 else 'dagen'}, {_euro(bedrag)}.")
    aandeel, rest = divmod(bedrag, aantal_aanvragers)
    if aantal_aanvragers > 1:
        regels.append(
            f"{aantal_aanvragers} aanvragers: ieder een gelijk deel, {_euro(aandeel)} (Awb 4:17 lid 6)"
            + (f"; {rest} cent niet gelijk deelbaar [check afronding]." if rest else ".")
        )

    vaststellen: date | None = None
    if afgesloten:
        termijn_418 = einde_termijn(
            laatste, Duur(2, Eenheid.WEEK), kalender=kalender, richting=Richting.VOORUIT, wettelijk=True
        )
        vaststellen = termijn_418.einddatum
        regels.append(
            f"Het bestuursorgaan stelt verschuldigdheid en hoogte bij beschikking vast binnen twee weken na de "
            f"laatste dag waarover de dwangsom verschuldigd was, {datum_tekst(laatste)} (Awb 4:18): uiterlijk "
            f"{datum_tekst(vaststellen)}."
        )
        regels += [f"Twee weken (Awb 4:18): {r}" for r in termijn_418.motivering]
    else:
        regels.append(
            "De vaststelling bij beschikking volgt binnen twee weken na de laatste verschuldigde dag (Awb 4:18); "
            f"die dag staat nog niet vast (uiterlijk {datum_tekst(maximum)})."
        )
    regels.append(
        "Bezwaar of beroep tegen de beschikking op de aanvraag heeft mede betrekking op de beschikking tot "
        "vaststelling van de dwangsom, voor zover betwist (Awb 4:19 lid 1). Onverschuldigd betaalde dwangsommen "
        "kunnen worden teruggevorderd tot vijf jaar na de dag van die vaststelling (Awb 4:20)."
    )
    return Uitkomst(dagen, bedrag, perioden, eerste, laatste, maximum, afgesloten, vaststellen, aandeel, tuple(regels))
