"""Running an import: batches of rows, each validated and upserted in ONE transaction with the run's progress.

Why this shape:
* all-or-nothing per batch, progress in the same transaction: after a crash (even kill -9) the database holds
  whole batches only, and `Importrun.verwerkt` says exactly which; a re-run of the same file (same SHA-256,
  profile and actor) resumes after them, so nothing is stored twice;
* upsert on (bron_systeem, bron_id): an unchanged row writes nothing (importing a file twice changes nothing,
  not even registration times); a changed row appends a version as `services.uitvoering_wijzigen` does;
* one audit event per batch that wrote something (counts and the bron_ids touched), not one per row: a national
  file has a million rows, and the per-row detail is already in the run's quality report, kept with the run;
* no run hangs: every failure of a background run ends it with a final status and a readable reason
  (`importrun_uitvoeren`, the task's boundary); queueing, seeing a stalled run and resuming it are `wachtrij`'s.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import socket
import time
import uuid as uuidlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.fouten import GeenToestemming
from openvth.organisaties.models import Rol, Vertrouwelijkheid
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.toegang import Actor

from .. import bulk
from ..export import csv_cel as geen_formule
from ..models import (
    Activiteituitvoering,
    Betrokkene,
    Importbatch,
    Importrun,
    Importstatus,
    Locatie,
    Resultaat,
    SoortBetrokkene,
    TypeVthObject,
    VthObject,
)
from . import lezen, pijplijn
from .lezen import Bronbestand, OngeldigBestand
from .opslag import Invoeger, db_datum, db_json, db_tijd, db_uuid
from .profiel import Profiel, ProfielFout, profiel_laden
from .validatie import NAMESPACE, REDENEN, SCHRIJVERS, Referentie, Rij, Schrijfrecht, Validator, lokaal_id

STANDAARD_BATCH = 1000
LEVENSTEKEN = timedelta(minutes=10)
VERGELEKEN = (
    "activiteit_id",
    "toezichtinstantie_id",
    "status",
    "kwalificatiecodes",
    "omschrijving",
    "legitimatie",
    "ontstaansdatum",
    "beeindigingsdatum",
    "vertrouwelijkheid",
)
# Fields a file may leave out: absent, a known record keeps its own value (docs/import.md §Wijzigen).
WEGLAATBAAR = {
    "omschrijving": "omschrijving",
    "legitimatie": "legitimatie",
    "ontstaansdatum": "ontstaansdatum",
    "beeindigingsdatum": "beeindigingsdatum",
    "kwalificatiecodes": "kwalificaties",
}
RAPPORTKOLOMMEN = ("regel", "bron_id", "resultaat", "redenen", "uuid")

logger = logging.getLogger(__name__)


class AlBezig(Exception):
    """Another live process is importing this file; two runners on one file would only fight."""


def leesbare_reden(fout: BaseException) -> str:
    """What the progress page says about an unexpected failure: in words, and never empty."""
    if isinstance(fout, RecursionError):
        tekst = "het bestand is te diep genest om te verwerken"
    elif isinstance(fout, MemoryError):
        tekst = "het geheugen van de server was te klein voor dit bestand"
    elif isinstance(fout, OSError):
        tekst = f"een bestand was niet te lezen of te schrijven ({fout.strerror or fout})"
    elif isinstance(fout, DatabaseError):
        tekst = f"de database weigerde een opdracht ({fout})"
    else:
        tekst = f"onverwachte fout {type(fout).__name__}" + (f": {fout}" if str(fout) else "")
    return f"Afgebroken: {tekst}. Wat al is vastgelegd blijft staan; de import is te hervatten."[:2000]


def importmap() -> Path:
    return Path(settings.DATA_DIR) / "import"


def _eigenaar() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def leeft(run: Importrun) -> bool:
    """Whether the process that owns a run still works on it: its heartbeat (the last batch) is recent and, on this
    host, its pid exists. A batch takes seconds, so ten quiet minutes mean the owner is gone, wherever it ran."""
    if run.bijgewerkt_op is None or timezone.now() - run.bijgewerkt_op > LEVENSTEKEN:
        return False
    host, _, pid = run.eigenaar.rpartition(":")
    if not pid.isdigit():
        return False
    if host != socket.gethostname():
        return True
    if int(pid) == os.getpid():
        return False  # ourselves: an earlier run in this process ended without finishing
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Batchverslag:
    """What one batch did, for the audit event and the report."""

    rapport: list[list] = field(default_factory=list)
    tellingen: Counter = field(default_factory=Counter)
    redenen: Counter = field(default_factory=Counter)
    aangemaakt: list[str] = field(default_factory=list)
    gewijzigd: list[str] = field(default_factory=list)
    nieuwe_objecten: int = 0
    nieuwe_locaties: int = 0
    nieuwe_betrokkenen: int = 0

    def noteer(self, rij: Rij, resultaat: str, uuid: str = "") -> None:
        self.tellingen[resultaat] += 1
        if resultaat == Resultaat.GEWEIGERD:
            self.redenen.update({r.code for r in rij.redenen})
        elif resultaat == Resultaat.AANGEMAAKT:
            self.aangemaakt.append(rij.bron_id)
        elif resultaat == Resultaat.GEWIJZIGD:
            self.gewijzigd.append(rij.bron_id)
        self.rapport.append([rij.regel, rij.bron_id, resultaat, [r.tekst for r in rij.redenen], uuid])


# --- upsert of one batch ---------------------------------------------------------------------------------


class Schrijver:
    """Writes validated rows of one run: creates, versions or leaves alone, with batched queries."""

    def __init__(self, *, actor: Actor, profiel: Profiel, bron_systeem: str, aanwezig: frozenset[str], vandaag: date):
        self.actor = actor
        self.profiel = profiel
        self.bron_systeem = bron_systeem
        self.aanwezig = aanwezig
        self.vandaag = vandaag
        self.schrijfrecht = Schrijfrecht(actor)
        self._invoegers: dict[type, Invoeger] = {}

    def schrijf(self, rijen: list[Rij]) -> Batchverslag:
        verslag = Batchverslag()
        resultaat: dict[int, tuple[str, str]] = {}
        goed = [r for r in rijen if r.geldig]
        # Every version of these bron_ids, the current one picked here: with "geldig_tot IS NULL" in the query the
        # SQLite planner walks the index on geldig_tot (1.5 million NULLs nationally, ~1.8 s per batch) instead of
        # probing (bron_systeem, bron_id); the few closed versions cost nothing.
        huidig = {
            u.bron_id: u
            for u in Activiteituitvoering.objects.select_for_update(of=("self",))
            .filter(bron_systeem=self.bron_systeem, bron_id__in=[r.bron_id for r in goed])
            .select_related("vth_object", "bevoegd_gezag", "toezichtinstantie")
            if u.geldig_tot is None and u.afgevoerd_op is None
        }
        nieuw: list[Rij] = []
        wijzigingen: list[tuple[Rij, Activiteituitvoering, dict]] = []
        for rij in goed:
            bestaand = huidig.get(rij.bron_id)
            if bestaand is None:
                self._recht(rij, rij.bevoegd_gezag, rij.toezichtinstantie, self._vertrouwelijkheid(rij))
                if rij.geldig:
                    nieuw.append(rij)
                continue
            velden = self._wijziging(rij, bestaand)
            if not rij.geldig:
                continue
            if velden is None:
                resultaat[rij.index] = (Resultaat.ONGEWIJZIGD, str(bestaand.uuid))
            else:
                wijzigingen.append((rij, bestaand, velden))
        for rij, bestaand in self._versies(wijzigingen):
            resultaat[rij.index] = (Resultaat.GEWIJZIGD, str(bestaand.uuid))
        for rij, uuid in self._nieuw(nieuw, verslag):
            resultaat[rij.index] = (Resultaat.AANGEMAAKT, uuid)
        for rij in rijen:
            soort, uuid = resultaat.get(rij.index, (Resultaat.GEWEIGERD, ""))
            verslag.noteer(rij, soort, uuid)
        return verslag

    def _recht(self, rij: Rij, bevoegd_gezag, toezichtinstantie, *niveaus: str) -> None:
        """The write rule for the row at the highest of `niveaus` (the stored level and the one the row sets)."""
        niveau = max(niveaus, key=Vertrouwelijkheid.rang)
        if reden := self.schrijfrecht.reden(bevoegd_gezag, toezichtinstantie, niveau):
            rij.weiger("toegang", reden)

    def _wijziging(self, rij: Rij, bestaand: Activiteituitvoering) -> dict | None:
        """The new version's fields when the row changes the current version; None when it changes nothing."""
        if not rij.bg_afgeleid and rij.bevoegd_gezag.pk != bestaand.bevoegd_gezag_id:
            rij.weiger(
                "wijziging",
                f"het bevoegd gezag wijzigt van {bestaand.bevoegd_gezag.code} in {rij.bevoegd_gezag.code}: een "
                "overdracht gaat niet via een import (zoals bij een wijziging via de API)",
            )
        if lokaal_id(self.bron_systeem, rij.objectsleutel) != bestaand.vth_object.lokaal_id:
            rij.weiger(
                "wijziging",
                f"de activiteit hoort bij VTH-object '{bestaand.vth_object.lokaal_id}', niet bij "
                f"'{lokaal_id(self.bron_systeem, rij.objectsleutel)}'",
            )
        toezichtinstantie = bestaand.toezichtinstantie if rij.ti_afgeleid else rij.toezichtinstantie
        self._recht(
            rij,
            bestaand.bevoegd_gezag,
            toezichtinstantie,
            bestaand.vertrouwelijkheid,
            rij.vertrouwelijkheid or bestaand.vertrouwelijkheid,
        )
        if not rij.geldig:
            return None
        velden = {
            "activiteit_id": rij.activiteit.pk,
            "toezichtinstantie_id": toezichtinstantie.pk,
            "status": rij.status,
            "kwalificatiecodes": rij.kwalificatiecodes,
            "omschrijving": rij.omschrijving,
            "legitimatie": rij.legitimatie,
            "ontstaansdatum": rij.ontstaansdatum,
            "beeindigingsdatum": rij.beeindigingsdatum,
            "vertrouwelijkheid": rij.vertrouwelijkheid or bestaand.vertrouwelijkheid,
        }
        for veld, kolomveld in WEGLAATBAAR.items():
            if kolomveld not in self.aanwezig:
                velden[veld] = getattr(bestaand, veld)
        if all(velden[v] == getattr(bestaand, v) for v in VERGELEKEN):
            return None
        vanaf = rij.geldig_vanaf or self.vandaag
        if bestaand.geldig_vanaf and vanaf < bestaand.geldig_vanaf:
            rij.weiger(
                "wijziging",
                f"de wijziging gaat in op {vanaf:%d-%m-%Y}, vóór de actuele versie (geldig vanaf "
                f"{bestaand.geldig_vanaf:%d-%m-%Y})",
            )
            return None
        velden["geldig_vanaf"] = vanaf
        return velden

    def _versies(self, wijzigingen) -> Iterator[tuple[Rij, Activiteituitvoering]]:
        """Close or supersede each current version, then append the next (uitvoering_wijzigen's rule)."""
        if not wijzigingen:
            return
        nu = timezone.now()
        vervangen = [b.pk for _r, b, v in wijzigingen if v["geldig_vanaf"] == b.geldig_vanaf]
        if vervangen:
            Activiteituitvoering.objects.filter(pk__in=vervangen).update(afgevoerd_op=nu)
        per_datum: dict[date, list[int]] = {}
        for _rij, bestaand, velden in wijzigingen:
            if velden["geldig_vanaf"] != bestaand.geldig_vanaf:
                per_datum.setdefault(velden["geldig_vanaf"], []).append(bestaand.pk)
        for datum, pks in per_datum.items():
            Activiteituitvoering.objects.filter(pk__in=pks).update(geldig_tot=datum)
        Activiteituitvoering.objects.bulk_create(
            Activiteituitvoering(
                uuid=bestaand.uuid,
                bron_systeem=bestaand.bron_systeem,
                bron_id=bestaand.bron_id,
                versie=bestaand.versie + 1,
                vth_object_id=bestaand.vth_object_id,
                gemeente_id=bestaand.gemeente_id,
                bevoegd_gezag_id=bestaand.bevoegd_gezag_id,
                uitvoerder_betrokkene_id=bestaand.uitvoerder_betrokkene_id,
                **velden,
            )
            for _rij, bestaand, velden in wijzigingen
        )
        for rij, bestaand, _velden in wijzigingen:
            yield rij, bestaand

    def _nieuw(self, rijen: list[Rij], verslag: Batchverslag) -> Iterator[tuple[Rij, str]]:
        """Create the executions of `rijen` (and their objects, places and parties where new); yields their uuids."""
        if not rijen:
            return
        sleutels = {r.index: lokaal_id(self.bron_systeem, r.objectsleutel) for r in rijen}
        # lokaal_id → (pk, gemeente of its place, vestiging)
        objecten: dict[str, tuple[int, int, int | None]] = {
            lid: (pk, gemeente, vestiging)
            for lid, pk, gemeente, vestiging in VthObject.objects.filter(
                namespace=NAMESPACE, lokaal_id__in=set(sleutels.values())
            ).values_list("lokaal_id", "pk", "locatie__gemeente_id", "vestiging_id")
        }
        zonder_object = [r for r in rijen if sleutels[r.index] not in objecten]
        betrokkenen = self._betrokkenen(zonder_object, verslag)
        locaties = self._locaties(zonder_object, verslag)
        nu = db_tijd(timezone.now())
        nieuwe: dict[str, Rij] = {}
        for rij in zonder_object:
            nieuwe.setdefault(sleutels[rij.index], rij)
        object_type = self.profiel.standaard.get("vth_object_type", TypeVthObject.INRICHTING)
        invoer = []
        for sleutel, rij in nieuwe.items():
            betrokkene = betrokkenen.get(rij.index)
            vestiging = betrokkene[0] if betrokkene and betrokkene[1] == SoortBetrokkene.VESTIGING else None
            invoer.append(
                (
                    nu,
                    rij.bevoegd_gezag.pk,
                    self._vertrouwelijkheid(rij),
                    db_uuid(uuidlib.uuid4()),
                    NAMESPACE,
                    sleutel,
                    object_type,
                    rij.naam,
                    locaties[rij.index],
                    rij.toezichtinstantie.pk,
                    vestiging,
                )
            )
        for (sleutel, rij), pk, regel in zip(
            nieuwe.items(), self._invoeger(VthObject).voeg_in(invoer), invoer, strict=True
        ):
            objecten[sleutel] = (pk, rij.gemeente.pk, regel[-1])
        verslag.nieuwe_objecten = len(nieuwe)
        invoer, uuids = [], []
        for rij in rijen:
            obj_pk, gemeente_pk, vestiging_pk = objecten[sleutels[rij.index]]
            betrokkene = betrokkenen.get(rij.index)
            nieuw_uuid = uuidlib.uuid4()
            uuids.append(str(nieuw_uuid))
            invoer.append(
                (
                    db_datum(self._ingang(rij)),
                    nu,
                    rij.bevoegd_gezag.pk,
                    self._vertrouwelijkheid(rij),
                    db_uuid(nieuw_uuid),
                    self.bron_systeem,
                    rij.bron_id,
                    rij.activiteit.pk,
                    obj_pk,
                    betrokkene[0] if betrokkene else vestiging_pk,
                    rij.toezichtinstantie.pk,
                    gemeente_pk,
                    rij.omschrijving,
                    rij.kwalificatiecodes,
                    rij.status,
                    rij.legitimatie,
                    db_datum(rij.ontstaansdatum),
                    db_datum(rij.beeindigingsdatum),
                )
            )
        self._invoeger(Activiteituitvoering).voeg_in(invoer)
        yield from zip(rijen, uuids, strict=True)

    _VELDEN = {
        VthObject: (
            "geregistreerd_op",
            "bevoegd_gezag_id",
            "vertrouwelijkheid",
            "uuid",
            "namespace",
            "lokaal_id",
            "type",
            "naam",
            "locatie_id",
            "uitvoerder_id",
            "vestiging_id",
        ),
        Activiteituitvoering: (
            "geldig_vanaf",
            "geregistreerd_op",
            "bevoegd_gezag_id",
            "vertrouwelijkheid",
            "uuid",
            "bron_systeem",
            "bron_id",
            "activiteit_id",
            "vth_object_id",
            "uitvoerder_betrokkene_id",
            "toezichtinstantie_id",
            "gemeente_id",
            "omschrijving",
            "kwalificatiecodes",
            "status",
            "legitimatie",
            "ontstaansdatum",
            "beeindigingsdatum",
        ),
        Betrokkene: (
            "geregistreerd_op",
            "bevoegd_gezag_id",
            "vertrouwelijkheid",
            "uuid",
            "soort",
            "naam",
            "handelsnamen",
            "kvk_nummer",
            "vestigingsnummer",
            "uitvoerder_id",
        ),
        Locatie: (
            "geregistreerd_op",
            "uuid",
            "bag_id",
            "straat",
            "huisnummer",
            "huisletter",
            "huisnummertoevoeging",
            "postcode",
            "woonplaats",
            "gemeente_id",
            "x",
            "y",
            "lon",
            "lat",
        ),
    }

    def _invoeger(self, model) -> Invoeger:
        if model not in self._invoegers:
            self._invoegers[model] = Invoeger(model, self._VELDEN[model])
        return self._invoegers[model]

    def _vertrouwelijkheid(self, rij: Rij) -> str:
        return rij.vertrouwelijkheid or self.profiel.standaard.get("vertrouwelijkheid", "openbaar")

    def _ingang(self, rij: Rij) -> date:
        """A new record is valid from geldig_vanaf, else from its ontstaansdatum when that has passed, else today."""
        if rij.geldig_vanaf:
            return rij.geldig_vanaf
        if rij.ontstaansdatum and rij.ontstaansdatum <= self.vandaag:
            return rij.ontstaansdatum
        return self.vandaag

    def _betrokkenen(self, rijen: list[Rij], verslag: Batchverslag) -> dict[int, tuple[int, str]]:
        """The establishment (by vestigingsnummer) or legal person (by KvK number) of each row, made when new:
        row index → (pk, soort)."""
        vestigingen = {r.vestigingsnummer for r in rijen if r.vestigingsnummer}
        kvk = {r.kvk_nummer for r in rijen if r.kvk_nummer and not r.vestigingsnummer}
        bekend: dict[tuple[str, str], int] = {}
        for nummer, pk in Betrokkene.objects.filter(
            soort=SoortBetrokkene.VESTIGING, vestigingsnummer__in=vestigingen
        ).values_list("vestigingsnummer", "pk"):
            bekend.setdefault((SoortBetrokkene.VESTIGING, nummer), pk)
        for nummer, pk in Betrokkene.objects.filter(
            soort=SoortBetrokkene.NIET_NATUURLIJK_PERSOON, kvk_nummer__in=kvk
        ).values_list("kvk_nummer", "pk"):
            bekend.setdefault((SoortBetrokkene.NIET_NATUURLIJK_PERSOON, nummer), pk)
        nieuw: dict[tuple[str, str], Rij] = {}
        keuze: dict[int, tuple[str, str]] = {}
        for rij in rijen:
            if rij.vestigingsnummer:
                sleutel = (SoortBetrokkene.VESTIGING, rij.vestigingsnummer)
            elif rij.kvk_nummer:
                sleutel = (SoortBetrokkene.NIET_NATUURLIJK_PERSOON, rij.kvk_nummer)
            else:
                continue
            if sleutel not in bekend:
                nieuw.setdefault(sleutel, rij)
            keuze[rij.index] = sleutel
        nu = db_tijd(timezone.now())
        invoer = [
            (
                nu,
                rij.bevoegd_gezag.pk,
                Vertrouwelijkheid.OPENBAAR,
                db_uuid(uuidlib.uuid4()),
                soort,
                rij.naam,
                db_json([rij.naam] if soort == SoortBetrokkene.VESTIGING else []),
                rij.kvk_nummer,
                rij.vestigingsnummer,
                rij.toezichtinstantie.pk,
            )
            for (soort, _nummer), rij in nieuw.items()
        ]
        bekend.update(zip(nieuw, self._invoeger(Betrokkene).voeg_in(invoer), strict=True))
        verslag.nieuwe_betrokkenen = len(nieuw)
        return {index: (bekend[sleutel], sleutel[0]) for index, sleutel in keuze.items()}

    def _locaties(self, rijen: list[Rij], verslag: Batchverslag) -> dict[int, int]:
        """Reuse a place by BAG id, else by exactly the same address and coordinates; make it otherwise.
        Row index → the place's pk."""

        def adres(r) -> tuple:
            return (
                r.straat,
                r.huisnummer,
                r.huisletter,
                r.huisnummertoevoeging,
                r.postcode,
                r.woonplaats,
                r.gemeente.pk,
                r.x,
                r.y,
            )

        per_bag: dict[str, tuple[str, int]] = {
            bag: ("pk", pk)
            for bag, pk in Locatie.objects.filter(bag_id__in={r.bag_id for r in rijen if r.bag_id}).values_list(
                "bag_id", "pk"
            )
        }
        per_adres: dict[tuple, tuple[str, int]] = {}
        for *sleutel, pk in Locatie.objects.filter(x__in={r.x for r in rijen}, y__in={r.y for r in rijen}).values_list(
            "straat",
            "huisnummer",
            "huisletter",
            "huisnummertoevoeging",
            "postcode",
            "woonplaats",
            "gemeente_id",
            "x",
            "y",
            "pk",
        ):
            per_adres.setdefault(tuple(sleutel), ("pk", pk))
        maken: list[Rij] = []
        keuze: dict[int, tuple[str, int]] = {}  # ("pk", pk) of a stored place, ("nieuw", i) of maken[i]
        for rij in rijen:
            gekozen = per_bag.get(rij.bag_id) if rij.bag_id else None
            gekozen = gekozen or per_adres.get(adres(rij))
            if gekozen is None:
                gekozen = ("nieuw", len(maken))
                maken.append(rij)
                per_adres[adres(rij)] = gekozen
                if rij.bag_id:
                    per_bag[rij.bag_id] = gekozen
            keuze[rij.index] = gekozen
        nu = db_tijd(timezone.now())
        invoer = [
            (
                nu,
                db_uuid(uuidlib.uuid4()),
                r.bag_id,
                r.straat,
                r.huisnummer,
                r.huisletter,
                r.huisnummertoevoeging,
                r.postcode,
                r.woonplaats,
                r.gemeente.pk,
                r.x,
                r.y,
                r.lon,
                r.lat,
            )
            for r in maken
        ]
        pks = self._invoeger(Locatie).voeg_in(invoer)
        verslag.nieuwe_locaties = len(maken)
        return {index: waarde if soort == "pk" else pks[waarde] for index, (soort, waarde) in keuze.items()}


# --- a run ---------------------------------------------------------------------------------------------


Voortgang = Callable[[Importrun], None]


def _onvoltooid(*, digest: str, profiel: Profiel, bron_systeem: str, actor: Actor, behalve: int | None):
    """The unfinished run of this file, profile and actor that a new run continues, if any."""
    kandidaten = Importrun.objects.filter(
        digest=digest,
        profiel=profiel.naam,
        profielversie=profiel.versie,
        bron_systeem=bron_systeem,
        gebruiker_id=actor.gebruiker_id,
        organisatie_id=actor.organisatie.pk if actor.organisatie else None,
        status__in=(Importstatus.BEZIG, Importstatus.MISLUKT),
    ).exclude(pk=behalve)
    run = kandidaten.order_by("-aangemaakt_op").first()
    if run is not None and run.status == Importstatus.BEZIG and leeft(run):
        raise AlBezig(f"Dit bestand wordt al geïmporteerd door proces {run.eigenaar} (import {run.uuid}).")
    return run


@transaction.atomic
def _overnemen(run: Importrun, oud: Importrun) -> None:
    """Continue `oud` in `run` (a new upload of the same file): its batches and counts move over."""
    Importbatch.objects.filter(run=oud).update(run=run)
    for veld in (
        "verwerkt",
        "laatste_batch",
        "aangemaakt",
        "gewijzigd",
        "ongewijzigd",
        "geweigerd",
        "redenen",
        "verwerkingstijd",
        "gestart_op",
    ):
        setattr(run, veld, getattr(oud, veld))
    run.save()
    Importrun.objects.filter(pk=oud.pk).update(
        status=Importstatus.VOORTGEZET, melding=f"Voortgezet in import {run.uuid}.", bijgewerkt_op=timezone.now()
    )


def bron_systeem_van(profiel: Profiel, bron_systeem: str | None) -> str:
    waarde = (bron_systeem or profiel.bron_systeem).strip()
    if not waarde or len(waarde) > 30 or not all(c.isalnum() or c in "._-" for c in waarde):
        raise OngeldigBestand("Het bronsysteem is 1 tot 30 letters, cijfers, '.', '_' of '-'.")
    return waarde


def importeer(
    *,
    actor: Actor,
    pad: Path,
    profiel: Profiel,
    bron_systeem: str | None = None,
    batchgrootte: int = STANDAARD_BATCH,
    bestandsnaam: str | None = None,
    run: Importrun | None = None,
    voortgang: Voortgang | None = None,
    pauze: float = 0.0,
    parallel: bool | None = None,
) -> Importrun:
    """Import `pad` with `profiel`; resumes an unfinished run of the same file. Raises OngeldigBestand (nothing
    stored), GeenToestemming (no importing role) or AlBezig. `parallel`: validate in a second process
    (pijplijn.py); None decides by machine and file size."""
    toegang.vereis_rol(actor, SCHRIJVERS, scope="schrijven")
    bron_systeem = bron_systeem_van(profiel, bron_systeem)
    if batchgrootte < 1:
        raise OngeldigBestand("De batchgrootte is minstens 1.")
    bestand = lezen.lees(pad, naam=bestandsnaam)
    if run is not None and run.verwerkt and run.digest != bestand.digest:
        raise OngeldigBestand(
            "Het bestand is veranderd sinds deze import begon (een andere SHA-256); verder gaan na "
            f"{run.verwerkt} rijen van een ander bestand zou rijen overslaan. Start een nieuwe import."
        )
    lezen.controleer_kolommen(bestand, profiel)
    totaal, dubbel = bestand.controleer(profiel)
    oud = _onvoltooid(
        digest=bestand.digest, profiel=profiel, bron_systeem=bron_systeem, actor=actor, behalve=run.pk if run else None
    )
    if run is None:
        run = oud or Importrun(
            digest=bestand.digest,
            bestandsnaam=(bestandsnaam or pad.name)[:255],
            profiel=profiel.naam,
            profielversie=profiel.versie,
            bron_systeem=bron_systeem,
            gebruiker_id=actor.gebruiker_id,
            gebruikersnaam=actor.gebruikersnaam,
            organisatie=actor.organisatie,
            batchgrootte=batchgrootte,
        )
    elif oud is not None:
        _overnemen(run, oud)
    nu = timezone.now()
    run.digest, run.totaal, run.batchgrootte = bestand.digest, totaal, batchgrootte
    run.status, run.eigenaar, run.melding = Importstatus.BEZIG, _eigenaar(), ""
    run.gestart_op = run.gestart_op or nu
    run.bijgewerkt_op = nu
    run.save()
    try:
        _verwerk(
            run,
            actor=actor,
            bestand=bestand,
            profiel=profiel,
            dubbel=dubbel,
            voortgang=voortgang,
            pauze=pauze,
            parallel=parallel,
        )
    except BaseException as fout:
        # A stop of the process itself (Ctrl+C, the worker's shutdown) leaves the run "bezig": it is resumed later.
        if not isinstance(fout, KeyboardInterrupt | SystemExit):
            Importrun.objects.filter(pk=run.pk).update(
                status=Importstatus.MISLUKT, melding=leesbare_reden(fout), bijgewerkt_op=timezone.now()
            )
        raise
    run.refresh_from_db()
    run.status, run.voltooid_op = Importstatus.VOLTOOID, timezone.now()
    run.save(update_fields=["status", "voltooid_op"])
    schrijf_rapport(run)
    return run


class _Statistiek:
    """Fresh planner statistics on PostgreSQL while an import fills the register.

    PostgreSQL plans the batch's lookups (parties by KvK or establishment number, places by address) from the
    statistics of the last ANALYZE. Importing into an empty or small register, those say "a few rows", so it reads
    the tables sequentially; growing to 500,000 places and parties that cost 375 million rows read per table over a
    national import (2,500 instead of 6,500 rows/s). Autovacuum's ANALYZE comes a minute late at best and not at
    all where it is off, so the importer analyses the tables it writes each time they have doubled: about a dozen
    times for a national file, a few seconds in all. (SQLite without statistics falls back on its indexes.)
    A role that does not own the tables gets a warning from PostgreSQL instead, and the import goes on.
    """

    TABELLEN = (Locatie, Betrokkene, VthObject, Activiteituitvoering)
    EERSTE = 5_000

    def __init__(self):
        self.aan = connection.vendor == "postgresql"
        self.geschreven = 0
        self.volgende = self.EERSTE

    def na_batch(self, verslag: Batchverslag) -> None:
        if not self.aan:
            return
        self.geschreven += verslag.tellingen[Resultaat.AANGEMAAKT] + verslag.tellingen[Resultaat.GEWIJZIGD]
        if self.geschreven < self.volgende:
            return
        tabellen = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in self.TABELLEN)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tabellen}")
        self.volgende = 2 * self.geschreven


def _verwerk(run, *, actor, bestand: Bronbestand, profiel, dubbel, voortgang, pauze, parallel) -> None:
    vandaag = timezone.localdate()
    validator = Validator(profiel=profiel, bestand=bestand, referentie=Referentie(vandaag), dubbel=dubbel)
    schrijver = Schrijver(
        actor=actor, profiel=profiel, bron_systeem=run.bron_systeem, aanwezig=validator.aanwezig, vandaag=vandaag
    )
    rijen = islice(bestand.rijen(), run.verwerkt, None)
    if parallel is None:
        parallel = pijplijn.kan_parallel() and run.totaal - run.verwerkt > 2 * run.batchgrootte
    if voortgang:
        voortgang(run)
    with bulk.grote_cache(connection):  # the page cache and checkpoint spacing of a bulk writer
        # A batch's processing time runs from the previous batch's record to its own: the previous commit and
        # progress report included (a commit is a fifth of a SQLite batch), the rest between batches not.
        merk = time.perf_counter()
        statistiek = _Statistiek()
        for gevalideerd in pijplijn.batches(validator, rijen, run.batchgrootte, parallel=parallel):
            with transaction.atomic():
                verslag = schrijver.schrijf(gevalideerd)
                nu = time.perf_counter()
                _vastleggen(run, actor, gevalideerd, verslag, nu - merk)
                merk = nu
            statistiek.na_batch(verslag)
            if voortgang:
                voortgang(run)
            if pauze:
                time.sleep(pauze)
                merk += pauze


def _vastleggen(run: Importrun, actor: Actor, blok: list[Rij], verslag: Batchverslag, seconden: float) -> None:
    """The batch's report and the run's progress, in the batch's transaction; refused if another process moved on."""
    nummer = run.laatste_batch + 1
    redenen = Counter(run.redenen) + verslag.redenen
    bijgewerkt = Importrun.objects.filter(pk=run.pk, verwerkt=run.verwerkt, laatste_batch=run.laatste_batch).update(
        verwerkt=F("verwerkt") + len(blok),
        laatste_batch=nummer,
        aangemaakt=F("aangemaakt") + verslag.tellingen[Resultaat.AANGEMAAKT],
        gewijzigd=F("gewijzigd") + verslag.tellingen[Resultaat.GEWIJZIGD],
        ongewijzigd=F("ongewijzigd") + verslag.tellingen[Resultaat.ONGEWIJZIGD],
        geweigerd=F("geweigerd") + verslag.tellingen[Resultaat.GEWEIGERD],
        redenen=dict(redenen),
        verwerkingstijd=F("verwerkingstijd") + seconden,
        bijgewerkt_op=timezone.now(),
    )
    if bijgewerkt != 1:
        raise AlBezig("Een ander proces heeft deze import intussen voortgezet; deze batch is teruggedraaid.")
    Importbatch.objects.create(
        run=run, nummer=nummer, eerste_rij=blok[0].index, aantal=len(blok), rapport=verslag.rapport
    )
    if verslag.aangemaakt or verslag.gewijzigd:
        audit.schrijf(
            actor=actor,
            actie="import.batch",
            object=run,
            na={
                "batch": nummer,
                "regels": f"{blok[0].regel}-{blok[-1].regel}",
                "bron_systeem": run.bron_systeem,
                "aantallen": {k: verslag.tellingen[k] for k in Resultaat.values},
                "nieuw": {
                    "vth_objecten": verslag.nieuwe_objecten,
                    "locaties": verslag.nieuwe_locaties,
                    "betrokkenen": verslag.nieuwe_betrokkenen,
                },
                "aangemaakt": verslag.aangemaakt,
                "gewijzigd": verslag.gewijzigd,
            },
        )
    run.refresh_from_db()


# --- the quality report ------------------------------------------------------------------------------


def rapportregels(run: Importrun) -> Iterator[list[str]]:
    """The report's rows, from the committed batches (so it is complete after a resume too)."""
    yield list(RAPPORTKOLOMMEN)
    for batch in Importbatch.objects.filter(run=run).order_by("nummer").iterator(chunk_size=20):
        for regel, bron_id, resultaat, redenen, uuid in batch.rapport:
            # bron_id and the reasons quote the file: a cell like "=HYPERLINK(...)" must stay text in a spreadsheet
            yield [str(regel), geen_formule(bron_id), resultaat, geen_formule(" | ".join(redenen)), uuid]


def rapport_csv(run: Importrun) -> Iterator[str]:
    """The report as CSV text in pieces (UTF-8 with BOM and ';' so that Excel in Dutch opens it as columns)."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    yield "\ufeff"
    for regel in rapportregels(run):
        schrijver.writerow(regel)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def rapportpad(run: Importrun) -> Path:
    return importmap() / f"{run.uuid}-kwaliteit.csv"


def schrijf_rapport(run: Importrun) -> Path:
    pad = rapportpad(run)
    pad.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = pad.with_suffix(".tmp")
    with tijdelijk.open("w", encoding="utf-8", newline="") as f:
        for stuk in rapport_csv(run):
            f.write(stuk)
    tijdelijk.replace(pad)
    return pad


def redenen_met_label(run: Importrun) -> list[tuple[str, str, int]]:
    """(code, label, count) per reason, most frequent first, for the summary."""
    return sorted(
        ((code, str(REDENEN.get(code, code)), aantal) for code, aantal in run.redenen.items()),
        key=lambda t: (-t[2], t[0]),
    )


def _beeindig(run: Importrun, status: str, melding: str) -> None:
    nu = timezone.now()
    Importrun.objects.filter(pk=run.pk).update(status=status, melding=melding[:2000], voltooid_op=nu, bijgewerkt_op=nu)


def importrun_uitvoeren(run_uuid: str, *, voortgang: Voortgang | None = None) -> str:
    """Carry out a queued run as the person who queued it, acting for the same organisation; returns its status.

    This is the task's boundary: whatever happens, the run ends with a final status and a reason the progress page
    shows, 'geweigerd' for a refused file or person and 'mislukt' for anything else (logged with its traceback).
    Only a stop of the worker itself (SystemExit, KeyboardInterrupt) leaves the run 'bezig', where
    `wachtrij.stilgevallen` finds it. The run is claimed at once (status and owner), so a worker that dies while
    still reading the file leaves a stalled run, not one queued forever; a task for a run that another task already
    took does nothing."""
    run = Importrun.objects.select_related("gebruiker").get(uuid=run_uuid)
    nu = timezone.now()
    if not Importrun.objects.filter(pk=run.pk, status=Importstatus.WACHTRIJ).update(
        status=Importstatus.BEZIG, eigenaar=_eigenaar(), bijgewerkt_op=nu, gestart_op=run.gestart_op or nu
    ):
        run.refresh_from_db(fields=["status"])
        return run.status
    try:
        if run.gebruiker is None:
            raise GeenToestemming("De gebruiker die deze import startte bestaat niet meer.")
        actor = actor_voor(run.gebruiker, organisatie_id=run.organisatie_id)
        if actor.organisatie is None or actor.organisatie.pk != run.organisatie_id:
            raise GeenToestemming("U bent geen lid meer van de organisatie waarvoor u importeerde.")
        toegang.vereis_rol(actor, (Rol.FUNCTIONEEL_BEHEERDER,))
        run.refresh_from_db()
        run = importeer(
            actor=actor,
            pad=Path(run.pad),
            profiel=profiel_laden(run.profiel),
            bron_systeem=run.bron_systeem,
            batchgrootte=run.batchgrootte,
            bestandsnaam=run.bestandsnaam,
            run=run,
            voortgang=voortgang,
        )
    except (OngeldigBestand, ProfielFout, GeenToestemming, AlBezig) as fout:
        status = Importstatus.MISLUKT if isinstance(fout, AlBezig) else Importstatus.GEWEIGERD
        _beeindig(run, status, str(fout))
        return status
    except Exception as fout:
        logger.exception("Import %s is mislukt", run.uuid)
        _beeindig(run, Importstatus.MISLUKT, leesbare_reden(fout))
        return Importstatus.MISLUKT
    return run.status
