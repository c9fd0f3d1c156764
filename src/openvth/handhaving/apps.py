from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandhavingConfig(AppConfig):
    name = "openvth.handhaving"
    verbose_name = _("Handhaving")

    def ready(self):
        # Here, not at the top: models (and what imports them) load only once the app registry is ready.
        from openvth.organisaties import toegang

        from . import selectors
        from .models import Handhavingsmaatregel, Overtreding, Procesverbaal

        toegang.registreer(
            toegang.Recordsoort(
                sleutel="handhaving.overtreding",
                model=Overtreding,
                gemeente="gemeente",
                lijst=selectors.overtreding_list,
                detail=selectors.overtreding_get,
                gedeeld=selectors.gedeelde_overtredingen,
                omschrijving="Overtredingen (handhavingszaken)",
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="handhaving.handhavingsmaatregel",
                model=Handhavingsmaatregel,
                bevoegd_gezag="overtreding__bevoegd_gezag",
                uitvoerder="overtreding__uitvoerder",
                vertrouwelijkheid="overtreding__vertrouwelijkheid",
                gemeente="overtreding__gemeente",
                lijst=selectors.maatregel_list,
                detail=selectors.maatregel_get,
                gedeeld=selectors.gedeelde_maatregelen,
                omschrijving="Handhavingsmaatregelen",
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="handhaving.procesverbaal",
                model=Procesverbaal,
                bevoegd_gezag="overtreding__bevoegd_gezag",
                uitvoerder="overtreding__uitvoerder",
                gemeente="overtreding__gemeente",
                lijst=selectors.procesverbaal_list,
                detail=selectors.procesverbaal_get,
                gedeeld=selectors.gedeelde_maatregelen,
                omschrijving="Processen-verbaal (strafrechtelijk; ook voor OM en politie als de zaak gedeeld is)",
            )
        )
