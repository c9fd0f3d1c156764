"""Reading an import file: CSV, JSON or GeoJSON, or a refusal of the file as a whole with a clear Dutch reason.

Everything that makes the whole file unusable (encoding, format, structure, missing columns) is found here,
before one row is stored: `Bronbestand.controleer` walks the complete file once. Row-level faults (a wrong
number of fields, a feature without a point) travel with the row and are reported for that row only.

A CSV file is streamed, never held in memory as a whole: `lees` hashes it and checks its encoding in blocks, and
each walk over the rows reads it again from disk. A national file (1.5 million rows, ~370 MB) would otherwise
cost its size twice in memory (bytes and text) before the first row is checked. JSON is parsed as a whole: the
standard library has no streaming parser, and such exports are an order of magnitude smaller.

Bounds, so that no file can make a run hang or fail without a reason: the file's size (OPENVTH_IMPORT_MAX_MB,
checked before it is read), the number of columns (MAX_KOLOMMEN; duplicate names are found in one pass), and the
nesting depth of JSON (MAX_JSON_DIEPTE, measured before parsing: the parser recurses per level and a deeply nested
file would otherwise end in a RecursionError instead of a refusal).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import math
import os
import re
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from django.conf import settings

from openvth.geo.crs import Crs

from .profiel import Profiel, kolomindex

GEOMETRIE = "\x00geometrie"  # the key of a GeoJSON point in a row: no column can be called this
# A profile maps some 25 fields; a foreign export has a few hundred columns at most. Every row becomes a dict of its
# columns, so a header of 100,000 names would cost that for each of a million rows.
MAX_KOLOMMEN = 1000
# FeatureCollection > features > Feature > properties > a value (a list, or an object kept as JSON text): 5 levels
# are needed; 32 leave room for any honest export and stay far below Python's recursion limit (1,000).
MAX_JSON_DIEPTE = 32


class OngeldigBestand(ValueError):
    """The file as a whole cannot be imported; nothing of it is stored."""


@dataclass(frozen=True)
class Bronrij:
    """One data row as read: `regel` is the line in a CSV file, the element number (from 1) in JSON."""

    index: int
    regel: int
    waarden: dict[str, object]
    fout: str = ""


@dataclass
class Bronbestand:
    soort: str  # csv, json or geojson
    digest: str
    kolommen: list[str]
    pad: Path | None = None  # the CSV file, read again on every walk
    scheidingsteken: str = ","
    elementen: list = field(default_factory=list, repr=False)
    geojson_crs: Crs | None = None

    def rijen(self) -> Iterator[Bronrij]:
        if self.soort == "csv":
            yield from self._csv_rijen()
            return
        for index, element in enumerate(self.elementen):
            if self.soort == "geojson":
                yield _feature_rij(index, element)
            else:
                yield Bronrij(index=index, regel=index + 1, waarden=element)

    def _csv_rijen(self) -> Iterator[Bronrij]:
        bestand = self.pad.open(encoding="utf-8-sig", newline="")
        lezer = csv.reader(bestand, delimiter=self.scheidingsteken, strict=True)
        try:
            next(lezer)
            index, vorige = 0, lezer.line_num
            for velden in lezer:
                regel, vorige = vorige + 1, lezer.line_num
                if not any(v.strip() for v in velden):
                    continue  # an empty line is no row
                fout = ""
                if len(velden) != len(self.kolommen):
                    fout = f"de regel heeft {len(velden)} velden, de kopregel {len(self.kolommen)}"
                yield Bronrij(
                    index=index, regel=regel, waarden=dict(zip(self.kolommen, velden, strict=False)), fout=fout
                )
                index += 1
        except csv.Error as fout:
            raise OngeldigBestand(f"Regel {lezer.line_num}: het bestand is geen geldige CSV ({fout}).") from None
        finally:
            bestand.close()

    def controleer(self, profiel: Profiel) -> tuple[int, dict[str, list[int]]]:
        """Walk the whole file: the number of rows and the bron_ids that occur more than once (with their lines).

        The first walk keeps only the hash of each bron_id (a set of integers, a fraction of the strings' memory);
        only when some hash repeats does a second walk collect the lines of those bron_ids, which also rules out
        a hash collision between two different ids.
        """
        bron_kolom = profiel.kolom_in("bron_id", kolomindex(self.kolommen))
        gezien: set[int] = set()
        verdacht: set[int] = set()
        aantal = 0
        for rij in self.rijen():
            aantal += 1
            bron_id = tekst_van(rij.waarden.get(bron_kolom)) if bron_kolom else ""
            if bron_id:
                sleutel = hash(bron_id)
                if sleutel in gezien:
                    verdacht.add(sleutel)
                else:
                    gezien.add(sleutel)
        if not aantal:
            raise OngeldigBestand("Het bestand bevat geen gegevensrijen.")
        del gezien
        regels: dict[str, list[int]] = {}
        if verdacht:
            for rij in self.rijen():
                bron_id = tekst_van(rij.waarden.get(bron_kolom))
                if bron_id and hash(bron_id) in verdacht:
                    regels.setdefault(bron_id, []).append(rij.regel)
        return aantal, {b: r for b, r in regels.items() if len(r) > 1}


def tekst_van(waarde: object) -> str:
    """A cell or JSON value as trimmed text; a JSON list becomes its items joined by ';'."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer() and abs(waarde) < 1e15:
        return str(int(waarde))
    if isinstance(waarde, list):
        return ";".join(tekst_van(v) for v in waarde)
    if isinstance(waarde, dict):
        return json.dumps(waarde, ensure_ascii=False)
    return str(waarde).strip()


def _feature_rij(index: int, feature: dict) -> Bronrij:
    """A feature as a row; its point (or what is wrong with it, as text) under the GEOMETRIE key."""
    waarden = dict(feature.get("properties") or {})
    geometrie = feature.get("geometry")
    if not geometrie:
        waarden[GEOMETRIE] = "het feature heeft geen geometrie"
    elif geometrie.get("type") != "Point":
        waarden[GEOMETRIE] = f"de geometrie is een {geometrie.get('type')}, verwacht een Point"
    else:
        punt = geometrie.get("coordinates")
        if (
            not isinstance(punt, list)
            or len(punt) < 2
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in punt[:2])
        ):
            waarden[GEOMETRIE] = "de coördinaten van het Point zijn geen twee getallen"
        else:
            waarden[GEOMETRIE] = (float(punt[0]), float(punt[1]))
    return Bronrij(index=index, regel=index + 1, waarden=waarden)


def _geojson_crs(gegevens: dict) -> Crs | None:
    """The legacy `crs` member (GeoJSON 2008) that RD exports still write, e.g. urn:ogc:def:crs:EPSG::28992."""
    naam = str(((gegevens.get("crs") or {}).get("properties") or {}).get("name", ""))
    if not naam:
        return None
    if naam.endswith(("28992", "28992]")):
        return Crs.RD
    if naam.upper().endswith(("CRS84", "4326", "4258")):
        return Crs.CRS84  # GeoJSON writers put longitude first whatever the EPSG axis order says
    raise OngeldigBestand(f"Het GeoJSON-bestand noemt een onbekend coördinaatreferentiesysteem '{naam}'.")


BLOK = 1 << 20


def maximale_grootte() -> int:
    """The largest import file in bytes (OPENVTH_IMPORT_MAX_MB)."""
    return settings.OPENVTH_IMPORT_MAX_MB * 1024 * 1024


def te_groot(grootte: int) -> str:
    """The refusal of a file of `grootte` bytes (shared by the command, the upload and the stored file)."""
    megabytes = f"{math.ceil(grootte / 1024 / 102.4) / 10:.1f}".replace(".", ",")  # rounded up: never "1 MB > 1 MB"
    return (
        f"Het bestand ({megabytes} MB) is groter dan de grens van {settings.OPENVTH_IMPORT_MAX_MB} MB "
        "(OPENVTH_IMPORT_MAX_MB). Splits het bestand, of vraag de beheerder de grens te verhogen."
    )


def lees(pad: Path, *, naam: str | None = None) -> Bronbestand:
    """Read and classify a file; OngeldigBestand when it is not usable as a whole. CSV is checked in blocks."""
    naam = naam or pad.name
    try:
        bestand = pad.open("rb")
    except OSError as fout:
        raise OngeldigBestand(f"{naam} is niet te lezen ({fout.strerror}).") from None
    with bestand:
        if (grootte := os.fstat(bestand.fileno()).st_size) > maximale_grootte():
            raise OngeldigBestand(te_groot(grootte))
        digest, begin, json_tekst = _doorloop(bestand)
    if begin is None:
        raise OngeldigBestand("Het bestand is leeg.")
    if begin[:4] == b"PK\x03\x04":
        raise OngeldigBestand("Dit is een Excel- of ZIP-bestand, geen CSV of JSON. Sla het op als CSV (UTF-8).")
    if b"\x00" in begin:
        raise OngeldigBestand("Dit is geen tekstbestand (het bevat NUL-bytes). Lever CSV, JSON of GeoJSON aan.")
    if json_tekst is not None:
        return _lees_json(json_tekst, digest)
    if pad.suffix.lower() in (".json", ".geojson"):
        raise OngeldigBestand("Het bestand heet .json maar bevat geen JSON-object of -lijst.")
    return _lees_csv(pad, digest)


def _doorloop(bestand) -> tuple[str, bytes | None, str | None]:
    """One pass in blocks: the SHA-256, the first bytes (None: only whitespace), and the text when it is JSON.

    UTF-8 is checked with an incremental decoder, so a bad byte is named with its line without holding the file.
    """
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    kop = b""
    regels = 1
    inhoud = False
    json_delen: list[str] | None = None
    gelezen, grens = 0, maximale_grootte()
    while True:
        blok = bestand.read(BLOK)
        laatste = not blok
        gelezen += len(blok)
        if gelezen > grens:  # a file that grew after its size was checked, or a pipe without one
            raise OngeldigBestand(te_groot(gelezen))
        digest.update(blok)
        if len(kop) < 8192:
            kop += blok[: 8192 - len(kop)]
            if kop[:4] == b"PK\x03\x04" or b"\x00" in kop:
                return digest.hexdigest(), kop[:8192], None
        try:
            tekst = decoder.decode(blok, final=laatste)
        except UnicodeDecodeError as fout:
            # fout.object is what the decoder held (a split character's first bytes, never a newline) plus this block
            regel = regels + fout.object[: fout.start].count(b"\n")
            waarde = fout.object[fout.start]
            raise OngeldigBestand(
                f"Het bestand is geen UTF-8 (ongeldige byte 0x{waarde:02X} op regel {regel}). "
                "Sla het op als UTF-8, bijvoorbeeld 'CSV UTF-8' in Excel."
            ) from None
        regels += blok.count(b"\n")
        if not inhoud and tekst.strip():
            inhoud = True
            if tekst.lstrip()[:1] in ("{", "["):
                json_delen = []
        if json_delen is not None:
            json_delen.append(tekst)
        if laatste:
            break
    if not inhoud:
        return digest.hexdigest(), None, None
    return digest.hexdigest(), kop, "".join(json_delen) if json_delen is not None else None


def _lees_csv(pad: Path, digest: str) -> Bronbestand:
    with pad.open(encoding="utf-8-sig", newline="") as f:
        kop = f.readline().rstrip("\r\n")
    scheidingsteken = ";" if kop.count(";") > kop.count(",") else ","
    try:
        kolommen = next(csv.reader([kop], delimiter=scheidingsteken))
    except (csv.Error, StopIteration):
        raise OngeldigBestand("De kopregel van het CSV-bestand is niet te lezen.") from None
    kolommen = [k.strip() for k in kolommen]
    if not any(kolommen):
        raise OngeldigBestand("De eerste regel moet de kolomnamen bevatten; hij is leeg.")
    if len(kolommen) > MAX_KOLOMMEN:
        raise OngeldigBestand(
            f"De kopregel noemt {len(kolommen)} kolommen; een import heeft er hoogstens {MAX_KOLOMMEN}."
        )
    if "" in kolommen:
        raise OngeldigBestand(f"Kolom {kolommen.index('') + 1} van de kopregel heeft geen naam.")
    per_naam = Counter(k.casefold() for k in kolommen)  # one pass: comparing each name with all was quadratic
    dubbel = sorted({k for k in kolommen if per_naam[k.casefold()] > 1})
    if dubbel:
        raise OngeldigBestand(f"De kopregel noemt kolommen meer dan eens: {', '.join(dubbel)}.")
    return Bronbestand(soort="csv", digest=digest, kolommen=kolommen, pad=pad, scheidingsteken=scheidingsteken)


# A JSON string (escapes included), or a run of characters that are neither brackets nor quotes.
_GEEN_HAAKJE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^\[\]{}"]+')
_STAP = bytes.maketrans(b'[{]}"', b"\x01\x01\xff\xff\x00")  # +1, +1, -1, -1, and 0 for an unclosed quote


def json_diepte(tekst: str) -> int:
    """The deepest nesting of arrays and objects in JSON text, without parsing it.

    Strings are dropped first (a bracket inside one is text), then the depth is the running sum of +1 per opening
    and -1 per closing bracket. Every step runs in C (regular expression, bytes.translate, accumulate): about a
    third of the time of the parse it protects (1.6 against 6.5 s for a 52 MB FeatureCollection).
    """
    haakjes = _GEEN_HAAKJE.sub("", tekst)
    if not haakjes:
        return 0
    return max(accumulate(array("b", haakjes.encode("ascii").translate(_STAP))))


def _lees_json(tekst: str, digest: str) -> Bronbestand:
    if (diepte := json_diepte(tekst)) > MAX_JSON_DIEPTE:
        raise OngeldigBestand(
            f"De JSON is {diepte} niveaus diep genest; een import accepteert er hoogstens {MAX_JSON_DIEPTE}."
        )
    try:
        gegevens = json.loads(tekst)
    except json.JSONDecodeError as fout:
        raise OngeldigBestand(f"Geen geldige JSON: {fout.msg} op regel {fout.lineno}, kolom {fout.colno}.") from None
    except RecursionError:  # not reached below MAX_JSON_DIEPTE; kept so that no nesting escapes as a crash
        raise OngeldigBestand(
            f"De JSON is te diep genest; een import accepteert hoogstens {MAX_JSON_DIEPTE} niveaus."
        ) from None
    soort, crs = "json", None
    if isinstance(gegevens, dict) and gegevens.get("type") == "FeatureCollection":
        soort, crs = "geojson", _geojson_crs(gegevens)
        elementen = gegevens.get("features")
        if not isinstance(elementen, list):
            raise OngeldigBestand("De FeatureCollection heeft geen lijst 'features'.")
        for nummer, feature in enumerate(elementen, start=1):
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                raise OngeldigBestand(f"Element {nummer} van 'features' is geen GeoJSON Feature.")
            if not isinstance(feature.get("properties") or {}, dict):
                raise OngeldigBestand(f"Feature {nummer}: 'properties' is geen object.")
        rijen = [f.get("properties") or {} for f in elementen]
    elif isinstance(gegevens, dict) and isinstance(gegevens.get("items"), list):
        elementen = rijen = gegevens["items"]
    elif isinstance(gegevens, list):
        elementen = rijen = gegevens
    else:
        raise OngeldigBestand(
            'Verwacht een JSON-lijst van objecten, een object {"items": [...]} of een GeoJSON FeatureCollection.'
        )
    for nummer, rij in enumerate(rijen, start=1):
        if not isinstance(rij, dict):
            raise OngeldigBestand(f"Element {nummer} is geen object met velden.")
    kolommen = list(dict.fromkeys(k for rij in rijen for k in rij))
    if len(kolommen) > MAX_KOLOMMEN:
        raise OngeldigBestand(
            f"De elementen hebben samen {len(kolommen)} verschillende velden; een import heeft er hoogstens "
            f"{MAX_KOLOMMEN}."
        )
    return Bronbestand(soort=soort, digest=digest, kolommen=kolommen, elementen=elementen, geojson_crs=crs)


def controleer_kolommen(bestand: Bronbestand, profiel: Profiel) -> None:
    """Refuse the file when a required field or every coordinate pair has no column (a profile mismatch)."""
    index = kolomindex(bestand.kolommen)
    ontbrekend = [
        " of ".join(profiel.kolommen[veld]) for veld in profiel.verplicht if profiel.kolom_in(veld, index) is None
    ]
    if bestand.soort != "geojson" and profiel.coordinaten:
        paren = [p for p in profiel.coordinaten if p.oost.casefold() in index and p.noord.casefold() in index]
        if not paren:
            ontbrekend.append(" of ".join(f"{p.oost}+{p.noord}" for p in profiel.coordinaten))
    if ontbrekend and not bestand.kolommen:
        raise OngeldigBestand("Het bestand bevat geen gegevensrijen.")
    if ontbrekend:
        raise OngeldigBestand(
            f"Verplichte kolommen ontbreken voor profiel '{profiel.naam}': {', '.join(ontbrekend)}. "
            f"Gevonden: {', '.join(bestand.kolommen) or '(geen)'}."
        )
