"""The hash chain over the audit trail and the access log (ADR 0022).

Each row stores `vorige_hash`, the hash of the row before it (by id), and `hash` = SHA-256 of
`vorige_hash + "\\n" + inhoud`, where `inhoud` is the row's canonical content: a JSON object of every column
but `id`, `hash` and `vorige_hash`, with keys sorted, no whitespace, ASCII only, NULL columns left out (so a
nullable column added later keeps older hashes valid), the time as UTC `YYYY-MM-DDTHH:MM:SS.ffffffZ`, and
numbers in JSON values that are whole written as integers (PostgreSQL's jsonb returns `1e+20` as
`100000000000000000000`). The first row's `vorige_hash` is 64 zeros. The same row thus hashes the same on
SQLite and PostgreSQL, and after a move from one to the other.

Writers take the next link under a lock held to the end of their transaction (PostgreSQL: an advisory lock;
SQLite: the write lock, taken at BEGIN IMMEDIATE), so two writers can never both follow the same row. The time is
read from the database clock in that same step; a trigger refuses an insert whose time is not the database's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from django.db import connections, models

NUL_HASH = "0" * 64
UITGESLOTEN = frozenset({"id", "hash", "vorige_hash"})
# How far an inserted time may lie behind the database clock: the time is read in the same transaction, a few
# milliseconds before the INSERT; anything older is a client-supplied time.
VENSTER_SECONDEN = 10

_legen_toegestaan: ContextVar[bool] = ContextVar("openvth_audit_legen", default=False)


@cache
def ketenvelden(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(f for f in model._meta.concrete_fields if f.name not in UITGESLOTEN)


def _canoniek(waarde: Any) -> Any:
    if isinstance(waarde, datetime):
        return waarde.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(waarde, float) and waarde.is_integer():
        return int(waarde)
    if isinstance(waarde, Mapping):
        return {k: _canoniek(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_canoniek(v) for v in waarde]
    return waarde


def inhoud(waarden: Mapping[str, Any], json_velden: Iterable[str] = ()) -> str:
    """The canonical text of one row, from its column values as the database returns them."""
    rij = {}
    for naam, waarde in waarden.items():
        if naam in UITGESLOTEN or waarde is None:
            continue
        if naam in json_velden:
            waarde = json.loads(json.dumps(waarde))  # as stored: tuples become lists, keys become strings
        rij[naam] = _canoniek(waarde)
    return json.dumps(rij, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def bereken(vorige_hash: str, tekst: str) -> str:
    return hashlib.sha256(f"{vorige_hash}\n{tekst}".encode("ascii")).hexdigest()


@cache
def _json_velden(model: type[models.Model]) -> frozenset[str]:
    return frozenset(f.name for f in ketenvelden(model) if isinstance(f, models.JSONField))


def rij_hash(model: type[models.Model], waarden: Mapping[str, Any], vorige_hash: str) -> str:
    return bereken(vorige_hash, inhoud(waarden, _json_velden(model)))


def _vergrendelsleutel(tabel: str) -> int:
    return int.from_bytes(hashlib.sha256(f"openvth-keten:{tabel}".encode()).digest()[:8], "big", signed=True)


def rijg(model: type[models.Model], objecten: list[models.Model], using: str) -> None:
    """Give `objecten` the database time and their links, in order; call inside the inserting transaction."""
    if not objecten:
        return
    verbinding = connections[using]
    tabel = verbinding.ops.quote_name(model._meta.db_table)
    laatste = f"(SELECT hash FROM {tabel} ORDER BY id DESC LIMIT 1)"
    with verbinding.cursor() as c:
        if verbinding.vendor == "postgresql":
            # Lock first, then read in a second statement: its snapshot sees the row of the writer before us.
            c.execute("SELECT pg_advisory_xact_lock(%s)", [_vergrendelsleutel(model._meta.db_table)])
            c.execute(f"SELECT clock_timestamp(), {laatste}")
            nu, vorige = c.fetchone()
            nu = nu.astimezone(UTC)
        else:
            c.execute(f"SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), {laatste}")
            tekst, vorige = c.fetchone()
            nu = datetime.fromisoformat(tekst).replace(tzinfo=UTC)
    vorige = vorige or NUL_HASH
    velden = ketenvelden(model)
    for obj in objecten:
        obj.tijdstip = nu
        obj.vorige_hash = vorige
        obj.hash = rij_hash(model, {f.name: f.to_python(getattr(obj, f.attname)) for f in velden}, vorige)
        vorige = obj.hash


# Reading and checking the chain.


@dataclass(frozen=True)
class Breuk:
    tabel: str
    id: int
    melding: str


@dataclass(frozen=True)
class Uitslag:
    tabel: str
    aantal: int
    laatste_id: int | None
    laatste_hash: str
    breuk: Breuk | None = None


def _rijen(model: type[models.Model]) -> Iterator[dict[str, Any]]:
    namen = ["id", "hash", "vorige_hash", *(f.name for f in ketenvelden(model))]
    return model._base_manager.order_by("id").values(*namen).iterator(chunk_size=2000)


def _beschrijf(rij: Mapping[str, Any]) -> str:
    tijd = rij["tijdstip"].astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if rij.get("tijdstip") else "zonder tijd"
    wat = rij.get("actie") or rij.get("doel") or ""
    return f"regel {rij['id']} ({tijd}, {rij.get('actor_naam') or '-'}: {wat} {rij.get('object_soort', '')})"


def controleer(model: type[models.Model], ankers: Mapping[int, str] | None = None) -> Uitslag:
    """Walk the chain in id order; stop at the first broken link and say what it means."""
    tabel = model._meta.db_table
    ankers = dict(ankers or {})
    aantal, vorige_rij, voorvorige_hash, verwacht = 0, None, None, NUL_HASH

    def breuk(rij_id: int, melding: str) -> Uitslag:
        return Uitslag(tabel, aantal, vorige_rij["id"] if vorige_rij else None, verwacht, Breuk(tabel, rij_id, melding))

    for rij in _rijen(model):
        eigen = rij_hash(model, rij, rij["vorige_hash"])
        if eigen != rij["hash"]:
            return breuk(rij["id"], f"{_beschrijf(rij)} is gewijzigd: de inhoud past niet bij de opgeslagen hash.")
        if rij["vorige_hash"] != verwacht:
            if vorige_rij is None:
                melding = (
                    f"de eerste {_beschrijf(rij)} verwijst naar een voorganger die er niet meer is: "
                    "regels aan het begin van de keten zijn verwijderd."
                )
            elif rij["vorige_hash"] == voorvorige_hash:
                melding = (
                    f"{_beschrijf(rij)} volgt in de keten op de regel vóór regel {vorige_rij['id']}: "
                    f"regel {vorige_rij['id']} is er later tussen gezet."
                )
            else:
                melding = (
                    f"{_beschrijf(rij)} volgt in de keten niet op regel {vorige_rij['id']}: "
                    f"daartussen is een regel verwijderd (of de hash van regel {vorige_rij['id']} is herschreven)."
                )
            return breuk(rij["id"], melding)
        if rij["id"] in ankers and ankers.pop(rij["id"]) != rij["hash"]:
            return breuk(rij["id"], f"{_beschrijf(rij)} heeft niet de hash die als anker is vastgelegd.")
        aantal += 1
        voorvorige_hash, verwacht, vorige_rij = verwacht, rij["hash"], rij
    if ankers:
        rij_id = min(ankers)
        return breuk(rij_id, f"regel {rij_id}, vastgelegd als anker, bestaat niet meer: de keten is ingekort.")
    return Uitslag(tabel, aantal, vorige_rij["id"] if vorige_rij else None, verwacht)


# Emptying the tables: only Django's flush (tests, a demo reset) may, on SQLite through this per-connection flag.


@contextmanager
def legen_toegestaan():
    token = _legen_toegestaan.set(True)
    try:
        yield
    finally:
        _legen_toegestaan.reset(token)


def registreer_sqlite_functie(sender, connection, **kwargs) -> None:
    """`openvth_audit_legen()` for the SQLite DELETE triggers; a connection without it cannot delete at all."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("openvth_audit_legen", 0, lambda: int(_legen_toegestaan.get()))
