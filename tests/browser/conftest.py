"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's live server.

* One Chromium for the whole session, a fresh context (cookies, language) per test.
* Every page a test visits can be checked with `keur(page)`: axe-core finds no serious or critical
  violation, and no Content Security Policy violation or script error reached the console.
* `schermafbeelding(naam)` saves the screen as `docs/img/<naam>-<breedte>.png` for the user guides — only when the
  picture differs visibly from the one in the repository (see there).
* The live server needs committed data, so these tests use `transaction=True`; pytest-django flushes the
  database after each one (the audit tables allow that: ADR 0010), which also removes the reference data
  `tests/conftest.py` loads once. Each test therefore loads what it needs itself (`referentie`).
"""

from __future__ import annotations

import base64
import io
import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import dateformat, timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image, ImageChops
from playwright.sync_api import Page, expect, sync_playwright

from openvth.organisaties import services
from openvth.web.templatetags.datums import datum_kort

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread with a
# running loop unless told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
WACHTWOORD = "een-lang-browser-wachtwoord-7"
BREEDTES = [1280, 360]  # a computer screen and a small phone (issue 13)
STAP_MS = 20_000
"""How long a browser step waits. `make test` runs the SQLite and PostgreSQL suites side by side on two cores, so a
step that takes a second alone can take several; a passing test never waits this long, a failing one says so."""
DOWNLOAD_MS = 30_000
"""A PDF download waits longer still: WeasyPrint renders the whole document, photos included, before the first byte
(side by side it once took more than 10 s)."""
expect.set_options(timeout=10_000)  # assertions retry this long: twice Playwright's 5 s, for the same reason
ERNSTIG = ("serious", "critical")


# --- database --------------------------------------------------------------------------------------------


@pytest.fixture
def referentie(live_server):
    """All organisations and work areas, loaded afresh for this test (the flush of the previous one removed them)."""
    call_command("load_reference", verbosity=0)


@pytest.fixture
def maak_gebruiker(referentie):
    """A user made by the service layer, with memberships {organisation code: [roles]}."""

    def maak(gebruikersnaam: str, lidmaatschappen: dict[str, list[str]]):
        return services.gebruiker_maken(
            actor=services.systeem_actor("browsertest"),
            gebruikersnaam=gebruikersnaam,
            wachtwoord=WACHTWOORD,
            lidmaatschappen=lidmaatschappen,
        )

    return maak


def totp_van_geheim(geheim: str) -> str:
    """The code an authenticator app shows now for a base32 secret (RFC 6238: 30-second steps, 6 digits)."""
    geheim = unquote(geheim).strip().upper()
    sleutel = base64.b32decode(geheim + "=" * (-len(geheim) % 8))
    return f"{totp(sleutel, step=30, t0=0, digits=6):06d}"


# --- browser ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install chromium).", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_bron() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} ontbreekt: voer `npm ci` uit.", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def context(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(STAP_MS)
    yield context
    context.close()


@pytest.fixture
def meldingen() -> list[str]:
    """Console messages about the Content Security Policy and uncaught script errors, per test."""
    return []


@pytest.fixture
def page(context, meldingen) -> Page:
    page = context.new_page()

    def console(bericht):
        if "Content Security Policy" in bericht.text:
            meldingen.append(f"{page.url}: {bericht.text}")

    page.on("console", console)
    page.on("pageerror", lambda fout: meldingen.append(f"{page.url}: scriptfout: {fout}"))
    yield page
    page.close()
    # Also pages a test passed through without `keur`.
    assert not meldingen, "\n".join(meldingen)


@pytest.fixture
def keur(axe_bron, meldingen):
    """keur(page): axe-core finds no serious or critical violation, and the console saw no CSP violation."""

    def keur(page: Page) -> None:
        expect(page.locator("main h1")).to_be_visible()
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(axe_bron)
        resultaat = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        overtredingen = resultaat["violations"]
        ernstig = [v for v in overtredingen if v["impact"] in ERNSTIG]
        assert not ernstig, f"axe op {page.url}:\n" + "\n".join(
            f"  [{v['impact']}] {v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in overtredingen
        )
        assert not meldingen, "\n".join(meldingen)

    return keur


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, show where the browser was and what it saw."""
    uitkomst = yield
    rapport = uitkomst.get_result()
    page = item.funcargs.get("page") if rapport.when == "call" and rapport.failed else None
    if page is not None and not page.is_closed():
        try:
            rapport.sections.append(("browser", f"{page.url}\n{page.locator('body').aria_snapshot(timeout=2_000)}"))
        except Exception as fout:  # the report must not hide the real failure
            rapport.sections.append(("browser", f"{page.url} (geen momentopname: {fout})"))


# --- logging in ------------------------------------------------------------------------------------------


def wachtwoord_invullen(page: Page, gebruikersnaam: str, wachtwoord: str = WACHTWOORD) -> None:
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()


def code_invullen(page: Page, code: str) -> None:
    page.get_by_label("Code uit uw authenticator-app of een herstelcode").fill(code)
    page.get_by_role("button", name="Bevestigen").click()


@pytest.fixture
def inloggen(page):
    """Log a user with a confirmed authenticator in through the forms: password, then the TOTP code."""

    def inloggen(gebruiker) -> None:
        apparaat = TOTPDevice.objects.create(user=gebruiker, name="browsertest", confirmed=True)
        wachtwoord_invullen(page, gebruiker.username)
        expect(page).to_have_url(re.compile(r"/tweede-factor(\?next=.*)?$"))
        code_invullen(page, totp_van_geheim(base64.b32encode(apparaat.bin_key).decode()))
        # On a phone the button sits in the collapsed menu (openvth/menu.js): present, not necessarily visible.
        expect(page.get_by_role("button", name="Uitloggen", include_hidden=True)).to_be_attached()

    return inloggen


def geen_zijwaartse_scroll(page: Page) -> None:
    """Nothing on the page is wider than the window (WCAG 1.4.10 Reflow: no scrolling in two dimensions)."""
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert breedte[0] <= breedte[1], f"{page.url} scrollt zijwaarts: {breedte[0]} px in een venster van {breedte[1]}"


# --- screenshots for the user guides ----------------------------------------------------------------------

AFBEELDINGEN = Path(__file__).resolve().parents[2] / "docs" / "img"
KLEUREN = 256  # a palette keeps a screen well under 150 KB
MAX_BYTES = 150_000
# A pixel counts as changed when a colour channel moved more than KLEURDREMPEL (a palette entry shifting a little
# is not a change); the file is rewritten when more than PIXELDREMPEL of the pixels changed: 20 pixels of a
# 1280 × 800 screen, 5 of a 360 × 800 one. Two runs of the same screen differ in 0 pixels; one changed digit of a
# case number moves about 55.
KLEURDREMPEL = 40
PIXELDREMPEL = 0.00002
# The date a screenshot shows for "today" (and 10:00 for a moment today), so a run on another day draws the same
# picture. A Monday, the day the first screenshots were made.
VASTE_DATUM = date(2026, 12, 7)

_VASTE_DATUMS_JS = """([paren, kortVandaag, kortVast, isoVandaag, isoVast]) => {
  const escape = (s) => s.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&");
  const moment = new RegExp(escape(kortVandaag) + " (\\\\d{2}:\\\\d{2})(:\\\\d{2})?", "g");
  const oud = [];
  const wandelaar = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let knoop = wandelaar.nextNode(); knoop; knoop = wandelaar.nextNode()) {
    const tekst = knoop.nodeValue;
    let nieuw = tekst.replace(moment, (_m, _hm, s) => `${kortVast} 10:00${s ? ":00" : ""}`);
    for (const [van, naar] of paren) nieuw = nieuw.split(van).join(naar);
    if (nieuw !== tekst) { oud.push([knoop, tekst]); knoop.nodeValue = nieuw; }
  }
  for (const veld of document.querySelectorAll("input[type=date]")) {
    if (veld.value === isoVandaag) { oud.push([veld, isoVandaag]); veld.value = isoVast; }
  }
  window.__ovthVoorDeFoto = oud;
}"""
_HERSTEL_JS = """() => {
  for (const [knoop, waarde] of window.__ovthVoorDeFoto || []) {
    if (knoop.nodeType === Node.TEXT_NODE) knoop.nodeValue = waarde; else knoop.value = waarde;
  }
  delete window.__ovthVoorDeFoto;
}"""


def _datums(dag: date) -> tuple[str, str, str]:
    """How the pages write a day: `maandag 7 december 2026`, `7 december 2026`, `7 dec. 2026`."""
    with translation.override("nl"):
        return dateformat.format(dag, "l j F Y"), dateformat.format(dag, "j F Y"), datum_kort(dag)


def zelfde_beeld(nieuw: Image.Image, pad: Path) -> bool:
    """True when the PNG at `pad` shows the same picture as `nieuw`, compared by decoded pixels: a re-encoded or
    slightly re-quantised screen is the same picture; a changed text, layout or colour is not."""
    if not pad.exists():
        return False
    with Image.open(pad) as bestaand:
        oud = bestaand.convert("RGB")
    if oud.size != nieuw.size:
        return False
    verschil = ImageChops.difference(oud, nieuw.convert("RGB"))
    # per pixel the largest channel difference, then: how many pixels moved visibly
    grootste = ImageChops.lighter(ImageChops.lighter(*verschil.split()[:2]), verschil.split()[2])
    veranderd = grootste.point(lambda v: 255 if v > KLEURDREMPEL else 0).histogram()[255]
    return veranderd <= PIXELDREMPEL * oud.width * oud.height


@pytest.fixture
def schermafbeelding(page):
    """schermafbeelding(naam): the window as `docs/img/<naam>-<breedte>.png`, deterministic and written only when
    new or visibly different, so a test run leaves the git tree clean when nothing changed on screen.

    Deterministic: the window's own size (each test sets it), no caret, animations finished, fonts loaded, and
    today's date (with a moment's time) drawn as VASTE_DATUM, 10:00 — put back in the page afterwards.
    """

    def maak(naam: str) -> Path:
        breedte = page.viewport_size["width"]
        page.evaluate("() => document.fonts.ready.then(() => true)")
        vandaag, vast = timezone.localdate(), VASTE_DATUM
        paren = [[v, n] for v, n in zip(_datums(vandaag), _datums(vast), strict=True) if v != n]
        kort_vandaag, kort_vast = _datums(vandaag)[2], _datums(vast)[2]
        page.evaluate(_VASTE_DATUMS_JS, [paren, kort_vandaag, kort_vast, vandaag.isoformat(), vast.isoformat()])
        try:
            png = page.screenshot(animations="disabled", caret="hide", scale="css")
        finally:
            page.evaluate(_HERSTEL_JS)
        beeld = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=KLEUREN, method=Image.Quantize.MEDIANCUT)
        pad = AFBEELDINGEN / f"{naam}-{breedte}.png"
        if not zelfde_beeld(beeld, pad):
            # Written aside and renamed: the SQLite and PostgreSQL runs of `make test` may take the same picture at
            # the same moment, and neither may read the other's half-written file.
            tijdelijk = pad.with_name(f".{pad.name}.{os.getpid()}")
            beeld.save(tijdelijk, format="PNG", optimize=True)
            os.replace(tijdelijk, pad)
        assert pad.stat().st_size <= MAX_BYTES, f"{pad.name}: {pad.stat().st_size} bytes"
        return pad

    return maak
