"""Synthetic permit history on a generated register, for national-scale benchmarks (`openvth verzoeken-genereren`).

Beside `register/generator.py` and in its spirit: bulk rows, not service calls (a service call per request — access
check, letters as PDF, one audit event each — would take hours for 200,000 requests), but rows the services could
have written:

* one request per activity execution drawn from the generated register (current version, an activity whose
  catalogue duty fits the kind: vergunningplicht for a permit application, meldingsplicht for a notification), at
  that execution's place, with its party as applicant and its `bevoegd_gezag` and `toezichtinstantie` as the
  request's competent authority and executing service (the register derived those by the same rules);
* first volgnummers only (`001`, doel `indienen`): no supplements or withdrawals as separate volgnummers;
* every decision period computed by `procedure.beslistermijn` (`regels.termijnen`), with its motivation, from the
  request's receipt, procedure, consent and suspension — never drawn;
* an IPPC installation or a Seveso establishment (the catalogue's flag) takes the extended procedure (Ow art.
  16.65 lid 1 onder a), as the procedure table requires; other applications mostly the regular one;
* statuses spread as a service's caseload looks: open applications received, in treatment, suspended for a
  supplement (with its open `Aanvullingsverzoek`) or with the draft decision open for views (extended procedure,
  with the draft `Besluit`); decided ones made known or irrevocable with their `Besluit` and `tijdig` set by
  comparing the day made known with the period; handled notifications, some late (`te_laat_gemeld`);
* each open application in treatment has a permit officer (`behandelaar`) of its service: synthetic accounts
  `vv-<service>-NN` without a usable password, about one per `ZAKEN_PER_BEHANDELAAR` open cases.

What it does not write: letters, advice requests, the register update of a decision (the generated register already
carries the legitimaties of its history), audit per row. One audit event summarises the run, as for the register.

Deterministic: all draws from one `numpy.random.Generator` seeded with (seed, crc32('vergunningen')); the clock is
read only as the reference date the caller passes. Refused, with nothing written, when the database already holds
synthetic requests (request numbers start with `VOORVOEGSEL`) or no generated register to draw from.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connections, router, transaction

from openvth.audit import services as audit
from openvth.organisaties.models import Lidmaatschap, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import Actor
from openvth.register.bulk import grote_cache
from openvth.register.models import Activiteit, Kwalificatie, SoortBetrokkene

from . import procedure
from .models import (
    Aanvraagsoort,
    Aanvullingsverzoek,
    Besluit,
    Besluitsoort,
    Besluitstatus,
    Procedure,
    Procedurestap,
    Verzoek,
    Verzoekactiviteit,
    Verzoekbron,
    Verzoeksoort,
    Verzoekstatus,
)

VOORVOEGSEL = "Z"
"""Synthetic request numbers are `Z` + the day of receipt (jjjjmmdd) + a 4-digit number: 13 characters like the
Omgevingsloket's own numbers (jjjjmmdd99999), but never equal to one."""
BATCH = 5_000
ZAKEN_PER_BEHANDELAAR = 60
JAREN_HISTORIE = 3
AANDEEL_TIJDIG = 0.85
AANDEEL_WEIGERING = 0.06
AANDEEL_TE_LAAT_GEMELD = 0.08
# Open applications: where they stand (ontvangen: not yet taken into treatment, so no period yet).
OPEN_STATUS = {
    Verzoekstatus.ONTVANGEN: 0.08,
    Verzoekstatus.IN_BEHANDELING: 0.70,
    Verzoekstatus.OPGESCHORT: 0.14,
    Verzoekstatus.TER_INZAGE: 0.08,
}
AANDEEL_UITGEBREID_IN_BEHANDELING = 0.05
AANDEEL_INSTEMMING = 0.03
AANDEEL_VERLENGD = 0.10
AANDEEL_MAATWERK = 0.05
BIJLAGE = [{"naam": "aanvraag.pdf", "mediatype": "application/pdf", "sha256": "0" * 64}]
_DAG = timedelta(days=1)


class VerzoekgeneratorFout(Exception):
    """The run cannot start: bad arguments, no generated register, or synthetic requests already there."""


@dataclass
class Verzoekverslag:
    """What a run wrote; also the content of its one audit event."""

    seed: int
    peildatum: date
    open: int = 0
    besloten: int = 0
    meldingen: int = 0
    behandelaars: int = 0
    per_status: dict[str, int] = field(default_factory=dict)
    tijdig: int = 0

    @property
    def rijen(self) -> int:
        return self.open + self.besloten + self.meldingen


@dataclass(frozen=True)
class _Bron:
    """The register's current executions that a request can be about, as arrays (one row per execution)."""

    activiteit: np.ndarray
    vth_object: np.ndarray
    locatie: np.ndarray
    bevoegd_gezag: np.ndarray
    uitvoerder: np.ndarray
    aanvrager: np.ndarray
    persoon: np.ndarray  # the applicant is a natural person: the request is `vertrouwelijk`


def _bron(db, activiteiten: list[int]) -> _Bron:
    """Read the candidates in one query over the current, not superseded executions with a party."""
    if not activiteiten:
        return _leeg()
    plaatsen = ", ".join(["%s"] * len(activiteiten))
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT u.activiteit_id, u.vth_object_id, o.locatie_id, u.bevoegd_gezag_id, u.toezichtinstantie_id, "
            "u.uitvoerder_betrokkene_id, b.soort FROM register_activiteituitvoering u "
            "JOIN register_vthobject o ON o.id = u.vth_object_id "
            "JOIN register_betrokkene b ON b.id = u.uitvoerder_betrokkene_id "
            f"WHERE u.geldig_tot IS NULL AND u.afgevoerd_op IS NULL AND u.activiteit_id IN ({plaatsen}) "
            "ORDER BY u.id",
            activiteiten,
        )
        rijen = cursor.fetchall()
    if not rijen:
        return _leeg()
    k = [np.array(kolom, dtype=np.int64) for kolom in list(zip(*rijen, strict=True))[:6]]
    return _Bron(
        activiteit=k[0],
        vth_object=k[1],
        locatie=k[2],
        bevoegd_gezag=k[3],
        uitvoerder=k[4],
        aanvrager=k[5],
        persoon=np.array([r[6] == SoortBetrokkene.NATUURLIJK_PERSOON for r in rijen], dtype=bool),
    )


def _leeg() -> _Bron:
    niets = np.empty(0, dtype=np.int64)
    return _Bron(niets, niets, niets, niets, niets, niets, np.empty(0, dtype=bool))


def _kies(rng: np.random.Generator, verdeling: dict, n: int) -> list:
    waarden = list(verdeling)
    kansen = np.array([verdeling[w] for w in waarden], dtype=np.float64)
    return [waarden[i] for i in rng.choice(len(waarden), size=n, p=kansen / kansen.sum())]


def _uuids(rng: np.random.Generator, n: int) -> list[str]:
    """n random version-4 UUIDs (32 hex digits), drawn from the run's generator so a seed gives the same ones."""
    ruw = np.frombuffer(rng.bytes(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    ruw[:, 6] = (ruw[:, 6] & 0x0F) | 0x40
    ruw[:, 8] = (ruw[:, 8] & 0x3F) | 0x80
    tekst = ruw.tobytes().hex()
    return [tekst[i : i + 32] for i in range(0, 32 * n, 32)]


@lru_cache(maxsize=100_000)
def _termijn(
    ontvangen_op: date,
    procedure_: str,
    instemming: bool,
    verlenging: int,
    aanvulling: procedure.Aanvulling | None,
    vandaag: date,
):
    """The decision period exactly as the procedure computes it for a request in this state (memoised: a national
    run has many requests with the same day of receipt and the same course)."""
    zaak = procedure.Zaak(
        soort=Verzoeksoort.TOESTEMMINGSAANVRAAG,
        subsoort=Aanvraagsoort.OMGEVINGSVERGUNNING,
        status=Verzoekstatus.IN_BEHANDELING,
        ontvangen_op=ontvangen_op,
        procedure=procedure_,
        instemming_vereist=instemming,
        verlenging_weken=verlenging,
        aanvullingen=(aanvulling,) if aanvulling else (),
    )
    return procedure.beslistermijn(zaak, vandaag)


class _Nummers:
    """Request numbers per day of receipt: Z + jjjjmmdd + 0001, 0002, …"""

    def __init__(self) -> None:
        self.per_dag: dict[date, int] = {}

    def volgende(self, dag: date) -> str:
        n = self.per_dag.get(dag, 0) + 1
        if n > 9999:
            raise VerzoekgeneratorFout(f"Meer dan 9999 verzoeken op {dag.isoformat()}: kies minder verzoeken.")
        self.per_dag[dag] = n
        return f"{VOORVOEGSEL}{dag:%Y%m%d}{n:04d}"


def _behandelaars(aantallen: dict[int, int], prefix: str) -> dict[int, list[int]]:
    """Synthetic permit officers per service (no usable password), about one per ZAKEN_PER_BEHANDELAAR open cases."""
    User = get_user_model()
    diensten = {o.pk: o.code for o in Organisatie.objects.filter(pk__in=aantallen)}
    namen = {
        (pk, f"{prefix}-{diensten[pk]}-{k:02d}"[:150])
        for pk, n in aantallen.items()
        for k in range(1, max(2, math.ceil(n / ZAKEN_PER_BEHANDELAAR)) + 1)
    }
    onbruikbaar = make_password(None)
    User.objects.bulk_create(
        [User(username=naam, first_name=f"Vergunningverlener {naam}", password=onbruikbaar) for _, naam in namen],
        batch_size=1000,
    )
    ids = dict(User.objects.filter(username__in=[n for _, n in namen]).values_list("username", "pk"))
    Lidmaatschap.objects.bulk_create(
        [
            Lidmaatschap(gebruiker_id=ids[naam], organisatie_id=pk, rollen=[Rol.VERGUNNINGVERLENER])
            for pk, naam in namen
        ],
        batch_size=1000,
    )
    uit: dict[int, list[int]] = {}
    for pk, naam in sorted(namen):
        uit.setdefault(pk, []).append(ids[naam])
    return uit


def genereer_verzoeken(
    *,
    open_aantal: int = 100_000,
    besloten_aantal: int = 100_000,
    meldingen_aantal: int = 20_000,
    seed: int,
    peildatum: date,
    actor: Actor | None = None,
    voortgang: Callable[[int], None] | None = None,
) -> Verzoekverslag:
    """Write the permit history; see the module docstring. One transaction: all or nothing."""
    for naam, waarde in (("open", open_aantal), ("besloten", besloten_aantal), ("meldingen", meldingen_aantal)):
        if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < 0:
            raise VerzoekgeneratorFout(f"Het aantal {naam} is een geheel getal van 0 of meer.")
    if not open_aantal + besloten_aantal + meldingen_aantal:
        raise VerzoekgeneratorFout("Niets te genereren: geef een aantal open, besloten of meldingen.")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise VerzoekgeneratorFout("De seed is een geheel getal van 0 tot 2^63.")
    if Verzoek.objects.filter(verzoeknummer__startswith=VOORVOEGSEL).exists():
        raise VerzoekgeneratorFout(
            f"De database heeft al synthetische verzoeken (nummers beginnend met '{VOORVOEGSEL}'); opnieuw genereren "
            "zou dubbelen geven."
        )
    catalogus = list(Activiteit.objects.all())
    vergunning = [a.pk for a in catalogus if Kwalificatie.VERGUNNINGPLICHT in a.kwalificaties]
    ippc_seveso = frozenset(a.pk for a in catalogus if a.ippc_seveso)
    melding = [a.pk for a in catalogus if Kwalificatie.MELDINGSPLICHT in a.kwalificaties]
    db = connections[router.db_for_write(Verzoek)]
    aanvraagbron, meldingbron = _bron(db, vergunning), _bron(db, melding)
    if len(aanvraagbron.activiteit) == 0 and open_aantal + besloten_aantal:
        raise VerzoekgeneratorFout(
            "Het register heeft geen actuele uitvoeringen van vergunningplichtige activiteiten: genereer eerst het "
            "register (openvth generate)."
        )
    if len(meldingbron.activiteit) == 0 and meldingen_aantal:
        raise VerzoekgeneratorFout("Het register heeft geen actuele uitvoeringen van meldingsplichtige activiteiten.")
    rng = np.random.default_rng([seed, zlib.crc32(b"vergunningen")])
    verslag = Verzoekverslag(seed=seed, peildatum=peildatum)
    _termijn.cache_clear()
    with grote_cache(db), transaction.atomic(using=db.alias):
        open_rijen = rng.integers(0, len(aanvraagbron.activiteit), open_aantal) if open_aantal else np.empty(0, int)
        per_dienst = dict(zip(*np.unique(aanvraagbron.uitvoerder[open_rijen], return_counts=True), strict=True))
        prefix = f"vv{seed % 1000:03d}"
        behandelaars = _behandelaars({int(k): int(v) for k, v in per_dienst.items()}, prefix)
        verslag.behandelaars = sum(len(v) for v in behandelaars.values())
        schrijver = _Schrijver(rng, peildatum, behandelaars, verslag, prefix, ippc_seveso)
        for eerste in range(0, open_aantal, BATCH):
            schrijver.open(aanvraagbron, open_rijen[eerste : eerste + BATCH])
            if voortgang:
                voortgang(min(BATCH, open_aantal - eerste))
        for eerste in range(0, besloten_aantal, BATCH):
            n = min(BATCH, besloten_aantal - eerste)
            schrijver.besloten(aanvraagbron, rng.integers(0, len(aanvraagbron.activiteit), n))
            if voortgang:
                voortgang(n)
        for eerste in range(0, meldingen_aantal, BATCH):
            n = min(BATCH, meldingen_aantal - eerste)
            schrijver.meldingen(meldingbron, rng.integers(0, len(meldingbron.activiteit), n))
            if voortgang:
                voortgang(n)
        eerste_verzoek = Verzoek.objects.filter(verzoeknummer__startswith=VOORVOEGSEL).order_by("pk").first()
        assert eerste_verzoek is not None  # at least one was written (checked above)
        audit.schrijf(
            actor=actor or systeem_actor("verzoeken-genereren"),
            actie="vergunningen.synthetisch_gegenereerd",
            object=eerste_verzoek,
            na=asdict(verslag),
        )
    with db.cursor() as cursor:  # fresh statistics for the planner, as the register's generator leaves them
        cursor.execute("ANALYZE")
    return verslag


class _Schrijver:
    """Draws and writes one batch of requests with their activities, steps, supplements and decisions."""

    def __init__(
        self,
        rng,
        peildatum: date,
        behandelaars: dict[int, list[int]],
        verslag: Verzoekverslag,
        prefix: str,
        ippc_seveso: frozenset[int],
    ):
        self.rng, self.peildatum, self.behandelaars, self.verslag = rng, peildatum, behandelaars, verslag
        self.prefix, self.ippc_seveso = prefix, ippc_seveso
        self.nummers = _Nummers()
        self.stappen: list[Procedurestap] = []
        self.aanvullingen: list[Aanvullingsverzoek] = []
        self.besluiten: list[Besluit] = []

    # -- shared ---------------------------------------------------------------------------------------------

    def _behandelaar(self, dienst: int) -> int:
        mensen = self.behandelaars.get(dienst)
        if not mensen:  # a service with decided history only: its officers are made on first use
            mensen = self.behandelaars[dienst] = _behandelaars({dienst: 1}, self.prefix)[dienst]
            self.verslag.behandelaars += len(mensen)
        return mensen[int(self.rng.integers(len(mensen)))]

    def _verzoek(self, bron: _Bron, i: int, uuid: str, ontvangen_op: date, soort: str, **velden) -> Verzoek:
        persoon = bool(bron.persoon[i])
        return Verzoek(
            uuid=uuid,
            verzoeknummer=self.nummers.volgende(ontvangen_op),
            verzoekvolgnummer="001",
            soort=soort,
            subsoort=velden.pop("subsoort", ""),
            ontvangen_op=ontvangen_op,
            aanvrager_id=int(bron.aanvrager[i]),
            locatie_id=int(bron.locatie[i]),
            vth_object_id=int(bron.vth_object[i]),
            bevoegd_gezag_id=int(bron.bevoegd_gezag[i]),
            uitvoerder_id=int(bron.uitvoerder[i]),
            afleiding="synthetisch: bevoegd gezag en uitvoerder van de activiteituitvoering in het register, "
            "afgeleid met dezelfde regels (register.bevoegdheid)",
            vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK if persoon else Vertrouwelijkheid.INTERN,
            bijlagen=BIJLAGE,
            bron=Verzoekbron.OMGEVINGSLOKET,
            **velden,
        )

    def _stap(self, verzoek: Verzoek, handeling: str, van: str, naar: str, datum: date, door: int) -> None:
        self.stappen.append(
            Procedurestap(
                verzoek=verzoek,
                handeling=handeling,
                van=van,
                naar=naar,
                datum=datum,
                motivering=procedure.HANDELINGEN[handeling].artikel,
                gezet_door_id=door,
            )
        )

    def _schrijf(self, verzoeken: list[Verzoek], activiteiten: list[int]) -> None:
        Verzoek.objects.bulk_create(verzoeken, batch_size=1000)
        Verzoekactiviteit.objects.bulk_create(
            [
                Verzoekactiviteit(verzoek=v, activiteit_id=a, uuid=u)
                for v, a, u in zip(verzoeken, activiteiten, _uuids(self.rng, len(verzoeken)), strict=True)
            ],
            batch_size=2000,
        )
        for rij in self.stappen + self.aanvullingen + self.besluiten:
            rij.verzoek_id = rij.verzoek.pk
        Procedurestap.objects.bulk_create(self.stappen, batch_size=2000)
        Aanvullingsverzoek.objects.bulk_create(self.aanvullingen, batch_size=2000)
        Besluit.objects.bulk_create(self.besluiten, batch_size=2000)
        self.stappen, self.aanvullingen, self.besluiten = [], [], []
        for v in verzoeken:
            self.verslag.per_status[v.status] = self.verslag.per_status.get(v.status, 0) + 1

    def _aanvulling(self, verzoek: Verzoek, aanvulling: procedure.Aanvulling, door: int) -> None:
        """The supplement asked (and, in the history, received) with its steps: the period's suspension has its rows."""
        self._stap(
            verzoek,
            "aanvulling_vragen",
            Verzoekstatus.IN_BEHANDELING,
            Verzoekstatus.OPGESCHORT,
            aanvulling.gevraagd_op,
            door,
        )
        if aanvulling.aangevuld_op is not None:
            self._stap(
                verzoek,
                "aanvulling_ontvangen",
                Verzoekstatus.OPGESCHORT,
                Verzoekstatus.IN_BEHANDELING,
                aanvulling.aangevuld_op,
                door,
            )
        self.aanvullingen.append(
            Aanvullingsverzoek(
                verzoek=verzoek,
                gevraagd_op=aanvulling.gevraagd_op,
                aanvullen_voor=aanvulling.aanvullen_voor,
                aangevuld_op=aanvulling.aangevuld_op,
                omschrijving="Een akoestisch onderzoek en een emissieberekening.",
            )
        )

    def _subsoort(self) -> str:
        if self.rng.random() < AANDEEL_MAATWERK:
            return Aanvraagsoort.MAATWERKVOORSCHRIFT
        return Aanvraagsoort.OMGEVINGSVERGUNNING

    # -- open applications -----------------------------------------------------------------------------------

    def open(self, bron: _Bron, rijen: np.ndarray) -> None:
        n = len(rijen)
        statussen = _kies(self.rng, OPEN_STATUS, n)
        uuids = _uuids(self.rng, n)
        verzoeken, activiteiten = [], []
        p = self.peildatum
        for k, i in enumerate(rijen.tolist()):
            status = statussen[k]
            dienst = int(bron.uitvoerder[i])
            proc, instemming, verlenging, aanvulling = Procedure.REGULIER, False, 0, None
            if status == Verzoekstatus.ONTVANGEN:
                ontvangen = p - timedelta(days=int(self.rng.integers(0, 8)))
            elif status == Verzoekstatus.TER_INZAGE:
                proc = Procedure.UITGEBREID
                ontvangen = p - timedelta(days=int(self.rng.integers(60, 170)))
            elif status == Verzoekstatus.OPGESCHORT:
                if int(bron.activiteit[i]) in self.ippc_seveso:
                    proc = Procedure.UITGEBREID
                ontvangen = p - timedelta(days=int(self.rng.integers(10, 70)))
                # asked within the first weeks, well inside the period (Awb 4:15 suspends a running period only)
                gevraagd = ontvangen + timedelta(days=int(self.rng.integers(3, min(50, (p - ontvangen).days) + 1)))
                verder = timedelta(weeks=int(self.rng.integers(1, 5)))
                aanvulling = procedure.Aanvulling(gevraagd, max(gevraagd, p) + verder)
            else:
                uitgebreid = (
                    self.rng.random() < AANDEEL_UITGEBREID_IN_BEHANDELING or int(bron.activiteit[i]) in self.ippc_seveso
                )
                proc = Procedure.UITGEBREID if uitgebreid else Procedure.REGULIER
                ontvangen = p - timedelta(days=int(self.rng.integers(1, 150 if uitgebreid else 64)))
                instemming = not uitgebreid and self.rng.random() < AANDEEL_INSTEMMING
                if (p - ontvangen).days > 30 and self.rng.random() < AANDEEL_VERLENGD:
                    verlenging = int(self.rng.integers(2, 7))
            behandelaar = None if status == Verzoekstatus.ONTVANGEN else self._behandelaar(dienst)
            termijn = None
            if status != Verzoekstatus.ONTVANGEN:
                termijn = _termijn(ontvangen, proc, instemming, verlenging, aanvulling, p)
            verzoek = self._verzoek(
                bron,
                i,
                uuids[k],
                ontvangen,
                Verzoeksoort.TOESTEMMINGSAANVRAAG,
                subsoort=self._subsoort(),
                omschrijving="Aanvraag omgevingsvergunning milieubelastende activiteit",
                status=status,
                procedure="" if status == Verzoekstatus.ONTVANGEN else proc,
                behandelaar_id=behandelaar,
                instemming_vereist=instemming,
                verlenging_weken=verlenging,
                beslistermijn_tot=termijn.einddatum if termijn else None,
                termijn_motivering="\n".join(termijn.motivering) if termijn else "",
            )
            verzoeken.append(verzoek)
            activiteiten.append(int(bron.activiteit[i]))
            if behandelaar is not None:
                dag = min(ontvangen + timedelta(days=2), p)
                self._stap(
                    verzoek,
                    "in_behandeling_nemen",
                    Verzoekstatus.ONTVANGEN,
                    Verzoekstatus.IN_BEHANDELING,
                    dag,
                    behandelaar,
                )
            if aanvulling is not None:
                assert behandelaar is not None
                self._aanvulling(verzoek, aanvulling, behandelaar)
            if status == Verzoekstatus.TER_INZAGE:
                assert behandelaar is not None
                ter_inzage = ontvangen + timedelta(days=int(self.rng.integers(30, 55)))
                self._stap(
                    verzoek,
                    "ontwerp_ter_inzage",
                    Verzoekstatus.IN_BEHANDELING,
                    Verzoekstatus.TER_INZAGE,
                    ter_inzage,
                    behandelaar,
                )
                self.besluiten.append(
                    self._besluit(
                        verzoek,
                        "O01",
                        Besluitsoort.VERLENEN,
                        Besluitstatus.TER_INZAGE,
                        dienst,
                        ontwerp=True,
                        bekendgemaakt_op=ter_inzage,
                        zienswijzen_tot=ter_inzage + timedelta(weeks=6),
                    )
                )
        self._schrijf(verzoeken, activiteiten)
        self.verslag.open += n

    def _besluit(self, verzoek: Verzoek, volg: str, soort: str, status: str, dienst: int, **velden) -> Besluit:
        opsteller = self._behandelaar(dienst)
        collega = next((m for m in self.behandelaars[dienst] if m != opsteller), opsteller)
        return Besluit(
            verzoek=verzoek,
            soort=soort,
            status=status,
            kenmerk=f"{verzoek.verzoeknummer}-{volg}",
            motivering="De aanvraag voldoet aan de beoordelingsregels (synthetisch).",
            opgesteld_door_id=opsteller,
            goedgekeurd_door_id=collega,
            **velden,
        )

    # -- decided history ---------------------------------------------------------------------------------------

    def besloten(self, bron: _Bron, rijen: np.ndarray) -> None:
        n = len(rijen)
        uuids = _uuids(self.rng, n)
        p = self.peildatum
        verzoeken, activiteiten = [], []
        for k, i in enumerate(rijen.tolist()):
            dienst = int(bron.uitvoerder[i])
            uitgebreid = self.rng.random() < 0.08 or int(bron.activiteit[i]) in self.ippc_seveso
            proc = Procedure.UITGEBREID if uitgebreid else Procedure.REGULIER
            ontvangen = p - timedelta(days=int(self.rng.integers(40, 365 * JAREN_HISTORIE)))
            aanvulling = None
            if self.rng.random() < 0.25:
                gevraagd = ontvangen + timedelta(days=int(self.rng.integers(5, 25)))
                aanvulling = procedure.Aanvulling(
                    gevraagd, gevraagd + timedelta(weeks=4), gevraagd + timedelta(days=int(self.rng.integers(3, 28)))
                )
            termijn = _termijn(ontvangen, proc, False, 0, aanvulling, p)
            assert termijn is not None
            tijdig = bool(self.rng.random() < AANDEEL_TIJDIG)
            if tijdig:
                besloten_op = termijn.einddatum - timedelta(days=int(self.rng.integers(0, 20)))
            else:
                besloten_op = termijn.einddatum + timedelta(days=int(self.rng.integers(1, 60)))
            besloten_op = min(max(besloten_op, ontvangen + timedelta(days=7)), p)  # decided by today at the latest
            bezwaar = procedure.bezwaartermijn(besloten_op).einddatum
            definitief = bezwaar < p
            weigeren = self.rng.random() < AANDEEL_WEIGERING
            behandelaar = self._behandelaar(dienst)
            status = Verzoekstatus.ONHERROEPELIJK if definitief else Verzoekstatus.BESLOTEN
            tijdig = besloten_op <= termijn.einddatum
            verzoek = self._verzoek(
                bron,
                i,
                uuids[k],
                ontvangen,
                Verzoeksoort.TOESTEMMINGSAANVRAAG,
                subsoort=self._subsoort(),
                omschrijving="Aanvraag omgevingsvergunning milieubelastende activiteit",
                status=status,
                procedure=proc,
                behandelaar_id=behandelaar,
                beslistermijn_tot=termijn.einddatum,
                termijn_motivering="\n".join(termijn.motivering),
                afgehandeld_op=besloten_op,
                tijdig=tijdig,
            )
            verzoeken.append(verzoek)
            activiteiten.append(int(bron.activiteit[i]))
            self.verslag.tijdig += int(tijdig)
            self._stap(
                verzoek,
                "in_behandeling_nemen",
                Verzoekstatus.ONTVANGEN,
                Verzoekstatus.IN_BEHANDELING,
                ontvangen + _DAG,
                behandelaar,
            )
            if aanvulling is not None:
                self._aanvulling(verzoek, aanvulling, behandelaar)
            self._stap(
                verzoek,
                "besluit_bekendmaken",
                Verzoekstatus.IN_BEHANDELING,
                Verzoekstatus.BESLOTEN,
                besloten_op,
                behandelaar,
            )
            self.besluiten.append(
                self._besluit(
                    verzoek,
                    "B01",
                    Besluitsoort.WEIGEREN if weigeren else Besluitsoort.VERLENEN,
                    Besluitstatus.ONHERROEPELIJK if definitief else Besluitstatus.BEKENDGEMAAKT,
                    dienst,
                    bekendgemaakt_op=besloten_op,
                    in_werking_op=procedure.in_werking(besloten_op),
                    bezwaartermijn_tot=bezwaar,
                    onherroepelijk_op=bezwaar + _DAG if definitief else None,
                )
            )
        self._schrijf(verzoeken, activiteiten)
        self.verslag.besloten += n

    def meldingen(self, bron: _Bron, rijen: np.ndarray) -> None:
        n = len(rijen)
        uuids = _uuids(self.rng, n)
        p = self.peildatum
        verzoeken, activiteiten = [], []
        for k, i in enumerate(rijen.tolist()):
            dienst = int(bron.uitvoerder[i])
            ontvangen = p - timedelta(days=int(self.rng.integers(30, 365 * JAREN_HISTORIE)))
            te_laat = bool(self.rng.random() < AANDEEL_TE_LAAT_GEMELD)
            # Bal chapter 4: at least four weeks before the start; a late one is flagged, not refused.
            aanvang = ontvangen + timedelta(
                days=int(self.rng.integers(5, 20) if te_laat else self.rng.integers(35, 90))
            )
            behandelaar = self._behandelaar(dienst)
            afgehandeld = min(ontvangen + timedelta(days=int(self.rng.integers(1, 15))), p)
            verzoek = self._verzoek(
                bron,
                i,
                uuids[k],
                ontvangen,
                Verzoeksoort.ACTIVITEITMELDING,
                omschrijving="Melding milieubelastende activiteit",
                status=Verzoekstatus.AFGEHANDELD,
                behandelaar_id=behandelaar,
                aanvang_activiteit=aanvang,
                te_laat_gemeld=te_laat,
                afgehandeld_op=afgehandeld,
            )
            verzoeken.append(verzoek)
            activiteiten.append(int(bron.activiteit[i]))
            self._stap(
                verzoek, "afhandelen", Verzoekstatus.ONTVANGEN, Verzoekstatus.AFGEHANDELD, afgehandeld, behandelaar
            )
        self._schrijf(verzoeken, activiteiten)
        self.verslag.meldingen += n
