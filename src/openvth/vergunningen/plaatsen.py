"""A request's place and applicant in the register: found when the register knows them, added when it does not.

A place is found by BAG id or by postcode and house number; otherwise the message gives a point and the municipality
(CBS code), and a point outside the Netherlands lies in no municipality at all. An applicant is found among the
parties the actor may see by vestigingsnummer, KvK number or BSN, else added. Adding goes through the register's
own services (`locatie_maken`, `betrokkene_maken`: write rule and audit event), inside the request's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.utils import timezone

from openvth.geo import crs
from openvth.geo.crs import Crs
from openvth.organisaties import toegang
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Organisatie, Soort
from openvth.organisaties.toegang import Actor
from openvth.regels import identificatie
from openvth.register import services as register
from openvth.register.models import Betrokkene, Locatie, SoortBetrokkene

from .bericht import Aanvrageropgave, Locatieopgave

T = TypeVar("T")


@dataclass(frozen=True)
class NieuweLocatie:
    """A place the register does not know yet, checked and ready to add."""

    gemeente: Organisatie
    x: float
    y: float
    adres: dict[str, Any]


def _geldig(validator: Callable[[str], T], waarde: str, veld: str) -> T:
    try:
        return validator(waarde)
    except identificatie.OngeldigeIdentificatie as fout:
        raise OngeldigeInvoer(str(fout), {veld: str(fout)}) from None


def _gemeente(code: str) -> Organisatie:
    cbs = _geldig(identificatie.valideer_gemeentecode, code, "locatie.gemeente")
    gemeente = Organisatie.objects.filter(code=cbs, soort=Soort.GEMEENTE).first()
    if gemeente is None:
        raise OngeldigeInvoer(
            f"{cbs} is geen gemeente in de CBS-gemeentelijst.", {"locatie.gemeente": "in geen enkele gemeente"}
        )
    if not gemeente.geldig_op(timezone.localdate()):
        raise OngeldigeInvoer(f"Gemeente {gemeente.naam} ({cbs}) bestaat niet meer.", {"locatie.gemeente": "opgeheven"})
    return gemeente


def _adres(opgave: Locatieopgave) -> dict[str, Any]:
    adres: dict[str, Any] = {"straat": opgave.straat, "woonplaats": opgave.woonplaats}
    if opgave.bag_id:
        adres["bag_id"] = _geldig(identificatie.valideer_bag_id, opgave.bag_id, "locatie.bag_id")
    if opgave.postcode:
        adres["postcode"] = _geldig(identificatie.valideer_postcode, opgave.postcode, "locatie.postcode")
    if opgave.huisnummer is not None:
        adres["huisnummer"] = _geldig(identificatie.valideer_huisnummer, str(opgave.huisnummer), "locatie.huisnummer")
    if opgave.huisletter:
        adres["huisletter"] = _geldig(identificatie.valideer_huisletter, opgave.huisletter, "locatie.huisletter")
    if opgave.huisnummertoevoeging:
        adres["huisnummertoevoeging"] = _geldig(
            identificatie.valideer_huisnummertoevoeging, opgave.huisnummertoevoeging, "locatie.huisnummertoevoeging"
        )
    return adres


def locatie_zoeken(opgave: Locatieopgave) -> Locatie | NieuweLocatie:
    """The register's place for `opgave`, or a checked new one; refused when it lies in no municipality."""
    adres = _adres(opgave)
    bekend = None
    if "bag_id" in adres:
        bekend = Locatie.objects.filter(bag_id=adres["bag_id"]).order_by("pk").first()
    elif "postcode" in adres and "huisnummer" in adres:
        bekend = (
            Locatie.objects.filter(
                postcode=adres["postcode"],
                huisnummer=adres["huisnummer"],
                huisletter=adres.get("huisletter", ""),
                huisnummertoevoeging=adres.get("huisnummertoevoeging", ""),
            )
            .order_by("pk")
            .first()
        )
    if bekend is not None:
        if opgave.gemeente and _gemeente(opgave.gemeente) != bekend.gemeente:
            raise OngeldigeInvoer(
                f"Het adres ligt in {bekend.gemeente.naam}, niet in gemeente {opgave.gemeente}.",
                {"locatie.gemeente": "niet de gemeente van het adres"},
            )
        return bekend
    if opgave.punt is None:
        raise OngeldigeInvoer(
            "Het register kent dit adres niet: geef een punt (RD of WGS 84) en de gemeente.",
            {"locatie.punt": "verplicht voor een onbekend adres"},
        )
    soort, oost, noord = opgave.punt
    x, y = (oost, noord) if soort is Crs.RD else crs.wgs84_naar_rd(oost, noord)
    if not crs.binnen_nederland_rd(x, y):
        raise OngeldigeInvoer(
            f"Het punt ({oost:g}, {noord:g}) ligt buiten Nederland, in geen enkele gemeente.",
            {"locatie.punt": "in geen enkele gemeente"},
        )
    if not opgave.gemeente:
        raise OngeldigeInvoer(
            "Geef bij een nieuwe locatie de gemeente (CBS-code, bijv. GM0772).", {"locatie.gemeente": "verplicht"}
        )
    return NieuweLocatie(_gemeente(opgave.gemeente), float(x), float(y), adres)


def locatie_vastleggen(
    *, actor: Actor, locatie: Locatie | NieuweLocatie, bevoegd_gezag: Organisatie, uitvoerder: Organisatie
) -> Locatie:
    """A known place as it is; a new one added to the register for the request's organisations."""
    if isinstance(locatie, Locatie):
        return locatie
    adres = {k: v for k, v in locatie.adres.items() if v not in ("", None)}
    return register.locatie_maken(
        actor=actor,
        x=locatie.x,
        y=locatie.y,
        gemeente=locatie.gemeente,
        bevoegd_gezag=bevoegd_gezag,
        uitvoerder=uitvoerder,
        **adres,
    )


def aanvrager_vinden_of_maken(
    *, actor: Actor, opgave: Aanvrageropgave, bevoegd_gezag: Organisatie, uitvoerder: Organisatie
) -> Betrokkene:
    """The party the actor can see with the same identifier, else a new one for the request's organisations."""
    if opgave.soort not in SoortBetrokkene.values:
        raise OngeldigeInvoer(None, {"aanvrager.soort": f"kies uit {', '.join(SoortBetrokkene.values)}"})
    kvk = (
        _geldig(identificatie.valideer_kvk_nummer, opgave.kvk_nummer, "aanvrager.kvk_nummer")
        if opgave.kvk_nummer
        else ""
    )
    vestiging = (
        _geldig(identificatie.valideer_vestigingsnummer, opgave.vestigingsnummer, "aanvrager.vestigingsnummer")
        if opgave.vestigingsnummer
        else ""
    )
    bsn = _geldig(identificatie.valideer_bsn, opgave.bsn, "aanvrager.bsn") if opgave.bsn else ""
    kandidaten = toegang.zichtbaar(actor, Betrokkene.objects.filter(soort=opgave.soort)).order_by("pk")
    gevonden = None
    if opgave.soort == SoortBetrokkene.VESTIGING and vestiging:
        gevonden = kandidaten.filter(vestigingsnummer=vestiging).first()
    elif opgave.soort == SoortBetrokkene.NIET_NATUURLIJK_PERSOON and kvk:
        gevonden = kandidaten.filter(kvk_nummer=kvk).first()
    elif opgave.soort == SoortBetrokkene.NATUURLIJK_PERSOON and bsn:
        gevonden = kandidaten.filter(bsn=bsn).first()
    if gevonden is not None:
        return gevonden
    try:
        return register.betrokkene_maken(
            actor=actor,
            soort=opgave.soort,
            naam=opgave.naam,
            bevoegd_gezag=bevoegd_gezag,
            uitvoerder=uitvoerder,
            kvk_nummer=kvk,
            vestigingsnummer=vestiging,
            bsn=bsn,
        )
    except OngeldigeInvoer as fout:  # the register names its own fields; here they belong to the applicant
        raise OngeldigeInvoer(fout.melding, {f"aanvrager.{k}": v for k, v in fout.velden.items()}) from None
