"""API: organisations, their work areas, and who the caller is (/ik)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from ninja import Query, Router
from pydantic import Field

from openvth.api.auth import INGELOGD, PUBLIEK
from openvth.api.schemas import CamelSchema, Lijstparameters, Pagina, Parameters, pagineer

from . import selectors
from .models import Rol, Soort

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
