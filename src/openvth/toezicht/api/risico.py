"""Risk model versions, analysis runs, their scores and the risk map."""

from __future__ import annotations

import json
from datetime import date, datetime
from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema, Lijstparameters, Pagina, Parameters, pagineer
from openvth.register import selectors as register_selectors

from .. import selectors, services
from .basis import ObjectVerwijzing, Org, object_uit, org_uit

router = Router()


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
        "regio": org_uit(v.regio),
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
        "vth_object": object_uit(s.vth_object),
        "bevoegd_gezag": org_uit(s.bevoegd_gezag),
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
        "regio": org_uit(a.regio),
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
        scores = selectors.risicoscore_top(actor=request.auth, analyse=a, aantal=top)
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
    return HttpResponse(json.dumps(kaart, ensure_ascii=False), content_type="application/geo+json")
