"""What the toezicht routers share: organisation and object references, and the bodies with one reason or date."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema
from openvth.organisaties.models import Organisatie


class Org(CamelSchema):
    code: str
    naam: str


def org_uit(o: Organisatie | None) -> dict | None:
    return {"code": o.code, "naam": o.naam} if o is not None else None


def object_uit(obj) -> dict:
    return {"id": obj.uuid, "naam": obj.naam, "adres": obj.locatie.adres if obj.locatie_id else ""}


class ObjectVerwijzing(CamelSchema):
    id: UUID
    naam: str
    adres: str


class RedenIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    reden: str = Field(max_length=300)


class DatumIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    op: date
