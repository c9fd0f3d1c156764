"""Row validation: one source row → checked register facts, or every reason why not (in Dutch, with a code).

Each row is checked completely, so its report lists all its faults at once, not only the first. The checks that
need the database (reference data, the work areas of omgevingsdiensten) read it once per run (`Referentie`);
coordinates are transformed with one pyproj call per batch. The authority rules are listed in docs/import.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from openvth.geo import crs as geo
from openvth.geo.crs import Crs
from openvth.organisaties import toegang
from openvth.organisaties.fouten import GeenToestemming
from openvth.organisaties.models import BEVOEGDE_GEZAGEN, Organisatie, Soort, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor
from openvth.regels import identificatie

from .. import bevoegdheid
from ..models import Activiteit, Kwalificatie, Status, codeer_kwalificaties
from .lezen import GEOMETRIE, Bronbestand, Bronrij, tekst_van
from .profiel import VELDEN, Profiel, kolomindex

# Reason codes and their labels in the summary; each rejected row carries one or more of these.
REDENEN = {
    "opmaak": _("Regel niet te lezen"),
    "verplicht": _("Verplicht veld leeg"),
    "dubbel": _("Dubbel in bestand"),
    "kvk": _("Ongeldig KvK-nummer"),
    "vestigingsnummer": _("Ongeldig vestigingsnummer"),
    "adres": _("Ongeldig adres"),
    "activiteit": _("Onbekende activiteit"),
    "kwalificatie": _("Kwalificatie onbekend of niet toegestaan"),
    "status": _("Onbekende of onvolledige status"),
    "datum": _("Ongeldige datum"),
    "einde_voor_begin": _("Einde vóór begin"),
    "coordinaten": _("Coördinaten ontbreken of buiten Nederland"),
    "gemeente": _("Onbekende gemeente"),
    "bevoegd_gezag": _("Bevoegd gezag in strijd met de regels"),
    "toezichtinstantie": _("Toezichtinstantie onjuist"),
    "vertrouwelijkheid": _("Onbekende vertrouwelijkheid"),
    "objectsleutel": _("VTH-object niet te bepalen"),
    "toegang": _("Geen schrijfrecht"),
    "wijziging": _("Wijziging niet toegestaan"),
}
SCHRIJVERS = ("functioneel_beheerder", "vergunningverlener", "toezichthouder")
NAMESPACE = "nl-vthflo"
_ADRES = re.compile(
    r"^(?P<straat>.+?)\s+(?P<nummer>\d{1,5})\s*(?P<letter>[A-Za-z](?![A-Za-z0-9]))?"
    r"\s*(?:[-/ ]\s*(?P<toevoeging>[0-9A-Za-z]{1,4}))?$"
)
_GETAL = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# The enumerations as sets, once: `Choices.values` builds a new list on every call (a national import asks
# about 5 million times).
_KWALIFICATIES = frozenset(Kwalificatie.values)
_STATUSSEN = frozenset(Status.values)
_VERTROUWELIJKHEDEN = frozenset(Vertrouwelijkheid.values)


def _tekst(waarde: object) -> str:
    """`tekst_van` with the common case first: a CSV cell is always a str."""
    return waarde.strip() if type(waarde) is str else tekst_van(waarde)


@dataclass(frozen=True)
class Reden:
    code: str
    tekst: str


@dataclass
class Rij:
    """One row after validation: facts ready to store when `redenen` is empty."""

    index: int
    regel: int
    bron_id: str = ""
    redenen: list[Reden] = field(default_factory=list)
    naam: str = ""
    omschrijving: str = ""
    legitimatie: str = ""
    activiteit: Activiteit | None = None
    status: str = ""
    kwalificatiecodes: str = ""
    ontstaansdatum: date | None = None
    beeindigingsdatum: date | None = None
    geldig_vanaf: date | None = None
    vertrouwelijkheid: str = ""  # empty: not given (a new record gets the profile's default, a known one keeps its own)
    gemeente: Organisatie | None = None
    bevoegd_gezag: Organisatie | None = None
    toezichtinstantie: Organisatie | None = None
    bg_afgeleid: bool = False
    ti_afgeleid: bool = False
    kvk_nummer: str = ""
    vestigingsnummer: str = ""
    bag_id: str = ""
    straat: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    huisnummertoevoeging: str = ""
    postcode: str = ""
    woonplaats: str = ""
    punt: tuple[Crs, float, float] | None = None
    x: float = 0.0
    y: float = 0.0
    lon: float = 0.0
    lat: float = 0.0
    objectsleutel: str = ""

    @property
    def geldig(self) -> bool:
        return not self.redenen

    def weiger(self, code: str, tekst: str) -> None:
        self.redenen.append(Reden(code, tekst))


class Referentie:
    """The reference data one run needs, read once: catalogue, organisations, work areas valid today."""

    def __init__(self, vandaag: date):
        self.vandaag = vandaag
        self.activiteiten = {a.code: a for a in Activiteit.objects.all()}
        self.organisaties = {o.code.upper(): o for o in Organisatie.objects.all()}
        self.per_id = {o.pk: o for o in self.organisaties.values()}
        self.diensten: dict[int, list[Organisatie]] = {}
        for lid_id, dienst_id in bevoegdheid.werkgebieden_op(vandaag):
            dienst = self.per_id[dienst_id]
            if dienst.geldig_op(vandaag):
                self.diensten.setdefault(lid_id, []).append(dienst)

    def provincie(self, gemeente: Organisatie) -> Organisatie | None:
        return self.per_id.get(gemeente.provincie_id) if gemeente.provincie_id else None


def _opgeheven(org: Organisatie) -> str:
    opvolger = f"; opvolger: {org.opvolger.code}" if org.opvolger_id else ""
    return f"{org.naam} ({org.code}) bestaat niet meer (geldig tot {org.geldig_tot}{opvolger})"


def _getal(tekst: str) -> float | None:
    tekst = tekst.strip()
    if not _GETAL.match(tekst):
        return None
    return float(tekst.replace(",", "."))


class Validator:
    """Validates rows of one file for one profile and actor; keeps the per-run caches."""

    def __init__(
        self,
        *,
        profiel: Profiel,
        bestand: Bronbestand,
        referentie: Referentie,
        dubbel: dict[str, list[int]],
    ):
        self.profiel = profiel
        self.bestand = bestand
        self.ref = referentie
        self.dubbel = dubbel
        index = kolomindex(bestand.kolommen)
        self.kolom = {veld: profiel.kolom_in(veld, index) for veld in VELDEN}
        self.aanwezig = frozenset(veld for veld, kolom in self.kolom.items() if kolom)
        self.paren = [p for p in profiel.coordinaten if p.oost.casefold() in index and p.noord.casefold() in index]
        self._paar_kolommen = [(p, index[p.oost.casefold()], index[p.noord.casefold()]) for p in self.paren]
        scheiding = sorted({profiel.lijstscheiding, ";"})
        self._lijstdeler = re.compile("|".join(re.escape(s) for s in scheiding))

    # --- one row -----------------------------------------------------------------------------------------

    def valideer(self, bron: Bronrij) -> Rij:
        rij = Rij(index=bron.index, regel=bron.regel)
        waarden = bron.waarden
        w = {veld: _tekst(waarden.get(kolom)) if kolom else "" for veld, kolom in self.kolom.items()}
        rij.bron_id = w["bron_id"]
        if bron.fout:
            rij.weiger("opmaak", bron.fout)
            return rij
        for veld in self.profiel.verplicht:
            if not w[veld]:
                rij.weiger("verplicht", f"{veld} is leeg (kolom {self.kolom[veld]})")
        if len(rij.bron_id) > 100:
            rij.weiger("opmaak", "bron_id is langer dan 100 tekens")
        if rij.bron_id in self.dubbel:
            regels = self.dubbel[rij.bron_id]
            rij.weiger(
                "dubbel",
                f"bron_id '{rij.bron_id}' staat {len(regels)} keer in het bestand (regels "
                f"{', '.join(map(str, regels))}); geen van die regels is verwerkt",
            )
        rij.naam = w["naam"][:300]
        rij.omschrijving = w["omschrijving"][:500]
        rij.legitimatie = w["legitimatie"][:100]
        self._identificatie(rij, w)
        self._adres(rij, w)
        self._gemeente(rij, w)
        self._activiteit(rij, w)
        self._datums(rij, w)
        self._punt(rij, w, bron)
        vertrouwelijkheid = self.profiel.vertaal("vertrouwelijkheid", w["vertrouwelijkheid"])
        if vertrouwelijkheid and vertrouwelijkheid not in _VERTROUWELIJKHEDEN:
            keuze = ", ".join(Vertrouwelijkheid.values)
            rij.weiger(
                "vertrouwelijkheid", f"onbekende vertrouwelijkheid '{w['vertrouwelijkheid']}' (kies uit {keuze})"
            )
        rij.vertrouwelijkheid = vertrouwelijkheid
        if rij.gemeente and rij.activiteit:
            self._gezag(rij, w)
        self._objectsleutel(rij, w)
        return rij

    def _identificatie(self, rij: Rij, w: dict[str, str]) -> None:
        for veld, code, validator in (
            ("kvk_nummer", "kvk", identificatie.valideer_kvk_nummer),
            ("vestigingsnummer", "vestigingsnummer", identificatie.valideer_vestigingsnummer),
        ):
            if w[veld]:
                try:
                    setattr(rij, veld, validator(w[veld]))
                except identificatie.OngeldigeIdentificatie as fout:
                    rij.weiger(code, f"{fout} (waarde '{w[veld]}')")

    def _adres(self, rij: Rij, w: dict[str, str]) -> None:
        delen = {k: w[k] for k in ("straat", "huisnummer", "huisletter", "huisnummertoevoeging")}
        if w["adres"] and not w["straat"]:
            gevonden = _ADRES.match(" ".join(w["adres"].split()))
            if gevonden is None:
                rij.weiger("adres", f"adres '{w['adres']}' is niet te splitsen in straat en huisnummer")
            else:
                delen = {
                    "straat": gevonden["straat"],
                    "huisnummer": gevonden["nummer"],
                    "huisletter": gevonden["letter"] or "",
                    "huisnummertoevoeging": gevonden["toevoeging"] or "",
                }
        rij.straat = delen["straat"][:200]
        rij.woonplaats = w["woonplaats"][:100]
        for veld, validator in (
            ("huisnummer", identificatie.valideer_huisnummer),
            ("huisletter", identificatie.valideer_huisletter),
            ("huisnummertoevoeging", identificatie.valideer_huisnummertoevoeging),
        ):
            if delen[veld]:
                try:
                    setattr(rij, veld, validator(delen[veld]))
                except identificatie.OngeldigeIdentificatie as fout:
                    rij.weiger("adres", str(fout))
        for veld, validator in (
            ("postcode", identificatie.valideer_postcode),
            ("bag_id", identificatie.valideer_bag_id),
        ):
            if w[veld]:
                try:
                    setattr(rij, veld, validator(w[veld]))
                except identificatie.OngeldigeIdentificatie as fout:
                    rij.weiger("adres", f"{fout} (waarde '{w[veld]}')")

    def _gemeente(self, rij: Rij, w: dict[str, str]) -> None:
        ruw = w["gemeente"]
        if not ruw:
            return
        try:
            code = identificatie.valideer_gemeentecode(ruw.zfill(4) if ruw.isdigit() else ruw)
        except identificatie.OngeldigeIdentificatie as fout:
            rij.weiger("gemeente", f"{fout} (waarde '{ruw}')")
            return
        gemeente = self.ref.organisaties.get(code)
        if gemeente is None or gemeente.soort != Soort.GEMEENTE:
            rij.weiger("gemeente", f"onbekende gemeente '{ruw}' ({code} staat niet in de CBS-gemeentelijst)")
        elif not gemeente.geldig_op(self.ref.vandaag):
            rij.weiger("gemeente", _opgeheven(gemeente))
        else:
            rij.gemeente = gemeente

    def _activiteit(self, rij: Rij, w: dict[str, str]) -> None:
        ruw = w["activiteit"]
        code = self.profiel.vertaal("activiteit", ruw)
        if ruw:
            activiteit = self.ref.activiteiten.get(code)
            vertaald = f" (vertaald naar '{code}')" if code != ruw else ""
            if activiteit is None:
                rij.weiger("activiteit", f"onbekende activiteitcode '{ruw}'{vertaald}: niet in de catalogus")
            elif not activiteit.geldig_op(self.ref.vandaag):
                rij.weiger("activiteit", f"activiteit '{code}' is niet (meer) geldig in de catalogus")
            else:
                rij.activiteit = activiteit
        status_ruw = w["status"]
        rij.status = self.profiel.vertaal("status", status_ruw)
        if status_ruw and rij.status not in _STATUSSEN:
            rij.weiger("status", f"onbekende status '{status_ruw}' (kies uit {', '.join(Status.values)})")
        kwalificaties = []
        for deel in self._lijstdeler.split(w["kwalificaties"]) if w["kwalificaties"] else ():
            if deel.strip():
                waarde = self.profiel.vertaal("kwalificaties", deel.strip())
                if waarde not in _KWALIFICATIES:
                    rij.weiger("kwalificatie", f"onbekende kwalificatie '{deel.strip()}'")
                else:
                    kwalificaties.append(waarde)
        if rij.activiteit and rij.activiteit.kwalificaties:
            niet = sorted(set(kwalificaties) - set(rij.activiteit.kwalificaties))
            if niet:
                rij.weiger(
                    "kwalificatie",
                    f"{', '.join(niet)} is niet toegestaan voor {rij.activiteit.code} {rij.activiteit.naam} "
                    f"(wel: {', '.join(rij.activiteit.kwalificaties)})",
                )
        rij.kwalificatiecodes = codeer_kwalificaties(kwalificaties)

    def _datums(self, rij: Rij, w: dict[str, str]) -> None:
        for veld in ("ontstaansdatum", "beeindigingsdatum", "geldig_vanaf"):
            if w[veld]:
                try:
                    setattr(rij, veld, self.profiel.datum(w[veld]))
                except ValueError:
                    rij.weiger(
                        "datum", f"{veld} '{w[veld]}' is geen geldige datum (verwacht {self.profiel.datumvoorbeeld})"
                    )
        if rij.ontstaansdatum and rij.beeindigingsdatum and rij.beeindigingsdatum < rij.ontstaansdatum:
            rij.weiger(
                "einde_voor_begin",
                f"de beëindigingsdatum ({rij.beeindigingsdatum:%d-%m-%Y}) ligt vóór de ontstaansdatum "
                f"({rij.ontstaansdatum:%d-%m-%Y})",
            )
        if rij.status == Status.BEEINDIGD and not rij.beeindigingsdatum and not w["beeindigingsdatum"]:
            rij.weiger("status", "een beëindigde activiteit heeft een beëindigingsdatum")

    def _punt(self, rij: Rij, w: dict[str, str], bron: Bronrij) -> None:
        if self.bestand.soort == "geojson":
            punt = bron.waarden.get(GEOMETRIE)
            if isinstance(punt, tuple):
                rij.punt = (self.bestand.geojson_crs or self.profiel.geojson_crs, punt[0], punt[1])
            else:
                rij.weiger("coordinaten", str(punt or "het feature heeft geen geometrie"))
            return
        for paar, oost_kolom, noord_kolom in self._paar_kolommen:
            oost, noord = _tekst(bron.waarden.get(oost_kolom)), _tekst(bron.waarden.get(noord_kolom))
            if not oost and not noord:
                continue
            a, b = _getal(oost), _getal(noord)
            if a is None or b is None:
                rij.weiger(
                    "coordinaten",
                    f"{paar.oost}/{paar.noord} '{oost}', '{noord}' zijn geen twee getallen",
                )
            else:
                rij.punt = (paar.crs, a, b)
            return
        kolommen = " of ".join(f"{p.oost}+{p.noord}" for p in self.paren) or "geen coördinaatkolommen"
        rij.weiger("coordinaten", f"coördinaten ontbreken ({kolommen})")

    def _gezag(self, rij: Rij, w: dict[str, str]) -> None:
        gemeente, activiteit = rij.gemeente, rij.activiteit
        if gemeente is None or activiteit is None:  # `valideer` derives only for a row with both
            return
        provincie = self.ref.provincie(gemeente)
        standaard = self.profiel.standaard
        bg_ruw = self.profiel.vertaal("bevoegd_gezag", w["bevoegd_gezag"])
        if not bg_ruw:
            rij.bg_afgeleid = True
            regel = standaard.get("bevoegd_gezag", "")
            if regel == "gemeente":
                afleiding = bevoegdheid.bevoegd_gezag_afleiden(activiteit, gemeente, provincie)
                if afleiding.grond == bevoegdheid.WATERACTIVITEIT:
                    rij.weiger("bevoegd_gezag", afleiding.reden)
                    return
                rij.bevoegd_gezag = afleiding.organisatie
            elif regel:
                rij.bevoegd_gezag = self.ref.organisaties.get(regel.upper())
            if rij.bevoegd_gezag is None:
                rij.weiger("verplicht", "bevoegd_gezag is leeg en het profiel leidt het niet af")
                return
        else:
            rij.bevoegd_gezag = self.ref.organisaties.get(bg_ruw.upper())
            if rij.bevoegd_gezag is None:
                rij.weiger("bevoegd_gezag", f"onbekende organisatie '{w['bevoegd_gezag']}' als bevoegd gezag")
                return
        bg = rij.bevoegd_gezag
        if bg.soort not in BEVOEGDE_GEZAGEN:
            rij.weiger("bevoegd_gezag", f"{bg.naam} ({bg.code}) is een {bg.soort}, geen bevoegd gezag")
        elif not bg.geldig_op(self.ref.vandaag):
            rij.weiger("bevoegd_gezag", _opgeheven(bg))
        elif activiteit.ippc_seveso and bg != provincie:
            rij.weiger(
                "bevoegd_gezag",
                f"{activiteit.code} is een IPPC/Seveso-activiteit: bevoegd gezag is de provincie "
                f"{provincie.naam if provincie else '?'} ({provincie.code if provincie else '?'}), niet {bg.naam}",
            )
        elif activiteit.waterschap and bg.soort not in (Soort.WATERSCHAP, Soort.RIJK):
            rij.weiger("bevoegd_gezag", f"{activiteit.code} is een wateractiviteit: {bg.naam} is daarvoor niet bevoegd")
        elif not activiteit.ippc_seveso and not activiteit.waterschap:
            if bg.soort == Soort.GEMEENTE and bg != gemeente:
                rij.weiger(
                    "bevoegd_gezag",
                    f"bevoegd gezag {bg.naam} ({bg.code}) is niet de gemeente van de locatie: {gemeente.naam} "
                    f"({gemeente.code})",
                )
            elif bg.soort == Soort.PROVINCIE and bg != provincie:
                rij.weiger("bevoegd_gezag", f"{bg.naam} is niet de provincie van {gemeente.naam}")
            elif bg.soort == Soort.WATERSCHAP:
                rij.weiger("bevoegd_gezag", f"{bg.naam} is alleen bevoegd gezag voor wateractiviteiten")
        self._toezichtinstantie(rij, w)

    def _toezichtinstantie(self, rij: Rij, w: dict[str, str]) -> None:
        gemeente, bg = rij.gemeente, rij.bevoegd_gezag
        if gemeente is None or bg is None:  # `_gezag` calls this only with both
            return
        diensten = self.ref.diensten.get(gemeente.pk, [])
        ti_ruw = self.profiel.vertaal("toezichtinstantie", w["toezichtinstantie"])
        if not ti_ruw:
            rij.ti_afgeleid = True
            regel = self.profiel.standaard.get("toezichtinstantie", "")
            if regel == "omgevingsdienst":
                afleiding = bevoegdheid.uitvoerder_afleiden(gemeente, diensten, self.ref.vandaag)
                if afleiding.organisatie is None:
                    rij.weiger("toezichtinstantie", afleiding.reden)
                    return
                rij.toezichtinstantie = afleiding.organisatie
            elif regel:
                rij.toezichtinstantie = self.ref.organisaties.get(regel.upper())
            if rij.toezichtinstantie is None:
                rij.weiger("verplicht", "toezichtinstantie is leeg en het profiel leidt haar niet af")
            return
        ti = self.ref.organisaties.get(ti_ruw.upper())
        if ti is None:
            rij.weiger("toezichtinstantie", f"onbekende organisatie '{w['toezichtinstantie']}' als toezichtinstantie")
            return
        rij.toezichtinstantie = ti
        if ti == bg:
            return
        if ti.soort != Soort.OMGEVINGSDIENST:
            rij.weiger(
                "toezichtinstantie",
                f"{ti.naam} is een {ti.soort}: de toezichtinstantie is een omgevingsdienst of het bevoegd gezag zelf",
            )
        elif not ti.geldig_op(self.ref.vandaag):
            rij.weiger("toezichtinstantie", _opgeheven(ti))
        elif bg.soort == Soort.GEMEENTE and ti not in diensten:
            rij.weiger(
                "toezichtinstantie",
                f"{ti.naam} heeft {gemeente.naam} niet in het werkgebied op {self.ref.vandaag:%d-%m-%Y}",
            )

    def _objectsleutel(self, rij: Rij, w: dict[str, str]) -> None:
        genormaliseerd = {
            **w,
            "naam": " ".join(rij.naam.casefold().split()),
            "vestigingsnummer": rij.vestigingsnummer,
            "kvk_nummer": rij.kvk_nummer,
            "postcode": rij.postcode,
            "huisnummer": str(rij.huisnummer or ""),
            "huisletter": rij.huisletter.casefold(),
            "huisnummertoevoeging": rij.huisnummertoevoeging.casefold(),
            "gemeente": rij.gemeente.code if rij.gemeente else "",
        }
        for volgnummer, velden in enumerate(self.profiel.objectsleutel):
            waarden = [genormaliseerd.get(v, "") for v in velden]
            if all(waarden):
                tekst = "|".join(waarden)
                rij.objectsleutel = tekst if volgnummer == 0 else f"{volgnummer}~{tekst}"
                return
        opties = " of ".join("+".join(v) for v in self.profiel.objectsleutel)
        rij.weiger("objectsleutel", f"het VTH-object is niet te bepalen: vul {opties}")

    # --- a batch -----------------------------------------------------------------------------------------

    def valideer_batch(self, bronrijen: list[Bronrij]) -> list[Rij]:
        """Validate rows and check and transform their coordinates with one pyproj call per CRS."""
        rijen = [self.valideer(b) for b in bronrijen]
        for crs in {r.punt[0] for r in rijen if r.punt}:
            groep = [r for r in rijen if r.punt and r.punt[0] is crs]
            a = [r.punt[1] for r in groep]
            b = [r.punt[2] for r in groep]
            if crs is Crs.RD:
                binnen = geo.binnen_nederland_rd(a, b)
                lon, lat = geo.rd_naar_wgs84_vector(a, b)
                x, y = [round(v, 3) for v in a], [round(v, 3) for v in b]
            else:
                binnen = geo.binnen_nederland_wgs84(a, b)
                x, y = geo.wgs84_naar_rd_vector(a, b)
                lon, lat = a, b
                binnen = binnen & geo.binnen_nederland_rd(x, y)
            verwisseld = geo.binnen_nederland_rd(b, a) if crs is Crs.RD else geo.binnen_nederland_wgs84(b, a)
            naam = "RD" if crs is Crs.RD else "WGS 84 (lengte, breedte)"
            for i, rij in enumerate(groep):
                if not binnen[i]:
                    hint = "; zijn oost en noord verwisseld?" if verwisseld[i] else ""
                    rij.weiger(
                        "coordinaten", f"de coördinaten ({a[i]:g}, {b[i]:g}) in {naam} liggen buiten Nederland{hint}"
                    )
                    continue
                rij.x, rij.y, rij.lon, rij.lat = float(x[i]), float(y[i]), float(lon[i]), float(lat[i])
        return rijen


def lokaal_id(bron_systeem: str, objectsleutel: str) -> str:
    """The VTH-object's NEN 3610 local id: readable when it fits 60 characters, a digest when it does not."""
    leesbaar = f"{bron_systeem}:{objectsleutel}"
    if len(leesbaar) <= 60:
        return leesbaar
    return f"{bron_systeem}:#{hashlib.sha256(objectsleutel.encode()).hexdigest()[:24]}"


class Schrijfrecht:
    """`toegang.vereis_namens` per distinct (bevoegd gezag, toezichtinstantie, level), asked once per run.

    The level matters: a mandate never covers ``strafrechtelijk`` records, so a mandated service's import may not
    create or change them (toegang.vereis_schrijven, the same rule as the services).
    """

    def __init__(self, actor: Actor):
        self.actor = actor
        self._antwoorden: dict[tuple[int, int, str], str] = {}

    def reden(self, bevoegd_gezag: Organisatie, toezichtinstantie: Organisatie, vertrouwelijkheid: str) -> str:
        sleutel = (bevoegd_gezag.pk, toezichtinstantie.pk, vertrouwelijkheid)
        if sleutel not in self._antwoorden:
            try:
                toegang.vereis_namens(
                    self.actor,
                    bevoegd_gezag_id=bevoegd_gezag.pk,
                    uitvoerder_id=toezichtinstantie.pk,
                    rollen=SCHRIJVERS,
                    vertrouwelijkheid=vertrouwelijkheid,
                )
                self._antwoorden[sleutel] = ""
            except GeenToestemming as fout:
                naam = self.actor.organisatie.naam if self.actor.organisatie else "uw organisatie"
                self._antwoorden[sleutel] = (
                    f"{naam} mag niet schrijven voor bevoegd gezag {bevoegd_gezag.code} met toezichtinstantie "
                    f"{toezichtinstantie.code}: {fout}"
                )
        return self._antwoorden[sleutel]
