"""Writing new register rows of an import batch: one multi-row INSERT … RETURNING id per table and chunk.

Why not `bulk_create`: Django's insert compiler prepares every value of every row through its field (about 40 µs per
row of 20 columns on this machine, 60 % of a national import's time when profiled). The importer already holds
checked, typed values; they only need the database's form, which is decided once per column here. The SQL is the
statement `bulk_create` sends (both engines return the ids in row order, which `bulk_create` relies on too), so the
ids come back without a second query: on SQLite a multi-row VALUES list; on PostgreSQL one array per column through
UNNEST, as Django 5.2's own `bulk_create` does. A VALUES list with 30,000 placeholders would spend half of a
PostgreSQL import in psycopg's client-side parsing of the statement, which differs in length from batch to batch.
Constraints, triggers (search index, spatial index) and transactions are the database's, exactly as for the ORM.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache

from django.db import connection, models

MAX_PARAMETERS = 30_000
"""Below SQLite's 32,766 bound variables per statement (PostgreSQL allows 65,535)."""


class Invoeger:
    """Inserts rows given as tuples in the order of `velden` (attnames); other columns get their fixed default."""

    def __init__(self, model: type[models.Model], velden: Sequence[str]):
        self.model = model
        self.velden = tuple(velden)
        gegeven = set(self.velden)
        kolommen, self.vast = [], []
        for veld in model._meta.concrete_fields:
            if veld.primary_key:
                continue
            kolommen.append(veld.column)  # a JSON default (list, dict) is stored as its text, once for all rows
            if veld.attname in gegeven:
                continue
            if veld.has_default() and callable(veld.default) and not isinstance(veld, models.JSONField):
                raise ValueError(f"{model.__name__}.{veld.attname}: geef een waarde (de standaard is niet vast)")
            standaard = veld.get_default()
            if standaard is None and not veld.null:
                raise ValueError(f"{model.__name__}.{veld.attname}: verplicht veld zonder waarde")
            self.vast.append((veld.attname, self._vorm(veld, standaard)))
        self.volgorde = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        self.soorten = {f.attname: f for f in model._meta.concrete_fields}
        kwoot = connection.ops.quote_name
        self.kop = f"INSERT INTO {kwoot(model._meta.db_table)} ({', '.join(kwoot(k) for k in kolommen)}) VALUES "
        self.plaats = "(" + ", ".join(["%s"] * len(kolommen)) + ")"
        self.staart = f" RETURNING {kwoot(model._meta.pk.column)}"
        self.per_keer = max(1, MAX_PARAMETERS // len(kolommen))
        self.unnest = connection.vendor == "postgresql"
        if self.unnest:
            # Types without their length (varchar[] rather than varchar(40)[]): as Django, no silent truncation.
            typen = [self._arraytype(self.soorten[naam]) for naam in self.volgorde]
            self.kop = f"{self.kop.removesuffix(' VALUES ')} SELECT * FROM UNNEST({', '.join(typen)})"
        vast = dict(self.vast)
        positie = {naam: i for i, naam in enumerate(self.velden)}
        # For each column: ("rij", index in the given tuple) or ("vast", value).
        self.bron = [("rij", positie[naam]) if naam in positie else ("vast", vast[naam]) for naam in self.volgorde]

    @staticmethod
    def _arraytype(veld: models.Field) -> str:
        doel = veld.target_field if veld.is_relation else veld
        if isinstance(doel, models.JSONField):
            return "(%s)::text[]::jsonb[]"  # the values are JSON texts already
        return f"(%s)::{doel.db_type(connection).split('(')[0]}[]"

    @staticmethod
    def _vorm(veld: models.Field, waarde):
        if waarde is None:
            return None
        if isinstance(veld, models.JSONField):
            return json.dumps(waarde)
        return waarde

    def voeg_in(self, rijen: list[tuple]) -> list[int]:
        """Insert; returns the new primary keys in the order of `rijen`."""
        ids: list[int] = []
        if not rijen:
            return ids
        with connection.cursor() as cursor:
            if self.unnest:
                kolommen = [[rij[i] for rij in rijen] if soort == "rij" else [i] * len(rijen) for soort, i in self.bron]
                cursor.execute(self.kop + self.staart, kolommen)
                return [r[0] for r in cursor.fetchall()]
            for begin in range(0, len(rijen), self.per_keer):
                deel = rijen[begin : begin + self.per_keer]
                parameters: list = []
                for rij in deel:
                    parameters.extend(rij[i] if soort == "rij" else i for soort, i in self.bron)
                cursor.execute(self.kop + ", ".join([self.plaats] * len(deel)) + self.staart, parameters)
                ids.extend(r[0] for r in cursor.fetchall())
        return ids


def db_uuid(waarde: uuidlib.UUID):
    """A UUID as the backend stores it: 32 hex characters on SQLite (Django's char(32)), the uuid type elsewhere."""
    return waarde.hex if _sqlite() else waarde


def db_datum(waarde: date | None):
    """A date as the backend takes it (SQLite: ISO text, as Django's adapter makes it)."""
    if waarde is None:
        return None
    return waarde.isoformat() if _sqlite() else waarde


def db_tijd(waarde: datetime):
    return connection.ops.adapt_datetimefield_value(waarde)


def db_json(waarde) -> str:
    return json.dumps(waarde)


@cache
def _sqlite() -> bool:
    """The vendor, asked once: the connection proxy's attribute lookup costs more than the conversion itself."""
    return connection.vendor == "sqlite"
