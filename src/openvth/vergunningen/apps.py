from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VergunningenConfig(AppConfig):
    name = "openvth.vergunningen"
    verbose_name = _("Vergunningen")

    def ready(self):
        # Here, not at the top: models (and what imports them) load only once the app registry is ready.
        from openvth.organisaties import toegang

        from . import selectors
        from .models import Verzoek, Verzoekactiviteit

        toegang.registreer(
            toegang.Recordsoort(
                sleutel="vergunningen.verzoek",
                model=Verzoek,
                gemeente="locatie__gemeente",
                lijst=selectors.verzoek_list,
                detail=selectors.verzoek_get,
                omschrijving="Verzoeken (aanvragen, meldingen, informatie, ongewone voorvallen)",
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="vergunningen.verzoekactiviteit",
                model=Verzoekactiviteit,
                bevoegd_gezag="verzoek__bevoegd_gezag",
                uitvoerder="verzoek__uitvoerder",
                vertrouwelijkheid="verzoek__vertrouwelijkheid",
                gemeente="verzoek__locatie__gemeente",
                lijst=selectors.verzoekactiviteit_list,
                detail=selectors.verzoekactiviteit_get,
                omschrijving="Activiteiten van verzoeken",
            )
        )
