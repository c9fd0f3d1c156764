"""The importing person of the benchmark: a functioneel beheerder of one omgevingsdienst mandated by every authority.

A national file names every municipality, province and water authority as bevoegd gezag; the access policy lets an
organisation write for an authority only as that authority, its executing body, or under its mandate
(`toegang.vereis_namens`). Mandates from every authority to one service are what a national migration would
arrange, and they keep the importer's write-permission check (`Schrijfrecht`) on its normal path.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from openvth.organisaties.models import BEVOEGDE_GEZAGEN, Lidmaatschap, Mandaat, Organisatie, Rol

GEBRUIKER = "benchmark-import"
DIENST = "odzob"


def maak_importeur() -> str:
    """Create (idempotently) the importing user and the mandates; returns the user name."""
    dienst = Organisatie.objects.get(code=DIENST)
    gebruiker, _ = get_user_model().objects.get_or_create(username=GEBRUIKER)
    Lidmaatschap.objects.get_or_create(
        gebruiker=gebruiker, organisatie=dienst, defaults={"rollen": [Rol.FUNCTIONEEL_BEHEERDER]}
    )
    vandaag = timezone.localdate()
    bestaand = set(Mandaat.objects.filter(mandaatnemer=dienst).values_list("mandaatgever_id", flat=True))
    Mandaat.objects.bulk_create(
        Mandaat(mandaatgever=gever, mandaatnemer=dienst, taakcategorieen=["basistaak"], geldig_vanaf=vandaag)
        for gever in Organisatie.objects.filter(soort__in=BEVOEGDE_GEZAGEN).exclude(pk__in=bestaand)
    )
    return GEBRUIKER
