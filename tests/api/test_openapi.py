"""The committed openapi.json equals the generated document, and the NL API Design Rules linter passes it."""

import json
import shutil
import subprocess
from pathlib import Path

from django.test import Client

from openvth.api.openapi import OPENAPI_BESTAND, openapi_tekst

LINTER = Path(__file__).resolve().parents[3] / "shared" / "standards" / "adr-linter.yaml"
SPECTRAL = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "spectral"


def test_geen_drift():
    assert OPENAPI_BESTAND.read_text(encoding="utf-8") == openapi_tekst(), (
        "openapi.json loopt achter op de code: draai `make openapi` en commit het resultaat"
    )


def test_openapi_wordt_geserveerd():
    r = Client().get("/api/v1/openapi.json")
    assert r.status_code == 200 and r["API-Version"] == "1.0.0"
    schema = r.json()
    assert schema["openapi"].startswith("3.1")
    assert schema["servers"] == [{"url": "/api/v1", "description": "Deze installatie"}]


def test_adr_linter_nul_fouten():
    assert LINTER.is_file(), f"ADR-linterregels niet gevonden op {LINTER}"
    assert SPECTRAL.is_file() and shutil.which("node"), "Spectral ontbreekt: draai `npm install` (make install)"
    uitvoer = subprocess.run(
        [str(SPECTRAL), "lint", "-r", str(LINTER), "-f", "json", "--quiet", str(OPENAPI_BESTAND)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    bevindingen = json.loads(uitvoer.stdout or "[]")
    fouten = [
        f"{b['code']}: {b['message']} @ {'.'.join(map(str, b['path']))}" for b in bevindingen if b["severity"] == 0
    ]
    assert not fouten, "\n".join(fouten)
    assert uitvoer.returncode == 0, uitvoer.stderr
