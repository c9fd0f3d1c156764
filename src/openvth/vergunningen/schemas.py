"""Wire format of the request API: the message profile in (`verzoekbericht.schema.json`), requests out.

`VerzoekIn` describes the same profile as the JSON Schema file, for the OpenAPI document; the service reads the
body again with `bericht.verzoekgegevens_uit_bericht`, so the portal import and the API cannot drift apart
(tests/vergunningen/test_bericht.py compares the two descriptions).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field

from openvth.api.schemas import CamelSchema, OrganisatieVerwijzing, Pagina
from openvth.register import presentatie

from .models import Verzoek


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
    }
