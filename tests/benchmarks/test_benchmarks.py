"""The benchmark scripts at tiny size, for real: every step runs, every report row has the contract's shape.

No timing is asserted (budgets apply to the national set on a quiet machine; `make bench`). This runs the whole
runner in a subprocess against its own scratch databases, on the engine the suite runs on (DATABASE_URL).
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from benchmarks import kladblok
from benchmarks.kader import VELDEN, controleer, mediaan, p95

WORTEL = Path(__file__).resolve().parents[2]
VERWACHT = (
    "generate",
    "import ",
    "import: verhouding tot ruwe executemany",
    "import: verhouding tot django-import-export",
    "kaartvraag bbox",
    "kaartvraag: verhouding tot ruwe SQL",
    "kaartvraag: pygeoapi",
    "tekst zoeken",
    "locatiepagina HTML",
    "API-lijsten met filters",
    "doorvoer detail-endpoint",
)


def _pg_server() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    delen = urlsplit(url)
    return urlunsplit((delen.scheme, delen.netloc, "", "", ""))


def test_statistiek():
    assert mediaan([3, 1, 2]) == 2 and mediaan([1, 2, 3, 4]) == 2.5
    assert p95(list(range(1, 21))) == 19
    with pytest.raises(ValueError):
        controleer({"naam": "x"})


def test_kleine_benchmark_draait_helemaal(tmp_path):
    server = _pg_server()
    soort = "postgresql" if server else "sqlite"
    opdracht = [
        sys.executable,
        "-m",
        "benchmarks",
        "--klein",
        "--db",
        soort,
        "--werkmap",
        str(tmp_path / "werk"),
        "--uit",
        str(tmp_path / "uit"),
    ]
    if server:
        opdracht += ["--postgresql", server]
    omgeving = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    uitslag = subprocess.run(opdracht, cwd=WORTEL, env=omgeving, capture_output=True, text=True, timeout=900)
    assert uitslag.returncode == 0, uitslag.stdout[-3000:] + uitslag.stderr[-5000:]
    rapporten = list((tmp_path / "uit").glob(f"*-{soort}-klein.json"))
    assert len(rapporten) == 1 and rapporten[0].with_suffix(".md").exists()
    rijen = json.loads(rapporten[0].read_text())["metingen"]
    for rij in rijen:
        controleer(rij)
        assert set(rij) == set(VELDEN)
        assert "FOUT" not in rij["toelichting"], rij
        assert rij["gehaald"] is None, "een kleine proef oordeelt niet over budgetten"
    namen = [r["naam"] for r in rijen]
    for begin in VERWACHT:
        assert any(n.startswith(begin) for n in namen), (begin, namen)
    gemeten = {r["naam"]: r for r in rijen if not r["toelichting"].startswith("niet gemeten")}
    assert all(r["mediaan"] is not None for r in gemeten.values())


def _weigert_vreemde_sqlite(tmp_path):
    map_ = tmp_path / "nationaal"
    map_.mkdir()
    verbinding = sqlite3.connect(map_ / kladblok.SQLITE_NAAM)
    verbinding.execute("CREATE TABLE auth_user (id integer)")
    verbinding.close()
    with pytest.raises(kladblok.GeenKladblok, match="geen kladdatabase"):
        kladblok.sqlite_nieuw(tmp_path, "nationaal")
    assert (map_ / kladblok.SQLITE_NAAM).exists()


def test_eigen_sqlite_wordt_vervangen(tmp_path):
    eerste = kladblok.sqlite_nieuw(tmp_path, "nationaal")
    tweede = kladblok.sqlite_nieuw(tmp_path, "nationaal")
    assert eerste.bestand == tweede.bestand and kladblok._sqlite_heeft_kenmerk(tweede.bestand)


@pytest.mark.django_db
def test_meten_alleen_op_een_kladdatabase():
    with pytest.raises(kladblok.GeenKladblok, match="make bench"):
        kladblok.vereis_kladblok()


def test_weigert_een_vreemde_database_van_de_eigen_soort(tmp_path):
    """On the engine this suite runs on: a database the benchmark did not create is refused and left intact."""
    server = _pg_server()
    if server is None:
        _weigert_vreemde_sqlite(tmp_path)
    else:
        _weigert_vreemde_postgresql(server, tmp_path)


def _weigert_vreemde_postgresql(server, tmp_path):
    import psycopg

    naam = f"{kladblok.VOORVOEGSEL}_vreemd_test"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as beheer:
        beheer.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        beheer.execute(f'CREATE DATABASE "{naam}"')
    try:
        with pytest.raises(kladblok.GeenKladblok, match="geen kladdatabase"):
            kladblok.pg_nieuw(server, tmp_path, "vreemd_test")
        with psycopg.connect(f"{server}/postgres") as beheer:
            assert beheer.execute("SELECT 1 FROM pg_database WHERE datname = %s", (naam,)).fetchone()
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as beheer:
            beheer.execute(f'DROP DATABASE IF EXISTS "{naam}"')
