"""`openvth demo`: migrate, load reference and demo data, print the log-ins, and serve.

The register gets the catalogue and one omgevingsdienst region of synthetic data (DEMO_DIENST, 5,000 locations,
seed 2026), so the demo feels real; a second `openvth demo` skips generating when synthetic rows are there.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from openvth.handhaving.demo import handhaving_demo_laden
from openvth.organisaties.demo import DEMO_DIENST, DEMO_WACHTWOORD, demo_laden
from openvth.organisaties.services import systeem_actor
from openvth.register.generator import BRON_SYSTEEM
from openvth.register.models import Activiteituitvoering
from openvth.toezicht.management.demo import d4_bewijs, toezicht_demo_laden
from openvth.vergunningen.demo import vergunningen_demo_laden

DEMO_LOCATIES = 5_000
DEMO_SEED = 2026


class Command(BaseCommand):
    help = "Zet de demo klaar (SQLite in de datamap) en start de server."

    def add_arguments(self, parser):
        parser.add_argument("--geen-server", action="store_true", help="alleen klaarzetten, niet serveren")
        parser.add_argument("--bind", default="127.0.0.1:8000")

    def handle(self, *args, geen_server, bind, **opties):
        if settings.PRODUCTIE:
            raise CommandError("De demo draait niet met OPENVTH_PRODUCTIE=1.")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        console = Console(file=self.stdout, highlight=False)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference", stdout=self.stdout)
        call_command("load_catalogus", stdout=self.stdout)
        call_command("load_codelijsten", stdout=self.stdout)
        call_command("load_sjablonen", stdout=self.stdout)
        if Activiteituitvoering.objects.filter(bron_systeem=BRON_SYSTEEM).exists():
            self.stdout.write("Synthetische registerdata staat er al; niet opnieuw gegenereerd.")
        else:
            call_command(
                "generate",
                locaties=DEMO_LOCATIES,
                seed=DEMO_SEED,
                omgevingsdienst=DEMO_DIENST,
                stdout=self.stdout,
            )
        gebruikers = demo_laden(actor=systeem_actor("demo"))
        if toezicht_demo_laden(dienst_code=DEMO_DIENST):
            self.stdout.write("Toezicht: risicoanalyse, uitvoeringsprogramma, checklists, controles en een keten.")
        if handhaving_demo_laden(dienst_code=DEMO_DIENST, bewijs=d4_bewijs):
            self.stdout.write("Handhaving: vier zaken (waarschuwing, last onder dwangsom, invordering, strafrecht).")
        gebruikers = [*gebruikers, *vergunningen_demo_laden(dienst_code=DEMO_DIENST)]
        tabel = Table("gebruiker", "wachtwoord", "rol(len) en organisatie", title="Demo-log-ins")
        for g in gebruikers:
            tabel.add_row(
                g.naam,
                DEMO_WACHTWOORD,
                g.omschrijving + " — " + ", ".join(f"{code}: {'/'.join(rollen)}" for code, rollen in g.leden.items()),
            )
        console.print(tabel)
        console.print(
            "Tweede factor: [bold].venv/bin/openvth totp GEBRUIKER[/] toont de actuele code van een demo-gebruiker."
        )
        console.print(f"Database: {settings.DATABASES['default']['NAME']}")
        if not geen_server:
            call_command("serve", bind=bind)
