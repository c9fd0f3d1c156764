"""`openvth export-inspectieview --als GEBRUIKER --organisatie CODE --uit PAD.zip [--vth-object UUID …]`.

The Inspectieview delivery set of supervision records plus the register files (toezicht/inspectieview.py), as one
ZIP, exported as that person acting for that organisation: the access policy decides every row and every
non-public row is written to the access log.
"""

from pathlib import Path
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from openvth.organisaties.management.fouten import domeinfouten
from openvth.organisaties.models import Organisatie
from openvth.organisaties.selectors import actor_voor
from openvth.register import selectors as register
from openvth.toezicht import inspectieview


class Command(BaseCommand):
    help = "Exporteer de Inspectieview-leverset (inspectie, bevinding, overtreding en registerbestanden) als ZIP."

    def add_arguments(self, parser):
        parser.add_argument("--als", metavar="GEBRUIKER", required=True, help="exporteer als deze gebruiker")
        parser.add_argument("--organisatie", metavar="CODE", required=True, help="namens deze organisatie")
        parser.add_argument("--uit", type=Path, required=True, help="het ZIP-bestand")
        parser.add_argument(
            "--vth-object", type=UUID, action="append", default=[], help="alleen het dossier van dit object (mag vaker)"
        )

    def handle(self, *args, als, organisatie, uit, vth_object, **opties):
        gebruiker = get_user_model().objects.filter(username=als, is_active=True).first()
        org = Organisatie.objects.filter(code__iexact=organisatie).first()
        if gebruiker is None or org is None:
            raise CommandError("Onbekende of inactieve gebruiker, of onbekende organisatie.")
        actor = actor_voor(gebruiker, organisatie_id=org.pk)
        if actor.organisatie is None or actor.organisatie.pk != org.pk:
            raise CommandError(f"{als} is (vandaag) geen lid van {org.naam}.")
        with domeinfouten(niet_gevonden="Een van de VTH-objecten bestaat niet of is voor u niet zichtbaar."):
            objecten = [
                register.vthobject_get(actor=actor, uuid=u, doel=inspectieview.DOEL) for u in vth_object
            ] or None
        if uit.is_dir():
            raise CommandError(f"{uit} is een map; geef een bestandsnaam (.zip).")
        verslag = inspectieview.Verslag()
        tijdelijk = uit.with_name(uit.name + ".deel")
        try:
            with tijdelijk.open("wb") as f:
                for stuk in inspectieview.zip_stroom(actor=actor, vth_objecten=objecten, verslag=verslag):
                    f.write(stuk)
            tijdelijk.replace(uit)
        except OSError as fout:
            raise CommandError(f"Kan niet schrijven naar {uit}: {fout}") from fout
        finally:
            tijdelijk.unlink(missing_ok=True)
        regels = ", ".join(f"{naam}: {aantal}" for naam, aantal in verslag.rijen.items())
        self.stdout.write(f"Geëxporteerd naar {uit}: {regels}; {verslag.gelogd} inzage(s) gelogd.")
