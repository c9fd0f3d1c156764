"""Production static files: collectstatic with the manifest storage succeeds, and `check --deploy` refuses a
deployment whose manifest is missing or older than the code (issue 11: every HTML page was a 500)."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.core import checks
from django.core.management import call_command
from django.test import override_settings

from openvth.web.statisch import manifest_compleet

PRODUCTIEOPSLAG = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def productie_statisch(tmp_path):
    with override_settings(STORAGES=PRODUCTIEOPSLAG, STATIC_ROOT=tmp_path / "static"):
        yield tmp_path / "static"


def _fout_ids(fouten):
    return [fout.id for fout in fouten]


def test_collectstatic_met_de_productieopslag_schrijft_een_manifest(productie_statisch):
    call_command("collectstatic", interactive=False, verbosity=0)
    paden = json.loads((productie_statisch / "staticfiles.json").read_text())["paths"]
    assert "vendor/utrecht-tokens/theme.css" in paden
    assert "vendor/leaflet/images/marker-icon.png" in paden
    assert "openvth/openvth.css" in paden
    # the design-token file whose url()s name SVGs the package lacks is not ours to serve
    assert "vendor/utrecht-tokens/background-image-icon.css" not in paden
    assert manifest_compleet() == []


def test_alleen_de_genoemde_npm_bestanden_worden_gevonden():
    assert finders.find("vendor/utrecht-tokens/theme.css")
    assert finders.find("vendor/utrecht-tokens/background-image-icon.css") is None
    assert finders.find("vendor/utrecht-tokens/tokens.json") is None


def test_check_deploy_zonder_manifest_is_een_fout(productie_statisch):
    fouten = checks.run_checks(tags=[checks.Tags.staticfiles], include_deployment_checks=True)
    assert "openvth.E001" in _fout_ids(fouten)
    assert all(f.level >= checks.ERROR for f in fouten if f.id == "openvth.E001")


def test_check_deploy_met_verouderd_manifest_is_een_fout(productie_statisch):
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = productie_statisch / "staticfiles.json"
    inhoud = json.loads(manifest.read_text())
    del inhoud["paths"]["openvth/kaart.js"]
    del inhoud["paths"]["vendor/utrecht/index.css"]
    manifest.write_text(json.dumps(inhoud))
    assert _fout_ids(manifest_compleet()) == ["openvth.E002", "openvth.E003"]


def test_zonder_manifestopslag_geen_melding():
    assert manifest_compleet() == []
