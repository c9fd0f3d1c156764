"""`openvth load-sjablonen`: load the default letter templates (waarschuwing, voornemen, besluit LOD); idempotent."""

from django.core.management.base import BaseCommand
from rich.console import Console

from openvth.handhaving.documenten import sjablonen_laden
from openvth.organisaties.management.fouten import domeinfouten
from openvth.organisaties.services import systeem_actor


class Command(BaseCommand):
    help = "Laad de standaardsjablonen voor handhavingsbrieven (organisaties passen hun eigen kopie aan)."

    def handle(self, *args, verbosity: int = 1, **opties):
        with domeinfouten("Niets geladen: "):
            verslag = sjablonen_laden(actor=systeem_actor("load-sjablonen"))
        if not verbosity:
            return
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        console.print(
            f"Briefsjablonen: {len(verslag.aangemaakt)} nieuw, {len(verslag.bijgewerkt)} bijgewerkt, "
            f"{len(verslag.ongewijzigd)} ongewijzigd."
        )
        for soort in verslag.bijgewerkt:
            console.print(f"  bijgewerkt (nieuwe versie): {soort}")
