"""The domain's errors on the command line: a readable sentence for the operator, as a CommandError.

A management command wraps its service call in `domeinfouten()`; Django prints the CommandError on stderr and
exits with status 1. One place for every command, beside the API's `api/problemen.py` and the pages'
`web/fouten.py`; it lives with the foundation's commands because every app's commands may import it (ADR 0028).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError

from openvth.organisaties.fouten import (
    Domeinfout,
    GeenToestemming,
    NietGevonden,
    OngeldigeInvoer,
    VerouderdeVersie,
    per_soort,
)


def leesbaar(veld: str) -> str:
    """A field name as the operator reads it (`geldig_vanaf` → `geldig vanaf`)."""
    return veld.replace("_", " ")


MELDINGEN: dict[type[Domeinfout], Callable[..., str]] = {
    OngeldigeInvoer: lambda fout: fout.tekst(leesbaar),
    NietGevonden: lambda fout: str(fout) or "Niet gevonden (of niet zichtbaar voor u).",
    GeenToestemming: lambda fout: str(fout) or "Geen toestemming.",
    VerouderdeVersie: lambda fout: str(fout) or "Intussen gewijzigd; probeer het opnieuw.",
}
"""Each kind of domain error as a sentence for the operator; tests/test_cli.py checks that none is missing."""


def melding(fout: Domeinfout) -> str:
    """The operator's sentence for a domain error, by its nearest kind in `MELDINGEN`."""
    return per_soort(MELDINGEN, fout, "organisaties.management.fouten.MELDINGEN")(fout)


@contextmanager
def domeinfouten(voorvoegsel: str = "", *, niet_gevonden: str | None = None) -> Iterator[None]:
    """A domain error inside becomes a CommandError with `voorvoegsel` and its sentence; `niet_gevonden` replaces
    the sentence for a record that is absent or hidden (the command knows what it looked for)."""
    try:
        yield
    except Domeinfout as fout:
        tekst = niet_gevonden if niet_gevonden and isinstance(fout, NietGevonden) else melding(fout)
        raise CommandError(voorvoegsel + tekst) from fout
