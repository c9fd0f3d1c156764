"""Bulk writing for the register's big writers (generator, import, risk scores, programme tasks).

Kept free of models and of Django's set-up, so that the benchmark's raw limit can take the same connection
settings (benchmarks/__main__.py `ruwe_limiet`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from contextlib import contextmanager

SQLITE_CACHE_KIB = 262_144
"""The page cache of a bulk-writing SQLite connection: the default 2 MiB makes every index insert a disk read."""
SQLITE_CHECKPOINT_PAGES = 10_000
"""WAL pages (~40 MB) between automatic checkpoints while bulk writing: the default 1,000 made every commit of an
import batch run a checkpoint with its fsync."""
SQLITE_PRAGMAS = {"cache_size": -SQLITE_CACHE_KIB, "wal_autocheckpoint": SQLITE_CHECKPOINT_PAGES}


@contextmanager
def grote_cache(db):
    """SQLite only: `SQLITE_PRAGMAS` for this connection while writing in bulk; the previous values come back
    afterwards. Durability is unchanged (WAL with synchronous=NORMAL, as for every connection)."""
    if db.vendor != "sqlite":
        yield
        return
    with db.cursor() as cursor:
        vorige = {}
        for pragma, waarde in SQLITE_PRAGMAS.items():
            cursor.execute(f"PRAGMA {pragma}")
            vorige[pragma] = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA {pragma} = {waarde}")
    try:
        yield
    finally:
        if not db.needs_rollback:  # else the caller's transaction is broken; the setting dies with the connection
            with db.cursor() as cursor:
                for pragma, waarde in vorige.items():
                    cursor.execute(f"PRAGMA {pragma} = {int(waarde)}")


def schrijf_rijen(
    db, tabel: str, kolommen: list[str] | tuple[str, ...], rijen: Iterable[tuple], batch: int, *, kopie: bool = True
) -> None:
    """Append many rows to one table: one COPY on PostgreSQL, one `executemany` per `batch` rows elsewhere (or
    with `kopie=False`).

    Values go as the database adapter takes them (str, int, float, bool, None, bytes, date). Why COPY: PostgreSQL
    pays a parse/bind/execute round per row of an `executemany` (and psycopg a Python dump per value); COPY
    streams the rows through psycopg's C writer into one command. Triggers and constraints run all the same.
    """
    kwoot = db.ops.quote_name
    lijst = f"{kwoot(tabel)} ({', '.join(kwoot(k) for k in kolommen)})"
    with db.cursor() as cursor:
        if kopie and db.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {lijst} FROM STDIN") as copy:
                for rij in rijen:
                    copy.write_row(rij)
            return
        sql = f"INSERT INTO {lijst} VALUES ({', '.join(['%s'] * len(kolommen))})"
        rijen = iter(rijen)
        while deel := list(itertools.islice(rijen, batch)):
            cursor.executemany(sql, deel)
