"""The `openvth` command: its wrappers work and bad input is refused with a readable message."""

import io
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openvth.audit.models import Auditgebeurtenis
from openvth.organisaties import fouten
from openvth.organisaties.management import fouten as cli
from openvth.organisaties.models import ApiToken, Rol
from openvth.organisaties.services import gebruiker_maken, systeem_actor


def _omgeving(**extra) -> dict:
    """The environment for a subprocess, without what the browser tests set for their own event loop."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | extra


def _draai(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "openvth.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=_omgeving(**(env or {})),
    )


def test_console_script_kent_de_commandos():
    uitvoer = _draai("help")
    assert uitvoer.returncode == 0
    for commando in ("load_reference", "createuser", "token", "demo", "serve", "totp", "export_openapi"):
        assert commando in uitvoer.stdout


def test_check_deploy_zonder_collectstatic_noemt_alleen_het_manifest(tmp_path):
    """Production settings are otherwise clean; the one error is the missing static manifest (every page would be a
    500 without it). Clean after collectstatic: tests/buitenaf/test_productie.py."""
    uitvoer = subprocess.run(
        [sys.executable, "-m", "openvth.manage", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_omgeving(
            DJANGO_SETTINGS_MODULE="openvth.conf.settings",
            OPENVTH_PRODUCTIE="1",
            OPENVTH_SECRET_KEY=secrets.token_urlsafe(64),
            OPENVTH_ALLOWED_HOSTS="openvth.example.org",
            OPENVTH_DATA_DIR=str(tmp_path),
        ),
    )
    assert uitvoer.returncode != 0, uitvoer.stdout + uitvoer.stderr
    gemeld = re.findall(r"^\?: \(([\w.]+)\)", uitvoer.stderr + uitvoer.stdout, flags=re.MULTILINE)
    assert gemeld == ["openvth.E001"], uitvoer.stdout + uitvoer.stderr


def test_productie_zonder_geheime_sleutel_weigert(tmp_path):
    uitvoer = subprocess.run(
        [sys.executable, "-m", "openvth.manage", "check"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_omgeving(
            DJANGO_SETTINGS_MODULE="openvth.conf.settings",
            OPENVTH_PRODUCTIE="1",
            OPENVTH_SECRET_KEY="",
            OPENVTH_DATA_DIR=str(tmp_path),
        ),
    )
    assert uitvoer.returncode != 0 and "OPENVTH_SECRET_KEY" in uitvoer.stderr


@pytest.mark.django_db
def test_createuser(monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "een-lang-wachtwoord-42")
    call_command("createuser", "marie", lid=["odzob:handhaver,toezichthouder"], stdout=io.StringIO())
    assert Auditgebeurtenis.objects.filter(actie="lidmaatschap.aangemaakt", actor_naam="createuser").exists()
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("createuser", "marie", lid=["odzob:handhaver"], stdout=io.StringIO())
    with pytest.raises(CommandError, match="Onbekende organisatiecode 'xx'"):
        call_command("createuser", "kees", lid=["xx:handhaver"], stdout=io.StringIO())
    with pytest.raises(CommandError, match="Onbekende rol"):
        call_command("createuser", "kees", lid=["odzob:baas"], stdout=io.StringIO())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "kort")
    with pytest.raises(CommandError, match="Wachtwoord afgewezen"):
        call_command("createuser", "kees", lid=["odzob:handhaver"], stdout=io.StringIO())


@pytest.mark.django_db
def test_token_create_list_revoke():
    gebruiker_maken(
        actor=systeem_actor(),
        gebruikersnaam="api",
        wachtwoord="een-lang-wachtwoord-42",
        lidmaatschappen={"odzob": [Rol.HANDHAVER]},
    )
    uit = io.StringIO()
    call_command("token", "create", gebruiker="api", organisatie="odzob", naam="koppeling", scope=["lezen"], stdout=uit)
    sleutel = uit.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get(sleutel_hash=ApiToken.hash(sleutel))
    lijst = io.StringIO()
    call_command("token", "list", stdout=lijst)
    assert token.prefix in lijst.getvalue() and sleutel not in lijst.getvalue()
    call_command("token", "revoke", str(token.uuid), stdout=io.StringIO())
    token.refresh_from_db()
    assert token.ingetrokken is not None
    with pytest.raises(CommandError, match="Onbekende organisatiecode"):
        call_command("token", "create", gebruiker="api", organisatie="nergens", naam="x", stdout=io.StringIO())
    with pytest.raises(CommandError, match="geen lid"):
        call_command("token", "create", gebruiker="api", organisatie="dcmr", naam="x", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Scopes"):
        call_command(
            "token", "create", gebruiker="api", organisatie="odzob", naam="x", scope=["root"], stdout=io.StringIO()
        )


@pytest.mark.django_db
def test_demo_zet_een_login_per_rol_klaar():
    from openvth.organisaties.demo import DEMOGEBRUIKERS, demo_laden

    demo_laden(actor=systeem_actor("demo"))
    demo_laden(actor=systeem_actor("demo"))  # idempotent
    rollen = {rol for g in DEMOGEBRUIKERS for rollen in g.leden.values() for rol in rollen}
    assert rollen == set(Rol.values)
    uit = io.StringIO()
    call_command("totp", "handhaver", stdout=uit)
    assert uit.getvalue().strip().isdigit() and len(uit.getvalue().strip()) == 6


def test_elke_domeinfout_heeft_een_melding():
    """The command line's edge of the domain errors (organisaties.management.fouten): every kind maps to a readable
    sentence."""

    assert set(cli.MELDINGEN) == set(fouten.Domeinfout.__subclasses__())
    for soort in fouten.soorten():
        fout = soort(velden={"x": "y"}) if issubclass(soort, fouten.OngeldigeInvoer) else soort()
        assert cli.melding(fout).strip(), soort


def test_domeinfout_in_een_commando_is_een_leesbare_commanderror():
    with pytest.raises(CommandError, match=r"^Niets geladen: reden geen handhaving: verplicht\.$"):
        with cli.domeinfouten("Niets geladen: "):
            raise fouten.OngeldigeInvoer(velden={"reden_geen_handhaving": "verplicht"})
    with pytest.raises(CommandError, match=r"^Geen import 123 van uw organisatie\.$"):
        with cli.domeinfouten(niet_gevonden="Geen import 123 van uw organisatie."):
            raise fouten.NietGevonden()
    with pytest.raises(CommandError, match=r"^Alleen de functioneel beheerder\.$"):
        with cli.domeinfouten(niet_gevonden="niet dit"):
            raise fouten.GeenToestemming("Alleen de functioneel beheerder.")
