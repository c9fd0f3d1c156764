"""One step of the benchmark inside a Django process pointed at one scratch database (`python -m benchmarks.stap`).

The runner (`python -m benchmarks`) starts a fresh process per step because each step needs its own database in
Django's default connection; every step first checks that this is a scratch database (`vereis_kladblok`).

MODULES are the in-process benchmark modules, each with `run(*, klein: bool) -> list[dict]` (rows of the shape
in kader.py). A module that cannot be imported (e.g. `benchmarks.toezicht` before it exists) is reported as
"not measured" with its ImportError; a module that fails is reported likewise and makes the run fail.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import traceback
from pathlib import Path

MODULES = [
    "benchmarks.kaart",
    "benchmarks.pagina",
    "benchmarks.doorvoer",
    "benchmarks.toezicht",
    "benchmarks.vergunningen",
]


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openvth.conf.settings")
    import django

    django.setup()
    from .kladblok import vereis_kladblok

    vereis_kladblok()


def metingen(klein: bool) -> tuple[list[dict], bool]:
    from .kader import controleer, niet_gemeten

    rijen, goed = [], True
    for naam in MODULES:
        try:
            module = importlib.import_module(naam)
        except ImportError as fout:
            rijen.append(niet_gemeten(naam, "", "", f"module niet te laden ({fout})"))
            continue
        try:
            rijen.extend(controleer(rij) for rij in module.run(klein=klein))
        except Exception as fout:  # noqa: BLE001 - reported in the report and in the exit code
            traceback.print_exc()
            rijen.append(niet_gemeten(naam, "", "", f"FOUT {type(fout).__name__}: {fout}"))
            goed = False
    return rijen, goed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stap")
    sub = parser.add_subparsers(dest="stap", required=True)
    sub.add_parser("importeur")
    p = sub.add_parser("csv")
    p.add_argument("pad", type=Path)
    p = sub.add_parser("metingen")
    p.add_argument("uitvoer", type=Path)
    p.add_argument("--klein", action="store_true")
    p = sub.add_parser("importexport")
    p.add_argument("pad", type=Path)
    p.add_argument("uitvoer", type=Path)
    p.add_argument("--voorvoegsel", required=True)
    p = sub.add_parser("tel")
    p.add_argument("bron_systeem")
    args = parser.parse_args(argv)
    _django()
    if args.stap == "importeur":
        from .wereld import maak_importeur

        print(maak_importeur())
    elif args.stap == "csv":
        from .gegevens import schrijf_importbestand

        print(schrijf_importbestand(args.pad))
    elif args.stap == "tel":
        from openvth.register.models import Activiteituitvoering

        print(Activiteituitvoering.objects.filter(bron_systeem=args.bron_systeem).count())
    elif args.stap == "importexport":
        from .importexport import importeer

        aantal, seconden = importeer(args.pad, args.voorvoegsel)
        args.uitvoer.write_text(json.dumps({"rijen": aantal, "seconden": seconden}))
    elif args.stap == "metingen":
        rijen, goed = metingen(args.klein)
        args.uitvoer.write_text(json.dumps(rijen, ensure_ascii=False, indent=1))
        return 0 if goed else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
