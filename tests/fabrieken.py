"""factory_boy factories for people and memberships."""

import factory
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.organisaties.models import Lidmaatschap

WACHTWOORD = "een-lang-test-wachtwoord-1"


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.PostGenerationMethodCall("set_password", WACHTWOORD)

    @factory.post_generation
    def bewaar(self, create, extracted, **kwargs):
        if create:
            self.save()


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    gebruiker = factory.SubFactory(GebruikerFactory)
    rollen = factory.LazyFunction(lambda: ["toezichthouder"])


def totp_apparaat(gebruiker) -> TOTPDevice:
    return TOTPDevice.objects.create(user=gebruiker, name="test", confirmed=True)


def totp_code(apparaat: TOTPDevice) -> str:
    from django_otp.oath import totp

    return f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift):06d}"
