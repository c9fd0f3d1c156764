"""`openvth serve` supervises the task worker that runs web imports: a real server process on a file-backed SQLite
database, whose worker is killed (serve starts a new one), then serve itself is stopped or killed (no worker, no
gunicorn worker is left behind)."""

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .test_import_kill import _kinderen, _leeft, _omgeving, _openvth

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

GESTART = re.compile(r"Takenwerker gestart \(pid (\d+)\)")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "serve.sqlite3"
    uitvoer = _openvth(db, "migrate", "--noinput", "-v", "0")
    assert uitvoer.returncode == 0, uitvoer.stderr
    return db


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`openvth serve --met-worker` with its output read line by line."""

    def __init__(self, db: Path):
        self.adres = f"127.0.0.1:{_vrije_poort()}"
        self.proces = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "openvth.cli",
                "serve",
                "--met-worker",
                "--workers",
                "1",
                "--threads",
                "1",
                "--bind",
                self.adres,
            ],
            env=_omgeving(db) | {"PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.regels: queue.Queue[str] = queue.Queue()
        self.alles: list[str] = []
        threading.Thread(target=self._lees, daemon=True).start()

    def _lees(self):
        for regel in self.proces.stdout:
            self.alles.append(regel)
            self.regels.put(regel)

    def wacht_op(self, patroon: re.Pattern, seconden: float = 120) -> re.Match:
        deadline = time.monotonic() + seconden
        while time.monotonic() < deadline:
            try:
                regel = self.regels.get(timeout=0.2)
            except queue.Empty:
                assert self.proces.poll() is None, "".join(self.alles)
                continue
            if gevonden := patroon.search(regel):
                return gevonden
        pytest.fail(f"geen '{patroon.pattern}' binnen {seconden} s:\n" + "".join(self.alles))

    def antwoordt(self, seconden: float = 120) -> None:
        """Wait until gunicorn's worker has loaded the application and answers."""
        deadline = time.monotonic() + seconden
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{self.adres}/api/v1/", timeout=5):
                    return
            except urllib.error.HTTPError:
                return  # an answer all the same
            except OSError:
                assert self.proces.poll() is None, "".join(self.alles)
                time.sleep(0.2)
        pytest.fail(f"serve antwoordt niet binnen {seconden} s:\n" + "".join(self.alles))

    def nakomelingen(self) -> set[int]:
        alle, rand = set(), {self.proces.pid}
        while rand:
            rand = set().union(*(_kinderen(pid) for pid in rand)) - alle
            alle |= rand
        return alle

    def opruimen(self):
        if self.proces.poll() is None:
            self.proces.kill()
            self.proces.wait(timeout=10)


def _allemaal_weg(pids: set[int], seconden: float = 60) -> list[str]:
    """The processes among `pids` still running after `seconden` (a loaded machine is slow to stop them)."""
    deadline = time.monotonic() + seconden
    while time.monotonic() < deadline and any(_leeft(pid) for pid in pids):
        time.sleep(0.1)
    over = []
    for pid in pids:
        if _leeft(pid):
            try:
                opdracht = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            over.append(f"{pid}: {opdracht}")
    return over


def test_serve_herstart_de_gestorven_werker_en_stopt_hem_bij_het_stoppen(db):
    server = Server(db)
    try:
        eerste = int(server.wacht_op(GESTART).group(1))
        os.kill(eerste, signal.SIGKILL)
        server.wacht_op(re.compile(rf"Takenwerker \(pid {eerste}\) is gestopt \(code -9\); herstart over 1 s"))
        tweede = int(server.wacht_op(GESTART, seconden=30).group(1))
        assert tweede != eerste and _leeft(tweede)
        kinderen = server.nakomelingen()
        assert tweede in kinderen
        server.proces.send_signal(signal.SIGTERM)
        assert server.proces.wait(timeout=30) == 0
        over = _allemaal_weg(kinderen)
        assert not over, f"processen van serve leven na het stoppen: {over}\n" + "".join(server.alles)
    finally:
        server.opruimen()


def test_gedode_serve_laat_geen_werker_achter(db):
    server = Server(db)
    try:
        werker = int(server.wacht_op(GESTART).group(1))
        server.antwoordt()  # gunicorn's own worker is up as well
        kinderen = server.nakomelingen()
        assert werker in kinderen and len(kinderen) >= 2
        server.proces.kill()
        server.proces.wait(timeout=10)
        over = _allemaal_weg(kinderen)
        assert not over, f"processen van serve leven na het doden van serve: {over}\n" + "".join(server.alles)
    finally:
        server.opruimen()
