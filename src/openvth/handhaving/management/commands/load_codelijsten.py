"""`openvth load-codelijsten [--bestand JSON]`: load or update the CIM code lists of enforcement (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from openvth.handhaving.codelijsten import BESTAND, codelijsten_laden
from openvth.organisaties.management.fouten import domeinfouten
from openvth.organisaties.services import systeem_actor


class Command(BaseCommand):
    help = "Laad de CIM-codelijsten Handhavingsinstrument, Gedrag, Gevolg en Resultaat bevinding."

    def add_arguments(self, parser):
        parser.add_argument("--bestand", type=Path, default=BESTAND)

    def handle(self, *args, bestand, **opties):
        with domeinfouten("Niets geladen: "):
            verslag = codelijsten_laden(actor=systeem_actor("load-codelijsten"), pad=bestand)
        if not opties.get("verbosity", 1):
            return
        self.stdout.write(
            f"Codelijsten: {len(verslag.aangemaakt)} nieuw, {len(verslag.gewijzigd)} gewijzigd, "
            f"{verslag.ongewijzigd} ongewijzigd."
        )
        for regel in verslag.gewijzigd:
            self.stdout.write(f"  gewijzigd: {regel}")
        for regel in verslag.niet_meer_in_bestand:
            self.stdout.write(f"  niet meer in het bestand (blijft bewaard; beëindig met geldig_tot): {regel}")
