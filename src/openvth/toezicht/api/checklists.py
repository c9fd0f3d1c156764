"""The national checklists: topics and points of attention per activity (functional administrators)."""

from __future__ import annotations

from datetime import date

from ninja import Router
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema

from .. import selectors, services

router = Router()


class AandachtspuntOut(CamelSchema):
    id: int
    tekst: str
    voorschrift: str
    volgorde: int


class OnderwerpOut(CamelSchema):
    id: int
    activiteitcode: str
    naam: str
    volgorde: int
    geldig_vanaf: date
    geldig_tot: date | None
    aandachtspunten: list[AandachtspuntOut]


def onderwerp_uit(o) -> dict:
    return {
        "id": o.pk,
        "activiteitcode": o.activiteitcode,
        "naam": o.naam,
        "volgorde": o.volgorde,
        "geldig_vanaf": o.geldig_vanaf,
        "geldig_tot": o.geldig_tot,
        "aandachtspunten": [
            {"id": p.pk, "tekst": p.tekst, "voorschrift": p.voorschrift, "volgorde": p.volgorde}
            for p in o.aandachtspunten.all()
        ],
    }


class OnderwerpIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    activiteitcode: str = Field(max_length=40)
    naam: str = Field(max_length=200)
    volgorde: int = Field(0, ge=0, le=9999)
    geldig_vanaf: date | None = None


class AandachtspuntIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    tekst: str = Field(max_length=500)
    voorschrift: str = Field("", max_length=300)
    volgorde: int = Field(0, ge=0, le=9999)


@router.get(
    "/controleonderwerpen",
    response=list[OnderwerpOut],
    by_alias=True,
    operation_id="controleonderwerp_list",
    summary="Checklists: onderwerpen met aandachtspunten",
)
def controleonderwerp_list(request):
    return [onderwerp_uit(o) for o in selectors.controleonderwerp_list(actor=request.auth)]


@router.post(
    "/controleonderwerpen",
    response={201: OnderwerpOut},
    by_alias=True,
    operation_id="controleonderwerp_create",
    summary="Een checklistonderwerp toevoegen (functioneel beheer)",
)
def controleonderwerp_create(request, gegevens: OnderwerpIn):
    onderwerp = services.controleonderwerp_maken(
        actor=request.auth,
        activiteitcode=gegevens.activiteitcode,
        naam=gegevens.naam,
        volgorde=gegevens.volgorde,
        geldig_vanaf=gegevens.geldig_vanaf,
    )
    return Status(201, onderwerp_uit(onderwerp))


@router.post(
    "/controleonderwerpen/{id}/aandachtspunten",
    response={201: OnderwerpOut},
    by_alias=True,
    operation_id="controleaandachtspunt_create",
    summary="Een aandachtspunt toevoegen (functioneel beheer)",
)
def controleaandachtspunt_create(request, id: int, gegevens: AandachtspuntIn):
    onderwerp = selectors.controleonderwerp_get(actor=request.auth, pk=id)
    services.aandachtspunt_maken(
        actor=request.auth,
        onderwerp=onderwerp,
        tekst=gegevens.tekst,
        voorschrift=gegevens.voorschrift,
        volgorde=gegevens.volgorde,
    )
    return Status(201, onderwerp_uit(selectors.controleonderwerp_get(actor=request.auth, pk=id)))
