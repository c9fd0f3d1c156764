"""`openvth export --formaat csv|geojson|inspectieview --uit PAD`: the register as a file, streamed.

See register/export.py. Anonymous by default, so the export holds exactly what the public register shows.
`--als GEBRUIKER [--organisatie CODE]` exports as that person acting for that organisation: the access policy
then admits the non-public rows they may see, and every such row is written to the access log (purpose `--doel`).
"""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from openvth.organisaties.models import Organisatie
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.toegang import Actor
from openvth.register import selectors
from openvth.register.export import DOEL, FORMATEN, schrijf
from openvth.register.models import Kwalificatie, Status


class Command(BaseCommand):
    help = "Exporteer het register als CSV, GeoJSON of de Inspectieview-aanleverbestanden (een map)."

    def add_arguments(self, parser):
        parser.add_argument("--formaat", choices=FORMATEN, required=True)
        parser.add_argument("--uit", type=Path, required=True, help="bestand (csv, geojson) of map (inspectieview)")
        parser.add_argument("--gemeente", help="CBS-gemeentecode, bijv. GM0772")
        parser.add_argument("--status", choices=Status.values)
        parser.add_argument("--activiteit", help="catalogus­code; omvat onderliggende activiteiten")
        parser.add_argument("--kwalificatie", choices=Kwalificatie.values)
        parser.add_argument("--bevoegd-gezag", help="organisatiecode van het bevoegd gezag")
        parser.add_argument("--toezichtinstantie", help="organisatiecode van de toezichtinstantie")
        parser.add_argument("--peildatum", type=date.fromisoformat, help="de stand op JJJJ-MM-DD (standaard vandaag)")
        parser.add_argument("--als", metavar="GEBRUIKER", help="exporteer als deze gebruiker (standaard anoniem)")
        parser.add_argument("--organisatie", metavar="CODE", help="met --als: namens deze organisatie")
        parser.add_argument("--doel", default=f"{DOEL} (CLI)", help="doel voor het inzagelog")

    def handle(self, *args, formaat, uit, als, organisatie, doel, **opties):
        actor = self._actor(als, organisatie)
        filters = selectors.UitvoeringFilter(
            gemeente=opties["gemeente"],
            status=opties["status"],
            activiteit=opties["activiteit"],
            kwalificatie=opties["kwalificatie"],
            bevoegd_gezag=opties["bevoegd_gezag"],
            toezichtinstantie=opties["toezichtinstantie"],
            peildatum=opties["peildatum"],
        )
        if formaat != "inspectieview" and uit.is_dir():
            raise CommandError(f"{uit} is een map; geef een bestandsnaam voor {formaat}.")
        if formaat == "inspectieview" and uit.exists() and not uit.is_dir():
            raise CommandError(f"{uit} is een bestand; Inspectieview schrijft een map met drie bestanden.")
        try:
            verslag = schrijf(actor=actor, formaat=formaat, pad=uit, filters=filters, doel=doel)
        except OSError as fout:
            raise CommandError(f"Kan niet schrijven naar {uit}: {fout}") from fout
        wie = f"{actor.gebruikersnaam} namens {actor.organisatie.naam}" if not actor.anoniem else "anoniem (openbaar)"
        regels = ", ".join(f"{naam}: {aantal}" for naam, aantal in verslag.rijen.items()) or "geen rijen"
        self.stdout.write(f"Geëxporteerd naar {uit} als {wie}: {regels}; {verslag.gelogd} inzage(s) gelogd.")

    def _actor(self, als: str | None, organisatie: str | None) -> Actor:
        if not als:
            if organisatie:
                raise CommandError("--organisatie hoort bij --als.")
            return Actor()
        gebruiker = get_user_model().objects.filter(username=als, is_active=True).first()
        if gebruiker is None:
            raise CommandError(f"Onbekende of inactieve gebruiker '{als}'.")
        org = None
        if organisatie:
            org = Organisatie.objects.filter(code__iexact=organisatie).first()
            if org is None:
                raise CommandError(f"Onbekende organisatie '{organisatie}'.")
        actor = actor_voor(gebruiker, organisatie_id=org.pk if org else None)
        if actor.organisatie is None or (org is not None and actor.organisatie.pk != org.pk):
            raise CommandError(f"{als} is (vandaag) geen lid van {org.naam if org else 'een organisatie'}.")
        return actor
