"""Vergunningen at national scale (issue 15, item 8): the deadline view and a decision with its register update.

Runs inside the benchmark's Django process on the national scratch set (`openvth generate --locaties 500000`)
with the permit history of `openvth verzoeken-genereren` (100,000 open applications, 100,000 decided, 20,000
notifications), generated here first when the set has none. Two budgets:

* the deadline view: `vergunningen.selectors.beslistermijn_list` for a permit officer of the service with the
  most open applications, `tot` = today + 30 days, as the team view (`organisatie` = the service) and as the
  officer's own view (`behandelaar`) — p95 ≤ 100 ms over ≥ 50 runs each;
* a decision with its register update: `stappen.stap_zetten('besluit_bekendmaken')` by a mandate holder on an
  application in treatment whose decision (with two conditions) was drafted and approved by two officers before
  the clock starts; each timed run publishes one. Median ≤ 50 ms. What the two letters (decision and notice, their
  HTML frozen in the same transaction; the PDF is printed on first request) take of it is reported beside it.

Each is reported with its ratio to the same work without the access policy, measured alternately in the same
minutes on the same data: the same selector and the same step with `toegang.zichtbaar` as the identity and
`toegang.vereis_schrijven` / `vereis_namens` as no-ops (so the deadline view's own organisation filter remains:
"a plain ORM filter on the same organisation"). The policy may cost at most 2×.

Standalone: `python -m benchmarks.vergunningen` (`make bench-vergunningen`) builds or reuses (`--hergebruik`) the
national set and writes `benchmarks/results/<date>-vergunningen-<db>.md/.json`; `make bench` runs it among the
other modules (benchmarks/stap.py). Decisions published here stay in the scratch database (synthetic, a few
dozen; append-only audit): every decision prepared is published in the run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from . import kladblok
from .kader import KLEIN, afgerond, klein_budget, meting, metingtabel, p95

DEADLINE_P95_MS = 100.0
BESLUIT_MEDIAAN_MS = 50.0
MAX_VERHOUDING = 2.0
SEED = 20261
NATIONAAL = (100_000, 100_000, 20_000)  # open applications, decided applications, handled notifications
KLEIN_AANTAL = (300, 200, 50)


# --- the access policy switched off, for the reference ----------------------------------------------------------


@contextlib.contextmanager
def zonder_toegangsbeleid():
    """The same code with the policy as the identity: `zichtbaar` filters nothing, the write checks pass. Only in
    this benchmark process, only for the reference runs; restored on exit."""
    from openvth.organisaties import toegang

    oud = (toegang.zichtbaar, toegang.vereis_schrijven, toegang.vereis_namens)
    toegang.zichtbaar = lambda actor, queryset, **_: queryset
    toegang.vereis_schrijven = lambda *a, **k: None
    toegang.vereis_namens = lambda *a, **k: None
    try:
        yield
    finally:
        toegang.zichtbaar, toegang.vereis_schrijven, toegang.vereis_namens = oud


def _ms(functie) -> float:
    begin = time.perf_counter()
    functie()
    return (time.perf_counter() - begin) * 1000


def _afwisselend(met, zonder, herhalingen: int) -> tuple[list[float], list[float]]:
    """Alternate the two (after two untimed calls of each), so load on a shared machine hits both alike."""
    for _ in range(2):
        met()
        with zonder_toegangsbeleid():
            zonder()
    a, b = [], []
    for _ in range(herhalingen):
        a.append(_ms(met))
        with zonder_toegangsbeleid():
            b.append(_ms(zonder))
    return a, b


# --- the data ---------------------------------------------------------------------------------------------------


def _historie(klein: bool) -> dict | None:
    """The permit history: generated now when the set has none (returns its report), else None."""
    from django.utils import timezone

    from openvth.vergunningen.generator import VOORVOEGSEL, genereer_verzoeken
    from openvth.vergunningen.models import Verzoek

    if Verzoek.objects.filter(verzoeknummer__startswith=VOORVOEGSEL).exists():
        return None
    begin = time.perf_counter()
    open_, besloten, meldingen = KLEIN_AANTAL if klein else NATIONAAL
    verslag = genereer_verzoeken(
        open_aantal=open_,
        besloten_aantal=besloten,
        meldingen_aantal=meldingen,
        seed=SEED,
        peildatum=timezone.localdate(),
    )
    return {"seconden": time.perf_counter() - begin, "verslag": verslag}


def _dienst_en_officier():
    """The service with the most open applications in the deadline view's window, and its officer with the most."""
    from django.db.models import Count

    from openvth.vergunningen.models import OPEN_STATUSSEN, Verzoek

    open_ = Verzoek.objects.filter(status__in=OPEN_STATUSSEN, beslistermijn_tot__isnull=False)
    dienst = open_.values("uitvoerder").annotate(n=Count("id")).order_by("-n", "uitvoerder").first()
    officier = (
        open_.filter(uitvoerder=dienst["uitvoerder"], behandelaar__isnull=False)
        .values("behandelaar")
        .annotate(n=Count("id"))
        .order_by("-n", "behandelaar")
        .first()
    )
    return dienst["uitvoerder"], officier["behandelaar"]


def _actor(gebruiker_id: int, dienst_id: int):
    from django.contrib.auth import get_user_model

    from openvth.organisaties.selectors import actor_voor

    return actor_voor(get_user_model().objects.get(pk=gebruiker_id), organisatie_id=dienst_id)


# --- (a) the deadline view -----------------------------------------------------------------------------------


FILTERTEKST = {
    "team": "organisatie = de dienst, alle signalen (zoals de termijnenpagina)",
    "team, eerste 50": "organisatie = de dienst, aantal = 50 (de eerste pagina van de API)",
    "mijn": "behandelaar = de vergunningverlener",
}


def meet_termijnen(*, klein: bool, dienst_id: int, officier_id: int) -> list[dict]:
    from django.utils import timezone

    from openvth.vergunningen import selectors

    actor = _actor(officier_id, dienst_id)
    tot = timezone.localdate() + timedelta(days=30)
    herhalingen = 5 if klein else 60
    rijen = []
    for naam, organisatie, behandelaar, eerste in (
        ("team", dienst_id, None, None),
        ("team, eerste 50", dienst_id, None, 50),
        ("mijn", None, officier_id, None),
    ):

        def lijst(organisatie=organisatie, behandelaar=behandelaar, eerste=eerste):
            return selectors.beslistermijn_list(
                actor=actor, tot=tot, organisatie=organisatie, behandelaar=behandelaar, aantal=eerste
            )

        aantal = len(lijst())
        with zonder_toegangsbeleid():
            zonder_aantal = len(lijst())
        if aantal != zonder_aantal:
            raise AssertionError(f"{naam}: {aantal} signalen met het beleid, {zonder_aantal} zonder")

        met, zonder = _afwisselend(lijst, lijst, herhalingen)
        m, z = statistics.median(met), statistics.median(zonder)
        rijen.append(
            meting(
                f"beslistermijnen {naam} ({aantal} signalen)",
                "ms",
                mediaan=afgerond(m),
                p95=afgerond(p95(met)),
                limiet=f"p95 ≤ {DEADLINE_P95_MS:g} ms; ≤ {MAX_VERHOUDING:g} × zonder toegangsbeleid",
                verhouding=afgerond(m / z, 2),
                verhouding_tot=f"dezelfde selector zonder toegangsbeleid (mediaan {z:.1f} ms, p95 {p95(zonder):.1f})",
                gehaald=klein_budget(klein, p95(met) <= DEADLINE_P95_MS and m / z <= MAX_VERHOUDING),
                toelichting=(KLEIN + "; " if klein else "")
                + f"beslistermijn_list, tot = vandaag + 30 dagen, {FILTERTEKST[naam]}; {herhalingen} runs, "
                "afwisselend met en zonder beleid",
            )
        )
    return rijen


# --- (a') the deadline page over HTTP --------------------------------------------------------------------------


def _ingelogd(adres: str, gebruiker_id: int, wachtwoord: str):
    """A browser session of the officer through the real log-in: password, then the second factor (TOTP)."""
    import requests
    from django.contrib.auth import get_user_model
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    gebruiker = get_user_model().objects.get(pk=gebruiker_id)
    apparaat = TOTPDevice.objects.filter(user=gebruiker, name="benchmark").first()
    sessie = requests.Session()
    basis = f"http://{adres}"
    sessie.get(f"{basis}/inloggen")
    sessie.post(
        f"{basis}/inloggen",
        {"username": gebruiker.username, "password": wachtwoord, "csrfmiddlewaretoken": sessie.cookies["csrftoken"]},
        headers={"Referer": f"{basis}/inloggen"},
    )
    code = f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift):06d}"
    antwoord = sessie.post(
        f"{basis}/tweede-factor",
        {"code": code, "csrfmiddlewaretoken": sessie.cookies["csrftoken"]},
        headers={"Referer": f"{basis}/tweede-factor"},
        allow_redirects=False,
    )
    if antwoord.status_code != 302:
        raise RuntimeError(f"inloggen met de tweede factor mislukte: HTTP {antwoord.status_code}")
    return sessie, basis


def meet_pagina(*, klein: bool, officier_id: int) -> list[dict]:
    """The deadline page as the officer opens it (`openvth serve`, logged in with both factors): own and team."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from . import server

    wachtwoord = "benchmark-Wachtwoord-2026"
    gebruiker = get_user_model().objects.get(pk=officier_id)
    gebruiker.set_password(wachtwoord)
    gebruiker.save(update_fields=["password"])
    TOTPDevice.objects.get_or_create(user=gebruiker, name="benchmark", defaults={"confirmed": True})
    herhalingen = 5 if klein else 50
    rijen = []
    with server.openvth_server(Path(os.environ["OPENVTH_DATA_DIR"])) as adres:
        sessie, basis = _ingelogd(adres, officier_id, wachtwoord)
        for wie in ("mijn", "team"):
            url = f"{basis}/handhaving/termijnen?wie={wie}"

            def haal(url=url):
                antwoord = sessie.get(url)
                if antwoord.status_code != 200 or "Beslistermijn" not in antwoord.text:
                    raise RuntimeError(f"{url}: HTTP {antwoord.status_code} zonder beslistermijnen")
                return antwoord

            grootte = len(haal().content)
            tijden = [_ms(haal) for _ in range(herhalingen)]
            rijen.append(
                meting(
                    f"termijnenpagina {wie} over HTTP",
                    "ms",
                    mediaan=afgerond(statistics.median(tijden)),
                    p95=afgerond(p95(tijden)),
                    limiet=f"p95 ≤ {DEADLINE_P95_MS:g} ms",
                    gehaald=klein_budget(klein, p95(tijden) <= DEADLINE_P95_MS),
                    toelichting=(KLEIN + "; " if klein else "")
                    + f"GET /handhaving/termijnen?wie={wie} als de vergunningverlener (ingelogd met tweede factor), "
                    f"openvth serve; {grootte // 1024} KiB HTML; {herhalingen} runs over één sessie",
                )
            )
        sessie.close()
    return rijen


# --- (b) a decision with its register update ----------------------------------------------------------------


def _mensen(dienst_id: int, gezagen: set[int]):
    """Two permit officers and a mandate holder at the service; the authorities' mandate (with ondermandaat) to
    the service and the holder's ondermandaat (Awb 10:9) in the mandate register. Idempotent."""
    from django.contrib.auth import get_user_model

    from openvth.organisaties.models import Lidmaatschap, Mandaat, Organisatie, Persoonsmandaat, Rol

    dienst = Organisatie.objects.get(pk=dienst_id)
    User = get_user_model()
    mensen = {}
    for naam, rollen in (
        ("bench-opsteller", [Rol.VERGUNNINGVERLENER]),
        ("bench-collega", [Rol.VERGUNNINGVERLENER]),
        ("bench-teamleider", [Rol.VERGUNNINGVERLENER, Rol.MANAGER]),
    ):
        gebruiker, _ = User.objects.get_or_create(username=naam, defaults={"first_name": naam})
        Lidmaatschap.objects.get_or_create(gebruiker=gebruiker, organisatie=dienst, defaults={"rollen": rollen})
        mensen[naam] = _actor(gebruiker.pk, dienst_id)
    begin = date(2010, 1, 1)
    for gezag in gezagen:
        mandaat = Mandaat.objects.filter(mandaatgever_id=gezag, mandaatnemer=dienst).first()
        if mandaat is None:
            mandaat = Mandaat.objects.create(
                mandaatgever_id=gezag,
                mandaatnemer=dienst,
                taakcategorieen=["basistaak", "vergunningverlening"],
                besluit="Mandaatbesluit (benchmark)",
                geldig_vanaf=begin,
            )
        if not mandaat.ondermandaat_toegestaan:
            Mandaat.objects.filter(pk=mandaat.pk).update(ondermandaat_toegestaan=True)
        Persoonsmandaat.objects.get_or_create(
            mandaatgever_id=gezag,
            gebruiker_id=mensen["bench-teamleider"].gebruiker_id,
            defaults={
                "functie": "teamleider vergunningen (benchmark)",
                "bevoegdheden": ["besluit_vergunning"],
                "mandaat": mandaat,
                "besluit": "Ondermandaatbesluit (benchmark)",
                "geldig_vanaf": begin,
            },
        )
    return mensen["bench-opsteller"], mensen["bench-collega"], mensen["bench-teamleider"]


def _kandidaten(dienst_id: int, aantal: int):
    """Applications in treatment at the service, regular procedure, no open supplement or advice, no decision yet."""
    from openvth.vergunningen.models import Aanvraagsoort, Procedure, Verzoek, Verzoekstatus

    return list(
        Verzoek.objects.filter(
            uitvoerder_id=dienst_id,
            status=Verzoekstatus.IN_BEHANDELING,
            procedure=Procedure.REGULIER,
            subsoort=Aanvraagsoort.OMGEVINGSVERGUNNING,
            instemming_vereist=False,
            besluiten__isnull=True,
            adviesverzoeken__isnull=True,
        ).order_by("id")[:aantal]
    )


def meet_besluiten(*, klein: bool, dienst_id: int) -> list[dict]:
    from django.utils import timezone

    from openvth.vergunningen import besluiten, brieven
    from openvth.vergunningen.besluiten import Voorschriftopgave
    from openvth.vergunningen.stappen import stap_zetten

    herhalingen = 3 if klein else 30
    zaken = _kandidaten(dienst_id, 2 * herhalingen + 2)
    if len(zaken) < 2 * herhalingen + 2:
        raise AssertionError(f"maar {len(zaken)} aanvragen in behandeling bij de dienst; nodig {2 * herhalingen + 2}")
    opsteller, collega, teamleider = _mensen(dienst_id, {z.bevoegd_gezag_id for z in zaken})
    for zaak in zaken:
        code = zaak.activiteiten.values_list("activiteit__code", flat=True).first()
        besluit = besluiten.besluit_opstellen(
            actor=opsteller,
            verzoek=zaak,
            soort="verlenen",
            motivering="De aanvraag voldoet aan de beoordelingsregels.",
            voorschriften=[
                Voorschriftopgave("1", "De installatie wordt jaarlijks gekeurd; het rapport ligt ter inzage.", code),
                Voorschriftopgave("2", "De emissie van NOx is ten hoogste 100 mg/Nm3 bij 3 % O2."),
            ],
        )
        besluiten.besluit_goedkeuren(actor=collega, besluit=besluit)
    vandaag = timezone.localdate()
    brieftijd: list[float] = []
    origineel = brieven.brief_maken

    def getimed(**k):
        begin = time.perf_counter()
        try:
            return origineel(**k)
        finally:
            brieftijd.append((time.perf_counter() - begin) * 1000)

    rij = iter(zaken)

    def publiceer():
        stap_zetten(actor=teamleider, verzoek=next(rij), handeling="besluit_bekendmaken", datum=vandaag)

    brieven.brief_maken = getimed
    try:
        publiceer()  # one untimed run of each (caches, templates, fonts)
        with zonder_toegangsbeleid():
            publiceer()
        brieftijd.clear()
        met, zonder, brief_met = [], [], []
        for _ in range(herhalingen):
            voor = len(brieftijd)
            met.append(_ms(publiceer))
            brief_met.append(sum(brieftijd[voor:]))
            with zonder_toegangsbeleid():
                zonder.append(_ms(publiceer))
    finally:
        brieven.brief_maken = origineel
    zonder_brieven = [t - b for t, b in zip(met, brief_met, strict=True)]
    m, z = statistics.median(met), statistics.median(zonder)
    kop = KLEIN + "; " if klein else ""
    return [
        meting(
            "besluit bekendmaken met registerupdate",
            "ms",
            mediaan=afgerond(m),
            p95=afgerond(p95(met)),
            limiet=f"mediaan ≤ {BESLUIT_MEDIAAN_MS:g} ms; ≤ {MAX_VERHOUDING:g} × zonder toegangsbeleid",
            verhouding=afgerond(m / z, 2),
            verhouding_tot=f"dezelfde stap zonder toegangsbeleid (mediaan {z:.1f} ms)",
            gehaald=klein_budget(klein, m <= BESLUIT_MEDIAAN_MS and m / z <= MAX_VERHOUDING),
            toelichting=kop + f"stap_zetten('besluit_bekendmaken') in één transactie: besluit, toestemming, 2 "
            f"voorschriften, nieuwe versie van de activiteituitvoering, audit en twee brieven "
            "(HTML; de PDF wordt pas bij de eerste opvraag gedrukt); "
            f"{herhalingen} runs, elk een eigen zaak, afwisselend met en zonder beleid; waarvan brieven mediaan "
            f"{statistics.median(brief_met):.1f} ms",
        ),
        meting(
            "besluit bekendmaken zonder de brieven",
            "ms",
            mediaan=afgerond(statistics.median(zonder_brieven)),
            p95=afgerond(p95(zonder_brieven)),
            limiet=f"mediaan ≤ {BESLUIT_MEDIAAN_MS:g} ms (ter vergelijking)",
            gehaald=klein_budget(klein, statistics.median(zonder_brieven) <= BESLUIT_MEDIAAN_MS),
            toelichting=kop + "dezelfde runs met beleid, min de tijd in brieven.brief_maken (de brieven): het "
            "besluit, de registerupdate en de audit",
        ),
    ]


def run(*, klein: bool) -> list[dict]:
    from .kladblok import vereis_kladblok

    vereis_kladblok()  # this module writes (permit history, published decisions): only on a scratch database
    rijen = []
    gegenereerd = _historie(klein)
    if gegenereerd is not None:
        v = gegenereerd["verslag"]
        rijen.append(
            meting(
                f"verzoeken genereren ({v.open + v.besloten + v.meldingen:,} verzoeken)".replace(",", "."),
                "s",
                mediaan=afgerond(gegenereerd["seconden"]),
                limiet="≤ 300 s",
                gehaald=klein_budget(klein, gegenereerd["seconden"] <= 300),
                toelichting=(KLEIN + "; " if klein else "")
                + f"openvth verzoeken-genereren: {v.open} open, {v.besloten} besloten ({v.tijdig} tijdig), "
                f"{v.meldingen} meldingen, {v.behandelaars} vergunningverleners; één run, inclusief ANALYZE",
            )
        )
    dienst_id, officier_id = _dienst_en_officier()
    rijen.extend(meet_termijnen(klein=klein, dienst_id=dienst_id, officier_id=officier_id))
    rijen.extend(meet_pagina(klein=klein, officier_id=officier_id))
    rijen.extend(meet_besluiten(klein=klein, dienst_id=dienst_id))
    return rijen


# --- standalone: python -m benchmarks.vergunningen ---------------------------------------------------------------

WORTEL = Path(__file__).resolve().parent.parent
OPENVTH = str(Path(sys.executable).with_name("openvth"))


def _draai(blok: kladblok.Kladblok, log: Path, *opdracht: str) -> float:
    omgeving = blok.omgeving() | {"PYTHONPATH": os.pathsep.join([str(WORTEL), str(WORTEL / "src")])}
    begin = time.perf_counter()
    with log.open("a") as uit:
        uit.write(f"$ {' '.join(opdracht)}\n")
        uit.flush()
        code = subprocess.run(opdracht, env=omgeving, stdout=uit, stderr=subprocess.STDOUT, cwd=WORTEL).returncode
    if code:
        raise RuntimeError(f"{' '.join(opdracht[:3])} faalde (code {code}); zie {log}:\n{log.read_text()[-3000:]}")
    return time.perf_counter() - begin


def _nationaal(soort: str, werkmap: Path, server: str, *, klein: bool, hergebruik: bool, log: Path):
    """The national scratch set of the main runner (same name and place), built here when asked or absent."""
    naam = "nationaal_klein" if klein else "nationaal"
    if hergebruik:
        if soort == "sqlite":
            blok = kladblok.Kladblok("sqlite", naam, werkmap / naam)
            if blok.bestand.exists() and kladblok._sqlite_heeft_kenmerk(blok.bestand):
                _draai(blok, log, OPENVTH, "migrate", "-v", "0")
                return blok, None
        else:
            url = kladblok._met_database(server, f"{kladblok.VOORVOEGSEL}_{naam}")
            with contextlib.suppress(Exception):
                if kladblok._pg_heeft_kenmerk(url):
                    blok = kladblok.Kladblok("postgresql", naam, werkmap / f"pg-{naam}", url)
                    blok.map.mkdir(parents=True, exist_ok=True)
                    _draai(blok, log, OPENVTH, "migrate", "-v", "0")
                    return blok, None
        print(f"Geen landelijke set van een eerdere run voor {soort}; die wordt nu gemaakt.")
    blok = kladblok.sqlite_nieuw(werkmap, naam) if soort == "sqlite" else kladblok.pg_nieuw(server, werkmap, naam)
    for stap in (("migrate", "-v", "0"), ("load_reference",), ("load_catalogus",)):
        _draai(blok, log, OPENVTH, *stap)
    locaties = 200 if klein else 500_000
    duur = _draai(blok, log, OPENVTH, "generate", "--locaties", str(locaties), "--seed", str(SEED))
    return blok, meting(
        f"generate {locaties:,} locaties".replace(",", "."),
        "s",
        mediaan=afgerond(duur),
        limiet="≤ 300 s",
        gehaald=klein_budget(klein, duur <= 300),
        toelichting=(KLEIN + "; " if klein else "") + "één run; inclusief ANALYZE",
    )


def _rapport(rijen: list[dict], *, soort: str, klein: bool, uit: Path, belasting: tuple[str, str]) -> Path:
    uit.mkdir(parents=True, exist_ok=True)
    naam = f"{date.today().isoformat()}-vergunningen-{soort}{'-klein' if klein else ''}"
    machine = {"python": platform.python_version(), "cpu": os.cpu_count(), "sqlite": sqlite3.sqlite_version}
    (uit / f"{naam}.json").write_text(
        json.dumps(
            {
                "datum": date.today().isoformat(),
                "database": soort,
                "klein": klein,
                "belasting": belasting,
                "machine": machine,
                "metingen": rijen,
            },
            ensure_ascii=False,
            indent=1,
        )
    )

    regels = [
        f"# Benchmark vergunningen {date.today().isoformat()} — {soort}{' (klein)' if klein else ''}",
        "",
        f"`python -m benchmarks.vergunningen --db {soort}{' --klein' if klein else ''}` (`make bench-vergunningen`): "
        + (
            "kleine set (200 locaties; 300 open, 200 besloten, 50 meldingen). "
            if klein
            else f"landelijke set (`openvth generate --locaties 500000 --seed {SEED}`) met vergunninghistorie "
            f"(`openvth verzoeken-genereren --seed {SEED}`: 100.000 open, 100.000 besloten, 20.000 meldingen). "
        )
        + f"{machine['cpu']} cores, Python {machine['python']}, SQLite {machine['sqlite']}. "
        f"Belasting (uptime) voor: `{belasting[0]}`; na: `{belasting[1]}`. Uitleg: docs/scaling.md.",
        "",
        *metingtabel(rijen),
    ]
    pad = uit / f"{naam}.md"
    pad.write_text("\n".join(regels) + "\n")
    return pad


def _belasting() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.vergunningen", description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "alle"), default="sqlite")
    parser.add_argument("--klein", action="store_true", help="kleine proef: geen budgetoordeel")
    parser.add_argument(
        "--postgresql",
        default=os.environ.get("OPENVTH_BENCH_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432"),
        help="server-URL zonder database",
    )
    parser.add_argument("--werkmap", type=Path, default=WORTEL / "benchmarks" / "work")
    parser.add_argument("--uit", type=Path, default=WORTEL / "benchmarks" / "results")
    parser.add_argument(
        "--hergebruik", action="store_true", help="de landelijke set van een eerdere run gebruiken als die er is"
    )
    parser.add_argument("meet", nargs="?", help=argparse.SUPPRESS)  # inside the Django process: the rows' file
    args = parser.parse_args(argv)
    if args.meet:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.conf.settings")
        import django

        django.setup()
        Path(args.meet).write_text(json.dumps(run(klein=args.klein), ensure_ascii=False, indent=1))
        return 0
    args.werkmap.mkdir(parents=True, exist_ok=True)
    goed = True
    for soort in ["sqlite", "postgresql"] if args.db == "alle" else [args.db]:
        log = args.werkmap / f"vergunningen-{soort}.log"
        log.unlink(missing_ok=True)
        voor = _belasting()
        blok, generate = _nationaal(
            soort, args.werkmap, args.postgresql, klein=args.klein, hergebruik=args.hergebruik, log=log
        )
        uitvoer = args.werkmap / f"vergunningen-{soort}.json"
        _draai(
            blok,
            log,
            sys.executable,
            "-m",
            "benchmarks.vergunningen",
            str(uitvoer),
            *(["--klein"] if args.klein else []),
        )
        rijen = ([generate] if generate else []) + json.loads(uitvoer.read_text())
        pad = _rapport(rijen, soort=soort, klein=args.klein, uit=args.uit, belasting=(voor, _belasting()))
        print(pad.read_text())
        goed = goed and all(r["gehaald"] is not False for r in rijen)
    return 0 if goed else 1


if __name__ == "__main__":
    sys.exit(main())
