"""The site dossier of a VTH-object and the Inspectieview export."""

from __future__ import annotations

import json
from uuid import UUID

from django.http import HttpResponse, StreamingHttpResponse
from ninja import Query, Router
from pydantic import Field

from openvth.api.schemas import Parameters
from openvth.organisaties.fouten import NietGevonden
from openvth.register import selectors as register_selectors
from openvth.web import bestanden

from .. import dossier as dossiers
from .. import inspectieview

router = Router()


@router.get(
    "/vth-objecten/{id}/dossier",
    by_alias=True,
    operation_id="vthobject_dossier",
    summary="Het dossier van een VTH-object: alles wat organisaties met u delen",
    openapi_extra={
        "responses": {
            "200": {"description": "Het dossier", "content": {"application/json": {"schema": {"type": "object"}}}}
        }
    },
)
def vthobject_dossier(request, id: UUID):
    obj = register_selectors.vthobject_get(actor=request.auth, uuid=id, doel="dossier")
    inhoud = dossiers.als_dict(dossiers.dossier(actor=request.auth, vth_objecten=[obj]))
    return HttpResponse(json.dumps(inhoud, default=str, ensure_ascii=False), content_type="application/json")


class ExportParameters(Parameters):
    vth_object: UUID | None = Field(None, alias="vthObject", description="alleen het dossier van dit object")


@router.get(
    "/inspectieview/export",
    by_alias=True,
    operation_id="inspectieview_export",
    summary="De Inspectieview-leverset (ZIP met CSV-bestanden)",
    openapi_extra={
        "responses": {
            "200": {
                "description": "ZIP",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def inspectieview_export(request, params: Query[ExportParameters]):
    objecten = None
    if params.vth_object is not None:
        objecten = [
            register_selectors.vthobject_get(actor=request.auth, uuid=params.vth_object, doel="export Inspectieview")
        ]
    elif request.auth.organisatie is None:
        raise NietGevonden()
    stroom = inspectieview.zip_stroom(actor=request.auth, vth_objecten=objecten)
    response = StreamingHttpResponse(stroom, content_type="application/zip")
    response["Content-Disposition"] = bestanden.content_disposition(inspectieview.bestandsnaam())
    return response
