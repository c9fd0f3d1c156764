"""`openvth token create|revoke|list`: API tokens for machine clients."""

from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from openvth.organisaties.management.fouten import domeinfouten
from openvth.organisaties.models import ApiToken, Organisatie
from openvth.organisaties.services import systeem_actor, token_intrekken, token_maken


class Command(BaseCommand):
    help = "Beheer API-tokens: create, revoke, list."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="actie", required=True)
        maak = sub.add_parser("create", help="maak een token (het geheim wordt één keer getoond)")
        maak.add_argument("--gebruiker", required=True)
        maak.add_argument("--organisatie", required=True, help="code van de organisatie, bijv. odru")
        maak.add_argument("--naam", required=True)
        maak.add_argument("--scope", action="append", default=[], help="lezen en/of schrijven")
        maak.add_argument("--dagen", type=int, default=None)
        trek = sub.add_parser("revoke", help="trek een token in")
        trek.add_argument("id", help="uuid of prefix van het token")
        lijst = sub.add_parser("list", help="toon tokens")
        lijst.add_argument("--gebruiker", default=None)

    def handle(self, *args, actie, **opties):
        return getattr(self, f"_{actie}")(**opties)

    def _create(self, *, gebruiker, organisatie, naam, scope, dagen, **_):
        try:
            persoon = get_user_model().objects.get(username=gebruiker)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Onbekende gebruiker '{gebruiker}'.") from None
        try:
            org = Organisatie.objects.get(code=organisatie)
        except Organisatie.DoesNotExist:
            raise CommandError(f"Onbekende organisatiecode '{organisatie}'.") from None
        with domeinfouten():
            token, sleutel = token_maken(
                actor=systeem_actor("token create"),
                gebruiker=persoon,
                organisatie=org,
                naam=naam,
                scopes=scope or ["lezen"],
                dagen=dagen,
            )
        self.stdout.write(f"Token {token.uuid} verloopt {token.verloopt:%Y-%m-%d %H:%M}.\n{sleutel}")

    def _revoke(self, *, id, **_):
        try:
            token = ApiToken.objects.get(uuid=UUID(id)) if len(id) == 36 else ApiToken.objects.get(prefix=id[:12])
        except (ApiToken.DoesNotExist, ValueError, ApiToken.MultipleObjectsReturned):
            raise CommandError(f"Geen (eenduidig) token met id of prefix '{id}'.") from None
        token_intrekken(actor=systeem_actor("token revoke"), token=token)
        self.stdout.write(f"Token {token.uuid} ({token.naam}) is ingetrokken.")

    def _list(self, *, gebruiker, **_):
        tokens = ApiToken.objects.select_related("gebruiker", "organisatie")
        if gebruiker:
            tokens = tokens.filter(gebruiker__username=gebruiker)
        tabel = Table("id", "prefix", "naam", "gebruiker", "organisatie", "scopes", "verloopt", "status")
        vandaag, nu = timezone.localdate(), timezone.now()
        for t in tokens:
            status = (
                "ingetrokken"
                if t.ingetrokken
                else "verlopen"
                if t.verloopt <= nu
                else "organisatie beëindigd"
                if not t.organisatie.geldig_op(vandaag)
                else "actief"
            )
            tabel.add_row(
                str(t.uuid),
                t.prefix,
                t.naam,
                t.gebruiker.username,
                t.organisatie.code,
                ",".join(t.scopes),
                f"{t.verloopt:%Y-%m-%d}",
                status,
            )
        Console(file=self.stdout, width=160).print(tabel)
