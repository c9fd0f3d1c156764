"""`openvth import FILE --profiel NAME --gebruiker U [--organisatie ORG] [--bron-systeem X] [--batch N]`.

Runs as a person (their roles and organisation decide which rows they may write), shows a progress bar, prints
the summary and the path of the quality report. Exits non-zero only when the file as a whole is refused (or the
person may not import at all); rejected rows are a result, not a failure.

`openvth import --lijst --gebruiker U` lists the organisation's unfinished runs and says which have stalled;
`openvth import --hervat UUID --gebruiker U` carries a stalled or failed upload on here, after its last batch
(a run started by this command resumes by giving the same command again).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from openvth.organisaties.management.acteur import actor_uit_opdracht
from openvth.organisaties.management.fouten import domeinfouten
from openvth.register.importeren import selectors as importselectors
from openvth.register.importeren.lezen import OngeldigBestand
from openvth.register.importeren.profiel import ProfielFout, profiel_laden
from openvth.register.importeren.verwerken import (
    STANDAARD_BATCH,
    AlBezig,
    importeer,
    importrun_uitvoeren,
    rapportpad,
    redenen_met_label,
)
from openvth.register.importeren.wachtrij import NietHervatbaar, importrun_hervatten, stilgevallen
from openvth.register.models import Importrun, Importstatus


class Command(BaseCommand):
    help = "Importeer activiteituitvoeringen uit CSV, JSON of GeoJSON met een mappingprofiel (hervat waar nodig)."
    # The system checks (URL configuration, templates, security settings) take ~2 s here and concern the web
    # application, not a file import; `openvth serve` and `check --deploy` run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path, nargs="?")
        parser.add_argument("--profiel", help="naam van het profiel (openvth, squit-export) of pad.json")
        parser.add_argument("--gebruiker", required=True, help="de gebruiker namens wie geïmporteerd wordt")
        parser.add_argument("--organisatie", default=None, help="code van de organisatie (standaard de eerste)")
        parser.add_argument("--bron-systeem", dest="bron_systeem", default=None, help="standaard die van het profiel")
        parser.add_argument("--batch", type=int, default=STANDAARD_BATCH, help="rijen per transactie")
        parser.add_argument("--pauze", type=float, default=0.0, help="seconden rust tussen batches (ontziet de db)")
        parser.add_argument("--lijst", action="store_true", help="toon de onvoltooide imports en welke stilstaan")
        parser.add_argument("--hervat", metavar="UUID", help="zet een stilgevallen of mislukte upload hier voort")

    def handle(self, *args, bestand, profiel, gebruiker, organisatie, bron_systeem, batch, pauze, **opties):
        console = Console(file=self.stdout, highlight=False)
        actor = actor_uit_opdracht(gebruiker, organisatie)
        if opties["lijst"]:
            self._lijst(console, actor)
            return
        if opties["hervat"]:
            self._hervat(console, actor, opties["hervat"])
            return
        if bestand is None or not profiel:
            raise CommandError("Geef een bestand en --profiel (of --lijst, of --hervat UUID).")
        try:
            gekozen = profiel_laden(profiel)
        except ProfielFout as fout:
            raise CommandError(str(fout)) from None
        run = self._met_balk(
            console,
            lambda voortgang: importeer(
                actor=actor,
                pad=bestand,
                profiel=gekozen,
                bron_systeem=bron_systeem,
                batchgrootte=batch,
                voortgang=voortgang,
                pauze=pauze,
            ),
        )
        self._samenvatting(console, run)

    def _met_balk(self, console: Console, importeren):
        """Run `importeren(voortgang)` under a progress bar; a refusal becomes the command's error."""
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
                with domeinfouten():
                    return importeren(voortgang)
            except OngeldigBestand as fout:
                raise CommandError(f"Bestand geweigerd, niets opgeslagen: {fout}") from None
            except AlBezig as fout:
                raise CommandError(str(fout)) from None

    def _lijst(self, console: Console, actor) -> None:
        with domeinfouten():
            runs = importselectors.importrun_list(actor=actor).filter(
                status__in=(Importstatus.WACHTRIJ, Importstatus.BEZIG, Importstatus.MISLUKT)
            )
        regels = []
        for run in runs:
            status = run.get_status_display() + (" — stilgevallen" if not run.klaar and stilgevallen(run) else "")
            rijen = f"{run.verwerkt}" + (f"/{run.totaal}" if run.totaal else "")
            regels.append(f"{run.uuid}  {status}  {rijen} rijen  {run.bestandsnaam}  {run.eigenaar}".rstrip())
        console.print("\n".join(regels) or "Geen onvoltooide imports.", soft_wrap=True, markup=False)

    def _hervat(self, console: Console, actor, uuid: str) -> None:
        try:
            with domeinfouten(niet_gevonden=f"Geen import {uuid} van uw organisatie."):
                run = importrun_hervatten(actor=actor, uuid=uuid, op_achtergrond=False)
        except NietHervatbaar as fout:
            raise CommandError(str(fout)) from None
        except ValidationError:
            raise CommandError(f"Geen import {uuid} van uw organisatie.") from None
        status = self._met_balk(console, lambda voortgang: importrun_uitvoeren(str(run.uuid), voortgang=voortgang))
        run = Importrun.objects.get(pk=run.pk)
        if status != Importstatus.VOLTOOID:
            raise CommandError(f"Import {run.uuid} {run.get_status_display()}: {run.melding}")
        self._samenvatting(console, run)

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
