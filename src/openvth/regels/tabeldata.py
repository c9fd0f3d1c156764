"""Hulpfuncties voor strikt gevalideerde tabeldata: de meegeleverde JSON-tabellen van `lhso`, `sancties` en `risico`
en de eigen tabellen van een organisatie worden met dezelfde regels gelezen (een fout noemt waar ze zit, `w`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from importlib import resources
from typing import Any, TypeVar

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")


def meegeleverd(bestand: str) -> Any:
    """Meegeleverd JSON-bestand uit ``openvth/regels/data`` (importlib.resources)."""
    return json.loads(resources.files("openvth.regels").joinpath("data", bestand).read_text("utf-8"))


def uniek_op(items: Iterable[Any], sleutel: str, w: str) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    for item in items:
        if (k := getattr(item, sleutel)) in uit:
            raise ValueError(f"{w}: dubbele {sleutel} '{k}'.")
        uit[k] = item
    if not uit:
        raise ValueError(f"{w}: lijst is leeg.")
    return uit


def object_met(waarde: Any, w: str, verplicht: Sequence[str], optioneel: Sequence[str] | None) -> dict[str, Any]:
    """Object met verplichte velden; ``optioneel=None`` laat vrije sleutels toe (bijv. celcodes)."""
    if not isinstance(waarde, Mapping):
        raise ValueError(f"{w}: verwacht een object.")
    if optioneel is not None and (onbekend := sorted(set(waarde) - set(verplicht) - set(optioneel))):
        raise ValueError(f"{w}: onbekende velden {onbekend}.")
    if ontbreekt := [k for k in verplicht if k not in waarde]:
        raise ValueError(f"{w}: ontbrekende velden {ontbreekt}.")
    return dict(waarde)


_SOORT = {str: "een niet-lege tekst", int: "een geheel getal", bool: "true of false", list: "een lijst"}


def van_soort(waarde: Any, soort: type[_T], w: str) -> _T:
    """Strikte typecontrole van een JSON-waarde (bool telt niet als getal, lege tekst niet als tekst)."""
    if (
        not isinstance(waarde, soort)
        or (soort is int and isinstance(waarde, bool))
        or (isinstance(waarde, str) and soort is str and not waarde.strip())
    ):
        raise ValueError(f"{w}: verwacht {_SOORT[soort]}, niet {waarde!r}.")
    return waarde


def datum_of_geen(waarde: Any, w: str) -> date | None:
    if waarde is None:
        return None
    try:
        return date.fromisoformat(van_soort(waarde, str, w))
    except ValueError:
        raise ValueError(f"{w}: geen datum (jjjj-mm-dd): {waarde!r}.") from None


def enumlid(soort: type[_E], waarde: Any, w: str) -> _E:
    for lid in soort:
        if waarde in (lid.value, lid.name):
            return lid
    raise ValueError(f"{w}: onbekende waarde {waarde!r}; kies uit {[lid.value for lid in soort]}.")
