"""Mapping profiles: which column of a foreign file means which register fact, and how its values translate.

A profile is a JSON file (format in docs/import.md), so a functional administrator can add one for another
system's export without code: the shipped ones live in `profielen/`, local ones in `$OPENVTH_DATA_DIR/import/
profielen/`. A profile is checked completely when read, so a typo fails before any row is touched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings

from openvth.geo.crs import Crs, crs_uit_uri
from openvth.organisaties.models import Vertrouwelijkheid

from ..models import TypeVthObject

MAP = Path(__file__).resolve().parent / "profielen"

# The facts a row can carry (the project's own column names, docs/import.md §Velden).
VELDEN = (
    "bron_id",
    "vth_object_id",
    "activiteit",
    "naam",
    "omschrijving",
    "kvk_nummer",
    "vestigingsnummer",
    "bag_id",
    "adres",
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
    "gemeente",
    "bevoegd_gezag",
    "toezichtinstantie",
    "kwalificaties",
    "status",
    "legitimatie",
    "ontstaansdatum",
    "beeindigingsdatum",
    "geldig_vanaf",
    "vertrouwelijkheid",
)
ALTIJD_VERPLICHT = ("bron_id", "activiteit", "naam", "gemeente", "status")
SLEUTELS = {
    "naam",
    "versie",
    "omschrijving",
    "bron_systeem",
    "kolommen",
    "verplicht",
    "coordinaten",
    "geojson_crs",
    "datumformaat",
    "lijstscheiding",
    "waarden",
    "standaard",
    "objectsleutel",
}
STANDAARDEN = {"bevoegd_gezag", "toezichtinstantie", "vertrouwelijkheid", "vth_object_type"}
_NAAM = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


class ProfielFout(ValueError):
    """A profile that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Coordinaatpaar:
    """Two columns holding a point in `crs`: `oost` is x or longitude, `noord` is y or latitude."""

    crs: Crs
    oost: str
    noord: str


@dataclass(frozen=True)
class Profiel:
    naam: str
    versie: str
    omschrijving: str
    bron_systeem: str
    kolommen: dict[str, tuple[str, ...]]
    verplicht: tuple[str, ...]
    coordinaten: tuple[Coordinaatpaar, ...]
    geojson_crs: Crs
    datumformaat: str
    lijstscheiding: str
    waarden: dict[str, dict[str, str]]
    standaard: dict[str, str]
    objectsleutel: tuple[tuple[str, ...], ...]
    bron: str = ""

    def kolom_in(self, veld: str, kolommen: dict[str, str]) -> str | None:
        """The file's column for `veld` (names compared without case and surrounding spaces), or None."""
        for naam in self.kolommen.get(veld, ()):
            if (gevonden := kolommen.get(_sleutel(naam))) is not None:
                return gevonden
        return None

    def vertaal(self, veld: str, waarde: str) -> str:
        """The value map of `veld` applied (case-insensitive); an unmapped value passes unchanged."""
        tabel = self.waarden.get(veld)
        if not tabel or not waarde:
            return waarde
        return tabel.get(waarde.strip().casefold(), waarde)

    def datum(self, tekst: str) -> date:
        tekst = tekst.strip()
        if self.datumformaat == "%Y-%m-%d" and len(tekst) == 10 and tekst[4] == tekst[7] == "-" and tekst.isascii():
            # The ISO shape strptime would accept, read without it (strptime costs ~10 µs, three dates per row);
            # date() raises ValueError on an impossible day just as strptime does.
            jaar, maand, dag = tekst[:4], tekst[5:7], tekst[8:]
            if jaar.isdigit() and maand.isdigit() and dag.isdigit():
                return date(int(jaar), int(maand), int(dag))
        return datetime.strptime(tekst, self.datumformaat).date()

    @property
    def datumvoorbeeld(self) -> str:
        return self.datumformaat.replace("%Y", "jjjj").replace("%m", "mm").replace("%d", "dd").replace("%y", "jj")


def _sleutel(kolom: str) -> str:
    return kolom.strip().casefold()


def kolomindex(kolommen) -> dict[str, str]:
    """Map normalised column names to the file's own spelling, for `Profiel.kolom_in`."""
    return {_sleutel(k): k for k in kolommen}


def _tekstlijst(waarde, waar: str) -> tuple[str, ...]:
    if isinstance(waarde, str):
        return (waarde,)
    if isinstance(waarde, list) and waarde and all(isinstance(v, str) and v for v in waarde):
        return tuple(waarde)
    raise ProfielFout(f"{waar}: verwacht een kolomnaam of een lijst van kolomnamen")


def _crs(uri, waar: str) -> Crs:
    try:
        return crs_uit_uri(str(uri))
    except ValueError as fout:
        raise ProfielFout(f"{waar}: {fout}") from None


def profiel_uit_dict(gegevens: dict, *, bron: str = "") -> Profiel:
    """Check a profile definition completely and return it; every problem raises ProfielFout naming `bron`."""
    waar = bron or "profiel"
    if not isinstance(gegevens, dict):
        raise ProfielFout(f"{waar}: een profiel is een JSON-object")
    if onbekend := set(gegevens) - SLEUTELS:
        raise ProfielFout(f"{waar}: onbekende sleutel(s) {', '.join(sorted(onbekend))}")
    for verplicht in ("naam", "versie", "bron_systeem", "kolommen"):
        if not gegevens.get(verplicht):
            raise ProfielFout(f"{waar}: '{verplicht}' ontbreekt")
    if not _NAAM.match(str(gegevens["naam"])):
        raise ProfielFout(f"{waar}: naam mag alleen kleine letters, cijfers en '-' bevatten")
    if not isinstance(gegevens["kolommen"], dict):
        raise ProfielFout(f"{waar}: 'kolommen' is een object veld → kolomnaam")
    if onbekend := set(gegevens["kolommen"]) - set(VELDEN):
        raise ProfielFout(f"{waar}: onbekende velden in 'kolommen': {', '.join(sorted(onbekend))}")
    kolommen = {v: _tekstlijst(k, f"{waar}: kolommen.{v}") for v, k in gegevens["kolommen"].items()}
    verplicht = tuple(dict.fromkeys([*ALTIJD_VERPLICHT, *gegevens.get("verplicht", [])]))
    if ontbrekend := [v for v in verplicht if v not in kolommen]:
        raise ProfielFout(f"{waar}: verplichte velden zonder kolom: {', '.join(ontbrekend)}")
    paren = []
    for i, paar in enumerate(gegevens.get("coordinaten", [])):
        if not isinstance(paar, dict) or set(paar) != {"crs", "oost", "noord"}:
            raise ProfielFout(f"{waar}: coordinaten[{i}] heeft precies de sleutels crs, oost en noord")
        paren.append(Coordinaatpaar(_crs(paar["crs"], f"{waar}: coordinaten[{i}]"), paar["oost"], paar["noord"]))
    waarden: dict[str, dict[str, str]] = {}
    for veld, tabel in gegevens.get("waarden", {}).items():
        if veld not in VELDEN or not isinstance(tabel, dict):
            raise ProfielFout(f"{waar}: waarden.{veld}: onbekend veld of geen object")
        waarden[veld] = {str(k).strip().casefold(): str(v) for k, v in tabel.items()}
    standaard = dict(gegevens.get("standaard", {}))
    if onbekend := set(standaard) - STANDAARDEN:
        raise ProfielFout(f"{waar}: onbekende standaard(en) {', '.join(sorted(onbekend))}")
    if standaard.get("vertrouwelijkheid", "openbaar") not in Vertrouwelijkheid.values:
        raise ProfielFout(f"{waar}: standaard.vertrouwelijkheid is geen vertrouwelijkheidsniveau")
    if standaard.get("vth_object_type", "inrichting") not in TypeVthObject.values:
        raise ProfielFout(f"{waar}: standaard.vth_object_type is geen type VTH-object")
    sleutels = tuple(tuple(_tekstlijst(s, f"{waar}: objectsleutel")) for s in gegevens.get("objectsleutel", []))
    if not sleutels or any(set(s) - set(VELDEN) for s in sleutels):
        raise ProfielFout(f"{waar}: objectsleutel is een lijst van veldlijsten (de eerste volledige telt)")
    formaat = gegevens.get("datumformaat", "%Y-%m-%d")
    try:
        datetime.strptime(date(2024, 12, 31).strftime(formaat), formaat)
    except (ValueError, TypeError):
        raise ProfielFout(f"{waar}: datumformaat '{formaat}' is geen strptime-formaat") from None
    return Profiel(
        naam=gegevens["naam"],
        versie=str(gegevens["versie"]),
        omschrijving=gegevens.get("omschrijving", ""),
        bron_systeem=gegevens["bron_systeem"],
        kolommen=kolommen,
        verplicht=verplicht,
        coordinaten=tuple(paren),
        geojson_crs=_crs(gegevens.get("geojson_crs", Crs.CRS84.uri), f"{waar}: geojson_crs"),
        datumformaat=formaat,
        lijstscheiding=gegevens.get("lijstscheiding", ";"),
        waarden=waarden,
        standaard=standaard,
        objectsleutel=sleutels,
        bron=bron,
    )


def profiel_lezen(pad: Path) -> Profiel:
    try:
        gegevens = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as fout:
        raise ProfielFout(f"{pad.name}: niet te lezen ({fout})") from None
    profiel = profiel_uit_dict(gegevens, bron=pad.name)
    if pad.stem != profiel.naam:
        raise ProfielFout(f"{pad.name}: de bestandsnaam moet gelijk zijn aan de naam '{profiel.naam}'")
    return profiel


def profielmappen() -> list[Path]:
    """Shipped profiles first; a local profile with the same name replaces a shipped one."""
    return [MAP, Path(settings.DATA_DIR) / "import" / "profielen"]


def profielen_en_fouten() -> tuple[dict[str, Profiel], dict[str, str]]:
    """All usable profiles by name, and the unusable files by name with their fault (one bad file spoils no other)."""
    gevonden: dict[str, Profiel] = {}
    fouten: dict[str, str] = {}
    for map_ in profielmappen():
        if map_.is_dir():
            for pad in sorted(map_.glob("*.json")):
                try:
                    profiel = profiel_lezen(pad)
                except ProfielFout as fout:
                    fouten[pad.stem] = str(fout)
                    gevonden.pop(pad.stem, None)
                    continue
                gevonden[profiel.naam] = profiel
                fouten.pop(profiel.naam, None)
    return gevonden, fouten


def profielen() -> dict[str, Profiel]:
    return profielen_en_fouten()[0]


def profiel_laden(naam_of_pad: str) -> Profiel:
    """A profile by name, or read from a path to a JSON file (`openvth import … --profiel ./mijn.json`)."""
    if naam_of_pad.endswith(".json"):
        return profiel_lezen(Path(naam_of_pad))
    beschikbaar, fouten = profielen_en_fouten()
    if naam_of_pad in fouten:
        raise ProfielFout(fouten[naam_of_pad])
    if naam_of_pad not in beschikbaar:
        raise ProfielFout(f"Onbekend profiel '{naam_of_pad}'; beschikbaar: {', '.join(sorted(beschikbaar))}")
    return beschikbaar[naam_of_pad]
