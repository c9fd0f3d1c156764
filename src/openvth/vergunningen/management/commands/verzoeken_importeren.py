"""`openvth verzoeken-importeren FILE.json|DIR --gebruiker U [--organisatie ORG]`: portal messages in.

Each file holds one request message (`verzoekbericht.schema.json`) or a list of them; a folder is read file by file
in name order. Every message is one transaction: it is received, recognised as already received (nothing changes),
or refused with the file, the message's place in it (and for unreadable JSON the line and column) and the field.
The command goes on after a refusal and exits non-zero when any message was refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from openvth.organisaties.fouten import Domeinfout, OngeldigeInvoer
from openvth.organisaties.management.acteur import actor_uit_opdracht
from openvth.organisaties.management.fouten import melding
from openvth.vergunningen.services import verzoekbericht_verwerken


def _bestanden(pad: Path) -> list[Path]:
    if pad.is_dir():
        return sorted(p for p in pad.iterdir() if p.is_file() and p.suffix.lower() == ".json")
    if pad.is_file():
        return [pad]
    raise CommandError(f"{pad}: bestand of map bestaat niet.")


def _berichten(bestand: Path) -> list[Any]:
    try:
        inhoud = json.loads(bestand.read_text(encoding="utf-8"))
    except json.JSONDecodeError as fout:
        raise ValueError(f"{bestand}:{fout.lineno}:{fout.colno}: geen geldige JSON ({fout.msg})") from None
    except (OSError, UnicodeDecodeError) as fout:
        raise ValueError(f"{bestand}: niet te lezen ({fout})") from None
    return inhoud if isinstance(inhoud, list) else [inhoud]


def _uitleg(fout: Domeinfout) -> str:
    """The operator's sentence, led by the field at fault when the sentence does not name it itself."""
    tekst = melding(fout)
    if isinstance(fout, OngeldigeInvoer) and fout.melding is not None and fout.velden:
        return f"veld {', '.join(fout.velden)}: {tekst}"
    return tekst


class Command(BaseCommand):
    help = "Verzoekberichten van het Omgevingsloket inlezen (JSON-bestand of map); idempotent per bericht."
    requires_system_checks = []  # a file import, not the web application: as `openvth import`

    def add_arguments(self, parser):
        parser.add_argument("pad", type=Path, help="een .json-bestand (één bericht of een lijst) of een map")
        parser.add_argument("--gebruiker", required=True, help="de gebruiker namens wie ingelezen wordt")
        parser.add_argument("--organisatie", default=None, help="code van de organisatie (standaard de eerste)")

    def handle(self, *args, pad: Path, gebruiker: str, organisatie: str | None, **opties):
        actor = actor_uit_opdracht(gebruiker, organisatie)
        geweigerd = ontvangen = al_ontvangen = 0
        for bestand in _bestanden(pad):
            try:
                berichten = _berichten(bestand)
            except ValueError as fout:
                self.stderr.write(str(fout))
                geweigerd += 1
                continue
            for i, bericht in enumerate(berichten):
                plaats = f"{bestand}" if len(berichten) == 1 else f"{bestand} [bericht {i + 1}]"
                try:
                    verwerking = verzoekbericht_verwerken(actor=actor, bericht=bericht)
                except Domeinfout as fout:
                    self.stderr.write(f"{plaats}: {_uitleg(fout)}")
                    geweigerd += 1
                    continue
                ontvangen += verwerking.nieuw
                al_ontvangen += not verwerking.nieuw
                self.stdout.write(f"{plaats}: {verwerking.melding}")
        self.stdout.write(f"Ontvangen: {ontvangen}; al ontvangen: {al_ontvangen}; geweigerd: {geweigerd}.")
        if geweigerd:
            raise CommandError(f"{geweigerd} bericht(en) geweigerd; zie hierboven.")
