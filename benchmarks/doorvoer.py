"""Throughput of `GET /api/v1/activiteituitvoeringen/{id}` under the production server (2 workers), and the same
query and JSON from a bare Django view, with one load generator on loopback, bounded in time.

The bare view (`benchmarks/urls.py`) calls the same selector (access policy and access log included) and the same
presentation function, and returns the same bytes, without django-ninja: the ratio says what the API layer costs.
Both endpoints are served by one server process group with the production settings plus that one URL
(`benchmarks.instellingen`), alternately, so that background noise hits both alike.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from openvth.register.models import Activiteituitvoering

from . import server
from .kader import KLEIN, afgerond, klein_budget, mediaan, meting


def _uuids(aantal: int, seed: int = 20263) -> list[str]:
    rng = random.Random(seed)
    hoogste = Activiteituitvoering.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    gekozen = []
    while len(gekozen) < aantal:
        u = (
            Activiteituitvoering.objects.filter(
                pk__gte=rng.randint(1, hoogste),
                vertrouwelijkheid="openbaar",
                geldig_tot__isnull=True,
                afgevoerd_op__isnull=True,
            )
            .order_by("pk")
            .values_list("uuid", flat=True)
            .first()
        )
        if u is not None:
            gekozen.append(str(u))
    return gekozen


def run(*, klein: bool) -> list[dict]:
    werkmap = Path(os.environ["OPENVTH_DATA_DIR"])
    uuids = _uuids(20 if klein else 200)
    api = [f"/api/v1/activiteituitvoeringen/{u}" for u in uuids]
    kaal = [f"/benchmark/kaal/{u}" for u in uuids]
    seconden = 2 if klein else 10
    rondes = 2 if klein else 3
    per_api, per_kaal, generator = [], [], ""
    with server.openvth_server(werkmap, instellingen="benchmarks.instellingen") as adres:
        client = server.Client(adres)
        for a, k in zip(api[:3], kaal[:3], strict=True):  # same JSON from both, or the comparison means nothing
            if client.haal(a)[1] != client.haal(k)[1]:
                raise RuntimeError(f"De kale view antwoordt anders dan de API voor {a}")
        client.sluit()
        for _ in range(rondes):
            for paden, opslag in ((api, per_api), (kaal, per_kaal)):
                uitslag = server.belast(adres, paden, seconden=seconden, verbindingen=4, werkmap=werkmap)
                if uitslag["fouten"]:
                    raise RuntimeError(f"{uitslag['fouten']} fouten onder belasting ({paden[0]})")
                opslag.append(uitslag["per_seconde"])
                generator = uitslag["generator"]
    verhouding = mediaan(per_api) / mediaan(per_kaal)
    return [
        meting(
            "doorvoer detail-endpoint (2 workers)",
            "verz./s",
            mediaan=afgerond(mediaan(per_api)),
            p95=afgerond(min(per_api)),
            limiet="≥ 0,6 × kale Django-view",
            verhouding=afgerond(verhouding, 2),
            verhouding_tot=f"kale Django-view, zelfde vraag en JSON ({mediaan(per_kaal):.0f} verz./s)",
            gehaald=klein_budget(klein, verhouding >= 0.6),
            toelichting=(KLEIN + "; " if klein else "")
            + f"{generator}, 4 verbindingen, {rondes} × {seconden} s per endpoint, afwisselend; p95-kolom: "
            "laagste ronde",
        )
    ]
