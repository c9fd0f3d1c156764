"""API: the catalogue, VTH-objects and activity executions (JSON and GeoJSON, CRS84 or RD New), with writes.

Spatial lists answer `application/geo+json` when asked (Accept header), in CRS84 by default and in RD New with
`crs=http://www.opengis.net/def/crs/EPSG/0/28992`, with a `Content-Crs` header (NL GEO API).
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router
from pydantic import Field

from openvth.api.auth import PUBLIEK
from openvth.api.problemen import if_match_openapi, probleem
from openvth.api.schemas import CamelSchema, Lijstparameters, OrganisatieVerwijzing, Pagina, pagineer
from openvth.geo import bbox as geobbox
from openvth.geo import crs as geocrs
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import Vertrouwelijkheid

from . import selectors, services
from .models import Kwalificatie, Status, TypeVthObject
from .presentatie import feature_collection, uitvoeringen_dicts, vthobject_dict

router = Router(tags=["register"])
GEOJSON = "application/geo+json"


class ActiviteitOut(CamelSchema):
    code: str
    naam: str
    niveau: int
    sector: str
    bovenliggende: str | None = Field(None, description="code van de bovenliggende activiteit")
    kwalificaties: list[Kwalificatie]
    basistaak: bool | None
    ippc_seveso: bool
    waterschap: bool
    catalogusversie: str

    @staticmethod
    def resolve_bovenliggende(obj) -> str | None:
        return obj.bovenliggende.code if obj.bovenliggende_id else None


class ActiviteitPagina(Pagina[ActiviteitOut]):
    pass


class ActiviteitFilter(Lijstparameters):
    q: str | None = Field(None, min_length=2, max_length=100)
    niveau: int | None = Field(None, ge=1, le=3)
    peildatum: date | None = None


class Geofilter(Lijstparameters):
    bbox: str | None = Field(None, description="minx,miny,maxx,maxy in bboxCrs (standaard CRS84)")
    bbox_crs: str | None = Field(None, alias="bboxCrs", description="CRS van bbox; ook als `bbox-crs` (NL GEO API)")
    crs: str | None = Field(None, description="CRS van de geometrie in het antwoord: CRS84 (standaard) of RD New")


class VthObjectFilter(Geofilter):
    q: str | None = Field(None, min_length=2, max_length=100, description="naam, adres of postcode")
    gemeente: str | None = Field(None, max_length=6, description="CBS-gemeentecode, bijv. GM0772")


class Sortering(StrEnum):
    """Orders of the register list: `registratie` (the default, what the indexes serve) or `naam`."""

    REGISTRATIE = "registratie"
    NAAM = "naam"


TELGRENS = 1_000
"""The register list counts exactly up to this many matches; beyond, `count` is this bound (ADR 0018)."""


class UitvoeringFilter(Geofilter):
    gemeente: str | None = Field(None, max_length=6)
    activiteit: str | None = Field(None, max_length=40, description="catalogus­code; omvat onderliggende")
    kwalificatie: Kwalificatie | None = None
    status: Status | None = None
    bevoegd_gezag: str | None = Field(None, alias="bevoegdGezag", max_length=40, description="organisatiecode")
    toezichtinstantie: str | None = Field(None, max_length=40, description="organisatiecode")
    q: str | None = Field(None, min_length=2, max_length=100, description="naam, adres of postcode")
    peildatum: date | None = Field(None, description="de stand op deze datum (standaard vandaag)")
    punt: str | None = Field(None, description="x,y van het middelpunt, in crs")
    straal: float | None = Field(None, gt=0, description="straal in meters, met punt")
    sorteer: Sortering = Field(
        Sortering.REGISTRATIE,
        description=(
            "volgorde: `registratie` (standaard; volgorde van registratie, een nieuwe versie achteraan) of `naam` "
            "(naam van het VTH-object; trager bij veel resultaten)"
        ),
    )


class Adres(CamelSchema):
    straat: str
    huisnummer: int | None
    huisletter: str
    huisnummertoevoeging: str
    postcode: str
    woonplaats: str
    bag_id: str


class VthObjectOut(CamelSchema):
    id: UUID
    identificatie: dict[str, str]
    type: TypeVthObject
    subtype: str
    naam: str
    adres: Adres
    gemeente: OrganisatieVerwijzing
    bevoegd_gezag: OrganisatieVerwijzing
    uitvoerder: OrganisatieVerwijzing
    locatie_id: UUID
    geometrie: dict
    vertrouwelijkheid: Vertrouwelijkheid


class VthObjectPagina(Pagina[VthObjectOut]):
    pass


class UitvoeringOut(CamelSchema):
    id: UUID
    versie: int
    activiteit: dict[str, str]
    vth_object: dict
    uitvoerder: str | None = Field(
        None,
        description="naam van wie de activiteit uitvoert; nooit van een natuurlijk persoon voor wie hem niet mag zien",
    )
    bevoegd_gezag: OrganisatieVerwijzing
    toezichtinstantie: OrganisatieVerwijzing
    gemeente: OrganisatieVerwijzing
    kwalificaties: list[Kwalificatie]
    status: Status
    omschrijving: str
    legitimatie: str
    ontstaansdatum: date | None
    beeindigingsdatum: date | None
    geldig_vanaf: date | None
    geldig_tot: date | None
    geregistreerd_op: str
    vertrouwelijkheid: Vertrouwelijkheid
    geometrie: dict


class UitvoeringPagina(Pagina[UitvoeringOut]):
    pass


class UitvoeringIn(CamelSchema):
    activiteit: str = Field(max_length=40)
    vth_object: UUID
    bevoegd_gezag: str = Field(max_length=40)
    toezichtinstantie: str = Field(max_length=40)
    status: Status
    kwalificaties: list[Kwalificatie] = Field(default_factory=list)
    omschrijving: str = Field("", max_length=500)
    legitimatie: str = Field("", max_length=100)
    ontstaansdatum: date | None = None
    beeindigingsdatum: date | None = None
    vertrouwelijkheid: Vertrouwelijkheid = Vertrouwelijkheid.OPENBAAR
    geldig_vanaf: date | None = None


class UitvoeringWijziging(CamelSchema):
    status: Status | None = None
    kwalificaties: list[Kwalificatie] | None = None
    omschrijving: str | None = Field(None, max_length=500)
    legitimatie: str | None = Field(None, max_length=100)
    toezichtinstantie: str | None = Field(None, max_length=40)
    ontstaansdatum: date | None = None
    beeindigingsdatum: date | None = None
    vertrouwelijkheid: Vertrouwelijkheid | None = None
    geldig_vanaf: date | None = Field(None, description="ingangsdatum van de wijziging (standaard vandaag)")


def _wil_geojson(request) -> bool:
    return GEOJSON in request.headers.get("Accept", "")


def uitvoer_crs(waarde: str | None) -> geocrs.Crs:
    try:
        return geocrs.crs_uit_uri(waarde)
    except ValueError as fout:
        raise geobbox.GeoFout("crs", str(fout)) from None


def _ruimtelijk(filters: Geofilter):
    """Parse bbox/bbox-crs/crs into an RD rectangle and the output CRS; errors name their parameter."""
    rechthoek = geobbox.parse_bbox(filters.bbox, filters.bbox_crs) if filters.bbox else None
    return rechthoek, uitvoer_crs(filters.crs)


GEO_ANTWOORD = {
    "200": {
        "description": "OK",
        "content": {GEOJSON: {"schema": {"type": "object", "description": "GeoJSON FeatureCollection met links"}}},
    }
}


@router.get(
    "/activiteiten",
    response=ActiviteitPagina,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="activiteit_list",
    summary="Catalogus van milieubelastende activiteiten (Bal hoofdstuk 3)",
)
def activiteit_list(request, filters: Query[ActiviteitFilter]):
    qs = selectors.activiteit_list(actor=request.auth, q=filters.q, niveau=filters.niveau, peildatum=filters.peildatum)
    return pagineer(request, qs, filters)


@router.get(
    "/activiteiten/{code}",
    response=ActiviteitOut,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="activiteit_get",
    summary="Eén activiteit uit de catalogus",
)
def activiteit_get(request, code: str):
    return selectors.activiteit_get(actor=request.auth, code=code)


@router.get(
    "/vth-objecten",
    response=VthObjectPagina,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="vthobject_list",
    summary="VTH-objecten zoeken",
    openapi_extra={"responses": GEO_ANTWOORD},
)
def vthobject_list(request, filters: Query[VthObjectFilter]):
    rechthoek, uitvoer = _ruimtelijk(filters)
    qs = selectors.vthobject_list(actor=request.auth, q=filters.q, gemeente=filters.gemeente, rechthoek=rechthoek)
    pagina = pagineer(request, qs, filters, doel="raadplegen register (lijst)")
    objecten = pagina["results"]
    if _wil_geojson(request):
        return feature_collection(request, pagina, [vthobject_dict(o, uitvoer) for o in objecten], uitvoer)
    pagina["results"] = [vthobject_dict(o, uitvoer) for o in objecten]
    return _met_crs(pagina, uitvoer)


@router.get(
    "/vth-objecten/{id}",
    response=VthObjectOut,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="vthobject_get",
    summary="Eén VTH-object",
)
def vthobject_get(request, id: UUID, crs: str | None = None):
    uitvoer = uitvoer_crs(crs)
    return vthobject_dict(selectors.vthobject_get(actor=request.auth, uuid=id), uitvoer)


@router.get(
    "/activiteituitvoeringen",
    response=UitvoeringPagina,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="activiteituitvoering_list",
    summary="Het register: activiteituitvoeringen zoeken",
    openapi_extra={"responses": GEO_ANTWOORD},
)
def uitvoering_list(request, filters: Query[UitvoeringFilter]):
    rechthoek, uitvoer = _ruimtelijk(filters)
    cirkel = None
    if filters.punt or filters.straal:
        cirkel = geobbox.parse_cirkel(filters.punt, filters.straal, filters.crs)
    qs = selectors.uitvoering_list(
        actor=request.auth,
        filters=selectors.UitvoeringFilter(
            gemeente=filters.gemeente,
            activiteit=filters.activiteit,
            kwalificatie=filters.kwalificatie,
            status=filters.status,
            bevoegd_gezag=filters.bevoegd_gezag,
            toezichtinstantie=filters.toezichtinstantie,
            q=filters.q,
            peildatum=filters.peildatum,
            rechthoek=rechthoek,
            cirkel=cirkel,
        ),
        volgorde=filters.sorteer.value,
    )
    pagina = pagineer(request, qs, filters, telgrens=TELGRENS, doel="raadplegen register (lijst)")
    uitvoeringen = pagina["results"]
    resultaten = uitvoeringen_dicts(request.auth, uitvoeringen, uitvoer)
    if _wil_geojson(request):
        return feature_collection(request, pagina, resultaten, uitvoer)
    pagina["results"] = resultaten
    return _met_crs(pagina, uitvoer)


def _met_crs(pagina, uitvoer):
    """The page as JSON under the schema's names (`pageSize`, `_links`, as the other lists) with Content-Crs."""
    inhoud = {
        "count": pagina["count"],
        "countExact": pagina["count_exact"],
        "page": pagina["page"],
        "pageSize": pagina["page_size"],
        "_links": pagina["links"],
        "results": pagina["results"],
    }
    response = HttpResponse(json.dumps(inhoud, default=str, ensure_ascii=False), content_type="application/json")
    response["Content-Crs"] = f"<{uitvoer.uri}>"
    return response


@router.get(
    "/activiteituitvoeringen/{id}",
    response=UitvoeringOut,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="activiteituitvoering_get",
    summary="Eén activiteituitvoering (stand op peildatum)",
)
def uitvoering_get(request, id: UUID, peildatum: date | None = None, crs: str | None = None):
    uitvoer = uitvoer_crs(crs)
    uitvoering = selectors.uitvoering_get(actor=request.auth, uuid=id, peildatum=peildatum)
    return _uitvoering_antwoord(request, uitvoering, uitvoer)


@router.get(
    "/activiteituitvoeringen/{id}/versies",
    response=list[UitvoeringOut],
    auth=PUBLIEK,
    by_alias=True,
    operation_id="activiteituitvoering_versies",
    summary="De geschiedenis van een activiteituitvoering",
)
def uitvoering_versies(request, id: UUID):
    versies = selectors.uitvoering_geschiedenis(actor=request.auth, uuid=id, doel="raadplegen geschiedenis")
    if not versies:
        raise NietGevonden()
    inhoud = uitvoeringen_dicts(request.auth, versies, geocrs.Crs.CRS84)
    return HttpResponse(json.dumps(inhoud, default=str, ensure_ascii=False), content_type="application/json")


def _uitvoering_antwoord(request, uitvoering, uitvoer, status=200):
    response = HttpResponse(
        json.dumps(uitvoeringen_dicts(request.auth, [uitvoering], uitvoer)[0], default=str, ensure_ascii=False),
        content_type="application/json",
        status=status,
    )
    response["ETag"] = services.etag(uitvoering)
    response["Content-Crs"] = f"<{uitvoer.uri}>"
    return response


@router.post(
    "/activiteituitvoeringen",
    response={201: UitvoeringOut},
    auth=PUBLIEK,
    by_alias=True,
    operation_id="activiteituitvoering_create",
    summary="Een activiteituitvoering registreren",
)
def uitvoering_create(request, gegevens: UitvoeringIn):
    vth_object = selectors.vthobject_get(actor=request.auth, uuid=gegevens.vth_object, doel="registreren activiteit")
    uitvoering = services.uitvoering_maken(
        actor=request.auth,
        geldig_vanaf=gegevens.geldig_vanaf,
        gegevens=services.Uitvoeringsgegevens(
            activiteit=gegevens.activiteit,
            vth_object=vth_object,
            bevoegd_gezag=gegevens.bevoegd_gezag,
            toezichtinstantie=gegevens.toezichtinstantie,
            status=gegevens.status,
            kwalificaties=tuple(gegevens.kwalificaties),
            omschrijving=gegevens.omschrijving,
            legitimatie=gegevens.legitimatie,
            ontstaansdatum=gegevens.ontstaansdatum,
            beeindigingsdatum=gegevens.beeindigingsdatum,
            vertrouwelijkheid=gegevens.vertrouwelijkheid,
        ),
    )
    response = _uitvoering_antwoord(request, uitvoering, geocrs.Crs.CRS84, status=201)
    response["Location"] = f"/api/v1/activiteituitvoeringen/{uitvoering.uuid}"
    return response


@router.patch(
    "/activiteituitvoeringen/{id}",
    response=UitvoeringOut,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="activiteituitvoering_update",
    summary="Een activiteituitvoering wijzigen of beëindigen (If-Match verplicht)",
    openapi_extra=if_match_openapi(),
)
def uitvoering_update(request, id: UUID, wijziging: UitvoeringWijziging):
    verwacht = request.headers.get("If-Match")
    if not verwacht:
        return probleem(
            request, 428, "Stuur de ETag van de versie die u wijzigt mee in If-Match.", soort="if-match-verplicht"
        )
    wijzigingen = wijziging.model_dump(exclude_unset=True, exclude={"geldig_vanaf"})
    uitvoering = services.uitvoering_wijzigen(  # a stale If-Match raises VerouderdeVersie: 412 (api.problemen)
        actor=request.auth,
        uuid=id,
        verwachte_etag=verwacht,
        wijzigingen=wijzigingen,
        geldig_vanaf=wijziging.geldig_vanaf,
    )
    return _uitvoering_antwoord(request, uitvoering, geocrs.Crs.CRS84)
