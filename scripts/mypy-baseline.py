#!/usr/bin/env python3
"""mypy over src, tests and benchmarks, with a baseline that may only shrink (issue 14).

The strict modules (the override in pyproject.toml's [tool.mypy] that sets ``disallow_untyped_defs``: regels/
and organisaties/toegang.py) must have no error at all. Everywhere else lint/mypy-baseline.txt holds the known
errors, counted per file and error code. The check fails when a file has more errors of a code than the baseline
allows (a new error) and says how to shrink the baseline when it has fewer.

Counts per (file, code) rather than the error lines themselves: line numbers move with every edit above an error
and messages change with every stubs release, while a count stays put; the code still catches a new kind of error
in a file that happens to lose an old one.

    python scripts/mypy-baseline.py                # check (make lint, scripts/test.sh)
    python scripts/mypy-baseline.py --bijwerken    # rewrite the baseline from today's errors (make mypy-baseline)
    python scripts/mypy-baseline.py -- ARGS        # extra mypy arguments, e.g. --shadow-file (tests/test_mypy.py)

Exit status: 0 clean (or fewer errors than the baseline), 1 new errors or an error in a strict module, 2 mypy did
not run to the end (a crash, a syntax error, a broken configuration).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "lint" / "mypy-baseline.txt"
KOP = """\
# Known mypy errors outside the strict modules: file, error code, count. This list may only shrink.
# Fixed some, or moved code? Regenerate it with `make mypy-baseline` (scripts/mypy-baseline.py --bijwerken).
"""

# path:line[:column]: error: message  [code]   (a file-level error has no line number)
_FOUT = re.compile(r"^(?P<pad>[^:\s][^:]*?):(?:\d+:)?(?:\d+:)? error: (?P<tekst>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$")

Sleutel = tuple[str, str]  # (file, error code)


@dataclass
class Fout:
    pad: str
    code: str
    regel: str  # the line as mypy printed it, for the report


@dataclass
class Uitslag:
    nieuw: dict[Sleutel, tuple[int, int]] = field(default_factory=dict)  # (file, code) → (baseline, now)
    minder: dict[Sleutel, tuple[int, int]] = field(default_factory=dict)
    streng: list[Fout] = field(default_factory=list)  # any error in a strict module

    @property
    def geslaagd(self) -> bool:
        return not self.nieuw and not self.streng


def strenge_paden(pyproject: Path = ROOT / "pyproject.toml") -> tuple[str, ...]:
    """Path prefixes of the strict modules, read from the override that disallows untyped definitions."""
    mypy = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["mypy"]
    paden: list[str] = []
    for override in mypy.get("overrides", []):
        if not override.get("disallow_untyped_defs"):
            continue
        modules = override["module"]
        for module in [modules] if isinstance(modules, str) else modules:
            deel = "src/" + module.removesuffix(".*").replace(".", "/")
            paden.append(deel + "/" if module.endswith(".*") else deel + ".py")
    return tuple(paden)


def lees_fouten(uitvoer: str) -> list[Fout]:
    fouten = []
    for regel in uitvoer.splitlines():
        if m := _FOUT.match(regel):
            fouten.append(Fout(m["pad"].replace(os.sep, "/"), m["code"] or "zonder-code", regel))
    return fouten


def tel(fouten: list[Fout], strikt: tuple[str, ...]) -> Counter[Sleutel]:
    return Counter((f.pad, f.code) for f in fouten if not f.pad.startswith(strikt))


def lees_baseline(pad: Path = BASELINE) -> Counter[Sleutel]:
    telling: Counter[Sleutel] = Counter()
    if not pad.exists():
        return telling
    for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1):
        if not regel.strip() or regel.startswith("#"):
            continue
        try:
            bestand, code, aantal = regel.split()
            telling[(bestand, code)] = int(aantal)
        except ValueError:
            raise SystemExit(f"{pad}:{nummer}: expected 'file code count', got {regel!r}") from None
    return telling


def schrijf_baseline(telling: Counter[Sleutel], pad: Path = BASELINE) -> None:
    regels = [f"{bestand} {code} {aantal}" for (bestand, code), aantal in sorted(telling.items()) if aantal]
    pad.write_text(KOP + "\n".join(regels) + "\n", encoding="utf-8")


def vergelijk(fouten: list[Fout], baseline: Counter[Sleutel], strikt: tuple[str, ...]) -> Uitslag:
    nu = tel(fouten, strikt)
    uitslag = Uitslag(streng=[f for f in fouten if f.pad.startswith(strikt)])
    for sleutel in sorted(set(nu) | set(baseline)):
        oud, nieuw = baseline[sleutel], nu[sleutel]
        if nieuw > oud:
            uitslag.nieuw[sleutel] = (oud, nieuw)
        elif nieuw < oud:
            uitslag.minder[sleutel] = (oud, nieuw)
    return uitslag


def rapport(uitslag: Uitslag, fouten: list[Fout]) -> str:
    delen = []
    if uitslag.streng:
        delen.append(
            "Errors in a strict module (regels/, organisaties/toegang.py): these are never baselined; fix them "
            "with real annotations (a `# type: ignore[code]` only where a stub is wrong, with the reason):"
        )
        delen += [f"  {f.regel}" for f in uitslag.streng]
    if uitslag.nieuw:
        delen.append("New mypy errors (more than lint/mypy-baseline.txt allows for this file and error code):")
        for (bestand, code), (oud, nieuw) in uitslag.nieuw.items():
            delen.append(f"  {bestand} [{code}]: {oud} known, now {nieuw}:")
            delen += [f"    {f.regel}" for f in fouten if (f.pad, f.code) == (bestand, code)]
        erbij = sum(nieuw - oud for oud, nieuw in uitslag.nieuw.values())
        eraf = sum(oud - nieuw for oud, nieuw in uitslag.minder.values())
        delen.append(
            "Fix them. Only if the code merely moved (a file renamed or split), regenerate the baseline with "
            "`make mypy-baseline` and check in its diff that no count grew"
            + (f" (here {erbij} new against {eraf} gone: a move looks likely)." if erbij <= eraf else ".")
        )
    if uitslag.minder:
        minder = sum(oud - nieuw for oud, nieuw in uitslag.minder.values())
        delen.append(
            f"{minder} error(s) fewer than the baseline, in: "
            + ", ".join(f"{b} [{c}] {oud}→{nieuw}" for (b, c), (oud, nieuw) in uitslag.minder.items())
            + ". Shrink the baseline so they cannot come back: `make mypy-baseline`, and commit "
            "lint/mypy-baseline.txt."
        )
    return "\n".join(delen)


def draai_mypy(extra: list[str]) -> tuple[int, str]:
    # The django-stubs plugin imports the settings (tests.instellingen) in mypy's own process: from this checkout's
    # src and root, not from whatever checkout the virtualenv's editable install points at.
    omgeving = dict(os.environ)
    omgeving["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH")]))
    proces = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-color-output", "--no-pretty", *extra],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
    )
    return proces.returncode, proces.stdout + proces.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bijwerken", action="store_true", help="rewrite lint/mypy-baseline.txt from today's errors")
    parser.add_argument("mypy_args", nargs="*", help="extra mypy arguments, after --")
    args = parser.parse_args(argv)

    status, uitvoer = draai_mypy(args.mypy_args)
    fouten = lees_fouten(uitvoer)
    if status not in (0, 1) or (status == 1 and not fouten):
        print(uitvoer, end="")
        print(f"mypy did not finish (exit status {status}).", file=sys.stderr)
        return 2
    strikt = strenge_paden()
    if args.bijwerken:
        schrijf_baseline(tel(fouten, strikt))
        uitslag = vergelijk(fouten, lees_baseline(), strikt)
        print(f"{BASELINE.relative_to(ROOT)}: {sum(tel(fouten, strikt).values())} known errors.")
        if uitslag.streng:
            print(rapport(uitslag, fouten))
            return 1
        return 0
    uitslag = vergelijk(fouten, lees_baseline(), strikt)
    if tekst := rapport(uitslag, fouten):
        print(tekst)
    buiten = sum(tel(fouten, strikt).values())
    print(
        f"mypy: {len(uitslag.streng)} error(s) in the strict modules, {buiten} elsewhere "
        f"(baseline {sum(lees_baseline().values())})."
    )
    return 0 if uitslag.geslaagd else 1


if __name__ == "__main__":
    sys.exit(main())
