"""Wire format of the request API: the message profile in (`verzoekbericht.schema.json`), requests out, and the
procedure around them: steps, the steps the table allows, decisions with their conditions, letters, permissions,
decision periods and timeliness.

`VerzoekIn` describes the same profile as the JSON Schema file, for the OpenAPI document; the service reads the
body again with `bericht.verzoekgegevens_uit_bericht`, so the portal import and the API cannot drift apart
(tests/vergunningen/test_bericht.py compares the two descriptions).

The `*_uit` functions turn records into the dicts these schemas validate; the API handlers stay thin. A period is
always a date with its motivation line by line, never a count of days.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.contrib.auth.base_user import AbstractBaseUser
from pydantic import ConfigDict, Field

from openvth.api.problemen import camel
from openvth.api.schemas import CamelSchema, OrganisatieVerwijzing, Pagina
from openvth.register import presentatie

from . import procedure, selectors
from .besluiten import MAX_VOORSCHRIFTEN
from .models import Besluit, Besluitsoort, Brief, Procedurestap, Toestemming, Verzoek, Voorschrift


class _Invoer(CamelSchema):
    model_config = ConfigDict(extra="forbid")


class VerzoekPuntIn(_Invoer):
    crs: str = Field("EPSG:28992", max_length=100, description="EPSG:28992 (RD), OGC:CRS84, EPSG:4326, EPSG:4258.")
    coordinaten: list[float] = Field(min_length=2, max_length=2, description="In de asvolgorde van het CRS.")


class VerzoekLocatieIn(_Invoer):
    bag_id: str | None = Field(None, pattern=r"^[0-9]{16}$")
    postcode: str | None = Field(None, max_length=7, examples=["5611EB"])
    huisnummer: int | None = Field(None, ge=1, le=99999)
    huisletter: str | None = Field(None, max_length=1)
    huisnummertoevoeging: str | None = Field(None, max_length=4)
    straat: str | None = Field(None, max_length=200)
    woonplaats: str | None = Field(None, max_length=100)
    gemeente: str | None = Field(None, pattern=r"^(GM|gm)?[0-9]{4}$", description="CBS-gemeentecode, bijv. GM0772.")
    punt: VerzoekPuntIn | None = None


class VerzoekAanvragerIn(_Invoer):
    soort: Literal["natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging"]
    naam: str = Field(min_length=1, max_length=500)
    kvk_nummer: str | None = Field(None, pattern=r"^[0-9]{8}$")
    vestigingsnummer: str | None = Field(None, pattern=r"^[0-9]{12}$")
    bsn: str | None = Field(None, pattern=r"^[0-9]{9}$")


class VerzoekBijlage(CamelSchema):
    model_config = ConfigDict(extra="forbid")

    naam: str = Field(min_length=1, max_length=200)
    mediatype: str = Field(min_length=1, max_length=100, examples=["application/pdf"])
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$")


class VerzoekIn(_Invoer):
    verzoeknummer: str = Field(
        pattern=r"^[0-9A-Za-z]{1,13}$", description="Omgevingsloket: jjjjmmdd99999.", examples=["2026120700001"]
    )
    verzoekvolgnummer: int = Field(ge=1, le=999, description="1: het verzoek; hoger: aanvulling of intrekking.")
    soort: Literal["toestemmingsaanvraag", "activiteitmelding", "activiteitinformatie", "informatie_ongewoon_voorval"]
    subsoort: Literal["omgevingsvergunning", "maatwerkvoorschrift", "gelijkwaardige_maatregel"] | None = Field(
        None, description="Alleen en verplicht bij een toestemmingsaanvraag."
    )
    doel: Literal["indienen", "aanvullen", "intrekken"] = "indienen"
    ontvangen_op: date
    aanvang_activiteit: date | None = Field(
        None, description="Bij een melding: de dag waarop de activiteit begint (melden ten minste vier weken ervoor)."
    )
    omschrijving: str = Field("", max_length=4000)
    activiteiten: list[str] = Field(
        default_factory=list, description="Bal-activiteitcodes uit de catalogus.", examples=[["bal-3.2.1"]]
    )
    locatie: VerzoekLocatieIn | None = None
    aanvrager: VerzoekAanvragerIn | None = None
    bijlagen: list[VerzoekBijlage] = Field(default_factory=list)
    vertrouwelijkheid: Literal["openbaar", "intern", "vertrouwelijk"] = "intern"


class VerzoekLocatieOut(CamelSchema):
    gemeente: OrganisatieVerwijzing
    adres: dict[str, Any]
    rd: list[float] = Field(description="x, y in RD New (EPSG:28992).")


class VerzoekAanvragerOut(CamelSchema):
    id: UUID | None = Field(description="Leeg (null) als u deze betrokkene niet mag zien.")
    soort: str
    naam: str | None = Field(description="Leeg (null) als u deze betrokkene niet mag zien.")


class VerzoekOut(CamelSchema):
    id: UUID
    verzoeknummer: str
    verzoekvolgnummer: str
    soort: str
    subsoort: str
    doel: str
    ontvangen_op: date
    status: str
    bevoegd_gezag: OrganisatieVerwijzing
    uitvoerder: OrganisatieVerwijzing
    vertrouwelijkheid: str
    bron: str
    activiteiten: list[str] = Field(description="De Bal-activiteitcodes.")


class VerzoekPagina(Pagina[VerzoekOut]):
    pass


class VerzoekDetail(VerzoekOut):
    omschrijving: str
    afleiding: list[str] = Field(description="Waarom dit bevoegd gezag en deze uitvoerder, regel voor regel.")
    locatie: VerzoekLocatieOut
    aanvrager: VerzoekAanvragerOut
    bijlagen: list[VerzoekBijlage]
    geregistreerd_op: datetime
    procedure: str = Field(description="regulier of uitgebreid; leeg zolang het verzoek niet in behandeling is.")
    behandelaar: str | None = Field(description="De naam van de vergunningverlener die het verzoek behandelt.")
    beslistermijn_tot: date | None = Field(
        description="Laatste dag van de beslistermijn (met opschorting en verlenging); leeg zonder beslistermijn."
    )
    termijn_motivering: list[str] = Field(description="Hoe de beslistermijn is berekend, regel voor regel.")
    verlenging_weken: int = Field(description="Verlenging van de beslistermijn (eenmaal, ten hoogste zes weken).")
    tijdig: bool | None = Field(description="Besloten binnen de beslistermijn; leeg zolang niet besloten.")
    afgehandeld_op: date | None
    te_laat_gemeld: bool = Field(description="Een melding minder dan vier weken vóór het begin (Ow art. 4.4).")
    aanvang_activiteit: date | None
    vth_object: UUID | None = Field(description="Het VTH-object waarop het besluit het register bijwerkt.")
    nieuw: bool = Field(True, description="false: dit bericht was al ontvangen en is niet opnieuw verwerkt.")
    melding: str = Field("", description="Wat er met het bericht is gebeurd (bij POST).")


def _org(org) -> dict[str, str]:
    return {"code": org.code, "naam": org.naam}


def verzoek_uit(verzoek: Verzoek) -> dict[str, Any]:
    return {
        "id": verzoek.uuid,
        "verzoeknummer": verzoek.verzoeknummer,
        "verzoekvolgnummer": verzoek.verzoekvolgnummer,
        "soort": verzoek.soort,
        "subsoort": verzoek.subsoort,
        "doel": verzoek.doel,
        "ontvangen_op": verzoek.ontvangen_op,
        "status": verzoek.status,
        "bevoegd_gezag": _org(verzoek.bevoegd_gezag),
        "uitvoerder": _org(verzoek.uitvoerder),
        "vertrouwelijkheid": verzoek.vertrouwelijkheid,
        "bron": verzoek.bron,
        "activiteiten": [a.activiteit.code for a in verzoek.activiteiten.all()],
    }


def verzoek_detail_uit(verzoek: Verzoek, *, aanvrager_zichtbaar: bool) -> dict[str, Any]:
    locatie = verzoek.locatie
    return verzoek_uit(verzoek) | {
        "omschrijving": verzoek.omschrijving,
        "afleiding": verzoek.afleiding.splitlines(),
        "locatie": {
            "gemeente": _org(locatie.gemeente),
            "adres": presentatie.adres(locatie),
            "rd": [round(locatie.x, 3), round(locatie.y, 3)],
        },
        "aanvrager": {
            "id": verzoek.aanvrager.uuid if aanvrager_zichtbaar else None,
            "soort": verzoek.aanvrager.soort,
            "naam": verzoek.aanvrager.naam if aanvrager_zichtbaar else None,
        },
        "bijlagen": verzoek.bijlagen,
        "geregistreerd_op": verzoek.geregistreerd_op,
        "procedure": verzoek.procedure,
        "behandelaar": _naam(verzoek.behandelaar),
        "beslistermijn_tot": verzoek.beslistermijn_tot,
        "termijn_motivering": verzoek.termijn_motivering.splitlines(),
        "verlenging_weken": verzoek.verlenging_weken,
        "tijdig": verzoek.tijdig,
        "afgehandeld_op": verzoek.afgehandeld_op,
        "te_laat_gemeld": verzoek.te_laat_gemeld,
        "aanvang_activiteit": verzoek.aanvang_activiteit,
        "vth_object": verzoek.vth_object.uuid if verzoek.vth_object else None,
    }


def _naam(gebruiker: AbstractBaseUser | None) -> str | None:
    """A person by name only (the API never shows a user's id or e-mail address)."""
    if gebruiker is None:
        return None
    return gebruiker.get_full_name() or gebruiker.get_username()  # type: ignore[attr-defined]


# --- the procedure: steps and the steps the table allows ----------------------------------------------------


class ProcedurestapOut(CamelSchema):
    handeling: str = Field(description="De stap uit de proceduretabel, bijv. aanvulling_vragen.")
    naam: str
    van: str
    naar: str
    datum: date
    gegevens: dict[str, Any] = Field(description="De invoer van de stap (camelCase), data als JJJJ-MM-DD.")
    motivering: list[str] = Field(description="De grondslag en de berekende termijnen, regel voor regel.")
    gezet_door: str | None = Field(description="De naam van wie de stap zette.")
    geregistreerd_op: datetime


class StapparamOut(CamelSchema):
    naam: str = Field(description="De naam in `gegevens` (camelCase).")
    soort: str = Field(description="datum, tekst, keuze, geheel, duur of bedrag")
    verplicht: bool
    uitleg: str
    keuzes: list[str]


class HandelingOut(CamelSchema):
    handeling: str = Field(description="De waarde voor `handeling` bij POST /verzoeken/{uuid}/stappen.")
    naam: str
    artikel: str = Field(description="De wettelijke grondslag van de stap.")
    naar: str = Field(description="De status na de stap (gelijk aan de huidige als de stap de status niet wijzigt).")
    params: list[StapparamOut]
    ondertekenen: bool = Field(
        description="Een besluit namens het bevoegd gezag: alleen wie daarvoor mandaat heeft (mandaatregister)."
    )
    brieven: list[str] = Field(description="De brieven die de stap maakt.")


_Gegeven = Annotated[str, Field(max_length=4000)] | int | None


class ProcedurestapIn(_Invoer):
    handeling: str = Field(min_length=1, max_length=40, description="Zie GET /verzoeken/{uuid}/handelingen.")
    datum: date | None = Field(None, description="De dag van de stap (standaard vandaag; niet in de toekomst).")
    gegevens: dict[Annotated[str, Field(max_length=40)], _Gegeven] = Field(
        default_factory=dict,
        max_length=20,
        description='De invoer die de stap vraagt (camelCase), bijv. {"aanvullenVoor": "2026-12-31"}.',
    )


def stap_uit(stap: Procedurestap) -> dict[str, Any]:
    h = procedure.HANDELINGEN.get(stap.handeling)
    return {
        "handeling": stap.handeling,
        "naam": h.naam if h else stap.handeling,
        "van": stap.van,
        "naar": stap.naar,
        "datum": stap.datum,
        "gegevens": {camel(k): v for k, v in stap.gegevens.items()},
        "motivering": stap.motivering.splitlines(),
        "gezet_door": _naam(stap.gezet_door),
        "geregistreerd_op": stap.geregistreerd_op,
    }


def handelingen_uit(zaak: procedure.Zaak) -> list[dict[str, Any]]:
    return [
        {
            "handeling": sleutel,
            "naam": h.naam,
            "artikel": h.artikel,
            "naar": h.doel(zaak),
            "params": [
                {
                    "naam": camel(p.naam),
                    "soort": p.soort.value,
                    "verplicht": p.verplicht,
                    "uitleg": p.uitleg,
                    "keuzes": list(p.keuzes),
                }
                for p in h.params
            ],
            "ondertekenen": h.ondertekenen,
            "brieven": list(h.brieven),
        }
        for sleutel, h in procedure.mogelijke_handelingen(zaak).items()
    ]


# --- decisions and their conditions ---------------------------------------------------------------------------


class VoorschriftIn(_Invoer):
    nummer: str = Field(min_length=1, max_length=20, description="Zoals in het besluit: 1, 1.2, 3a.")
    tekst: str = Field(min_length=1, max_length=10000)
    activiteit: str = Field("", max_length=40, description="Bal-activiteitcode van het verzoek (optioneel).")


class BesluitIn(_Invoer):
    soort: Besluitsoort
    ontwerp: bool = Field(False, description="Een ontwerpbesluit (uitgebreide procedure, Awb 3:11).")
    motivering: str = Field(min_length=1, max_length=20000, description="De motivering (Awb 3:46).")
    voorschriften: list[VoorschriftIn] = Field(
        default_factory=list,
        max_length=MAX_VOORSCHRIFTEN,
        description="Bij verlenen, wijzigen of revisie van een omgevingsvergunning of maatwerkvoorschrift "
        "verplicht (Ow art. 5.34); geen bij weigeren of intrekken.",
    )
    betreft_toestemming: UUID | None = Field(
        None, description="Bij wijzigen, revisie of intrekken: de toestemming die het besluit verandert."
    )


class VoorschriftOut(CamelSchema):
    id: UUID
    nummer: str
    tekst: str
    activiteit: str | None = Field(description="Bal-activiteitcode, of leeg (null) als het voor alles geldt.")
    geldig_vanaf: date | None = Field(description="Vanaf de inwerkingtreding van het besluit.")
    geldig_tot: date | None = Field(description="Exclusief: tot een later besluit het wijzigde of beëindigde.")


class BesluitOut(CamelSchema):
    id: UUID
    verzoek: UUID
    kenmerk: str
    soort: str
    ontwerp: bool
    status: str
    motivering: str
    betreft_toestemming: UUID | None
    opgesteld_door: str | None
    opgesteld_op: datetime
    goedgekeurd_door: str | None
    goedgekeurd_op: datetime | None
    ondertekend_door: str | None
    namens: str | None = Field(description="De functie onder het mandaat waarmee is ondertekend (Awb 10:10).")
    bekendgemaakt_op: date | None = Field(description="Bij een ontwerp: de dag van terinzagelegging.")
    zienswijzen_tot: date | None
    in_werking_op: date | None
    bezwaartermijn_tot: date | None
    bezwaar_ontvangen_op: date | None
    onherroepelijk_op: date | None
    termijn_motivering: list[str]
    voorschriften: list[VoorschriftOut]


def voorschrift_uit(v: Voorschrift) -> dict[str, Any]:
    return {
        "id": v.uuid,
        "nummer": v.nummer,
        "tekst": v.tekst,
        "activiteit": v.activiteit.code if v.activiteit else None,
        "geldig_vanaf": v.geldig_vanaf,
        "geldig_tot": v.geldig_tot,
    }


def besluit_uit(b: Besluit) -> dict[str, Any]:
    return {
        "id": b.uuid,
        "verzoek": b.verzoek.uuid,
        "kenmerk": b.kenmerk,
        "soort": b.soort,
        "ontwerp": b.ontwerp,
        "status": b.status,
        "motivering": b.motivering,
        "betreft_toestemming": b.betreft_toestemming.uuid if b.betreft_toestemming else None,
        "opgesteld_door": _naam(b.opgesteld_door),
        "opgesteld_op": b.opgesteld_op,
        "goedgekeurd_door": _naam(b.goedgekeurd_door),
        "goedgekeurd_op": b.goedgekeurd_op,
        "ondertekend_door": _naam(b.ondertekend_door),
        "namens": b.persoonsmandaat.functie if b.persoonsmandaat else None,
        "bekendgemaakt_op": b.bekendgemaakt_op,
        "zienswijzen_tot": b.zienswijzen_tot,
        "in_werking_op": b.in_werking_op,
        "bezwaartermijn_tot": b.bezwaartermijn_tot,
        "bezwaar_ontvangen_op": b.bezwaar_ontvangen_op,
        "onherroepelijk_op": b.onherroepelijk_op,
        "termijn_motivering": b.termijn_motivering.splitlines(),
        "voorschriften": [voorschrift_uit(v) for v in b.voorschriften.select_related("activiteit").order_by("id")],
    }


# --- letters ------------------------------------------------------------------------------------------------


class BriefOut(CamelSchema):
    id: UUID
    verzoek: UUID
    besluit: UUID | None
    soort: str
    kenmerk: str
    datum: date
    onderwerp: str
    ondertekend_door: str | None
    namens: str | None = Field(description="De functie onder het mandaat waarmee is ondertekend (Awb 10:10).")
    gemaakt_op: datetime
    pdf: str = Field(description="Het pad van de PDF zoals verzonden (GET, application/pdf).")


class BriefDetail(BriefOut):
    html: str = Field(description="De brief als HTML, zoals verzonden (bevroren).")


def brief_uit(b: Brief) -> dict[str, Any]:
    return {
        "id": b.uuid,
        "verzoek": b.verzoek.uuid,
        "besluit": b.besluit.uuid if b.besluit else None,
        "soort": b.soort,
        "kenmerk": b.kenmerk,
        "datum": b.datum,
        "onderwerp": b.onderwerp,
        "ondertekend_door": _naam(b.ondertekend_door),
        "namens": b.persoonsmandaat.functie if b.persoonsmandaat else None,
        "gemaakt_op": b.gemaakt_op,
        "pdf": f"/api/v1/brieven/{b.uuid}/pdf",
    }


# --- permissions -------------------------------------------------------------------------------------------


class ToestemmingOut(CamelSchema):
    id: UUID
    soort: str
    kenmerk: str
    status: str
    vth_object: UUID
    bevoegd_gezag: OrganisatieVerwijzing
    uitvoerder: OrganisatieVerwijzing
    gemeente: OrganisatieVerwijzing
    vertrouwelijkheid: str
    activiteiten: list[str] = Field(description="De Bal-activiteitcodes.")
    verleend_bij: UUID = Field(description="Het besluit dat de toestemming verleende.")
    geldig_vanaf: date
    geldig_tot: date | None = Field(description="Exclusief; gezet bij intrekking.")


class ToestemmingPagina(Pagina[ToestemmingOut]):
    pass


class ToestemmingDetail(ToestemmingOut):
    peildatum: date
    voorschriften: list[VoorschriftOut] = Field(description="De voorschriften die op de peildatum gelden.")


def toestemming_uit(t: Toestemming) -> dict[str, Any]:
    return {
        "id": t.uuid,
        "soort": t.soort,
        "kenmerk": t.kenmerk,
        "status": t.status,
        "vth_object": t.vth_object.uuid,
        "bevoegd_gezag": _org(t.bevoegd_gezag),
        "uitvoerder": _org(t.uitvoerder),
        "gemeente": _org(t.gemeente),
        "vertrouwelijkheid": t.vertrouwelijkheid,
        "activiteiten": sorted(a.code for a in t.activiteiten.all()),
        "verleend_bij": t.verleend_bij.uuid,
        "geldig_vanaf": t.geldig_vanaf,
        "geldig_tot": t.geldig_tot,
    }


# --- decision periods and timeliness -------------------------------------------------------------------------


class BeslistermijnOut(CamelSchema):
    verzoek: UUID
    verzoeknummer: str
    datum: date = Field(description="Laatste dag van de beslistermijn (opgeschort: de laatste dag die kan gelden).")
    status: str
    omschrijving: str
    bevoegd_gezag: str
    verlopen: bool
    opgeschort: bool
    motivering: list[str]


def beslistermijn_uit(s: selectors.Beslistermijnsignaal) -> dict[str, Any]:
    return {
        "verzoek": s.verzoek,
        "verzoeknummer": s.verzoeknummer,
        "datum": s.datum,
        "status": s.status,
        "omschrijving": s.omschrijving,
        "bevoegd_gezag": s.bevoegd_gezag,
        "verlopen": s.verlopen,
        "opgeschort": s.opgeschort,
        "motivering": s.motivering.splitlines(),
    }


class TijdigheidOut(CamelSchema):
    bevoegd_gezag: OrganisatieVerwijzing
    jaar: int
    besloten: int = Field(description="Aanvragen waarop in het jaar is besloten (naar de dag van bekendmaking).")
    tijdig: int = Field(description="Waarvan binnen de beslistermijn.")
    aandeel: float | None = Field(description="tijdig / besloten (0-1); leeg als er niets is besloten.")
    open_verlopen: int = Field(description="Open aanvragen waarvan de beslistermijn op de peildatum is verstreken.")


def tijdigheid_uit(t: selectors.Tijdigheid, jaar: int) -> dict[str, Any]:
    return {
        "bevoegd_gezag": {"code": t.code, "naam": t.bevoegd_gezag},
        "jaar": jaar,
        "besloten": t.besloten,
        "tijdig": t.tijdig,
        "aandeel": t.aandeel,
        "open_verlopen": t.open_verlopen,
    }
