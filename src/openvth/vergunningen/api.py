"""API: requests (CIM VERZOEK) — intake with the message profile, the list, one request (docs/vergunningen.md).

Thin: the body is read by the same service as a portal message (`verzoekbericht_verwerken`, source `api`), so a
repeated POST of the same body is answered 200 with the request it already made and changes nothing; a refusal is
a domain error that `api/v1.py` answers as problem details.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router
from ninja.responses import Status
from pydantic import Field

from openvth.api.auth import INGELOGD
from openvth.api.schemas import Lijstparameters, pagineer
from openvth.register import selectors as register_selectors

from . import schemas, selectors, services
from .models import Verzoek, Verzoekbron, Verzoeksoort, Verzoekstatus

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
