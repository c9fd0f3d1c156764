"""Chains (ketentoezicht): chains, their links and actions, and the findings shared in a chain."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from ninja import Query, Router
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema, Lijstparameters, Pagina, pagineer
from openvth.register import selectors as register_selectors

from .. import selectors, services
from ..models import (
    Ketenschakel,
)
from .basis import ObjectVerwijzing, Org, object_uit, org_uit
from .bevindingen import BevindingOut, bevinding_uit

router = Router()


class SchakelOut(CamelSchema):
    volgorde: int
    rol: Ketenschakel.Rol
    vth_object: ObjectVerwijzing | None = Field(description="leeg als u het object niet mag zien")


class ActieOut(CamelSchema):
    id: UUID
    naam: str
    van: date
    tot: date


class KetenOut(CamelSchema):
    id: UUID
    naam: str
    stroom: str
    omschrijving: str
    beheerder: Org
    schakels: list[SchakelOut]
    acties: list[ActieOut]


def _keten(request, k) -> dict:
    schakels = selectors.ketenschakel_list(actor=request.auth, keten=k)
    return {
        "id": k.uuid,
        "naam": k.naam,
        "stroom": k.stroom,
        "omschrijving": k.omschrijving,
        "beheerder": org_uit(k.beheerder),
        "schakels": [
            {"volgorde": s.volgorde, "rol": s.rol, "vth_object": object_uit(s.vth_object) if zicht else None}
            for s, zicht in schakels
        ],
        "acties": [{"id": a.uuid, "naam": a.naam, "van": a.van, "tot": a.tot} for a in k.acties.all()],
    }


class KetenPagina(Pagina[KetenOut]):
    pass


class SchakelIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    vth_object: UUID
    rol: Ketenschakel.Rol


class KetenIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    naam: str = Field(max_length=200)
    stroom: str = Field("", max_length=200)
    omschrijving: str = Field("", max_length=5000)
    schakels: list[SchakelIn] = Field(default_factory=list)


class ActieIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    naam: str = Field(max_length=200)
    van: date
    tot: date


@router.get(
    "/ketens",
    response=KetenPagina,
    by_alias=True,
    operation_id="keten_list",
    summary="Ketens die u beheert of waarin u partner bent",
)
def keten_list(request, params: Query[Lijstparameters]):
    pagina = pagineer(request, selectors.keten_list(actor=request.auth), params)
    pagina["results"] = [_keten(request, k) for k in pagina["results"]]
    return pagina


@router.post(
    "/ketens",
    response={201: KetenOut},
    by_alias=True,
    operation_id="keten_create",
    summary="Een keten vastleggen (een object komt er één keer in voor)",
)
def keten_create(request, gegevens: KetenIn):
    schakels = [
        (register_selectors.vthobject_get(actor=request.auth, uuid=s.vth_object, doel="ketentoezicht"), s.rol)
        for s in gegevens.schakels
    ]
    keten = services.keten_maken(
        actor=request.auth,
        naam=gegevens.naam,
        stroom=gegevens.stroom,
        omschrijving=gegevens.omschrijving,
        schakels=schakels,
    )
    return Status(201, _keten(request, keten))


@router.get("/ketens/{id}", response=KetenOut, by_alias=True, operation_id="keten_get", summary="Eén keten")
def keten_get(request, id: UUID):
    return _keten(request, selectors.keten_get(actor=request.auth, uuid=id))


@router.post(
    "/ketens/{id}/schakels",
    response={201: KetenOut},
    by_alias=True,
    operation_id="ketenschakel_create",
    summary="Een schakel toevoegen",
)
def ketenschakel_create(request, id: UUID, gegevens: SchakelIn):
    keten = selectors.keten_get(actor=request.auth, uuid=id)
    obj = register_selectors.vthobject_get(actor=request.auth, uuid=gegevens.vth_object, doel="ketentoezicht")
    services.ketenschakel_maken(actor=request.auth, keten=keten, vth_object=obj, rol=gegevens.rol)
    return Status(201, _keten(request, keten))


@router.post(
    "/ketens/{id}/acties",
    response={201: ActieOut},
    by_alias=True,
    operation_id="ketenactie_create",
    summary="Een ketenactie plannen",
)
def ketenactie_create(request, id: UUID, gegevens: ActieIn):
    keten = selectors.keten_get(actor=request.auth, uuid=id)
    actie = services.ketenactie_maken(
        actor=request.auth, keten=keten, naam=gegevens.naam, van=gegevens.van, tot=gegevens.tot
    )
    return Status(201, {"id": actie.uuid, "naam": actie.naam, "van": actie.van, "tot": actie.tot})


@router.get(
    "/ketens/{id}/bevindingen",
    response=list[BevindingOut],
    by_alias=True,
    operation_id="keten_bevindingen",
    summary="De bevindingen in de keten die u mag zien",
)
def keten_bevindingen(request, id: UUID):
    keten = selectors.keten_get(actor=request.auth, uuid=id)
    bevindingen = selectors.bevinding_weergave(
        actor=request.auth,
        bevindingen=selectors.keten_bevindingen(actor=request.auth, keten=keten),
        doel="ketentoezicht",
    )
    return [bevinding_uit(b) for b in bevindingen]
