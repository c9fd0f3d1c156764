"""`openvth totp NAAM`: the current TOTP code of a demo user (devices named `demo` only)."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.organisaties.demo import DEMO_APPARAAT


class Command(BaseCommand):
    help = "Toon de actuele TOTP-code van een demo-gebruiker."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    def handle(self, *args, gebruikersnaam, **opties):
        apparaat = TOTPDevice.objects.filter(user__username=gebruikersnaam, name=DEMO_APPARAAT, confirmed=True).first()
        if apparaat is None:
            raise CommandError(f"'{gebruikersnaam}' is geen demo-gebruiker met een demo-authenticator.")
        code = totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
        self.stdout.write(f"{code:0{apparaat.digits}d}")
