"""`python -m benchmarks` (`make bench`): the national-scale benchmark on SQLite and, when reachable, PostgreSQL.

Per database, on scratch databases it creates itself (kladblok.py; anything else is refused):
1. `openvth generate` of the national set (500,000 locations, deterministic seed), timed (budget ≤ 5 min);
2. the register written out as CSV, then imported by the real importer (`openvth import`) into an empty register:
   rows/s end to end and peak RSS; the raw limit (plain `executemany` of the rows that import wrote, into the same
   tables of another empty register, one transaction); and on a 50,000-row subset our importer against
   django-import-export in bulk mode;
3. the in-process modules of `stap.MODULES` (map query and its peer, search and pages, throughput, toezicht).
The report goes to `<uit>/<date>-<db>.md` and `.json`. `--klein` runs everything at a tiny size (for `make test`:
the scripts cannot rot) and judges no budget.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from openvth.register.bulk import SQLITE_PRAGMAS

from . import kladblok
from .gegevens import deelbestand
from .kader import KLEIN, afgerond, klein_budget, mediaan, meting, metingtabel, niet_gemeten
from .kladblok import Kladblok

WORTEL = Path(__file__).resolve().parent.parent
OPENVTH = str(Path(sys.executable).with_name("openvth"))
PG_STANDAARD = "postgresql://postgres@127.0.0.1:5432"
GEBRUIKER = "benchmark-import"
BRON = "benchmark"
TABELLEN = ("register_locatie", "register_betrokkene", "register_vthobject", "register_activiteituitvoering")


class Stap(Exception):
    pass


def _duizend(getal: int) -> str:
    """1500684 → 1.500.684 (Dutch thousands separator)."""
    return f"{getal:,}".replace(",", ".")


def _draai(opdracht: list[str], blok: Kladblok, *, log: Path) -> tuple[float, float]:
    """Run a command against `blok`; (wall seconds, peak RSS of the child in MiB). Fails loudly with its log."""
    # This checkout's own code, also where the installed package points at another checkout (a git worktree).
    omgeving = blok.omgeving() | {"PYTHONPATH": os.pathsep.join([str(WORTEL), str(WORTEL / "src")])}
    begin = time.perf_counter()
    with log.open("a") as uit:
        uit.write(f"$ {' '.join(opdracht)}\n")
        uit.flush()
        p = subprocess.Popen(opdracht, env=omgeving, stdout=uit, stderr=subprocess.STDOUT, cwd=WORTEL)
        _, status, gebruik = os.wait4(p.pid, 0)
    duur = time.perf_counter() - begin
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    if code:
        raise Stap(f"{' '.join(opdracht[:3])} faalde (code {code}); zie {log}:\n{log.read_text()[-3000:]}")
    return duur, gebruik.ru_maxrss / 1024


def _stap(blok: Kladblok, log: Path, *argumenten: str) -> tuple[float, float]:
    return _draai([sys.executable, "-m", "benchmarks.stap", *argumenten], blok, log=log)


def _openvth(blok: Kladblok, log: Path, *argumenten: str) -> tuple[float, float]:
    return _draai([OPENVTH, *argumenten], blok, log=log)


class Databank:
    """Creates and copies the scratch databases of one engine."""

    def __init__(self, soort: str, werkmap: Path, server: str, achtervoegsel: str):
        self.soort, self.werkmap, self.server, self.achtervoegsel = soort, werkmap, server, achtervoegsel

    def nieuw(self, naam: str) -> Kladblok:
        naam = f"{naam}{self.achtervoegsel}"
        if self.soort == "sqlite":
            return kladblok.sqlite_nieuw(self.werkmap, naam)
        return kladblok.pg_nieuw(self.server, self.werkmap, naam)

    def kopie(self, bron: Kladblok, naam: str) -> Kladblok:
        naam = f"{naam}{self.achtervoegsel}"
        if self.soort == "sqlite":
            return kladblok.sqlite_kopie(bron, naam)
        return kladblok.pg_nieuw(self.server, self.werkmap, naam, sjabloon=bron)

    def opruimen(self, *blokken: Kladblok) -> None:
        for blok in blokken:
            if self.soort == "postgresql":
                kladblok.pg_weg(blok, self.server)


def _register(blok: Kladblok, log: Path) -> None:
    _openvth(blok, log, "migrate", "-v", "0")
    _openvth(blok, log, "load_reference")
    _openvth(blok, log, "load_catalogus")


# --- the raw limit ---------------------------------------------------------------------------------------------


def _verbind(blok: Kladblok):
    if blok.soort == "sqlite":
        verbinding = sqlite3.connect(blok.bestand, isolation_level=None)
        # The connection settings of the importer (register/bulk.py): the limit is the best the engine does, not a
        # 2 MB page cache.
        bulkinstellingen = " ".join(f"PRAGMA {p}={w};" for p, w in SQLITE_PRAGMAS.items())
        verbinding.executescript(
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; {bulkinstellingen}"
        )
        return verbinding
    import psycopg
    from psycopg.types.string import TextLoader

    verbinding = psycopg.connect(blok.url, autocommit=True)
    for soort in ("json", "jsonb"):  # keep JSON as its text: written back as it was read
        verbinding.adapters.register_loader(soort, TextLoader)
    return verbinding


def ruwe_limiet(bron: Kladblok, doel: Kladblok) -> tuple[int, float]:
    """Copy the rows the importer wrote (four register tables) into an empty register with plain `executemany`,
    in ONE transaction; only the inserts and the commit are timed. Returns (executions, seconds)."""
    lezen, schrijven = _verbind(bron), _verbind(doel)
    teken = "?" if bron.soort == "sqlite" else "%s"
    seconden = 0.0
    uitvoeringen = 0
    try:
        cursor = schrijven.cursor()
        cursor.execute("BEGIN")
        for tabel in TABELLEN:
            lees = lezen.cursor()
            lees.execute(f"SELECT * FROM {tabel} ORDER BY id")
            kolommen = [k[0] for k in lees.description]
            sql = f"INSERT INTO {tabel} ({', '.join(kolommen)}) VALUES ({', '.join([teken] * len(kolommen))})"
            while rijen := lees.fetchmany(50_000):
                begin = time.perf_counter()
                cursor.executemany(sql, rijen)
                seconden += time.perf_counter() - begin
                if tabel == "register_activiteituitvoering":
                    uitvoeringen += len(rijen)
        begin = time.perf_counter()
        cursor.execute("COMMIT")
        seconden += time.perf_counter() - begin
    finally:
        lezen.close()
        schrijven.close()
    return uitvoeringen, seconden


# --- the import benchmark ---------------------------------------------------------------------------------------


def _importeer(blok: Kladblok, bestand: Path, log: Path) -> tuple[float, float]:
    return _openvth(
        blok, log, "import", str(bestand), "--profiel", "openvth", "--gebruiker", GEBRUIKER, "--bron-systeem", BRON
    )


def _geteld(blok: Kladblok, log: Path) -> int:
    uitvoer = log.with_suffix(".tel")
    uitvoer.unlink(missing_ok=True)
    _stap(blok, uitvoer, "tel", BRON)
    return int(uitvoer.read_text().strip().splitlines()[-1])


def meet_import(db: Databank, bronbestand: Path, rijen: int, *, klein: bool, log: Path) -> list[dict]:
    leeg = db.nieuw("leeg")
    _register(leeg, log)
    _stap(leeg, log, "importeur")
    doel = db.kopie(leeg, "import")
    duur, rss = _importeer(doel, bronbestand, log)
    geschreven = _geteld(doel, log)
    if geschreven != rijen:
        raise Stap(f"De import schreef {geschreven} van {rijen} activiteituitvoeringen; zie {log}")
    snelheid = rijen / duur
    ruw_doel = db.kopie(leeg, "ruw")
    ruw_rijen, ruw_duur = ruwe_limiet(doel, ruw_doel)
    ruw_snelheid = ruw_rijen / ruw_duur

    deel = db.werkmap / f"deel{db.achtervoegsel}.csv"
    n_deel = deelbestand(bronbestand, deel, min(50_000, rijen))
    herhalingen = 2 if klein else 3
    # django-import-export needs ~5 minutes for 50,000 rows here (five lookups per row), so nationally it runs
    # once, after our first run on the same copy; ours runs `herhalingen` times.
    herhalingen_ie = 2 if klein else 1
    ons, ie = [], []
    for i in range(herhalingen):
        kopie = db.kopie(leeg, "deel")
        d, _ = _importeer(kopie, deel, log)
        ons.append(n_deel / d)
        if i < herhalingen_ie:
            uitslag = db.werkmap / f"ie-{i}{db.achtervoegsel}.json"
            _stap(kopie, log, "importexport", str(deel), str(uitslag), "--voorvoegsel", f"{BRON}:")
            gegevens = json.loads(uitslag.read_text())
            ie.append(gegevens["rijen"] / gegevens["seconden"])
        db.opruimen(kopie)
    db.opruimen(doel, ruw_doel, leeg)
    verhouding_ruw = snelheid / ruw_snelheid
    verhouding_ie = mediaan(ons) / mediaan(ie)
    kop = KLEIN + "; " if klein else ""
    return [
        meting(
            f"import {_duizend(rijen)} activiteituitvoeringen (CSV, echte importer)",
            "rijen/s",
            mediaan=afgerond(snelheid, 0),
            limiet="≥ 50.000 rijen/s, piek-RSS < 1 GB",
            gehaald=klein_budget(klein, snelheid >= 50_000 and rss < 1024),
            toelichting=kop + f"{duur:.1f} s eind tot eind (lezen, controleren, valideren, schrijven, rapport); "
            f"piek-RSS {rss:.0f} MiB; één run (een landelijke import duurt minuten)",
        ),
        meting(
            "import: verhouding tot ruwe executemany",
            "×",
            mediaan=afgerond(ruw_snelheid, 0),
            limiet="≥ 0,4 × ruw",
            verhouding=afgerond(verhouding_ruw, 3),
            verhouding_tot="executemany van dezelfde rijen in dezelfde tabellen, één transactie (rijen/s in mediaan)",
            gehaald=klein_budget(klein, verhouding_ruw >= 0.4),
            toelichting=kop + f"{ruw_rijen} uitvoeringen met hun locaties, objecten en betrokkenen in {ruw_duur:.1f} s",
        ),
        meting(
            f"import: verhouding tot django-import-export ({_duizend(n_deel)} rijen)",
            "×",
            mediaan=afgerond(mediaan(ons), 0),
            p95=afgerond(min(ons), 0),
            limiet="≥ 10 × django-import-export",
            verhouding=afgerond(verhouding_ie, 2),
            verhouding_tot=f"django-import-export bulk-modus, mediaan {mediaan(ie):.0f} rijen/s",
            gehaald=klein_budget(klein, verhouding_ie >= 10),
            toelichting=kop + f"ons {herhalingen} runs, django-import-export {herhalingen_ie}; mediaan/p95-kolom: "
            "onze rijen/s (mediaan, traagste run)",
        ),
    ]


# --- one database -----------------------------------------------------------------------------------------------


def _bestaand(db: Databank, naam: str) -> Kladblok:
    """The national scratch database of an earlier run, re-checked for the sentinel before it is used again."""
    naam = f"{naam}{db.achtervoegsel}"
    if db.soort == "sqlite":
        blok = Kladblok("sqlite", naam, db.werkmap / naam)
        if not blok.bestand.exists() or not kladblok._sqlite_heeft_kenmerk(blok.bestand):
            raise kladblok.GeenKladblok(f"{blok.bestand} is geen kladdatabase van een eerdere run.")
        return blok
    url = kladblok._met_database(db.server, f"{kladblok.VOORVOEGSEL}_{naam}")
    if not kladblok._pg_heeft_kenmerk(url):
        raise kladblok.GeenKladblok(f"{url} is geen kladdatabase van een eerdere run.")
    return Kladblok("postgresql", naam, db.werkmap / f"pg-{naam}", url)


def _overgenomen(uit: Path, soort: str, klein: bool) -> list[dict]:
    """The generate and import rows of the latest full report of this engine, marked as taken over."""
    rapporten = sorted(uit.glob(f"*-{soort}{'-klein' if klein else ''}.json"))
    if not rapporten:
        raise Stap(f"Geen eerder rapport voor {soort} in {uit}: draai eerst zonder --hergebruik.")
    eerder = json.loads(rapporten[-1].read_text())
    rijen = []
    for rij in eerder["metingen"]:
        if rij["naam"].startswith(("generate", "import")):
            rij = dict(rij, toelichting=f"overgenomen uit de volledige run van {eerder['datum']}: {rij['toelichting']}")
            rijen.append(rij)
    return rijen


def meet(
    soort: str, *, klein: bool, werkmap: Path, server: str, locaties: int, seed: int, hergebruik: Path | None = None
) -> tuple[list[dict], bool]:
    achtervoegsel = "_klein" if klein else ""
    db = Databank(soort, werkmap, server, achtervoegsel)
    log = werkmap / f"bench-{soort}{achtervoegsel}.log"
    log.unlink(missing_ok=True)
    if hergebruik is not None:
        # Only the in-process modules again, on the national set of the last full run (migrated to the current
        # code first); generate and import rows are taken over from that run's report and say so.
        nationaal = _bestaand(db, "nationaal")
        _openvth(nationaal, log, "migrate", "-v", "0")
        return _metingen(nationaal, _overgenomen(hergebruik, soort, klein), klein=klein, werkmap=werkmap, log=log)
    rijen: list[dict] = []
    nationaal = db.nieuw("nationaal")
    _register(nationaal, log)
    duur, rss = _openvth(nationaal, log, "generate", "--locaties", str(locaties), "--seed", str(seed))
    rijen.append(
        meting(
            f"generate {_duizend(locaties)} locaties",
            "s",
            mediaan=afgerond(duur),
            limiet="≤ 300 s",
            gehaald=klein_budget(klein, duur <= 300),
            toelichting=(KLEIN + "; " if klein else "") + f"één run; piek-RSS {rss:.0f} MiB; inclusief ANALYZE",
        )
    )
    bestand = werkmap / f"import{achtervoegsel}-{soort}.csv"
    _stap(nationaal, log, "csv", str(bestand))
    aantal = sum(1 for _ in bestand.open(encoding="utf-8")) - 1
    try:
        rijen.extend(meet_import(db, bestand, aantal, klein=klein, log=log))
    except Stap as fout:
        rijen.append(niet_gemeten("import", "rijen/s", "≥ 50.000 rijen/s", f"FOUT {fout}"[:500]))
        print(fout, file=sys.stderr)
    return _metingen(nationaal, rijen, klein=klein, werkmap=werkmap, log=log)


def _metingen(nationaal: Kladblok, rijen: list[dict], *, klein: bool, werkmap: Path, log: Path):
    uitvoer = werkmap / f"metingen-{nationaal.soort}{'_klein' if klein else ''}.json"
    uitvoer.unlink(missing_ok=True)
    goed = True
    try:
        _stap(nationaal, log, "metingen", str(uitvoer), *(["--klein"] if klein else []))
    except Stap as fout:
        goed = False
        print(fout, file=sys.stderr)
    if uitvoer.exists():
        rijen.extend(json.loads(uitvoer.read_text()))
    goed = goed and not any(str(r["toelichting"]).startswith("niet gemeten: FOUT") for r in rijen)
    return rijen, goed


# --- the report ---------------------------------------------------------------------------------------------


def schrijf_rapport(rijen: list[dict], *, soort: str, klein: bool, uit: Path, locaties: int, seed: int) -> Path:
    uit.mkdir(parents=True, exist_ok=True)
    naam = f"{date.today().isoformat()}-{soort}{'-klein' if klein else ''}"
    machine = {
        "python": platform.python_version(),
        "systeem": platform.platform(),
        "cpu": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
    }
    (uit / f"{naam}.json").write_text(
        json.dumps(
            {
                "datum": date.today().isoformat(),
                "database": soort,
                "klein": klein,
                "locaties": locaties,
                "seed": seed,
                "machine": machine,
                "metingen": rijen,
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    regels = [
        f"# Benchmark {date.today().isoformat()} — {soort}{' (klein)' if klein else ''}",
        "",
        f"`python -m benchmarks{' --klein' if klein else ''} --db {soort}`: {_duizend(locaties)} locaties, seed "
        f"{seed}; {machine['cpu']} cores, Python {machine['python']}, SQLite {machine['sqlite']}. Medianen en p95 "
        "over herhaalde runs; verhoudingen in dezelfde run gemeten. Uitleg: docs/scaling.md.",
        "",
        *metingtabel(rijen),
    ]
    pad = uit / f"{naam}.md"
    pad.write_text("\n".join(regels) + "\n")
    return pad


def _pg_bereikbaar(server: str) -> str | None:
    try:
        import psycopg

        psycopg.connect(f"{server.rstrip('/')}/postgres", connect_timeout=3).close()
        return None
    except Exception as fout:  # noqa: BLE001 - any failure means: not reachable
        return str(fout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "alle"), default="alle")
    parser.add_argument("--klein", action="store_true", help="kleine proef (make test): geen budgetoordeel")
    parser.add_argument(
        "--postgresql",
        default=os.environ.get("OPENVTH_BENCH_POSTGRESQL", PG_STANDAARD),
        help="server-URL zonder database; de benchmark maakt zelf openvth_bench_* aan",
    )
    parser.add_argument("--werkmap", type=Path, default=WORTEL / "benchmarks" / "work")
    parser.add_argument("--uit", type=Path, default=WORTEL / "benchmarks" / "results")
    parser.add_argument("--locaties", type=int, default=None, help="standaard 500.000 (klein: 200)")
    parser.add_argument("--seed", type=int, default=20261)
    parser.add_argument(
        "--hergebruik",
        action="store_true",
        help="alleen de metingen in het proces opnieuw, op de landelijke set van de vorige volledige run",
    )
    args = parser.parse_args(argv)
    locaties = args.locaties or (200 if args.klein else 500_000)
    soorten = ["sqlite", "postgresql"] if args.db == "alle" else [args.db]
    args.werkmap.mkdir(parents=True, exist_ok=True)
    alles_goed = True
    for soort in soorten:
        if soort == "postgresql" and (reden := _pg_bereikbaar(args.postgresql)):
            if args.db == "alle":
                print(f"PostgreSQL niet bereikbaar ({reden}); alleen SQLite gemeten.")
                continue
            print(f"PostgreSQL niet bereikbaar: {reden}", file=sys.stderr)
            return 2
        try:
            rijen, goed = meet(
                soort,
                klein=args.klein,
                werkmap=args.werkmap,
                server=args.postgresql,
                locaties=locaties,
                seed=args.seed,
                hergebruik=args.uit if args.hergebruik else None,
            )
        except (kladblok.GeenKladblok, Stap) as fout:
            print(f"Benchmark afgebroken: {fout}", file=sys.stderr)
            return 2
        pad = schrijf_rapport(rijen, soort=soort, klein=args.klein, uit=args.uit, locaties=locaties, seed=args.seed)
        print(pad.read_text())
        alles_goed = alles_goed and goed
    return 0 if alles_goed else 1


if __name__ == "__main__":
    sys.exit(main())
