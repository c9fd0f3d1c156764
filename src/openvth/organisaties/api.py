"""API: organisations, their work areas, who the caller is (/ik), and the sharing agreements of the caller's
organisation: record, approve (ADR 0020) and end them with immediate effect."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router
from ninja.responses import Status
from pydantic import Field

from openvth.api.auth import INGELOGD, PUBLIEK
from openvth.api.schemas import CamelSchema, Lijstparameters, Pagina, Parameters, pagineer

from . import selectors, services
from .fouten import OngeldigeInvoer
from .models import Afspraakstatus, Deelafspraak, Organisatie, Rol, Soort, Vertrouwelijkheid

router = Router(tags=["organisaties"])


class OrganisatieKort(CamelSchema):
    id: UUID = Field(validation_alias="uuid")
    code: str
    soort: Soort
    naam: str


class OrganisatieOut(OrganisatieKort):
    afkorting: str
    cbs_code: str
    oin: str
    provincie: OrganisatieKort | None = None
    opvolger: OrganisatieKort | None = None
    inwoners: int | None = None
    lat: float | None = None
    lon: float | None = None
    geldig_vanaf: date | None = None
    geldig_tot: date | None = None
    opmerking: str


class WerkgebiedlidOut(CamelSchema):
    lid: OrganisatieKort
    afgeleid: bool
    bron: str
    geldig_vanaf: date | None = None
    geldig_tot: date | None = None


class OrganisatiePagina(Pagina[OrganisatieKort]):
    pass


class OrganisatieFilter(Lijstparameters):
    soort: Soort | None = Field(
        None, description="gemeente, provincie, waterschap, rijk, omgevingsdienst, ketenpartner"
    )
    code: str | None = Field(None, max_length=40, description="CBS-code (GM0363, PV27) of projectcode (odru)")
    q: str | None = Field(None, min_length=2, max_length=100, description="Zoekt in naam, afkorting en code")
    peildatum: date | None = Field(None, description="Alleen organisaties die op deze datum bestaan")


class Peildatum(Parameters):
    peildatum: date | None = Field(None, description="Alleen leden op deze datum")


class IkOut(CamelSchema):
    gebruikersnaam: str
    organisatie: OrganisatieKort | None
    rollen: list[Rol]
    scopes: list[str] | None = Field(None, description="Alleen bij een token: de scopes van het token")
    organisaties: list[OrganisatieKort] = Field(description="Alle organisaties waarvoor u kunt optreden")


@router.get(
    "/organisaties",
    response=OrganisatiePagina,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="organisatie_list",
    summary="Organisaties zoeken",
)
def organisatie_list(request, filters: Query[OrganisatieFilter]):
    qs = selectors.organisatie_list(
        actor=request.auth, soort=filters.soort, code=filters.code, q=filters.q, peildatum=filters.peildatum
    )
    return pagineer(request, qs, filters)


@router.get(
    "/organisaties/{id}",
    response=OrganisatieOut,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="organisatie_get",
    summary="Eén organisatie",
)
def organisatie_get(request, id: UUID):
    return selectors.organisatie_get(actor=request.auth, uuid=id)


@router.get(
    "/organisaties/{id}/werkgebied",
    response=list[WerkgebiedlidOut],
    auth=PUBLIEK,
    by_alias=True,
    operation_id="organisatie_werkgebied",
    summary="Werkgebied van een omgevingsdienst",
)
def organisatie_werkgebied(request, id: UUID, params: Query[Peildatum]):
    organisatie = selectors.organisatie_get(actor=request.auth, uuid=id)
    return selectors.werkgebied_list(actor=request.auth, organisatie=organisatie, peildatum=params.peildatum)


@router.get(
    "/ik",
    response=IkOut,
    auth=INGELOGD,
    by_alias=True,
    operation_id="ik_get",
    summary="Wie ben ik en voor wie treed ik op",
)
def ik_get(request):
    actor = request.auth
    leden = selectors.lidmaatschappen_van_id(actor.gebruiker_id)
    return {
        "gebruikersnaam": actor.gebruikersnaam,
        "organisatie": actor.organisatie,
        "rollen": sorted(actor.rollen),
        "scopes": sorted(actor.scopes) if actor.scopes is not None else None,
        "organisaties": [lid.organisatie for lid in leden] if actor.scopes is None else [actor.organisatie],
    }


# --- sharing agreements -----------------------------------------------------------------------------------


class DeelafspraakOut(CamelSchema):
    id: UUID = Field(validation_alias="uuid")
    verstrekker: OrganisatieKort
    ontvanger: OrganisatieKort
    recordsoort: str
    plafond: Vertrouwelijkheid
    regio: OrganisatieKort | None = None
    grondslag: str
    geldig_vanaf: date | None = None
    geldig_tot: date | None = None
    status: Afspraakstatus = Field(description="voorgesteld: verleent nog niets tot de goedkeuring (ADR 0020)")
    voorgesteld_namens: OrganisatieKort | None = None
    wacht_op: str = Field(description="Bij een voorstel: wie nog moet goedkeuren; anders leeg")
    goedgekeurd_op: datetime | None = None
    beeindigd_op: datetime | None = Field(None, description="Vanaf dit moment verleent de afspraak niets meer")
    beeindigingsreden: str


class DeelafspraakPagina(Pagina[DeelafspraakOut]):
    pass


class DeelafspraakIn(CamelSchema):
    verstrekker: str = Field(max_length=40, description="Code van de organisatie wier gegevens gedeeld worden")
    ontvanger: str = Field(max_length=40, description="Code van de organisatie die mag lezen")
    recordsoort: str = Field(max_length=80, description="Bijv. handhaving.overtreding, toezicht.controle")
    plafond: Vertrouwelijkheid = Vertrouwelijkheid.INTERN
    regio: str | None = Field(None, max_length=40, description="Code van een gemeente, provincie of werkgebied")
    grondslag: str = Field(max_length=2000, description="De wettelijke grondslag van de verstrekking")
    geldig_vanaf: date | None = None
    geldig_tot: date | None = Field(None, description="Exclusief")


class DeelafspraakBeeindigingIn(CamelSchema):
    reden: str = Field(min_length=1, max_length=2000, description="Waarom de afspraak nu eindigt")


def _org(code: str, veld: str) -> Organisatie:
    organisatie = Organisatie.objects.filter(code__iexact=code.strip()).first()
    if organisatie is None:
        raise OngeldigeInvoer(f"Onbekende organisatiecode '{code}'.", {veld: "onbekende code"})
    return organisatie


def _deelafspraak(request, id: UUID) -> Deelafspraak:
    return selectors.afspraak_get(actor=request.auth, soort="deelafspraak", uuid=id)


@router.get(
    "/deelafspraken",
    response=DeelafspraakPagina,
    auth=INGELOGD,
    by_alias=True,
    operation_id="deelafspraak_list",
    summary="Deelafspraken waarbij uw organisatie partij is",
)
def deelafspraak_list(request, filters: Query[Lijstparameters]):
    return pagineer(request, selectors.deelafspraak_list(actor=request.auth), filters)


@router.post(
    "/deelafspraken",
    response={201: DeelafspraakOut},
    auth=INGELOGD,
    by_alias=True,
    operation_id="deelafspraak_create",
    summary="Een deelafspraak vastleggen of voorstellen (status voorgesteld tot de goedkeuring)",
)
def deelafspraak_create(request, gegevens: DeelafspraakIn, response: HttpResponse):
    afspraak = services.deelafspraak_maken(
        actor=request.auth,
        verstrekker=_org(gegevens.verstrekker, "verstrekker"),
        ontvanger=_org(gegevens.ontvanger, "ontvanger"),
        recordsoort=gegevens.recordsoort,
        plafond=gegevens.plafond,
        regio=_org(gegevens.regio, "regio") if gegevens.regio else None,
        grondslag=gegevens.grondslag,
        geldig_vanaf=gegevens.geldig_vanaf,
        geldig_tot=gegevens.geldig_tot,
    )
    response["Location"] = f"/api/v1/deelafspraken/{afspraak.uuid}"
    return Status(201, afspraak)


@router.get(
    "/deelafspraken/{id}",
    response=DeelafspraakOut,
    auth=INGELOGD,
    by_alias=True,
    operation_id="deelafspraak_get",
    summary="Eén deelafspraak",
)
def deelafspraak_get(request, id: UUID):
    return _deelafspraak(request, id)


@router.post(
    "/deelafspraken/{id}/goedkeuring",
    response=DeelafspraakOut,
    auth=INGELOGD,
    by_alias=True,
    operation_id="deelafspraak_goedkeur",
    summary="Een voorgestelde deelafspraak goedkeuren (een ander dan de voorsteller, namens de verstrekker)",
)
def deelafspraak_goedkeur(request, id: UUID):
    return services.deelafspraak_goedkeuren(actor=request.auth, afspraak=_deelafspraak(request, id))


@router.post(
    "/deelafspraken/{id}/beeindiging",
    response=DeelafspraakOut,
    auth=INGELOGD,
    by_alias=True,
    operation_id="deelafspraak_beeindig",
    summary="Een deelafspraak per direct beëindigen (of een voorstel afwijzen)",
)
def deelafspraak_beeindig(request, id: UUID, gegevens: DeelafspraakBeeindigingIn):
    return services.deelafspraak_beeindigen(
        actor=request.auth, afspraak=_deelafspraak(request, id), reden=gegevens.reden
    )
