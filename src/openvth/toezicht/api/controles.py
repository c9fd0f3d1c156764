"""Controles: plan (ad hoc and as a hercontrole), assign, carry out, close, report dates, checklist."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from django.contrib.auth import get_user_model
from ninja import Query, Router
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema, Lijstparameters, Pagina, pagineer
from openvth.handhaving.selectors import overtreding_get
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Vertrouwelijkheid
from openvth.register import selectors as register_selectors

from .. import selectors, services
from ..models import (
    Controle,
    ControleStatus,
    Controletype,
    Reden,
)
from .basis import DatumIn, ObjectVerwijzing, Org, RedenIn, object_uit, org_uit
from .checklists import OnderwerpOut, VergunningvoorschriftOut, onderwerp_uit, vergunningvoorschrift_uit

router = Router()


class ControleOut(CamelSchema):
    id: UUID
    vth_object: ObjectVerwijzing
    bevoegd_gezag: Org
    uitvoerder: Org
    reden: Reden
    toelichting: str
    controletype: Controletype
    aangekondigd: bool
    status: ControleStatus
    gepland_op: date
    uitgevoerd_op: date | None
    toezichthouder: str | None
    uren_besteed: Decimal | None
    programmataak: UUID | None
    overtreding: UUID | None
    ketenactie: UUID | None
    ied: bool
    rapport_uiterlijk_op: date | None
    openbaar_uiterlijk_op: date | None
    rapport_verzonden_op: date | None
    openbaar_gemaakt_op: date | None
    rapport_te_laat: bool
    openbaar_te_laat: bool
    vertrouwelijkheid: Vertrouwelijkheid
    waarschuwing: str = ""


def controle_uit(c: Controle, waarschuwing: str = "") -> dict:
    termijnen = selectors.ied_termijnen(c)
    return {
        "id": c.uuid,
        "vth_object": object_uit(c.vth_object),
        "bevoegd_gezag": org_uit(c.bevoegd_gezag),
        "uitvoerder": org_uit(c.uitvoerder),
        "reden": c.reden,
        "toelichting": c.toelichting,
        "controletype": c.controletype,
        "aangekondigd": c.aangekondigd,
        "status": c.status,
        "gepland_op": c.gepland_op,
        "uitgevoerd_op": c.uitgevoerd_op,
        "toezichthouder": c.toezichthouder.username if c.toezichthouder_id else None,
        "uren_besteed": c.uren_besteed,
        "programmataak": c.programmataak.uuid if c.programmataak_id else None,
        "overtreding": c.overtreding.uuid if c.overtreding_id else None,
        "ketenactie": c.ketenactie.uuid if c.ketenactie_id else None,
        "ied": c.ied,
        "rapport_uiterlijk_op": c.rapport_uiterlijk_op,
        "openbaar_uiterlijk_op": c.openbaar_uiterlijk_op,
        "rapport_verzonden_op": c.rapport_verzonden_op,
        "openbaar_gemaakt_op": c.openbaar_gemaakt_op,
        "rapport_te_laat": termijnen.rapport_te_laat,
        "openbaar_te_laat": termijnen.openbaar_te_laat,
        "vertrouwelijkheid": c.vertrouwelijkheid,
        "waarschuwing": waarschuwing,
    }


class ControlePagina(Pagina[ControleOut]):
    pass


class ControleFilter(Lijstparameters):
    status: ControleStatus | None = None
    reden: Reden | None = None
    toezichthouder: str | None = Field(None, max_length=150, description="gebruikersnaam; 'ik' voor uzelf")
    vth_object: UUID | None = Field(None, alias="vthObject")
    programma: UUID | None = None
    ketenactie: UUID | None = None
    van: date | None = None
    tot: date | None = None
    ied_termijn_verlopen: bool | None = Field(None, alias="iedTermijnVerlopen")


def _gebruiker_id(naam: str | None, request) -> int | None:
    if not naam:
        return None
    if naam == "ik":
        return request.auth.gebruiker_id
    gebruiker = get_user_model().objects.filter(username=naam).first()
    if gebruiker is None:
        raise OngeldigeInvoer("Onbekende gebruiker.", {"toezichthouder": "onbekend"})
    return gebruiker.pk


@router.get(
    "/controles", response=ControlePagina, by_alias=True, operation_id="controle_list", summary="Controles zoeken"
)
def controle_list(request, params: Query[ControleFilter]):
    qs = selectors.controle_list(
        actor=request.auth,
        filters=selectors.ControleFilter(
            status=params.status,
            reden=params.reden,
            toezichthouder_id=_gebruiker_id(params.toezichthouder, request),
            vth_object=params.vth_object,
            programma=params.programma,
            ketenactie=params.ketenactie,
            van=params.van,
            tot=params.tot,
            ied_termijn_verlopen=params.ied_termijn_verlopen,
        ),
    )
    pagina = pagineer(request, qs, params, doel="raadplegen controles (lijst)")
    pagina["results"] = [controle_uit(c) for c in pagina["results"]]
    return pagina


class ControleIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    vth_object: UUID | None = Field(None, description="verplicht, behalve bij programmataak")
    programmataak: UUID | None = None
    gepland_op: date | None = Field(None, description="standaard: de eerste dag van de maand van de taak")
    reden: Reden = Reden.PROGRAMMA
    toelichting: str = Field("", max_length=2000)
    controletype: Controletype = Controletype.PERIODIEK
    aangekondigd: bool = False
    activiteituitvoering: UUID | None = None
    ketenactie: UUID | None = None
    vertrouwelijkheid: Vertrouwelijkheid = Vertrouwelijkheid.INTERN


@router.post(
    "/controles",
    response={201: ControleOut},
    by_alias=True,
    operation_id="controle_create",
    summary="Een controle plannen (uit het programma of ad hoc met reden)",
)
def controle_create(request, gegevens: ControleIn):
    actor = request.auth
    if gegevens.programmataak is not None:
        taak = selectors.programmataak_get(actor=actor, uuid=gegevens.programmataak)
        controle = services.controle_plannen_uit_taak(
            actor=actor, taak=taak, gepland_op=gegevens.gepland_op, aangekondigd=gegevens.aangekondigd
        )
        return Status(201, controle_uit(controle))
    if gegevens.vth_object is None or gegevens.gepland_op is None:
        raise OngeldigeInvoer(
            "Geef het VTH-object en de datum.",
            {
                k: "verplicht"
                for k, v in (("vth_object", gegevens.vth_object), ("gepland_op", gegevens.gepland_op))
                if v is None
            },
        )
    obj = register_selectors.vthobject_get(actor=actor, uuid=gegevens.vth_object, doel="plannen controle")
    uitvoering = (
        register_selectors.uitvoering_get(actor=actor, uuid=gegevens.activiteituitvoering, doel="plannen controle")
        if gegevens.activiteituitvoering
        else None
    )
    actie = selectors.ketenactie_get(actor=actor, uuid=gegevens.ketenactie) if gegevens.ketenactie else None
    controle = services.controle_plannen(
        actor=actor,
        vth_object=obj,
        gepland_op=gegevens.gepland_op,
        reden=gegevens.reden,
        controletype=gegevens.controletype,
        aangekondigd=gegevens.aangekondigd,
        toelichting=gegevens.toelichting,
        activiteituitvoering=uitvoering,
        ketenactie=actie,
        vertrouwelijkheid=gegevens.vertrouwelijkheid,
    )
    return Status(201, controle_uit(controle))


class HercontroleIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    overtreding: UUID
    gepland_op: date | None = Field(None, description="standaard: na de waarschuwing of begunstigingstermijn")
    aangekondigd: bool = False


@router.post(
    "/hercontroles",
    response={201: ControleOut},
    by_alias=True,
    operation_id="hercontrole_create",
    summary="Een hercontrole plannen na een overtreding",
)
def hercontrole_create(request, gegevens: HercontroleIn):
    overtreding = overtreding_get(actor=request.auth, uuid=gegevens.overtreding, doel="plannen hercontrole")
    controle = services.hercontrole_plannen(
        actor=request.auth, overtreding=overtreding, gepland_op=gegevens.gepland_op, aangekondigd=gegevens.aangekondigd
    )
    return Status(201, controle_uit(controle))


class ControleDetailOut(ControleOut):
    vergunningvoorschriften: list[VergunningvoorschriftOut] = Field(
        description=(
            "de vergunningvoorschriften die op de controledatum (gepland, of uitgevoerd) bij het object van kracht "
            "zijn, met de checklistpunten van deze controle waaraan ze gekoppeld zijn (leeg: overige voorschriften)"
        )
    )


@router.get(
    "/controles/{id}",
    response=ControleDetailOut,
    by_alias=True,
    operation_id="controle_get",
    summary="Eén controle, met de vergunningvoorschriften die er gelden",
)
def controle_get(request, id: UUID):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    vs = selectors.checklist_voorschriften(actor=request.auth, controle=controle)
    punten: dict[int, set[int]] = {}
    onderwerpen: dict[int, set[int]] = {}
    for punt, lijst in vs.per_punt.items():
        for v in lijst:
            punten.setdefault(v.pk, set()).add(punt)
    for onderwerp, lijst in vs.per_onderwerp.items():
        for v in lijst:
            onderwerpen.setdefault(v.pk, set()).add(onderwerp)
    return controle_uit(controle) | {
        "vergunningvoorschriften": [
            vergunningvoorschrift_uit(v, punten.get(v.pk, ()), onderwerpen.get(v.pk, ())) for v in vs.alle
        ]
    }


class ToewijzingIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    toezichthouder: str = Field(max_length=150, description="gebruikersnaam")


@router.post(
    "/controles/{id}/toezichthouder",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_toewijzen",
    summary="Toezichthouder toewijzen (functiescheiding geweigerd, rotatie gewaarschuwd)",
)
def controle_toewijzen(request, id: UUID, gegevens: ToewijzingIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    toewijzing = services.toezichthouder_toewijzen(
        actor=request.auth, controle=controle, toezichthouder_id=_gebruiker_id(gegevens.toezichthouder, request)
    )
    return controle_uit(selectors.controle_get(actor=request.auth, uuid=id), toewijzing.waarschuwing)


class ControleUitvoeringIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    uitgevoerd_op: date
    uren_besteed: Decimal = Field(ge=0, le=999)


@router.post(
    "/controles/{id}/uitvoeren",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_uitvoeren",
    summary="Vastleggen dat de controle is uitgevoerd (datum, uren)",
)
def controle_uitvoeren(request, id: UUID, gegevens: ControleUitvoeringIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    services.controle_uitvoeren(
        actor=request.auth, controle=controle, uitgevoerd_op=gegevens.uitgevoerd_op, uren_besteed=gegevens.uren_besteed
    )
    return controle_uit(selectors.controle_get(actor=request.auth, uuid=id))


@router.post(
    "/controles/{id}/afronden",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_afronden",
    summary="De controle afronden",
)
def controle_afronden(request, id: UUID):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    services.controle_afronden(actor=request.auth, controle=controle)
    return controle_uit(selectors.controle_get(actor=request.auth, uuid=id))


@router.post(
    "/controles/{id}/vervallen",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_vervallen",
    summary="Een geplande controle laten vervallen",
)
def controle_vervallen(request, id: UUID, gegevens: RedenIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    services.controle_vervallen(actor=request.auth, controle=controle, reden=gegevens.reden)
    return controle_uit(selectors.controle_get(actor=request.auth, uuid=id))


@router.post(
    "/controles/{id}/rapport-verzonden",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_rapport_verzonden",
    summary="Het rapport is naar de exploitant gestuurd",
)
def controle_rapport_verzonden(request, id: UUID, gegevens: DatumIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    services.rapportverzending_vastleggen(actor=request.auth, controle=controle, op=gegevens.op)
    return controle_uit(selectors.controle_get(actor=request.auth, uuid=id))


@router.post(
    "/controles/{id}/openbaar-gemaakt",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_openbaar_gemaakt",
    summary="Het rapport is openbaar gemaakt",
)
def controle_openbaar_gemaakt(request, id: UUID, gegevens: DatumIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    services.openbaarmaking_vastleggen(actor=request.auth, controle=controle, op=gegevens.op)
    return controle_uit(selectors.controle_get(actor=request.auth, uuid=id))


@router.get(
    "/controles/{id}/checklist",
    response=list[OnderwerpOut],
    by_alias=True,
    operation_id="controle_checklist",
    summary="De checklist voor de activiteiten van het object",
)
def controle_checklist(request, id: UUID):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    return [onderwerp_uit(o) for o in selectors.checklist(actor=request.auth, controle=controle)]
