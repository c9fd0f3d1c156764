"""Outside-in: the production server, started for real, and clients that talk HTTP to it.

One server per test session, deployed as docs/beheer.md prescribes: migrate and the demo data (the demo refuses
production settings, so it runs first, as a developer would), then `collectstatic`, `check --deploy` and
`openvth serve` (gunicorn) with `OPENVTH_PRODUCTIE=1`, on 127.0.0.1 and a free port. It uses a database of its
own, never pytest-django's test database: a file in a temporary data folder on SQLite, a database
`<name>_buitenaf` when the suite runs with DATABASE_URL on PostgreSQL.

The tests play the TLS-terminating proxy of docs/beheer.md: every request carries `X-Forwarded-Proto: https`, and
the cookie jar sends the `Secure` cookies over the plain-HTTP hop, as the proxy does. A server that does not start
is an error of every test here, never a skip; at the end no process of the deployment may be left.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import requests
from psycopg import sql

from openvth.organisaties.demo import DEMO_DIENST, DEMO_WACHTWOORD, DEMOGEBRUIKERS

PROXYKOPPEN = {"X-Forwarded-Proto": "https"}
TOKENGEBRUIKER = "toezichthouder"
START_SECONDEN = 90


def _openvth(omgeving: dict[str, str], *argumenten: str, tijd: float = 600) -> str:
    """Run `openvth ARGS` as an operator would; a failure shows the command's own output."""
    uitkomst = subprocess.run(
        [sys.executable, "-m", "openvth.cli", *argumenten],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=tijd,
        stdin=subprocess.DEVNULL,
    )
    if uitkomst.returncode != 0:
        raise RuntimeError(
            f"`openvth {' '.join(argumenten)}` faalde ({uitkomst.returncode}):\n{uitkomst.stdout}\n{uitkomst.stderr}"
        )
    return uitkomst.stdout


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _processen_met(merkteken: str) -> list[int]:
    """Ids of live processes whose environment holds `merkteken` (this deployment's own data folder)."""
    gevonden = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            omgeving = (proc / "environ").read_bytes()
            toestand = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if merkteken.encode() in omgeving.split(b"\0") and toestand != "Z":
            gevonden.append(int(proc.name))
    return gevonden


@dataclass
class Productieserver:
    url: str
    omgeving: dict[str, str]
    token: str
    log: Path
    proces: subprocess.Popen = field(repr=False)

    def openvth(self, *argumenten: str) -> str:
        return _openvth(self.omgeving, *argumenten)

    def logstaart(self, regels: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-regels:])


@dataclass
class Bezoeker:
    """An HTTP client with a cookie session, behind the proxy: follows redirects itself (they may name https)."""

    server: Productieserver
    sessie: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self):
        self.sessie.headers.update(PROXYKOPPEN)

    def _verzoek(self, methode: str, url: str, **opties) -> requests.Response:
        antwoord = self.sessie.request(methode, url, allow_redirects=False, timeout=60, **opties)
        for zetten in antwoord.raw.headers.getlist("Set-Cookie"):
            assert "; secure" in zetten.lower(), f"cookie zonder Secure in productie: {zetten}"
        for koekje in self.sessie.cookies:
            koekje.secure = False  # the hop from the proxy to the server is plain HTTP; Secure cookies travel on it
        return antwoord

    def url(self, pad: str) -> str:
        delen = urlsplit(pad)
        basis = urlsplit(self.server.url)
        if delen.netloc and delen.netloc != basis.netloc:
            raise ValueError(f"niet dezelfde oorsprong: {pad}")
        return urlunsplit((basis.scheme, basis.netloc, delen.path or "/", delen.query, ""))

    def get(self, pad: str, *, volg: bool = True) -> requests.Response:
        antwoord = self._verzoek("GET", self.url(pad))
        for _ in range(10):
            if not (volg and antwoord.is_redirect):
                break
            antwoord = self._verzoek("GET", self.url(antwoord.headers["Location"]))
        return antwoord

    def post_formulier(self, pad: str, velden: dict[str, str]) -> requests.Response:
        """GET the form, POST it back with its CSRF token and the Origin a browser sends; follow the redirect."""
        formulier = self.get(pad)
        gevonden = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', formulier.text)
        assert gevonden, f"geen CSRF-token in {pad} ({formulier.status_code})"
        oorsprong = "https://" + urlsplit(self.server.url).netloc
        antwoord = self._verzoek(
            "POST",
            formulier.url,
            data={"csrfmiddlewaretoken": gevonden.group(1), **velden},
            headers={"Origin": oorsprong, "Referer": oorsprong + urlsplit(formulier.url).path},
        )
        assert antwoord.status_code == 302, f"POST {pad}: {antwoord.status_code}\n{antwoord.text[:2000]}"
        return self.get(antwoord.headers["Location"])

    def inloggen(self, gebruikersnaam: str) -> None:
        """Password, then the TOTP code of the demo authenticator (`openvth totp`), as a demo user does."""
        self.post_formulier("/inloggen", {"username": gebruikersnaam, "password": DEMO_WACHTWOORD})
        code = self.server.openvth("totp", gebruikersnaam).strip()
        pagina = self.post_formulier("/tweede-factor", {"code": code})
        assert pagina.status_code == 200 and "uitloggen" in pagina.text, f"{gebruikersnaam} is niet binnen"


def _database(basis_url: str | None, stap: str):
    """(url, opruimen) of a fresh PostgreSQL database beside the suite's, or (None, no-op) on SQLite."""
    if not basis_url:
        return None, lambda: None
    delen = urlsplit(basis_url)
    naam = f"{delen.path.lstrip('/') or 'openvth'}_{stap}"
    beheer = urlunsplit(delen._replace(path="/postgres"))

    def opdracht(*zinnen):
        with psycopg.connect(beheer, autocommit=True) as verbinding:
            for zin in zinnen:
                verbinding.execute(zin)

    weg = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
    opdracht(weg, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
    return urlunsplit(delen._replace(path="/" + naam)), lambda: opdracht(weg)


@pytest.fixture(scope="session")
def productieserver(tmp_path_factory):
    data = tmp_path_factory.mktemp("productie")
    database_url, database_opruimen = _database(os.environ.get("DATABASE_URL"), "buitenaf")
    omgeving = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENVTH_", "DJANGO_")) and k != "DATABASE_URL"
    }
    omgeving |= {"DJANGO_SETTINGS_MODULE": "openvth.conf.settings", "OPENVTH_DATA_DIR": str(data)}
    if database_url:
        omgeving["DATABASE_URL"] = database_url
    productie = omgeving | {
        "OPENVTH_PRODUCTIE": "1",
        "OPENVTH_SECRET_KEY": secrets.token_urlsafe(64),
        "OPENVTH_ALLOWED_HOSTS": "127.0.0.1",
        # The contract run sends thousands of anonymous requests in a minute; throttling has tests of its own.
        "OPENVTH_ANONIEM_LIMIET": "100000/m",
    }
    proces = None
    log = data / "server.log"
    try:
        _openvth(omgeving, "demo", "--geen-server")
        _openvth(productie, "collectstatic", "--noinput")
        uitvoer = _openvth(
            productie,
            "token",
            "create",
            "--gebruiker",
            TOKENGEBRUIKER,
            "--organisatie",
            DEMO_DIENST,
            "--naam",
            "buitenaf",
            "--scope",
            "lezen",
            "--scope",
            "schrijven",
        )
        token = uitvoer.strip().splitlines()[-1]
        poort = _vrije_poort()
        with log.open("wb") as logbestand:
            proces = subprocess.Popen(
                [sys.executable, "-m", "openvth.cli", "serve", "--bind", f"127.0.0.1:{poort}", "--workers", "2"],
                env=productie,
                stdout=logbestand,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group: the whole deployment stops together
            )
        server = Productieserver(f"http://127.0.0.1:{poort}", productie, token, log, proces)
        tot = time.monotonic() + START_SECONDEN
        while True:
            if proces.poll() is not None:
                raise RuntimeError(f"`openvth serve` stopte ({proces.returncode}):\n{server.logstaart()}")
            try:
                if requests.get(server.url + "/api/v1/openapi.json", headers=PROXYKOPPEN, timeout=30).ok:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            if time.monotonic() > tot:
                raise RuntimeError(f"`openvth serve` antwoordt niet na {START_SECONDEN} s:\n{server.logstaart()}")
            time.sleep(0.3)
        yield server
    finally:
        achtergebleven = _stop(proces, merkteken=f"OPENVTH_DATA_DIR={data}")
        database_opruimen()
    assert not achtergebleven, f"processen van de productieserver bleven achter: {achtergebleven}"


def _stop(proces: subprocess.Popen | None, *, merkteken: str) -> list[int]:
    """SIGTERM to the server's process group, as an operator's service manager does; what is still alive after
    30 s is killed and returned (a test failure: nothing of the deployment may outlive it)."""
    if proces is not None and proces.poll() is None:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    tot = time.monotonic() + 30
    while (over := _processen_met(merkteken)) and time.monotonic() < tot:
        time.sleep(0.2)
    for pid in over:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if proces is not None and proces.poll() is None:
        proces.kill()
        proces.wait()
    return over


@pytest.fixture
def bezoeker(productieserver):
    return Bezoeker(productieserver)


DEMOROLLEN = [demo.naam for demo in DEMOGEBRUIKERS]
