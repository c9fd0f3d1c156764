"""API: risk analysis runs, the execution programme, inspections, findings, chains and the site dossier.

Thin: every handler reads through `selectors`/`dossier` and writes through `services`; bad input raises
`OngeldigeInvoer` (400 problem+json with invalidParams), an unseen record `NietGevonden` (404). Steps of a controle
are POSTs on sub-resources (`/controles/{id}/uitvoeren`, …), each an audited service call.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.contrib.auth import get_user_model
from django.http import HttpResponse, StreamingHttpResponse
from ninja import File, Form, Query, Router, UploadedFile
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.auth import INGELOGD
from openvth.api.schemas import CamelSchema, Lijstparameters, Pagina, Parameters, pagineer
from openvth.audit import services as audit
from openvth.handhaving import schemas as handhaving_schemas
from openvth.handhaving import selectors as handhaving_selectors
from openvth.organisaties.models import Organisatie, Taakcategorie, Vertrouwelijkheid
from openvth.organisaties.services import OngeldigeInvoer
from openvth.organisaties.toegang import NietGevonden
from openvth.register import selectors as register_selectors
from openvth.web import bestanden

from . import dossier as dossiers
from . import inspectieview, selectors, services
from .models import (
    Controle,
    ControleStatus,
    Controletype,
    Ketenschakel,
    Reden,
    ResultaatBevinding,
)

router = Router(tags=["toezicht"], auth=INGELOGD)


class Org(CamelSchema):
    code: str
    naam: str


def _org(o: Organisatie | None) -> dict | None:
    return {"code": o.code, "naam": o.naam} if o is not None else None


def _object(obj) -> dict:
    return {"id": obj.uuid, "naam": obj.naam, "adres": obj.locatie.adres if obj.locatie_id else ""}


class ObjectVerwijzing(CamelSchema):
    id: UUID
    naam: str
    adres: str


# --- risk models and analyses ----------------------------------------------------------------------------------


class ModelversieOut(CamelSchema):
    id: UUID
    regio: Org | None
    versie: str
    geldig_vanaf: date
    aangemaakt_op: datetime
    definitie: dict


def _modelversie(v) -> dict:
    return {
        "id": v.uuid,
        "regio": _org(v.regio),
        "versie": v.versie,
        "geldig_vanaf": v.geldig_vanaf,
        "aangemaakt_op": v.aangemaakt_op,
        "definitie": v.definitie,
    }


class ModelversieIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    definitie: dict = Field(description="Het risicomodel (schema openvth.risico.model/1, zie docs/toezicht.md).")
    geldig_vanaf: date | None = None


class ModelversiePagina(Pagina[ModelversieOut]):
    pass


@router.get(
    "/risicomodelversies",
    response=ModelversiePagina,
    by_alias=True,
    operation_id="risicomodelversie_list",
    summary="Risicomodellen per regio (versies)",
)
def risicomodelversie_list(request, params: Query[Lijstparameters]):
    pagina = pagineer(request, selectors.risicomodelversie_list(actor=request.auth), params)
    pagina["results"] = [_modelversie(v) for v in pagina["results"]]
    return pagina


@router.post(
    "/risicomodelversies",
    response={201: ModelversieOut},
    by_alias=True,
    operation_id="risicomodelversie_create",
    summary="Nieuwe versie van het risicomodel van de eigen regio",
)
def risicomodelversie_create(request, gegevens: ModelversieIn):
    versie = services.risicomodel_vastleggen(
        actor=request.auth,
        regio=request.auth.organisatie,
        definitie=gegevens.definitie,
        geldig_vanaf=gegevens.geldig_vanaf,
    )
    return Status(201, _modelversie(versie))


class OnderdeelOut(CamelSchema):
    criterium: str
    groep: str
    waarde: float
    gewicht: float
    bijdrage: float


class ScoreOut(CamelSchema):
    vth_object: ObjectVerwijzing
    bevoegd_gezag: Org
    activiteit: str | None
    score: float
    klasse: int
    frequentie_maanden: int
    ied: bool
    basistaak: bool
    woningen250m: int
    overtredingen: int
    uitsplitsing: list[OnderdeelOut]


def _score(s, uitsplitsing: selectors.Uitsplitsing) -> dict:
    return {
        "vth_object": _object(s.vth_object),
        "bevoegd_gezag": _org(s.bevoegd_gezag),
        "activiteit": s.activiteit.code if s.activiteit_id else None,
        "score": round(s.score, 2),
        "klasse": s.klasse,
        "frequentie_maanden": s.frequentie_maanden,
        "ied": s.ied,
        "basistaak": s.basistaak,
        "woningen250m": uitsplitsing.woningen_250m,
        "overtredingen": uitsplitsing.overtredingen,
        "uitsplitsing": [o.__dict__ for o in uitsplitsing.onderdelen],
    }


class AnalyseOut(CamelSchema):
    id: UUID
    regio: Org | None
    modelversie: str
    peildatum: date
    aantal: int
    verdeling: dict[str, int] = Field(description="aantal objecten per risicoklasse")
    gegevens: dict = Field(description="gemeten, afgeleide (proxy) en onbekende kenmerken")
    vergelijking: dict = Field(description="verschil met de vorige analyse: wat verschoof en waarom")
    duur_s: float = Field(alias="duurS")
    uitgevoerd_op: datetime
    top: list[ScoreOut] = Field(default_factory=list, description="de hoogste risico's die u mag zien")


def _analyse(request, a, top: int = 0) -> dict:
    uit = {
        "id": a.uuid,
        "regio": _org(a.regio),
        "modelversie": a.modelversie.versie,
        "peildatum": a.peildatum,
        "aantal": a.aantal,
        "verdeling": a.verdeling,
        "gegevens": a.gegevens,
        "vergelijking": a.vergelijking,
        "duurS": a.duur_s,
        "uitgevoerd_op": a.uitgevoerd_op,
        "top": [],
    }
    if top:
        model = selectors.risicomodel_van(a.modelversie)
        scores = list(selectors.risicoscore_list(actor=request.auth, analyse=a)[:top])
        audit.log_inzage(actor=request.auth, objecten=scores, doel="risicoanalyse: hoogste risico's")
        uit["top"] = [_score(s, selectors.pak_uit(s.uitsplitsing, model)) for s in scores]
    return uit


class AnalysePagina(Pagina[AnalyseOut]):
    pass


class AnalyseIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    modelversie: UUID
    peildatum: date | None = None


@router.post(
    "/risicoanalyses",
    response={201: AnalyseOut},
    by_alias=True,
    operation_id="risicoanalyse_create",
    summary="De risicoanalyse van de eigen regio draaien",
)
def risicoanalyse_create(request, gegevens: AnalyseIn):
    versie = selectors.risicomodelversie_get(actor=request.auth, uuid=gegevens.modelversie)
    analyse = services.risicoanalyse_uitvoeren(actor=request.auth, modelversie=versie, peildatum=gegevens.peildatum)
    return Status(201, _analyse(request, analyse, top=20))


@router.get(
    "/risicoanalyses",
    response=AnalysePagina,
    by_alias=True,
    operation_id="risicoanalyse_list",
    summary="Risicoanalyses (runs) die u mag zien",
)
def risicoanalyse_list(request, params: Query[Lijstparameters]):
    pagina = pagineer(request, selectors.risicoanalyse_list(actor=request.auth), params)
    pagina["results"] = [_analyse(request, a) for a in pagina["results"]]
    return pagina


@router.get(
    "/risicoanalyses/{id}",
    response=AnalyseOut,
    by_alias=True,
    operation_id="risicoanalyse_get",
    summary="Eén risicoanalyse: verdeling, top 20, vergelijking met de vorige",
)
def risicoanalyse_get(request, id: UUID):
    return _analyse(request, selectors.risicoanalyse_get(actor=request.auth, uuid=id), top=20)


class ScoreFilter(Lijstparameters):
    klasse: int | None = Field(None, ge=1, le=20)


class ScorePagina(Pagina[ScoreOut]):
    pass


@router.get(
    "/risicoanalyses/{id}/scores",
    response=ScorePagina,
    by_alias=True,
    operation_id="risicoscore_list",
    summary="Scores met uitsplitsing, hoogste eerst",
)
def risicoscore_list(request, id: UUID, params: Query[ScoreFilter]):
    analyse = selectors.risicoanalyse_get(actor=request.auth, uuid=id)
    model = selectors.risicomodel_van(analyse.modelversie)
    pagina = pagineer(
        request, selectors.risicoscore_list(actor=request.auth, analyse=analyse, klasse=params.klasse), params
    )
    pagina["results"] = [_score(s, selectors.pak_uit(s.uitsplitsing, model)) for s in pagina["results"]]
    return pagina


@router.get(
    "/risicoanalyses/{id}/scores/{vthObjectId}",
    response=ScoreOut,
    by_alias=True,
    operation_id="risicoscore_get",
    summary="De score van één object met uitsplitsing",
)
def risicoscore_get(request, id: UUID, vthObjectId: UUID):  # noqa: N803 - path parameter spelled as in the URL
    analyse = selectors.risicoanalyse_get(actor=request.auth, uuid=id)
    obj = register_selectors.vthobject_get(actor=request.auth, uuid=vthObjectId, doel="raadplegen risicoscore")
    score, uitsplitsing = selectors.risicoscore_get(actor=request.auth, analyse=analyse, vth_object=obj)
    return _score(score, uitsplitsing)


class KaartFilter(Parameters):
    klasse_vanaf: int | None = Field(None, alias="klasseVanaf", ge=1, le=20)


@router.get(
    "/risicoanalyses/{id}/kaart",
    by_alias=True,
    operation_id="risicokaart",
    summary="Kaart: de objecten met klasse en score (GeoJSON, CRS84)",
    openapi_extra={
        "responses": {
            "200": {
                "description": "GeoJSON FeatureCollection",
                "content": {"application/geo+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def risicokaart(request, id: UUID, params: Query[KaartFilter]):
    analyse = selectors.risicoanalyse_get(actor=request.auth, uuid=id)
    kaart = selectors.risicokaart(actor=request.auth, analyse=analyse, klasse_vanaf=params.klasse_vanaf)
    import json

    return HttpResponse(json.dumps(kaart, ensure_ascii=False), content_type="application/geo+json")


# --- programmes ----------------------------------------------------------------------------------------------


class ProgrammaOut(CamelSchema):
    id: UUID
    uitvoerder: Org
    jaar: int
    risicoanalyse: UUID
    status: str
    capaciteit: dict[str, Decimal]
    verslag: dict
    vastgesteld_op: datetime | None


def _programma(p) -> dict:
    return {
        "id": p.uuid,
        "uitvoerder": _org(p.uitvoerder),
        "jaar": p.jaar,
        "risicoanalyse": p.risicoanalyse.uuid,
        "status": p.status,
        "capaciteit": {c.expertise: c.uren for c in p.capaciteit.all()},
        "verslag": p.verslag,
        "vastgesteld_op": p.vastgesteld_op,
    }


class ProgrammaPagina(Pagina[ProgrammaOut]):
    pass


class ProgrammaIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    risicoanalyse: UUID
    jaar: int = Field(ge=2000, le=2100)
    capaciteit: dict[str, Decimal] = Field(description="beschikbare VTH-uren per expertise")
    expertises: dict[str, str] | None = Field(None, description="activiteitprefix → expertise ('' = standaard)")
    vervang: bool = False


@router.get(
    "/uitvoeringsprogrammas",
    response=ProgrammaPagina,
    by_alias=True,
    operation_id="programma_list",
    summary="Uitvoeringsprogramma's",
)
def programma_list(request, params: Query[Lijstparameters]):
    pagina = pagineer(request, selectors.programma_list(actor=request.auth), params)
    pagina["results"] = [_programma(p) for p in pagina["results"]]
    return pagina


@router.post(
    "/uitvoeringsprogrammas",
    response={201: ProgrammaOut},
    by_alias=True,
    operation_id="programma_create",
    summary="Het jaarprogramma genereren uit een risicoanalyse en capaciteit",
)
def programma_create(request, gegevens: ProgrammaIn):
    analyse = selectors.risicoanalyse_get(actor=request.auth, uuid=gegevens.risicoanalyse)
    programma = services.programma_genereren(
        actor=request.auth,
        analyse=analyse,
        jaar=gegevens.jaar,
        capaciteit=gegevens.capaciteit,
        expertises=gegevens.expertises,
        vervang=gegevens.vervang,
    )
    return Status(201, _programma(programma))


@router.get(
    "/uitvoeringsprogrammas/{id}",
    response=ProgrammaOut,
    by_alias=True,
    operation_id="programma_get",
    summary="Eén uitvoeringsprogramma met verslag (ook wat niet paste)",
)
def programma_get(request, id: UUID):
    return _programma(selectors.programma_get(actor=request.auth, uuid=id))


@router.post(
    "/uitvoeringsprogrammas/{id}/vaststellen",
    response=ProgrammaOut,
    by_alias=True,
    operation_id="programma_vaststellen",
    summary="Het programma vaststellen",
)
def programma_vaststellen(request, id: UUID):
    programma = selectors.programma_get(actor=request.auth, uuid=id)
    return _programma(services.programma_vaststellen(actor=request.auth, programma=programma))


class TaakOut(CamelSchema):
    id: UUID
    vth_object: ObjectVerwijzing
    bevoegd_gezag: Org
    taakcategorie: Taakcategorie
    expertise: str
    inspectietype: str
    maand: int
    normuren: Decimal
    risicoklasse: int | None
    score: float | None
    bron: str
    vervallen_op: datetime | None
    vervallen_reden: str


def _taak(t) -> dict:
    return {
        "id": t.uuid,
        "vth_object": _object(t.vth_object),
        "bevoegd_gezag": _org(t.bevoegd_gezag),
        "taakcategorie": t.taakcategorie,
        "expertise": t.expertise,
        "inspectietype": t.inspectietype,
        "maand": t.maand,
        "normuren": t.normuren,
        "risicoklasse": t.risicoklasse,
        "score": t.score,
        "bron": t.bron,
        "vervallen_op": t.vervallen_op,
        "vervallen_reden": t.vervallen_reden,
    }


class TaakPagina(Pagina[TaakOut]):
    pass


class TaakFilter(Lijstparameters):
    maand: int | None = Field(None, ge=1, le=12)
    expertise: str | None = Field(None, max_length=60)
    taakcategorie: Taakcategorie | None = None
    bevoegd_gezag: str | None = Field(None, alias="bevoegdGezag", max_length=40)
    vervallen: bool = False


@router.get(
    "/uitvoeringsprogrammas/{id}/taken",
    response=TaakPagina,
    by_alias=True,
    operation_id="programmataak_list",
    summary="De taken van het programma",
)
def programmataak_list(request, id: UUID, params: Query[TaakFilter]):
    programma = selectors.programma_get(actor=request.auth, uuid=id)
    qs = selectors.programmataak_list(
        actor=request.auth,
        programma=programma,
        filters=selectors.TaakFilter(
            maand=params.maand,
            expertise=params.expertise,
            taakcategorie=params.taakcategorie,
            bevoegd_gezag=params.bevoegd_gezag,
            vervallen=params.vervallen,
        ),
    )
    pagina = pagineer(request, qs, params)
    pagina["results"] = [_taak(t) for t in pagina["results"]]
    return pagina


class TaakIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    vth_object: UUID
    inspectietype: str = Field(max_length=60)
    maand: int
    expertise: str = Field(max_length=60)
    normuren: Decimal | None = None
    taakcategorie: Taakcategorie | None = None


@router.post(
    "/uitvoeringsprogrammas/{id}/taken",
    response={201: TaakOut},
    by_alias=True,
    operation_id="programmataak_create",
    summary="Een taak met de hand toevoegen",
)
def programmataak_create(request, id: UUID, gegevens: TaakIn):
    programma = selectors.programma_get(actor=request.auth, uuid=id)
    obj = register_selectors.vthobject_get(actor=request.auth, uuid=gegevens.vth_object, doel="programmeren")
    taak = services.programmataak_toevoegen(
        actor=request.auth,
        programma=programma,
        vth_object=obj,
        inspectietype=gegevens.inspectietype,
        maand=gegevens.maand,
        expertise=gegevens.expertise,
        normuren=gegevens.normuren,
        taakcategorie=gegevens.taakcategorie,
    )
    return Status(201, _taak(taak))


class TaakWijziging(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    maand: int


@router.patch(
    "/programmataken/{id}",
    response=TaakOut,
    by_alias=True,
    operation_id="programmataak_update",
    summary="Een taak naar een andere maand verschuiven",
)
def programmataak_update(request, id: UUID, wijziging: TaakWijziging):
    taak = selectors.programmataak_get(actor=request.auth, uuid=id)
    return _taak(services.programmataak_verschuiven(actor=request.auth, taak=taak, maand=wijziging.maand))


class RedenIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    reden: str = Field(max_length=300)


@router.post(
    "/programmataken/{id}/vervallen",
    response=TaakOut,
    by_alias=True,
    operation_id="programmataak_vervallen",
    summary="Een taak uit het programma halen (blijft zichtbaar)",
)
def programmataak_vervallen(request, id: UUID, gegevens: RedenIn):
    taak = selectors.programmataak_get(actor=request.auth, uuid=id)
    return _taak(services.programmataak_vervallen(actor=request.auth, taak=taak, reden=gegevens.reden))


class RealisatieOut(CamelSchema):
    jaar: int
    totaal: dict
    per_maand: list[dict]
    per_taakcategorie: list[dict]
    per_bevoegd_gezag: list[dict]


@router.get(
    "/uitvoeringsprogrammas/{id}/realisatie",
    response=RealisatieOut,
    by_alias=True,
    operation_id="programma_realisatie",
    summary="Gepland, uitgevoerd en bestede uren",
)
def programma_realisatie(request, id: UUID):
    programma = selectors.programma_get(actor=request.auth, uuid=id)
    return selectors.programma_realisatie(actor=request.auth, programma=programma)


@router.get(
    "/uitvoeringsprogrammas/{id}/export",
    by_alias=True,
    operation_id="programma_export",
    summary="Het programma ter vaststelling: uren per taakcategorie en gezag, capaciteit, wat niet paste",
    description="`formaat=csv` (standaard; `;`-gescheiden, kolom `onderdeel` zegt welk deel) of `formaat=pdf`.",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Het programma",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def programma_export(request, id: UUID, formaat: Literal["csv", "pdf"] = "csv"):
    from . import programma_export as export

    programma = selectors.programma_get(actor=request.auth, uuid=id)
    gegevens = export.gegevens(actor=request.auth, programma=programma)
    if formaat == "pdf":
        antwoord = HttpResponse(export.pdf(gegevens), content_type="application/pdf")
    else:
        antwoord = HttpResponse(export.csv_tekst(gegevens), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = bestanden.content_disposition(export.bestandsnaam(gegevens, formaat))
    return antwoord


# --- controles -------------------------------------------------------------------------------------------------


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


def _controle(c: Controle, waarschuwing: str = "") -> dict:
    termijnen = selectors.ied_termijnen(c)
    return {
        "id": c.uuid,
        "vth_object": _object(c.vth_object),
        "bevoegd_gezag": _org(c.bevoegd_gezag),
        "uitvoerder": _org(c.uitvoerder),
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
    pagina["results"] = [_controle(c) for c in pagina["results"]]
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
        return Status(201, _controle(controle))
    if gegevens.vth_object is None or gegevens.gepland_op is None:
        raise OngeldigeInvoer(
            "Geef het VTH-object en de datum.",
            {
                k: "verplicht"
                for k, v in (("vthObject", gegevens.vth_object), ("geplandOp", gegevens.gepland_op))
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
    return Status(201, _controle(controle))


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
    from openvth.handhaving.selectors import overtreding_get

    overtreding = overtreding_get(actor=request.auth, uuid=gegevens.overtreding, doel="plannen hercontrole")
    controle = services.hercontrole_plannen(
        actor=request.auth, overtreding=overtreding, gepland_op=gegevens.gepland_op, aangekondigd=gegevens.aangekondigd
    )
    return Status(201, _controle(controle))


@router.get("/controles/{id}", response=ControleOut, by_alias=True, operation_id="controle_get", summary="Eén controle")
def controle_get(request, id: UUID):
    return _controle(selectors.controle_get(actor=request.auth, uuid=id))


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
    return _controle(selectors.controle_get(actor=request.auth, uuid=id), toewijzing.waarschuwing)


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
    return _controle(selectors.controle_get(actor=request.auth, uuid=id))


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
    return _controle(selectors.controle_get(actor=request.auth, uuid=id))


@router.post(
    "/controles/{id}/vervallen",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_vervallen",
    summary="Een geplande controle laten vervallen",
)
def controle_vervallen(request, id: UUID, gegevens: RedenIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    services.controle_laten_vervallen(actor=request.auth, controle=controle, reden=gegevens.reden)
    return _controle(selectors.controle_get(actor=request.auth, uuid=id))


class DatumIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    op: date


@router.post(
    "/controles/{id}/rapport-verzonden",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_rapport_verzonden",
    summary="Het rapport is naar de exploitant gestuurd",
)
def controle_rapport_verzonden(request, id: UUID, gegevens: DatumIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    services.rapport_verzonden(actor=request.auth, controle=controle, op=gegevens.op)
    return _controle(selectors.controle_get(actor=request.auth, uuid=id))


@router.post(
    "/controles/{id}/openbaar-gemaakt",
    response=ControleOut,
    by_alias=True,
    operation_id="controle_openbaar_gemaakt",
    summary="Het rapport is openbaar gemaakt",
)
def controle_openbaar_gemaakt(request, id: UUID, gegevens: DatumIn):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    services.rapport_openbaar_gemaakt(actor=request.auth, controle=controle, op=gegevens.op)
    return _controle(selectors.controle_get(actor=request.auth, uuid=id))


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


def _onderwerp(o) -> dict:
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


@router.get(
    "/controles/{id}/checklist",
    response=list[OnderwerpOut],
    by_alias=True,
    operation_id="controle_checklist",
    summary="De checklist voor de activiteiten van het object",
)
def controle_checklist(request, id: UUID):
    controle = selectors.controle_get(actor=request.auth, uuid=id)
    return [_onderwerp(o) for o in selectors.checklist(actor=request.auth, controle=controle)]


class BevindingOut(CamelSchema):
    id: UUID
    volgnummer: int
    resultaat: ResultaatBevinding
    omschrijving: str
    voorschrift: str
    aandachtspunt: int | None
    gedrag: str
    gevolg: str
    overtreding: UUID | None
    vastgelegd_op: datetime


def _bevinding(b) -> dict:
    return {
        "id": b.uuid,
        "volgnummer": b.volgnummer,
        "resultaat": b.resultaat,
        "omschrijving": b.omschrijving,
        "voorschrift": b.voorschrift,
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
    bevindingen = list(selectors.bevinding_list(actor=request.auth, controle=controle))
    audit.log_inzage(actor=request.auth, objecten=bevindingen, doel="raadplegen bevindingen")
    return [_bevinding(b) for b in bevindingen]


@router.post(
    "/controles/{id}/bevindingen",
    response={201: BevindingOut},
    by_alias=True,
    operation_id="bevinding_create",
    summary="Een bevinding vastleggen (niet akkoord → overtreding)",
)
def bevinding_create(request, id: UUID, gegevens: BevindingIn):
    from .models import Controleaandachtspunt

    controle = selectors.controle_get(actor=request.auth, uuid=id)
    punt = None
    if gegevens.aandachtspunt is not None:
        punt = Controleaandachtspunt.objects.filter(pk=gegevens.aandachtspunt).first()
        if punt is None:
            raise OngeldigeInvoer("Onbekend aandachtspunt.", {"aandachtspunt": "onbekend"})
    bevinding = services.bevinding_vastleggen(
        actor=request.auth,
        controle=controle,
        resultaat=gegevens.resultaat,
        omschrijving=gegevens.omschrijving,
        voorschrift=gegevens.voorschrift,
        aandachtspunt=punt,
        gedrag=gegevens.gedrag,
        gevolg=gegevens.gevolg,
    )
    return Status(201, _bevinding(bevinding))


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
    nieuw = services.bijlage_toevoegen(
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
    pvs = list(handhaving_selectors.procesverbaal_list(actor=actor, overtreding=zaak).order_by("-datum", "-id"))
    audit.log_inzage(actor=actor, objecten=pvs, doel="bewijs bij handhavingszaak: processen-verbaal")
    bewijs = selectors.bewijs_bij_zaak(actor=actor, overtreding=zaak)
    return {
        "overtreding": zaak.uuid,
        "processen_verbaal": [handhaving_schemas.procesverbaal_uit(pv) for pv in pvs],
        "controles": [_controle(c) for c in bewijs.controles],
        "bevindingen": [_bevinding(b) for b in bewijs.bevindingen],
        "bijlagen": [_bijlage(s) for b in bewijs.bevindingen for s in (*b.fotos, *b.documenten)],
    }


# --- checklists (functional administrators) --------------------------------------------------------------------


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
    return [_onderwerp(o) for o in selectors.controleonderwerp_list(actor=request.auth)]


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
    return Status(201, _onderwerp(onderwerp))


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
    return Status(201, _onderwerp(selectors.controleonderwerp_get(actor=request.auth, pk=id)))


# --- chains ----------------------------------------------------------------------------------------------------


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
        "beheerder": _org(k.beheerder),
        "schakels": [
            {"volgorde": s.volgorde, "rol": s.rol, "vth_object": _object(s.vth_object) if zicht else None}
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
    services.ketenschakel_toevoegen(actor=request.auth, keten=keten, vth_object=obj, rol=gegevens.rol)
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
    bevindingen = list(selectors.keten_bevindingen(actor=request.auth, keten=keten))
    audit.log_inzage(actor=request.auth, objecten=bevindingen, doel="ketentoezicht")
    return [_bevinding(b) for b in bevindingen]


# --- site dossier and Inspectieview export ----------------------------------------------------------------------


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
    import json

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
