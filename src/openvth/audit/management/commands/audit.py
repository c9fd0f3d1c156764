"""`openvth audit verify`: walk the hash chains of the audit trail and the access log (ADR 0022).

Exit status 0 when both chains are intact, 1 at the first broken link (with what it means). The last id and hash
of each chain are printed: noted elsewhere (a ticket, a log server) and passed back with `--anker`, they reveal a
chain that was cut short or rewritten from that row on, which the chain alone cannot show.
"""

from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand, CommandError

from openvth.audit.keten import controleer
from openvth.audit.models import Auditgebeurtenis, Inzage

KETENS = {"auditgebeurtenis": Auditgebeurtenis, "inzage": Inzage}


def _anker(tekst: str) -> tuple[str, int, str]:
    try:
        keten, rij_id, waarde = tekst.split(":")
        if keten not in KETENS or len(waarde) != 64:
            raise ValueError
        int(waarde, 16)
        return keten, int(rij_id), waarde.lower()
    except ValueError:
        raise ArgumentTypeError(
            f"ongeldig anker {tekst!r}: verwacht KETEN:ID:HASH, KETEN is {' of '.join(KETENS)}, HASH 64 hextekens"
        ) from None


class Command(BaseCommand):
    help = "Het auditspoor en het inzagelog: `verify` controleert de hashketens."

    def add_arguments(self, parser):
        opdrachten = parser.add_subparsers(dest="opdracht", required=True, metavar="verify")
        verify = opdrachten.add_parser(
            "verify", help="Controleer de hashketens; meldt de eerste breuk en eindigt dan met status 1."
        )
        verify.add_argument(
            "--anker",
            action="append",
            default=[],
            type=_anker,
            metavar="KETEN:ID:HASH",
            help="Een eerder genoteerde schakel (uit een vorige verify) die nog in de keten moet staan.",
        )

    def handle(self, *args, opdracht, anker, **options):
        gebroken = []
        for naam, model in KETENS.items():
            uitslag = controleer(model, {rij_id: waarde for keten, rij_id, waarde in anker if keten == naam})
            if uitslag.breuk:
                gebroken.append(uitslag)
                self.stderr.write(f"{naam}: KETEN GEBROKEN bij regel {uitslag.breuk.id}: {uitslag.breuk.melding}")
                self.stderr.write(f"  {uitslag.aantal} regels ervoor zijn in orde.")
            elif uitslag.laatste_id is None:
                self.stdout.write(f"{naam}: leeg.")
            else:
                self.stdout.write(
                    f"{naam}: {uitslag.aantal} regels, keten intact; "
                    f"laatste schakel {naam}:{uitslag.laatste_id}:{uitslag.laatste_hash}"
                )
        if gebroken:
            raise CommandError(
                f"De hashketen van {', '.join(u.tabel for u in gebroken)} is gebroken: het auditspoor is na het "
                "schrijven veranderd.",
                returncode=1,
            )
