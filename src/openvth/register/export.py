"""Exports of the register: CSV, GeoJSON and the Inspectieview delivery files, all streamed.

Access: every export starts from `selectors.uitvoering_list(actor=…, filters=…)`, so the one access policy decides
which rows appear, exactly as on the API. A natural person's name appears only where
`selectors.zichtbare_betrokkenen` allows it, which for an anonymous actor is never. Every non-public record that
reaches an export is written to the access log (`audit.log_inzage`), one bulk insert per batch.

Streaming: rows are read a batch at a time (`in_batches`) and turned into bytes per batch; a 1.5-million-row
export never holds more than one batch of records (on SQLite, plus the list of their ids). The order is by
VTH-object and id (an index order), not by name as the selector sorts for screens: sorting a national register by
name would first materialise it.

For the web (`StreamingHttpResponse`)::

    chunks = exporteer(actor=actor, formaat="csv", filters=selectors.UitvoeringFilter(gemeente="GM0772"))
    response = StreamingHttpResponse(chunks, content_type=MEDIATYPE["csv"])
    response["Content-Disposition"] = content_disposition(bestandsnaam("csv"))  # openvth.web.bestanden

`exporteer` checks its arguments at once (ValueError) and returns a generator of `bytes`; nothing is read from the
database before the first chunk is asked for. Over HTTP, `inspectieview` is one ZIP holding the three files,
written as it streams (no seek needed).

Inspectieview column source: Geonovum's draft logical model repository `Geonovum/vth-lith`, files
`0A-InspectieviewMapping.md` (commit 5ad7785aca7cf041dab54a97c3d7a030acede5e6) and `0B-InspectieviewMapping.md`
(commit c5d105bae9eefaf7ecf06c644e3378edd9c663a5). They list the delivery files of the baseline CSV set
(inspectieobject.csv, vestiging.csv, activiteituitvoering.csv, natuurlijkpersoon.csv, …) but give columns for
natuurlijkpersoon.csv only; the other files' mapping rows are still empty there. The columns below are therefore
DERIVED, not copied: the attribute names of the CIM VTH FLo (ACTIVITEITUITVOERING, VTH-OBJECT, VESTIGING) written
in the style of natuurlijkpersoon.csv (lower snake_case, the address as `wa_straatnaam`, `wa_huisnummer`,
`wa_huisnr_toevoeging`, `wa_postcode_nl`, `wa_plaatsnaam`, `wa_gemeente`, `wa_landcode`) **[check against the
ILT's own baseline specification before a real delivery]**. Format: UTF-8, comma, header row (RFC 4180).

Columns left empty because our model has no source for them: `verkorte_naam` and `toevoeging_adres` (vestiging),
`wa_adresaanduiding` (inspectieobject and vestiging). The `*_oin` columns are filled from Organisatie.oin, which
the current reference data leaves empty. A natural person carrying out an activity is not delivered (no
natuurlijkpersoon.csv here; never a BSN): the execution's `uitvoerder_*` columns stay empty for them.

CSV cells that start with `=`, `+`, `-`, `@`, tab, CR or NUL get a leading apostrophe, so a spreadsheet never
runs them as a formula (OWASP "CSV Injection"; OWASP ASVS 5.0 requirement 1.2.10); our own generated and validated
data never starts so. `csv_cel` is the one place for that rule: every CSV this application writes (these exports,
the Inspectieview files, the import quality report) passes each cell through it.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from openvth.audit import services as audit
from openvth.geo.crs import Crs
from openvth.organisaties.models import Organisatie
from openvth.organisaties.toegang import Actor

from . import selectors
from .models import Activiteituitvoering, SoortBetrokkene, VthObject
from .presentatie import uitvoering_dict

BATCH = 2_000
FORMATEN = ("csv", "geojson", "inspectieview")
MEDIATYPE = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "inspectieview": "application/zip",
}
DOEL = "export register"

CSV_KOLOMMEN = (
    "uuid",
    "versie",
    "activiteit_code",
    "activiteit_naam",
    "vth_object_uuid",
    "vth_object_naam",
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
    "bag_id",
    "gemeente_code",
    "gemeente_naam",
    "bevoegd_gezag_code",
    "bevoegd_gezag_naam",
    "toezichtinstantie_code",
    "toezichtinstantie_naam",
    "uitvoerder",
    "kwalificaties",
    "status",
    "omschrijving",
    "legitimatie",
    "ontstaansdatum",
    "beeindigingsdatum",
    "geldig_vanaf",
    "geldig_tot",
    "vertrouwelijkheid",
    "x",
    "y",
    "lon",
    "lat",
)

# Inspectieview delivery files (derived columns: see the module docstring).
ADRES_KOLOMMEN = (
    "wa_straatnaam",
    "wa_huisnummer",
    "wa_huisletter",
    "wa_huisnr_toevoeging",
    "wa_postcode_nl",
    "wa_plaatsnaam",
    "wa_gemeente",
    "wa_landcode",
    "wa_adresaanduiding",
    "bag_nummeraanduiding_id",
)
ACTIVITEITUITVOERING_KOLOMMEN = (
    "activiteituitvoering_id",
    "versie",
    "inspectieobject_id",
    "activiteit_code",
    "activiteit_naam",
    "omschrijving",
    "kwalificatie",
    "status",
    "ontstaansdatum",
    "beeindigingsdatum",
    "bevoegd_gezag_oin",
    "bevoegd_gezag_code",
    "bevoegd_gezag_naam",
    "toezichtinstantie_oin",
    "toezichtinstantie_code",
    "toezichtinstantie_naam",
    "uitvoerder_kvk_nummer",
    "uitvoerder_vestigingsnummer",
    "legitimatie",
    "geldig_vanaf",
    "geldig_tot",
)
INSPECTIEOBJECT_KOLOMMEN = (
    "inspectieobject_id",
    "namespace",
    "lokaal_id",
    "type",
    "subtype",
    "naam",
    "locatie_omschrijving",
    "ontstaansdatum",
    "beeindigingsdatum",
    "kvk_nummer",
    "vestigingsnummer",
    *ADRES_KOLOMMEN,
    "x_rd",
    "y_rd",
    "bevoegd_gezag_oin",
    "bevoegd_gezag_code",
    "uitvoerder_oin",
    "uitvoerder_code",
)
VESTIGING_KOLOMMEN = (
    "vestigingsnummer",
    "kvk_nummer",
    "handelsnaam",
    "verkorte_naam",
    "indicatie_hoofdvestiging",
    "sbi_activiteit",
    "datum_aanvang",
    "datum_beeindiging",
    "toevoeging_adres",
    *ADRES_KOLOMMEN,
)
INSPECTIEVIEW_BESTANDEN = ("activiteituitvoering.csv", "inspectieobject.csv", "vestiging.csv")


@dataclass
class Exportverslag:
    """Rows written per file and access-log entries made, filled while the export streams."""

    rijen: dict[str, int] = field(default_factory=dict)
    gelogd: int = 0

    def tel(self, bestand: str, aantal: int) -> None:
        self.rijen[bestand] = self.rijen.get(bestand, 0) + aantal


def bestandsnaam(formaat: str, peildatum: date | None = None) -> str:
    """A download name such as `register-2026-11-30.csv` (inspectieview: a .zip)."""
    extensie = {"csv": "csv", "geojson": "geojson", "inspectieview": "zip"}[formaat]
    naam = "inspectieview-register" if formaat == "inspectieview" else "register"
    return f"{naam}-{(peildatum or timezone.localdate()).isoformat()}.{extensie}"


def exporteer(
    *,
    actor: Actor,
    formaat: str,
    filters: selectors.UitvoeringFilter | None = None,
    doel: str = DOEL,
    verslag: Exportverslag | None = None,
) -> Iterator[bytes]:
    """The export as a stream of byte chunks (one per batch of rows); see the module docstring."""
    if formaat not in FORMATEN:
        raise ValueError(f"Onbekend exportformaat '{formaat}'; kies uit {', '.join(FORMATEN)}.")
    filters = filters or selectors.UitvoeringFilter()
    verslag = verslag if verslag is not None else Exportverslag()
    if formaat == "csv":
        return _csv(actor, filters, doel, verslag)
    if formaat == "geojson":
        return _geojson(actor, filters, doel, verslag)
    return zip_stroom(inspectieview_bestanden(actor=actor, filters=filters, doel=doel, verslag=verslag))


def inspectieview_bestanden(
    *,
    actor: Actor,
    filters: selectors.UitvoeringFilter | None = None,
    doel: str = DOEL,
    verslag: Exportverslag | None = None,
) -> dict[str, Callable[[], Iterator[bytes]]]:
    """The three Inspectieview delivery files, each a function that streams it (one pass over the database each)."""
    filters = filters or selectors.UitvoeringFilter()
    verslag = verslag if verslag is not None else Exportverslag()
    return {
        "activiteituitvoering.csv": lambda: _activiteituitvoering_csv(actor, filters, doel, verslag),
        "inspectieobject.csv": lambda: _inspectieobject_csv(actor, filters, doel, verslag),
        "vestiging.csv": lambda: _vestiging_csv(actor, filters, doel, verslag),
    }


def schrijf(
    *,
    actor: Actor,
    formaat: str,
    pad: Path,
    filters: selectors.UitvoeringFilter | None = None,
    doel: str = DOEL,
) -> Exportverslag:
    """Write an export to disk: a file for csv and geojson, a folder with the three files for inspectieview.

    Each file is written under a temporary name and renamed when complete, so a failed export leaves no
    half file that looks finished.
    """
    verslag = Exportverslag()
    if formaat == "inspectieview":
        pad.mkdir(parents=True, exist_ok=True)
        for naam, stroom in inspectieview_bestanden(actor=actor, filters=filters, doel=doel, verslag=verslag).items():
            _schrijf_bestand(pad / naam, stroom())
    else:
        _schrijf_bestand(pad, exporteer(actor=actor, formaat=formaat, filters=filters, doel=doel, verslag=verslag))
    return verslag


def _schrijf_bestand(pad: Path, stukken: Iterable[bytes]) -> None:
    tijdelijk = pad.with_name(pad.name + ".deel")
    try:
        with tijdelijk.open("wb") as f:
            for stuk in stukken:
                f.write(stuk)
        tijdelijk.replace(pad)
    finally:
        tijdelijk.unlink(missing_ok=True)


# --- reading in batches, with the access log -----------------------------------------------------------------


def in_batches(qs: QuerySet, grootte: int = BATCH) -> Iterator[list]:
    """The rows of `qs` in its order, a batch at a time, with no read left open while the caller logs a batch.

    SQLite (WAL) cannot turn an open read into a write once another connection has committed since the read
    began ("database is locked" at once, SQLITE_BUSY_SNAPSHOT), and the access log is written between batches.
    So on SQLite the ids are read first (a few MB nationally) and each batch is fetched whole; PostgreSQL keeps
    its server-side cursor, on which writes in between are fine.
    """
    if connections[qs.db].vendor != "sqlite":
        yield from _in_stukken(qs.iterator(chunk_size=grootte), grootte)
        return
    ids = list(qs.values_list("pk", flat=True))
    for begin in range(0, len(ids), grootte):
        stuk = ids[begin : begin + grootte]
        rijen = {obj.pk: obj for obj in qs.filter(pk__in=stuk).order_by()}
        yield [rijen[pk] for pk in stuk if pk in rijen]


def _in_stukken(rijen: Iterable, grootte: int) -> Iterator[list]:
    batch = []
    for obj in rijen:
        batch.append(obj)
        if len(batch) == grootte:
            yield batch
            batch = []
    if batch:
        yield batch


def _uitvoeringen(actor: Actor, filters: selectors.UitvoeringFilter) -> QuerySet[Activiteituitvoering]:
    """The selector's query, in index order; organisations come from a cache instead of three joins per row."""
    return (
        selectors.uitvoering_list(actor=actor, filters=filters)
        .select_related(None)
        .select_related("activiteit", "vth_object__locatie", "uitvoerder_betrokkene")
        .order_by("vth_object_id", "id")
    )


def _uitvoeringbatches(
    actor: Actor, filters: selectors.UitvoeringFilter, doel: str, verslag: Exportverslag
) -> Iterator[tuple[list[Activiteituitvoering], set[int]]]:
    """Batches of executions with the parties the actor may see by name; non-public reads are logged."""
    organisaties = Organisatie.objects.in_bulk()  # public reference data, some hundreds of rows
    for batch in in_batches(_uitvoeringen(actor, filters)):
        for u in batch:
            u.bevoegd_gezag = organisaties[u.bevoegd_gezag_id]
            u.toezichtinstantie = organisaties[u.toezichtinstantie_id]
            u.gemeente = organisaties[u.gemeente_id]
        zichtbaar = selectors.zichtbare_betrokkenen(
            actor=actor, ids={u.uitvoerder_betrokkene_id for u in batch if u.uitvoerder_betrokkene_id}
        )
        verslag.gelogd += audit.log_inzage(actor=actor, objecten=batch, doel=doel)
        personen = {u.uitvoerder_betrokkene_id: u.uitvoerder_betrokkene for u in batch}
        verslag.gelogd += audit.log_inzage(
            actor=actor, objecten=[p for pk, p in personen.items() if pk in zichtbaar], doel=doel
        )
        yield batch, zichtbaar


FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r", "\0")


def csv_cel(waarde):
    """A CSV cell that no spreadsheet runs as a formula (see the module docstring); None becomes empty.

    Text (also a lazy translation) starting with a formula character gets a leading apostrophe; numbers, dates and
    other values pass unchanged, so a negative number stays a number.
    """
    if waarde is None:
        return ""
    if isinstance(waarde, Promise):
        waarde = str(waarde)
    if isinstance(waarde, str) and waarde.startswith(FORMULETEKENS):
        return "'" + waarde
    return waarde


class CsvSchrijver:
    """A csv.writer into a buffer that is handed out as bytes per batch."""

    def __init__(self, kolommen: Iterable[str]):
        self.buffer = io.StringIO()
        self.schrijver = csv.writer(self.buffer, lineterminator="\r\n")
        self.schrijver.writerow(kolommen)

    def rij(self, waarden: Iterable) -> None:
        self.schrijver.writerow([csv_cel(w) for w in waarden])

    def leeg(self) -> bytes:
        data = self.buffer.getvalue().encode("utf-8")
        self.buffer.seek(0)
        self.buffer.truncate()
        return data


def _datum(waarde) -> str:
    return waarde.isoformat() if waarde else ""


# --- CSV and GeoJSON of the register --------------------------------------------------------------------------


def _csv(actor, filters, doel, verslag) -> Iterator[bytes]:
    uit = CsvSchrijver(CSV_KOLOMMEN)
    yield uit.leeg()
    for batch, zichtbaar in _uitvoeringbatches(actor, filters, doel, verslag):
        for u in batch:
            d = uitvoering_dict(u, Crs.CRS84, zichtbaar)
            adres, locatie = d["vthObject"]["adres"], u.vth_object.locatie
            lon, lat = d["geometrie"]["coordinates"]
            uit.rij(
                (
                    d["id"],
                    d["versie"],
                    d["activiteit"]["code"],
                    d["activiteit"]["naam"],
                    d["vthObject"]["id"],
                    d["vthObject"]["naam"],
                    adres["straat"],
                    adres["huisnummer"],
                    adres["huisletter"],
                    adres["huisnummertoevoeging"],
                    adres["postcode"],
                    adres["woonplaats"],
                    adres["bagId"],
                    d["gemeente"]["code"],
                    d["gemeente"]["naam"],
                    d["bevoegdGezag"]["code"],
                    d["bevoegdGezag"]["naam"],
                    d["toezichtinstantie"]["code"],
                    d["toezichtinstantie"]["naam"],
                    d["uitvoerder"],
                    ";".join(d["kwalificaties"]),
                    d["status"],
                    d["omschrijving"],
                    d["legitimatie"],
                    d["ontstaansdatum"],
                    d["beeindigingsdatum"],
                    d["geldigVanaf"],
                    d["geldigTot"],
                    d["vertrouwelijkheid"],
                    round(locatie.x, 3),
                    round(locatie.y, 3),
                    lon,
                    lat,
                )
            )
        verslag.tel("csv", len(batch))
        yield uit.leeg()


def _geojson(actor, filters, doel, verslag) -> Iterator[bytes]:
    """A FeatureCollection in CRS84 (RFC 7946 §4: no `crs` member), written feature by feature."""
    yield b'{"type":"FeatureCollection","features":['
    eerste = True
    for batch, zichtbaar in _uitvoeringbatches(actor, filters, doel, verslag):
        features = []
        for u in batch:
            d = uitvoering_dict(u, Crs.CRS84, zichtbaar)
            geometrie = d.pop("geometrie")
            features.append(
                json.dumps(
                    {"type": "Feature", "id": d["id"], "geometry": geometrie, "properties": d},
                    ensure_ascii=False,
                    separators=(",", ":"),
                )
            )
        verslag.tel("geojson", len(batch))
        yield (("" if eerste else ",") + ",".join(features)).encode("utf-8")
        eerste = False
    yield b"]}"


# --- Inspectieview delivery files ---------------------------------------------------------------------------


def _adres(locatie, gemeente) -> tuple:
    if locatie is None:
        return ("",) * len(ADRES_KOLOMMEN)
    return (
        locatie.straat,
        locatie.huisnummer,
        locatie.huisletter,
        locatie.huisnummertoevoeging,
        locatie.postcode,
        locatie.woonplaats,
        gemeente.naam if gemeente else "",
        "NL",
        "",
        locatie.bag_id,
    )


def _nen3610(obj: VthObject) -> str:
    return f"{obj.namespace}.{obj.lokaal_id}"


def _activiteituitvoering_csv(actor, filters, doel, verslag) -> Iterator[bytes]:
    uit = CsvSchrijver(ACTIVITEITUITVOERING_KOLOMMEN)
    yield uit.leeg()
    for batch, zichtbaar in _uitvoeringbatches(actor, filters, doel, verslag):
        for u in batch:
            wie = u.uitvoerder_betrokkene if u.uitvoerder_betrokkene_id in zichtbaar else None
            vestiging = wie if wie is not None and wie.soort != SoortBetrokkene.NATUURLIJK_PERSOON else None
            uit.rij(
                (
                    u.uuid,
                    u.versie,
                    _nen3610(u.vth_object),
                    u.activiteit.code,
                    u.activiteit.naam,
                    u.omschrijving,
                    ";".join(u.kwalificaties),
                    u.status,
                    _datum(u.ontstaansdatum),
                    _datum(u.beeindigingsdatum),
                    u.bevoegd_gezag.oin,
                    u.bevoegd_gezag.code,
                    u.bevoegd_gezag.naam,
                    u.toezichtinstantie.oin,
                    u.toezichtinstantie.code,
                    u.toezichtinstantie.naam,
                    vestiging.kvk_nummer if vestiging else "",
                    vestiging.vestigingsnummer if vestiging else "",
                    u.legitimatie,
                    _datum(u.geldig_vanaf),
                    _datum(u.geldig_tot),
                )
            )
        verslag.tel("activiteituitvoering.csv", len(batch))
        yield uit.leeg()


def _objecten(actor, filters) -> QuerySet[VthObject]:
    """The VTH-objects of the exported executions that the actor may see (the policy applies to them too)."""
    return (
        selectors.vthobject_list(actor=actor)
        .filter(pk__in=_uitvoeringen(actor, filters).values("vth_object_id"))
        .select_related("vestiging")
        .order_by("id")
    )


def _inspectieobject_csv(actor, filters, doel, verslag) -> Iterator[bytes]:
    uit = CsvSchrijver(INSPECTIEOBJECT_KOLOMMEN)
    yield uit.leeg()
    for batch in in_batches(_objecten(actor, filters)):
        verslag.gelogd += audit.log_inzage(actor=actor, objecten=batch, doel=doel)
        zichtbaar = selectors.zichtbare_betrokkenen(actor=actor, ids={o.vestiging_id for o in batch if o.vestiging_id})
        for obj in batch:
            vestiging = obj.vestiging if obj.vestiging_id in zichtbaar else None
            uit.rij(
                (
                    _nen3610(obj),
                    obj.namespace,
                    obj.lokaal_id,
                    obj.type,
                    obj.subtype,
                    obj.naam,
                    obj.locatie_omschrijving,
                    _datum(obj.ontstaansdatum),
                    _datum(obj.beeindigingsdatum),
                    vestiging.kvk_nummer if vestiging else "",
                    vestiging.vestigingsnummer if vestiging else "",
                    *_adres(obj.locatie, obj.locatie.gemeente),
                    round(obj.locatie.x, 3),
                    round(obj.locatie.y, 3),
                    obj.bevoegd_gezag.oin,
                    obj.bevoegd_gezag.code,
                    obj.uitvoerder.oin,
                    obj.uitvoerder.code,
                )
            )
        verslag.tel("inspectieobject.csv", len(batch))
        yield uit.leeg()


def _vestiging_csv(actor, filters, doel, verslag) -> Iterator[bytes]:
    """Establishments of the exported objects; their address is that of their VTH-object (the site)."""
    uit = CsvSchrijver(VESTIGING_KOLOMMEN)
    yield uit.leeg()
    objecten = _objecten(actor, filters)
    vestigingen = (
        selectors.betrokkene_list(actor=actor)
        .filter(soort=SoortBetrokkene.VESTIGING, pk__in=objecten.values("vestiging_id"))
        .order_by("id")
    )
    for batch in in_batches(vestigingen):
        verslag.gelogd += audit.log_inzage(actor=actor, objecten=batch, doel=doel)
        plaats: dict[int, VthObject] = {}
        for obj in selectors.vthobject_list(actor=actor).filter(vestiging_id__in=[v.pk for v in batch]).order_by("id"):
            plaats.setdefault(obj.vestiging_id, obj)
        for v in batch:
            obj = plaats.get(v.pk)
            uit.rij(
                (
                    v.vestigingsnummer,
                    v.kvk_nummer,
                    ";".join(v.handelsnamen) if v.handelsnamen else v.naam,
                    "",
                    "" if v.hoofdvestiging is None else ("J" if v.hoofdvestiging else "N"),
                    ";".join(v.sbi_codes),
                    _datum(v.geldig_vanaf),
                    _datum(v.geldig_tot),
                    "",
                    *_adres(obj.locatie if obj else None, obj.locatie.gemeente if obj else None),
                )
            )
        verslag.tel("vestiging.csv", len(batch))
        yield uit.leeg()


# --- a ZIP written as it streams ------------------------------------------------------------------------------


class _Afvoer(io.RawIOBase):
    """A write-only, unseekable sink: zipfile then writes data descriptors and we hand out what it wrote."""

    def __init__(self) -> None:
        super().__init__()
        self.delen: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.delen.append(bytes(data))
        return len(data)

    def leeg(self) -> bytes:
        data = b"".join(self.delen)
        self.delen.clear()
        return data


def zip_stroom(bestanden: dict[str, Callable[[], Iterator[bytes]]]) -> Iterator[bytes]:
    afvoer = _Afvoer()
    with zipfile.ZipFile(afvoer, mode="w", compression=zipfile.ZIP_DEFLATED) as archief:
        for naam, stroom in bestanden.items():
            with archief.open(naam, mode="w", force_zip64=True) as doel:
                for stuk in stroom():
                    doel.write(stuk)
                    if data := afvoer.leeg():
                        yield data
            if data := afvoer.leeg():
                yield data
    yield afvoer.leeg()
