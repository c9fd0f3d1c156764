"""Real HTTP: the production server (`openvth serve`, gunicorn) started on a free loopback port, and a client.

Latency is measured over one keep-alive connection (what a map client does); throughput with `wrk` when Debian's
`wrk` is installed, else with a small multi-process Python load generator. Both are bounded in time and count.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

WORTEL = Path(__file__).resolve().parent.parent


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_op(poort: int, pad: str = "/", *, seconden: float = 60.0, proces: subprocess.Popen | None = None) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces is not None and proces.poll() is not None:
            raise RuntimeError(f"De server stopte meteen (code {proces.returncode}).")
        try:
            verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
            verbinding.request("GET", pad)
            verbinding.getresponse().read()
            verbinding.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"De server op poort {poort} antwoordde niet binnen {seconden:.0f} s.")


@contextmanager
def proces(opdracht: list[str], *, omgeving: dict[str, str], poort: int, log: Path, controlepad: str = "/"):
    """Run a server command in its own process group; stop the whole group afterwards, whatever happens."""
    with log.open("w") as uit:
        p = subprocess.Popen(opdracht, env=omgeving, stdout=uit, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wacht_op(poort, controlepad, proces=p)
            yield p
        except RuntimeError as fout:
            raise RuntimeError(f"{fout} Log: {log}: {log.read_text()[-2000:]}") from None
        finally:
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=20)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


@contextmanager
def openvth_server(werkmap: Path, *, instellingen: str = "openvth.conf.settings", workers: int = 2):
    """`openvth serve` (gunicorn, `workers` processes) against the database of this process's environment."""
    poort = vrije_poort()
    # The anonymous API limit (120/min per address, api/auth.py) would answer 429 to a load generator on one
    # address; it is lifted for the measurement only: the throttle's own check still runs on every request.
    omgeving = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE=instellingen,
        PYTHONPATH=os.pathsep.join([str(WORTEL), str(WORTEL / "src")]),  # this checkout's code (see __main__._draai)
        OPENVTH_ANONIEM_LIMIET="1000000/s",
    )
    opdracht = [
        str(Path(sys.executable).with_name("openvth")),
        "serve",
        "--bind",
        f"127.0.0.1:{poort}",
        "--workers",
        str(workers),
        "--no-met-worker",
    ]
    with proces(opdracht, omgeving=omgeving, poort=poort, log=werkmap / f"server-{poort}.log", controlepad="/ogc/v1/"):
        yield f"127.0.0.1:{poort}"


class Client:
    """One keep-alive HTTP/1.1 connection; `haal` returns (status, body) and fails loudly on a broken answer."""

    def __init__(self, adres: str):
        host, poort = adres.split(":")
        self.verbinding = http.client.HTTPConnection(host, int(poort), timeout=60)

    def haal(self, pad: str, accept: str = "application/json") -> tuple[int, bytes]:
        self.verbinding.request("GET", pad, headers={"Accept": accept})
        antwoord = self.verbinding.getresponse()
        return antwoord.status, antwoord.read()

    def sluit(self) -> None:
        self.verbinding.close()


def wrk_beschikbaar() -> bool:
    return shutil.which("wrk") is not None


def belast(adres: str, paden: list[str], *, seconden: float, verbindingen: int, werkmap: Path) -> dict:
    """Requests per second over `paden` (round robin) for `seconden`; with wrk, or the Python generator."""
    if wrk_beschikbaar():
        return _wrk(adres, paden, seconden=seconden, verbindingen=verbindingen, werkmap=werkmap)
    return _python_belasting(adres, paden, seconden=seconden, verbindingen=verbindingen)


def _wrk(adres: str, paden: list[str], *, seconden: float, verbindingen: int, werkmap: Path) -> dict:
    script = werkmap / f"wrk-{abs(hash(tuple(paden))) % 10**8}.lua"
    lijst = ", ".join(f'"{p}"' for p in paden)
    script.write_text(
        f"local paden = {{{lijst}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paden + 1\n  return wrk.format('GET', paden[i])\nend\n"
        "done = function(summary, latency, requests)\n"
        "  io.write(string.format('RESULTAAT %d %d %d %d %d\\n', summary.requests, summary.duration,"
        " summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write"
        " + summary.errors.timeout, latency:percentile(50), latency:percentile(95)))\nend\n"
    )
    uit = subprocess.run(
        [
            "wrk",
            "-t",
            "1",
            "-c",
            str(verbindingen),
            "-d",
            f"{seconden:.0f}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://{adres}",
        ],
        capture_output=True,
        text=True,
        timeout=seconden + 60,
        check=True,
    ).stdout
    regel = next(r for r in uit.splitlines() if r.startswith("RESULTAAT"))
    aantal, duur_us, fouten, p50_us, p95_us = (int(x) for x in regel.split()[1:])
    return {
        "verzoeken": aantal,
        "per_seconde": aantal / (duur_us / 1e6),
        "fouten": fouten,
        "p50_ms": p50_us / 1000,
        "p95_ms": p95_us / 1000,
        "generator": "wrk",
    }


def _python_belasting(adres: str, paden: list[str], *, seconden: float, verbindingen: int) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(verbindingen) as pool:
        delen = list(pool.map(_belast_een, [(adres, paden, seconden, i) for i in range(verbindingen)]))
    aantal = sum(d[0] for d in delen)
    return {
        "verzoeken": aantal,
        "per_seconde": aantal / seconden,
        "fouten": sum(d[1] for d in delen),
        "p50_ms": None,
        "p95_ms": None,
        "generator": "python",
    }


def _belast_een(argumenten) -> tuple[int, int]:
    adres, paden, seconden, start = argumenten
    client = Client(adres)
    aantal = fouten = 0
    einde = time.monotonic() + seconden
    i = start
    while time.monotonic() < einde and aantal < 1_000_000:
        status, _ = client.haal(paden[i % len(paden)])
        fouten += status != 200
        aantal += 1
        i += 1
    client.sluit()
    return aantal, fouten
