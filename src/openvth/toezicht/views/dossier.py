"""The site dossier: per VTH-object or per establishment, on screen and as Inspectieview export."""

from __future__ import annotations

from uuid import UUID

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse

from openvth.organisaties.toegang import Actor
from openvth.register import selectors as register_selectors
from openvth.web import bestanden

from .. import dossier as dossiers
from .. import inspectieview, selectors
from ._gemeen import ingelogd, zaak_url


def _dossierpagina(request, actor: Actor, d, *, titel: str, vestiging=None, export_url: str):
    """Every record carries its source organisation; violations link to their case when the actor may open it."""
    for o in d.overtredingen:
        o.zaak_url = zaak_url(o)
    eigen = actor.organisatie.pk if actor.organisatie else None
    return render(
        request,
        "toezicht/dossier.html",
        {
            "d": d,
            "titel": titel,
            "vestiging": vestiging,
            "export_url": export_url,
            "eigen": eigen,
            "mag_plannen": actor.heeft_rol(*selectors.CONTROLEPLANNERS),
        },
    )


@ingelogd
def dossier(request, actor: Actor, uuid: UUID):
    obj = register_selectors.vthobject_get(actor=actor, uuid=uuid, doel=dossiers.DOEL)
    d = dossiers.dossier(actor=actor, vth_objecten=[obj])
    vestiging = selectors.vthobject_vestiging(actor=actor, vth_object=obj, doel=dossiers.DOEL)
    return _dossierpagina(
        request,
        actor,
        d,
        titel=obj.naam,
        vestiging=vestiging,
        export_url=reverse("toezicht:dossier_export", args=[obj.uuid]),
    )


@ingelogd
def dossier_vestiging(request, actor: Actor, uuid: UUID):
    d = dossiers.dossier_vestiging(actor=actor, uuid=uuid)
    vestiging = register_selectors.betrokkene_list(actor=actor).filter(uuid=uuid).first()
    return _dossierpagina(
        request,
        actor,
        d,
        titel=vestiging.naam if vestiging else str(uuid),
        vestiging=vestiging,
        export_url=reverse("toezicht:dossier_vestiging_export", args=[uuid]),
    )


def _zip(actor: Actor, objecten) -> StreamingHttpResponse:
    antwoord = StreamingHttpResponse(
        inspectieview.zip_stroom(actor=actor, vth_objecten=objecten), content_type="application/zip"
    )
    antwoord["Content-Disposition"] = bestanden.content_disposition(inspectieview.bestandsnaam())
    return antwoord


@ingelogd
def dossier_export(request, actor: Actor, uuid: UUID):
    """The dossier as the Inspectieview delivery CSV set (zip); the same access policy and access log apply."""
    return _zip(actor, [register_selectors.vthobject_get(actor=actor, uuid=uuid, doel=inspectieview.DOEL)])


@ingelogd
def dossier_vestiging_export(request, actor: Actor, uuid: UUID):
    vestiging = register_selectors.betrokkene_get(actor=actor, uuid=uuid, doel=inspectieview.DOEL)
    return _zip(actor, list(register_selectors.vthobject_list(actor=actor).filter(vestiging=vestiging)))
