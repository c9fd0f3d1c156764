"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's live server.

* One Chromium for the whole session, a fresh context (cookies, language) per test.
* Every page a test visits can be checked with `keur(page)`: axe-core finds no serious or critical
  violation, and no Content Security Policy violation or script error reached the console.
* The live server needs committed data, so these tests use `transaction=True`; pytest-django flushes the
  database after each one (the audit tables allow that: ADR 0010), which also removes the reference data
  `tests/conftest.py` loads once. Each test therefore loads what it needs itself (`referentie`).
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect, sync_playwright

from openvth.organisaties import services

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
        return services.gebruiker_create(
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
    context.set_default_timeout(10_000)
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
