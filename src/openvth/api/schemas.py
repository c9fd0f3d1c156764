"""Shared API schemas: camelCase on the wire, strict query parameters, paging envelope."""

from __future__ import annotations

from math import ceil
from typing import Generic, TypeVar

from django.db.models import QuerySet
from ninja import Schema
from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

T = TypeVar("T")


class CamelSchema(Schema):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class Parameters(Schema):
    """Query parameters: an unknown parameter is refused (400), never silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Lijstparameters(Parameters):
    page: int = Field(1, ge=1, description="Paginanummer, vanaf 1.")
    page_size: int = Field(20, ge=1, le=100, alias="pageSize", description="Aantal resultaten per pagina (max. 100).")


class Probleem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    invalid_params: list[dict[str, str]] | None = Field(None, alias="invalidParams")


class Links(CamelSchema):
    self: str
    first: str
    prev: str | None = None
    next: str | None = None
    last: str


class Pagina(CamelSchema, Generic[T]):
    count: int
    page: int
    page_size: int
    links: Links = Field(alias="_links")
    results: list[T]


def pagineer(request, queryset: QuerySet, params: Lijstparameters) -> dict:
    """Slice a queryset into one page with self/first/prev/next/last links (NL API Design Rules)."""
    totaal = queryset.count()
    laatste = max(1, ceil(totaal / params.page_size))
    start = (params.page - 1) * params.page_size

    def link(pagina: int) -> str:
        query = request.GET.copy()
        query["page"] = str(pagina)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": totaal,
        "page": params.page,
        "page_size": params.page_size,
        "links": {
            "self": link(params.page),
            "first": link(1),
            "prev": link(params.page - 1) if params.page > 1 else None,
            "next": link(params.page + 1) if params.page < laatste else None,
            "last": link(laatste),
        },
        "results": list(queryset[start : start + params.page_size]),
    }
