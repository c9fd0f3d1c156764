"""Photos and documents of a controle, and the evidence of a violation (its controles, findings, attachments)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import File, Form, Router, UploadedFile
from ninja.responses import Status
from pydantic import Field

from openvth.api.schemas import CamelSchema
from openvth.handhaving import schemas as handhaving_schemas
from openvth.handhaving import selectors as handhaving_selectors
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.web import bestanden

from .. import selectors, services
from .bevindingen import BevindingOut, bevinding_uit
from .controles import ControleOut, controle_uit

router = Router()


class BijlageOut(CamelSchema):
    id: UUID
    naam: str
    mediatype: str
    grootte: int
    sha256: str
    bevinding: UUID | None
    toegevoegd_op: datetime


def _bijlage(b) -> dict:
    return {
        "id": b.uuid,
        "naam": b.naam,
        "mediatype": b.mediatype,
        "grootte": b.grootte,
        "sha256": b.sha256,
        "bevinding": b.bevinding.uuid if b.bevinding_id else None,
        "toegevoegd_op": b.toegevoegd_op,
    }


@router.get(
    "/controles/{id}/bijlagen",
    response=list[BijlageOut],
    by_alias=True,
    operation_id="bijlage_list",
    summary="Foto's en documenten van een controle",
)
def bijlage_list(request, id: UUID):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    return [_bijlage(b) for b in selectors.bijlage_list(actor=request.auth, controle=controle)]


@router.post(
    "/controles/{id}/bijlagen",
    response={201: BijlageOut},
    by_alias=True,
    operation_id="bijlage_create",
    summary="Een foto of document toevoegen (multipart)",
)
def bijlage_create(
    request, id: UUID, bestand: File[UploadedFile], soort: Form[str] = "foto", bevinding: Form[UUID | None] = None
):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    bij = None
    if bevinding is not None:
        bij = selectors.bevinding_get(actor=request.auth, uuid=bevinding, doel="bijlage toevoegen")
    if bestand.size > services.bijlage_max_bytes():
        raise OngeldigeInvoer("Het bestand is te groot.", {"bestand": "te groot"})
    nieuw = services.bijlage_maken(
        actor=request.auth,
        controle=controle,
        naam=bestand.name or "bijlage",
        inhoud=bestand.read(),
        soort=soort,
        bevinding=bij,
    )
    return Status(201, _bijlage(nieuw))


@router.get(
    "/bijlagen/{id}/inhoud",
    by_alias=True,
    operation_id="bijlage_inhoud",
    summary="De inhoud van een bijlage",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Het bestand",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def bijlage_inhoud(request, id: UUID):
    bijlage = selectors.bijlage_get(actor=request.auth, uuid=id)
    return bestanden.bijlage_antwoord(bijlage.bestand.open("rb"), naam=bijlage.naam, mediatype=bijlage.mediatype)


class BewijsOut(CamelSchema):
    overtreding: UUID
    processen_verbaal: list[handhaving_schemas.ProcesverbaalOut]
    controles: list[ControleOut] = Field(description="De controles van de bevindingen, en hercontroles van de zaak.")
    bevindingen: list[BevindingOut] = Field(description="De bevindingen die bij deze overtreding horen.")
    bijlagen: list[BijlageOut] = Field(
        description="Foto's en documenten van die bevindingen (inhoud: /bijlagen/{id}/inhoud)."
    )


@router.get(
    "/overtredingen/{id}/bewijs",
    response=BewijsOut,
    by_alias=True,
    operation_id="overtreding_bewijs",
    summary="Het bewijs bij een zaak: processen-verbaal, bevindingen, foto's en controles",
    description="Ook voor het OM en de politie zolang de zaak met hen gedeeld is (alleen lezen).",
)
def overtreding_bewijs(request, id: UUID):
    actor = request.auth
    zaak = handhaving_selectors.overtreding_get(actor=actor, uuid=id, doel="bewijs bij handhavingszaak")
    # handhaving's evidence reader reads and logs the processen-verbaal, then this app's part (bewijs_bij_zaak).
    pvs, onderdelen = handhaving_selectors.bewijs_get(actor=actor, overtreding=zaak)
    bewijs = next(o.inhoud for o in onderdelen if o.sleutel == "toezicht")
    return {
        "overtreding": zaak.uuid,
        "processen_verbaal": [handhaving_schemas.procesverbaal_uit(pv) for pv in pvs],
        "controles": [controle_uit(c) for c in bewijs.controles],
        "bevindingen": [bevinding_uit(b) for b in bewijs.bevindingen],
        "bijlagen": [_bijlage(s) for b in bewijs.bevindingen for s in (*b.fotos, *b.documenten)],
    }
