from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VergunningenConfig(AppConfig):
    name = "openvth.vergunningen"
    verbose_name = _("Vergunningen")

    def ready(self):
        # Here, not at the top: models (and what imports them) load only once the app registry is ready.
        from openvth.organisaties import toegang

        from . import selectors, termijnen
        from .models import Besluit, Brief, Toestemming, Verzoek, Verzoekactiviteit, Voorschrift

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
        via_verzoek = {
            "bevoegd_gezag": "verzoek__bevoegd_gezag",
            "uitvoerder": "verzoek__uitvoerder",
            "vertrouwelijkheid": "verzoek__vertrouwelijkheid",
            "gemeente": "verzoek__locatie__gemeente",
        }
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="vergunningen.besluit",
                model=Besluit,
                lijst=selectors.besluit_list,
                detail=selectors.besluit_get,
                omschrijving="Besluiten op verzoeken (en ontwerpbesluiten)",
                **via_verzoek,
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="vergunningen.brief",
                model=Brief,
                lijst=selectors.brief_list,
                detail=selectors.brief_get,
                omschrijving="Brieven van verzoeken, zoals verzonden",
                **via_verzoek,
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="vergunningen.toestemming",
                model=Toestemming,
                gemeente="gemeente",
                lijst=selectors.toestemming_list,
                detail=selectors.toestemming_get,
                omschrijving="Toestemmingen (vergunningen, maatwerkvoorschriften, gelijkwaardige maatregelen)",
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="vergunningen.voorschrift",
                model=Voorschrift,
                bevoegd_gezag="besluit__verzoek__bevoegd_gezag",
                uitvoerder="besluit__verzoek__uitvoerder",
                vertrouwelijkheid="besluit__verzoek__vertrouwelijkheid",
                gemeente="besluit__verzoek__locatie__gemeente",
                lijst=selectors.voorschrift_list,
                detail=selectors.voorschrift_get,
                omschrijving="Voorschriften van besluiten",
            )
        )
        termijnen.registreer()  # decision periods on the deadline page and in the agenda feed (ADR 0029)
