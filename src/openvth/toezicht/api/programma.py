"""Execution programmes: generate, adopt, the tasks in them, realisation and export."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema, Lijstparameters, Pagina, pagineer
from openvth.organisaties.models import Taakcategorie
from openvth.register import selectors as register_selectors
from openvth.web import bestanden

from .. import programma_export as export
from .. import selectors, services
from .basis import ObjectVerwijzing, Org, RedenIn, object_uit, org_uit

router = Router()


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
        "uitvoerder": org_uit(p.uitvoerder),
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
    melding: str | None = Field(None, description="bij een controle na melding: het verzoeknummer van de melding")
    vervallen_op: datetime | None
    vervallen_reden: str


def _taak(t) -> dict:
    return {
        "id": t.uuid,
        "vth_object": object_uit(t.vth_object),
        "bevoegd_gezag": org_uit(t.bevoegd_gezag),
        "taakcategorie": t.taakcategorie,
        "expertise": t.expertise,
        "inspectietype": t.inspectietype,
        "maand": t.maand,
        "normuren": t.normuren,
        "risicoklasse": t.risicoklasse,
        "score": t.score,
        "bron": t.bron,
        "melding": t.melding.verzoeknummer if t.melding_id else None,
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
    taak = services.programmataak_maken(
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


class MeldingvoorstelOut(CamelSchema):
    """A handled notification proposing a controle after notification to this programme."""

    melding: UUID = Field(description="de melding (verzoek)")
    verzoeknummer: str
    vth_object: ObjectVerwijzing
    bevoegd_gezag: Org
    datum: date = Field(description="aanvang van de activiteit (anders de dag van afhandeling)")
    maand: int = Field(description="de voorgestelde maand in het programma")
    activiteiten: list[str]
    te_laat_gemeld: bool


def _voorstel(v) -> dict:
    return {
        "melding": v.melding.uuid,
        "verzoeknummer": v.melding.verzoeknummer,
        "vth_object": object_uit(v.vth_object),
        "bevoegd_gezag": org_uit(v.melding.bevoegd_gezag),
        "datum": v.datum,
        "maand": v.maand,
        "activiteiten": list(v.activiteiten),
        "te_laat_gemeld": v.melding.te_laat_gemeld,
    }


@router.get(
    "/uitvoeringsprogrammas/{id}/meldingvoorstellen",
    response=list[MeldingvoorstelOut],
    by_alias=True,
    operation_id="programma_meldingvoorstellen",
    summary="Voorgestelde controles na melding: afgehandelde meldingen zonder taak of controle",
)
def programma_meldingvoorstellen(request, id: UUID):
    programma = selectors.programma_get(actor=request.auth, uuid=id)
    return [_voorstel(v) for v in selectors.meldingvoorstellen(actor=request.auth, programma=programma)]


class MeldingtaakIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    maand: int | None = Field(None, ge=1, le=12, description="standaard: de maand waarin de activiteit begint")


@router.post(
    "/uitvoeringsprogrammas/{id}/meldingvoorstellen/{melding}/taak",
    response={201: TaakOut},
    by_alias=True,
    operation_id="programma_meldingvoorstel_aannemen",
    summary="Een voorgestelde controle na melding opnemen als taak",
)
def programma_meldingvoorstel_aannemen(request, id: UUID, melding: UUID, gegevens: MeldingtaakIn):
    programma = selectors.programma_get(actor=request.auth, uuid=id)
    voorstel = selectors.meldingvoorstel_get(actor=request.auth, programma=programma, uuid=melding)
    taak = services.programmataak_uit_melding(
        actor=request.auth, programma=programma, melding=voorstel.melding, maand=gegevens.maand
    )
    return Status(201, _taak(taak))


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
    programma = selectors.programma_get(actor=request.auth, uuid=id)
    gegevens = export.gegevens(actor=request.auth, programma=programma)
    if formaat == "pdf":
        antwoord = HttpResponse(export.pdf(gegevens), content_type="application/pdf")
    else:
        antwoord = HttpResponse(export.csv_tekst(gegevens), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = bestanden.content_disposition(export.bestandsnaam(gegevens, formaat))
    return antwoord
