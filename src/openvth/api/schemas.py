"""Shared API schemas: camelCase on the wire, strict query parameters, paging envelope."""

from __future__ import annotations

import re
from datetime import date
from math import ceil
from typing import Generic, TypeVar, get_args

from django.db.models import QuerySet
from ninja import Schema
from pydantic import ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel

from openvth.audit import services as audit
from openvth.gedeeld.telling import tel_tot

T = TypeVar("T")


def _is_tijd(soort) -> bool:
    return (isinstance(soort, type) and issubclass(soort, date)) or any(_is_tijd(a) for a in get_args(soort))


def _is_waarheid(soort) -> bool:
    return soort is bool or any(_is_waarheid(a) for a in get_args(soort))


def _heeft_nul(waarde) -> bool:
    if isinstance(waarde, str):
        return "\x00" in waarde
    if isinstance(waarde, dict):
        return any(_heeft_nul(k) or _heeft_nul(v) for k, v in waarde.items())
    if isinstance(waarde, list | tuple):
        return any(_heeft_nul(v) for v in waarde)
    return False


ISO_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Invoerregels(Schema):
    """Three rules for every value on the wire, in query and body alike:

    * no NUL character in text: PostgreSQL cannot store one (a 500 on that engine, stored as given on SQLite);
    * a date is ISO 8601 (NL API Design Rules /core/date-time): pydantic also reads a number, or a string of
      digits, as Unix time, so `peildatum=0` became 1 January 1970 and was answered, not refused;
    * an input boolean is not a number: pydantic reads 0 and 1 as false and true, so `"relevant": 0` was
      answered where the schema says boolean (schemathesis, seeded by the examples of ADR 0026). A query
      string's `true`/`false` is text, not a number, and stays accepted.
    """

    @field_validator("*", mode="before")
    @classmethod
    def _regels(cls, waarde, info):
        if _heeft_nul(waarde):
            raise ValueError("Tekst mag geen NUL-teken (U+0000) bevatten.")
        soort = cls.model_fields[info.field_name].annotation
        invoer = cls.model_config.get("extra") == "forbid"  # input (body, query); an output may hold SQLite's 0/1
        if invoer and isinstance(waarde, int | float) and not isinstance(waarde, bool) and _is_waarheid(soort):
            raise ValueError("Gebruik true of false.")
        if waarde is None or isinstance(waarde, date) or not _is_tijd(soort):
            return waarde
        if isinstance(waarde, str) and ISO_DATUM.match(waarde):
            return waarde
        raise ValueError("Gebruik een datum in ISO 8601 (JJJJ-MM-DD).")


class CamelSchema(_Invoerregels):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class Parameters(_Invoerregels):
    """Query parameters: an unknown parameter is refused (400), never silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# The deepest page. page × pageSize is the query's OFFSET: past a 64-bit integer SQLite and PostgreSQL refuse it, and
# `page=9223372036854775807` was a 500 on every list. With pageSize ≤ 100 the offset stays within 10⁹, the bound of
# the OGC API's `offset` (ogc/views.py); nobody pages that far (filter, or export).
PAGINA_MAX = 10_000_000


class Lijstparameters(Parameters):
    page: int = Field(1, ge=1, le=PAGINA_MAX, description=f"Paginanummer, vanaf 1 (hoogstens {PAGINA_MAX}).")
    page_size: int = Field(20, ge=1, le=100, alias="pageSize", description="Aantal resultaten per pagina (max. 100).")


class Probleem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    invalid_params: list[dict[str, str]] | None = Field(None, alias="invalidParams")


class OrganisatieVerwijzing(CamelSchema):
    """An organisation by code and name; one class for every router (a schema name is one schema in OpenAPI)."""

    code: str
    naam: str


class Links(CamelSchema):
    self: str
    first: str
    prev: str | None = None
    next: str | None = None
    last: str | None = Field(None, description="null als het totaal niet exact geteld is (zie countExact).")


class Pagina(CamelSchema, Generic[T]):
    count: int = Field(description="Het aantal resultaten; als countExact false is: er zijn er méér dan dit.")
    count_exact: bool = Field(
        True, description="false: er is tot count geteld en er zijn meer resultaten (count is een ondergrens)."
    )
    page: int
    page_size: int
    links: Links = Field(alias="_links")
    results: list[T]


def pagineer(
    request, queryset: QuerySet, params: Lijstparameters, *, telgrens: int | None = None, doel: str | None = None
) -> dict:
    """Slice a queryset into one page with self/first/prev/next/last links (NL API Design Rules).

    The page is read first, one row more than asked: a short first page is its own count, so no count query runs.
    With `telgrens`, counting stops after that many rows (a count reads every match, which for tens of thousands
    of matches costs more than the page itself, ADR 0018): above it `count` is the bound, `count_exact` is false
    and there is no `last` link; `next` is still exact because the page read one row ahead.
    """
    start = (params.page - 1) * params.page_size
    rijen = list(queryset[start : start + params.page_size + 1])
    er_is_meer = len(rijen) > params.page_size
    resultaten = rijen[: params.page_size]
    exact = True
    if not er_is_meer and (resultaten or start == 0):
        totaal = start + len(resultaten)  # this page is the last one: nothing left to count
    elif telgrens is None:
        totaal = queryset.count()
    else:
        totaal = tel_tot(queryset, telgrens + 1)
        if totaal > telgrens:
            totaal, exact = telgrens, False
    laatste = max(1, ceil(totaal / params.page_size)) if exact else None
    # The page is logged here, not by each handler, so that no list can forget it (one insert; nothing when public).
    audit.log_inzage(actor=request.auth, objecten=resultaten, doel=doel or f"raadplegen {request.path} (lijst)")

    def link(pagina: int) -> str:
        query = request.GET.copy()
        query["page"] = str(pagina)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": totaal,
        "count_exact": exact,
        "page": params.page,
        "page_size": params.page_size,
        "links": {
            "self": link(params.page),
            "first": link(1),
            "prev": link(params.page - 1) if params.page > 1 else None,
            "next": link(params.page + 1) if er_is_meer else None,
            "last": link(laatste) if laatste else None,
        },
        "results": resultaten,
    }
