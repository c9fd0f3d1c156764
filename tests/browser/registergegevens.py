"""Register data the browser tests build: a company at an address with one activity execution."""

from openvth.organisaties.services import systeem_actor
from openvth.register import services
from openvth.register.models import VthObject


def bedrijf(medewerker, gemeente, naam, x, y, postcode, huisnummer, *, straat="Markt", **uitvoering):
    """A company at an address in Eindhoven with one activity execution (`uitvoering` overrides its fields)."""
    locatie = services.locatie_maken(
        actor=systeem_actor("browsertest"),
        x=x,
        y=y,
        gemeente=gemeente,
        straat=straat,
        huisnummer=huisnummer,
        postcode=postcode,
        woonplaats="Eindhoven",
    )
    obj = VthObject.objects.create(
        naam=naam,
        lokaal_id=f"odzob-{postcode}-{huisnummer}",
        locatie=locatie,
        bevoegd_gezag=gemeente,
        uitvoerder=medewerker.organisatie,
    )
    gegevens = {
        "activiteit": "bal-3.2.1",
        "bevoegd_gezag": gemeente.code,
        "toezichtinstantie": "odzob",
        "status": "uitvoering",
        "kwalificaties": ("meldingsplicht",),
    } | uitvoering
    services.uitvoering_maken(actor=medewerker, gegevens=services.Uitvoeringsgegevens(vth_object=obj, **gegevens))
    return obj
