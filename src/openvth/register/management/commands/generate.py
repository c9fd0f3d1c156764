"""`openvth generate --locaties N --seed S`: deterministic synthetic register data (see register/generator.py)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from openvth.register.generator import BRON_SYSTEEM, GeneratorFout, genereer


class Command(BaseCommand):
    help = (
        "Genereer realistische, reproduceerbare synthetische registerdata: locaties naar inwonertal over de "
        "gemeenten, VTH-objecten, vestigingen en activiteituitvoeringen met historie. Weigert als het bronsysteem "
        "al rijen heeft."
    )

    def add_arguments(self, parser):
        parser.add_argument("--locaties", type=int, required=True, help="aantal locaties (minstens 1)")
        parser.add_argument("--seed", type=int, required=True, help="zelfde seed, zelfde gegevens")
        parser.add_argument("--omgevingsdienst", default=None, help="alleen het werkgebied van deze dienst (code)")
        parser.add_argument("--bron-systeem", default=BRON_SYSTEEM, help=f"bronsysteem (standaard '{BRON_SYSTEEM}')")
        parser.add_argument(
            "--peildatum", type=date.fromisoformat, default=None, help="referentiedatum JJJJ-MM-DD (standaard vandaag)"
        )

    def handle(self, *args, locaties, seed, omgevingsdienst, bron_systeem, peildatum, **opties):
        peildatum = peildatum or timezone.localdate()
        # Progress goes to stderr, unwrapped: Django's OutputWrapper would add a newline to every refresh.
        console = Console(file=getattr(self.stderr, "_out", self.stderr), highlight=False)
        kolommen = (
            TextColumn("Genereren"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        )
        begin = time.perf_counter()  # for the reported rate only; the data never sees the clock
        try:
            with Progress(*kolommen, console=console, transient=True) as voortgang:
                taak = voortgang.add_task("locaties", total=locaties)
                verslag = genereer(
                    aantal=locaties,
                    seed=seed,
                    peildatum=peildatum,
                    omgevingsdienst=omgevingsdienst,
                    bron_systeem=bron_systeem,
                    voortgang=lambda n: voortgang.advance(taak, n),
                )
        except GeneratorFout as fout:
            raise CommandError(f"Niets gegenereerd: {fout}") from fout
        duur = max(time.perf_counter() - begin, 1e-9)
        self.stdout.write(
            f"Gegenereerd ({verslag.bron_systeem}, seed {verslag.seed}, peildatum {verslag.peildatum.isoformat()}): "
            f"{verslag.locaties} locaties in {verslag.gemeenten} gemeenten, {verslag.betrokkenen} betrokkenen "
            f"(waarvan {verslag.natuurlijke_personen} natuurlijke personen), {verslag.uitvoeringen} "
            f"activiteituitvoeringen (waarvan {verslag.historische_versies} eerdere versies)."
        )
        gezag = ", ".join(f"{soort} {aantal}" for soort, aantal in verslag.bevoegd_gezag.items())
        self.stdout.write(f"Bevoegd gezag (actuele versies): {gezag}.")
        if verslag.gemeenten_zonder_omgevingsdienst:
            self.stdout.write(
                f"Overgeslagen, want zonder omgevingsdienst op de peildatum: "
                f"{', '.join(verslag.gemeenten_zonder_omgevingsdienst)}."
            )
        self.stdout.write(
            f"Duur {duur:.1f} s: {verslag.locaties / duur:,.0f} locaties/s, {verslag.uitvoeringen / duur:,.0f} "
            f"uitvoeringen/s, {verslag.rijen / duur:,.0f} rijen/s."
        )
