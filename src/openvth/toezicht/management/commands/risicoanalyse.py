"""`openvth risicoanalyse --regio CODE | --landelijk [--model PAD.json] [--peildatum JJJJ-MM-DD]`.

Runs the risk analysis from the command line (audited under this command's name). `--landelijk` scores every
object with a current activity execution under a national model version (the bundled example unless `--model`
names a file); `--regio` runs the newest model version of that organisation.
"""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openvth.organisaties.management.fouten import domeinfouten
from openvth.organisaties.models import Organisatie
from openvth.organisaties.services import systeem_actor
from openvth.regels import risico
from openvth.regels.tabeldata import meegeleverd
from openvth.toezicht import services
from openvth.toezicht.models import Risicomodelversie


class Command(BaseCommand):
    help = "Draai de risicoanalyse van een regio of landelijk."

    def add_arguments(self, parser):
        groep = parser.add_mutually_exclusive_group(required=True)
        groep.add_argument("--regio", metavar="CODE", help="organisatiecode (de nieuwste modelversie van de regio)")
        groep.add_argument("--landelijk", action="store_true", help="alle objecten, met een landelijk model")
        parser.add_argument("--model", type=Path, help="met --landelijk: het risicomodel (JSON)")
        parser.add_argument("--peildatum", type=date.fromisoformat)

    def handle(self, *args, regio, landelijk, model, peildatum, **opties):
        actor = systeem_actor("risicoanalyse")
        if landelijk:
            definitie = json.loads(model.read_text("utf-8")) if model else meegeleverd(risico.VOORBEELDBESTAND)
            versie = Risicomodelversie.objects.filter(regio__isnull=True, versie=definitie.get("versie")).first()
            if versie is None:
                with domeinfouten():
                    versie = services.risicomodel_vastleggen(actor=actor, regio=None, definitie=definitie)
        else:
            org = Organisatie.objects.filter(code__iexact=regio).first()
            versie = (
                Risicomodelversie.objects.filter(regio=org).order_by("-geldig_vanaf", "-id").first() if org else None
            )
            if versie is None:
                raise CommandError(f"Geen risicomodel voor regio '{regio}'.")
        with domeinfouten():
            analyse = services.risicoanalyse_uitvoeren(actor=actor, modelversie=versie, peildatum=peildatum)
        self.stdout.write(
            f"Risicoanalyse {analyse.uuid}: {analyse.aantal} objecten in {analyse.duur_s:.2f} s; "
            f"verdeling {analyse.verdeling}."
        )
