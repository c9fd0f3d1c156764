"""Map features of activity executions: flat properties, built by the database, joined by Python unread.

Why flat (ADR 0019): a map page holds up to 1,000 features. The full record (nested activity, VTH-object, address,
three organisations with names, dates, ~1 KB per feature) cost the database eight relations per row and made
the answer twice the size of what a map shows. A collection's items therefore carry the summary a map
client and its pop-up need: codes and names, the address, status and validity (`KAART_EIGENSCHAPPEN`), ~0.55 KB;
the full record is `…/items/{id}` (the feature's `id`). `kaart_feature` is the definition in Python, used for
the CRSs that need pyproj per point; `uitvoering_features` spells the same feature in SQL, `json_object(…)` on
SQLite and concatenated `to_json` values on PostgreSQL (`_Json`), over the queryset the selectors built (access
policy, filters, ordering and paging untouched). tests/ogc/test_geojson_sql.py holds the two equal.

The organisation codes are correlated scalar subqueries, not joins: PostgreSQL's planning time grows with every
joined relation (ADR 0014: 7–12 ms planning for nine), and a primary-key probe per row costs microseconds.
"""

from __future__ import annotations

import json

from django.db.models import Expression, F, Func, OuterRef, QuerySet, Subquery, TextField

from openvth.geo.crs import Crs
from openvth.organisaties.models import Organisatie
from openvth.register.presentatie import punt


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
    """A JSON object (with `sleutels`) or array of SQL expressions, as JSON text.

    SQLite: `json_object`/`json_array`. PostgreSQL: the text concatenated, each value as `to_json(value)` (NULL as
    `null`), nested objects and constants spliced in as they are: `json_build_object` looks up the output function
    of every argument on every row, which cost ~8 ms for a 900-feature page, against ~3 ms for the concatenation
    (PostgreSQL 15 on this machine). Keys are identifiers written here, never input, so they need no escaping.
    """

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
        functie = "json_object" if self.sleutels else "json_array"
        return f"{functie}({', '.join(delen)})", parameters

    def as_postgresql(self, compiler, connection, **extra):
        stukken, parameters = [], []
        for i, uitdrukking in enumerate(self.source_expressions):
            sleutel = f'"{self.sleutels[i]}":' if self.sleutels else ""
            if isinstance(uitdrukking, _Letterlijk):
                stukken.append(_tekst(sleutel + json.dumps(uitdrukking.waarde, ensure_ascii=False)))
                continue
            sql, p = compiler.compile(uitdrukking)
            parameters.extend(p)
            waarde = sql if isinstance(uitdrukking, _Json) else f"coalesce(to_json({sql})::text, 'null')"
            stukken.append(f"{_tekst(sleutel)} || {waarde}" if sleutel else waarde)
        open_, sluit = ("{", "}") if self.sleutels else ("[", "]")
        komma = f" || {_tekst(',')} || "
        return f"({_tekst(open_)} || {komma.join(stukken) or _tekst('')} || {_tekst(sluit)})", parameters


def _tekst(waarde: str) -> str:
    """A PostgreSQL string constant in query text that psycopg formats (a literal % doubled)."""
    return "'" + waarde.replace("'", "''").replace("%", "%%") + "'"


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


class Afgerond(_Sql):
    """round(x, 3) as a JSON number."""

    sqlite = "round(%(expressions)s, 3)"
    postgresql = "round((%(expressions)s)::numeric, 3)"


class AlsTekst(_Sql):
    """The JSON value as text (PostgreSQL would hand psycopg a json value, which it parses)."""

    postgresql = "(%(expressions)s)::text"


KAN = (Crs.CRS84, Crs.RD)

KAART_EIGENSCHAPPEN = (
    "versie",
    "activiteit",
    "activiteitNaam",
    "vthObjectNaam",
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
    "gemeente",
    "bevoegdGezag",
    "toezichtinstantie",
    "kwalificaties",
    "status",
    "legitimatie",
    "geldigVanaf",
    "geldigTot",
)
"""The properties of a map feature, in this order (docs/register.md, ADR 0019)."""


def kaart_feature(u, crs: Crs) -> dict:
    """A map feature from an execution loaded by the selectors, in Python (the CRSs that need pyproj)."""
    locatie = u.vth_object.locatie
    return {
        "type": "Feature",
        "id": str(u.uuid),
        "geometry": punt(locatie, crs),
        "properties": {
            "versie": u.versie,
            "activiteit": u.activiteit.code,
            "activiteitNaam": u.activiteit.naam,
            "vthObjectNaam": u.vth_object.naam,
            "straat": locatie.straat,
            "huisnummer": locatie.huisnummer,
            "huisletter": locatie.huisletter,
            "huisnummertoevoeging": locatie.huisnummertoevoeging,
            "postcode": locatie.postcode,
            "woonplaats": locatie.woonplaats,
            "gemeente": u.gemeente.code,
            "bevoegdGezag": u.bevoegd_gezag.code,
            "toezichtinstantie": u.toezichtinstantie.code,
            "kwalificaties": u.kwalificaties,
            "status": u.status,
            "legitimatie": u.legitimatie,
            "geldigVanaf": u.geldig_vanaf.isoformat() if u.geldig_vanaf else None,
            "geldigTot": u.geldig_tot.isoformat() if u.geldig_tot else None,
        },
    }


def _orgcode(veld: str) -> Subquery:
    return Subquery(Organisatie.objects.filter(pk=OuterRef(veld)).order_by().values("code")[:1])


def _geometrie(pad: str, crs: Crs) -> _Json:
    if crs is Crs.CRS84:
        return object_(type="Point", coordinates=lijst(F(f"{pad}lon"), F(f"{pad}lat")))
    return object_(type="Point", coordinates=lijst(Afgerond(F(f"{pad}x")), Afgerond(F(f"{pad}y"))))


def uitvoering_features(qs: QuerySet, crs: Crs) -> list[str]:
    """The map features of `qs` (activity executions, as `kaart_feature` spells them) as JSON texts."""
    locatie = "vth_object__locatie__"
    eigenschappen = object_(
        versie=F("versie"),
        activiteit=F("activiteit__code"),
        activiteitNaam=F("activiteit__naam"),
        vthObjectNaam=F("vth_object__naam"),
        straat=F(f"{locatie}straat"),
        huisnummer=F(f"{locatie}huisnummer"),
        huisletter=F(f"{locatie}huisletter"),
        huisnummertoevoeging=F(f"{locatie}huisnummertoevoeging"),
        postcode=F(f"{locatie}postcode"),
        woonplaats=F(f"{locatie}woonplaats"),
        gemeente=_orgcode("gemeente_id"),
        bevoegdGezag=_orgcode("bevoegd_gezag_id"),
        toezichtinstantie=_orgcode("toezichtinstantie_id"),
        kwalificaties=Kwalificaties(F("kwalificatiecodes")),
        status=F("status"),
        legitimatie=F("legitimatie"),
        geldigVanaf=F("geldig_vanaf"),
        geldigTot=F("geldig_tot"),
    )
    feature = object_(
        type="Feature", id=UuidTekst(F("uuid")), geometry=_geometrie(locatie, crs), properties=eigenschappen
    )
    return list(qs.annotate(_feature=AlsTekst(feature)).values_list("_feature", flat=True))
