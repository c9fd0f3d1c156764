"""API: the legal-term calculator (Algemene termijnenwet), the LHSO intervention advice, and the enforcement
cases: violations, positions, consultations, measures along the workflow table, the dwangsom ledger, the CIM
code lists and the data-quality report (docs/handhaving.md).

Thin: handlers translate the wire format (schemas.py) to selectors, services and the pure rules and back. A
refusal (`OngeldigeInvoer`, a rule's ValueError) is answered as 400 with `invalidParams` naming the field.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any
from uuid import UUID

from django.http import HttpResponse
from django.utils import timezone
from ninja import File, Form, Path, Query, Router, UploadedFile
from ninja.responses import Status
from pydantic import ConfigDict, Field

from openvth.api.auth import INGELOGD, PUBLIEK
from openvth.api.problemen import if_match_openapi, probleem
from openvth.api.schemas import CamelSchema, Lijstparameters, Parameters, pagineer
from openvth.organisaties.fouten import NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Organisatie
from openvth.regels import lhso, termijnen
from openvth.register import selectors as register_selectors
from openvth.web import bestanden

from . import codelijsten, datakwaliteit, schemas, selectors, services, workflow
from .models import Codelijst, Fase, MaatregelStatus, OvertredingStatus

router = Router(tags=["handhaving"])


class RichtingParam(StrEnum):
    VOORUIT = "vooruit"
    TERUG = "terug"


class TermijnParameters(Parameters):
    startdatum: date = Field(description="De dag waarna (vooruit) of waarvóór (terug) de termijn loopt, jjjj-mm-dd.")
    duur: str = Field(
        max_length=20,
        description="ISO 8601-duur in één eenheid: PnD, PnW, PnM of PnY (n ≥ 1), bijv. P8W; geen uren.",
    )
    richting: RichtingParam = Field(
        RichtingParam.VOORUIT, description="vooruit (na de startdatum) of terug (terugrekening, nooit verschoven)."
    )
    wettelijk: bool = Field(
        True, description="true: termijn gesteld bij wet of AMvB (Atw van toepassing); false: gesteld bij besluit."
    )


class TermijnOut(CamelSchema):
    startdatum: date
    duur: str = Field(description="De duur in ISO 8601, genormaliseerd (bijv. P8W).")
    richting: RichtingParam
    wettelijk: bool
    einddatum: date = Field(description="De laatste dag van de termijn, na eventuele verlenging volgens de Atw.")
    verschoven: bool = Field(description="Of Atw art. 1 of 2 het einde heeft verschoven.")
    motivering: list[str] = Field(description="Elke toegepaste regel en elke overgeslagen dag, met reden.")


@router.get(
    "/termijnen/berekening",
    response=TermijnOut,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="termijn_berekening",
    summary="Een termijn berekenen volgens de Algemene termijnenwet",
)
def termijn_berekening(request, params: Query[TermijnParameters]):
    try:
        duur = termijnen.Duur.parse(params.duur)
    except ValueError as fout:
        raise OngeldigeInvoer(str(fout), {"duur": str(fout)}) from None
    try:
        termijn = termijnen.einde_termijn(
            params.startdatum,
            duur,
            kalender=workflow.kalender(),
            richting=termijnen.Richting(params.richting.value),
            wettelijk=params.wettelijk,
        )
    except ValueError as fout:  # a date before the modelled years or outside the date range
        raise OngeldigeInvoer(str(fout), {"startdatum": str(fout)}) from None
    return {
        "startdatum": params.startdatum,
        "duur": duur.iso,
        "richting": params.richting,
        "wettelijk": params.wettelijk,
        "einddatum": termijn.einddatum,
        "verschoven": termijn.verschoven,
        "motivering": list(termijn.motivering),
    }


class EerdereOvertredingIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")

    datum: date
    gesanctioneerd: bool = Field(description="Of er sanctionerend tegen is opgetreden.")
    relevant: bool = Field(True, description="Of de overtreding relevant is voor de recidiveregels.")
    kenmerk: str = Field("", max_length=100)


class AdviesIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")

    gedrag: str = Field(max_length=40, description="Gedragsklasse: letter A–D (of CIM-naam, bijv. calculerend).")
    gevolg: str = Field(max_length=40, description="Gevolgklasse: cijfer 1–4 (of CIM-naam, bijv. van belang).")
    omstandigheden: list[lhso.Omstandigheid] = Field(
        default_factory=list, description="Verzwarende en verzachtende omstandigheden (LHSO stap 2)."
    )
    eerdere_overtredingen: list[EerdereOvertredingIn] = Field(
        default_factory=list, description="Eerdere overtredingen van dezelfde overtreder (recidive)."
    )
    overtredingsdatum: date | None = Field(
        None, description="Recidive telt terug vanaf deze datum (standaard peildatum)."
    )
    peildatum: date | None = Field(None, description="Geldigheidsdatum instrumenten (standaard vandaag).")


class AdviesInstrumentOut(CamelSchema):
    code: str
    naam: str
    zwaarte: int
    categorie: lhso.InstrumentCategorie


class AdviesOut(CamelSchema):
    cel: str = Field(description="Cel na verzwaring of verzachting, bijv. C3 (gedragsletter + gevolgcijfer).")
    oorspronkelijke_cel: str = Field(description="Cel van de positionering vóór omstandigheden en recidive.")
    spoor: lhso.Spoor
    instrumenten: list[AdviesInstrumentOut] = Field(description="Voorgestelde instrumenten, licht → zwaar.")
    bsb_toegestaan: bool = Field(description="Of een bestuurlijke strafbeschikking aan de orde is.")
    verwijzing_om: bool = Field(description="Of het strafrechtelijke deel naar het OM gaat.")
    motivering: list[str]
    tabelversie: str


@lru_cache(maxsize=1)
def _standaardtabel() -> lhso.Interventietabel:
    return lhso.standaardtabel()


def _as(parse, waarde: str, veld: str, fouten: dict[str, str]):
    try:
        return parse(waarde)
    except ValueError as fout:
        fouten[veld] = str(fout)
        return None


@router.post(
    "/lhso/advies",
    response=AdviesOut,
    auth=PUBLIEK,
    by_alias=True,
    operation_id="lhso_advies",
    summary="Interventieadvies volgens de LHSO-interventiematrix",
)
def lhso_advies(request, payload: AdviesIn):
    fouten: dict[str, str] = {}
    gedrag = _as(lhso.parse_gedrag, payload.gedrag, "gedrag", fouten)
    gevolg = _as(lhso.parse_gevolg, payload.gevolg, "gevolg", fouten)
    if fouten:
        raise OngeldigeInvoer(" ".join(fouten.values()), fouten)
    uitkomst = lhso.advies(
        gedrag=gedrag,
        gevolg=gevolg,
        tabel=_standaardtabel(),
        peildatum=payload.peildatum or timezone.localdate(),
        omstandigheden=payload.omstandigheden,
        eerdere_overtredingen=[
            lhso.EerdereOvertreding(e.datum, e.gesanctioneerd, e.relevant, e.kenmerk)
            for e in payload.eerdere_overtredingen
        ],
        overtredingsdatum=payload.overtredingsdatum,
    )
    return {
        "cel": uitkomst.cel.code,
        "oorspronkelijke_cel": uitkomst.oorspronkelijke_cel.code,
        "spoor": uitkomst.spoor,
        "instrumenten": list(uitkomst.instrumenten),
        "bsb_toegestaan": uitkomst.bsb_toegestaan,
        "verwijzing_om": uitkomst.verwijzing_om,
        "motivering": list(uitkomst.motivering),
        "tabelversie": uitkomst.tabelversie,
    }


# --- enforcement cases: violations, positions, consultations, measures, the ledger --------------------------
#
# Never public (auth INGELOGD). Every read goes through the selectors (access policy, access log), every write
# through the services (permission, validation, audit). Detail responses carry an ETag; writes that change a case
# or a measure require If-Match (428 without it, 412 when someone changed it in between): a client that never
# read the current version cannot overwrite someone else's step unnoticed (RFC 6585 §3, RFC 9110 §13.1.1).

SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


def _snake(gegevens: dict[str, Any]) -> dict[str, Any]:
    return {SNAKE.sub("_", k).lower(): v for k, v in gegevens.items()}


def _onder_if_match(request, schrijf):
    """Run a write under the request's If-Match: missing → 428; a stale version raises VerouderdeVersie, which the
    API answers with 412 (api.problemen)."""
    verwacht = request.headers.get("If-Match", "").strip()
    if not verwacht:
        return probleem(
            request, 428, "Stuur de ETag van de versie die u wijzigt mee in If-Match.", soort="if-match-verplicht"
        )
    return schrijf(verwacht)


class OvertredingParameters(Lijstparameters):
    status: OvertredingStatus | None = None
    bevoegd_gezag: str | None = Field(None, alias="bevoegdGezag", max_length=40, description="organisatiecode")
    vth_object: UUID | None = Field(None, alias="vthObject")
    cel: str | None = Field(None, pattern=r"^[A-Da-d][1-4]$", description="huidige cel, bijv. C3")
    spoor: lhso.Spoor | None = None
    geconstateerd_vanaf: date | None = Field(None, alias="geconstateerdVanaf")
    geconstateerd_tot: date | None = Field(None, alias="geconstateerdTot")
    afstemming_gewenst: bool | None = Field(None, alias="afstemmingGewenst")
    q: str | None = Field(
        None, max_length=100, description="zoekt in zaaknummer, object, bedrijf, voorschrift en omschrijving"
    )
    mijn: bool | None = Field(None, description="true: alleen zaken die ik behandel (false filtert niet)")


class MaatregelParameters(Lijstparameters):
    status: MaatregelStatus | None = None
    fase: Fase | None = None
    instrument: str | None = Field(None, max_length=60)
    overtreding: UUID | None = None


class CodelijstParameters(Parameters):
    peildatum: date | None = Field(None, description="Alleen waarden die op deze datum geldig zijn.")


def _overtreding(request, uuid: UUID, response: HttpResponse, doel: str):
    zaak = selectors.overtreding_get(actor=request.auth, uuid=uuid, doel=doel)
    response["ETag"] = services.etag(zaak)
    return zaak


@router.get(
    "/overtredingen",
    response=schemas.OvertredingPagina,
    auth=INGELOGD,
    by_alias=True,
    operation_id="overtreding_list",
    summary="Overtredingen zoeken",
)
def overtreding_list(request, filters: Query[OvertredingParameters]):
    qs = selectors.overtreding_list(
        actor=request.auth,
        filters=selectors.OvertredingFilter(
            status=filters.status,
            bevoegd_gezag=filters.bevoegd_gezag,
            vth_object=filters.vth_object,
            cel=filters.cel,
            spoor=filters.spoor,
            geconstateerd_vanaf=filters.geconstateerd_vanaf,
            geconstateerd_tot=filters.geconstateerd_tot,
            afstemming_gewenst=filters.afstemming_gewenst,
            q=filters.q or None,
            behandelaar_id=request.auth.gebruiker_id if filters.mijn else None,
        ),
    ).select_related("behandelaar", "activiteituitvoering")
    pagina = pagineer(request, qs, filters, doel="raadplegen handhavingszaken (lijst)")
    pagina["results"] = [schemas.overtreding_uit(o) for o in pagina["results"]]
    return pagina


@router.post(
    "/overtredingen",
    response={201: schemas.OvertredingDetail},
    auth=INGELOGD,
    by_alias=True,
    operation_id="overtreding_create",
    summary="Een overtreding registreren (en direct positioneren)",
)
def overtreding_create(request, gegevens: schemas.OvertredingIn, response: HttpResponse):
    actor = request.auth
    obj = register_selectors.vthobject_get(actor=actor, uuid=gegevens.vth_object, doel="registreren overtreding")
    uitvoering = None
    if gegevens.activiteituitvoering:
        uitvoering = register_selectors.uitvoering_get(
            actor=actor, uuid=gegevens.activiteituitvoering, doel="registreren overtreding"
        )
    zaak = services.overtreding_maken(
        actor=actor,
        vth_object=obj,
        activiteituitvoering=uitvoering,
        herkomst=gegevens.herkomst,
        herkomst_referentie=gegevens.herkomst_referentie,
        omschrijving=gegevens.omschrijving,
        voorschrift=gegevens.voorschrift,
        geconstateerd_op=gegevens.geconstateerd_op,
        plaats=gegevens.plaats,
        vertrouwelijkheid=gegevens.vertrouwelijkheid,
        gedrag=gegevens.gedrag,
        gevolg=gegevens.gevolg,
        omstandigheden=gegevens.omstandigheden,
    )
    response["ETag"] = services.etag(zaak)
    response["Location"] = f"/api/v1/overtredingen/{zaak.uuid}"
    return Status(201, schemas.overtreding_detail_uit(zaak))


@router.get(
    "/overtredingen/{uuid}",
    response=schemas.OvertredingDetail,
    auth=INGELOGD,
    by_alias=True,
    operation_id="overtreding_get",
    summary="Eén overtreding met positioneringen, maatregelen en overleg",
)
def overtreding_get(request, uuid: UUID, response: HttpResponse):
    return schemas.overtreding_detail_uit(_overtreding(request, uuid, response, "behandelen handhavingszaak"))


@router.post(
    "/overtredingen/{uuid}/posities",
    response={201: schemas.PositieOut},
    auth=INGELOGD,
    by_alias=True,
    operation_id="overtreding_positioneer",
    summary="De overtreding (opnieuw) positioneren in de LHSO-interventiematrix (If-Match verplicht)",
    openapi_extra=if_match_openapi(),
)
def overtreding_positioneer(request, uuid: UUID, gegevens: schemas.PositieIn, response: HttpResponse):
    zaak = selectors.overtreding_get(actor=request.auth, uuid=uuid, doel="positioneren handhavingszaak")

    def schrijf(etag):
        positie = services.overtreding_positioneren(
            actor=request.auth,
            overtreding=zaak,
            gedrag=gegevens.gedrag,
            gevolg=gegevens.gevolg,
            omstandigheden=gegevens.omstandigheden,
            strategie=gegevens.strategie,
            handhaving_geindiceerd=gegevens.handhaving_geindiceerd,
            reden_geen_handhaving=gegevens.reden_geen_handhaving,
            toelichting=gegevens.toelichting,
            verwachte_etag=etag,
        )
        zaak.refresh_from_db()
        response["ETag"] = services.etag(zaak)
        return Status(201, schemas.positie_uit(positie))

    return _onder_if_match(request, schrijf)


@router.post(
    "/overtredingen/{uuid}/afstemmingsoverleggen",
    response={201: schemas.OverlegOut},
    auth=INGELOGD,
    by_alias=True,
    operation_id="afstemmingsoverleg_create",
    summary="Het afstemmingsoverleg met OM en politie vastleggen (samenwerkingsmodel; If-Match verplicht)",
    openapi_extra=if_match_openapi(),
)
def afstemmingsoverleg_create(request, uuid: UUID, gegevens: schemas.OverlegIn, response: HttpResponse):
    zaak = selectors.overtreding_get(actor=request.auth, uuid=uuid, doel="afstemmingsoverleg")

    def schrijf(etag):
        overleg = services.afstemmingsoverleg_vastleggen(
            actor=request.auth,
            overtreding=zaak,
            datum=gegevens.datum,
            deelnemers=[d.model_dump() for d in gegevens.deelnemers],
            uitkomst=gegevens.uitkomst,
            redenen=gegevens.redenen,
            verwachte_etag=etag,
        )
        return Status(201, schemas.overleg_uit(overleg))

    return _onder_if_match(request, schrijf)


class ZaakdelingIn(CamelSchema):
    ontvanger: str = Field(max_length=40, description="Code van de OM- of opsporingsorganisatie, bijv. om-fp, politie")
    reden: str = Field(max_length=300, description="Waarom de zaak gedeeld wordt")


@router.post(
    "/overtredingen/{uuid}/zaakdelingen",
    response={201: schemas.DelingOut},
    auth=INGELOGD,
    by_alias=True,
    operation_id="zaakdeling_create",
    summary="De zaak delen met het OM of een opsporingsorganisatie",
)
def zaakdeling_create(request, uuid: UUID, gegevens: ZaakdelingIn, response: HttpResponse):
    zaak = selectors.overtreding_get(actor=request.auth, uuid=uuid, doel="delen handhavingszaak")
    ontvanger = Organisatie.objects.filter(code__iexact=gegevens.ontvanger.strip()).first()
    if ontvanger is None:
        raise OngeldigeInvoer(f"Onbekende organisatie '{gegevens.ontvanger}'.", {"ontvanger": "onbekende code"})
    deling = services.zaak_delen(actor=request.auth, overtreding=zaak, ontvanger=ontvanger, reden=gegevens.reden)
    response["Location"] = f"/api/v1/overtredingen/{zaak.uuid}/zaakdelingen/{ontvanger.code}"
    return Status(201, schemas.deling_uit(deling))


@router.delete(
    "/overtredingen/{uuid}/zaakdelingen/{ontvanger}",
    response={204: None},
    auth=INGELOGD,
    operation_id="zaakdeling_intrekken",
    summary="Een deling intrekken: de partner ziet de zaak direct niet meer (404)",
)
def zaakdeling_intrekken(request, uuid: UUID, ontvanger: str = Path(max_length=40)):
    zaak = selectors.overtreding_get(actor=request.auth, uuid=uuid, doel="deling intrekken")
    deling = zaak.delingen.filter(ontvanger__code__iexact=ontvanger, ingetrokken_op__isnull=True).first()
    if deling is None:
        raise NietGevonden()
    services.zaakdeling_intrekken(actor=request.auth, deling=deling)
    return Status(204, None)


class ProcesverbaalIn(CamelSchema):
    model_config = ConfigDict(extra="forbid")
    nummer: str = Field(max_length=60, description="Nummer van het proces-verbaal")
    datum: date = Field(description="Dagtekening (art. 153 lid 2 Sv)")
    verbalisant: str = Field(max_length=200, description="De opsporingsambtenaar die het opmaakte")
    verbalisantnummer: str = Field("", max_length=40, description="BOA-registratienummer of dienstnummer")


@router.post(
    "/overtredingen/{uuid}/processen-verbaal",
    response={201: schemas.ProcesverbaalOut},
    auth=INGELOGD,
    by_alias=True,
    operation_id="procesverbaal_create",
    summary="Het ondertekende proces-verbaal (PDF) bij een overtreding vastleggen (multipart)",
)
def procesverbaal_create(request, uuid: UUID, gegevens: Form[ProcesverbaalIn], bestand: File[UploadedFile]):
    zaak = selectors.overtreding_get(actor=request.auth, uuid=uuid, doel="proces-verbaal vastleggen")
    pv = services.procesverbaal_vastleggen(
        actor=request.auth,
        overtreding=zaak,
        nummer=gegevens.nummer,
        datum=gegevens.datum,
        verbalisant=gegevens.verbalisant,
        verbalisantnummer=gegevens.verbalisantnummer,
        inhoud=bestand.read(),
        naam=bestand.name or "",
    )
    return Status(201, schemas.procesverbaal_uit(pv))


@router.get(
    "/processen-verbaal/{uuid}/inhoud",
    auth=INGELOGD,
    by_alias=True,
    operation_id="procesverbaal_inhoud",
    summary="Het ondertekende proces-verbaal",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Het bestand",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def procesverbaal_inhoud(request, uuid: UUID):
    pv = selectors.procesverbaal_get(actor=request.auth, uuid=uuid)
    return bestanden.bijlage_antwoord(pv.bestand.open("rb"), naam=pv.naam, mediatype=pv.mediatype)


@router.get(
    "/handhavingsmaatregelen",
    response=schemas.MaatregelPagina,
    auth=INGELOGD,
    by_alias=True,
    operation_id="handhavingsmaatregel_list",
    summary="Handhavingsmaatregelen zoeken",
)
def handhavingsmaatregel_list(request, filters: Query[MaatregelParameters]):
    qs = selectors.maatregel_list(
        actor=request.auth,
        filters=selectors.MaatregelFilter(
            status=filters.status, fase=filters.fase, instrument=filters.instrument, overtreding=filters.overtreding
        ),
    )
    pagina = pagineer(request, qs, filters, doel="raadplegen handhavingsmaatregelen (lijst)")
    pagina["results"] = [schemas.maatregel_uit(m) for m in pagina["results"]]
    return pagina


@router.post(
    "/handhavingsmaatregelen",
    response={201: schemas.MaatregelDetail},
    auth=INGELOGD,
    by_alias=True,
    operation_id="handhavingsmaatregel_create",
    summary="Een maatregel nemen (eerste stap van de route)",
)
def handhavingsmaatregel_create(request, gegevens: schemas.MaatregelIn, response: HttpResponse):
    zaak = selectors.overtreding_get(actor=request.auth, uuid=gegevens.overtreding, doel="maatregel nemen")
    maatregel = services.maatregel_maken(
        actor=request.auth,
        overtreding=zaak,
        instrument=gegevens.instrument,
        datum=gegevens.datum,
        naar=gegevens.naar,
        gegevens=_snake(gegevens.params),
    )
    response["ETag"] = services.etag(maatregel)
    response["Location"] = f"/api/v1/handhavingsmaatregelen/{maatregel.uuid}"
    return Status(201, schemas.maatregel_detail_uit(maatregel))


@router.get(
    "/handhavingsmaatregelen/{uuid}",
    response=schemas.MaatregelDetail,
    auth=INGELOGD,
    by_alias=True,
    operation_id="handhavingsmaatregel_get",
    summary="Eén maatregel met stappen, toegestane vervolgstappen en dwangsomgrootboek",
)
def handhavingsmaatregel_get(request, uuid: UUID, response: HttpResponse):
    maatregel = selectors.maatregel_get(actor=request.auth, uuid=uuid)
    response["ETag"] = services.etag(maatregel)
    return schemas.maatregel_detail_uit(maatregel)


def _maatregel_schrijven(request, uuid: UUID, response: HttpResponse, schrijf):
    maatregel = selectors.maatregel_get(actor=request.auth, uuid=uuid, doel="behandelen handhavingsmaatregel")

    def uitvoeren(etag):
        schrijf(maatregel, etag)
        maatregel.refresh_from_db()
        response["ETag"] = services.etag(maatregel)
        return Status(201, schemas.maatregel_detail_uit(maatregel))

    return _onder_if_match(request, uitvoeren)


@router.post(
    "/handhavingsmaatregelen/{uuid}/overgangen",
    response={201: schemas.MaatregelDetail},
    auth=INGELOGD,
    by_alias=True,
    operation_id="handhavingsmaatregel_overgang",
    summary="Een stap zetten volgens de workflowtabel (If-Match verplicht)",
    openapi_extra=if_match_openapi(),
)
def handhavingsmaatregel_overgang(request, uuid: UUID, gegevens: schemas.OvergangIn, response: HttpResponse):
    return _maatregel_schrijven(
        request,
        uuid,
        response,
        lambda m, etag: services.maatregel_stap_zetten(
            actor=request.auth,
            maatregel=m,
            naar=gegevens.naar,
            datum=gegevens.datum,
            gegevens=_snake(gegevens.params),
            verwachte_etag=etag,
        ),
    )


@router.post(
    "/handhavingsmaatregelen/{uuid}/verbeurten",
    response={201: schemas.MaatregelDetail},
    auth=INGELOGD,
    by_alias=True,
    operation_id="verbeurte_create",
    summary="Een verbeurde dwangsom registreren (Awb 5:33, 5:35; If-Match verplicht)",
    openapi_extra=if_match_openapi(),
)
def verbeurte_create(request, uuid: UUID, gegevens: schemas.VerbeurteIn, response: HttpResponse):
    return _maatregel_schrijven(
        request,
        uuid,
        response,
        lambda m, etag: services.verbeurte_vastleggen(
            actor=request.auth,
            maatregel=m,
            datum=gegevens.datum,
            verbeurd_op=gegevens.verbeurd_op,
            verbeurd_vanaf=gegevens.verbeurd_vanaf,
            aantal=gegevens.aantal,
            kenmerk=gegevens.kenmerk,
            reden_verbeurdatum=gegevens.reden_verbeurdatum,
            verwachte_etag=etag,
        ),
    )


@router.post(
    "/handhavingsmaatregelen/{uuid}/invorderingsstappen",
    response={201: schemas.MaatregelDetail},
    auth=INGELOGD,
    by_alias=True,
    operation_id="invorderingsstap_create",
    summary="Invorderingsbeschikking, aanmaning, dwangbevel of betaling vastleggen (If-Match verplicht)",
    openapi_extra=if_match_openapi(),
)
def invorderingsstap_create(request, uuid: UUID, gegevens: schemas.InvorderingsstapIn, response: HttpResponse):
    return _maatregel_schrijven(
        request,
        uuid,
        response,
        lambda m, etag: services.verbeurte_stap_zetten(
            actor=request.auth,
            maatregel=m,
            naar=gegevens.naar,
            datum=gegevens.datum,
            verbeurten=gegevens.verbeurten,
            kenmerk=gegevens.kenmerk,
            gegevens=_snake(gegevens.params),
            verwachte_etag=etag,
        ),
    )


@router.post(
    "/handhavingsmaatregelen/{uuid}/rechtsmiddelen",
    response={201: schemas.MaatregelDetail},
    auth=INGELOGD,
    by_alias=True,
    operation_id="rechtsmiddel_create",
    summary="Bezwaar, (hoger) beroep of voorlopige voorziening tegen de last vastleggen (If-Match verplicht)",
    openapi_extra=if_match_openapi(),
)
def rechtsmiddel_create(request, uuid: UUID, gegevens: schemas.RechtsmiddelIn, response: HttpResponse):
    return _maatregel_schrijven(
        request,
        uuid,
        response,
        lambda m, etag: services.rechtsmiddel_vastleggen(
            actor=request.auth,
            maatregel=m,
            soort=gegevens.soort.value,
            ingediend_op=gegevens.ingediend_op,
            kenmerk=gegevens.kenmerk,
            toelichting=gegevens.toelichting,
            verwachte_etag=etag,
        ),
    )


@router.post(
    "/handhavingsmaatregelen/{uuid}/rechtsmiddelen/{rechtsmiddel}/beslissing",
    response={201: schemas.MaatregelDetail},
    auth=INGELOGD,
    by_alias=True,
    operation_id="rechtsmiddel_beslissing",
    summary="Beslissing op een rechtsmiddel vastleggen; de verjaring wordt herberekend (If-Match verplicht)",
    openapi_extra=if_match_openapi(),
)
def rechtsmiddel_beslissing(
    request, uuid: UUID, rechtsmiddel: int, gegevens: schemas.RechtsmiddelBeslissingIn, response: HttpResponse
):
    def schrijf(m, etag):
        r = m.rechtsmiddelen.filter(pk=rechtsmiddel).first()
        if r is None:
            raise NietGevonden()
        return services.rechtsmiddel_beslissen(
            actor=request.auth,
            rechtsmiddel=r,
            beslist_op=gegevens.beslist_op,
            uitkomst=gegevens.uitkomst.value,
            geschorst_tot=gegevens.geschorst_tot,
            verwachte_etag=etag,
        )

    return _maatregel_schrijven(request, uuid, response, schrijf)


@router.get(
    "/codelijsten/{lijst}",
    response=list[schemas.CodeOut],
    auth=PUBLIEK,
    by_alias=True,
    operation_id="codelijst_get",
    summary="Een CIM-codelijst met geldigheidsdata",
)
def codelijst_get(request, lijst: Codelijst, params: Query[CodelijstParameters]):
    return [schemas.code_uit(c) for c in codelijsten.codelijst(lijst, peildatum=params.peildatum)]


@router.get(
    "/datakwaliteit/handhaving",
    response=schemas.DatakwaliteitOut,
    auth=INGELOGD,
    by_alias=True,
    operation_id="datakwaliteit_handhaving",
    summary="Records met een onbekende of niet (meer) geldige code uit een CIM-codelijst",
)
def datakwaliteit_handhaving(request):
    verslag = datakwaliteit.rapport(actor=request.auth)
    return {
        "opgesteld_op": verslag.opgesteld_op,
        "gecontroleerd": verslag.gecontroleerd,
        "fouten": [vars(f) for f in verslag.fouten],
    }
