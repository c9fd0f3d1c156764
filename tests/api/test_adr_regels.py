"""The project's own API Design Rules ruleset (lint/adr-regels.yaml) catches what it claims: every rule fires on a
document that breaks it, so a rule with a wrong JSONPath (which matches nothing and passes everything) fails here."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

WORTEL = Path(__file__).resolve().parents[2]
REGELS = WORTEL / "lint" / "adr-regels.yaml"
SPECTRAL = WORTEL / "node_modules" / ".bin" / "spectral"

FOUT = {"application/json": {"schema": {"type": "object", "properties": {"title": {"type": "string"}}}}}
SLECHT = {
    "openapi": "2.0.1",  # /core/doc-openapi
    "info": {"title": "Slecht", "version": "1.0", "contact": {"name": "x"}},  # /core/semver, doc-openapi-contact
    "servers": [{"url": "http://voorbeeld.nl/api/v1.2"}],  # /core/uri-version, /core/transport/security
    "paths": {
        "/Dingen/": {  # /core/no-trailing-slash, /core/path-segments-kebab-case
            "get": {
                "operationId": "dingen",
                "parameters": [{"name": "page_size", "in": "query", "schema": {"type": "integer"}}],
                "responses": {
                    "200": {"description": "OK"},  # /core/version-header; no 400: /core/error-handling/invalid-input
                    "404": {"description": "weg", "content": FOUT},  # problem-details: media type
                    "500": {  # problem-details: members status, title, detail
                        "description": "stuk",
                        "content": {"application/problem+json": FOUT["application/json"]},
                    },
                },
            },
            "trace": {"operationId": "volg", "responses": {}},  # /core/http-methods
        }
    },
    "components": {"schemas": {"ding_uit": {"type": "object"}}},
}


def _lint(document: Path) -> list[dict]:
    assert SPECTRAL.is_file() and shutil.which("node"), "Spectral ontbreekt: draai `npm install` (make install)"
    uitvoer = subprocess.run(
        [str(SPECTRAL), "lint", "-r", str(REGELS), "-f", "json", "--quiet", str(document)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(uitvoer.stdout or "[]")


@pytest.fixture(scope="module")
def bevindingen(tmp_path_factory):
    document = tmp_path_factory.mktemp("adr") / "slecht.json"
    document.write_text(json.dumps(SLECHT))
    return _lint(document)


def test_elke_eigen_regel_vangt_zijn_overtreding(bevindingen):
    regels = set(re.findall(r"^  (adr-[a-z0-9-]+):", REGELS.read_text(), flags=re.MULTILINE))
    assert len(regels) >= 14
    gevonden = {b["code"] for b in bevindingen}
    assert regels - gevonden == set(), f"regels die hun overtreding niet vinden: {sorted(regels - gevonden)}"


def test_elke_regel_noemt_zijn_adr_regel():
    """Each rule cites the published rule it checks (its /core/... id), in its message."""
    tekst = REGELS.read_text()
    for naam, blok in re.findall(r"^  (adr-core-[a-z0-9-]+):\n((?:    .*\n)+)", tekst, flags=re.MULTILINE):
        assert re.search(r'message: "/core/[a-z/-]+:', blok), naam


def test_de_regels_lezen_niets_buiten_de_repository():
    """No relative path that climbs out of the repository, in the ruleset or in what runs it."""
    for bestand in (REGELS, WORTEL / "Makefile", WORTEL / "scripts/test.sh", WORTEL / "tests/api/test_openapi.py"):
        assert "../" not in bestand.read_text(), bestand
