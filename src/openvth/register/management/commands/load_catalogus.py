"""`openvth load-catalogus [--bestand CSV]`: load or update the catalogue of activities (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from openvth.organisaties.management.fouten import domeinfouten
from openvth.organisaties.services import systeem_actor
from openvth.register.services import CATALOGUS, catalogus_laden


class Command(BaseCommand):
    help = "Laad de catalogus van milieubelastende activiteiten (Bal hoofdstuk 3) uit een CSV-bestand."

    def add_arguments(self, parser):
        parser.add_argument("--bestand", type=Path, default=CATALOGUS)
        parser.add_argument("--versie", default=None, help="versie-aanduiding (standaard de bestandsnaam)")

    def handle(self, *args, bestand, versie, **opties):
        with domeinfouten("Niets geladen: "):
            verslag = catalogus_laden(actor=systeem_actor("load-catalogus"), pad=bestand, versie=versie)
        self.stdout.write(
            f"Catalogus: {verslag.aangemaakt} nieuw, {len(verslag.gewijzigd)} gewijzigd, "
            f"{verslag.ongewijzigd} ongewijzigd."
        )
        for regel in verslag.gewijzigd:
            self.stdout.write(f"  gewijzigd: {regel}")
