"""The dependency order of ARCHITECTURE.md §3 (with ADR 0017): a lower app never imports a higher one.

Read from the source with `ast`, imports inside functions included: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import openvth

PAKKET = Path(openvth.__file__).resolve().parent

# Domain apps from low to high (ADR 0017: toezicht above handhaving). Every app may import a lower one.
DOMEIN = ["organisaties", "audit", "register", "handhaving", "toezicht"]
# Layers that no domain app may import (ARCHITECTURE.md §3: "a domain app importing api or web").
BOVENLAAG = {"api", "web", "ogc", "conf"}
PUUR = {"regels"}  # law as code: no Django, no app
# An app's own edge (ARCHITECTURE.md §2: api.py, views.py, forms, templates) belongs to the api/web layer.
RAND = {"api.py", "schemas.py", "views.py", "forms.py", "urls.py", "importviews.py", "importurls.py"}
RANDMAPPEN = {"templatetags", "management", "views", "api"}  # api/: an app's API split per sub-domain


def _rand(bestand: Path) -> bool:
    return bestand.name in RAND or bool(RANDMAPPEN & set(bestand.parts))


def _imports(bestand: Path) -> set[str]:
    namen: set[str] = set()
    for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            namen |= {alias.name for alias in knoop.names}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
            namen.add(knoop.module)
    return namen


def _app(module: str) -> str | None:
    delen = module.split(".")
    return delen[1] if len(delen) > 1 and delen[0] == "openvth" else None


def _bestanden(app: str):
    return [p for p in (PAKKET / app).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("app", DOMEIN)
def test_domeinapp_importeert_geen_hogere_laag(app):
    hoger = set(DOMEIN[DOMEIN.index(app) + 1 :])
    if app == "organisaties":
        hoger -= {"audit"}  # audit and organisaties form the foundation together (ADR 0004)
    fouten = [
        f"{bestand.relative_to(PAKKET)} importeert {module}"
        for bestand in _bestanden(app)
        for module in _imports(bestand)
        if _app(module) in hoger or (_app(module) in BOVENLAAG and not _rand(bestand))
    ]
    assert not fouten, "\n".join(fouten)


def test_regels_is_puur():
    fouten = [
        f"{bestand.relative_to(PAKKET)} importeert {module}"
        for bestand in _bestanden("regels")
        for module in _imports(bestand)
        if module.split(".")[0] == "django" or (_app(module) and _app(module) not in PUUR)
    ]
    assert not fouten, "\n".join(fouten)


def test_volgorde_kent_elke_domeinapp():
    """A new app must be placed in the order (or in a layer) before it can pass this test."""
    bekend = set(DOMEIN) | BOVENLAAG | PUUR | {"geo", "locale"}
    apps = {p.name for p in PAKKET.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert apps <= bekend, f"plaats in tests/test_lagen.py: {sorted(apps - bekend)}"
