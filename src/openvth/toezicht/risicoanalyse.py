"""The regional risk analysis run: gather every object's features in bulk, score all at once, store, compare.
The service that runs it (access, audit) is `services.risico.risicoanalyse_uitvoeren`.

Region. The objects of a region R are the VTH-objects with at least one activity execution that is current on
the reference date (materially valid, status `realisatie` or `uitvoering`) and has R as toezichtinstantie or as
bevoegd gezag. For an omgevingsdienst that is its executed task package (DOMAIN.md §1: the service does the work
for the competent authority); for a province or municipality it is what it is competent for. Without a region
(national, CLI only) every object with a current execution counts.

Features per object (`regels.risico.Kenmerken`), read with `values_list` per table — no per-row ORM:

* activiteit: the execution with the highest base risk in the model (its activity is stored with the score);
* ied: an activity flagged `ippc_seveso` in the catalogue outside the Seveso paragraph; seveso: an activity in
  Bal §3.3.1 (`SEVESO_PREFIXEN`);
* zzs, emissieklasse, ongevalsrisico, certificering, woningen_250m: the newest `Risicokenmerk` valid on the
  reference date where recorded. Where not, these PROXIES apply [check, documented in docs/toezicht.md]:
  emissieklasse 2 for an IED installation, else 0; ongevalsrisico 3 for a Seveso establishment, else 0;
  zzs no; certificering none; and homes within 250 m estimated as the number of register locations in the
  3 × 3 block of 250 m cells around the object, scaled to a 250 m circle (× π/9), times the municipality's
  dwellings per register location (inhabitants / HUISHOUDGROOTTE / register locations in the municipality).
  The run stores how many objects used each proxy (`Risicoanalyse.gegevens`).
* compliance history: the violations (`handhaving.Overtreding`) at the object found on or before the reference
  date, with the LHSO position of their newest Interventiepositionering, else the Bevindingoordeel of the
  finding they came from, else gevolg `STANDAARD_GEVOLG` with unknown behaviour.

The scores come from `regels.risico.score_alle` (vectorised). The breakdown per criterion follows the formula of
that module's docstring and is checked to add up to the score for every object before anything is stored.
Rows are written with one `executemany` per batch on SQLite and one COPY on PostgreSQL (`register.bulk.
schrijf_rijen`; see ADR 0016 for why not bulk_create and not JSON).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import chain

import numpy as np
from django.db import connections, router
from django.db.models import Count, Q

from openvth.handhaving.models import Interventiepositionering, Overtreding
from openvth.organisaties.models import Organisatie
from openvth.regels import risico
from openvth.register.bulk import grote_cache, schrijf_rijen
from openvth.register.models import Activiteit, Activiteituitvoering, Locatie, VthObject

from . import selectors
from .models import UITSPLITSING_LENGTE, Bevinding, Risicoanalyse, Risicokenmerk, Risicoscore

SEVESO_PREFIXEN = ("bal-3.3.1",)  # Bal §3.3.1: activiteiten in een Seveso-inrichting
STANDAARD_GEVOLG = "2"  # gevolg of a violation without any LHSO position: "beperkt" [check]
HUISHOUDGROOTTE = 2.1  # persons per household, CBS StatLine 2024 (≈ 2,1) [check]
CEL_M = 250.0  # homes "within 250 m" (regels.risico criterion `omgeving`)
PROXY_EMISSIE_IED = 2
PROXY_ONGEVAL_SEVESO = 3
BATCH = 20_000
TOP_VERSCHUIVERS = 50
CERTIFICERING_INDEX = {"": 0, "geen": 0, "iso14001": 1, "emas": 2}  # = regels.risico.Certificering.value


def cursorrijen(qs, *, volledige_scan: bool = False) -> list[tuple]:
    """The rows of a `values_list` queryset straight from the cursor: the SQL Django compiles, without its
    per-row conversion (only ints, floats and text are read this way; about 3× faster on a million rows).

    `volledige_scan`: on SQLite, read the table from start to end (`NOT INDEXED`). For the national run SQLite
    otherwise answers the validity filter through the `geldig_tot` index, one random table read per row:
    measured 3.9 s against 2.7 s for 1.27 million executions. PostgreSQL's planner chooses a scan itself."""
    sql, params = qs.query.sql_with_params()
    db = connections[qs.db]
    if volledige_scan and db.vendor == "sqlite":
        tabel = db.ops.quote_name(qs.model._meta.db_table)
        sql = sql.replace(f"FROM {tabel}", f"FROM {tabel} NOT INDEXED", 1)
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _past(code: str, prefixen: Iterable[str]) -> bool:
    return any(code == p or code.startswith(p + ".") for p in prefixen)


def regio_uitvoeringen(regio: Organisatie | None, peildatum: date):
    """The current executions that make up the region (module docstring)."""
    qs = Activiteituitvoering.objects.geldig_op(peildatum).filter(status__in=selectors.ACTIEVE_STATUS)
    if regio is not None:
        qs = qs.filter(Q(toezichtinstantie=regio) | Q(bevoegd_gezag=regio))
    return qs


def activiteitencatalogus() -> dict[int, tuple[str, bool, bool, bool]]:
    """activity pk → (code, ied, seveso, basistaak); unknown basistaak counts as basistaak [check]."""
    uit = {}
    for pk, code, ippc, basistaak in Activiteit.objects.values_list("pk", "code", "ippc_seveso", "basistaak"):
        seveso = _past(code, SEVESO_PREFIXEN)
        uit[pk] = (code, bool(ippc) and not seveso, seveso, basistaak is not False or bool(ippc))
    return uit


def ied_objecten(vth_object_ids: list[int], dag: date) -> set[int]:
    """Which of these objects have a current IED (IPPC) activity on `dag`."""
    cat = activiteitencatalogus()
    ied_ids = [pk for pk, (_, ied, _, _) in cat.items() if ied]
    return set(
        Activiteituitvoering.objects.geldig_op(dag)
        .filter(vth_object_id__in=vth_object_ids, activiteit_id__in=ied_ids, status__in=selectors.ACTIEVE_STATUS)
        .values_list("vth_object_id", flat=True)
    )


@dataclass
class Kenmerkset:
    """Every scored object's features as arrays in the same order (object ids ascending)."""

    objecten: np.ndarray
    bevoegd_gezag: np.ndarray
    activiteit: np.ndarray
    codes: np.ndarray
    ied: np.ndarray
    seveso: np.ndarray
    basistaak: np.ndarray
    zzs: np.ndarray
    emissieklasse: np.ndarray
    ongevalsrisico: np.ndarray
    woningen: np.ndarray
    certificering: np.ndarray
    hist_locatie: np.ndarray
    hist_datum: np.ndarray
    hist_gevolg: np.ndarray
    hist_gedrag: np.ndarray
    gegevens: dict


def verzamel(model: risico.Risicomodel, regio: Organisatie | None, peildatum: date) -> Kenmerkset:
    """All features of the region's objects on `peildatum` (module docstring), read in bulk."""
    cat = activiteitencatalogus()
    uitvoeringen = regio_uitvoeringen(regio, peildatum)
    rijen = als_matrix(
        cursorrijen(uitvoeringen.values_list("vth_object_id", "activiteit_id"), volledige_scan=regio is None),
        2,
        np.int64,
    )
    act_ids = np.array(sorted(cat), dtype=np.int64)
    idx = np.searchsorted(act_ids, rijen[:, 1])
    basis = np.array([model.basisrisico(cat[a][0])[0] for a in act_ids.tolist()])[idx]
    # one row per object: its execution with the highest base risk first; flags are any() over its executions
    volgorde = np.lexsort((-basis, rijen[:, 0]))
    obj_sorted = rijen[volgorde, 0]
    eerste = np.flatnonzero(np.r_[True, obj_sorted[1:] != obj_sorted[:-1]]) if len(obj_sorted) else np.zeros(0, int)
    objecten = obj_sorted[eerste]
    n = len(objecten)

    def per_object(kolom: int) -> np.ndarray:
        vlag = np.array([cat[a][kolom] for a in act_ids.tolist()], dtype=np.int8)[idx]
        return np.maximum.reduceat(vlag[volgorde], eerste).astype(bool) if n else np.zeros(0, dtype=bool)

    ied, seveso, basistaak = per_object(1), per_object(2), per_object(3)
    activiteit = rijen[volgorde, 1][eerste]
    codes = np.array([cat[a][0] for a in act_ids.tolist()] or [""], dtype=str)[np.searchsorted(act_ids, activiteit)]
    # national: every object (one scan, filtered in numpy); a region: only its objects (a sub-select)
    objectrijen = VthObject.objects.all()
    if regio is not None:
        objectrijen = objectrijen.filter(pk__in=uitvoeringen.values("vth_object_id"))
    bevoegd_gezag, x, y, gemeente = _objectgegevens(objecten, objectrijen)

    emis = np.where(ied, PROXY_EMISSIE_IED, 0).astype(np.int64)
    ong = np.where(seveso, PROXY_ONGEVAL_SEVESO, 0).astype(np.int64)
    zzs = np.zeros(n, dtype=bool)
    cert = np.zeros(n, dtype=np.int64)
    woningen = _woningen_proxy(x, y, gemeente)
    gemeten = {
        k: np.zeros(n, dtype=bool) for k in ("emissieklasse", "ongevalsrisico", "zzs", "certificering", "woningen_250m")
    }
    for i, (e, o, z, c, w) in _risicokenmerken(objecten, peildatum).items():
        for naam, waarde, doel, omzet in (
            ("emissieklasse", e, emis, int),
            ("ongevalsrisico", o, ong, int),
            ("zzs", z, zzs, bool),
            ("certificering", c or None, cert, CERTIFICERING_INDEX.get),
            ("woningen_250m", w, woningen, int),
        ):
            if waarde is not None:
                doel[i] = omzet(waarde)
                gemeten[naam][i] = True
    hist = _historie(objecten, objectrijen, peildatum)
    gegevens = {
        "objecten": int(n),
        "uitvoeringen": int(len(rijen)),
        "overtredingen": int(len(hist[0])),
        "gemeten": {k: int(v.sum()) for k, v in gemeten.items()},
        "afgeleid": {
            "emissieklasse": int((ied & ~gemeten["emissieklasse"]).sum()),
            "ongevalsrisico": int((seveso & ~gemeten["ongevalsrisico"]).sum()),
            "woningen_250m": int((~gemeten["woningen_250m"]).sum()),
        },
        "toelichting": (
            f"Zonder meting: emissieklasse {PROXY_EMISSIE_IED} voor IED-installaties, anders 0; ongevalsrisico "
            f"{PROXY_ONGEVAL_SEVESO} voor Seveso-inrichtingen, anders 0; geen ZZS; geen certificering; woningen "
            "binnen 250 m geschat uit de dichtheid van registerlocaties (3×3 cellen van 250 m × π/9) maal de "
            f"woningen per registerlocatie van de gemeente (inwoners / {HUISHOUDGROOTTE} / registerlocaties)."
        ),
    }
    return Kenmerkset(
        objecten,
        bevoegd_gezag,
        activiteit,
        codes,
        ied,
        seveso,
        basistaak,
        zzs,
        emis,
        ong,
        woningen,
        cert,
        *hist,
        gegevens=gegevens,
    )


def _per_id(objecten: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Positions of `ids` in the sorted `objecten` (all ids must be present)."""
    return np.searchsorted(objecten, ids)


def _objectgegevens(objecten: np.ndarray, objectrijen) -> tuple[np.ndarray, ...]:
    """Competent authority, RD x/y and municipality per object, in the order of `objecten`."""
    n = len(objecten)
    bg, x, y, gem = np.zeros(n, np.int64), np.zeros(n), np.zeros(n), np.zeros(n, np.int64)
    if not n:
        return bg, x, y, gem
    rijen = als_matrix(
        cursorrijen(
            objectrijen.values_list("pk", "bevoegd_gezag_id", "locatie__x", "locatie__y", "locatie__gemeente_id")
        ),
        5,
        np.float64,
    )
    ids = rijen[:, 0].astype(np.int64)
    pos = np.minimum(_per_id(objecten, ids), n - 1)
    mee = objecten[pos] == ids
    pos, rijen = pos[mee], rijen[mee]
    bg[pos], x[pos], y[pos], gem[pos] = rijen[:, 1], rijen[:, 2], rijen[:, 3], rijen[:, 4]
    return bg, x, y, gem


def _risicokenmerken(objecten: np.ndarray, peildatum: date) -> dict[int, tuple]:
    """index → newest recorded features valid on peildatum (rare: read per object set, newest first)."""
    uit: dict[int, tuple] = {}
    if not len(objecten):
        return uit
    rijen = (
        Risicokenmerk.objects.filter(geldig_vanaf__lte=peildatum)
        .order_by("vth_object_id", "-geldig_vanaf", "-id")
        .values_list("vth_object_id", "emissieklasse", "ongevalsrisico", "zzs", "certificering", "woningen_250m")
    )
    gezien = set()
    for obj, *waarden in rijen:
        if obj in gezien:
            continue
        gezien.add(obj)
        i = int(np.searchsorted(objecten, obj))
        if i < len(objecten) and objecten[i] == obj:
            uit[i] = tuple(waarden)
    return uit


def _woningen_proxy(x: np.ndarray, y: np.ndarray, gemeente: np.ndarray) -> np.ndarray:
    """Homes within 250 m estimated from register density (module docstring): counts on a dense grid of 250 m
    cells over the area (the Netherlands is about 1,200 × 1,300 cells), summed over each 3 × 3 block."""
    n = len(x)
    if not n:
        return np.zeros(0, dtype=np.int64)
    minx, maxx, miny, maxy = x.min() - CEL_M, x.max() + CEL_M, y.min() - CEL_M, y.max() + CEL_M
    punten = als_matrix(
        cursorrijen(Locatie.objects.filter(x__gte=minx, x__lte=maxx, y__gte=miny, y__lte=maxy).values_list("x", "y")),
        2,
        np.float64,
    )
    x0, y0 = math.floor(minx / CEL_M) - 1, math.floor(miny / CEL_M) - 1
    breedte, hoogte = math.floor(maxx / CEL_M) - x0 + 2, math.floor(maxy / CEL_M) - y0 + 2
    rooster = np.zeros((breedte, hoogte), dtype=np.int64)
    np.add.at(
        rooster,
        (np.floor(punten[:, 0] / CEL_M).astype(np.int64) - x0, np.floor(punten[:, 1] / CEL_M).astype(np.int64) - y0),
        1,
    )
    blok = np.zeros_like(rooster)  # 3 × 3 box sum; the border cells stay 0 and hold no object (margin above)
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            blok[1:-1, 1:-1] += rooster[1 + dx : breedte - 1 + dx, 1 + dy : hoogte - 1 + dy]
    cx = np.floor(x / CEL_M).astype(np.int64) - x0
    cy = np.floor(y / CEL_M).astype(np.int64) - y0
    buren = np.maximum(blok[cx, cy] - 1, 0) * (math.pi / 9)  # the object's own location does not count
    per_gemeente = dict(
        Locatie.objects.filter(gemeente_id__in=set(np.unique(gemeente).tolist()))
        .values("gemeente_id")
        .annotate(n=Count("id"))
        .values_list("gemeente_id", "n")
    )
    inwoners = dict(Organisatie.objects.filter(pk__in=per_gemeente).values_list("pk", "inwoners"))
    factor_tabel = np.zeros(int(gemeente.max()) + 1)
    for g, aantal in per_gemeente.items():
        factor_tabel[g] = ((inwoners.get(g) or 0) / HUISHOUDGROOTTE) / max(aantal, 1)
    return np.rint(buren * factor_tabel[gemeente]).astype(np.int64)


def als_matrix(rijen: list[tuple], breedte: int, dtype) -> np.ndarray:
    """Fetched rows as an (n, breedte) array; `fromiter` over the flattened rows is faster than `np.array`."""
    return np.fromiter(chain.from_iterable(rijen), dtype=dtype, count=len(rijen) * breedte).reshape(-1, breedte)


def _historie(objecten: np.ndarray, objectrijen, peildatum: date) -> tuple[np.ndarray, ...]:
    """Flat compliance history (object index, date, gevolg 1–4, gedrag 0–4) as `score_alle` wants it."""
    leeg = (np.zeros(0, np.int64), np.zeros(0, "datetime64[D]"), np.zeros(0, np.int64), np.zeros(0, np.int64))
    if not len(objecten):
        return leeg
    overtredingen = list(
        Overtreding.objects.filter(geconstateerd_op__lte=peildatum, vth_object__in=objectrijen).values_list(
            "pk", "vth_object_id", "geconstateerd_op"
        )
    )
    if not overtredingen:
        return leeg
    ids = [r[0] for r in overtredingen]
    positie: dict[int, tuple[str, str]] = {}
    for ot, gedrag, gevolg in (
        Interventiepositionering.objects.filter(overtreding_id__in=ids)
        .order_by("overtreding_id", "vastgesteld_op", "id")
        .values_list("overtreding_id", "gedrag", "gevolg")
    ):
        positie[ot] = (gedrag, gevolg)  # the newest wins
    for ot, gedrag, gevolg in (
        Bevinding.objects.filter(overtreding_id__in=ids)
        .exclude(gevolg="")
        .order_by("-id")
        .values_list("overtreding_id", "gedrag", "gevolg")
    ):
        positie.setdefault(ot, (gedrag, gevolg))
    gedragcode = {"": 0, "A": 1, "B": 2, "C": 3, "D": 4}
    loc, datum, gevolg, gedrag = [], [], [], []
    for pk, obj, dag in overtredingen:
        g, v = positie.get(pk, ("", STANDAARD_GEVOLG))
        loc.append(int(np.searchsorted(objecten, obj)))
        datum.append(dag)
        gevolg.append(int(v))
        gedrag.append(gedragcode[g])
    return (
        np.array(loc, np.int64),
        np.array(datum, dtype="datetime64[D]"),
        np.array(gevolg, np.int64),
        np.array(gedrag, np.int64),
    )


def bereken(model: risico.Risicomodel, k: Kenmerkset, peildatum: date) -> tuple[risico.Scores, np.ndarray]:
    """Scores (`regels.risico.score_alle`) and the packed breakdown (n × 20 float32), checked to add up."""
    scores = risico.score_alle(
        model,
        activiteitcodes=k.codes,
        ied=k.ied,
        seveso=k.seveso,
        zzs=k.zzs,
        emissieklasse=k.emissieklasse,
        ongevalsrisico=k.ongevalsrisico,
        woningen_250m=k.woningen,
        certificering=k.certificering,
        historie_locatie=k.hist_locatie,
        historie_datum=k.hist_datum,
        historie_gevolg=k.hist_gevolg,
        historie_gedrag=k.hist_gedrag,
        peildatum=peildatum,
    )
    return scores, uitsplitsing_alle(model, k, peildatum, scores.score)


def uitsplitsing_alle(model: risico.Risicomodel, k: Kenmerkset, peildatum: date, controle: np.ndarray) -> np.ndarray:
    """Per object: criterion values, contributions (formula in `regels.risico`'s docstring), homes, violations."""
    n = len(k.objecten)
    uniek, inverse = np.unique(k.codes, return_inverse=True) if n else (np.zeros(0), np.zeros(0, int))
    basis = np.array([model.basisrisico(str(c))[0] for c in uniek.tolist()])[inverse.reshape(-1)] if n else np.zeros(0)
    banden_vanaf = np.array([b[0] for b in model.omgeving_banden])
    banden_waarde = np.array([b[1] for b in model.omgeving_banden])
    h = np.zeros(n)
    if len(k.hist_locatie):
        dagen = (np.datetime64(peildatum, "D") - k.hist_datum).astype(np.int64)
        gevolg_w = np.array([0.0, *(model.gevolg_gewicht[g] for g in risico.Gevolg)])
        gedrag_w = np.array([model.gedrag_gewicht[c] for c in ("onbekend", "A", "B", "C", "D")])
        gewicht = (
            gevolg_w[k.hist_gevolg]
            * gedrag_w[k.hist_gedrag]
            * np.exp2(-(dagen / (365.25 * model.halfwaardetijd_jaren)))
        )
        h = np.bincount(k.hist_locatie[dagen >= 0], weights=gewicht[dagen >= 0], minlength=n)
    cert = np.array([model.certificering[c] for c in risico.Certificering])
    waarden = (
        basis,
        k.ied.astype(float),
        k.seveso.astype(float),
        k.zzs.astype(float),
        np.array(model.emissie)[k.emissieklasse],
        np.array(model.ongevalsrisico)[k.ongevalsrisico],
        banden_waarde[np.searchsorted(banden_vanaf, k.woningen, side="right") - 1],
        np.minimum(1.0, h / model.verzadiging),
        cert[k.certificering],
    )
    w_i = [model.gewichten_impact[c] for c in risico.IMPACTCRITERIA]
    w_p = [model.gewichten_prestatie[c] for c in risico.PRESTATIECRITERIA]
    impact = sum(w * v for w, v in zip(w_i, waarden[:7], strict=True))
    spreiding = model.factor_max - model.factor_min
    bijdragen = [model.schaal * model.factor_min * w * v for w, v in zip(w_i, waarden[:7], strict=True)] + [
        model.schaal * impact * spreiding * w * v for w, v in zip(w_p, waarden[7:], strict=True)
    ]
    if n and not np.allclose(sum(bijdragen), controle, rtol=1e-9, atol=1e-6):
        raise AssertionError("uitsplitsing telt niet op tot de score van regels.risico.score_alle")
    aantal = np.bincount(k.hist_locatie, minlength=n) if len(k.hist_locatie) else np.zeros(n)
    uit = np.empty((n, UITSPLITSING_LENGTE), dtype="<f4")
    for kolom, reeks in enumerate((*waarden, *bijdragen, k.woningen, aantal)):
        uit[:, kolom] = reeks
    return uit


def schrijf_scores(analyse: Risicoanalyse, k: Kenmerkset, scores: risico.Scores, pakket: np.ndarray) -> None:
    db = connections[router.db_for_write(Risicoscore)]
    kolommen = (
        "analyse_id",
        "vth_object_id",
        "bevoegd_gezag_id",
        "activiteit_id",
        "score",
        "klasse",
        "frequentie_maanden",
        "ied",
        "basistaak",
        "uitsplitsing",
    )
    ruw = pakket.tobytes()
    breedte = UITSPLITSING_LENGTE * 4
    n = len(k.objecten)
    kolomwaarden = (
        k.objecten.tolist(),
        k.bevoegd_gezag.tolist(),
        k.activiteit.tolist(),
        scores.score.tolist(),
        scores.klasse.tolist(),
        scores.frequentie_maanden.tolist(),
        k.ied.tolist(),
        k.basistaak.tolist(),
    )
    blobs = (ruw[i * breedte : (i + 1) * breedte] for i in range(n))
    rijen = zip(itertools.repeat(analyse.pk, n), *kolomwaarden, blobs, strict=True)
    with grote_cache(db):
        schrijf_rijen(db, Risicoscore._meta.db_table, kolommen, rijen, batch=BATCH)


def vergelijk(
    analyse: Risicoanalyse, vorige: Risicoanalyse, k: Kenmerkset, scores: risico.Scores, pakket: np.ndarray
) -> dict:
    """What moved between the previous run and this one, and why: per object that changed class the
    criterion whose contribution changed most in the direction of the move."""
    oud = np.array(
        cursorrijen(vorige.scores.order_by("vth_object_id").values_list("vth_object_id", "klasse", "score")),
        dtype=np.float64,
    ).reshape(-1, 3)
    oud_ids, oud_klasse, oud_score = oud[:, 0].astype(np.int64), oud[:, 1].astype(np.int64), oud[:, 2]
    beide = np.isin(k.objecten, oud_ids)
    nieuw_i = np.flatnonzero(beide)
    oud_i = np.searchsorted(oud_ids, k.objecten[beide])
    dk = scores.klasse[nieuw_i] - oud_klasse[oud_i]
    criteria = risico.IMPACTCRITERIA + risico.PRESTATIECRITERIA
    # the breakdowns of the previous run only for the objects that changed class (usually few)
    bewogen_alle = np.flatnonzero(dk != 0)
    oud_pakket = np.zeros((len(nieuw_i), UITSPLITSING_LENGTE), dtype=np.float32)
    if len(bewogen_alle):
        ids = oud_ids[oud_i[bewogen_alle]].tolist()
        blobs = {}
        for begin in range(0, len(ids), 900):
            blobs.update(
                vorige.scores.filter(vth_object_id__in=ids[begin : begin + 900]).values_list(
                    "vth_object_id", "uitsplitsing"
                )
            )
        oud_pakket[bewogen_alle] = selectors.pak_alle_uit([blobs[i] for i in ids])
    delta = pakket[nieuw_i, 9:18].astype(np.float64) - oud_pakket[:, 9:18].astype(np.float64)
    richting = np.sign(dk)[:, None]
    hoofdreden = np.argmax(delta * np.where(richting == 0, 1, richting), axis=1)
    uitleg: dict[str, dict[str, int]] = {"omhoog": {}, "omlaag": {}}
    for naam, masker in (("omhoog", dk > 0), ("omlaag", dk < 0)):
        if masker.any():
            tellingen = np.bincount(hoofdreden[masker], minlength=len(criteria))
            uitleg[naam] = {criteria[i]: int(t) for i, t in enumerate(tellingen) if t}
    bewogen = np.flatnonzero(dk != 0)
    grootste = bewogen[np.argsort(-np.abs(scores.score[nieuw_i[bewogen]] - oud_score[oud_i[bewogen]]))][
        :TOP_VERSCHUIVERS
    ]
    namen = dict(VthObject.objects.filter(pk__in=k.objecten[nieuw_i[grootste]].tolist()).values_list("pk", "uuid"))
    verschuivers = []
    for j in grootste.tolist():
        i, o = int(nieuw_i[j]), int(oud_i[j])
        c = int(hoofdreden[j])
        verschuivers.append(
            {
                "vth_object": str(namen[int(k.objecten[i])]),
                "klasse_was": int(oud_klasse[o]),
                "klasse": int(scores.klasse[i]),
                "score_was": round(float(oud_score[o]), 2),
                "score": round(float(scores.score[i]), 2),
                "reden": criteria[c],
                "bijdrage_verschil": round(float(delta[j, c]), 2),
            }
        )
    return {
        "vorige": str(vorige.uuid),
        "zelfde_model": vorige.modelversie_id == analyse.modelversie_id,
        "omhoog": int((dk > 0).sum()),
        "omlaag": int((dk < 0).sum()),
        "gelijk": int((dk == 0).sum()),
        "nieuw": int((~beide).sum()),
        "verdwenen": int(len(oud_ids) - beide.sum()),
        "hoofdreden": uitleg,
        "grootste_verschuivingen": verschuivers,
    }
