"""`openvth load-reference`: load organisations and work areas; idempotent, reports what changed."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from openvth.organisaties.referentiebestanden import STANDAARD_MAP, ReferentieFout
from openvth.organisaties.services import referentie_laden, systeem_actor


class Command(BaseCommand):
    help = "Laad de referentiegegevens (gemeenten, provincies, waterschappen, omgevingsdiensten, ketenpartners)."

    def add_arguments(self, parser):
        parser.add_argument("--map", type=Path, default=STANDAARD_MAP, help="map met de CSV-bestanden")

    def handle(self, *args, map: Path, verbosity: int, **opties):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        try:
            with console.status("Referentiegegevens laden…"):
                verslag = referentie_laden(actor=systeem_actor("load-reference"), map=map)
        except ReferentieFout as fout:
            raise CommandError(f"Niets geladen: {fout}") from fout
        console.print(
            f"Referentiegegevens: {len(verslag.aangemaakt)} nieuw, {len(verslag.gewijzigd)} gewijzigd, "
            f"{verslag.ongewijzigd} ongewijzigd."
        )
        for regel in verslag.gewijzigd:
            console.print(f"  gewijzigd: {regel}")
        if verbosity > 1:
            for regel in verslag.aangemaakt:
                console.print(f"  nieuw: {regel}")
        if verslag.niet_meer_in_bestand:
            console.print(
                "  [yellow]Niet meer in de bestanden (niet verwijderd):[/] " + ", ".join(verslag.niet_meer_in_bestand)
            )
