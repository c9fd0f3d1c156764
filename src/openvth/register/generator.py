"""Synthetic register data for demos, tests and national-scale benchmarks (`openvth generate`).

Realistic and deterministic: locations spread over the municipalities in proportion to their population, a
plausible activity mix per sector from the catalogue, valid-format identifiers, statuses and history, and the
competent authority by the rules of DOMAIN.md §1.

Why a bulk path and not the services: a national run is ~500,000 locations and ~1.5 million executions; one
service call per row (lookups, access check, one audit event each) would take hours. The generator prepares
everything per municipality once, draws each batch of `BATCH` locations as numpy arrays, and writes each table
with one `executemany` per batch on SQLite (see `_Tabel` for why not `bulk_create`) and one COPY per batch on
PostgreSQL, where foreign keys and secondary indexes are built after the load (`laadmodus`): the national set went
from ~11 minutes to within the 5-minute budget that way, same rows. It keeps the services' rules all the
same: KvK-nummer, vestigingsnummer, BSN and postcode pass the validators of `regels.identificatie` row by row,
coordinates lie inside `crs.binnen_nederland_rd` (points outside are redrawn), qualifications are a non-empty
subset of the activity's allowed ones, a natural person is `vertrouwelijk`, an ended execution has a
beeindigingsdatum, a later version closes the earlier one, one execution per activity type per VTH-object (CIM).

Audit: ONE audit event per run (`register.synthetisch_gegenereerd`, by a system actor) that summarises it
(seed, counts, reference date), not one per row: millions of identical "created" events would drown the trail
and add nothing a reader could use.

All or nothing: the whole run is one transaction (rows are still sent in batches). A run on a database that
already holds rows of the same `bron_systeem` is REFUSED, not merged, so the same seed never makes duplicates and
an interrupted run leaves nothing behind that would block a retry. To add more data, use another bron_systeem.

Deterministic: every random draw comes from one `numpy.random.Generator` seeded with (seed, crc32(bron_systeem)),
UUIDs included (a `random.Random` seeded from it feeds `identificatie.maak_bsn`); the clock is read only as the
reference date the caller passes (`peildatum`). Two runs with the same arguments produce the same rows except
`geregistreerd_op`, which is, truthfully, the time of the run.

Choices that are ours, not facts (all plausible, none real):
- Waterschap: the reference data has no waterschap–gemeente mapping, so a water activity's authority is the
  waterschap picked by a stable hash (crc32) of the municipality's CBS code: deterministic, not geographic.
- Postcodes: generated in a two-digit range per province (approximate, see PROVINCIE_POSTCODES), valid format.
- Municipalities without an omgevingsdienst on the reference date (the 2025 Utrecht gap, see the organisations'
  README) get no locations: a toezichtinstantie is required. The report names them.
- Names of companies never contain a person's name, so an eenmanszaak's owner is not revealed by its trade name.
- A KvK-nummer may repeat by chance across locations; that reads as one company with several vestigingen.
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db import connections, models, router, transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.geo import crs
from openvth.organisaties.models import Organisatie, Soort, Vertrouwelijkheid, Werkgebiedlid
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import Actor
from openvth.regels import identificatie

from .bulk import grote_cache, schrijf_rijen
from .models import (
    Activiteit,
    Activiteituitvoering,
    Betrokkene,
    Kwalificatie,
    Locatie,
    SoortBetrokkene,
    Status,
    TypeVthObject,
    VthObject,
    codeer_kwalificaties,
)

BRON_SYSTEEM = "synthetisch"
NAMESPACE = "nl-vthflo"
BATCH = 5_000
BEGIN = date(2010, 1, 1)
GEMIDDELD_UITVOERINGEN = 3.0
AANDEEL_EENMANSZAAK = 0.05
AANDEEL_HISTORIE = 0.10
STATUSKANS = {
    Status.UITVOERING: 0.80,
    Status.VOORGENOMEN: 0.03,
    Status.REALISATIE: 0.05,
    Status.GESTAAKT: 0.04,
    Status.BEEINDIGD: 0.08,
}
VERTROUWELIJKHEIDSKANS = {
    Vertrouwelijkheid.OPENBAAR: 0.94,
    Vertrouwelijkheid.INTERN: 0.05,
    Vertrouwelijkheid.VERTROUWELIJK: 0.01,
}
# Weight of each qualification as the main one of an execution; zorgplicht is added beside it now and then.
KWALIFICATIEGEWICHT = {
    Kwalificatie.MELDINGSPLICHT: 0.45,
    Kwalificatie.VERGUNNINGPLICHT: 0.20,
    Kwalificatie.INFORMATIEPLICHT: 0.20,
    Kwalificatie.TOEGESTAAN: 0.10,
    Kwalificatie.ZORGPLICHT: 0.05,
}
KANS_EXTRA_ZORGPLICHT = 0.25
# Rank of an authority: a VTH-object's bevoegd gezag is the heaviest among its executions.
GEMEENTE, WATERSCHAP, PROVINCIE = 0, 1, 2


class GeneratorFout(Exception):
    """The run cannot start: bad arguments, reference data or catalogue missing, or rows already there."""


@dataclass(frozen=True)
class Sectorprofiel:
    """A kind of company: its share of locations, company types with SBI code, and its activity mix.

    `mix` weighs catalogue codes: a leaf code weighs that activity; an afdeling code (bal-3.6) spreads its weight
    over that afdeling's leaves that no profile names itself. Codes absent from the catalogue are ignored, so the mix
    still works when a functional administrator completes the catalogue. `hoofd` names where a location's first
    activity comes from (a chemical plant has an IPPC/Seveso activity). `landelijk` sectors weigh more in
    municipalities with few inhabitants.
    """

    naam: str
    aandeel: float
    soorten: tuple[tuple[str, str], ...]
    mix: dict[str, float]
    hoofd: tuple[str, ...] = ()
    landelijk: bool = False
    eenmanszaak: bool = True


SECTOREN: tuple[Sectorprofiel, ...] = (
    Sectorprofiel(
        "horeca en detailhandel",
        0.24,
        (
            ("Restaurant", "5610"),
            ("Café", "5630"),
            ("Hotel", "5510"),
            ("Supermarkt", "4711"),
            ("Bakkerij", "1071"),
            ("Slagerij", "4722"),
        ),
        {"bal-3.2.1": 1.0, "bal-3.2.5": 0.6, "bal-3.2.6": 0.1, "bal-3.8": 0.3, "bal-3.5": 0.3, "bal-3.4": 0.1},
        hoofd=("bal-3.2.1",),
    ),
    Sectorprofiel(
        "autobedrijven en tankstations",
        0.12,
        (("Garagebedrijf", "4520"), ("Autoschadeherstel", "4520"), ("Tankstation", "4730"), ("Autohandel", "4511")),
        {"bal-3.8": 1.0, "bal-3.2.1": 0.6, "bal-3.5": 0.5, "bal-3.4": 0.3, "bal-3.2.5": 0.1},
        hoofd=("bal-3.8",),
    ),
    Sectorprofiel(
        "agrarisch",
        0.20,
        (
            ("Melkveebedrijf", "0141"),
            ("Varkenshouderij", "0146"),
            ("Pluimveebedrijf", "0147"),
            ("Akkerbouwbedrijf", "0111"),
            ("Glastuinbouwbedrijf", "0113"),
            ("Loonbedrijf", "0161"),
        ),
        {
            "bal-3.6.1": 1.0,
            "bal-3.6.2": 0.35,
            "bal-3.6.3": 0.6,
            "bal-3.6.4": 0.1,
            "bal-3.6": 1.0,
            "bal-3.2.1": 0.6,
            "bal-3.2.6": 0.1,
            "bal-3.8": 0.2,
            "bal-3.5": 0.2,
        },
        hoofd=("bal-3.6",),
        landelijk=True,
    ),
    Sectorprofiel(
        "industrie en ambacht",
        0.13,
        (
            ("Metaalbewerking", "2562"),
            ("Timmerfabriek", "1623"),
            ("Drukkerij", "1812"),
            ("Voedingsmiddelenfabriek", "1089"),
            ("Kunststofverwerking", "2229"),
        ),
        {"bal-3.4": 1.0, "bal-3.2.1": 0.7, "bal-3.2.5": 0.2, "bal-3.5": 0.4, "bal-3.8": 0.4},
        hoofd=("bal-3.4",),
    ),
    Sectorprofiel(
        "afvalbeheer",
        0.04,
        (
            ("Recyclingbedrijf", "3832"),
            ("Afvalinzameling", "3811"),
            ("Afvalverwerking", "3821"),
            ("Sloopbedrijf", "4311"),
        ),
        {"bal-3.5": 1.0, "bal-3.8": 0.6, "bal-3.2.1": 0.3, "bal-3.4": 0.2},
        hoofd=("bal-3.5",),
    ),
    Sectorprofiel(
        "transport en logistiek",
        0.10,
        (
            ("Transportbedrijf", "4941"),
            ("Distributiecentrum", "5210"),
            ("Opslagbedrijf", "5210"),
            ("Expeditiebedrijf", "5229"),
        ),
        {"bal-3.8": 1.0, "bal-3.2.1": 0.4, "bal-3.2.5": 0.3, "bal-3.5": 0.2, "bal-3.4": 0.2},
        hoofd=("bal-3.8",),
    ),
    Sectorprofiel(
        "dienstverlening, onderwijs en zorg",
        0.1595,
        (
            ("Zorgcentrum", "8710"),
            ("Basisschool", "8520"),
            ("Sportcomplex", "9311"),
            ("Ziekenhuis", "8610"),
            ("Wasserij", "9601"),
            ("Kantoor", "7010"),
        ),
        {"bal-3.2.1": 1.0, "bal-3.2.6": 0.3, "bal-3.2.5": 0.1, "bal-3.7": 0.3, "bal-3.5": 0.2, "bal-3.8": 0.1},
        hoofd=("bal-3.2.1",),
    ),
    Sectorprofiel(
        "uitvaart",
        0.0005,
        (("Crematorium", "9603"), ("Uitvaartcentrum", "9603")),
        {"bal-3.7.4": 1.0, "bal-3.2.1": 0.8, "bal-3.2.6": 0.1, "bal-3.8": 0.1},
        hoofd=("bal-3.7.4",),
    ),
    Sectorprofiel(
        "zware industrie en chemie",
        0.01,
        (
            ("Chemische fabriek", "2011"),
            ("Raffinaderij", "1920"),
            ("Tankopslag", "5210"),
            ("Afvalverbranding", "3821"),
            ("Kunstmestfabriek", "2015"),
            ("Energiecentrale", "3511"),
        ),
        {"bal-3.3": 1.5, "bal-3.4": 0.8, "bal-3.2.1": 0.8, "bal-3.5": 0.4, "bal-3.8": 0.5, "bal-3.2.12": 0.1},
        hoofd=("bal-3.3",),
        eenmanszaak=False,
    ),
)

EIGENNAMEN = (
    "Delta", "Horizon", "De Hoop", "De Eendracht", "Het Anker", "De Linde", "Nova", "Centraal", "Noord", "Zuid",
    "Oost", "West", "Oranje", "Polderzicht", "Rivierenland", "De Kroon", "De Molen", "Vitaal", "Groenrijk",
    "Zonnehoek", "De Ster", "Phoenix", "Atlas", "Meridiaan", "De Zwaan", "Het Baken", "De Vlijt", "Kompas",
    "De Toekomst", "Vooruit", "Helder", "Lindenhof", "De Waag", "De Schakel", "Zuiderzon", "Duinzicht",
)  # fmt: skip
RECHTSVORMEN = ("", " B.V.", " B.V.", " V.O.F.")
STRAATSTAMMEN = (
    "Industrie", "Ambachts", "Nijverheids", "Handels", "Molen", "Kerk", "Haven", "Dorps", "Hoofd", "Kanaal",
    "Dijk", "Spoor", "Stations", "Markt", "Veld", "Akker", "Energie", "Transport", "Linden", "Eiken", "Beuken",
    "Wilgen", "Esdoorn", "Berken", "Polder", "Weide", "Vaart", "Sluis", "Brug", "Zilver", "Koper", "Graan",
    "Vlas", "Tarwe", "Fabrieks", "Bedrijven", "Zuivel", "Smeden", "Kuipers", "Touwslagers",
)  # fmt: skip
STRAATACHTERVOEGSELS = ("straat", "weg", "weg", "laan", "kade", "dreef", "singel", "park", "hof", "baan")
VOORNAMEN = (
    "Jan", "Piet", "Kees", "Anna", "Maria", "Sanne", "Eva", "Daan", "Lucas", "Emma", "Sophie", "Thomas", "Lotte",
    "Ruben", "Fleur", "Bram", "Noor", "Jesse", "Iris", "Mohamed", "Fatima", "Hendrik", "Johanna", "Willem",
    "Gerrit", "Ingrid", "Marloes", "Joost", "Femke", "Sem",
)  # fmt: skip
ACHTERNAMEN = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "Yilmaz", "El Amrani",
)  # fmt: skip
# Plausible first two postcode digits per province (CBS code): approximate ranges, not the real PostNL areas.
PROVINCIE_POSTCODES = {
    "PV20": (95, 96, 97, 98, 99),
    "PV21": (84, 85, 86, 87, 88, 89, 90, 91, 92),
    "PV22": (77, 78, 79, 94),
    "PV23": (74, 75, 76, 80, 81, 83),
    "PV24": (13, 82, 83),
    "PV25": (38, 40, 66, 67, 68, 69, 70, 71, 72, 73),
    "PV26": (34, 35, 36, 37, 39),
    "PV27": (10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21),
    "PV28": (22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33),
    "PV29": (43, 44, 45),
    "PV30": (46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58),
    "PV31": (59, 60, 61, 62, 63, 64),
}
POSTCODELETTERS = tuple(
    a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if a + b not in ("SA", "SD", "SS")
)


@dataclass
class Generatieverslag:
    """What a run wrote; also the content of its one audit event."""

    bron_systeem: str
    seed: int
    peildatum: date
    omgevingsdienst: str | None
    locaties: int = 0
    vth_objecten: int = 0
    betrokkenen: int = 0
    natuurlijke_personen: int = 0
    uitvoeringen: int = 0
    historische_versies: int = 0
    gemeenten: int = 0
    gemeenten_zonder_omgevingsdienst: list[str] = field(default_factory=list)
    bevoegd_gezag: dict[str, int] = field(default_factory=dict)

    @property
    def rijen(self) -> int:
        return self.locaties + self.vth_objecten + self.betrokkenen + self.uitvoeringen


# --- preparation: once per run ---------------------------------------------------------------------------


@dataclass
class _Gemeenten:
    pk: np.ndarray
    code: list[str]
    woonplaats: list[str]
    provincie: np.ndarray
    waterschap: np.ndarray
    dienst: np.ndarray
    inwoners: np.ndarray
    x: np.ndarray
    y: np.ndarray
    spreiding: np.ndarray
    postcode3: list[str]
    sectorkans: np.ndarray  # cumulative, one row per municipality


@dataclass
class _Catalogus:
    pk: np.ndarray
    code: list[str]
    rang: np.ndarray  # GEMEENTE / WATERSCHAP / PROVINCIE per activity
    logmix: np.ndarray  # sectors x activities, -inf where a sector never draws that activity
    loghoofd: np.ndarray
    heeft_hoofd: np.ndarray
    maximum: np.ndarray  # distinct activities a sector can draw
    lam: np.ndarray  # Poisson parameter per sector giving GEMIDDELD_UITVOERINGEN on average
    combinaties: list[list[tuple[str, bool, bool]]]  # per activity: (codes, vergunning, melding)
    combinatiekans: np.ndarray  # activities x combinations, cumulative


def _stabiel(tekst: str) -> int:
    return zlib.crc32(tekst.encode("utf-8"))


def _woonplaats(gemeentenaam: str) -> str:
    """The place name: the CBS disambiguator ("Bergen (L.)") is not part of a woonplaats."""
    return re.sub(r"\s*\([^)]*\)$", "", gemeentenaam)


def _gemeenten(peildatum: date, omgevingsdienst: str | None, verslag: Generatieverslag) -> _Gemeenten:
    leden = Werkgebiedlid.objects.geldig_op(peildatum).filter(
        lid__soort=Soort.GEMEENTE, omgevingsdienst__soort=Soort.OMGEVINGSDIENST
    )
    if omgevingsdienst:
        dienst = Organisatie.objects.filter(code__iexact=omgevingsdienst, soort=Soort.OMGEVINGSDIENST).first()
        if dienst is None:
            raise GeneratorFout(f"Onbekende omgevingsdienst '{omgevingsdienst}'.")
        if not dienst.geldig_op(peildatum):
            raise GeneratorFout(f"{dienst.naam} bestaat niet op {peildatum.isoformat()}.")
        leden = leden.filter(omgevingsdienst=dienst)
    dienst_van: dict[int, int] = {}
    for lid_id, dienst_id in leden.order_by("omgevingsdienst__code").values_list("lid_id", "omgevingsdienst_id"):
        dienst_van.setdefault(lid_id, dienst_id)  # two services on one date: the first by code, deterministic
    alle = list(
        Organisatie.objects.geldig_op(peildatum)
        .filter(soort=Soort.GEMEENTE)
        .select_related("provincie")
        .order_by("code")
    )
    if not alle:
        raise GeneratorFout("Er zijn geen gemeenten: laad eerst de referentiegegevens (openvth load-reference).")
    waterschappen = list(
        Organisatie.objects.geldig_op(peildatum)
        .filter(soort=Soort.WATERSCHAP)
        .order_by("code")
        .values_list("pk", flat=True)
    )
    if not waterschappen:
        raise GeneratorFout("Er zijn geen waterschappen: laad eerst de referentiegegevens (openvth load-reference).")
    gekozen = []
    for g in alle:
        if g.pk not in dienst_van:
            if not omgevingsdienst:
                verslag.gemeenten_zonder_omgevingsdienst.append(g.code)
            continue
        if not (g.inwoners and g.lat is not None and g.lon is not None and g.provincie_id):
            raise GeneratorFout(f"{g.naam} mist inwoners, middelpunt of provincie in de referentiegegevens.")
        gekozen.append(g)
    if not gekozen:
        raise GeneratorFout(
            f"Geen gemeente heeft op {peildatum.isoformat()} een omgevingsdienst in de referentiegegevens."
        )
    inwoners = np.array([g.inwoners for g in gekozen], dtype=np.float64)
    x, y = crs.wgs84_naar_rd_vector([g.lon for g in gekozen], [g.lat for g in gekozen])
    postcode3 = []
    for g in gekozen:
        h = _stabiel(g.code)
        reeks = PROVINCIE_POSTCODES.get(g.provincie.code, tuple(range(10, 100)))
        postcode3.append(f"{reeks[h % len(reeks)]}{(h // 101) % 10}")
    # Sector shares: agricultural sectors weigh more where few people live.
    basis = np.array([s.aandeel for s in SECTOREN])
    landelijk = np.array([s.landelijk for s in SECTOREN])
    factor = np.clip(np.sqrt(50_000.0 / inwoners), 0.3, 2.5)
    kans = np.where(landelijk[None, :], basis[None, :] * factor[:, None], basis[None, :])
    kans /= kans.sum(axis=1, keepdims=True)
    verslag.gemeenten = len(gekozen)
    return _Gemeenten(
        pk=np.array([g.pk for g in gekozen], dtype=np.int64),
        code=[g.code for g in gekozen],
        woonplaats=[_woonplaats(g.naam) for g in gekozen],
        provincie=np.array([g.provincie_id for g in gekozen], dtype=np.int64),
        waterschap=np.array([waterschappen[_stabiel(g.code) % len(waterschappen)] for g in gekozen], dtype=np.int64),
        dienst=np.array([dienst_van[g.pk] for g in gekozen], dtype=np.int64),
        inwoners=inwoners,
        x=np.asarray(x),
        y=np.asarray(y),
        # Spread grows with sqrt(population): a town of 10,000 ~1.3 km, Amsterdam ~3.9 km (1 sigma).
        spreiding=1_000.0 + 3.0 * np.sqrt(inwoners),
        postcode3=postcode3,
        sectorkans=np.cumsum(kans, axis=1),
    )


def _lambda(maximum: int) -> float:
    """Poisson parameter so that min(1 + Poisson(lam), maximum) averages GEMIDDELD_UITVOERINGEN."""

    def gemiddelde(lam: float) -> float:
        p = math.exp(-lam)
        som, staart = 0.0, 1.0
        for j in range(maximum - 1):
            som += (1 + j) * p
            staart -= p
            p *= lam / (j + 1)
        return som + maximum * max(staart, 0.0)

    if maximum <= GEMIDDELD_UITVOERINGEN:
        return 50.0  # every location gets all it can
    laag, hoog = 0.0, 50.0
    for _ in range(60):
        midden = (laag + hoog) / 2
        laag, hoog = (midden, hoog) if gemiddelde(midden) < GEMIDDELD_UITVOERINGEN else (laag, midden)
    return (laag + hoog) / 2


def _combinaties(toegestaan: list[str], ippc: bool) -> tuple[list[tuple[str, bool, bool]], list[float]]:
    """The qualification sets an execution of this activity may carry, with their weights: never empty."""
    toegestaan = sorted(set(toegestaan) or set(Kwalificatie.values))
    gewicht = {k: KWALIFICATIEGEWICHT.get(k, 0.0) for k in toegestaan}
    if ippc and Kwalificatie.VERGUNNINGPLICHT in gewicht:
        gewicht = {k: (1.0 if k == Kwalificatie.VERGUNNINGPLICHT else 0.0) for k in gewicht}
    if not any(gewicht.values()):
        gewicht = dict.fromkeys(toegestaan, 1.0)
    sets, kansen = [], []
    for hoofd, w in gewicht.items():
        if not w:
            continue
        extra = Kwalificatie.ZORGPLICHT in toegestaan and hoofd != Kwalificatie.ZORGPLICHT
        for met_zorgplicht, kans in ((False, 1 - KANS_EXTRA_ZORGPLICHT), (True, KANS_EXTRA_ZORGPLICHT)):
            if met_zorgplicht and not extra:
                continue
            waarden = {hoofd, Kwalificatie.ZORGPLICHT} if met_zorgplicht else {hoofd}
            if not waarden <= set(toegestaan):  # the services' rule: only qualifications the activity allows
                raise AssertionError(f"kwalificaties {sorted(waarden)} niet toegestaan")
            sets.append((codeer_kwalificaties(waarden), Kwalificatie.VERGUNNINGPLICHT in waarden,
                         Kwalificatie.MELDINGSPLICHT in waarden))  # fmt: skip
            kansen.append(w * (kans if extra else 1.0))
    return sets, kansen


# The catalogue codes the generator draws from: those of the 18-row catalogue it was calibrated on. The catalogue now
# holds all of Bal chapter 3 (bal-hfst3-2026-12-07); leaving its other Bal codes out keeps benchmark sets comparable
# across catalogue versions (bal-3.4, bal-3.5 and bal-3.8 stay leaves here, as they were). Codes outside the Bal
# numbering (added locally) still take part, as before. Widen it deliberately, with new profile weights.
GENERATOR_CODES = frozenset(
    {
        *("bal-3.2", "bal-3.3", "bal-3.4", "bal-3.5", "bal-3.6", "bal-3.7", "bal-3.8"),
        *("bal-3.2.1", "bal-3.2.5", "bal-3.2.6", "bal-3.2.12", "bal-3.3.1", "bal-3.3.13"),
        *("bal-3.6.1", "bal-3.6.2", "bal-3.6.3", "bal-3.6.4", "bal-3.7.4"),
    }
)


def _catalogus(peildatum: date) -> _Catalogus:
    activiteiten = [
        a
        for a in Activiteit.objects.geldig_op(peildatum).order_by("code")
        if a.code in GENERATOR_CODES or not a.code.startswith("bal-")
    ]
    if not activiteiten:
        raise GeneratorFout("De catalogus van activiteiten is leeg: laad hem eerst (openvth load-catalogus).")
    met_kind = {a.bovenliggende_id for a in activiteiten if a.bovenliggende_id}
    bladeren = [a for a in activiteiten if a.pk not in met_kind]
    per_pk = {a.pk: a for a in activiteiten}

    def afdeling(a: Activiteit) -> str:
        while a.bovenliggende_id and a.bovenliggende_id in per_pk:
            a = per_pk[a.bovenliggende_id]
        return a.code

    afdelingen = [afdeling(a) for a in bladeren]
    logmix = np.full((len(SECTOREN), len(bladeren)), -np.inf)
    loghoofd = np.full_like(logmix, -np.inf)
    genoemd = {code for profiel in SECTOREN for code in profiel.mix}  # a leaf named anywhere is not spread
    for s, profiel in enumerate(SECTOREN):
        for i, a in enumerate(bladeren):
            if a.code in profiel.mix:
                w = profiel.mix[a.code]
            elif afdelingen[i] in profiel.mix and a.code not in genoemd:
                rest = sum(
                    1 for j, b in enumerate(bladeren) if afdelingen[j] == afdelingen[i] and b.code not in genoemd
                )
                w = profiel.mix[afdelingen[i]] / rest
            else:
                w = 0.0
            if w > 0:
                logmix[s, i] = math.log(w)
                if a.code in profiel.hoofd or afdelingen[i] in profiel.hoofd:
                    loghoofd[s, i] = logmix[s, i]
        if np.isinf(logmix[s]).all():  # the catalogue holds none of this sector's activities: use any non-IPPC one
            for i, a in enumerate(bladeren):
                if not a.ippc_seveso:
                    logmix[s, i] = 0.0
    maximum = (~np.isinf(logmix)).sum(axis=1)
    if (maximum == 0).any():
        raise GeneratorFout("De catalogus bevat alleen IPPC/Seveso-activiteiten; daar valt geen mix uit te maken.")
    combinaties, kansen = zip(*(_combinaties(a.kwalificaties, a.ippc_seveso) for a in bladeren), strict=True)
    breedte = max(len(k) for k in kansen)
    tabel = np.zeros((len(bladeren), breedte))
    for i, k in enumerate(kansen):
        tabel[i, : len(k)] = np.asarray(k) / sum(k)
    cumulatief = np.cumsum(tabel, axis=1)
    cumulatief[:, -1] = 1.0
    return _Catalogus(
        pk=np.array([a.pk for a in bladeren], dtype=np.int64),
        code=[a.code for a in bladeren],
        rang=np.array([PROVINCIE if a.ippc_seveso else WATERSCHAP if a.waterschap else GEMEENTE for a in bladeren]),
        logmix=logmix,
        loghoofd=loghoofd,
        heeft_hoofd=~np.isinf(loghoofd).all(axis=1),
        maximum=maximum,
        lam=np.array([_lambda(int(m)) for m in maximum]),
        combinaties=list(combinaties),
        combinatiekans=cumulatief,
    )


# --- drawing: once per batch -------------------------------------------------------------------------------


def _kans(verdeling: dict) -> tuple[list, np.ndarray]:
    waarden = list(verdeling)
    cumulatief = np.cumsum(np.array([verdeling[w] for w in waarden], dtype=np.float64))
    return waarden, cumulatief / cumulatief[-1]


def _kies(rng: np.random.Generator, cumulatief: np.ndarray, n: int) -> np.ndarray:
    """n draws from a categorical distribution given as cumulative probabilities."""
    return np.minimum(np.searchsorted(cumulatief, rng.random(n), side="right"), len(cumulatief) - 1)


def _uuids(rng: np.random.Generator, n: int) -> list[str]:
    """n random version-4 UUIDs as 32 hex digits (the form Django stores on SQLite; PostgreSQL parses it too)."""
    ruw = np.frombuffer(rng.bytes(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    ruw[:, 6] = (ruw[:, 6] & 0x0F) | 0x40  # version 4
    ruw[:, 8] = (ruw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    tekst = ruw.tobytes().hex()
    return [tekst[i : i + 32] for i in range(0, 32 * n, 32)]


def _kvk_nummers(rng: np.random.Generator, n: int) -> list[str]:
    """n KVK-nummers as `identificatie.maak_kvk` makes them (8 digits, weighted mod-11), drawn as one array."""
    uit = np.empty(0, dtype=np.int64)
    gewichten = np.arange(8, 0, -1)
    while uit.size < n:
        kandidaat = rng.integers(10_000_000, 100_000_000, size=12 * (n - uit.size) + 16)
        cijfers = (kandidaat[:, None] // 10 ** np.arange(7, -1, -1)) % 10
        uit = np.concatenate([uit, kandidaat[(cijfers * gewichten).sum(axis=1) % 11 == 0]])
    return [str(k) for k in uit[:n].tolist()]


def _geldig(validator, waarden: list[str]) -> list[str]:
    """Check generated identifiers with the validator the services use; a failure is a bug in this module."""
    for waarde in waarden:
        if validator(waarde) != waarde:
            raise AssertionError(f"{validator.__name__} normaliseert een gegenereerde waarde anders")
    return waarden


def _punten(rng: np.random.Generator, gem: _Gemeenten, gi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scatter around each municipality's centroid; redraw any point outside the Dutch RD area."""
    x, y = np.empty(gi.size), np.empty(gi.size)
    open_ = np.arange(gi.size)
    for _ in range(50):
        g = gi[open_]
        x[open_] = gem.x[g] + rng.normal(size=open_.size) * gem.spreiding[g]
        y[open_] = gem.y[g] + rng.normal(size=open_.size) * gem.spreiding[g]
        open_ = open_[~crs.binnen_nederland_rd(x[open_], y[open_])]
        if not open_.size:
            break
    else:  # not reached in practice (every centroid lies far inside the area); keeps the promise regardless
        x[open_], y[open_] = gem.x[gi[open_]], gem.y[gi[open_]]
    x, y = np.round(x, 3), np.round(y, 3)
    if not crs.binnen_nederland_rd(x, y).all():
        raise AssertionError("gegenereerd punt buiten Nederland")
    return x, y


def _activiteiten(rng: np.random.Generator, cat: _Catalogus, sector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per location k distinct activities from its sector's mix (Gumbel top-k), the first from `hoofd`.

    Distinct, because the CIM keeps one execution per activity type per VTH-object. Returns, per execution, its
    location index (grouped: all executions of a location are consecutive) and its activity index.
    """
    n, breedte = sector.size, cat.logmix.shape[1]
    k = np.minimum(1 + rng.poisson(cat.lam[sector]), cat.maximum[sector])
    begin = np.concatenate([[0], np.cumsum(k)[:-1]])
    gekozen = np.empty(int(k.sum()), dtype=np.int64)
    for s in range(len(SECTOREN)):
        rijen = np.flatnonzero(sector == s)
        if not rijen.size:
            continue
        sleutels = cat.logmix[s] + rng.gumbel(size=(rijen.size, breedte))
        if cat.heeft_hoofd[s]:
            hoofd = (cat.loghoofd[s] + rng.gumbel(size=(rijen.size, breedte))).argmax(axis=1)
            sleutels[np.arange(rijen.size), hoofd] = np.inf
        volgorde = np.argsort(-sleutels, axis=1, kind="stable")
        masker = np.arange(breedte) < k[rijen, None]
        gekozen[(begin[rijen, None] + np.arange(breedte))[masker]] = volgorde[masker]
    return np.repeat(np.arange(n), k), gekozen


@dataclass
class _Trek:
    """One batch, drawn: columns per table (attname -> list or one value for all rows), keyed by UUID."""

    locaties: dict
    betrokkenen: dict
    objecten: dict
    uitvoeringen: dict
    persoon_van: np.ndarray  # location index of each natural person (they follow the vestigingen)
    uitvoering_locatie: np.ndarray  # location index of each execution row
    rang: np.ndarray  # authority rank of each current execution
    historie: int


def _trek(rng: np.random.Generator, prnd: random.Random, gem: _Gemeenten, cat: _Catalogus, gi: np.ndarray,
          eerste: int, ctx: dict) -> _Trek:  # fmt: skip
    n = gi.size
    dagen = ctx["dagen"]
    peil = len(dagen) - 1

    # places
    x, y = _punten(rng, gem, gi)
    lon, lat = crs.rd_naar_wgs84_vector(x, y)
    stam = rng.integers(len(STRAATSTAMMEN), size=n)
    achter = rng.integers(len(STRAATACHTERVOEGSELS), size=n)
    huisnummer = np.minimum(1 + rng.exponential(40.0, size=n).astype(np.int64), 999)
    extra, letter = rng.random(n), rng.integers(4, size=n)
    cijfer, letters = rng.integers(10, size=n), rng.integers(len(POSTCODELETTERS), size=n)
    postcodes = _geldig(
        identificatie.valideer_postcode,
        [f"{gem.postcode3[g]}{c}{POSTCODELETTERS[le]}" for g, c, le in zip(gi.tolist(), cijfer, letters, strict=True)],
    )
    locaties = {
        "uuid": _uuids(rng, n),
        "straat": [STRAATSTAMMEN[s] + STRAATACHTERVOEGSELS[a] for s, a in zip(stam, achter, strict=True)],
        "huisnummer": huisnummer.tolist(),
        "huisletter": ["ABCD"[le] if e < 0.08 else "" for e, le in zip(extra, letter, strict=True)],
        "huisnummertoevoeging": [str(1 + le) if 0.08 <= e < 0.12 else "" for e, le in zip(extra, letter, strict=True)],
        "postcode": postcodes,
        "woonplaats": [gem.woonplaats[g] for g in gi.tolist()],
        "gemeente_id": gem.pk[gi].tolist(),
        "x": x.tolist(),
        "y": y.tolist(),
        "lon": lon.tolist(),
        "lat": lat.tolist(),
    }

    # companies
    sector = np.minimum((gem.sectorkans[gi] <= rng.random(n)[:, None]).sum(axis=1), len(SECTOREN) - 1)
    soort = (rng.random(n) * np.array([len(SECTOREN[s].soorten) for s in sector])).astype(np.int64)
    eigen, rechtsvorm = rng.integers(len(EIGENNAMEN), size=n), rng.integers(len(RECHTSVORMEN), size=n)
    eenmanszaak = (rng.random(n) < AANDEEL_EENMANSZAAK) & np.array([SECTOREN[s].eenmanszaak for s in sector])
    hoofdvestiging = rng.random(n) < 0.85
    tweede_sbi, tweede = rng.random(n) < 0.2, rng.integers(100, size=n)
    handelsnamen = [
        f"{SECTOREN[s].soorten[t][0]} {EIGENNAMEN[e]}" for s, t, e in zip(sector, soort, eigen, strict=True)
    ]
    sbi = []
    for s, t, ja, ander in zip(sector, soort, tweede_sbi, tweede, strict=True):
        soorten = SECTOREN[s].soorten
        codes = [soorten[t][1]]
        if ja and soorten[ander % len(soorten)][1] != codes[0]:
            codes.append(soorten[ander % len(soorten)][1])
        sbi.append(codes)

    # executions: first as arrays over the current versions, grouped by location
    loc, act = _activiteiten(rng, cat, sector)
    m = act.size
    statussen, status_kans = ctx["status"]
    status = _kies(rng, status_kans, m)
    niveaus, niveau_kans = ctx["vertrouwelijkheid"]
    niveau = _kies(rng, niveau_kans, m)
    historie = rng.random(m) < AANDEEL_HISTORIE
    recent = np.isin(status, [statussen.index(Status.VOORGENOMEN), statussen.index(Status.REALISATIE)])
    ontstaan = np.where(
        recent,
        peil - 1 - (rng.random(m) * min(730, peil - 2)).astype(np.int64),
        (rng.random(m) * (peil - 2)).astype(np.int64),
    )
    wijziging = np.minimum(ontstaan + 1 + (rng.random(m) * (peil - ontstaan)).astype(np.int64), peil)
    combi = (cat.combinatiekans[act] <= rng.random(m)[:, None]).sum(axis=1)
    combi_oud = (cat.combinatiekans[act] <= rng.random(m)[:, None]).sum(axis=1)
    volgnummer = rng.integers(1, 100_000, size=(m, 2))
    uit_uuid = _uuids(rng, m)
    rang = cat.rang[act]
    gezag_per_rang = np.stack([gem.pk[gi], gem.waterschap[gi], gem.provincie[gi]])
    uit_gezag = gezag_per_rang[rang, loc]
    begin = np.concatenate([[0], np.flatnonzero(np.diff(loc)) + 1])
    volgorde_in_object = np.arange(m) - begin[loc] + 1
    beeindigd = status == statussen.index(Status.BEEINDIGD)

    # the VTH-object takes the heaviest authority and the earliest start of its executions
    obj_gezag = gezag_per_rang[np.maximum.reduceat(rang, begin), np.arange(n)]
    obj_ontstaan = np.minimum.reduceat(ontstaan, begin)
    obj_beeindigd = np.minimum.reduceat(beeindigd.astype(np.int64), begin) == 1  # all its executions ended
    obj_einde = np.maximum.reduceat(np.where(beeindigd, wijziging, 0), begin)
    dienst = gem.dienst[gi].tolist()
    gezag = obj_gezag.tolist()
    vanaf = [dagen[d] for d in obj_ontstaan.tolist()]
    lokaal_id = [f"{ctx['prefix']}-{eerste + i + 1:07d}" for i in range(n)]

    personen = np.flatnonzero(eenmanszaak)
    persoonsnamen = [f"{prnd.choice(VOORNAMEN)} {prnd.choice(ACHTERNAMEN)}" for _ in personen]
    bsn = _geldig(identificatie.valideer_bsn, [identificatie.maak_bsn(prnd) for _ in personen])
    p = personen.tolist()
    betrokkenen = {
        "uuid": _uuids(rng, n + len(p)),
        "soort": [SoortBetrokkene.VESTIGING] * n + [SoortBetrokkene.NATUURLIJK_PERSOON] * len(p),
        "naam": [h + RECHTSVORMEN[0 if e else r] for h, e, r in zip(handelsnamen, eenmanszaak, rechtsvorm, strict=True)]
        + persoonsnamen,
        "handelsnamen": [[h] for h in handelsnamen] + [[] for _ in p],
        "bsn": [""] * n + bsn,
        "kvk_nummer": _geldig(identificatie.valideer_kvk_nummer, _kvk_nummers(rng, n)) + [""] * len(p),
        "vestigingsnummer": _geldig(
            identificatie.valideer_vestigingsnummer,
            [f"{v:012d}" for v in rng.integers(1, 10**12, size=n).tolist()],
        )
        + [""] * len(p),
        "sbi_codes": sbi + [[] for _ in p],
        "hoofdvestiging": hoofdvestiging.tolist() + [None] * len(p),
        "bevoegd_gezag_id": gezag + [gezag[i] for i in p],
        "uitvoerder_id": dienst + [dienst[i] for i in p],
        # the services' rule: a natural person is never public
        "vertrouwelijkheid": [Vertrouwelijkheid.OPENBAAR] * n + [Vertrouwelijkheid.VERTROUWELIJK] * len(p),
        "geldig_vanaf": vanaf + [vanaf[i] for i in p],
    }
    objecten = {
        "uuid": _uuids(rng, n),
        "namespace": NAMESPACE,
        "lokaal_id": lokaal_id,
        "type": TypeVthObject.INRICHTING,
        "naam": [f"{h} {gem.woonplaats[g]}" for h, g in zip(handelsnamen, gi.tolist(), strict=True)],
        "bevoegd_gezag_id": gezag,
        "uitvoerder_id": dienst,
        "vertrouwelijkheid": Vertrouwelijkheid.OPENBAAR,
        "ontstaansdatum": vanaf,
        "beeindigingsdatum": [dagen[d] if b else None for d, b in zip(obj_einde.tolist(), obj_beeindigd, strict=True)],
        "geldig_vanaf": vanaf,
    }

    # execution rows: an execution with history is two rows, version 1 closed by version 2's start date
    per = 1 + historie.astype(np.int64)
    u = np.repeat(np.arange(m), per)
    oud = np.zeros(u.size, dtype=bool)
    oud[(np.cumsum(per) - per)[historie]] = True
    vorige = np.array([statussen.index(VORIGE_STATUS[s]) for s in statussen])
    status_rij = np.where(oud, vorige[status[u]], status[u])
    vanaf_rij = np.where(oud | ~historie[u], ontstaan[u], wijziging[u])
    tot_rij = np.where(oud, wijziging[u], -1)
    einde_rij = np.where(~oud & beeindigd[u], wijziging[u], -1)
    combinaties = [cat.combinaties[a][c] for a, c in zip(act[u], np.where(oud, combi_oud[u], combi[u]), strict=True)]
    nummer = np.where(oud, volgnummer[u, 0], volgnummer[u, 1])
    uitvoeringen = {
        "uuid": [uit_uuid[r] for r in u.tolist()],
        "bron_systeem": ctx["bron"],
        "bron_id": [
            f"{lokaal_id[i]}-{j}" for i, j in zip(loc[u].tolist(), volgorde_in_object[u].tolist(), strict=True)
        ],
        "activiteit_id": cat.pk[act[u]].tolist(),
        "bevoegd_gezag_id": uit_gezag[u].tolist(),
        "toezichtinstantie_id": gem.dienst[gi[loc[u]]].tolist(),
        "gemeente_id": gem.pk[gi[loc[u]]].tolist(),
        "vertrouwelijkheid": [niveaus[v] for v in niveau[u].tolist()],
        "ontstaansdatum": [dagen[d] for d in ontstaan[u].tolist()],
        "kwalificatiecodes": [c[0] for c in combinaties],
        "status": [statussen[s] for s in status_rij.tolist()],
        "legitimatie": [
            _legitimatie(c[1], c[2], dagen[d].year, nr)
            for c, d, nr in zip(combinaties, vanaf_rij.tolist(), nummer.tolist(), strict=True)
        ],
        "beeindigingsdatum": [dagen[d] if d >= 0 else None for d in einde_rij.tolist()],
        "geldig_vanaf": [dagen[d] for d in vanaf_rij.tolist()],
        "geldig_tot": [dagen[d] if d >= 0 else None for d in tot_rij.tolist()],
        "versie": np.where(historie[u] & ~oud, 2, 1).tolist(),
    }
    return _Trek(locaties, betrokkenen, objecten, uitvoeringen, personen, loc[u], rang, int(historie.sum()))


VORIGE_STATUS = {
    Status.BEEINDIGD: Status.UITVOERING,
    Status.GESTAAKT: Status.UITVOERING,
    Status.UITVOERING: Status.REALISATIE,
    Status.REALISATIE: Status.VOORGENOMEN,
    Status.VOORGENOMEN: Status.VOORGENOMEN,
}


def _legitimatie(vergunning: bool, melding: bool, jaar: int, nummer: int) -> str:
    """A permit or notification reference in the form many authorities use; empty for other qualifications."""
    if vergunning:
        return f"OV-{jaar}-{nummer:05d}"
    if melding:
        return f"M-{jaar}-{nummer:05d}"
    return ""


# --- writing: one executemany (SQLite) or COPY (PostgreSQL) per table and batch --------------------------------


def _omgezet(db, veld: models.Field, waarden: list, *, kopie: bool = False) -> list:
    """Python values to database values for one whole column, with the backend's own adapters (COPY: JSON as the
    text Django's adapter would send, `json.dumps` without an encoder)."""
    if kopie and isinstance(veld, models.JSONField) and veld.encoder is None:
        return [None if w is None else json.dumps(w) for w in waarden]
    if isinstance(veld, models.DateTimeField):
        return [db.ops.adapt_datetimefield_value(w) for w in waarden]
    if isinstance(veld, models.DateField):
        aanpassen = db.ops.adapt_datefield_value
        return [aanpassen(w) for w in waarden]
    if isinstance(veld, models.JSONField):
        return [veld.get_db_prep_save(w, db) for w in waarden]
    return waarden  # UUIDs arrive as hex text, the rest as plain str/int/float/bool/None


class _Tabel:
    """Write whole columns: one `executemany` (SQLite) or COPY (PostgreSQL) per batch (`bulk.schrijf_rijen`).

    Why not `bulk_create`: Django's SQL compiler prepares every value separately. Measured on this 2-core machine
    (SQLite, 256 MiB cache), 60,000 execution rows took 6.1 s through `bulk_create` and 2.0 s here: for a national
    run that is the difference between well over 5 minutes and about 2. Columns not given get the field's default.
    """

    kopie = True  # PostgreSQL: COPY (see `_kopieer`); the tests switch it off to compare with the INSERT path

    def __init__(self, db, model: type[models.Model]):
        self.db, self.model = db, model
        self.velden = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.kolommen = [f.column for f in self.velden]

    def voeg_in(self, kolommen: dict, geregistreerd_op) -> list[int]:
        """Insert the rows; returns their primary keys in the order of `kolommen['uuid']`."""
        n = len(kolommen["uuid"])
        kopie = self.db.vendor == "postgresql" and self.kopie
        reeksen = []
        for veld in self.velden:
            if veld.attname == "geregistreerd_op":
                waarde = geregistreerd_op
            elif veld.attname in kolommen:
                waarde = kolommen[veld.attname]
            else:
                if veld.has_default() and callable(veld.default):
                    raise AssertionError(f"{self.model.__name__}.{veld.attname}: geef waarden (standaard is niet vast)")
                waarde = veld.get_default()
                if waarde is None and not veld.null:
                    raise AssertionError(f"{self.model.__name__}.{veld.attname}: verplicht veld zonder waarde")
            if isinstance(waarde, list):
                if len(waarde) != n:
                    raise AssertionError(f"{self.model.__name__}.{veld.attname}: {len(waarde)} waarden voor {n} rijen")
                reeksen.append(_omgezet(self.db, veld, waarde, kopie=kopie))
            else:
                reeksen.append(_omgezet(self.db, veld, [waarde], kopie=kopie) * n)
        if kopie:
            return self._kopieer(reeksen, n)
        tabel = self.model._meta.db_table
        schrijf_rijen(self.db, tabel, self.kolommen, zip(*reeksen, strict=True), batch=n, kopie=False)
        return self._pks(kolommen["uuid"])

    def _kopieer(self, reeksen: list[list], n: int) -> list[int]:
        """PostgreSQL: reserve the batch's ids from the table's own sequence, then COPY the rows with them.

        Why: `executemany` costs a parse/bind/execute round per row plus the Python dump of every parameter, and
        the ids then have to be read back by UUID. COPY streams the rows in one command (psycopg's C writer), and
        a block of n ids from the sequence, given out in row order, holds exactly the ids the INSERTs would have
        received, so the rows are the same (tests: `test_copy_en_insert_schrijven_dezelfde_rijen`). JSON goes as its
        text (`json.dumps`, what Django's adapter sends too) without a wrapper per value.
        What guards the data still runs: constraints and the search-index trigger per row, foreign keys and the
        other indexes as `laadmodus` describes.
        """
        tabel, pk = self.model._meta.db_table, self.model._meta.pk.column
        with self.db.cursor() as cursor:
            # One block of n ids in one call (nextval per row cost ~8 µs each); safe because `laadmodus` holds a
            # lock that keeps every other writer of this table, and so of its sequence, waiting until we commit.
            cursor.execute(
                "SELECT setval(s, nextval(s) + %s - 1) FROM pg_get_serial_sequence(%s, %s) AS s", [n, tabel, pk]
            )
            laatste = cursor.fetchone()[0]
        pks = list(range(laatste - n + 1, laatste + 1))
        schrijf_rijen(self.db, tabel, [pk, *self.kolommen], zip(pks, *reeksen, strict=True), batch=n)
        return pks

    def _pks(self, uuids: list[str]) -> list[int]:
        """Primary keys by UUID, read back in chunks (portable: executemany returns no ids on every backend)."""
        kwoot = self.db.ops.quote_name
        tabel, kolom = kwoot(self.model._meta.db_table), kwoot(self.model._meta.get_field("uuid").column)
        gevonden: dict[str, int] = {}
        with self.db.cursor() as cursor:
            for i in range(0, len(uuids), 900):
                deel = uuids[i : i + 900]
                cursor.execute(
                    f"SELECT {kolom}, {kwoot('id')} FROM {tabel} WHERE {kolom} IN ({', '.join(['%s'] * len(deel))})",
                    deel,
                )
                gevonden.update((u if isinstance(u, str) else u.hex, pk) for u, pk in cursor.fetchall())
        return [gevonden[u] for u in uuids]


# --- the run -----------------------------------------------------------------------------------------------


def voorvoegsel(bron_systeem: str, seed: int) -> str:
    """The start of every lokaal_id and bron_id of a run: unique per (bron_systeem, seed)."""
    return f"{re.sub(r'[^a-z0-9]+', '-', bron_systeem.lower()).strip('-')[:20] or 'bron'}-{seed}"


def genereer(
    *,
    aantal: int,
    seed: int,
    peildatum: date,
    omgevingsdienst: str | None = None,
    bron_systeem: str = BRON_SYSTEEM,
    actor: Actor | None = None,
    voortgang: Callable[[int], None] | None = None,
    batchgrootte: int = BATCH,
) -> Generatieverslag:
    """Write `aantal` synthetic locations with their objects, parties and executions; see the module docstring."""
    if isinstance(aantal, bool) or not isinstance(aantal, int) or aantal < 1:
        raise GeneratorFout("Het aantal locaties moet minstens 1 zijn.")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise GeneratorFout("De seed is een geheel getal van 0 tot 2^63.")
    if not bron_systeem.strip() or len(bron_systeem) > 60:
        raise GeneratorFout("Het bronsysteem is 1 tot 60 tekens.")
    if peildatum <= BEGIN + timedelta(days=3):
        raise GeneratorFout(f"De peildatum ligt na {BEGIN.isoformat()}.")
    prefix = voorvoegsel(bron_systeem, seed)
    bestaand = Activiteituitvoering.objects.filter(bron_systeem=bron_systeem).count()
    if bestaand or VthObject.objects.filter(namespace=NAMESPACE, lokaal_id__startswith=f"{prefix}-").exists():
        raise GeneratorFout(
            f"De database heeft al {bestaand} activiteituitvoeringen van bronsysteem '{bron_systeem}' (of objecten "
            f"van deze seed); opnieuw genereren zou dubbelen geven. Kies een ander --bron-systeem."
        )
    verslag = Generatieverslag(
        bron_systeem=bron_systeem, seed=seed, peildatum=peildatum, omgevingsdienst=omgevingsdienst
    )
    gem = _gemeenten(peildatum, omgevingsdienst, verslag)
    cat = _catalogus(peildatum)
    rng = np.random.default_rng([seed, _stabiel(bron_systeem)])
    prnd = random.Random(int(rng.integers(2**62)))
    gemeente_van = np.repeat(np.arange(len(gem.pk)), rng.multinomial(aantal, gem.inwoners / gem.inwoners.sum()))
    ctx = {
        "prefix": prefix,
        "bron": bron_systeem,
        "dagen": [date.fromordinal(d) for d in range(BEGIN.toordinal(), peildatum.toordinal() + 1)],
        "status": _kans(STATUSKANS),
        "vertrouwelijkheid": _kans(VERTROUWELIJKHEIDSKANS),
    }
    db = connections[router.db_for_write(Activiteituitvoering)]
    tabellen = {m: _Tabel(db, m) for m in (Locatie, Betrokkene, VthObject, Activiteituitvoering)}
    rangen = np.zeros(3, dtype=np.int64)
    eerste_object = None
    with grote_cache(db), transaction.atomic(using=db.alias), laadmodus(db, list(tabellen)):
        for eerste in range(0, aantal, batchgrootte):
            trek = _trek(rng, prnd, gem, cat, gemeente_van[eerste : eerste + batchgrootte], eerste, ctx)
            n = len(trek.locaties["uuid"])
            nu = timezone.now()
            trek.objecten["locatie_id"] = tabellen[Locatie].voeg_in(trek.locaties, nu)
            betrokkenen = tabellen[Betrokkene].voeg_in(trek.betrokkenen, nu)
            trek.objecten["vestiging_id"] = betrokkenen[:n]
            objecten = np.array(tabellen[VthObject].voeg_in(trek.objecten, nu))
            uitvoerder = np.array(betrokkenen[:n])
            uitvoerder[trek.persoon_van] = betrokkenen[n:]
            trek.uitvoeringen["vth_object_id"] = objecten[trek.uitvoering_locatie].tolist()
            trek.uitvoeringen["uitvoerder_betrokkene_id"] = uitvoerder[trek.uitvoering_locatie].tolist()
            tabellen[Activiteituitvoering].voeg_in(trek.uitvoeringen, nu)
            if eerste_object is None:
                eerste_object = VthObject.objects.get(pk=int(objecten[0]))
            verslag.locaties += n
            verslag.vth_objecten += n
            verslag.betrokkenen += len(trek.betrokkenen["uuid"])
            verslag.natuurlijke_personen += len(trek.persoon_van)
            verslag.uitvoeringen += len(trek.uitvoeringen["uuid"])
            verslag.historische_versies += trek.historie
            rangen += np.bincount(trek.rang, minlength=3)
            if voortgang:
                voortgang(n)
        verslag.bevoegd_gezag = {
            "gemeente": int(rangen[GEMEENTE]),
            "waterschap": int(rangen[WATERSCHAP]),
            "provincie": int(rangen[PROVINCIE]),
        }
        audit.schrijf(
            actor=actor or systeem_actor("generate"),
            actie="register.synthetisch_gegenereerd",
            object=eerste_object,
            na=asdict(verslag)
            | {"eerste_lokaal_id": f"{prefix}-{1:07d}", "laatste_lokaal_id": f"{prefix}-{aantal:07d}"},
        )
    with db.cursor() as cursor:  # fresh statistics: without them SQLite starts big map queries from the wrong index
        cursor.execute("ANALYZE")
    return verslag


ZOEKINDEX = "register_zoekindex"  # PostgreSQL table of migration 0003_zoekindex


def _eigenaar(db, namen: list[str]) -> bool:
    """Whether this role owns all these tables (only an owner may drop and recreate their keys and indexes)."""
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT bool_and(pg_has_role(relowner, 'USAGE')) FROM pg_class WHERE oid = ANY(%s::regclass[])", [namen]
        )
        return bool(cursor.fetchone()[0])


@contextmanager
def laadmodus(db, modellen: list[type[models.Model]]):
    """PostgreSQL: load the way its manual advises ("Populating a Database"): without foreign keys and secondary
    indexes, which come back, exactly as they were, after the last row; inside the run's transaction.

    Why: with them in place a national run spent most of its time on the server maintaining 35 secondary indexes
    row by row and, at commit, on ~13 million deferred foreign-key checks (one query per row and key). Built
    afterwards, each index is one sort and each foreign key one anti-join over the whole table, which checks every
    row all the same: a dangling reference still fails the run, and nothing is committed.

    What stays during the load: primary keys, the unique constraints (uuid, NEN3610-id, one current version per
    source record), check constraints, and the search-index trigger. The definitions are read back from the
    catalogue (`pg_get_indexdef`, `pg_get_constraintdef`), so they are recreated unchanged, names included, and
    Django's migration state still matches. Cost: until the run commits, the register tables and the tables their
    keys point to (organisations, catalogue) are locked ACCESS EXCLUSIVE, so the application waits for the run: fit
    for what the generator is for (demo, test and benchmark databases), not for a register in use, where synthetic
    rows have no place anyway. Only when this role owns every table; otherwise the run loads with everything in
    place (slower, same result), other writers still kept out (SHARE ROW EXCLUSIVE) for the id blocks. SQLite:
    nothing to do (one writer at a time by design).
    """
    if db.vendor != "postgresql" or not _Tabel.kopie:
        yield
        return
    namen = [m._meta.db_table for m in modellen] + [ZOEKINDEX]
    kwoot = db.ops.quote_name
    with db.cursor() as cursor:
        # Other writers wait until we commit (readers do not): `_Tabel._kopieer` takes its ids in blocks.
        cursor.execute(f"LOCK TABLE {', '.join(kwoot(n) for n in namen)} IN SHARE ROW EXCLUSIVE MODE")
    if not _eigenaar(db, namen):
        yield
        return
    # A foreign key cannot be dropped while checks of the caller's earlier writes in this transaction are still
    # pending (deferred); run them now, as Django's own `check_constraints` does, and keep deferring afterwards.
    db.check_constraints()
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [namen],
        )
        sleutels = cursor.fetchall()
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i "
            "WHERE indrelid = ANY(%s::regclass[]) AND NOT indisprimary AND NOT indisunique "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
            [namen],
        )
        indexen = cursor.fetchall()
        for tabel, naam, _ in sleutels:
            cursor.execute(f"ALTER TABLE {tabel} DROP CONSTRAINT {kwoot(naam)}")
        for naam, _ in indexen:
            cursor.execute(f"DROP INDEX {naam}")
    yield
    with db.cursor() as cursor:
        # sorts in memory for the index builds; the caller's setting comes back afterwards
        cursor.execute("SELECT current_setting('maintenance_work_mem')")
        vorige = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('maintenance_work_mem', '256MB', true)")
        for _, definitie in indexen:
            cursor.execute(definitie)
        for tabel, naam, definitie in sleutels:
            cursor.execute(f"ALTER TABLE {tabel} ADD CONSTRAINT {kwoot(naam)} {definitie}")
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [vorige])
