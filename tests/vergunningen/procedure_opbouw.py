"""A permit application in Eindhoven, handled by ODZOB under mandate, and the people who handle it: two permit
officers (four eyes) and a team leader who holds the ondermandaat to decide (the mandate register)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from openvth.organisaties.models import Mandaat, Organisatie, Persoonsmandaat, Rol
from openvth.vergunningen.bericht import Aanvrageropgave, Locatieopgave, Verzoekgegevens
from openvth.vergunningen.models import Verzoek
from openvth.vergunningen.services import verzoek_maken

from ..fabrieken import MandaatFactory
from ..handhaving import zaak
from .opbouw import STOOKINSTALLATIE
from .test_services import PUNT


class Mensen:
    def __init__(self) -> None:
        MandaatFactory()
        Mandaat.objects.update(ondermandaat_toegestaan=True, taakcategorieen=["basistaak", "vergunningverlening"])
        self.anna = zaak.gebruiker("anna", {"odzob": [Rol.VERGUNNINGVERLENER]})
        self.bram = zaak.gebruiker("bram", {"odzob": [Rol.VERGUNNINGVERLENER]})
        self.chef = zaak.gebruiker("chef", {"odzob": [Rol.VERGUNNINGVERLENER, Rol.MANAGER]})
        eindhoven = Organisatie.objects.get(code="GM0772")
        Persoonsmandaat.objects.create(
            mandaatgever=eindhoven,
            gebruiker=self.chef,
            functie="teamleider vergunningen",
            bevoegdheden=["besluit_vergunning"],
            mandaat=Mandaat.objects.get(mandaatgever=eindhoven),
            besluit="Ondermandaatbesluit ODZOB 2026",
            geldig_vanaf=date(2026, 1, 1),
        )
        self.a = zaak.actor_van(self.anna, "odzob", Rol.VERGUNNINGVERLENER)
        self.b = zaak.actor_van(self.bram, "odzob", Rol.VERGUNNINGVERLENER)
        self.c = zaak.actor_van(self.chef, "odzob", Rol.VERGUNNINGVERLENER, Rol.MANAGER)


def dagen_geleden(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def aanvraag(actor, *, ontvangen_op: date, nummer: str = "2026090100001", **velden: Any) -> Verzoek:
    standaard: dict[str, Any] = {
        "verzoeknummer": nummer,
        "verzoekvolgnummer": "001",
        "soort": "toestemmingsaanvraag",
        "subsoort": "omgevingsvergunning",
        "ontvangen_op": ontvangen_op,
        "activiteiten": (STOOKINSTALLATIE,),
        "locatie": Locatieopgave(gemeente="GM0772", punt=PUNT, postcode="5611EB", huisnummer=1),
        "aanvrager": Aanvrageropgave(soort="vestiging", naam="Warmte B.V.", vestigingsnummer="000012345678"),
        "bijlagen": (),
    }
    return verzoek_maken(actor=actor, gegevens=Verzoekgegevens(**(standaard | velden)))
