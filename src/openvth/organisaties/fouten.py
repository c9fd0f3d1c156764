"""The domain's errors: the few ways a service or selector refuses, one vocabulary for every app.

Every domain app may raise these (organisaties is the foundation every app imports); each edge maps them once:
the API to RFC 9457 problem details (`api/problemen.py`), the web pages to form errors and 404/403 pages
(`web/fouten.py`), the management commands to readable messages (`organisaties/management/fouten.py`). A new
kind of refusal is a new subclass of `Domeinfout` here, and each edge's exhaustiveness test asks for its mapping.

Field names are the model's and the form's (snake_case): the API spells them in camelCase at its own edge, so
the domain never needs to know how a client writes them. The pure helpers (`regels/`, `geo/`) keep their own
ValueErrors: they know nothing of Django or apps, and a service translates their refusal into one of these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

T = TypeVar("T")

VELDEN = "{velden}"
"""Placeholder in a message for the fields and their reasons, each spelled as the edge that shows it spells it."""
VELD = "{veld}"
"""Placeholder in a message for the name of its (first) field, spelled as the edge that shows it spells it."""


class Domeinfout(Exception):
    """A refusal by the domain: nothing was changed. Not raised itself; each edge maps every subclass."""


class OngeldigeInvoer(Domeinfout, ValueError):
    """Input that breaks a rule (400); `velden` maps field names (snake_case) to their reasons.

    Without a message, the text is every field with its reason; a message may hold `VELDEN` where that list goes,
    or `VELD` where the name of its field goes.
    """

    def __init__(self, melding: str | None = None, velden: Mapping[str, str] | None = None):
        self.melding = melding
        self.velden = dict(velden or {})
        super().__init__(self.tekst())

    def tekst(self, spelling: Callable[[str], str] = str) -> str:
        """The message with each field name spelled by `spelling` (the API passes its camelCase)."""
        if self.melding is None:
            return " ".join(f"{spelling(veld)}: {reden}." for veld, reden in self.velden.items())
        tekst = self.melding
        if VELDEN in tekst:
            tekst = tekst.replace(
                VELDEN, "; ".join(f"{spelling(veld)}: {reden}" for veld, reden in self.velden.items())
            )
        if VELD in tekst and self.velden:
            tekst = tekst.replace(VELD, spelling(next(iter(self.velden))))
        return tekst


class NietGevonden(Domeinfout):
    """The record does not exist or the actor may not see it; both look the same from outside (404)."""


class GeenToestemming(Domeinfout):
    """The actor may see the record but lacks the role or scope for this action (403)."""


class VerouderdeVersie(Domeinfout):
    """The write was based on a version that is no longer the current one: If-Match named an old ETag (412)."""


def soorten() -> list[type[Domeinfout]]:
    """Every kind of domain error, subclasses included (for the edges' exhaustiveness tests)."""
    gevonden, open_ = [], [Domeinfout]
    while open_:
        for sub in open_.pop().__subclasses__():
            gevonden.append(sub)
            open_.append(sub)
    return gevonden


def per_soort(tabel: Mapping[type[Domeinfout], T], fout: Domeinfout, tabelnaam: str) -> T:
    """The entry of an edge's table for the nearest kind of `fout` (its class, then its bases). A kind the table
    lacks is a programming error, named with the table to extend (each edge's exhaustiveness test prevents it)."""
    for soort in type(fout).__mro__:
        if soort in tabel:
            return tabel[soort]
    raise TypeError(f"Geen vermelding voor {type(fout).__name__}: voeg haar toe aan {tabelnaam}.")
