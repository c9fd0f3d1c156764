"""Search, the location page and filtered API lists, over real HTTP from `openvth serve`, as the anonymous public.

The requests are drawn deterministically from the data set: searches a visitor would type (a company's name with
its place, a street with its place, a postcode), random location pages, and list filters by municipality,
activity, qualification, status and authority. Each kind is reported with its median and p95.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from urllib.parse import urlencode

from openvth.register.models import Activiteituitvoering, Locatie, VthObject

from . import server
from .kader import KLEIN, afgerond, klein_budget, mediaan, meting, p95, tijden_ms


def _monster(model, aantal: int, rng: random.Random, *velden):
    hoogste = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    uitkomst = []
    for _ in range(aantal * 3):
        rij = model.objects.filter(pk__gte=rng.randint(1, max(hoogste, 1))).order_by("pk").values(*velden).first()
        if rij:
            uitkomst.append(rij)
        if len(uitkomst) == aantal:
            break
    return uitkomst


def verzoeken(aantal: int, seed: int = 20262) -> dict[str, list[str]]:
    rng = random.Random(seed)
    objecten = _monster(VthObject, aantal, rng, "naam", "locatie__straat", "locatie__woonplaats", "locatie__postcode")
    zoek = []
    for i, o in enumerate(objecten):
        keuze = i % 3
        if keuze == 0:
            q = f"{o['naam'].split()[0]} {o['locatie__woonplaats']}"
        elif keuze == 1:
            q = f"{o['locatie__straat']} {o['locatie__woonplaats']}"
        else:
            q = o["locatie__postcode"] or o["naam"]
        zoek.append(f"/api/v1/activiteituitvoeringen?{urlencode({'q': q})}")
    locaties = _monster(Locatie, aantal, rng, "uuid")
    uitvoeringen = _monster(
        Activiteituitvoering,
        aantal,
        rng,
        "gemeente__code",
        "activiteit__code",
        "bevoegd_gezag__code",
        "toezichtinstantie__code",
    )
    lijsten = []
    for i, u in enumerate(uitvoeringen):
        filters = [
            {"gemeente": u["gemeente__code"], "status": "uitvoering"},
            {"activiteit": u["activiteit__code"], "kwalificatie": "meldingsplicht", "gemeente": u["gemeente__code"]},
            {"bevoegdGezag": u["bevoegd_gezag__code"], "status": "uitvoering"},
            {"toezichtinstantie": u["toezichtinstantie__code"], "activiteit": u["activiteit__code"]},
        ][i % 4]
        lijsten.append(f"/api/v1/activiteituitvoeringen?{urlencode(filters)}")
    return {
        "zoeken": zoek,
        "locatiepagina": [f"/register/locaties/{loc['uuid']}" for loc in locaties],
        "lijsten": lijsten,
    }


def _meet(client: server.Client, paden: list[str], rondes: int) -> list[float]:
    def een(pad):
        status, inhoud = client.haal(pad, "text/html" if pad.startswith("/register/") else "application/json")
        if status != 200:
            raise RuntimeError(f"{pad}: HTTP {status}: {inhoud[:300]!r}")

    for pad in paden:
        een(pad)
    tijden: list[float] = []
    for _ in range(rondes):
        for pad in paden:
            tijden.extend(tijden_ms(lambda p=pad: een(p), herhalingen=1, opwarmen=0))
    return tijden


BUDGETTEN = {
    "zoeken": ("tekst zoeken (naam, adres, postcode), API", 50),
    "locatiepagina": ("locatiepagina HTML", 100),
    "lijsten": ("API-lijsten met filters", 50),
}


def run(*, klein: bool) -> list[dict]:
    werkmap = Path(os.environ["OPENVTH_DATA_DIR"])
    soorten = verzoeken(6 if klein else 24)
    rondes = 2 if klein else 4
    rijen = []
    with server.openvth_server(werkmap) as adres:
        client = server.Client(adres)
        for soort, paden in soorten.items():
            naam, grens = BUDGETTEN[soort]
            tijden = _meet(client, paden, rondes)
            rijen.append(
                meting(
                    naam,
                    "ms",
                    mediaan=afgerond(mediaan(tijden)),
                    p95=afgerond(p95(tijden)),
                    limiet=f"p95 ≤ {grens} ms",
                    gehaald=klein_budget(klein, p95(tijden) <= grens),
                    toelichting=(KLEIN + "; " if klein else "") + f"{len(paden)} verzoeken × {rondes} rondes",
                )
            )
        client.sluit()
    return rijen
