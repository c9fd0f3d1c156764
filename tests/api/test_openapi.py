"""The committed openapi.json equals the generated document, and the NL API Design Rules linter passes it."""

import enum
import json
import shutil
import subprocess
import typing
from collections import defaultdict
from pathlib import Path

from django.test import Client
from pydantic import BaseModel

from openvth.api.openapi import OPENAPI_BESTAND
from openvth.api.v1 import openapi_tekst

# The project's own NL API Design Rules ruleset (lint/adr-regels.yaml): nothing outside the repository is read.
LINTER = Path(__file__).resolve().parents[2] / "lint" / "adr-regels.yaml"
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


def _routers(routers):
    """Every router with its nested ones (toezicht's API is one router of routers, ADR 0028); ninja keeps a child as
    (prefix, router[, …]) in `_routers`, flattened into the API only when the URLs are built."""
    for router in routers:
        yield router
        yield from _routers(kind for _prefix, kind, *_ in getattr(router, "_routers", []))


def _schemaklassen(soort, gevonden: set) -> None:
    """Every pydantic model and enum reachable from a type: each becomes a named component in OpenAPI."""
    if isinstance(soort, type) and issubclass(soort, enum.Enum):
        gevonden.add(soort)
    elif isinstance(soort, type) and issubclass(soort, BaseModel):
        if soort not in gevonden:
            gevonden.add(soort)
            for veld in soort.model_fields.values():
                _schemaklassen(veld.annotation, gevonden)
    else:
        for argument in typing.get_args(soort):
            _schemaklassen(argument, gevonden)


def test_schemanamen_uniek():
    """ninja merges each operation's schemas into one `components.schemas` by class name and silently keeps the
    last: two classes with one name make one of them document the other's body (issue 11: `UitvoeringIn`)."""
    from openvth.api.v1 import api

    gevonden: set = set()
    for router in _routers(r for _prefix, r, *_ in api._routers):
        for pad in router.path_operations.values():
            for operatie in pad.operations:
                # ninja's own wrappers (parameters per source, the `response` field) are never components
                omhulsels = [*operatie.models, *operatie.response_models.values()]
                for omhulsel in omhulsels:
                    if isinstance(omhulsel, type) and issubclass(omhulsel, BaseModel):
                        for veld in omhulsel.model_fields.values():
                            _schemaklassen(veld.annotation, gevonden)
    per_naam = defaultdict(set)
    for klasse in gevonden:
        per_naam[klasse.__name__].add(f"{klasse.__module__}.{klasse.__qualname__}")
    dubbel = {naam: sorted(klassen) for naam, klassen in per_naam.items() if len(klassen) > 1}
    assert not dubbel, f"schemanamen die meer dan één klasse dragen: {dubbel}"
    componenten = json.loads(openapi_tekst())["components"]["schemas"]
    # the walk sees every component (Probleem is added by openvth.api.v1 itself), so no collision can hide
    assert set(componenten) - set(per_naam) <= {"Probleem"}
