"""What every benchmark module shares: the row shape of the report, timing and statistics.

A row (`meting`) is a plain dict so that other engineers' modules (benchmarks/toezicht.py) deliver the same shape
without importing anything: naam, eenheid, mediaan, p95, limiet, verhouding, verhouding_tot, gehaald (True,
False, or None for "not measured"), toelichting. Absolute times on a shared 2-core machine are noisy, so every
budget that has a ratio is measured against its reference in the same run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

VELDEN = ("naam", "eenheid", "mediaan", "p95", "limiet", "verhouding", "verhouding_tot", "gehaald", "toelichting")


def meting(
    naam: str,
    eenheid: str,
    *,
    mediaan: float | None = None,
    p95: float | None = None,
    limiet: str = "",
    verhouding: float | None = None,
    verhouding_tot: str = "",
    gehaald: bool | None = None,
    toelichting: str = "",
) -> dict:
    return {
        "naam": naam,
        "eenheid": eenheid,
        "mediaan": mediaan,
        "p95": p95,
        "limiet": limiet,
        "verhouding": verhouding,
        "verhouding_tot": verhouding_tot,
        "gehaald": gehaald,
        "toelichting": toelichting,
    }


def niet_gemeten(naam: str, eenheid: str, limiet: str, reden: str) -> dict:
    """A budget that could not be measured: never a pass."""
    return meting(naam, eenheid, limiet=limiet, gehaald=None, toelichting=f"niet gemeten: {reden}")


def controleer(rij: dict) -> dict:
    """Refuse a row of another shape (a module that drifted from the contract fails loudly, not silently)."""
    if not isinstance(rij, dict) or set(rij) != set(VELDEN):
        raise ValueError(f"Meting heeft niet de velden {VELDEN}: {rij!r}")
    if rij["gehaald"] not in (True, False, None):
        raise ValueError(f"'gehaald' is True, False of None: {rij!r}")
    return rij


def mediaan(waarden: list[float]) -> float:
    geordend = sorted(waarden)
    n = len(geordend)
    midden = n // 2
    return geordend[midden] if n % 2 else (geordend[midden - 1] + geordend[midden]) / 2


def p95(waarden: list[float]) -> float:
    """Nearest-rank 95th percentile (with 20 samples: the highest but one)."""
    geordend = sorted(waarden)
    return geordend[max(0, math.ceil(0.95 * len(geordend)) - 1)]


def tijden_ms(functie: Callable[[], object], *, herhalingen: int, opwarmen: int = 2) -> list[float]:
    """Wall-clock milliseconds of `herhalingen` calls after `opwarmen` untimed ones (caches, connections)."""
    for _ in range(opwarmen):
        functie()
    uitkomst = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        functie()
        uitkomst.append((time.perf_counter() - begin) * 1000)
    return uitkomst


def afgerond(waarde: float | None, cijfers: int = 1) -> float | None:
    return None if waarde is None else round(waarde, cijfers)


def klein_budget(klein: bool, gehaald: bool) -> bool | None:
    """Budgets are for the national set; a tiny run reports its figures but judges nothing."""
    return None if klein else gehaald


KLEIN = "kleine proef: het budget geldt alleen voor de landelijke set"


def _oordeel(rij: dict) -> str:
    if rij["gehaald"] is True:
        return "gehaald"
    if rij["gehaald"] is False:
        return "**niet gehaald**"
    return "n.v.t. (klein)" if str(rij["toelichting"]).startswith(KLEIN) else "niet gemeten"


def _getal(waarde) -> str:
    if waarde is None:
        return "–"
    return f"{waarde:,}".replace(",", " ") if isinstance(waarde, int | float) else str(waarde)


def metingtabel(rijen: list[dict]) -> list[str]:
    """The Markdown table of a report: one row per measurement (`meting`), with its verdict against its budget."""
    regels = [
        "| meting | eenheid | mediaan | p95 | budget | verhouding | t.o.v. | oordeel | toelichting |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rijen:
        cellen = [
            r["naam"],
            r["eenheid"],
            _getal(r["mediaan"]),
            _getal(r["p95"]),
            r["limiet"],
            _getal(r["verhouding"]),
            r["verhouding_tot"],
            _oordeel(r),
            r["toelichting"],
        ]
        regels.append("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cellen) + " |")
    return regels
