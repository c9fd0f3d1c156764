"""`openvth createuser NAAM --lid CODE:rol,rol …`: a person with memberships; asks for the password."""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openvth.organisaties.management.fouten import domeinfouten
from openvth.organisaties.services import gebruiker_maken, systeem_actor


class Command(BaseCommand):
    help = "Maak een gebruiker met lidmaatschappen, bijvoorbeeld --lid odru:toezichthouder,handhaver"

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--lid", action="append", default=[], metavar="CODE:ROL[,ROL]")
        parser.add_argument("--email", default="")
        parser.add_argument("--naam", default="")
        parser.add_argument("--wachtwoord-uit-stdin", action="store_true", help="lees het wachtwoord van stdin")

    def handle(self, *args, gebruikersnaam, lid, email, naam, wachtwoord_uit_stdin, **opties):
        lidmaatschappen = {}
        for waarde in lid:
            code, _, rollen = waarde.partition(":")
            if not code or not rollen:
                raise CommandError(f"--lid '{waarde}': gebruik CODE:rol[,rol], bijvoorbeeld GM0363:vergunningverlener")
            lidmaatschappen[code] = [r.strip() for r in rollen.split(",") if r.strip()]
        if wachtwoord_uit_stdin:
            wachtwoord = self.stdin.readline().rstrip("\n") if hasattr(self, "stdin") else input()
        else:
            wachtwoord = getpass.getpass("Wachtwoord: ")
        try:
            with domeinfouten():
                gebruiker_maken(
                    actor=systeem_actor("createuser"),
                    gebruikersnaam=gebruikersnaam,
                    wachtwoord=wachtwoord,
                    email=email,
                    naam=naam,
                    lidmaatschappen=lidmaatschappen,
                )
        except ValidationError as fout:
            raise CommandError("Wachtwoord afgewezen: " + " ".join(fout.messages)) from fout
        self.stdout.write(
            f"Gebruiker {gebruikersnaam} aangemaakt. Bij de eerste keer inloggen stelt hij de tweede factor in."
        )
