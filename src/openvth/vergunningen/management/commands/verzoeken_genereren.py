"""`openvth verzoeken-genereren --seed S [--open N] [--besloten N] [--meldingen N]`: synthetic permit history on a
generated register, for benchmarks (see vergunningen/generator.py)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openvth.vergunningen.generator import VerzoekgeneratorFout, genereer_verzoeken


class Command(BaseCommand):
    help = (
        "Genereer reproduceerbare synthetische vergunninghistorie op het gegenereerde register: openstaande "
        "aanvragen met hun beslistermijn, besloten aanvragen (tijdig of niet) en afgehandelde meldingen. Weigert "
        "als er al synthetische verzoeken zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, required=True, help="zelfde seed, zelfde gegevens")
        parser.add_argument("--open", type=int, default=100_000, help="openstaande aanvragen (standaard 100.000)")
        parser.add_argument("--besloten", type=int, default=100_000, help="besloten aanvragen (standaard 100.000)")
        parser.add_argument("--meldingen", type=int, default=20_000, help="afgehandelde meldingen (standaard 20.000)")
        parser.add_argument(
            "--peildatum", type=date.fromisoformat, default=None, help="referentiedatum JJJJ-MM-DD (standaard vandaag)"
        )

    def handle(self, *args, seed, open, besloten, meldingen, peildatum, **opties):  # noqa: A002 - the option's name
        begin = time.perf_counter()  # for the reported duration only; the data never sees the clock
        try:
            verslag = genereer_verzoeken(
                open_aantal=open,
                besloten_aantal=besloten,
                meldingen_aantal=meldingen,
                seed=seed,
                peildatum=peildatum or timezone.localdate(),
            )
        except VerzoekgeneratorFout as fout:
            raise CommandError(f"Niets gegenereerd: {fout}") from fout
        statussen = ", ".join(f"{s} {n}" for s, n in sorted(verslag.per_status.items()))
        self.stdout.write(
            f"Gegenereerd (seed {verslag.seed}, peildatum {verslag.peildatum.isoformat()}): {verslag.open} open, "
            f"{verslag.besloten} besloten (waarvan {verslag.tijdig} tijdig), {verslag.meldingen} meldingen; "
            f"{verslag.behandelaars} vergunningverleners. Per status: {statussen}. "
            f"Duur {time.perf_counter() - begin:.1f} s."
        )
