"""The national checklists: topics and points of attention per activity (functional administrators), and the
permit conditions of a site linked to their items (permit officers and inspectors)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema, Parameters
from openvth.organisaties.fouten import NietGevonden, OngeldigeInvoer
from openvth.register import selectors as register_selectors

from .. import selectors, services

router = Router()


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


def onderwerp_uit(o) -> dict:
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
    return [onderwerp_uit(o) for o in selectors.controleonderwerp_list(actor=request.auth)]


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
    return Status(201, onderwerp_uit(onderwerp))


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
    return Status(201, onderwerp_uit(selectors.controleonderwerp_get(actor=request.auth, pk=id)))


# --- permit conditions on the checklist ------------------------------------------------------------------------


class VergunningvoorschriftOut(CamelSchema):
    """A permit condition as supervision shows it: the permit's reference and the condition's number, its text,
    and the checklist items it is linked to."""

    id: UUID
    aanduiding: str = Field(description="zoals een bevinding het noemt: '<kenmerk> voorschrift <nummer>'")
    toestemming: str = Field(description="kenmerk van de toestemming (vergunning)")
    besluit: str = Field(description="kenmerk van het besluit dat het voorschrift stelde")
    nummer: str
    tekst: str
    activiteit: str | None = Field(description="activiteitcode uit de catalogus")
    geldig_vanaf: date | None
    geldig_tot: date | None
    aandachtspunten: list[int] = Field(description="gekoppelde controle-aandachtspunten")
    onderwerpen: list[int] = Field(description="gekoppelde controle-onderwerpen")


def vergunningvoorschrift_uit(v, aandachtspunten=(), onderwerpen=()) -> dict:
    return {
        "id": v.uuid,
        "aanduiding": selectors.voorschrift_aanduiding(v),
        "toestemming": v.toestemming.kenmerk if v.toestemming_id else "",
        "besluit": v.besluit.kenmerk,
        "nummer": v.nummer,
        "tekst": v.tekst,
        "activiteit": v.activiteit.code if v.activiteit_id else None,
        "geldig_vanaf": v.geldig_vanaf,
        "geldig_tot": v.geldig_tot,
        "aandachtspunten": sorted(aandachtspunten),
        "onderwerpen": sorted(onderwerpen),
    }


class KoppelbaarOut(VergunningvoorschriftOut):
    koppelbare_onderwerpen: list[OnderwerpOut] = Field(
        description="de checklist van de activiteiten van het voorschrift"
    )


class PeildatumParameters(Parameters):
    peildatum: date | None = Field(None, description="standaard vandaag")


@router.get(
    "/vth-objecten/{id}/vergunningvoorschriften",
    response=list[KoppelbaarOut],
    by_alias=True,
    operation_id="vthobject_vergunningvoorschriften",
    summary="De vergunningvoorschriften die op een datum bij een VTH-object van kracht zijn, met hun checklist",
)
def vthobject_vergunningvoorschriften(request, id: UUID, params: Query[PeildatumParameters]):
    obj = register_selectors.vthobject_get(
        actor=request.auth, uuid=id, doel="toezicht: vergunningvoorschriften koppelen aan de checklist"
    )
    lijst = selectors.vergunningvoorschriften_koppelbaar(
        actor=request.auth, vth_object=obj, peildatum=params.peildatum or timezone.localdate()
    )
    return [
        vergunningvoorschrift_uit(k.voorschrift, k.gekoppelde_punten, k.gekoppelde_onderwerpen)
        | {"koppelbare_onderwerpen": [onderwerp_uit(o) for o in k.onderwerpen]}
        for k in lijst
    ]


class KoppelingIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    aandachtspunten: list[int] = Field(default_factory=list, max_length=500)
    onderwerpen: list[int] = Field(default_factory=list, max_length=500)


@router.post(
    "/vergunningvoorschriften/{id}/checklist-koppelingen",
    response=VergunningvoorschriftOut,
    by_alias=True,
    operation_id="vergunningvoorschrift_koppelen",
    summary="De checklistpunten van een vergunningvoorschrift vastleggen (vervangt de vorige koppelingen)",
)
def vergunningvoorschrift_koppelen(request, id: UUID, gegevens: KoppelingIn):
    actor = request.auth
    voorschrift = selectors.vergunningvoorschrift_get(actor=actor, uuid=id)
    if voorschrift.toestemming_id is None:
        raise NietGevonden()
    alle = list(selectors.controleonderwerp_list(actor=actor, alle=True))
    punten = {p.pk: p for o in alle for p in o.aandachtspunten.all()}
    topics = {o.pk: o for o in alle}
    onbekend = {}
    if ontbreekt := sorted(set(gegevens.aandachtspunten) - punten.keys()):
        onbekend["aandachtspunten"] = f"onbekend: {', '.join(map(str, ontbreekt))}"
    if ontbreekt := sorted(set(gegevens.onderwerpen) - topics.keys()):
        onbekend["onderwerpen"] = f"onbekend: {', '.join(map(str, ontbreekt))}"
    if onbekend:
        raise OngeldigeInvoer("Onbekende checklistpunten.", onbekend)
    koppelingen = services.voorschrift_koppelen(
        actor=actor,
        voorschrift=voorschrift,
        aandachtspunten=[punten[pk] for pk in set(gegevens.aandachtspunten)],
        onderwerpen=[topics[pk] for pk in set(gegevens.onderwerpen)],
    )
    return vergunningvoorschrift_uit(
        voorschrift,
        {k.aandachtspunt_id for k in koppelingen if k.aandachtspunt_id},
        {k.onderwerp_id for k in koppelingen if k.onderwerp_id},
    )
