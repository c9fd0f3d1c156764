"""Wire format of the enforcement API: camelCase on the wire, amounts as decimal strings, dates as dates.

The `*_uit` functions turn records into the dicts these schemas validate; the API handlers stay thin.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema, OrganisatieVerwijzing, Pagina

from . import codelijsten, selectors, workflow
from .models import (
    Afstemmingsoverleg,
    Handhavingsmaatregel,
    Interventiepositionering,
    Maatregelstap,
    Overtreding,
    Rechtsmiddelsoort,
    Rechtsmiddeluitkomst,
    Zaakdeling,
)

# --- out ------------------------------------------------------------------------------------------------------


class InstrumentOut(CamelSchema):
    code: str
    naam: str
    zwaarte: int
    categorie: str


class PositieOut(CamelSchema):
    cel: str = Field(description="De cel na omstandigheden en recidive: gedragsletter + gevolgcijfer, bijv. C3.")
    oorspronkelijke_cel: str
    gedrag: str
    gevolg: str
    strategie: str
    handhaving_geindiceerd: bool
    reden_geen_handhaving: str
    omstandigheden: list[str]
    spoor: str
    instrumenten: list[InstrumentOut]
    tabelversie: str
    motivering: list[str]
    vastgesteld_op: datetime


class VthObjectVerwijzing(CamelSchema):
    id: UUID
    naam: str


class OvertredingOut(CamelSchema):
    id: UUID
    bevoegd_gezag: OrganisatieVerwijzing
    uitvoerder: OrganisatieVerwijzing
    gemeente: OrganisatieVerwijzing
    vertrouwelijkheid: str
    vth_object: VthObjectVerwijzing
    activiteituitvoering: UUID | None
    herkomst: str
    herkomst_referentie: str
    omschrijving: str
    voorschrift: str
    plaats: str
    geconstateerd_op: date
    status: str
    hersteld_op: date | None
    afstemming_gewenst: bool
    behandelaar: str | None
    positie: PositieOut | None = Field(description="De huidige (nieuwste) positionering.")


class OvertredingPagina(Pagina[OvertredingOut]):
    pass


class DwangsomOut(CamelSchema):
    strekking: str
    vorm: str
    eenheid: str
    bedrag: Decimal
    maximum: Decimal


class MaatregelOut(CamelSchema):
    id: UUID
    overtreding: UUID
    instrument: str
    fase: str
    status: str = Field(description="CIM Status Hh-maatregel.")
    herstellend: bool
    omschrijving: str
    opgelegd_op: date | None
    zienswijze_tot: date | None
    begunstigingstermijn: str
    begunstigingstermijn_tot: date | None
    hercontrole_op: date | None
    gedoogd_tot: date | None
    beeindigd_op: date | None
    dwangsom: DwangsomOut | None


class MaatregelPagina(Pagina[MaatregelOut]):
    pass


class OverlegOut(CamelSchema):
    id: UUID
    datum: date
    deelnemers: list[dict[str, str]]
    uitkomst: str
    redenen: str


class DelingOut(CamelSchema):
    ontvanger: OrganisatieVerwijzing
    reden: str
    gedeeld_op: datetime
    ingetrokken_op: datetime | None


class ProcesverbaalOut(CamelSchema):
    id: UUID
    overtreding: UUID
    nummer: str
    datum: date = Field(description="Dagtekening (art. 153 lid 2 Sv).")
    verbalisant: str
    verbalisantnummer: str
    naam: str
    mediatype: str
    grootte: int
    sha256: str
    vastgelegd_op: datetime
    inhoud: str = Field(description="Pad van het ondertekende bestand (GET).")


def procesverbaal_uit(pv) -> dict:
    return {
        "id": pv.uuid,
        "overtreding": pv.overtreding.uuid,
        "nummer": pv.nummer,
        "datum": pv.datum,
        "verbalisant": pv.verbalisant,
        "verbalisantnummer": pv.verbalisantnummer,
        "naam": pv.naam,
        "mediatype": pv.mediatype,
        "grootte": pv.grootte,
        "sha256": pv.sha256,
        "vastgelegd_op": pv.vastgelegd_op,
        "inhoud": f"/api/v1/processen-verbaal/{pv.uuid}/inhoud",
    }


class OvertredingDetail(OvertredingOut):
    posities: list[PositieOut] = Field(description="Alle positioneringen, nieuwste eerst (geschiedenis).")
    maatregelen: list[MaatregelOut]
    afstemmingsoverleggen: list[OverlegOut]
    zaakdelingen: list[DelingOut]


class StapOut(CamelSchema):
    van: str
    naar: str
    datum: date
    termijn_tot: date | None
    termijn_soort: str
    instrument: str
    artikel: str
    gegevens: dict[str, Any]
    motivering: list[str]
    geregistreerd_op: datetime


class ParamOut(CamelSchema):
    naam: str
    soort: str
    verplicht: bool
    uitleg: str
    keuzes: list[str]


class OvergangOut(CamelSchema):
    naar: str
    naam: str
    artikel: str
    params: list[ParamOut]
    voorwaarden: list[str]


class PostOut(CamelSchema):
    id: int
    datum: date
    verbeurd_vanaf: date | None
    aantal: int
    bedrag: Decimal
    fase: str
    betalen_voor: date
    verjaart_op: date
    invorderingsbeschikking_op: date | None
    aanmaning_op: date | None
    aanmaning_betalen_voor: date | None
    dwangbevel_op: date | None
    betaald_op: date | None
    open: bool
    verjaard: bool
    verjaring_nadert: bool
    verjaring_verlengd: bool = Field(
        description="Awb 5:35 lid 2 / 5:37a lid 4: op verjaartOp loopt nog een rechtsmiddel of schorsing; de "
        "termijn loopt door tot daarop is beslist."
    )
    volgende_stappen: list[str]
    motivering: list[str]


class GrootboekOut(CamelSchema):
    vorm: str
    eenheid: str
    bedrag: Decimal | None
    maximum: Decimal | None
    totaal_verbeurd: Decimal
    resterend: Decimal | None
    maximum_bereikt: bool
    totaal_betaald: Decimal
    totaal_open: Decimal
    posten: list[PostOut]
    waarschuwingen: list[str]
    peildatum: date


class RechtsmiddelOut(CamelSchema):
    id: int
    soort: str
    ingediend_op: date
    beslist_op: date | None
    uitkomst: str
    geschorst_tot: date | None
    kenmerk: str
    toelichting: str


class MaatregelDetail(MaatregelOut):
    stappen: list[StapOut]
    overgangen: list[OvergangOut] = Field(description="De stappen die de workflowtabel vanuit deze fase toestaat.")
    grootboek: GrootboekOut | None
    spoedeisend: str = Field(description="Awb 5:31 lid 1 of lid 2 bij spoedeisende bestuursdwang, anders leeg.")
    bestuursdwang_toegepast_op: date | None = Field(description="Awb 5:31 lid 2: dag van de toepassing.")
    rechtsmiddelen: list[RechtsmiddelOut] = Field(
        description="Bezwaar, (hoger) beroep en voorlopige voorziening tegen de maatregel (Awb 5:35 lid 2, 6:16, 8:81)."
    )


class CodeOut(CamelSchema):
    code: str
    naam: str
    toelichting: str
    zwaarte: int | None
    zwaarte_cim: str = Field(description="CIM-zwaarte: licht, middel of zwaar (alleen Handhavingsinstrument).")
    categorie: str
    geldig_vanaf: date
    geldig_tot: date | None = Field(description="Exclusief: op deze dag niet meer geldig.")
    bron: str


class CodefoutOut(CamelSchema):
    soort: str
    record: str
    overtreding: str
    lijst: str
    veld: str
    code: str
    datum: date
    reden: str


class DatakwaliteitOut(CamelSchema):
    opgesteld_op: date
    gecontroleerd: dict[str, int]
    fouten: list[CodefoutOut]


# --- in -------------------------------------------------------------------------------------------------------


class Invoer(CamelSchema):
    model_config = ConfigDict(extra="forbid")


class OvertredingIn(Invoer):
    vth_object: UUID
    activiteituitvoering: UUID | None = None
    herkomst: str = Field("bevinding", description="bevinding, signaal of eigen_waarneming")
    herkomst_referentie: str = Field("", max_length=100, description="kenmerk (uuid) van de bevinding of het signaal")
    omschrijving: str = Field(max_length=4000)
    voorschrift: str = Field(max_length=300, description="Het overtreden voorschrift (Awb 5:9).")
    geconstateerd_op: date
    plaats: str = Field("", max_length=300)
    vertrouwelijkheid: str = Field("intern", description="intern, vertrouwelijk of strafrechtelijk")
    gedrag: str | None = Field(None, max_length=40, description="A–D; met gevolg: direct positioneren")
    gevolg: str | None = Field(None, max_length=40, description="1–4")
    omstandigheden: list[str] = Field(default_factory=list)


class PositieIn(Invoer):
    gedrag: str = Field(max_length=40, description="Gedragsklasse A–D (letters zijn gedrag).")
    gevolg: str = Field(max_length=40, description="Gevolgklasse 1–4 (cijfers zijn gevolgen).")
    omstandigheden: list[str] = Field(default_factory=list, description="LHSO stap 2; waarden van /lhso/advies.")
    strategie: str = "LHSO"
    handhaving_geindiceerd: bool = True
    reden_geen_handhaving: str = Field("", max_length=2000)
    toelichting: str = Field("", max_length=2000)


class DeelnemerIn(Invoer):
    organisatie: str = Field(max_length=40, description="Organisatiecode, bijv. GM0772, odzob, om-fp, politie.")
    naam: str = Field(max_length=200)
    functie: str = Field("", max_length=200)


class OverlegIn(Invoer):
    datum: date
    deelnemers: list[DeelnemerIn]
    uitkomst: str = Field(description="bestuursrechtelijk, strafrechtelijk of beide")
    redenen: str = Field(max_length=4000)


class MaatregelIn(Invoer):
    overtreding: UUID
    instrument: str = Field(max_length=60, description="Code uit de codelijst Handhavingsinstrument.")
    datum: date
    naar: str | None = Field(None, description="Eerste fase; standaard volgens het instrument.")
    params: dict[str, Any] = Field(default_factory=dict, description="Gegevens van de eerste stap (camelCase).")


class OvergangIn(Invoer):
    naar: str = Field(max_length=40)
    datum: date
    params: dict[str, Any] = Field(default_factory=dict, description="Gegevens die de stap vraagt (camelCase).")


class VerbeurteIn(Invoer):
    datum: date = Field(description="Dag van de hercontrole die de verbeurte vaststelt.")
    verbeurd_op: date | None = None
    verbeurd_vanaf: date | None = None
    aantal: int = Field(1, ge=1)
    kenmerk: str = Field("", max_length=100)
    reden_verbeurdatum: str = Field(
        "",
        max_length=2000,
        description="Verplicht als een dwangsom ineens later verbeurd zou zijn dan de dag na de begunstigingstermijn "
        "(ABRvS 28-02-2018, ECLI:NL:RVS:2018:653).",
    )


class RechtsmiddelIn(Invoer):
    soort: Rechtsmiddelsoort
    ingediend_op: date
    kenmerk: str = Field("", max_length=100)
    toelichting: str = Field("", max_length=5000)


class RechtsmiddelBeslissingIn(Invoer):
    beslist_op: date
    uitkomst: Rechtsmiddeluitkomst
    geschorst_tot: date | None = Field(
        None, description="Alleen bij een toegewezen voorlopige voorziening: invordering geschorst tot en met."
    )


class InvorderingsstapIn(Invoer):
    naar: workflow.VerbeurteFase
    datum: date
    verbeurten: list[int] | None = Field(None, description="Standaard: elke verbeurte waarvoor de stap nu openstaat.")
    kenmerk: str = Field("", max_length=100)
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Gegevens die de stap vraagt (camelCase); bij de invorderingsbeschikking hoe de overtreder is "
        "gehoord (Awb 4:8 lid 1, ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956): zienswijzeGevraagdOp en eventueel "
        "zienswijzeOntvangenOp, of afzienZienswijze (grond uit Awb 4:8 lid 2 of 4:11) met afzienToelichting.",
    )


# --- records → dicts ------------------------------------------------------------------------------------------


def _org(o) -> dict[str, str]:
    return {"code": o.code, "naam": o.naam}


def positie_uit(p: Interventiepositionering) -> dict[str, Any]:
    return {
        "cel": p.cel,
        "oorspronkelijke_cel": p.oorspronkelijke_cel or p.cel,
        "gedrag": p.gedrag,
        "gevolg": p.gevolg,
        "strategie": p.strategie,
        "handhaving_geindiceerd": p.handhaving_geindiceerd,
        "reden_geen_handhaving": p.reden_geen_handhaving,
        "omstandigheden": p.omstandigheden,
        "spoor": p.spoor,
        "instrumenten": [i for i in p.instrumenten if isinstance(i, dict)],
        "tabelversie": p.tabelversie,
        "motivering": p.motivering.splitlines(),
        "vastgesteld_op": p.vastgesteld_op,
    }


def overtreding_uit(o: Overtreding) -> dict[str, Any]:
    positie = o.posities.order_by("-vastgesteld_op", "-id").first()
    return {
        "id": o.uuid,
        "bevoegd_gezag": _org(o.bevoegd_gezag),
        "uitvoerder": _org(o.uitvoerder),
        "gemeente": _org(o.gemeente),
        "vertrouwelijkheid": o.vertrouwelijkheid,
        "vth_object": {"id": o.vth_object.uuid, "naam": o.vth_object.naam},
        "activiteituitvoering": o.activiteituitvoering.uuid if o.activiteituitvoering_id else None,
        "herkomst": o.herkomst,
        "herkomst_referentie": o.herkomst_referentie,
        "omschrijving": o.omschrijving,
        "voorschrift": o.voorschrift,
        "plaats": o.plaats,
        "geconstateerd_op": o.geconstateerd_op,
        "status": o.status,
        "hersteld_op": o.hersteld_op,
        "afstemming_gewenst": o.afstemming_gewenst,
        "behandelaar": o.behandelaar.get_username() if o.behandelaar_id else None,
        "positie": positie_uit(positie) if positie else None,
    }


def maatregel_uit(m: Handhavingsmaatregel) -> dict[str, Any]:
    dwangsom = None
    if m.dwangsom_bedrag is not None:
        dwangsom = {
            "strekking": m.dwangsom_strekking,
            "vorm": m.dwangsom_vorm,
            "eenheid": m.dwangsom_eenheid,
            "bedrag": m.dwangsom_bedrag,
            "maximum": m.dwangsom_maximum,
        }
    return {
        "id": m.uuid,
        "overtreding": m.overtreding.uuid,
        "instrument": m.instrument,
        "fase": m.fase,
        "status": m.status,
        "herstellend": m.herstellend,
        "omschrijving": m.omschrijving,
        "opgelegd_op": m.opgelegd_op,
        "zienswijze_tot": m.zienswijze_tot,
        "begunstigingstermijn": m.begunstigingstermijn,
        "begunstigingstermijn_tot": m.begunstigingstermijn_tot,
        "hercontrole_op": m.hercontrole_op,
        "gedoogd_tot": m.gedoogd_tot,
        "beeindigd_op": m.beeindigd_op,
        "dwangsom": dwangsom,
    }


def overtreding_detail_uit(o: Overtreding) -> dict[str, Any]:
    return {
        **overtreding_uit(o),
        "posities": [positie_uit(p) for p in o.posities.order_by("-vastgesteld_op", "-id")],
        "maatregelen": [maatregel_uit(m) for m in o.maatregelen.order_by("aangemaakt_op", "id")],
        "afstemmingsoverleggen": [overleg_uit(a) for a in o.afstemmingen.all()],
        "zaakdelingen": [deling_uit(d) for d in o.delingen.select_related("ontvanger").order_by("gedeeld_op", "id")],
    }


def overleg_uit(a: Afstemmingsoverleg) -> dict[str, Any]:
    return {"id": a.uuid, "datum": a.datum, "deelnemers": a.deelnemers, "uitkomst": a.uitkomst, "redenen": a.redenen}


def deling_uit(d: Zaakdeling) -> dict[str, Any]:
    return {
        "ontvanger": _org(d.ontvanger),
        "reden": d.reden,
        "gedeeld_op": d.gedeeld_op,
        "ingetrokken_op": d.ingetrokken_op,
    }


def stap_uit(s: Maatregelstap) -> dict[str, Any]:
    return {
        "van": s.van or workflow.START,
        "naar": s.naar,
        "datum": s.datum,
        "termijn_tot": s.termijn_tot,
        "termijn_soort": s.termijn_soort,
        "instrument": s.instrument,
        "artikel": s.artikel,
        "gegevens": {workflow.camel(k): v for k, v in s.gegevens.items()},
        "motivering": s.motivering.splitlines(),
        "geregistreerd_op": s.geregistreerd_op,
    }


def overgangen_uit(fase: str) -> list[dict[str, Any]]:
    return [
        {
            "naar": naar,
            "naam": o.naam,
            "artikel": o.artikel,
            "params": [
                {
                    "naam": workflow.camel(p.naam),
                    "soort": p.soort.value,
                    "verplicht": p.verplicht,
                    "uitleg": p.uitleg,
                    "keuzes": list(p.keuzes),
                }
                for p in o.params
            ],
            "voorwaarden": [b.voorwaarde for b in o.bewakers],
        }
        for naar, o in workflow.mogelijke_overgangen(fase).items()
    ]


def grootboek_uit(boek: selectors.Grootboek) -> dict[str, Any]:
    return {
        "vorm": boek.vorm,
        "eenheid": boek.eenheid,
        "bedrag": boek.bedrag,
        "maximum": boek.maximum,
        "totaal_verbeurd": boek.totaal_verbeurd,
        "resterend": boek.resterend,
        "maximum_bereikt": boek.maximum_bereikt,
        "totaal_betaald": boek.totaal_betaald,
        "totaal_open": boek.totaal_open,
        "waarschuwingen": boek.waarschuwingen,
        "peildatum": boek.peildatum,
        "posten": [
            {
                **{
                    k: getattr(p, k)
                    for k in PostOut.model_fields
                    if k not in ("motivering", "fase", "volgende_stappen")
                },
                "fase": p.fase.value,
                "volgende_stappen": [s.value for s in p.volgende_stappen],
                "motivering": p.motivering.splitlines(),
            }
            for p in boek.posten
        ],
    }


def maatregel_detail_uit(m: Handhavingsmaatregel) -> dict[str, Any]:
    heeft_ledger = m.dwangsom_bedrag is not None or m.verbeurten.exists()
    return {
        **maatregel_uit(m),
        "stappen": [stap_uit(s) for s in m.stappen.order_by("datum", "id")],
        "overgangen": overgangen_uit(m.fase),
        "grootboek": grootboek_uit(selectors.grootboek_voor(m)) if heeft_ledger else None,
        "spoedeisend": m.spoedeisend,
        "bestuursdwang_toegepast_op": m.bestuursdwang_toegepast_op,
        "rechtsmiddelen": [
            {k: getattr(r, k) for k in RechtsmiddelOut.model_fields}
            for r in m.rechtsmiddelen.order_by("ingediend_op", "id")
        ],
    }


def code_uit(c) -> dict[str, Any]:
    return {
        "code": c.code,
        "naam": c.naam,
        "toelichting": c.toelichting,
        "zwaarte": c.zwaarte,
        "zwaarte_cim": codelijsten.cim_zwaarte(c.zwaarte) if c.lijst == "handhavingsinstrument" else "",
        "categorie": c.categorie,
        "geldig_vanaf": c.geldig_vanaf,
        "geldig_tot": c.geldig_tot,
        "bron": c.bron,
    }
