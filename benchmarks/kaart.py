"""Map query: a bbox returning at most 1,000 features as application/geo+json over real HTTP.

Ours: OGC API Features `/ogc/v1/collections/activiteituitvoeringen/items?bbox=…&limit=1000` from `openvth serve`
(gunicorn, 2 workers), as the anonymous public (access policy applied, as for every visitor). Measured in the same
run on the same bboxes: the raw indexed SQL query of the same rows plus JSON encoding (in process, no HTTP), and
pygeoapi serving the same rows from the same database engine (benchmarks/peer.py).

Ours answers the flat map feature of ADR 0019 (`ogc/geojson.py`); the raw reference selects and encodes the same
content (same properties, rows and order: the two FeatureCollections' features compare equal), so the ratio
compares like with like. The peer serves its own flat columns (benchmarks/peer.py), close to the same set.

The bboxes are drawn deterministically around locations of the data set and shrunk until they hold 500–1,000
matching executions, so each answer is one full page: the case a map client asks for.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.db import connection
from django.utils import timezone

from openvth.geo.bbox import parse_bbox
from openvth.ogc.geojson import KAART_EIGENSCHAPPEN
from openvth.organisaties.toegang import ANONIEM
from openvth.register import selectors
from openvth.register.models import Locatie

from . import peer, server
from .kader import KLEIN, afgerond, klein_budget, mediaan, meting, niet_gemeten, p95, tijden_ms

PAD = "/ogc/v1/collections/activiteituitvoeringen/items"
GEOJSON = "application/geo+json"
MAX = 1000


def _aantal(bbox: str) -> int:
    filters = selectors.UitvoeringFilter(rechthoek=parse_bbox(bbox))
    return selectors.uitvoering_list(actor=ANONIEM, filters=filters).count()


def kies_bboxen(aantal: int, seed: int = 20261) -> list[str]:
    """`aantal` lon/lat boxes, each holding 500–1,000 public executions (or everything, for a tiny set)."""
    totaal = selectors.uitvoering_list(actor=ANONIEM).count()
    if totaal <= MAX:
        return ["3.2,50.7,7.3,53.6"]
    rng = random.Random(seed)
    hoogste = Locatie.objects.order_by("-pk").values_list("pk", flat=True).first()
    bboxen: list[str] = []
    while len(bboxen) < aantal:
        plek = Locatie.objects.filter(pk__gte=rng.randint(1, hoogste)).order_by("pk").values("lon", "lat").first()
        if plek is None:
            continue
        halve = 0.02
        for _ in range(12):
            bbox = (
                f"{plek['lon'] - halve:.5f},{plek['lat'] - halve * 0.62:.5f},{plek['lon'] + halve:.5f},"
                f"{plek['lat'] + halve * 0.62:.5f}"
            )
            n = _aantal(bbox)
            if n > MAX:
                halve *= 0.75
            elif n < 500:
                halve *= 1.3
            else:
                bboxen.append(bbox)
                break
    return bboxen


def _ruw(bbox: str) -> bytes:
    """The reference: the indexed SQL query for the same box, rows and order, then json.dumps of a FeatureCollection
    whose features carry the same content as ours (the flat map feature of ADR 0019, `ogc/geojson.py`)."""
    minlon, minlat, maxlon, maxlat = (float(v) for v in bbox.split(","))
    rd = parse_bbox(bbox)
    vandaag = timezone.localdate().isoformat()
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT {"u.uuid" if sqlite else "u.uuid::text"}, u.versie, a.code, a.naam, o.naam, l.straat,
                   l.huisnummer, l.huisletter, l.huisnummertoevoeging, l.postcode, l.woonplaats, g.code, bg.code,
                   ti.code, u.kwalificatiecodes, u.status, u.legitimatie, u.geldig_vanaf, u.geldig_tot, l.lon, l.lat
            FROM register_locatie l
            JOIN register_vthobject o ON o.locatie_id = l.id
            JOIN register_activiteituitvoering u ON u.vth_object_id = o.id
            JOIN register_activiteit a ON a.id = u.activiteit_id
            JOIN organisaties_organisatie g ON g.id = u.gemeente_id
            JOIN organisaties_organisatie bg ON bg.id = u.bevoegd_gezag_id
            JOIN organisaties_organisatie ti ON ti.id = u.toezichtinstantie_id
            WHERE l.x BETWEEN %s AND %s AND l.y BETWEEN %s AND %s
              AND l.lon BETWEEN %s AND %s AND l.lat BETWEEN %s AND %s
              AND u.vertrouwelijkheid = 'openbaar' AND o.vertrouwelijkheid = 'openbaar' AND u.afgevoerd_op IS NULL
              AND (u.geldig_vanaf IS NULL OR u.geldig_vanaf <= %s) AND (u.geldig_tot IS NULL OR u.geldig_tot > %s)
            ORDER BY u.id
            LIMIT 1000""",
            [rd.minx, rd.maxx, rd.miny, rd.maxy, minlon, maxlon, minlat, maxlat, vandaag, vandaag],
        )
        rijen = cursor.fetchall()
    sleutels = KAART_EIGENSCHAPPEN
    features = [
        {
            "type": "Feature",
            "id": str(UUID(r[0])) if sqlite else r[0],
            "geometry": {"type": "Point", "coordinates": [r[19], r[20]]},
            "properties": dict(
                zip(
                    sleutels,
                    (
                        *r[1:14],
                        [k for k in r[14].split(";") if k],
                        r[15],
                        r[16],
                        None if r[17] is None else str(r[17]),
                        None if r[18] is None else str(r[18]),
                    ),
                    strict=True,
                )
            ),
        }
        for r in rijen
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()


def _meet_http(adres: str, paden: list[str], rondes: int) -> tuple[list[float], list[int]]:
    client = server.Client(adres)
    aantallen: list[int] = []

    def een(pad):
        status, inhoud = client.haal(pad, GEOJSON)
        if status != 200:
            raise RuntimeError(f"{pad}: HTTP {status}: {inhoud[:300]!r}")
        aantallen.append(len(json.loads(inhoud)["features"]))

    for pad in paden:  # warm-up: connections, caches
        een(pad)
    tijden: list[float] = []
    for _ in range(rondes):
        for pad in paden:
            tijden.extend(tijden_ms(lambda p=pad: een(p), herhalingen=1, opwarmen=0))
    client.sluit()
    return tijden, aantallen


def _peer(werkmap: Path, bboxen: list[str], rondes: int) -> tuple[list[float] | None, str]:
    reden = peer.beschikbaar()
    if reden:
        return None, reden
    vandaag = timezone.localdate().isoformat()
    if connection.vendor == "sqlite":
        bestand = werkmap / "peer.sqlite"
        subprocess.run(
            [
                str(peer.PEER_PYTHON),
                str(Path(peer.__file__)),
                settings.DATABASES["default"]["NAME"],
                str(bestand),
                vandaag,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        provider = {"name": "SQLiteGPKG", "data": str(bestand), "table": "uitvoeringen"}
    else:
        with connection.cursor() as cursor:
            peer.maak_postgis(cursor, vandaag)
        instellingen = connection.settings_dict
        provider = {
            "name": "PostgreSQL",
            "data": {
                "host": instellingen["HOST"] or "127.0.0.1",
                "port": int(instellingen["PORT"] or 5432),
                "dbname": instellingen["NAME"],
                "user": instellingen["USER"],
                "password": instellingen["PASSWORD"] or "",
            },
            "table": "peer_uitvoeringen",
            "geom_field": "geom",
        }
    poort = server.vrije_poort()
    opdracht, omgeving = peer.start_opdracht(werkmap, poort, provider)
    paden = [f"/collections/uitvoeringen/items?bbox={b}&limit={MAX}&f=json" for b in bboxen]
    with server.proces(opdracht, omgeving=omgeving, poort=poort, log=werkmap / "pygeoapi.log"):
        tijden, aantallen = _meet_http(f"127.0.0.1:{poort}", paden, rondes)
    return tijden, f"pygeoapi {peer.VERSIE}, {sum(aantallen) / len(aantallen):.0f} features gemiddeld"


def run(*, klein: bool) -> list[dict]:
    werkmap = Path(os.environ["OPENVTH_DATA_DIR"])
    bboxen = kies_bboxen(3 if klein else 20)
    rondes = 2 if klein else 5
    paden = [f"{PAD}?bbox={b}&limit={MAX}" for b in bboxen]
    with server.openvth_server(werkmap) as adres:
        ons, aantallen = _meet_http(adres, paden, rondes)
    if max(aantallen) > MAX:
        raise RuntimeError(f"Een bbox gaf {max(aantallen)} features, meer dan {MAX}.")
    ruw = tijden_ms(lambda: [_ruw(b) for b in bboxen], herhalingen=rondes, opwarmen=1)
    ruw = [t / len(bboxen) for t in ruw]
    peer_tijden, peer_toelichting = _peer(werkmap, bboxen, rondes)
    gemiddeld = sum(aantallen) / len(aantallen)
    ons_p50, ons_p95, ruw_p50 = mediaan(ons), p95(ons), mediaan(ruw)
    rijen = [
        meting(
            "kaartvraag bbox → GeoJSON (OGC API, HTTP)",
            "ms",
            mediaan=afgerond(ons_p50),
            p95=afgerond(ons_p95),
            limiet="p50 ≤ 20 ms, p95 ≤ 50 ms",
            gehaald=klein_budget(klein, ons_p50 <= 20 and ons_p95 <= 50),
            toelichting=(KLEIN + "; " if klein else "")
            + f"{len(bboxen)} bboxen × {rondes} rondes, gemiddeld {gemiddeld:.0f} features per antwoord",
        ),
        meting(
            "kaartvraag: verhouding tot ruwe SQL + JSON",
            "×",
            mediaan=afgerond(ruw_p50, 2),
            p95=afgerond(p95(ruw), 2),
            limiet="≤ 2,5 × ruw",
            verhouding=afgerond(ons_p50 / ruw_p50, 2),
            verhouding_tot="ruwe SQL-vraag + json.dumps (ms in mediaan/p95)",
            gehaald=klein_budget(klein, ons_p50 / ruw_p50 <= 2.5),
            toelichting=KLEIN if klein else "zelfde bboxen, in het proces, zonder HTTP",
        ),
    ]
    if peer_tijden is None:
        rijen.append(niet_gemeten("kaartvraag: pygeoapi (peer)", "×", "≥ 20 × sneller", peer_toelichting))
    else:
        peer_p50 = mediaan(peer_tijden)
        rijen.append(
            meting(
                "kaartvraag: pygeoapi (peer) op dezelfde bboxen",
                "×",
                mediaan=afgerond(peer_p50),
                p95=afgerond(p95(peer_tijden)),
                limiet="≥ 20 × sneller dan pygeoapi",
                verhouding=afgerond(peer_p50 / ons_p50, 1),
                verhouding_tot="pygeoapi p50 / onze p50 (ms van pygeoapi in mediaan/p95)",
                gehaald=klein_budget(klein, peer_p50 / ons_p50 >= 20),
                toelichting=(KLEIN + "; " if klein else "") + peer_toelichting,
            )
        )
    return rijen
