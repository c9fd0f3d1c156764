"""The import rules of ADR 0028 (docs/decisions/0028-importrichtingen-tussen-lagen.md), with ADR 0017's order.

Read from the source with `ast`, imports inside functions included: a lazy import is still a dependency. Beside the
directions between layers: no import cycle between any two modules of `openvth`, no module uses another module's
private (underscore) name, and an import inside a function says in a comment why it is not at the top. Each
detector also runs on a throw-away package in tmp_path, so it is known to find what it should.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pytest

import openvth

PAKKET = Path(openvth.__file__).resolve().parent

# The layers of ADR 0028, from the bottom up.
PUUR = {"regels", "geo"}  # no app of openvth; regels (law as code) not even Django
FUNDAMENT = {"organisaties", "audit"}  # the foundation (ADR 0004): they may use each other
DOMEIN = ["organisaties", "audit", "register", "handhaving", "vergunningen", "toezicht"]  # low to high (ADR 0017, 0029)
BUITEN = {"api", "web", "ogc"}  # the outer layer: API, pages, OGC API Features
NEUTRAAL = {"gedeeld"}  # what web and api both need, so that neither imports the other; imports no app
BOVEN = {"conf"}  # settings and URLs: imports anything; nobody imports it (Django reaches it by its dotted name)
INGANG = {"cli", "manage"}  # entry points: they import nothing of openvth, so anything may start them
# An app's edge (ADR 0028): its API, schemas, pages, forms, URLs, template tags and management commands.
RAND = {"api.py", "schemas.py", "views.py", "forms.py", "urls.py", "importviews.py", "importurls.py"}
RANDMAPPEN = {"api", "views", "templatetags", "management"}


# --- reading imports -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    bestand: Path
    regel: int
    module: str  # what the statement loads: `from a.b import c` loads a.b.c when that is a module, else a.b
    naam: str | None  # the name taken from `module` when it is not a module itself
    lokaal: str  # the name it binds here (`import a.b` binds `a`)
    lui: bool  # inside a function


def _modules(wortel: Path) -> dict[str, Path]:
    """Every module of the package at `wortel`, by its dotted name (a package by its `__init__.py`)."""
    modules = {}
    for bestand in wortel.rglob("*.py"):
        delen = list(bestand.relative_to(wortel.parent).with_suffix("").parts)
        if delen[-1] == "__init__":
            delen.pop()
        modules[".".join(delen)] = bestand
    return modules


def _imports(naam: str, bestand: Path, modules: dict[str, Path]) -> list[Import]:
    """The imports of module `naam`, relative ones resolved."""
    pakket = naam if bestand.name == "__init__.py" else naam.rpartition(".")[0]
    gevonden: list[Import] = []

    def bezoek(knoop: ast.AST, lui: bool) -> None:
        for kind in ast.iter_child_nodes(knoop):
            if isinstance(kind, ast.Import):
                for alias in kind.names:
                    lokaal = alias.asname or alias.name.split(".")[0]
                    gevonden.append(Import(bestand, kind.lineno, alias.name, None, lokaal, lui))
            elif isinstance(kind, ast.ImportFrom):
                if kind.level:
                    delen = pakket.split(".")[: len(pakket.split(".")) - kind.level + 1]
                    bron = ".".join([*delen, kind.module] if kind.module else delen)
                else:
                    bron = kind.module or ""
                for alias in kind.names:
                    lokaal = alias.asname or alias.name
                    if f"{bron}.{alias.name}" in modules:
                        gevonden.append(Import(bestand, kind.lineno, f"{bron}.{alias.name}", None, lokaal, lui))
                    else:
                        gevonden.append(Import(bestand, kind.lineno, bron, alias.name, lokaal, lui))
            bezoek(kind, lui or isinstance(kind, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    bezoek(ast.parse(bestand.read_text(encoding="utf-8")), False)
    return gevonden


# --- (a) no cycle ----------------------------------------------------------------------------------------------


def cycli(wortel: Path) -> list[str]:
    """One cycle per strongly connected group of modules, as a path `a (r. line) -> b (r. line) -> a`.

    An edge is a module importing another (at the top or in a function); importing `a.b.c` is an edge to a.b.c
    only, as a package's `__init__` that imports nothing adds nothing to a cycle."""
    modules = _modules(wortel)
    graaf: dict[str, dict[str, int]] = {naam: {} for naam in modules}
    for naam, bestand in modules.items():
        for imp in _imports(naam, bestand, modules):
            if imp.module in modules and imp.module != naam:
                graaf[naam].setdefault(imp.module, imp.regel)

    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    groepen: list[set[str]] = []

    def verbind(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = laag[v] = len(index)
        stapel.append(v)
        for w in graaf[v]:
            if w not in index:
                verbind(w)
                laag[v] = min(laag[v], laag[w])
            elif w in stapel:
                laag[v] = min(laag[v], index[w])
        if laag[v] == index[v]:
            groep = {stapel.pop()}
            while v not in groep:
                groep.add(stapel.pop())
            if len(groep) > 1:
                groepen.append(groep)

    for v in sorted(graaf):
        if v not in index:
            verbind(v)

    meldingen = []
    for groep in groepen:
        begin = min(groep)
        vorige: dict[str, str] = {}  # breadth first from `begin` back to it: the shortest cycle through it
        rij, einde = deque([begin]), None
        while rij and einde is None:
            v = rij.popleft()
            for w in sorted(graaf[v]):
                if w == begin:
                    einde = v
                    break
                if w in groep and w not in vorige and w != begin:
                    vorige[w] = v
                    rij.append(w)
        assert einde is not None
        pad = [einde]
        while pad[-1] != begin:
            pad.append(vorige[pad[-1]])
        pad.reverse()
        stappen = [f"{v} (r. {graaf[v][w]})" for v, w in zip(pad, [*pad[1:], begin], strict=True)]
        meldingen.append(" -> ".join([*stappen, begin]))
    return sorted(meldingen)


# --- (b) no private name of another module ---------------------------------------------------------------------


def _prive(naam: str) -> bool:
    return naam.startswith("_") and not (naam.startswith("__") and naam.endswith("__"))


def prive_gebruik(wortel: Path) -> list[str]:
    """Every use of another module's private name: `from x import _y`, `x._y` on an imported module, or a private
    module (`p._m`) imported from outside its package `p`. A package's `__init__` is no exception."""
    modules = _modules(wortel)
    meldingen = set()
    for naam, bestand in modules.items():
        waar = bestand.relative_to(wortel.parent)
        modulenamen: dict[str, str] = {}  # a local name that stands for a module of the package
        for imp in _imports(naam, bestand, modules):
            if imp.module.split(".")[0] != wortel.name:
                continue
            if imp.naam is None:
                modulenamen[imp.lokaal] = imp.lokaal if imp.lokaal == wortel.name else imp.module
            delen = imp.module.split(".")
            for i, deel in enumerate(delen):
                houder = ".".join(delen[:i])
                if _prive(deel) and naam != houder and not naam.startswith(houder + "."):
                    meldingen.add(f"{waar}:{imp.regel} importeert de private module {imp.module}")
            if imp.naam is not None and _prive(imp.naam):
                meldingen.add(f"{waar}:{imp.regel} importeert {imp.module}.{imp.naam}")
        for knoop in ast.walk(ast.parse(bestand.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Attribute) and _prive(knoop.attr):
                module = _module_van(knoop.value, modulenamen, modules)
                if module is not None and module != naam:
                    meldingen.add(f"{waar}:{knoop.lineno} gebruikt {module}.{knoop.attr}")
    return sorted(meldingen)


def _module_van(uitdrukking: ast.expr, modulenamen: dict[str, str], modules: dict[str, Path]) -> str | None:
    """The module an expression such as `verwerken` or `openvth.register.selectors` names, if any."""
    if isinstance(uitdrukking, ast.Name):
        return modulenamen.get(uitdrukking.id)
    if isinstance(uitdrukking, ast.Attribute):
        ouder = _module_van(uitdrukking.value, modulenamen, modules)
        if ouder is not None and f"{ouder}.{uitdrukking.attr}" in modules:
            return f"{ouder}.{uitdrukking.attr}"
    return None


# --- (c) a lazy import says why --------------------------------------------------------------------------------


def luie_imports_zonder_reden(wortel: Path) -> list[str]:
    """Imports inside a function that do not say why they are not at the top: a run of adjacent imports needs a
    comment on the line above it or on one of its lines. A lazy import is kept only where it breaks a cycle, waits
    for the app registry (AppConfig.ready) or defers a heavy import that one path needs."""
    meldingen = []
    for bestand in sorted(wortel.rglob("*.py")):
        regels = bestand.read_text(encoding="utf-8").splitlines()
        for functie in ast.walk(ast.parse("\n".join(regels))):
            if not isinstance(functie, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for blok in ast.walk(functie):
                reeks: list[ast.stmt] = []
                lijf = getattr(blok, "body", None)
                for opdracht in [*(lijf if isinstance(lijf, list) else []), None]:
                    if isinstance(opdracht, ast.Import | ast.ImportFrom):
                        reeks.append(opdracht)
                        continue
                    if reeks:
                        begin, einde = reeks[0].lineno, reeks[-1].end_lineno or reeks[-1].lineno
                        uitleg = regels[begin - 2].strip().startswith("#") or any(
                            "#" in regel for regel in regels[begin - 1 : einde]
                        )
                        if not uitleg:
                            waar = bestand.relative_to(wortel.parent)
                            meldingen.append(f"{waar}:{begin} {regels[begin - 1].strip()}")
                    reeks = []
    return sorted(set(meldingen))


def test_geen_importcyclus():
    gevonden = cycli(PAKKET)
    assert not gevonden, "importcycli:\n" + "\n".join(gevonden)


def test_geen_private_namen_van_een_andere_module():
    gevonden = prive_gebruik(PAKKET)
    assert not gevonden, "maak publiek in de juiste module, of verplaats:\n" + "\n".join(gevonden)


def test_luie_import_zegt_waarom():
    gevonden = luie_imports_zonder_reden(PAKKET)
    assert not gevonden, "zet bovenaan, of zeg in één regel waarom niet:\n" + "\n".join(gevonden)


# The detectors on a throw-away package: a test that cannot fail is not a test.


def _pakket(tmp_path: Path, bestanden: dict[str, str]) -> Path:
    wortel = tmp_path / "proef"
    for naam, tekst in {"__init__.py": "", **bestanden}.items():
        pad = wortel / naam
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(tekst, encoding="utf-8")
    return wortel


def test_cyclus_wordt_gevonden_ook_via_een_luie_import(tmp_path):
    wortel = _pakket(
        tmp_path,
        {
            "a.py": "from proef.b import f\n",
            "b.py": "def f():\n    from . import c\n",
            "c.py": "import proef.a\n",
            "d.py": "from proef import a\n",  # outside the cycle
        },
    )
    assert cycli(wortel) == ["proef.a (r. 1) -> proef.b (r. 2) -> proef.c (r. 1) -> proef.a"]


def test_cyclus_via_pakket_en_submodule(tmp_path):
    wortel = _pakket(
        tmp_path,
        {
            "p/__init__.py": "from .x import y\n",
            "p/x.py": "from ..q import z\ny = 1\n",
            "q.py": "from proef import p\nz = 2\n",
        },
    )
    assert cycli(wortel) == ["proef.p (r. 1) -> proef.p.x (r. 1) -> proef.q (r. 1) -> proef.p"]


def test_geen_cyclus_geen_melding(tmp_path):
    wortel = _pakket(tmp_path, {"a.py": "from proef import b\n", "b.py": "import os\n"})
    assert cycli(wortel) == []


def test_private_naam_wordt_gevonden(tmp_path):
    wortel = _pakket(
        tmp_path,
        {
            "a.py": "_geheim = 1\n__all__ = []\n",
            "b.py": "from proef.a import _geheim\n",
            "c.py": "from . import a\n\n\ndef f():\n    return a._geheim + len(a.__all__)\n",
            "d.py": "import proef.a\n\nx = proef.a._geheim\n",
            "e.py": "import proef.a as m\n\nx = m._geheim\n",
            "p/__init__.py": "from ._intern import y\nfrom .z import _w\n",
            "p/_intern.py": "y = 1\n",
            "p/z.py": "from proef.p._intern import y\n\n_w = y\n",
            "f.py": "from proef.p._intern import y\n",
            "g.py": "class K:\n    _eigen = 1\n\n\nx = K._eigen\n",  # a class's own member is not a module's
            "h.py": "import os\n\nx = os._exit\n",  # only the package's own modules count
        },
    )
    assert prive_gebruik(wortel) == [
        "proef/b.py:1 importeert proef.a._geheim",
        "proef/c.py:5 gebruikt proef.a._geheim",
        "proef/d.py:3 gebruikt proef.a._geheim",
        "proef/e.py:3 gebruikt proef.a._geheim",
        "proef/f.py:1 importeert de private module proef.p._intern",
        "proef/p/__init__.py:2 importeert proef.p.z._w",
    ]


def test_luie_import_zonder_reden_wordt_gevonden(tmp_path):
    wortel = _pakket(
        tmp_path,
        {
            "a.py": "import os\n\n\ndef f():\n    import json\n\n    return json, os\n",
            "b.py": "def f():\n    # the app registry is not ready at import\n    from . import a\n",
            "c.py": "def f():\n    from . import a  # breaks a cycle with a\n",
            "d.py": "def f():\n    # waits for the registry\n    from . import a\n    from . import b\n\n    x = 1\n"
            "    if x:\n        from . import c\n",  # a second run, below code, needs its own reason
        },
    )
    assert luie_imports_zonder_reden(wortel) == ["proef/a.py:5 import json", "proef/d.py:8 from . import c"]


# --- the layers (ADR 0028) -------------------------------------------------------------------------------------


def _laag(module: str) -> str | None:
    delen = module.split(".")
    return delen[1] if len(delen) > 1 and delen[0] == "openvth" else None


def _is_laag(pad: Path) -> bool:
    return (pad.is_dir() and (pad / "__init__.py").exists()) or (pad.suffix == ".py" and pad.name != "__init__.py")


LAGEN = sorted(p.stem for p in PAKKET.iterdir() if _is_laag(p))


def _importregels(laag: str):
    """(file, import) for every module of one layer, its migrations left out (Django writes them)."""
    modules = _modules(PAKKET)
    for naam, bestand in modules.items():
        if _laag(naam) == laag and "migrations" not in bestand.parts:
            for imp in _imports(naam, bestand, modules):
                yield bestand, imp


def _rand(bestand: Path) -> bool:
    """An app's edge file (ADR 0028): `api.py`, `views.py`, … or a file in its `api/`, `views/`, … folder."""
    return bestand.name in RAND or bool(RANDMAPPEN & set(bestand.relative_to(PAKKET).parts[1:-1]))


def _melding(bestand: Path, imp: Import) -> str:
    return f"{bestand.relative_to(PAKKET)}:{imp.regel} importeert {imp.module}"


@pytest.mark.parametrize("app", DOMEIN)
def test_domeinapp_importeert_geen_hogere_laag(app):
    """A domain app imports lower apps, the foundation and the pure helpers; only its edge files also use the
    plumbing of api/ and web/. Anyone may use a neutral module or an entry point; no domain app imports ogc or conf."""
    toegestaan = {app, *DOMEIN[: DOMEIN.index(app)], *FUNDAMENT, *PUUR, *NEUTRAAL, *INGANG}
    fouten = [
        _melding(bestand, imp)
        for bestand, imp in _importregels(app)
        if _laag(imp.module) not in {None, *toegestaan} and not (_rand(bestand) and _laag(imp.module) in {"api", "web"})
    ]
    assert not fouten, "\n".join(fouten)


def test_regels_is_puur():
    fouten = [
        _melding(bestand, imp)
        for bestand, imp in _importregels("regels")
        if imp.module.split(".")[0] == "django" or _laag(imp.module) not in {None, "regels"}
    ]
    assert not fouten, "\n".join(fouten)


def test_geo_importeert_geen_app():
    fouten = [_melding(b, imp) for b, imp in _importregels("geo") if _laag(imp.module) not in {None, "geo"}]
    assert not fouten, "\n".join(fouten)


@pytest.mark.parametrize("laag", sorted(BUITEN))
def test_buitenlaag(laag):
    """web and api never import each other (what both need is in a neutral module); nobody imports ogc (ogc uses
    api's problem details); the outer layer never imports conf."""
    verboden = BUITEN - {laag} - ({"api"} if laag == "ogc" else set()) | BOVEN
    fouten = [_melding(b, imp) for b, imp in _importregels(laag) if _laag(imp.module) in verboden]
    assert not fouten, "\n".join(fouten)


@pytest.mark.parametrize("laag", sorted(NEUTRAAL | INGANG))
def test_neutraal_en_ingang_importeren_geen_app(laag):
    fouten = [_melding(b, imp) for b, imp in _importregels(laag) if _laag(imp.module) not in {None, laag}]
    assert not fouten, "\n".join(fouten)


def test_niemand_importeert_conf():
    fouten = [
        _melding(b, imp) for laag in set(LAGEN) - BOVEN for b, imp in _importregels(laag) if _laag(imp.module) in BOVEN
    ]
    assert not fouten, "\n".join(fouten)


def test_elke_laag_is_geplaatst():
    """A new app or top-level module must be placed in a layer (here and in ADR 0028) before this test passes."""
    bekend = PUUR | set(DOMEIN) | BUITEN | NEUTRAAL | BOVEN | INGANG
    assert set(LAGEN) <= bekend, f"plaats in tests/test_lagen.py en ADR 0028: {sorted(set(LAGEN) - bekend)}"
