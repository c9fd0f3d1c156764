"""The request message (JSON profile `verzoekbericht.schema.json`, docs/vergunningen.md) read into `Verzoekgegevens`.

One profile for the portal's messages (`openvth verzoeken-importeren`) and the API's `POST /verzoeken`: the keys
are camelCase as on the wire. Every fault names its field as a path in snake_case (`locatie.punt`,
`activiteiten.1`), so each edge spells it its own way; nothing is looked up in the database here.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openvth.geo.crs import Crs, crs_uit_uri
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Vertrouwelijkheid

from .models import Aanvraagsoort, Verzoekdoel, Verzoeksoort

VERZOEKNUMMER = re.compile(r"[0-9A-Za-z]{1,13}")
SHA256 = re.compile(r"[0-9a-f]{64}")
SLEUTELS = {
    "verzoeknummer",
    "verzoekvolgnummer",
    "soort",
    "subsoort",
    "doel",
    "ontvangenOp",
    "aanvangActiviteit",
    "omschrijving",
    "activiteiten",
    "locatie",
    "aanvrager",
    "bijlagen",
    "vertrouwelijkheid",
}
LOCATIESLEUTELS = {
    "bagId",
    "postcode",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "straat",
    "woonplaats",
    "gemeente",
    "punt",
}
AANVRAGERSLEUTELS = {"soort", "naam", "kvkNummer", "vestigingsnummer", "bsn"}
BIJLAGESLEUTELS = {"naam", "mediatype", "sha256"}


@dataclass(frozen=True)
class Locatieopgave:
    """Where, as the message says it: a BAG id, a postcode and house number, or a point with its municipality."""

    bag_id: str = ""
    postcode: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    huisnummertoevoeging: str = ""
    straat: str = ""
    woonplaats: str = ""
    gemeente: str = ""  # CBS code (GM0772); needed for a new place, checked against a known one
    punt: tuple[Crs, float, float] | None = None


@dataclass(frozen=True)
class Aanvrageropgave:
    """Who asks: a register party by its kind and identifiers (a person is confidential personal data)."""

    soort: str
    naam: str
    kvk_nummer: str = ""
    vestigingsnummer: str = ""
    bsn: str = ""


@dataclass(frozen=True)
class Bijlage:
    naam: str
    mediatype: str
    sha256: str


@dataclass(frozen=True)
class Verzoekgegevens:
    """One volgnummer of a request, as given by a form, an API client or a portal message."""

    verzoeknummer: str
    verzoekvolgnummer: str
    soort: str
    ontvangen_op: date
    activiteiten: tuple[str, ...]
    locatie: Locatieopgave | None
    aanvrager: Aanvrageropgave | None
    subsoort: str = ""
    doel: str = Verzoekdoel.INDIENEN
    omschrijving: str = ""
    bijlagen: tuple[Bijlage, ...] = field(default_factory=tuple)
    vertrouwelijkheid: str = Vertrouwelijkheid.INTERN
    aanvang_activiteit: date | None = None
    """A notification: the day the activity is to start (the notice is due four weeks before, Bal chapter 4)."""


def vingerafdruk(bericht: dict[str, Any]) -> str:
    """SHA-256 of the message in canonical JSON (sorted keys, no spaces): the same content gives the same digest,
    whatever order or layout it arrived in."""
    tekst = json.dumps(bericht, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def _fout(veld: str, reden: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(None, {veld: reden})


def _object(waarde: Any, veld: str, sleutels: set[str]) -> dict[str, Any]:
    if not isinstance(waarde, dict):
        raise _fout(veld or "bericht", "verwacht een object")
    if onbekend := sorted(set(waarde) - sleutels):
        raise _fout(f"{veld}.{onbekend[0]}" if veld else onbekend[0], "onbekend veld")
    return waarde


def _tekst(bron: dict[str, Any], sleutel: str, veld: str, *, verplicht: bool = False, max_lengte: int = 500) -> str:
    waarde = bron.get(sleutel, "")
    if waarde is None:
        waarde = ""
    if not isinstance(waarde, str):
        raise _fout(veld, "verwacht tekst")
    waarde = waarde.strip()
    if verplicht and not waarde:
        raise _fout(veld, "verplicht")
    if len(waarde) > max_lengte or "\x00" in waarde:
        raise _fout(veld, f"langer dan {max_lengte} tekens of met een NUL-teken")
    return waarde


def _keuze(bron: dict[str, Any], sleutel: str, keuzes: list[str], *, standaard: str = "") -> str:
    waarde = _tekst(bron, sleutel, sleutel, verplicht=not standaard) or standaard
    if waarde not in keuzes:
        raise _fout(sleutel, f"kies uit {', '.join(keuzes)}")
    return waarde


def volgnummer(waarde: Any) -> str:
    """A Verzoekvolgnummer as the CIM writes it, three digits (`999`): 1, "1" and "001" are all `001`."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | str):
        raise _fout("verzoekvolgnummer", "verwacht een getal van 1 tot en met 999")
    tekst = str(waarde).strip()
    if not tekst.isdigit() or not 1 <= int(tekst) <= 999 or len(tekst) > 3:
        raise _fout("verzoekvolgnummer", "verwacht een getal van 1 tot en met 999")
    return f"{int(tekst):03d}"


def _punt(waarde: Any) -> tuple[Crs, float, float]:
    punt = _object(waarde, "locatie.punt", {"crs", "coordinaten"})
    try:
        crs = crs_uit_uri(punt.get("crs"), standaard=Crs.RD)
    except ValueError as fout:
        raise _fout("locatie.punt.crs", str(fout)) from None
    getallen = punt.get("coordinaten")
    if (
        not isinstance(getallen, list)
        or len(getallen) != 2
        or not all(isinstance(g, int | float) and not isinstance(g, bool) for g in getallen)
    ):
        raise _fout("locatie.punt.coordinaten", "verwacht twee getallen in de volgorde van het CRS")
    a, b = float(getallen[0]), float(getallen[1])
    return (crs, b, a) if crs.lat_lon else (crs, a, b)  # stored as (east, north): lon, lat or x, y


def _locatie(waarde: Any) -> Locatieopgave:
    bron = _object(waarde, "locatie", LOCATIESLEUTELS)
    huisnummer = bron.get("huisnummer")
    if huisnummer is not None and (isinstance(huisnummer, bool) or not isinstance(huisnummer, int)):
        raise _fout("locatie.huisnummer", "verwacht een geheel getal")
    opgave = Locatieopgave(
        bag_id=_tekst(bron, "bagId", "locatie.bag_id", max_lengte=16),
        postcode=_tekst(bron, "postcode", "locatie.postcode", max_lengte=7),
        huisnummer=huisnummer,
        huisletter=_tekst(bron, "huisletter", "locatie.huisletter", max_lengte=1),
        huisnummertoevoeging=_tekst(bron, "huisnummertoevoeging", "locatie.huisnummertoevoeging", max_lengte=4),
        straat=_tekst(bron, "straat", "locatie.straat", max_lengte=200),
        woonplaats=_tekst(bron, "woonplaats", "locatie.woonplaats", max_lengte=100),
        gemeente=_tekst(bron, "gemeente", "locatie.gemeente", max_lengte=6),
        punt=_punt(bron["punt"]) if bron.get("punt") is not None else None,
    )
    if not (opgave.bag_id or (opgave.postcode and opgave.huisnummer) or opgave.punt):
        raise _fout("locatie", "geef een BAG-id, een postcode met huisnummer, of een punt")
    return opgave


def _aanvrager(waarde: Any) -> Aanvrageropgave:
    bron = _object(waarde, "aanvrager", AANVRAGERSLEUTELS)
    return Aanvrageropgave(
        soort=_tekst(bron, "soort", "aanvrager.soort", verplicht=True, max_lengte=30),
        naam=_tekst(bron, "naam", "aanvrager.naam", verplicht=True),
        kvk_nummer=_tekst(bron, "kvkNummer", "aanvrager.kvk_nummer", max_lengte=8),
        vestigingsnummer=_tekst(bron, "vestigingsnummer", "aanvrager.vestigingsnummer", max_lengte=12),
        bsn=_tekst(bron, "bsn", "aanvrager.bsn", max_lengte=9),
    )


def _bijlagen(waarde: Any) -> tuple[Bijlage, ...]:
    if waarde is None:
        return ()
    if not isinstance(waarde, list):
        raise _fout("bijlagen", "verwacht een lijst")
    uit = []
    for i, ruw in enumerate(waarde):
        bron = _object(ruw, f"bijlagen.{i}", BIJLAGESLEUTELS)
        bijlage = Bijlage(
            naam=_tekst(bron, "naam", f"bijlagen.{i}.naam", verplicht=True, max_lengte=200),
            mediatype=_tekst(bron, "mediatype", f"bijlagen.{i}.mediatype", verplicht=True, max_lengte=100),
            sha256=_tekst(bron, "sha256", f"bijlagen.{i}.sha256", verplicht=True, max_lengte=64).lower(),
        )
        if not SHA256.fullmatch(bijlage.sha256):
            raise _fout(f"bijlagen.{i}.sha256", "verwacht 64 hexadecimale tekens")
        uit.append(bijlage)
    return tuple(uit)


def _activiteiten(waarde: Any) -> tuple[str, ...]:
    if waarde is None:
        return ()
    if not isinstance(waarde, list) or not all(isinstance(c, str) and c.strip() for c in waarde):
        raise _fout("activiteiten", "verwacht een lijst van Bal-activiteitcodes (bal-3.2.1)")
    codes = tuple(c.strip() for c in waarde)
    if len(set(codes)) != len(codes):
        raise _fout("activiteiten", "een activiteit staat er meer dan eens in")
    return codes


def verzoekgegevens_uit_bericht(bericht: Any) -> Verzoekgegevens:
    """Read a message: shape and values only; the catalogue, the place and the access rules are the service's."""
    bron = _object(bericht, "", SLEUTELS)
    nummer = _tekst(bron, "verzoeknummer", "verzoeknummer", verplicht=True, max_lengte=13)
    if not VERZOEKNUMMER.fullmatch(nummer):
        raise _fout("verzoeknummer", "verwacht 1 tot 13 letters of cijfers (Omgevingsloket: jjjjmmdd99999)")
    datum = _tekst(bron, "ontvangenOp", "ontvangen_op", verplicht=True, max_lengte=10)
    try:
        ontvangen_op = date.fromisoformat(datum)
    except ValueError:
        raise _fout("ontvangen_op", "verwacht een datum jjjj-mm-dd") from None
    aanvang = _tekst(bron, "aanvangActiviteit", "aanvang_activiteit", max_lengte=10)
    try:
        aanvang_activiteit = date.fromisoformat(aanvang) if aanvang else None
    except ValueError:
        raise _fout("aanvang_activiteit", "verwacht een datum jjjj-mm-dd") from None
    return Verzoekgegevens(
        verzoeknummer=nummer,
        verzoekvolgnummer=volgnummer(bron.get("verzoekvolgnummer")),
        soort=_keuze(bron, "soort", Verzoeksoort.values),
        subsoort=_keuze(bron, "subsoort", ["", *Aanvraagsoort.values], standaard="") if bron.get("subsoort") else "",
        doel=_keuze(bron, "doel", Verzoekdoel.values, standaard=Verzoekdoel.INDIENEN),
        ontvangen_op=ontvangen_op,
        omschrijving=_tekst(bron, "omschrijving", "omschrijving", max_lengte=4000),
        activiteiten=_activiteiten(bron.get("activiteiten")),
        locatie=_locatie(bron["locatie"]) if bron.get("locatie") is not None else None,
        aanvrager=_aanvrager(bron["aanvrager"]) if bron.get("aanvrager") is not None else None,
        bijlagen=_bijlagen(bron.get("bijlagen")),
        vertrouwelijkheid=_keuze(
            bron, "vertrouwelijkheid", Vertrouwelijkheid.values, standaard=Vertrouwelijkheid.INTERN
        ),
        aanvang_activiteit=aanvang_activiteit,
    )
