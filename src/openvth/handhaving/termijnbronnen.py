"""Deadlines of other apps on the enforcement deadline page and in the agenda feed, and their timeliness.

The deadline page (`/handhaving/termijnen`) and the agenda feed are where an officer sees what expires. Permitting
adds its decision periods to both (issue 15 item 6), but ADR 0029 keeps this app from importing `vergunningen`
above it: so a higher app registers a `Termijnbron` in its `ready()`, as `toezicht` does for the data-quality
report (`datakwaliteit.registreer`). A source lists its deadlines as generic `Termijnitem`s and logs the ones
shown; `termijnen` below calls `inzien` for exactly the items it returns, so no page or feed can forget the
access log (ADR 0023). A source that can say how many decisions came on time also gives `tijdigheid`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise

from openvth.organisaties.models import Organisatie
from openvth.organisaties.toegang import Actor


@dataclass(frozen=True)
class Termijnitem:
    """One deadline of another app as the page and the feed show it.

    `soort` is the kind of period in Dutch (shown through `web.termen.term`); `kenmerk` the number of the case or
    request it belongs to, `link` the path of its page, `onderwerp` and `plaats` whom and where it concerns (the
    applicant when the actor may see that party, the place of the request). `sleutel`
    identifies the record, not the date: a calendar event keeps its UID when the period moves (an extension).
    """

    bron: str
    soort: str
    datum: date
    kenmerk: str
    titel: str
    link: str
    bevoegd_gezag: str
    verlopen: bool
    opgeschort: bool
    motivering: str
    sleutel: str
    onderwerp: str = ""
    plaats: str = ""


@dataclass(frozen=True)
class Tijdigheidsrij:
    """Decisions of one competent authority in one year: how many, how many within their period, and how many
    requests are still open past it."""

    bevoegd_gezag: str
    jaar: int
    besloten: int
    tijdig: int
    open_verlopen: int

    @property
    def aandeel(self) -> float | None:
        """Share decided on time (0-1); None without decisions, so that no share is invented from nothing."""
        return self.tijdig / self.besloten if self.besloten else None

    @property
    def procent(self) -> int | None:
        return round(100 * self.aandeel) if self.aandeel is not None else None


@dataclass(frozen=True)
class Bronlijst:
    """One source's deadlines: the items (overdue first, then by date), every competent authority among its
    deadlines before the authority filter (the filter's choices), and how many `maximum` left out."""

    items: list[Termijnitem]
    gezagen: frozenset[str]
    weggelaten: int = 0


@dataclass(frozen=True)
class Termijnbron:
    """What a higher app contributes.

    `termijnen(*, actor, tot, organisatie, behandelaar, peildatum, bevoegd_gezag, maximum)` → `Bronlijst`: the
    deadlines up to `tot` (overdue ones included) the actor may see, `organisatie` (an id) keeping those it decides or
    handles, `behandelaar` (a user id) those a person handles, `bevoegd_gezag` (a name, "" for all) those of one
    authority, at most `maximum` (the soonest; None for all); it logs nothing, and reads no more rows than it
    returns. `inzien(*, actor, items, doel)` logs the items shown.
    `tijdigheid(*, actor, jaar, peildatum)`, when given, counts the decisions of `jaar` per competent authority.
    """

    sleutel: str
    naam: str | Promise  # the label in the page's filter, translated when shown
    termijnen: Callable[..., Bronlijst]
    inzien: Callable[..., object]
    tijdigheid: Callable[..., list[Tijdigheidsrij]] | None = None


_BRONNEN: dict[str, Termijnbron] = {}


def registreer(bron: Termijnbron) -> None:
    """Done once in the higher app's `ready()`; registering the same key again replaces it (a reload)."""
    _BRONNEN[bron.sleutel] = bron


def bronnen() -> list[Termijnbron]:
    return list(_BRONNEN.values())


@dataclass(frozen=True)
class Termijnoverzicht:
    """The items shown, and every competent authority among the items before the authority filter (its choices)."""

    items: list[Termijnitem]
    gezagen: frozenset[str]
    weggelaten: int = 0
    """How many items `maximum` left out (the soonest are kept): the page says so and asks to narrow down."""


def termijnen(
    *,
    actor: Actor,
    tot: date,
    doel: str,
    organisatie: Organisatie | int | None = None,
    behandelaar: int | None = None,
    peildatum: date | None = None,
    soorten: Iterable[str] | None = None,
    bevoegd_gezag: str = "",
    maximum: int | None = None,
) -> Termijnoverzicht:
    """The registered sources' deadlines (of the sources in `soorten`, all when None), overdue first and then by
    date, kept to `bevoegd_gezag` (a name) when given and to the first `maximum` of each source (a page shows what a
    person can read; the feed takes all); the items returned are access-logged for `doel`."""
    peildatum = peildatum or timezone.localdate()
    org = organisatie.pk if isinstance(organisatie, Organisatie) else organisatie
    gekozen = set(soorten) if soorten is not None else None
    items: list[Termijnitem] = []
    gezagen: set[str] = set()
    weggelaten = 0
    for bron in bronnen():
        if gekozen is not None and bron.sleutel not in gekozen:
            continue
        lijst = bron.termijnen(
            actor=actor,
            tot=tot,
            organisatie=org,
            behandelaar=behandelaar,
            peildatum=peildatum,
            bevoegd_gezag=bevoegd_gezag,
            maximum=maximum,
        )
        gezagen |= lijst.gezagen
        weggelaten += lijst.weggelaten
        bron.inzien(actor=actor, items=lijst.items, doel=doel)
        items += lijst.items
    return Termijnoverzicht(sorted(items, key=volgorde), frozenset(gezagen), weggelaten)


def volgorde(item: Termijnitem) -> tuple[bool, date, str, str]:
    """Overdue first, then by date: the order of the page and the feed for every kind of deadline."""
    return (not item.verlopen, item.datum, item.kenmerk, item.titel)


def tijdigheid(*, actor: Actor, jaar: int, peildatum: date | None = None) -> list[Tijdigheidsrij]:
    """Timeliness per competent authority in `jaar`, from every source that counts it (aggregates: no record shown,
    nothing to log)."""
    rijen: list[Tijdigheidsrij] = []
    for bron in bronnen():
        if bron.tijdigheid is not None:
            rijen += bron.tijdigheid(actor=actor, jaar=jaar, peildatum=peildatum or timezone.localdate())
    return sorted(rijen, key=lambda r: r.bevoegd_gezag)


def bronkeuzes() -> Sequence[tuple[str, str | Promise]]:
    """(key, label) of every registered source, for the page's filter."""
    return [(b.sleutel, b.naam) for b in bronnen()]
