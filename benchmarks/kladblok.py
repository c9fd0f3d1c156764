"""Scratch databases: the benchmark only ever writes to a database it created itself.

Every scratch database carries a sentinel table (`KENMERK`) written the moment it is created. A database (SQLite
file or PostgreSQL database) that exists without it is refused with a clear message, so neither demo nor
production data can be generated over, imported into or dropped: not by a wrong path, not by a DATABASE_URL left
in the shell. PostgreSQL names must also start with `VOORVOEGSEL`. The measuring processes check the sentinel
again (`vereis_kladblok`) before they touch anything.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

KENMERK = "openvth_benchmark_kladblok"
VOORVOEGSEL = "openvth_bench"
SQLITE_NAAM = "openvth.sqlite3"
_NAAM = re.compile(r"^[a-z0-9_]{1,50}$")


class GeenKladblok(Exception):
    """The target is not a scratch database of the benchmark; nothing was touched."""


@dataclass(frozen=True)
class Kladblok:
    """One scratch database and the environment that points the `openvth` command at it."""

    soort: str  # sqlite or postgresql
    naam: str
    map: Path  # OPENVTH_DATA_DIR: import reports, uploads
    url: str = ""  # PostgreSQL only

    @property
    def bestand(self) -> Path:
        return self.map / SQLITE_NAAM

    def omgeving(self) -> dict[str, str]:
        omgeving = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OPENVTH_SQLITE_PATH")}
        omgeving["OPENVTH_DATA_DIR"] = str(self.map)
        omgeving["DJANGO_SETTINGS_MODULE"] = "openvth.conf.settings"
        if self.soort == "postgresql":
            omgeving["DATABASE_URL"] = self.url
        return omgeving


def _kenmerk_sql() -> list[str]:
    return [
        f"CREATE TABLE {KENMERK} (doel varchar(200) NOT NULL)",
        f"INSERT INTO {KENMERK} (doel) VALUES ('scratch database of benchmarks/; may be dropped')",
    ]


# --- SQLite ------------------------------------------------------------------------------------------------


def _sqlite_heeft_kenmerk(bestand: Path) -> bool:
    verbinding = sqlite3.connect(f"file:{bestand}?mode=ro", uri=True)
    try:
        return bool(
            verbinding.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (KENMERK,)).fetchone()
        )
    except sqlite3.DatabaseError:
        return False
    finally:
        verbinding.close()


def sqlite_nieuw(werkmap: Path, naam: str) -> Kladblok:
    """A fresh SQLite scratch database in `werkmap/naam/`; an existing one is replaced only if it is ours."""
    if not _NAAM.match(naam):
        raise GeenKladblok(f"Ongeldige naam voor een kladdatabase: {naam!r}")
    map_ = werkmap / naam
    blok = Kladblok("sqlite", naam, map_)
    if map_.exists():
        # Only a folder whose database carries our sentinel is ours to empty; anything else stays untouched.
        if not blok.bestand.exists():
            if any(map_.iterdir()):
                raise GeenKladblok(f"{map_} bestaat en is geen kladmap van de benchmark; de benchmark wist hem niet.")
        elif not _sqlite_heeft_kenmerk(blok.bestand):
            raise GeenKladblok(
                f"{blok.bestand} bestaat en is geen kladdatabase van de benchmark (tabel {KENMERK} ontbreekt); "
                "de benchmark raakt hem niet aan. Kies een andere --werkmap."
            )
        shutil.rmtree(map_)
    map_.mkdir(parents=True)
    verbinding = sqlite3.connect(blok.bestand)
    with verbinding:
        for sql in _kenmerk_sql():
            verbinding.execute(sql)
    verbinding.close()
    return blok


def sqlite_kopie(bron: Kladblok, naam: str) -> Kladblok:
    """A copy of a scratch database (sentinel included), for a run that must start from the same state."""
    doel = sqlite_nieuw(bron.map.parent, naam)
    bron_verbinding = sqlite3.connect(bron.bestand)
    doel.bestand.unlink()
    doel_verbinding = sqlite3.connect(doel.bestand)
    bron_verbinding.backup(doel_verbinding)
    bron_verbinding.close()
    doel_verbinding.close()
    return doel


# --- PostgreSQL --------------------------------------------------------------------------------------------


def _met_database(server: str, database: str) -> str:
    delen = urlsplit(server)
    return urlunsplit((delen.scheme, delen.netloc, f"/{database}", delen.query, ""))


def _pg_heeft_kenmerk(url: str) -> bool:
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as verbinding:
        return verbinding.execute("SELECT to_regclass(%s) IS NOT NULL", (KENMERK,)).fetchone()[0]


def pg_nieuw(server: str, werkmap: Path, naam: str, *, sjabloon: Kladblok | None = None) -> Kladblok:
    """A fresh PostgreSQL scratch database `openvth_bench_<naam>` (optionally a copy of `sjabloon`)."""
    import psycopg

    if not _NAAM.match(naam):
        raise GeenKladblok(f"Ongeldige naam voor een kladdatabase: {naam!r}")
    database = f"{VOORVOEGSEL}_{naam}"
    url = _met_database(server, database)
    with psycopg.connect(_met_database(server, "postgres"), autocommit=True, connect_timeout=5) as beheer:
        bestaat = beheer.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if bestaat:
            if not _pg_heeft_kenmerk(url):
                raise GeenKladblok(
                    f"Database {database} bestaat en is geen kladdatabase van de benchmark (tabel {KENMERK} "
                    "ontbreekt); de benchmark raakt haar niet aan."
                )
            beheer.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        if sjabloon is not None:
            beheer.execute(f'CREATE DATABASE "{database}" TEMPLATE "{VOORVOEGSEL}_{sjabloon.naam}"')
        else:
            beheer.execute(f'CREATE DATABASE "{database}"')
    if sjabloon is None:
        with psycopg.connect(url) as verbinding:
            for sql in _kenmerk_sql():
                verbinding.execute(sql)
    map_ = werkmap / f"pg-{naam}"
    shutil.rmtree(map_, ignore_errors=True)
    map_.mkdir(parents=True)
    return Kladblok("postgresql", naam, map_, url)


def pg_weg(blok: Kladblok, server: str) -> None:
    """Drop a scratch database of ours (sentinel checked again first)."""
    import psycopg

    if not _pg_heeft_kenmerk(blok.url):
        raise GeenKladblok(f"{blok.url} is geen kladdatabase; niet verwijderd.")
    with psycopg.connect(_met_database(server, "postgres"), autocommit=True) as beheer:
        beheer.execute(f'DROP DATABASE "{VOORVOEGSEL}_{blok.naam}" WITH (FORCE)')


# --- inside a measuring process ------------------------------------------------------------------------------


def vereis_kladblok() -> None:
    """Refuse to measure unless Django's default database is a scratch database of the benchmark."""
    from django.db import connection

    if KENMERK not in connection.introspection.table_names():
        naam = connection.settings_dict.get("NAME")
        raise GeenKladblok(
            f"De database {naam} is geen kladdatabase van de benchmark (tabel {KENMERK} ontbreekt). De benchmark "
            "draait alleen op een database die hij zelf aanmaakte: start hem met `make bench`."
        )
