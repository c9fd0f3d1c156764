"""Logging in end to end: password, setting up the authenticator, recovery codes, acting for another
organisation, logging out; logging in with a recovery code; no page without the second factor; lockout."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from .conftest import code_invullen, totp_van_geheim, wachtwoord_invullen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_eerste_keer_inloggen_tweede_factor_en_wisselen(page, keur, maak_gebruiker):
    maak_gebruiker("anna", {"odu": ["toezichthouder"], "GM0344": ["handhaver", "toezichthouder"]})

    # Password first; with no authenticator linked yet, the set-up page follows.
    wachtwoord_invullen(page, "anna")
    expect(page).to_have_url(re.compile(r"/tweede-factor/instellen$"))
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    keur(page)

    # The code an authenticator app computes from the shown key confirms the device: recovery codes follow, once.
    code_invullen(page, totp_van_geheim(page.get_by_test_id("totp-geheim").inner_text()))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    codes = page.locator(".ovth-codes code")
    expect(codes).to_have_count(10)
    assert all(re.fullmatch(r"[0-9a-f]{10}", code) for code in codes.all_inner_texts())
    assert TOTPDevice.objects.get(user__username="anna").confirmed
    keur(page)

    # Logged in, acting for the first organisation (alphabetically); switch to the other one.
    page.get_by_role("link", name="Verder").click()
    kiezer = page.get_by_label("Optreden voor")
    expect(kiezer.locator("option:checked")).to_have_text("Omgevingsdienst Utrecht")
    expect(page.get_by_role("banner")).to_contain_text("anna · toezichthouder")
    keur(page)

    kiezer.select_option(label="Utrecht")
    page.get_by_role("button", name="Wissel").click()
    expect(page.get_by_role("status").filter(has_text="U treedt nu op voor Utrecht.")).to_be_visible()
    expect(kiezer.locator("option:checked")).to_have_text("Utrecht")
    # (The roles come from a set: their order in the header is not fixed.)
    expect(page.get_by_role("banner")).to_contain_text(
        re.compile("anna · (handhaver, toezichthouder|toezichthouder, handhaver)")
    )
    expect(page.get_by_role("main")).to_contain_text("U treedt op voor Utrecht.")
    keur(page)

    # The choice sticks across pages.
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Organisaties").click()
    expect(page).to_have_url(re.compile(r"/organisaties$"))
    expect(page.get_by_label("Optreden voor").locator("option:checked")).to_have_text("Utrecht")

    # Log out.
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Inloggen")).to_be_visible()
    expect(page.get_by_label("Optreden voor")).to_have_count(0)
    keur(page)


def test_inloggen_met_herstelcode(page, keur, maak_gebruiker):
    gebruiker = maak_gebruiker("bram", {"GM0344": ["vergunningverlener"]})
    TOTPDevice.objects.create(user=gebruiker, name="authenticator", confirmed=True)
    herstel = StaticDevice.objects.create(user=gebruiker, name="herstelcodes")
    herstel.token_set.create(token="a1b2c3d4e5")

    wachtwoord_invullen(page, "bram")
    expect(page).to_have_url(re.compile(r"/tweede-factor(\?next=.*)?$"))
    keur(page)
    code_invullen(page, "a1b2c3d4e5")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("U treedt op voor Utrecht.")

    # A recovery code works once.
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    wachtwoord_invullen(page, "bram")
    code_invullen(page, "a1b2c3d4e5")
    # The error is tied to its field: screen readers announce it with the field.
    veld = page.get_by_label("Code uit uw authenticator-app of een herstelcode")
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(veld).to_have_accessible_description("Deze code is onjuist of verlopen.")
    expect(page.get_by_label("Optreden voor")).to_have_count(0)  # not acting for anyone without the second factor
    keur(page)


def test_zonder_tweede_factor_alleen_de_tweede_factor(page, keur, maak_gebruiker):
    gebruiker = maak_gebruiker("carla", {"odu": ["manager"]})
    gebruiker.is_staff = True
    gebruiker.save(update_fields=["is_staff"])
    TOTPDevice.objects.create(user=gebruiker, name="authenticator", confirmed=True)

    wachtwoord_invullen(page, "carla")
    expect(page).to_have_url(re.compile(r"/tweede-factor(\?next=.*)?$"))
    for pad in ("/organisaties", "/tokens", "/inzagelog", "/"):
        page.goto(pad)
        expect(page).to_have_url(re.compile(r"/tweede-factor(\?next=.*)?$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    # Not acting for anyone yet: no organisation switcher, no staff navigation.
    expect(page.get_by_label("Optreden voor")).to_have_count(0)
    expect(page.get_by_role("link", name="API-tokens")).to_have_count(0)
    keur(page)


def test_geblokkeerd_na_vijf_foute_wachtwoorden(page, keur, maak_gebruiker):
    maak_gebruiker("dirk", {"GM0344": ["toezichthouder"]})
    kop = page.get_by_role("heading", level=1)
    for _poging in range(4):
        wachtwoord_invullen(page, "dirk", "een-fout-wachtwoord")
        expect(page.get_by_role("alert")).to_be_visible()
    wachtwoord_invullen(page, "dirk", "een-fout-wachtwoord")
    expect(kop).to_have_text("Tijdelijk geblokkeerd")
    keur(page)

    # Even the right password does not get through now.
    wachtwoord_invullen(page, "dirk")
    expect(kop).to_have_text("Tijdelijk geblokkeerd")
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
