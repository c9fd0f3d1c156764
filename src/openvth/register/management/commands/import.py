"""`openvth import FILE --profiel NAME --gebruiker U [--organisatie ORG] [--bron-systeem X] [--batch N]`.

Runs as a person (their roles and organisation decide which rows they may write), shows a progress bar, prints
the summary and the path of the quality report. Exits non-zero only when the file as a whole is refused (or the
person may not import at all); rejected rows are a result, not a failure.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from openvth.organisaties.models import Organisatie
from openvth.organisaties.selectors import actor_voor, lidmaatschappen_van
from openvth.organisaties.toegang import GeenToestemming
from openvth.register.importeren.lezen import OngeldigBestand
from openvth.register.importeren.profiel import ProfielFout, profiel_laden
from openvth.register.importeren.verwerken import (
    STANDAARD_BATCH,
    AlBezig,
    importeer,
    rapportpad,
    redenen_met_label,
)


class Command(BaseCommand):
    help = "Importeer activiteituitvoeringen uit CSV, JSON of GeoJSON met een mappingprofiel (hervat waar nodig)."
    # The system checks (URL configuration, templates, security settings) take ~2 s here and concern the web
    # application, not a file import; `openvth serve` and `check --deploy` run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)
        parser.add_argument("--profiel", required=True, help="naam van het profiel (openvth, squit-export) of pad.json")
        parser.add_argument("--gebruiker", required=True, help="de gebruiker namens wie geïmporteerd wordt")
        parser.add_argument("--organisatie", default=None, help="code van de organisatie (standaard de eerste)")
        parser.add_argument("--bron-systeem", dest="bron_systeem", default=None, help="standaard die van het profiel")
        parser.add_argument("--batch", type=int, default=STANDAARD_BATCH, help="rijen per transactie")
        parser.add_argument("--pauze", type=float, default=0.0, help="seconden rust tussen batches (ontziet de db)")

    def handle(self, *args, bestand, profiel, gebruiker, organisatie, bron_systeem, batch, pauze, **opties):
        console = Console(file=self.stdout, highlight=False)
        actor = self._actor(gebruiker, organisatie)
        try:
            gekozen = profiel_laden(profiel)
        except ProfielFout as fout:
            raise CommandError(str(fout)) from None
        with Progress(
            TextColumn("[bold]Import[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[stand]}"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
            # Redrawn from the progress callback, not by rich's refresh thread: with a second thread in the process
            # the importer does not fork its validating process (importeren/pijplijn.py).
            auto_refresh=False,
        ) as balk:
            taak = balk.add_task("import", total=None, stand="")
            eerste = [True]

            def voortgang(run):
                if eerste[0] and run.verwerkt:
                    console.print(f"Hervat import {run.uuid} na {run.verwerkt} van {run.totaal} rijen.")
                eerste[0] = False
                balk.update(
                    taak,
                    total=run.totaal,
                    completed=run.verwerkt,
                    stand=f"nieuw {run.aangemaakt} · gewijzigd {run.gewijzigd} · geweigerd {run.geweigerd}",
                    refresh=True,
                )

            try:
                run = importeer(
                    actor=actor,
                    pad=bestand,
                    profiel=gekozen,
                    bron_systeem=bron_systeem,
                    batchgrootte=batch,
                    voortgang=voortgang,
                    pauze=pauze,
                )
            except OngeldigBestand as fout:
                raise CommandError(f"Bestand geweigerd, niets opgeslagen: {fout}") from None
            except (GeenToestemming, AlBezig) as fout:
                raise CommandError(str(fout)) from None
        self._samenvatting(console, run)

    def _actor(self, gebruikersnaam: str, organisatiecode: str | None):
        try:
            persoon = get_user_model().objects.get(username=gebruikersnaam)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Onbekende gebruiker '{gebruikersnaam}'.") from None
        organisatie_id = None
        if organisatiecode:
            org = Organisatie.objects.filter(code__iexact=organisatiecode).first()
            if org is None:
                raise CommandError(f"Onbekende organisatiecode '{organisatiecode}'.")
            if org.pk not in {lid.organisatie_id for lid in lidmaatschappen_van(persoon)}:
                raise CommandError(f"{gebruikersnaam} is geen lid van {org.naam}.")
            organisatie_id = org.pk
        return actor_voor(persoon, organisatie_id=organisatie_id)

    def _samenvatting(self, console: Console, run) -> None:
        console.print(
            f"Import {run.uuid}: {run.bestandsnaam}, profiel {run.profiel} {run.profielversie}", soft_wrap=True
        )
        tabel = Table()
        tabel.add_column("resultaat")
        tabel.add_column("rijen", justify="right")
        for naam in ("aangemaakt", "gewijzigd", "ongewijzigd", "geweigerd"):
            tabel.add_row(naam, str(getattr(run, naam)))
        console.print(tabel)
        for _code, label, aantal in redenen_met_label(run):
            console.print(f"  geweigerd om: {label}: {aantal}")
        snelheid = run.rijen_per_seconde
        console.print(
            f"{run.verwerkt} rijen in {run.verwerkingstijd:.1f} s"
            + (f" ({snelheid:.0f} rijen/s)" if snelheid else "")
            + f"; bronsysteem {run.bron_systeem}."
        )
        console.print(f"Kwaliteitsrapport: {rapportpad(run)}", soft_wrap=True)
