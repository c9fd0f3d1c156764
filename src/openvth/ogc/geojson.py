"""GeoJSON features built by the database: one JSON text per row, joined by Python without looking inside.

Why: a map page of 1,000 activity executions through model instances and `uitvoering_dict` costs ~100 ms of
Python on this machine (six related objects per row, then json.dumps), twenty times the indexed query itself.
Here the query that the selectors built (access policy, filters, ordering and paging untouched) selects one
expression per row, `json_object(…)` on SQLite and `json_build_object(…)` on PostgreSQL, that spells the same
feature `uitvoering_dict` would; tests/ogc/test_geojson_sql.py holds the two paths equal. Only CRS84 and RD New
are built this way (stored columns); the other CRSs need pyproj per point and take the Python path.
"""

from __future__ import annotations

from django.db.models import Expression, F, Func, QuerySet, TextField

from openvth.geo.crs import Crs


class _Letterlijk(Expression):
    """A constant in the SQL text itself: PostgreSQL cannot type a bare parameter inside json_build_object."""

    def __init__(self, waarde: str | None):
        super().__init__(output_field=TextField())
        self.waarde = waarde

    def as_sql(self, compiler, connection):
        if self.waarde is None:
            return "NULL", []
        return "'" + str(self.waarde).replace("'", "''") + "'", []


class _Json(Func):
    output_field = TextField()

    def __init__(self, *uitdrukkingen, sleutels: tuple[str, ...] = ()):
        self.sleutels = sleutels
        super().__init__(
            *[u if hasattr(u, "resolve_expression") else _Letterlijk(u) for u in uitdrukkingen],
            output_field=TextField(),
        )

    def as_sql(self, compiler, connection, **extra):
        delen, parameters = [], []
        for i, uitdrukking in enumerate(self.source_expressions):
            sql, p = compiler.compile(uitdrukking)
            delen.append(f"'{self.sleutels[i]}', {sql}" if self.sleutels else sql)
            parameters.extend(p)
        sqlite = connection.vendor == "sqlite"
        if self.sleutels:
            functie = "json_object" if sqlite else "json_build_object"
        else:
            functie = "json_array" if sqlite else "json_build_array"
        return f"{functie}({', '.join(delen)})", parameters


def object_(**velden) -> _Json:
    return _Json(*velden.values(), sleutels=tuple(velden))


def lijst(*waarden) -> _Json:
    return _Json(*waarden)


class _Sql(Func):
    """One SQL fragment per backend around one column."""

    output_field = TextField()
    sqlite = "%(expressions)s"
    postgresql = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=self.sqlite, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=self.postgresql, **extra)


class UuidTekst(_Sql):
    """Django keeps a UUID as 32 hex digits on SQLite; the API writes it with hyphens."""

    sqlite = (
        "lower(substr(%(expressions)s, 1, 8) || '-' || substr(%(expressions)s, 9, 4) || '-' || "
        "substr(%(expressions)s, 13, 4) || '-' || substr(%(expressions)s, 17, 4) || '-' || substr(%(expressions)s, 21))"
    )
    postgresql = "(%(expressions)s)::text"


class Kwalificaties(_Sql):
    """';a;b;' as stored → the JSON list ["a", "b"] (the codes are enumeration values: no quoting needed)."""

    sqlite = (
        "(CASE WHEN %(expressions)s = '' THEN json_array() ELSE json('[\"' || "
        "replace(substr(%(expressions)s, 2, length(%(expressions)s) - 2), ';', '\",\"') || '\"]') END)"
    )
    postgresql = "to_json(string_to_array(trim(both ';' from %(expressions)s), ';'))"


class Tijdstip(_Sql):
    """An aware timestamp as Python's isoformat() in UTC writes it."""

    sqlite = "(replace(%(expressions)s, ' ', 'T') || '+00:00')"
    postgresql = "to_char((%(expressions)s) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')"


class Afgerond(_Sql):
    """round(x, 3) as a JSON number."""

    sqlite = "round(%(expressions)s, 3)"
    postgresql = "round((%(expressions)s)::numeric, 3)"


class AlsTekst(_Sql):
    """The JSON value as text (PostgreSQL would hand psycopg a json value, which it parses)."""

    postgresql = "(%(expressions)s)::text"


def _org(pad: str) -> _Json:
    return object_(code=F(f"{pad}__code"), naam=F(f"{pad}__naam"))


def _geometrie(pad: str, crs: Crs) -> _Json:
    if crs is Crs.CRS84:
        return object_(type="Point", coordinates=lijst(F(f"{pad}lon"), F(f"{pad}lat")))
    return object_(type="Point", coordinates=lijst(Afgerond(F(f"{pad}x")), Afgerond(F(f"{pad}y"))))


KAN = (Crs.CRS84, Crs.RD)


def uitvoering_features(qs: QuerySet, crs: Crs) -> list[str]:
    """The features of `qs` (activity executions as the public sees them: no party names) as JSON texts."""
    locatie = "vth_object__locatie__"
    adres = object_(
        straat=F(f"{locatie}straat"),
        huisnummer=F(f"{locatie}huisnummer"),
        huisletter=F(f"{locatie}huisletter"),
        huisnummertoevoeging=F(f"{locatie}huisnummertoevoeging"),
        postcode=F(f"{locatie}postcode"),
        woonplaats=F(f"{locatie}woonplaats"),
        bagId=F(f"{locatie}bag_id"),
    )
    eigenschappen = object_(
        id=UuidTekst(F("uuid")),
        versie=F("versie"),
        activiteit=object_(code=F("activiteit__code"), naam=F("activiteit__naam")),
        vthObject=object_(
            id=UuidTekst(F("vth_object__uuid")),
            naam=F("vth_object__naam"),
            adres=adres,
            locatieId=UuidTekst(F(f"{locatie}uuid")),
        ),
        uitvoerder=None,
        bevoegdGezag=_org("bevoegd_gezag"),
        toezichtinstantie=_org("toezichtinstantie"),
        gemeente=_org("gemeente"),
        kwalificaties=Kwalificaties(F("kwalificatiecodes")),
        status=F("status"),
        omschrijving=F("omschrijving"),
        legitimatie=F("legitimatie"),
        ontstaansdatum=F("ontstaansdatum"),
        beeindigingsdatum=F("beeindigingsdatum"),
        geldigVanaf=F("geldig_vanaf"),
        geldigTot=F("geldig_tot"),
        geregistreerdOp=Tijdstip(F("geregistreerd_op")),
        vertrouwelijkheid=F("vertrouwelijkheid"),
    )
    feature = object_(
        type="Feature", id=UuidTekst(F("uuid")), geometry=_geometrie(locatie, crs), properties=eigenschappen
    )
    return list(qs.annotate(_feature=AlsTekst(feature)).values_list("_feature", flat=True))
