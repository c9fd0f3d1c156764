"""Every write on the register: catalogue loading, places, objects, parties, activity executions.

Writes check access first (`toegang`), validate with the rules in `regels/`, run in one transaction and append
an audit event. History is appended: a change closes the current version and adds the next.

The write rule is `toegang.vereis_namens` for a new record of (bevoegd gezag, uitvoerder) and
`toegang.vereis_schrijven` for an existing one. Operator commands run on the server itself (a system actor,
`organisaties.services.systeem_actor`) load register data for any organisation; the national activity catalogue
belongs to no organisation and only they load it.
"""

from __future__ import annotations

import csv
import re
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.geo import crs
from openvth.organisaties import toegang
from openvth.organisaties.fouten import VELD, GeenToestemming, NietGevonden, OngeldigeInvoer, VerouderdeVersie
from openvth.organisaties.models import Organisatie, Rol, Soort, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor
from openvth.regels import identificatie

from .models import (
    Activiteit,
    Activiteituitvoering,
    Betrokkene,
    Kwalificatie,
    Locatie,
    SoortBetrokkene,
    Status,
    TypeVthObject,
    VthObject,
    codeer_kwalificaties,
)

CATALOGUS = Path(__file__).resolve().parent / "referentie" / "activiteiten.csv"
SCHRIJVERS = (Rol.VERGUNNINGVERLENER, Rol.TOEZICHTHOUDER, Rol.HANDHAVER, Rol.FUNCTIONEEL_BEHEERDER)
GEVOLGDE_VELDEN = (
    "activiteit",
    "vth_object",
    "uitvoerder_betrokkene",
    "bevoegd_gezag",
    "toezichtinstantie",
    "omschrijving",
    "kwalificatiecodes",
    "status",
    "legitimatie",
    "ontstaansdatum",
    "beeindigingsdatum",
    "vertrouwelijkheid",
    "geldig_vanaf",
    "geldig_tot",
    "versie",
)


# --- catalogue ----------------------------------------------------------------------------------------


@dataclass
class Catalogusverslag:
    aangemaakt: int = 0
    gewijzigd: list[str] = field(default_factory=list)
    ongewijzigd: int = 0


def _operator(actor: Actor) -> bool:
    """An operator command on the server (`systeem_actor`): a name, no person, no organisation."""
    return actor.gebruiker_id is None and bool(actor.gebruikersnaam) and actor.organisatie is None


# Optional columns (since bal-hfst3-2026-12-07): the Bal articles behind a duty. A file without them still loads.
_PLICHTKOLOMMEN = {
    "vergunningplicht_artikelen": Kwalificatie.VERGUNNINGPLICHT,
    "informatieplicht_artikelen": Kwalificatie.INFORMATIEPLICHT,
    "meldingsplicht_artikelen": Kwalificatie.MELDINGSPLICHT,
}
_ARTIKELNUMMER = re.compile(r"\d+\.\d+[a-z]*")


def _plichtartikelen_controleren(bestand: str, regel: int, r: dict[str, str]) -> None:
    """An article cited for a duty must be an article number, and the duty it cites must be in `kwalificaties`:
    otherwise a request would be refused for a duty the file itself says exists."""
    kwalificaties = set(r["kwalificaties"].split(";"))
    for kolom, plicht in _PLICHTKOLOMMEN.items():
        artikelen = [a for a in (r.get(kolom) or "").split(";") if a]
        fout = [a for a in artikelen if not _ARTIKELNUMMER.fullmatch(a)]
        if fout:
            raise OngeldigeInvoer(f"{bestand}:{regel}: {kolom}: geen artikelnummer: {', '.join(fout)}")
        if artikelen and plicht not in kwalificaties:
            raise OngeldigeInvoer(f"{bestand}:{regel}: {kolom} noemt artikelen, maar kwalificaties mist {plicht}")


@transaction.atomic
def catalogus_laden(*, actor: Actor, pad: Path = CATALOGUS, versie: str | None = None) -> Catalogusverslag:
    """Load the Bal chapter 3 catalogue: idempotent, validated completely before anything is written.

    The catalogue is national and shared by every organisation, so no organisation's staff may change it: only an
    operator command (`load_catalogus`). Anyone else is refused before the file is read.
    """
    if not _operator(actor):
        raise GeenToestemming("De landelijke activiteitencatalogus laadt alleen de beheerder van de server.")
    versie = versie or pad.stem
    try:
        with pad.open(encoding="utf-8", newline="") as f:
            rijen = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as fout:
        raise OngeldigeInvoer(f"{pad.name}: niet te lezen ({fout})") from fout
    nodig = {
        "code",
        "bovenliggende_code",
        "niveau",
        "naam",
        "sector",
        "kwalificaties",
        "basistaak",
        "ippc_seveso",
        "waterschap",
        "bron",
    }
    if not rijen or nodig - set(rijen[0]):
        raise OngeldigeInvoer(
            f"{pad.name}: kolommen ontbreken: {', '.join(sorted(nodig - set(rijen[0] if rijen else {})))}"
        )
    codes = {r["code"] for r in rijen}
    for regel, r in enumerate(rijen, start=2):
        onbekend = {k for k in r["kwalificaties"].split(";") if k} - set(Kwalificatie.values)
        if onbekend:
            raise OngeldigeInvoer(f"{pad.name}:{regel}: onbekende kwalificatie(s) {', '.join(sorted(onbekend))}")
        if r["bovenliggende_code"] and r["bovenliggende_code"] not in codes:
            raise OngeldigeInvoer(f"{pad.name}:{regel}: onbekende bovenliggende code '{r['bovenliggende_code']}'")
        if not r["niveau"].isdigit():
            raise OngeldigeInvoer(f"{pad.name}:{regel}: niveau is geen getal")
        _plichtartikelen_controleren(pad.name, regel, r)
    ja_nee = {"ja": True, "nee": False, "onbekend": None, "": None}
    verslag = Catalogusverslag()
    bestaand = {a.code: a for a in Activiteit.objects.all()}
    for r in sorted(rijen, key=lambda r: int(r["niveau"])):
        velden = {
            "bovenliggende": bestaand.get(r["bovenliggende_code"]) if r["bovenliggende_code"] else None,
            "niveau": int(r["niveau"]),
            "naam": r["naam"],
            "sector": r["sector"],
            "kwalificaties": [k for k in r["kwalificaties"].split(";") if k],
            "plichtartikelen": {
                plicht.value: [a for a in (r.get(kolom) or "").split(";") if a]
                for kolom, plicht in _PLICHTKOLOMMEN.items()
                if r.get(kolom)
            },
            "basistaak": ja_nee.get(r["basistaak"]),
            "ippc_seveso": r["ippc_seveso"] == "ja",
            "waterschap": r["waterschap"] == "ja",
            "bron": r["bron"],
        }
        activiteit = bestaand.get(r["code"])
        if activiteit is None:
            activiteit = Activiteit.objects.create(code=r["code"], catalogusversie=versie, **velden)
            bestaand[r["code"]] = activiteit
            verslag.aangemaakt += 1
            continue
        verschil = [k for k, v in velden.items() if getattr(activiteit, k) != v]
        if not verschil:
            verslag.ongewijzigd += 1
            continue
        voor = audit.momentopname(activiteit)
        for k in verschil:
            setattr(activiteit, k, velden[k])
        activiteit.catalogusversie = versie
        activiteit.save()
        verslag.gewijzigd.append(f"{r['code']}: {', '.join(verschil)}")
        audit.schrijf(
            actor=actor, actie="activiteit.gewijzigd", object=activiteit, voor=voor, na=audit.momentopname(activiteit)
        )
    if verslag.aangemaakt:
        audit.schrijf(
            actor=actor,
            actie="catalogus.geladen",
            object=activiteit,
            na={"versie": versie, "aangemaakt": verslag.aangemaakt},
        )
    return verslag


# --- places, objects, parties -------------------------------------------------------------------------


def _organisatie(code: str, veld: str, soorten=None) -> Organisatie:
    org = Organisatie.objects.filter(code__iexact=code).first()
    if org is None:
        raise OngeldigeInvoer(f"Onbekende organisatie '{code}'.", {veld: "onbekende code"})
    if soorten and org.soort not in soorten:
        raise OngeldigeInvoer(f"{org.naam} kan geen {VELD} zijn.", {veld: f"soort {org.soort} niet toegestaan"})
    return org


def locatie_maken(
    *,
    actor: Actor,
    x: float,
    y: float,
    gemeente: Organisatie,
    bevoegd_gezag: Organisatie | None = None,
    uitvoerder: Organisatie | None = None,
    **adres,
) -> Locatie:
    """A place in RD New; coordinates outside the Netherlands are refused.

    A place has no organisation of its own, so it is written for the (bevoegd gezag, uitvoerder) whose object it
    will hold, by default the municipality it lies in (its own staff, or a service it mandated): the one write
    rule (`toegang.vereis_namens`), so an unrelated organisation cannot add places in someone else's name.
    """
    if not _operator(actor):
        bevoegd_gezag = bevoegd_gezag or gemeente
        toegang.vereis_namens(
            actor,
            bevoegd_gezag_id=bevoegd_gezag.pk,
            uitvoerder_id=(uitvoerder or bevoegd_gezag).pk,
            rollen=SCHRIJVERS,
            vertrouwelijkheid=Vertrouwelijkheid.OPENBAAR,
        )
    if not crs.binnen_nederland_rd(x, y):
        raise OngeldigeInvoer(
            "De coördinaten liggen buiten Nederland.", {"x": "buiten Nederland", "y": "buiten Nederland"}
        )
    if adres.get("postcode"):
        adres["postcode"] = _geldig(identificatie.valideer_postcode, adres["postcode"], "postcode")
    if adres.get("bag_id"):
        adres["bag_id"] = _geldig(identificatie.valideer_bag_id, adres["bag_id"], "bag_id")
    lon, lat = crs.rd_naar_wgs84(x, y)
    locatie = Locatie.objects.create(x=x, y=y, lon=lon, lat=lat, gemeente=gemeente, **adres)
    audit.schrijf(actor=actor, actie="locatie.aangemaakt", object=locatie, na=audit.momentopname(locatie))
    return locatie


def _geldig(validator, waarde, veld: str):
    try:
        return validator(waarde)
    except identificatie.OngeldigeIdentificatie as fout:
        raise OngeldigeInvoer(str(fout), {veld: str(fout)}) from fout


def betrokkene_maken(
    *,
    actor: Actor,
    soort: str,
    naam: str,
    bevoegd_gezag: Organisatie,
    uitvoerder: Organisatie,
    kvk_nummer: str = "",
    vestigingsnummer: str = "",
    bsn: str = "",
    rsin: str = "",
    sbi_codes: list[str] | None = None,
    hoofdvestiging: bool | None = None,
) -> Betrokkene:
    """A party. A natural person is confidential personal data: never public, whatever the caller asks.

    Written for (bevoegd gezag, uitvoerder) under the one write rule (`toegang.vereis_namens`); operator commands
    on the server (a system actor) load parties for any organisation.
    """
    if soort not in SoortBetrokkene.values:
        raise OngeldigeInvoer(f"Onbekende soort betrokkene '{soort}'.", {"soort": "onbekend"})
    if not _operator(actor):
        toegang.vereis_namens(
            actor,
            bevoegd_gezag_id=bevoegd_gezag.pk,
            uitvoerder_id=uitvoerder.pk,
            rollen=SCHRIJVERS,
            vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK
            if soort == SoortBetrokkene.NATUURLIJK_PERSOON
            else Vertrouwelijkheid.OPENBAAR,
        )
    velden = {
        "kvk_nummer": _geldig(identificatie.valideer_kvk_nummer, kvk_nummer, "kvk_nummer") if kvk_nummer else "",
        "vestigingsnummer": _geldig(identificatie.valideer_vestigingsnummer, vestigingsnummer, "vestigingsnummer")
        if vestigingsnummer
        else "",
        "bsn": _geldig(identificatie.valideer_bsn, bsn, "bsn") if bsn else "",
        "rsin": _geldig(identificatie.valideer_bsn, rsin, "rsin") if rsin else "",  # an RSIN passes the same 11-test
        "sbi_codes": [_geldig(identificatie.valideer_sbi_code, c, "sbi_codes") for c in sbi_codes or []],
    }
    if soort == SoortBetrokkene.VESTIGING and not velden["vestigingsnummer"]:
        raise OngeldigeInvoer("Een vestiging heeft een vestigingsnummer.", {"vestigingsnummer": "verplicht"})
    if soort != SoortBetrokkene.NATUURLIJK_PERSOON and velden["bsn"]:
        raise OngeldigeInvoer("Alleen een natuurlijk persoon heeft een BSN.", {"bsn": "niet toegestaan"})
    betrokkene = Betrokkene.objects.create(
        soort=soort,
        naam=naam,
        handelsnamen=[naam] if soort == SoortBetrokkene.VESTIGING else [],
        bevoegd_gezag=bevoegd_gezag,
        uitvoerder=uitvoerder,
        hoofdvestiging=hoofdvestiging,
        vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK
        if soort == SoortBetrokkene.NATUURLIJK_PERSOON
        else Vertrouwelijkheid.OPENBAAR,
        **velden,
    )
    audit.schrijf(actor=actor, actie="betrokkene.aangemaakt", object=betrokkene, na=audit.momentopname(betrokkene))
    return betrokkene


@transaction.atomic
def vthobject_maken(
    *,
    actor: Actor,
    naam: str,
    lokaal_id: str,
    locatie: Locatie,
    bevoegd_gezag: Organisatie,
    uitvoerder: Organisatie,
    type: str = TypeVthObject.INRICHTING,
    subtype: str = "",
    vestiging: Betrokkene | None = None,
    vertrouwelijkheid: str = Vertrouwelijkheid.OPENBAAR,
    locatie_omschrijving: str = "",
    ontstaansdatum: date | None = None,
    geldig_vanaf: date | None = None,
) -> VthObject:
    """A VTH-object of (bevoegd gezag, uitvoerder) at `locatie`, with its NEN 3610 id (namespace, `lokaal_id`).

    Written under the one write rule (`toegang.vereis_namens`): own staff or a service mandated by the bevoegd
    gezag (never for ``strafrechtelijk`` by mandate alone); a sharing agreement gives reading only. The import
    writes objects in bulk under the same rule per (bevoegd gezag, toezichtinstantie) pair (`importeren`).
    """
    if not _operator(actor):
        toegang.vereis_namens(
            actor,
            bevoegd_gezag_id=bevoegd_gezag.pk,
            uitvoerder_id=uitvoerder.pk,
            rollen=SCHRIJVERS,
            vertrouwelijkheid=vertrouwelijkheid,
        )
    if not naam.strip():
        raise OngeldigeInvoer("Geef het VTH-object een naam.", {"naam": "verplicht"})
    if not lokaal_id.strip():
        raise OngeldigeInvoer("Geef het VTH-object een lokaal id.", {"lokaal_id": "verplicht"})
    if type not in TypeVthObject.values:
        raise OngeldigeInvoer(f"Onbekend type VTH-object '{type}'.", {"type": "onbekend"})
    if vertrouwelijkheid not in Vertrouwelijkheid.values:
        raise OngeldigeInvoer("Onbekende vertrouwelijkheid.", {"vertrouwelijkheid": "onbekend"})
    if vestiging is not None and vestiging.soort != SoortBetrokkene.VESTIGING:
        raise OngeldigeInvoer("Alleen een vestiging kan bij een VTH-object horen.", {"vestiging": "geen vestiging"})
    namespace = VthObject._meta.get_field("namespace").default
    if VthObject.objects.filter(namespace=namespace, lokaal_id=lokaal_id).exists():
        raise OngeldigeInvoer(f"Er is al een VTH-object met lokaal id '{lokaal_id}'.", {"lokaal_id": "bestaat al"})
    obj = VthObject.objects.create(
        naam=naam,
        lokaal_id=lokaal_id,
        locatie=locatie,
        bevoegd_gezag=bevoegd_gezag,
        uitvoerder=uitvoerder,
        type=type,
        subtype=subtype,
        vestiging=vestiging,
        vertrouwelijkheid=vertrouwelijkheid,
        locatie_omschrijving=locatie_omschrijving,
        ontstaansdatum=ontstaansdatum,
        geldig_vanaf=geldig_vanaf or timezone.localdate(),
    )
    audit.schrijf(actor=actor, actie="vthobject.aangemaakt", object=obj, na=audit.momentopname(obj))
    return obj


# --- activity executions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Uitvoeringsgegevens:
    """The facts of one activity execution, as given by a user, an API client or an import row."""

    activiteit: str
    vth_object: VthObject
    bevoegd_gezag: str
    toezichtinstantie: str
    status: str
    kwalificaties: tuple[str, ...] = ()
    omschrijving: str = ""
    legitimatie: str = ""
    ontstaansdatum: date | None = None
    beeindigingsdatum: date | None = None
    vertrouwelijkheid: str = Vertrouwelijkheid.OPENBAAR
    uitvoerder_betrokkene: Betrokkene | None = None


def _valideer(g: Uitvoeringsgegevens) -> dict:
    activiteit = Activiteit.objects.filter(code=g.activiteit).first()
    if activiteit is None:
        raise OngeldigeInvoer(f"Onbekende activiteitcode '{g.activiteit}'.", {"activiteit": "onbekende code"})
    if g.status not in Status.values:
        raise OngeldigeInvoer(f"Onbekende status '{g.status}'.", {"status": f"kies uit {', '.join(Status.values)}"})
    onbekend = set(g.kwalificaties) - set(Kwalificatie.values)
    if onbekend:
        raise OngeldigeInvoer(
            f"Onbekende kwalificatie(s): {', '.join(sorted(onbekend))}.", {"kwalificaties": "onbekend"}
        )
    if activiteit.kwalificaties and not set(g.kwalificaties) <= set(activiteit.kwalificaties):
        niet = ", ".join(sorted(set(g.kwalificaties) - set(activiteit.kwalificaties)))
        raise OngeldigeInvoer(
            f"Voor {activiteit.naam} geldt geen {niet}.", {"kwalificaties": "niet voor deze activiteit"}
        )
    if g.vertrouwelijkheid not in Vertrouwelijkheid.values:
        raise OngeldigeInvoer("Onbekende vertrouwelijkheid.", {"vertrouwelijkheid": "onbekend"})
    if g.ontstaansdatum and g.beeindigingsdatum and g.beeindigingsdatum < g.ontstaansdatum:
        raise OngeldigeInvoer(
            "De beëindigingsdatum ligt vóór de ontstaansdatum.", {"beeindigingsdatum": "vóór ontstaansdatum"}
        )
    return {
        "activiteit": activiteit,
        "vth_object": g.vth_object,
        "bevoegd_gezag": _organisatie(
            g.bevoegd_gezag, "bevoegd_gezag", soorten=(Soort.GEMEENTE, Soort.PROVINCIE, Soort.WATERSCHAP, Soort.RIJK)
        ),
        "toezichtinstantie": _organisatie(g.toezichtinstantie, "toezichtinstantie"),
        "gemeente": g.vth_object.locatie.gemeente,
        "status": g.status,
        "kwalificatiecodes": codeer_kwalificaties(g.kwalificaties),
        "omschrijving": g.omschrijving,
        "legitimatie": g.legitimatie,
        "ontstaansdatum": g.ontstaansdatum,
        "beeindigingsdatum": g.beeindigingsdatum,
        "vertrouwelijkheid": g.vertrouwelijkheid,
        "uitvoerder_betrokkene": g.uitvoerder_betrokkene,
    }


@transaction.atomic
def uitvoering_maken(
    *,
    actor: Actor,
    gegevens: Uitvoeringsgegevens,
    geldig_vanaf: date | None = None,
    bron_systeem: str = "openvth",
    bron_id: str | None = None,
) -> Activiteituitvoering:
    velden = _valideer(gegevens)
    if not toegang.mag_zien(actor, gegevens.vth_object):
        raise NietGevonden()
    toegang.vereis_namens(
        actor,
        bevoegd_gezag_id=velden["bevoegd_gezag"].pk,
        uitvoerder_id=velden["toezichtinstantie"].pk,
        rollen=SCHRIJVERS,
        vertrouwelijkheid=velden["vertrouwelijkheid"],
    )
    nieuw_uuid = uuidlib.uuid4()
    uitvoering = Activiteituitvoering.objects.create(
        uuid=nieuw_uuid,
        bron_systeem=bron_systeem,
        bron_id=bron_id or str(nieuw_uuid),
        geldig_vanaf=geldig_vanaf or timezone.localdate(),
        **velden,
    )
    audit.schrijf(
        actor=actor,
        actie="activiteituitvoering.aangemaakt",
        object=uitvoering,
        na=audit.momentopname(uitvoering, GEVOLGDE_VELDEN),
    )
    return uitvoering


def etag(uitvoering: Activiteituitvoering) -> str:
    return f'"{uitvoering.uuid}-{uitvoering.versie}"'


@transaction.atomic
def uitvoering_wijzigen(
    *, actor: Actor, uuid: uuidlib.UUID, verwachte_etag: str, wijzigingen: dict, geldig_vanaf: date | None = None
) -> Activiteituitvoering:
    """Append a new version with `wijzigingen` from `geldig_vanaf` (today by default).

    A change on the current version's own start date supersedes it (kept as history with `afgevoerd_op`); a
    later date closes it. Ending an activity is a change to status `beeindigd` with a `beeindigingsdatum`.
    """
    huidig = (
        Activiteituitvoering.objects.select_for_update()
        .filter(uuid=uuid, geldig_tot__isnull=True, afgevoerd_op__isnull=True)
        .first()
    )
    if huidig is None:
        raise NietGevonden()
    toegang.vereis_schrijven(actor, huidig, SCHRIJVERS)
    if verwachte_etag != etag(huidig):
        raise VerouderdeVersie(f"De actuele versie is {etag(huidig)}; haal hem opnieuw op.")
    vanaf = geldig_vanaf or timezone.localdate()
    if huidig.geldig_vanaf and vanaf < huidig.geldig_vanaf:
        raise OngeldigeInvoer("Een wijziging kan niet ingaan vóór de actuele versie.", {"geldig_vanaf": "te vroeg"})
    onbekend = set(wijzigingen) - {
        "status",
        "kwalificaties",
        "omschrijving",
        "legitimatie",
        "toezichtinstantie",
        "beeindigingsdatum",
        "ontstaansdatum",
        "vertrouwelijkheid",
        "activiteit",
    }
    if onbekend:
        raise OngeldigeInvoer(
            f"Niet te wijzigen: {', '.join(sorted(onbekend))}.", {k: "niet wijzigbaar" for k in onbekend}
        )
    gegevens = Uitvoeringsgegevens(
        activiteit=wijzigingen.get("activiteit", huidig.activiteit.code),
        vth_object=huidig.vth_object,
        bevoegd_gezag=huidig.bevoegd_gezag.code,
        toezichtinstantie=wijzigingen.get("toezichtinstantie", huidig.toezichtinstantie.code),
        status=wijzigingen.get("status", huidig.status),
        kwalificaties=tuple(wijzigingen.get("kwalificaties", huidig.kwalificaties)),
        omschrijving=wijzigingen.get("omschrijving", huidig.omschrijving),
        legitimatie=wijzigingen.get("legitimatie", huidig.legitimatie),
        ontstaansdatum=wijzigingen.get("ontstaansdatum", huidig.ontstaansdatum),
        beeindigingsdatum=wijzigingen.get("beeindigingsdatum", huidig.beeindigingsdatum),
        vertrouwelijkheid=wijzigingen.get("vertrouwelijkheid", huidig.vertrouwelijkheid),
        uitvoerder_betrokkene=huidig.uitvoerder_betrokkene,
    )
    velden = _valideer(gegevens)
    if velden["status"] == Status.BEEINDIGD and not velden["beeindigingsdatum"]:
        raise OngeldigeInvoer(
            "Een beëindigde activiteit heeft een beëindigingsdatum.", {"beeindigingsdatum": "verplicht"}
        )
    # The new version must be writable too: a service cannot hand the activity to a third one, nor (by mandate)
    # raise it to `strafrechtelijk`.
    toegang.vereis_namens(
        actor,
        bevoegd_gezag_id=velden["bevoegd_gezag"].pk,
        uitvoerder_id=velden["toezichtinstantie"].pk,
        rollen=SCHRIJVERS,
        vertrouwelijkheid=velden["vertrouwelijkheid"],
    )
    voor = audit.momentopname(huidig, GEVOLGDE_VELDEN)
    if vanaf == huidig.geldig_vanaf:
        Activiteituitvoering.objects.filter(pk=huidig.pk).update(afgevoerd_op=timezone.now())
    else:
        Activiteituitvoering.objects.filter(pk=huidig.pk).update(geldig_tot=vanaf)
    nieuw = Activiteituitvoering.objects.create(
        uuid=huidig.uuid,
        bron_systeem=huidig.bron_systeem,
        bron_id=huidig.bron_id,
        versie=huidig.versie + 1,
        geldig_vanaf=vanaf,
        **velden,
    )
    audit.schrijf(
        actor=actor,
        actie="activiteituitvoering.gewijzigd",
        object=nieuw,
        voor=voor,
        na=audit.momentopname(nieuw, GEVOLGDE_VELDEN),
    )
    return nieuw
