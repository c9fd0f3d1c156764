"""API: requests (CIM VERZOEK) — intake with the message profile, the list, one request — and their procedure:
the timeline of steps, the steps the table allows now, setting a step, decisions with their conditions and the
four-eyes approval, the letters as sent (HTML and PDF), permissions with the conditions in force on a date, the
decision periods of the deadline view and timeliness per authority (docs/vergunningen.md).

Thin: the intake body is read by the same service as a portal message (`verzoekbericht_verwerken`, source `api`),
so a repeated POST of the same body is answered 200 with the request it already made and changes nothing. Every
other read goes through the selectors (the access policy; a read of non-public data is logged), every write
through `stappen.stap_zetten` and `besluiten` (the write rule, the mandate register, the table's guards, audit).
A refusal is a domain error that `api/v1.py` answers as problem details: 400 with `invalidParams` naming the
field, 403 for a visible record one may not change (or a decision without mandate), 404 for one one cannot see.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Literal
from uuid import UUID

from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status
from pydantic import Field

from openvth.api.auth import INGELOGD
from openvth.api.schemas import Lijstparameters, Parameters, pagineer
from openvth.organisaties import selectors as organisatie_selectors
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.register import selectors as register_selectors
from openvth.web import bestanden

from . import besluiten, brieven, schemas, selectors, services, stappen
from .models import Toestemmingstatus, Verzoek, Verzoekbron, Verzoekdoel, Verzoeksoort, Verzoekstatus

router = Router(tags=["vergunningen"])


class VerzoekParameters(Lijstparameters):
    verzoeknummer: str | None = Field(None, max_length=13)
    soort: Verzoeksoort | None = None
    status: Verzoekstatus | None = None
    bevoegd_gezag: str | None = Field(None, alias="bevoegdGezag", max_length=40, description="organisatiecode")
    activiteit: str | None = Field(None, max_length=40, description="Bal-activiteitcode, bijv. bal-3.2.1")
    ontvangen_vanaf: date | None = Field(None, alias="ontvangenVanaf")
    ontvangen_tot: date | None = Field(None, alias="ontvangenTot")
    q: str | None = Field(None, max_length=100, description="zoekt in verzoeknummer en omschrijving")


def _detail(request, verzoek: Verzoek) -> dict:
    zichtbaar = register_selectors.zichtbare_betrokkenen(actor=request.auth, ids={verzoek.aanvrager_id})
    return schemas.verzoek_detail_uit(verzoek, aanvrager_zichtbaar=verzoek.aanvrager_id in zichtbaar)


@router.get(
    "/verzoeken",
    response=schemas.VerzoekPagina,
    auth=INGELOGD,
    by_alias=True,
    operation_id="verzoek_list",
    summary="Verzoeken zoeken (aanvragen, meldingen, informatie, ongewone voorvallen)",
)
def verzoek_list(request, filters: Query[VerzoekParameters]):
    qs = (
        selectors.verzoek_list(
            actor=request.auth,
            filters=selectors.VerzoekFilter(
                verzoeknummer=filters.verzoeknummer,
                soort=filters.soort,
                status=filters.status,
                bevoegd_gezag=filters.bevoegd_gezag,
                activiteit=filters.activiteit,
                ontvangen_vanaf=filters.ontvangen_vanaf,
                ontvangen_tot=filters.ontvangen_tot,
                q=filters.q,
            ),
        )
        .select_related("bevoegd_gezag", "uitvoerder")
        .prefetch_related("activiteiten__activiteit")
    )
    pagina = pagineer(request, qs, filters, doel="raadplegen verzoeken (lijst)")
    pagina["results"] = [schemas.verzoek_uit(v) for v in pagina["results"]]
    return pagina


@router.post(
    "/verzoeken",
    response={200: schemas.VerzoekDetail, 201: schemas.VerzoekDetail},
    auth=INGELOGD,
    by_alias=True,
    operation_id="verzoek_create",
    summary="Een verzoek ontvangen (idempotent: hetzelfde bericht opnieuw wijzigt niets en geeft 200)",
)
def verzoek_create(request, gegevens: schemas.VerzoekIn, response: HttpResponse):
    bericht = gegevens.model_dump(mode="json", by_alias=True, exclude_unset=True)
    verwerking = services.verzoekbericht_verwerken(actor=request.auth, bericht=bericht, bron=Verzoekbron.API)
    verzoek = selectors.verzoek_get(actor=request.auth, uuid=verwerking.verzoek.uuid, doel="ontvangen verzoek")
    response["Location"] = f"/api/v1/verzoeken/{verzoek.uuid}"
    uit = _detail(request, verzoek) | {"nieuw": verwerking.nieuw, "melding": verwerking.melding}
    return Status(201 if verwerking.nieuw else 200, uit)


@router.get(
    "/verzoeken/{uuid}",
    response=schemas.VerzoekDetail,
    auth=INGELOGD,
    by_alias=True,
    operation_id="verzoek_get",
    summary="Eén verzoek met zijn activiteiten, locatie, aanvrager en de afleiding van bevoegd gezag en uitvoerder",
)
def verzoek_get(request, uuid: UUID):
    return _detail(request, selectors.verzoek_get(actor=request.auth, uuid=uuid))


# --- the procedure ------------------------------------------------------------------------------------------


SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


def _snake(gegevens: dict[str, Any]) -> dict[str, Any]:
    """The step's input as the table names it (`aanvullenVoor` → `aanvullen_voor`)."""
    return {SNAKE.sub("_", k).lower(): v for k, v in gegevens.items()}


@router.get(
    "/verzoeken/{uuid}/stappen",
    response=list[schemas.ProcedurestapOut],
    auth=INGELOGD,
    by_alias=True,
    operation_id="procedurestap_list",
    summary="De tijdlijn van de procedure: elke gezette stap met zijn grondslag en berekende termijnen",
)
def procedurestap_list(request, uuid: UUID):
    verzoek = selectors.verzoek_zaak(actor=request.auth, uuid=uuid, doel="raadplegen procedure")
    return [schemas.stap_uit(s) for s in verzoek.stappen.all()]


@router.get(
    "/verzoeken/{uuid}/handelingen",
    response=list[schemas.HandelingOut],
    auth=INGELOGD,
    by_alias=True,
    operation_id="handeling_list",
    summary="De stappen die de proceduretabel nu toestaat, met de invoer die elke stap vraagt",
)
def handeling_list(request, uuid: UUID):
    verzoek = selectors.verzoek_get(actor=request.auth, uuid=uuid, doel="raadplegen procedure")
    if verzoek.doel != Verzoekdoel.INDIENEN:
        return []  # the procedure runs on the first volgnummer; a supplement or withdrawal has no steps of its own
    return schemas.handelingen_uit(stappen.zaak_van(verzoek))


@router.post(
    "/verzoeken/{uuid}/stappen",
    response={201: schemas.ProcedurestapOut},
    auth=INGELOGD,
    by_alias=True,
    operation_id="procedurestap_create",
    summary="Een stap van de procedure zetten (een besluit namens het bevoegd gezag alleen met mandaat)",
)
def procedurestap_create(request, uuid: UUID, payload: schemas.ProcedurestapIn, response: HttpResponse):
    verzoek = selectors.verzoek_get(actor=request.auth, uuid=uuid, doel="procedurestap zetten")
    stap = stappen.stap_zetten(
        actor=request.auth,
        verzoek=verzoek,
        handeling=payload.handeling,
        datum=payload.datum,
        gegevens=_snake(payload.gegevens),
    )
    response["Location"] = f"/api/v1/verzoeken/{verzoek.uuid}/stappen"
    return Status(201, schemas.stap_uit(stap))


# --- decisions ----------------------------------------------------------------------------------------------


@router.post(
    "/verzoeken/{uuid}/besluiten",
    response={201: schemas.BesluitOut},
    auth=INGELOGD,
    by_alias=True,
    operation_id="besluit_create",
    summary="Een (ontwerp)besluit opstellen met zijn voorschriften; het vervangt een eerder concept",
)
def besluit_create(request, uuid: UUID, payload: schemas.BesluitIn, response: HttpResponse):
    actor = request.auth
    verzoek = selectors.verzoek_get(actor=actor, uuid=uuid, doel="besluit opstellen")
    toestemming = None
    if payload.betreft_toestemming is not None:
        toestemming = selectors.toestemming_get(actor=actor, uuid=payload.betreft_toestemming, doel="besluit opstellen")
    besluit = besluiten.besluit_opstellen(
        actor=actor,
        verzoek=verzoek,
        soort=payload.soort.value,
        motivering=payload.motivering,
        voorschriften=[besluiten.Voorschriftopgave(v.nummer, v.tekst, v.activiteit) for v in payload.voorschriften],
        ontwerp=payload.ontwerp,
        betreft_toestemming=toestemming,
    )
    response["Location"] = f"/api/v1/besluiten/{besluit.uuid}"
    return Status(201, schemas.besluit_uit(besluit))


@router.get(
    "/besluiten/{uuid}",
    response=schemas.BesluitOut,
    auth=INGELOGD,
    by_alias=True,
    operation_id="besluit_get",
    summary="Eén (ontwerp)besluit met zijn voorschriften, ondertekening en termijnen",
)
def besluit_get(request, uuid: UUID):
    besluit = selectors.besluit_get(actor=request.auth, uuid=uuid)
    return schemas.besluit_uit(besluit)


@router.post(
    "/besluiten/{uuid}/goedkeuring",
    response=schemas.BesluitOut,
    auth=INGELOGD,
    by_alias=True,
    operation_id="besluit_goedkeur",
    summary="Een concept goedkeuren (vier ogen: een ander dan wie het opstelde)",
)
def besluit_goedkeur(request, uuid: UUID):
    besluit = selectors.besluit_get(actor=request.auth, uuid=uuid, doel="besluit goedkeuren")
    besluit = besluiten.besluit_goedkeuren(actor=request.auth, besluit=besluit)
    return schemas.besluit_uit(besluit)


# --- letters ------------------------------------------------------------------------------------------------


@router.get(
    "/verzoeken/{uuid}/brieven",
    response=list[schemas.BriefOut],
    auth=INGELOGD,
    by_alias=True,
    operation_id="brief_list",
    summary="De brieven van een verzoek, zoals verzonden (zonder inhoud)",
)
def brief_list(request, uuid: UUID):
    verzoek = selectors.verzoek_zaak(actor=request.auth, uuid=uuid, doel="raadplegen brieven")
    brieven_ = list(verzoek.brieven.all())  # logged by verzoek_zaak
    return [schemas.brief_uit(b) for b in brieven_]


@router.get(
    "/brieven/{uuid}",
    response=schemas.BriefDetail,
    auth=INGELOGD,
    by_alias=True,
    operation_id="brief_get",
    summary="Eén brief zoals verzonden, met zijn HTML",
)
def brief_get(request, uuid: UUID):
    brief = selectors.brief_get(actor=request.auth, uuid=uuid)
    return schemas.brief_uit(brief) | {"html": brief.html}


@router.get(
    "/brieven/{uuid}/pdf",
    auth=INGELOGD,
    by_alias=True,
    operation_id="brief_pdf",
    summary="Eén brief als PDF, zoals verzonden",
    openapi_extra={
        "responses": {
            "200": {
                "description": "De PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def brief_pdf(request, uuid: UUID):
    brief = selectors.brief_get(actor=request.auth, uuid=uuid, doel="raadplegen brief (PDF)")
    antwoord = HttpResponse(brieven.brief_pdf(brief), content_type="application/pdf")  # printed once, then kept
    antwoord["Content-Disposition"] = bestanden.content_disposition(f"{brief.kenmerk.replace('/', '-')}.pdf")
    antwoord["X-Content-Type-Options"] = "nosniff"
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord


# --- permissions --------------------------------------------------------------------------------------------


class ToestemmingParameters(Lijstparameters):
    vth_object: UUID | None = Field(None, alias="vthObject")
    peildatum: date | None = Field(None, description="Alleen toestemmingen die op deze dag van kracht zijn.")
    status: Toestemmingstatus | None = None


class ToestemmingPeildatum(Parameters):
    peildatum: date | None = Field(None, description="De dag waarop de voorschriften gelden (standaard vandaag).")


@router.get(
    "/toestemmingen",
    response=schemas.ToestemmingPagina,
    auth=INGELOGD,
    by_alias=True,
    operation_id="toestemming_list",
    summary="Toestemmingen (vergunningen, maatwerkvoorschriften, gelijkwaardige maatregelen) zoeken",
)
def toestemming_list(request, filters: Query[ToestemmingParameters]):
    actor = request.auth
    vth_object = None
    if filters.vth_object is not None:
        vth_object = register_selectors.vthobject_get(actor=actor, uuid=filters.vth_object, doel="toestemmingen").pk
    qs = selectors.toestemming_list(actor=actor, vth_object=vth_object)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if (p := filters.peildatum) is not None:
        qs = qs.filter(Q(geldig_vanaf__lte=p), Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=p))
    qs = qs.select_related("bevoegd_gezag", "uitvoerder", "gemeente").prefetch_related("activiteiten")
    pagina = pagineer(request, qs, filters, doel="raadplegen toestemmingen (lijst)")
    pagina["results"] = [schemas.toestemming_uit(t) for t in pagina["results"]]
    return pagina


@router.get(
    "/toestemmingen/{uuid}",
    response=schemas.ToestemmingDetail,
    auth=INGELOGD,
    by_alias=True,
    operation_id="toestemming_get",
    summary="Eén toestemming met de voorschriften die op de peildatum gelden",
)
def toestemming_get(request, uuid: UUID, params: Query[ToestemmingPeildatum]):
    actor = request.auth
    toestemming = selectors.toestemming_get(actor=actor, uuid=uuid)
    peildatum = params.peildatum or timezone.localdate()
    voorschriften = selectors.toestemming_voorschriften(actor=actor, toestemming=toestemming, peildatum=peildatum)
    return schemas.toestemming_uit(toestemming) | {
        "peildatum": peildatum,
        "voorschriften": [schemas.voorschrift_uit(v) for v in voorschriften],
    }


# --- decision periods and timeliness ------------------------------------------------------------------------

HORIZON = timedelta(weeks=4)


class BeslistermijnParameters(Parameters):
    organisatie: str | None = Field(None, max_length=40, description="organisatiecode: bevoegd gezag of uitvoerder")
    behandelaar: Literal["mij"] | None = Field(None, description="mij: alleen de verzoeken die ik behandel")
    tot: date | None = Field(None, description="Termijnen die uiterlijk op deze dag eindigen (standaard: 4 weken).")
    aantal: int = Field(200, ge=1, le=1000, description="Ten hoogste zoveel, vroegste einddatum eerst.")


@router.get(
    "/beslistermijnen",
    response=list[schemas.BeslistermijnOut],
    auth=INGELOGD,
    by_alias=True,
    operation_id="beslistermijn_list",
    summary="Beslistermijnen van open aanvragen: verlopen eerst, dan op einddatum (ook opgeschorte)",
)
def beslistermijn_list(request, params: Query[BeslistermijnParameters]):
    actor = request.auth
    organisatie = None
    if params.organisatie:
        org = organisatie_selectors.organisatie_list(actor=actor, code=params.organisatie).first()
        if org is None:
            raise OngeldigeInvoer(velden={"organisatie": f"onbekende organisatiecode '{params.organisatie}'"})
        organisatie = org.pk
    vandaag = timezone.localdate()
    signalen = selectors.beslistermijn_list(
        actor=actor,
        tot=params.tot or vandaag + HORIZON,
        organisatie=organisatie,
        behandelaar=actor.gebruiker_id if params.behandelaar == "mij" else None,
        peildatum=vandaag,
        aantal=params.aantal,
    )
    selectors.verzoeken_ingezien(actor=actor, uuids={s.verzoek for s in signalen}, doel="raadplegen beslistermijnen")
    return [schemas.beslistermijn_uit(s) for s in signalen]


class TijdigheidParameters(Parameters):
    jaar: int | None = Field(None, ge=2000, le=2100, description="Het jaar van besluiten (standaard dit jaar).")


@router.get(
    "/tijdigheid",
    response=list[schemas.TijdigheidOut],
    auth=INGELOGD,
    by_alias=True,
    operation_id="tijdigheid_list",
    summary="Tijdigheid per bevoegd gezag: het aandeel aanvragen dat binnen de beslistermijn is besloten",
)
def tijdigheid_list(request, params: Query[TijdigheidParameters]):
    jaar = params.jaar or timezone.localdate().year
    return [schemas.tijdigheid_uit(t, jaar) for t in selectors.tijdigheid(actor=request.auth, jaar=jaar)]
