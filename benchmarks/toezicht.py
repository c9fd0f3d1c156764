"""Toezicht at national scale: the risk analysis of every location and the programme generated from it.

Runs inside the benchmark's Django process on a scratch database holding the national set (`openvth generate
--locaties 500000`), or the tiny set with `klein`. Two budgets (issue 5, item 9), medians over the repetitions:

* the national risk analysis — features read from the register, scored, 500,000 rows written, compared with the
  previous run, audited: the whole `services.risicoanalyse_uitvoeren` — ≤ 10 s;
* programme generation from that analysis for one executing body over all objects (`programma_genereren`) —
  ≤ 5 s.

Each is reported with its ratio to a plain numpy-vectorised computation of the same result on the same arrays
already in memory (scores: the formula of `regels.risico` written out directly; programme: the same sort and
cumulative-capacity cut), so the figure says what the database, bookkeeping and audit cost on top of the
arithmetic. The plain scores are checked to equal the stored ones, so the comparison is like for like.
Everything this module writes is removed again at the end (raw SQL on the scratch database).
"""

from __future__ import annotations

import math
import statistics
import time
from datetime import date

import numpy as np

from .kader import KLEIN, afgerond, klein_budget, meting, p95

RISICO_BUDGET_S = 10.0
PROGRAMMA_BUDGET_S = 5.0
UREN_PER_TAAK = 8.0
CAPACITEIT_DEEL = 0.4  # capacity for 40 % of the objects' periodic visits: the cut falls inside the list


def _gewone_numpy_scores(model, k, peildatum: date) -> np.ndarray:
    """The score of `regels.risico` written out in plain numpy on the gathered arrays (the reference)."""
    codes, inverse = np.unique(k.codes, return_inverse=True)
    basis = np.array([model.basisrisico(str(c))[0] for c in codes])[inverse.reshape(-1)]
    wi = [
        model.gewichten_impact[c]
        for c in ("activiteit", "ied", "seveso", "zzs", "emissie", "ongevalsrisico", "omgeving")
    ]
    banden_vanaf = np.array([b[0] for b in model.omgeving_banden])
    banden_waarde = np.array([b[1] for b in model.omgeving_banden])
    impact = (
        wi[0] * basis
        + wi[1] * k.ied
        + wi[2] * k.seveso
        + wi[3] * k.zzs
        + wi[4] * np.array(model.emissie)[k.emissieklasse]
        + wi[5] * np.array(model.ongevalsrisico)[k.ongevalsrisico]
        + wi[6] * banden_waarde[np.searchsorted(banden_vanaf, k.woningen, side="right") - 1]
    )
    h = np.zeros(len(basis))
    if len(k.hist_locatie):
        dagen = (np.datetime64(peildatum, "D") - k.hist_datum).astype(np.int64)
        gevolg = np.array([0.0] + [model.gevolg_gewicht[g] for g in sorted(model.gevolg_gewicht)])
        gedrag = np.array([model.gedrag_gewicht[c] for c in ("onbekend", "A", "B", "C", "D")])
        w = gevolg[k.hist_gevolg] * gedrag[k.hist_gedrag] * 0.5 ** (dagen / (365.25 * model.halfwaardetijd_jaren))
        h = np.bincount(k.hist_locatie, weights=w, minlength=len(basis))
    cert = np.array([model.certificering[c] for c in sorted(model.certificering, key=lambda c: c.value)])
    p = (
        model.gewichten_prestatie["naleefhistorie"] * np.minimum(1.0, h / model.verzadiging)
        + model.gewichten_prestatie["certificering"] * cert[k.certificering]
    )
    return model.schaal * impact * (model.factor_min + (model.factor_max - model.factor_min) * p)


def _gewone_numpy_programma(score: np.ndarray, ied: np.ndarray, capaciteit: float) -> np.ndarray:
    """The programme's core in plain numpy: IED first, then by score, cut where the hours run out."""
    volgorde = np.lexsort((-score, ~ied))
    return volgorde[np.cumsum(np.full(len(volgorde), UREN_PER_TAAK)) <= capaciteit]


def _tijden(functie, herhalingen: int, cpu: list[float] | None = None) -> list[float]:
    """Wall seconds per call; with `cpu`, the process CPU seconds are appended there (shows waiting on a busy
    machine: wall far above CPU means the process was starved, not slow)."""
    uit = []
    for _ in range(herhalingen):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        functie()
        uit.append(time.perf_counter() - begin)
        if cpu is not None:
            cpu.append(time.process_time() - begin_cpu)
    return uit


def _opruimen() -> None:
    """Remove what the benchmark wrote (scratch database; children before parents)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for tabel in (
            "toezicht_programmataak",
            "toezicht_capaciteit",
            "toezicht_uitvoeringsprogramma",
            "toezicht_risicoscore",
            "toezicht_risicoanalyse",
        ):
            cursor.execute(f"DELETE FROM {tabel}")  # noqa: S608 - fixed table names


def run(*, klein: bool) -> list[dict]:
    from django.utils import timezone

    from openvth.organisaties.models import Organisatie
    from openvth.organisaties.services import systeem_actor
    from openvth.regels import risico
    from openvth.regels.tabeldata import meegeleverd
    from openvth.toezicht import risicoanalyse, selectors, services
    from openvth.toezicht.models import Risicomodelversie, Risicoscore, Uitvoeringsprogramma

    from .kladblok import vereis_kladblok

    vereis_kladblok()  # this module deletes its rows afterwards: only ever on a scratch database
    actor = systeem_actor("benchmark-toezicht")
    herhalingen = 1 if klein else 3
    peildatum = timezone.localdate()
    definitie = meegeleverd(risico.VOORBEELDBESTAND) | {"versie": "benchmark-landelijk"}
    versie = Risicomodelversie.objects.filter(regio__isnull=True, versie="benchmark-landelijk").first()
    if versie is None:
        versie = services.risicomodel_vastleggen(actor=actor, regio=None, definitie=definitie)
    model = selectors.risicomodel_van(versie)
    try:
        analyses, run_cpu = [], []
        run_tijden = _tijden(
            lambda: analyses.append(
                services.risicoanalyse_uitvoeren(actor=actor, modelversie=versie, peildatum=peildatum)
            ),
            herhalingen,
            run_cpu,
        )
        analyse = analyses[-1]
        kenmerken = risicoanalyse.verzamel(model, None, peildatum)
        gewoon = _gewone_numpy_scores(model, kenmerken, peildatum)
        bewaard = np.array(
            Risicoscore.objects.filter(analyse=analyse).order_by("vth_object_id").values_list("score", flat=True)
        )
        if not np.allclose(gewoon, bewaard, rtol=1e-9, atol=1e-9):
            raise AssertionError("de gewone numpy-score wijkt af van de bewaarde score")
        numpy_tijden = _tijden(lambda: _gewone_numpy_scores(model, kenmerken, peildatum), 5)
        n = analyse.aantal

        uitvoerder = Organisatie.objects.get(code="ilt")
        capaciteit = max(UREN_PER_TAAK, math.floor(n * CAPACITEIT_DEEL) * UREN_PER_TAAK)
        jaar = peildatum.year + 1

        programma_tijden, programma_cpu, programma = [], [], None
        for _ in range(herhalingen):
            _verwijder_programma(Uitvoeringsprogramma, uitvoerder, jaar)
            begin, begin_cpu = time.perf_counter(), time.process_time()
            programma = services.programma_genereren(
                actor=actor,
                analyse=analyse,
                jaar=jaar,
                capaciteit={"milieu": capaciteit},
                expertises={"": "milieu"},
                uitvoerder=uitvoerder,
            )
            programma_tijden.append(time.perf_counter() - begin)
            programma_cpu.append(time.process_time() - begin_cpu)
        score = np.array([s for s in bewaard])
        ied = np.array(
            Risicoscore.objects.filter(analyse=analyse).order_by("vth_object_id").values_list("ied", flat=True),
            dtype=bool,
        )
        programma_numpy = _tijden(lambda: _gewone_numpy_programma(score, ied, capaciteit), 5)
        taken = programma.taken.count()
    finally:
        _opruimen()

    r_med, np_med = statistics.median(run_tijden), statistics.median(numpy_tijden)
    p_med, pn_med = statistics.median(programma_tijden), statistics.median(programma_numpy)
    return [
        meting(
            f"risicoanalyse landelijk ({n:,} objecten)".replace(",", "."),
            "s",
            mediaan=afgerond(r_med, 2),
            p95=afgerond(p95(run_tijden), 2),
            limiet=f"≤ {RISICO_BUDGET_S:g} s (mediaan)",
            verhouding=afgerond(r_med / np_med, 1),
            verhouding_tot=f"gewone numpy-berekening van dezelfde scores ({np_med * 1000:.0f} ms)",
            gehaald=klein_budget(klein, r_med <= RISICO_BUDGET_S),
            toelichting=(KLEIN + "; " if klein else "")
            + f"{herhalingen}× de hele service (kenmerken lezen, score_alle, {n} rijen schrijven, vergelijken, "
            f"audit); CPU-tijd mediaan {statistics.median(run_cpu):.2f} s; de gewone numpy-scores zijn gelijk aan "
            "de bewaarde",
        ),
        meting(
            f"uitvoeringsprogramma genereren ({taken:,} taken)".replace(",", "."),
            "s",
            mediaan=afgerond(p_med, 2),
            p95=afgerond(p95(programma_tijden), 2),
            limiet=f"≤ {PROGRAMMA_BUDGET_S:g} s (mediaan)",
            verhouding=afgerond(p_med / pn_med, 1),
            verhouding_tot=f"gewone numpy-selectie binnen dezelfde capaciteit ({pn_med * 1000:.0f} ms)",
            gehaald=klein_budget(klein, p_med <= PROGRAMMA_BUDGET_S),
            toelichting=(KLEIN + "; " if klein else "")
            + f"{herhalingen}× programma_genereren uit de landelijke analyse, capaciteit {capaciteit:.0f} uur; "
            f"CPU-tijd mediaan {statistics.median(programma_cpu):.2f} s",
        ),
    ]


def _verwijder_programma(model, uitvoerder, jaar: int) -> None:
    from django.db import connection

    bestaand = model.objects.filter(uitvoerder=uitvoerder, jaar=jaar).values_list("pk", flat=True).first()
    if bestaand is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM toezicht_programmataak WHERE programma_id = %s", [bestaand])
        cursor.execute("DELETE FROM toezicht_capaciteit WHERE programma_id = %s", [bestaand])
        cursor.execute("DELETE FROM toezicht_uitvoeringsprogramma WHERE id = %s", [bestaand])
