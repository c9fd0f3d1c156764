"""The actor of a management command: a user named on the command line, acting for one of their organisations."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from openvth.organisaties.models import Organisatie
from openvth.organisaties.selectors import actor_voor, lidmaatschappen_van
from openvth.organisaties.toegang import Actor


def actor_uit_opdracht(gebruikersnaam: str, organisatiecode: str | None) -> Actor:
    """The user `gebruikersnaam` acting for `organisatiecode` (one of their organisations), or for their only or
    first one as `actor_voor` chooses; an unknown user, code or membership is a CommandError naming it."""
    try:
        persoon = get_user_model().objects.get(username=gebruikersnaam)
    except get_user_model().DoesNotExist:
        raise CommandError(f"Onbekende gebruiker '{gebruikersnaam}'.") from None
    organisatie_id = None
    if organisatiecode:
        org = Organisatie.objects.filter(code__iexact=organisatiecode).first()
        if org is None:
            raise CommandError(f"Onbekende organisatiecode '{organisatiecode}'.")
        if org.pk not in {lid.organisatie_id for lid in lidmaatschappen_van(persoon)}:
            raise CommandError(f"{gebruikersnaam} is geen lid van {org.naam}.")
        organisatie_id = org.pk
    return actor_voor(persoon, organisatie_id=organisatie_id)
