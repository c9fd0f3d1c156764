"""The algorithm behind the yearly uitvoeringsprogramma: which visits, in which month, within the capacity per
expertise. The services that generate and adjust a programme (access, audit) are in `services/programma.py`.

Generation (ADR 0016; docs/toezicht.md walks through an example):

1. Due visits. An object's next visit is due at its last carried-out controle plus its frequency from the
   analysis (months); an object never inspected is due at once. An object is in the programme year when that
   date falls on or before 31 December. A frequency under 12 months gives ⌊12 / f⌋ visits in the year
   (f = 6 → 2 visits), f months apart.
2. Task per visit: inspection type `integrale IED-controle` for an IED installation when the model has norm hours
   for it, else `periodieke controle`; norm hours from the model (`regels.risico.Risicomodel.normuren`);
   expertise from the activity with the highest base risk (`STANDAARD_EXPERTISES`, longest matching prefix,
   overridable per call); basistaak when any activity of the object is one (unknown counts as basistaak
   [check]); plustaak otherwise; the competent authority is the object's.
3. Within capacity, per expertise: visits to IED installations first (their frequency is binding, IED art. 23
   lid 4), then by risk score, highest first; a visit is planned while the cumulative norm hours stay within
   the capacity. Everything that does not fit is reported in `Uitvoeringsprogramma.verslag` (counts and hours
   per expertise and class, and the highest-risk objects left out) — never silently dropped.
4. Months: a visit due later in the year keeps its due month; the backlog (due by January) is spread evenly
   over the year by cumulative hours, highest risk first; a second or later visit follows the first by f
   months.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

import numpy as np
from django.db import connections, router
from django.db.models import Max

from openvth.register.bulk import grote_cache, schrijf_rijen

from .models import (
    Controle,
    ControleStatus,
    Programmataak,
    Uitvoeringsprogramma,
)

PERIODIEK = "periodieke controle"
IED_TYPE = "integrale IED-controle"
# Expertise per activity prefix (Bal afdeling/paragraaf); the empty prefix is the default [check: a service sets
# its own expertise areas, cf. Kwaliteitscriteria 3.0].
STANDAARD_EXPERTISES: dict[str, str] = {
    "bal-3.3": "complexe bedrijven",
    "bal-3.5": "afval",
    "bal-3.6": "agrarisch",
    "": "milieu",
}
NIET_INGEPLAND_TOP = 100
BATCH = 20_000


def _expertise(code: str, tabel: Mapping[str, str]) -> str:
    beste = ""
    for prefix in tabel:
        if prefix and (code == prefix or code.startswith(prefix + ".")) and len(prefix) > len(beste):
            beste = prefix
    return tabel.get(beste, tabel.get("", "milieu"))


NA_MELDING = "controle na melding"  # the inspection type of a task proposed by a notification (issue 15 item 4)


def expertise_voor(codes: Iterable[str], tabel: Mapping[str, str] = STANDAARD_EXPERTISES) -> str:
    """The expertise area for a set of activities: that of the first code (sorted) with the longest matching
    prefix in `tabel`, the table's default when none matches."""
    beste, expertise = -1, tabel.get("", "milieu")
    for code in sorted(codes):
        for prefix in tabel:
            if prefix and (code == prefix or code.startswith(prefix + ".")) and len(prefix) > beste:
                beste, expertise = len(prefix), tabel[prefix]
    return expertise


def laatste_controles(objecten: np.ndarray, voor: date) -> np.ndarray:
    """Per object the date of its last carried-out controle before `voor` (NaT when never)."""
    laatst = np.full(len(objecten), np.datetime64("NaT"), dtype="datetime64[D]")
    rijen = list(
        Controle.objects.filter(uitgevoerd_op__lt=voor, status__in=(ControleStatus.UITGEVOERD, ControleStatus.AFGEROND))
        .values("vth_object_id")
        .annotate(laatst=Max("uitgevoerd_op"))
        .values_list("vth_object_id", "laatst")
    )
    if rijen:
        ids = np.array([r[0] for r in rijen], dtype=np.int64)
        datums = np.array([r[1] for r in rijen], dtype="datetime64[D]")
        pos = np.searchsorted(objecten, ids)
        pos = np.minimum(pos, len(objecten) - 1) if len(objecten) else pos
        treffer = (objecten[pos] == ids) if len(objecten) else np.zeros(0, dtype=bool)
        laatst[pos[treffer]] = datums[treffer]
    return laatst


def _maand_index(datums: np.ndarray) -> np.ndarray:
    """Months since year 0 (datetime64[M] as int) — for 'plus f months' arithmetic."""
    return datums.astype("datetime64[M]").astype(np.int64)


def plan(
    *,
    scores: dict[str, np.ndarray],
    normuren: Mapping[str, float],
    capaciteit: Mapping[str, Decimal],
    jaar: int,
    expertises: Mapping[str, str],
    codes: np.ndarray,
    laatst: np.ndarray,
) -> dict:
    """The generation algorithm on arrays (module docstring); returns the visits planned and not planned."""
    n = len(scores["objecten"])
    freq = scores["frequentie"].astype(np.int64)
    jan = np.int64(_maand_index(np.array([np.datetime64(f"{jaar}-01")]))[0])
    volgend = np.where(np.isnat(laatst), jan, _maand_index(laatst) + freq)  # month index of the next due visit
    in_jaar = volgend <= jan + 11
    eerste_maand = np.clip(volgend - jan, 0, 11)  # 0-based month in the year; the backlog is month 0
    bezoeken = np.where(freq < 12, np.maximum(1, 12 // np.maximum(freq, 1)), 1)
    bezoeken = np.where(in_jaar, np.minimum(bezoeken, 1 + (11 - eerste_maand) // np.maximum(freq, 1)), 0)
    obj_i = np.repeat(np.arange(n), bezoeken)
    k = np.arange(len(obj_i)) - np.repeat(np.cumsum(bezoeken) - bezoeken, bezoeken)  # visit number 0, 1, …
    ied = scores["ied"][obj_i]
    heeft_ied_type = IED_TYPE in normuren
    type_ = np.where(ied & heeft_ied_type, IED_TYPE, PERIODIEK)
    uren = np.where(ied & heeft_ied_type, normuren.get(IED_TYPE, 0.0), normuren[PERIODIEK]).astype(np.float64)
    expertise_per_code = {c: _expertise(c, expertises) for c in set(codes.tolist())}
    expertise = np.array([expertise_per_code[c] for c in codes.tolist()] or [""], dtype=object)[obj_i]
    score = scores["score"][obj_i]
    gepland = np.zeros(len(obj_i), dtype=bool)
    maand = np.zeros(len(obj_i), dtype=np.int64)
    verslag: dict[str, dict] = {}
    for naam in sorted(set(expertise.tolist()) | set(capaciteit)):
        rijen = np.flatnonzero(expertise == naam)
        beschikbaar = float(capaciteit.get(naam, Decimal(0)))
        volgorde = rijen[np.lexsort((-score[rijen], ~ied[rijen]))]  # IED first, then highest score
        past = np.cumsum(uren[volgorde]) <= beschikbaar + 1e-9
        gekozen = volgorde[past]
        gepland[gekozen] = True
        # months: later visits keep due month + k·f; the backlog's first visits are spread by cumulative hours
        achterstand = gekozen[(eerste_maand[obj_i[gekozen]] == 0) & (k[gekozen] == 0)]
        if len(achterstand):
            cum = np.cumsum(uren[achterstand])
            totaal = cum[-1] if cum[-1] > 0 else 1.0
            maand[achterstand] = np.clip(np.floor(12 * (cum - uren[achterstand]) / totaal), 0, 11)
        rest = gekozen[~((eerste_maand[obj_i[gekozen]] == 0) & (k[gekozen] == 0))]
        maand[rest] = np.clip(eerste_maand[obj_i[rest]] + k[rest] * freq[obj_i[rest]], 0, 11)
        niet = volgorde[~past]
        verslag[naam] = {
            "capaciteit": beschikbaar,
            "gepland_taken": int(len(gekozen)),
            "gepland_uren": round(float(uren[gekozen].sum()), 1),
            "niet_ingepland_taken": int(len(niet)),
            "niet_ingepland_uren": round(float(uren[niet].sum()), 1),
            "niet_ingepland_per_klasse": {
                str(int(kl)): int(a)
                for kl, a in zip(*np.unique(scores["klasse"][obj_i[niet]], return_counts=True), strict=True)
            },
            "niet_ingepland_ied": int(ied[niet].sum()),
        }
    niet_gepland = np.flatnonzero(~gepland)
    top = niet_gepland[np.argsort(-score[niet_gepland], kind="stable")][:NIET_INGEPLAND_TOP]
    return {
        "obj_i": obj_i,
        "gepland": gepland,
        "maand": maand + 1,
        "type": type_,
        "uren": uren,
        "expertise": expertise,
        "top_niet": top,
        "verslag": verslag,
        "objecten_in_jaar": int(in_jaar.sum()),
    }


def uuid7_reeks(n: int) -> list[str]:
    """`n` UUIDs of version 7 (RFC 9562 §5.7: 48-bit Unix milliseconds, then random bits), strictly increasing
    within the batch, so that the unique index on `uuid` grows at its end instead of at random places."""
    ms = int(time.time() * 1000)
    rnd = np.frombuffer(os.urandom(8 * max(n, 1)), dtype=np.uint64)[:n] >> np.uint64(12)  # 52 random bits
    teller = np.arange(n, dtype=np.uint64)
    # layout: 48 bits time | 4 bits version 7 | 12 bits counter (high) | 2 bits variant | 62 bits counter+random
    hoog = (np.uint64(ms) << np.uint64(16)) | np.uint64(0x7000) | ((teller >> np.uint64(20)) & np.uint64(0xFFF))
    laag = (
        (np.uint64(0b10) << np.uint64(62))
        | ((teller & np.uint64(0xFFFFF)) << np.uint64(42))
        | (rnd & np.uint64((1 << 42) - 1))
    )
    return [f"{h:016x}{lo:016x}" for h, lo in zip(hoog.tolist(), laag.tolist(), strict=True)]


def schrijf_taken(programma: Uitvoeringsprogramma, kolommen: dict[str, list]) -> None:
    """One COPY on PostgreSQL, `executemany` per batch elsewhere (`register.bulk.schrijf_rijen`)."""
    db = connections[router.db_for_write(Programmataak)]
    with grote_cache(db):
        schrijf_rijen(
            db, Programmataak._meta.db_table, list(kolommen), zip(*kolommen.values(), strict=True), batch=BATCH
        )
