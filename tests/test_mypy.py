"""The mypy check (scripts/mypy-baseline.py): strict modules allow no error, elsewhere the baseline only shrinks."""

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("mypy_baseline", ROOT / "scripts" / "mypy-baseline.py")
assert _spec and _spec.loader
mb = importlib.util.module_from_spec(_spec)
sys.modules["mypy_baseline"] = mb  # dataclasses look their module up while the class is being made
_spec.loader.exec_module(mb)

STRIKT = ("src/openvth/regels/", "src/openvth/organisaties/toegang.py")


def _uitvoer(*regels: str) -> list:
    return mb.lees_fouten("\n".join(regels))


def test_de_strenge_modules_komen_uit_pyproject():
    assert mb.strenge_paden() == STRIKT


def test_uitvoer_lezen_regel_kolom_bestandsniveau_en_noten():
    fouten = _uitvoer(
        "src/openvth/web/views.py:12: error: Incompatible types in assignment (x)  [assignment]",
        "src/openvth/web/views.py:12:5: error: Name 'y' is not defined  [name-defined]",
        "src/openvth/web/views.py:12: note: See https://mypy.readthedocs.io",
        "tests/x.py: error: Duplicate module named 'x'",
        "Found 3 errors in 2 files (checked 3 source files)",
    )
    assert [(f.pad, f.code) for f in fouten] == [
        ("src/openvth/web/views.py", "assignment"),
        ("src/openvth/web/views.py", "name-defined"),
        ("tests/x.py", "zonder-code"),
    ]


def test_meer_fouten_dan_de_baseline_faalt_en_noemt_ze():
    fouten = _uitvoer(
        "src/openvth/web/views.py:1: error: a  [arg-type]",
        "src/openvth/web/views.py:9: error: b  [arg-type]",
    )
    uitslag = mb.vergelijk(fouten, Counter({("src/openvth/web/views.py", "arg-type"): 1}), STRIKT)
    assert not uitslag.geslaagd
    assert uitslag.nieuw == {("src/openvth/web/views.py", "arg-type"): (1, 2)}
    tekst = mb.rapport(uitslag, fouten)
    assert "1 known, now 2" in tekst and "views.py:9: error: b" in tekst


def test_een_nieuwe_soort_fout_telt_ook_als_een_andere_verdwijnt():
    fouten = _uitvoer("src/openvth/web/views.py:1: error: a  [union-attr]")
    uitslag = mb.vergelijk(fouten, Counter({("src/openvth/web/views.py", "arg-type"): 1}), STRIKT)
    assert not uitslag.geslaagd
    assert set(uitslag.nieuw) == {("src/openvth/web/views.py", "union-attr")}


def test_verplaatste_code_faalt_maar_de_melding_wijst_op_een_verhuizing():
    fouten = _uitvoer("src/openvth/toezicht/api/controles.py:1: error: a  [arg-type]")
    uitslag = mb.vergelijk(fouten, Counter({("src/openvth/toezicht/api.py", "arg-type"): 1}), STRIKT)
    assert not uitslag.geslaagd
    assert "1 new against 1 gone: a move looks likely" in mb.rapport(uitslag, fouten)


def test_minder_fouten_slaagt_en_zegt_hoe_de_baseline_krimpt():
    baseline = Counter({("src/openvth/web/views.py", "arg-type"): 2, ("src/weg.py", "misc"): 1})
    fouten = _uitvoer("src/openvth/web/views.py:1: error: a  [arg-type]")
    uitslag = mb.vergelijk(fouten, baseline, STRIKT)
    assert uitslag.geslaagd
    tekst = mb.rapport(uitslag, fouten)
    assert "2 error(s) fewer" in tekst and "make mypy-baseline" in tekst


def test_een_fout_in_een_strenge_module_faalt_ook_met_een_baseline():
    fouten = _uitvoer("src/openvth/organisaties/toegang.py:3: error: a  [no-untyped-def]")
    baseline = Counter({("src/openvth/organisaties/toegang.py", "no-untyped-def"): 5})
    uitslag = mb.vergelijk(fouten, baseline, STRIKT)
    assert not uitslag.geslaagd and uitslag.streng
    assert mb.tel(fouten, STRIKT) == Counter()  # --bijwerken never writes it into the baseline


def test_baseline_schrijven_en_lezen(tmp_path):
    telling = Counter({("src/b.py", "misc"): 2, ("src/a.py", "arg-type"): 1, ("src/c.py", "index"): 0})
    pad = tmp_path / "baseline.txt"
    mb.schrijf_baseline(telling, pad)
    assert pad.read_text().splitlines()[-2:] == ["src/a.py arg-type 1", "src/b.py misc 2"]
    assert mb.lees_baseline(pad) == +telling


def test_een_typefout_in_regels_laat_de_controle_falen(tmp_path, capsys):
    """The real thing: mypy reads termijnen.py with a deliberate type error and an unannotated function (only
    an error where mypy is strict) appended, through --shadow-file, so the source tree stays untouched."""
    bron = ROOT / "src" / "openvth" / "regels" / "termijnen.py"
    kapot = tmp_path / "termijnen.py"
    kapot.write_text(
        bron.read_text(encoding="utf-8")
        + "\n\ndef _kapot() -> int:\n    return 'geen getal'\n\n\ndef _zonder_annotaties(x):\n    return x\n",
        encoding="utf-8",
    )
    status = mb.main(["--", "--shadow-file", str(bron.relative_to(ROOT)), str(kapot)])
    uitvoer = capsys.readouterr().out
    assert status == 1, uitvoer
    strikt = uitvoer.split("Errors in a strict module", 1)[1]
    assert "src/openvth/regels/termijnen.py" in strikt
    assert "[return-value]" in strikt and "[no-untyped-def]" in strikt


@pytest.mark.parametrize("regel", ["src/a.py misc", "src/a.py misc veel"])
def test_een_kapotte_baseline_regel_wordt_genoemd(tmp_path, regel):
    pad = tmp_path / "baseline.txt"
    pad.write_text(regel + "\n")
    with pytest.raises(SystemExit, match="baseline.txt:1"):
        mb.lees_baseline(pad)
