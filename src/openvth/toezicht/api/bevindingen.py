"""Findings of a controle."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Router
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema
from openvth.organisaties.fouten import OngeldigeInvoer

from .. import selectors, services
from ..models import (
    Controleaandachtspunt,
    ResultaatBevinding,
)

router = Router()


class BevindingOut(CamelSchema):
    id: UUID
    volgnummer: int
    resultaat: ResultaatBevinding
    omschrijving: str
    voorschrift: str
    vergunningvoorschrift: UUID | None
    aandachtspunt: int | None
    gedrag: str
    gevolg: str
    overtreding: UUID | None
    vastgelegd_op: datetime


def bevinding_uit(b) -> dict:
    return {
        "id": b.uuid,
        "volgnummer": b.volgnummer,
        "resultaat": b.resultaat,
        "omschrijving": b.omschrijving,
        "voorschrift": b.voorschrift,
        "vergunningvoorschrift": b.vergunningvoorschrift.uuid if b.vergunningvoorschrift_id else None,
        "aandachtspunt": b.aandachtspunt_id,
        "gedrag": b.gedrag,
        "gevolg": b.gevolg,
        "overtreding": b.overtreding.uuid if b.overtreding_id else None,
        "vastgelegd_op": b.vastgelegd_op,
    }


class BevindingIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    resultaat: str = Field("", max_length=30, description="CIM Resultaat bevinding (verplicht)")
    omschrijving: str = Field("", max_length=5000)
    voorschrift: str = Field("", max_length=300)
    vergunningvoorschrift: UUID | None = Field(
        None, description="het vergunningvoorschrift (van kracht op de controledatum) waar de bevinding over gaat"
    )
    aandachtspunt: int | None = None
    gedrag: str = Field("", max_length=1, description="A–D")
    gevolg: str = Field("", max_length=1, description="1–4")


@router.get(
    "/controles/{id}/bevindingen",
    response=list[BevindingOut],
    by_alias=True,
    operation_id="bevinding_list",
    summary="De bevindingen van een controle",
)
def bevinding_list(request, id: UUID):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    bevindingen = selectors.bevinding_weergave(
        actor=request.auth,
        bevindingen=selectors.bevinding_list(actor=request.auth, controle=controle),
        doel="raadplegen bevindingen",
    )
    return [bevinding_uit(b) for b in bevindingen]


@router.post(
    "/controles/{id}/bevindingen",
    response={201: BevindingOut},
    by_alias=True,
    operation_id="bevinding_create",
    summary="Een bevinding vastleggen (niet akkoord → overtreding)",
)
def bevinding_create(request, id: UUID, gegevens: BevindingIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    punt = None
    if gegevens.aandachtspunt is not None:
        punt = Controleaandachtspunt.objects.filter(pk=gegevens.aandachtspunt).first()
        if punt is None:
            raise OngeldigeInvoer("Onbekend aandachtspunt.", {"aandachtspunt": "onbekend"})
    vergunningvoorschrift = None
    if gegevens.vergunningvoorschrift is not None:
        vergunningvoorschrift = next(
            (
                v
                for v in selectors.voorschriften_in_werking(
                    actor=request.auth, vth_object_id=controle.vth_object_id, peildatum=selectors.controledag(controle)
                )
                if v.uuid == gegevens.vergunningvoorschrift
            ),
            None,
        )
        if vergunningvoorschrift is None:
            raise OngeldigeInvoer(
                "Dit vergunningvoorschrift is op de controledatum niet van kracht bij dit object.",
                {"vergunningvoorschrift": "niet van kracht bij dit object op de controledatum"},
            )
    bevinding = services.bevinding_vastleggen(
        actor=request.auth,
        controle=controle,
        resultaat=gegevens.resultaat,
        omschrijving=gegevens.omschrijving,
        voorschrift=gegevens.voorschrift,
        aandachtspunt=punt,
        gedrag=gegevens.gedrag,
        gevolg=gegevens.gevolg,
        vergunningvoorschrift=vergunningvoorschrift,
    )
    return Status(201, bevinding_uit(bevinding))
