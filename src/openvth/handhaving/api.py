"""API: the legal-term calculator (Algemene termijnenwet) and the LHSO intervention advice.

Thin: both endpoints translate the wire format to the pure rules in `openvth.regels` and back. A rule's
refusal (ValueError) becomes `OngeldigeInvoer`, answered as 400 with `invalidParams` naming the field.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import lru_cache

from django.utils import timezone
from ninja import Query, Router
from pydantic import ConfigDict, Field

from openvth.api.auth import PUBLIEK
from openvth.api.schemas import CamelSchema, Parameters
from openvth.organisaties.services import OngeldigeInvoer
from openvth.regels import lhso, termijnen

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
            kalender=termijnen.Feestdagenkalender(),
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


class InstrumentOut(CamelSchema):
    code: str
    naam: str
    zwaarte: int
    categorie: lhso.InstrumentCategorie


class AdviesOut(CamelSchema):
    cel: str = Field(description="Cel na verzwaring of verzachting, bijv. C3 (gedragsletter + gevolgcijfer).")
    oorspronkelijke_cel: str = Field(description="Cel van de positionering vóór omstandigheden en recidive.")
    spoor: lhso.Spoor
    instrumenten: list[InstrumentOut] = Field(description="Voorgestelde instrumenten, licht → zwaar.")
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
