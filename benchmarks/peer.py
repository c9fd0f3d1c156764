"""The peer of the map benchmark: pygeoapi serving the same public register from the same database engine.

Runs partly under Debian's python in its own virtualenv (`benchmarks/.peer-venv`, git-ignored): the machine's
default python cannot load SQLite extensions, and pygeoapi's SQLite provider needs SpatiaLite. Set-up, once:

    apt-get install libsqlite3-mod-spatialite postgresql-15-postgis-3 python3.11-venv
    /usr/bin/python3.11 -m venv benchmarks/.peer-venv
    benchmarks/.peer-venv/bin/pip install pygeoapi==0.21.0 gunicorn psycopg2-binary geoalchemy2

Without it the peer is reported as "not measured", never as a pass. The peer table holds exactly what the OGC
view serves for the same bbox: the current, public activity executions at public VTH-objects, flattened, with a
WGS 84 point and a spatial index (SpatiaLite R*Tree or PostGIS GiST).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

WORTEL = Path(__file__).resolve().parent.parent
PEER_VENV = WORTEL / "benchmarks" / ".peer-venv"
PEER_PYTHON = PEER_VENV / "bin" / "python"
VERSIE = "0.21.0"

SELECTIE = """
SELECT {uuid} AS id, a.code AS activiteit, a.naam AS activiteitnaam, o.naam AS naam, l.straat, l.huisnummer,
       l.postcode, l.woonplaats, g.code AS gemeente, bg.code AS bevoegd_gezag, ti.code AS toezichtinstantie,
       u.kwalificatiecodes AS kwalificaties, u.status, u.legitimatie, u.geldig_vanaf, l.lon, l.lat
FROM {bron}register_activiteituitvoering u
JOIN {bron}register_vthobject o ON o.id = u.vth_object_id
JOIN {bron}register_locatie l ON l.id = o.locatie_id
JOIN {bron}register_activiteit a ON a.id = u.activiteit_id
JOIN {bron}organisaties_organisatie g ON g.id = u.gemeente_id
JOIN {bron}organisaties_organisatie bg ON bg.id = u.bevoegd_gezag_id
JOIN {bron}organisaties_organisatie ti ON ti.id = u.toezichtinstantie_id
WHERE u.vertrouwelijkheid = 'openbaar' AND o.vertrouwelijkheid = 'openbaar' AND u.afgevoerd_op IS NULL
  AND (u.geldig_vanaf IS NULL OR u.geldig_vanaf <= {vandaag}) AND (u.geldig_tot IS NULL OR u.geldig_tot > {vandaag})
"""


def beschikbaar() -> str | None:
    """None when the peer can run; otherwise why not (for the report)."""
    if not PEER_PYTHON.exists():
        return f"pygeoapi-omgeving ontbreekt ({PEER_VENV}); zie benchmarks/peer.py voor de installatie"
    proef = subprocess.run(
        [
            str(PEER_PYTHON),
            "-c",
            "import pygeoapi, sqlite3; c = sqlite3.connect(':memory:'); "
            "c.enable_load_extension(True); c.load_extension('mod_spatialite'); print(pygeoapi.__version__)",
        ],
        capture_output=True,
        text=True,
    )
    if proef.returncode:
        return f"pygeoapi of SpatiaLite niet te laden: {proef.stderr.strip()[-300:]}"
    return None


def maak_spatialite(bron: Path, doel: Path, vandaag: str) -> int:
    """Under the peer python: the SpatiaLite copy of the public register (run this module as a script)."""
    import sqlite3

    doel.unlink(missing_ok=True)
    c = sqlite3.connect(doel)
    c.enable_load_extension(True)
    c.load_extension("mod_spatialite")
    c.execute("SELECT InitSpatialMetadata(1)")
    c.execute("ATTACH DATABASE ? AS bron", (str(bron),))
    uuid = (
        "lower(substr(u.uuid,1,8)||'-'||substr(u.uuid,9,4)||'-'||substr(u.uuid,13,4)||'-'||"
        "substr(u.uuid,17,4)||'-'||substr(u.uuid,21))"
    )
    c.execute(
        "CREATE TABLE uitvoeringen (id TEXT PRIMARY KEY, activiteit TEXT, activiteitnaam TEXT, naam TEXT, "
        "straat TEXT, huisnummer INTEGER, postcode TEXT, woonplaats TEXT, gemeente TEXT, bevoegd_gezag TEXT, "
        "toezichtinstantie TEXT, kwalificaties TEXT, status TEXT, legitimatie TEXT, geldig_vanaf TEXT)"
    )
    c.execute("SELECT AddGeometryColumn('uitvoeringen', 'geom', 4326, 'POINT', 'XY')")
    selectie = SELECTIE.format(uuid=uuid, bron="bron.", vandaag="?")
    c.execute(
        "INSERT INTO uitvoeringen SELECT id, activiteit, activiteitnaam, naam, straat, huisnummer, postcode, "
        "woonplaats, gemeente, bevoegd_gezag, toezichtinstantie, kwalificaties, status, legitimatie, geldig_vanaf, "
        f"MakePoint(lon, lat, 4326) FROM ({selectie})",
        (vandaag, vandaag),
    )
    c.execute("SELECT CreateSpatialIndex('uitvoeringen', 'geom')")
    c.commit()
    aantal = c.execute("SELECT count(*) FROM uitvoeringen").fetchone()[0]
    c.close()
    return aantal


def maak_postgis(cursor, vandaag: str) -> int:
    """In the PostgreSQL scratch database: PostGIS and the peer table with a GiST index."""
    cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    cursor.execute("DROP TABLE IF EXISTS peer_uitvoeringen")
    selectie = SELECTIE.format(uuid="u.uuid::text", bron="", vandaag="%s")
    cursor.execute(
        "CREATE TABLE peer_uitvoeringen AS SELECT id, activiteit, activiteitnaam, naam, straat, huisnummer, postcode, "
        "woonplaats, gemeente, bevoegd_gezag, toezichtinstantie, kwalificaties, status, legitimatie, geldig_vanaf, "
        f"ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geometry(Point, 4326) AS geom FROM ({selectie}) s",
        [vandaag, vandaag],
    )
    cursor.execute("ALTER TABLE peer_uitvoeringen ADD PRIMARY KEY (id)")
    cursor.execute("CREATE INDEX peer_uitvoeringen_geom ON peer_uitvoeringen USING gist (geom)")
    cursor.execute("ANALYZE peer_uitvoeringen")
    cursor.execute("SELECT count(*) FROM peer_uitvoeringen")
    return cursor.fetchone()[0]


def configuratie(poort: int, provider: dict) -> dict:
    """A minimal pygeoapi configuration with one collection (JSON is YAML, so it is written as JSON)."""
    tekst = {"name": "OpenVTH benchmark", "url": "https://example.org"}
    return {
        "server": {
            "bind": {"host": "127.0.0.1", "port": poort},
            "url": f"http://127.0.0.1:{poort}",
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "languages": ["en-US"],
            "limits": {"default_items": 10, "max_items": 1000},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "OSM"},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "peer",
                "description": "peer",
                "keywords": ["register"],
                "keywords_type": "theme",
                "terms_of_service": "https://example.org",
                "url": "https://example.org",
            },
            "license": tekst,
            "provider": tekst,
            "contact": {"name": "benchmark", "email": "benchmark@example.org", "role": "pointOfContact"},
        },
        "resources": {
            "uitvoeringen": {
                "type": "collection",
                "title": "uitvoeringen",
                "description": "openbare activiteituitvoeringen",
                "keywords": ["register"],
                "extents": {
                    "spatial": {"bbox": [3.2, 50.7, 7.3, 53.6], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}
                },
                "providers": [{"type": "feature", "id_field": "id", **provider}],
            }
        },
    }


def start_opdracht(werkmap: Path, poort: int, provider: dict) -> tuple[list[str], dict[str, str]]:
    """Write the configuration and OpenAPI document; the gunicorn command (2 workers, as ours) and its env."""
    config = werkmap / "pygeoapi.yml"
    openapi = werkmap / "pygeoapi-openapi.yml"
    config.write_text(json.dumps(configuratie(poort, provider), indent=1))
    omgeving = {"PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(openapi), "PATH": str(PEER_VENV / "bin")}
    subprocess.run(
        [str(PEER_VENV / "bin" / "pygeoapi"), "openapi", "generate", str(config), "--output-file", str(openapi)],
        env=omgeving,
        check=True,
        capture_output=True,
        text=True,
    )
    opdracht = [
        str(PEER_VENV / "bin" / "gunicorn"),
        "-w",
        "2",
        "--threads",
        "4",
        "-k",
        "gthread",
        "-b",
        f"127.0.0.1:{poort}",
        "pygeoapi.flask_app:APP",
    ]
    return opdracht, omgeving


if __name__ == "__main__":
    print(maak_spatialite(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
