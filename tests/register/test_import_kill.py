"""The kill test: `openvth import` really runs as a process on a file-backed SQLite database, gets SIGKILL after
it committed a few batches, and a re-run completes the same run with the same result as a clean import.

It proves what the design promises: a batch and the run's progress commit together, so a kill leaves whole
batches only; the re-run resumes after them and stores nothing twice; the database stays intact; and the forked
process that validates ahead (importeren/pijplijn.py) dies with the importer instead of blocking on its pipe.
"""

import csv
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

RIJEN, BATCH = 3000, 100
INSTELLEN = """
from django.core.management import call_command
from openvth.organisaties.services import gebruiker_maken, systeem_actor
call_command("load_reference", verbosity=0)
call_command("load_catalogus", verbosity=0)
gebruiker_maken(actor=systeem_actor(), gebruikersnaam="beheerder", wachtwoord="een-lang-wachtwoord-42",
                 lidmaatschappen={"odzob": ["functioneel_beheerder"]}, controleer_wachtwoord=False)
"""
TELLINGEN = {
    "uitvoeringen": "SELECT COUNT(*) FROM register_activiteituitvoering",
    "objecten": "SELECT COUNT(*) FROM register_vthobject",
    "locaties": "SELECT COUNT(*) FROM register_locatie",
    "betrokkenen": "SELECT COUNT(*) FROM register_betrokkene",
    "auditbatches": "SELECT COUNT(*) FROM audit_auditgebeurtenis WHERE actie = 'import.batch'",
}


def _omgeving(db: Path) -> dict:
    omgeving = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return omgeving | {
        "DJANGO_SETTINGS_MODULE": "openvth.conf.settings",
        "OPENVTH_SQLITE_PATH": str(db),
        "OPENVTH_DATA_DIR": str(db.parent / f"{db.stem}-data"),
    }


def _openvth(db: Path, *args: str, **opties):
    return subprocess.run(
        [sys.executable, "-m", "openvth.cli", *args],
        env=_omgeving(db),
        capture_output=True,
        text=True,
        timeout=120,
        **opties,
    )


def _import_commando(bestand: Path, *extra: str) -> list[str]:
    return ["import", str(bestand), "--profiel", "openvth", "--gebruiker", "beheerder", "--batch", str(BATCH), *extra]


def _maak_bestand(pad: Path) -> None:
    """Three activities per object in Eindhoven and Helmond; every 97th row has a bad KvK number (refused)."""
    plaatsen = [("GM0772", 161_000, 383_000, "5611", "Eindhoven"), ("GM0794", 174_000, 384_500, "5701", "Helmond")]
    activiteiten = ["bal-3.2.1", "bal-3.2.12", "bal-3.7"]
    with pad.open("w", encoding="utf-8", newline="") as f:
        schrijver = csv.writer(f)
        schrijver.writerow(
            [
                "bron_id",
                "vth_object_id",
                "activiteit",
                "naam",
                "kvk_nummer",
                "vestigingsnummer",
                "straat",
                "huisnummer",
                "postcode",
                "woonplaats",
                "gemeente",
                "x",
                "y",
                "kwalificaties",
                "status",
                "ontstaansdatum",
            ]
        )
        for i in range(RIJEN):
            obj = i // 3
            gemeente, x, y, postcode, plaats = plaatsen[obj % 2]
            schrijver.writerow(
                [
                    f"K-{i:05d}",
                    f"OBJ-{obj:05d}",
                    activiteiten[i % 3],
                    f"Bedrijf {obj}",
                    "123" if i % 97 == 0 else f"{10_000_000 + obj:08d}",
                    f"{obj + 1:012d}",
                    "Industrieweg",
                    obj % 500 + 1,
                    f"{postcode}AB",
                    plaats,
                    gemeente,
                    x + obj,
                    y + obj % 700,
                    "meldingsplicht",
                    "uitvoering",
                    "2020-01-01",
                ]
            )


def _sql(db: Path, vraag: str):
    with sqlite3.connect(db, timeout=10) as verbinding:
        return verbinding.execute(vraag).fetchall()


def _run(db: Path) -> dict:
    (rij,) = _sql(
        db,
        "SELECT id, status, totaal, verwerkt, laatste_batch, aangemaakt, gewijzigd, ongewijzigd, geweigerd, "
        "redenen FROM register_importrun",
    )
    return dict(
        zip(
            [
                "id",
                "status",
                "totaal",
                "verwerkt",
                "laatste_batch",
                "aangemaakt",
                "gewijzigd",
                "ongewijzigd",
                "geweigerd",
                "redenen",
            ],
            rij,
            strict=True,
        )
    )


def _kinderen(pid: int) -> set[int]:
    """The processes whose parent is `pid` (from /proc)."""
    kinderen = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(velden[1]) == pid:
            kinderen.add(int(stat.parent.name))
    return kinderen


def _leeft(pid: int) -> bool:
    """Whether `pid` runs: gone, or a zombie nobody has reaped yet (some container inits never do), is dead."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _tellingen(db: Path) -> dict:
    return {naam: _sql(db, vraag)[0][0] for naam, vraag in TELLINGEN.items()}


def _rapport(db: Path) -> list[tuple]:
    (pad,) = (db.parent / f"{db.stem}-data" / "import").glob("*-kwaliteit.csv")
    with pad.open(encoding="utf-8-sig") as f:
        return [(r["regel"], r["bron_id"], r["resultaat"], r["redenen"]) for r in csv.DictReader(f, delimiter=";")]


def test_kill_9_en_hervatten_zonder_dubbelen(tmp_path):
    bestand = tmp_path / "register.csv"
    _maak_bestand(bestand)
    gedood, schoon = tmp_path / "gedood.sqlite3", tmp_path / "schoon.sqlite3"
    for stap in (("migrate", "--noinput", "-v", "0"), ("shell", "-c", INSTELLEN)):
        uitvoer = _openvth(gedood, *stap)
        assert uitvoer.returncode == 0, uitvoer.stderr
    shutil.copyfile(gedood, schoon)  # the same starting point for the clean run

    uitvoer = _openvth(schoon, *_import_commando(bestand))
    assert uitvoer.returncode == 0, uitvoer.stdout + uitvoer.stderr
    verwacht = _run(schoon)
    assert verwacht["status"] == "voltooid" and verwacht["verwerkt"] == RIJEN and verwacht["geweigerd"] == 31

    # the process to kill: a short pause between batches keeps it busy long enough to be caught mid-import
    proces = subprocess.Popen(
        [sys.executable, "-m", "openvth.cli", *_import_commando(bestand, "--pauze", "0.02")],
        env=_omgeving(gedood),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _sql(gedood, "SELECT laatste_batch FROM register_importrun WHERE laatste_batch >= 3"):
                    break
            except sqlite3.OperationalError:  # the table is not there yet, or briefly locked
                pass
            assert proces.poll() is None, proces.stderr.read().decode()
            time.sleep(0.005)
        else:
            pytest.fail("geen batch vastgelegd binnen 60 s")
        kinderen = _kinderen(proces.pid) if Path("/proc").is_dir() else set()
        if sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1:
            assert kinderen, "het leesproces van de import draait niet naast de schrijver"
        proces.send_signal(signal.SIGKILL)
        assert proces.wait(timeout=10) == -signal.SIGKILL
        deadline = time.monotonic() + 10
        while any(_leeft(kind) for kind in kinderen) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [kind for kind in kinderen if _leeft(kind)], "het leesproces leeft na het doden van de import"
    finally:
        if proces.poll() is None:
            proces.kill()
        proces.stderr.close()

    assert _sql(gedood, "PRAGMA integrity_check") == [("ok",)]
    na_kill = _run(gedood)
    assert na_kill["status"] == "bezig" and 3 <= na_kill["laatste_batch"] and na_kill["verwerkt"] < RIJEN
    assert na_kill["verwerkt"] == na_kill["laatste_batch"] * BATCH  # whole batches only
    goed_tot_dan = sum(r[2] == "aangemaakt" for r in _rapport(schoon)[: na_kill["verwerkt"]])
    assert _tellingen(gedood)["uitvoeringen"] == na_kill["aangemaakt"] == goed_tot_dan  # no half-written batch

    uitvoer = _openvth(gedood, *_import_commando(bestand))
    assert uitvoer.returncode == 0, uitvoer.stdout + uitvoer.stderr
    assert f"na {na_kill['verwerkt']} van {RIJEN} rijen" in uitvoer.stdout

    klaar = _run(gedood)
    assert klaar["id"] == na_kill["id"] and klaar["status"] == "voltooid"  # the same run, continued
    for veld in (
        "totaal",
        "verwerkt",
        "laatste_batch",
        "aangemaakt",
        "gewijzigd",
        "ongewijzigd",
        "geweigerd",
        "redenen",
    ):
        assert klaar[veld] == verwacht[veld], veld
    assert _tellingen(gedood) == _tellingen(schoon)
    assert not _sql(
        gedood,
        "SELECT bron_systeem, bron_id FROM register_activiteituitvoering WHERE geldig_tot IS NULL "
        "AND afgevoerd_op IS NULL GROUP BY bron_systeem, bron_id HAVING COUNT(*) > 1",
    )
    assert _sql(gedood, "SELECT COUNT(DISTINCT bron_id), MAX(versie) FROM register_activiteituitvoering") == [
        (RIJEN - 31, 1)
    ]
    assert _rapport(gedood) == _rapport(schoon)
    assert _sql(gedood, "PRAGMA integrity_check") == [("ok",)]
