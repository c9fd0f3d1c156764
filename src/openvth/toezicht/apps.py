from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToezichtConfig(AppConfig):
    name = "openvth.toezicht"
    verbose_name = _("Toezicht")

    def ready(self):
        # Here, not at the top: models (and what imports them) load only once the app registry is ready.
        from openvth.handhaving import datakwaliteit as handhaving_datakwaliteit
        from openvth.handhaving import selectors as handhaving_selectors
        from openvth.organisaties import toegang

        from . import datakwaliteit, selectors
        from .models import Bevinding, Controle

        toegang.registreer(
            toegang.Recordsoort(
                sleutel="toezicht.controle",
                model=Controle,
                gemeente="gemeente",
                lijst=selectors.controle_list,
                detail=selectors.controle_get,
                gedeeld=selectors.gedeelde_controles,
                omschrijving="Controles (inspecties; die van een met OM of politie gedeelde zaak ook voor hen)",
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="toezicht.bevinding",
                model=Bevinding,
                bevoegd_gezag="controle__bevoegd_gezag",
                uitvoerder="controle__uitvoerder",
                vertrouwelijkheid="controle__vertrouwelijkheid",
                gemeente="controle__gemeente",
                lijst=selectors.bevinding_list,
                detail=selectors.bevinding_get,
                gedeeld=selectors.gedeelde_bevindingen,
                omschrijving=(
                    "Bevindingen (ketenbevindingen ook voor ketenpartners met een deelafspraak; die van een met OM "
                    "of politie gedeelde zaak ook voor hen)"
                ),
            )
        )
        handhaving_datakwaliteit.registreer(*datakwaliteit.CONTROLES)
        handhaving_selectors.registreer_bewijsbron(
            handhaving_selectors.Bewijsbron("toezicht", selectors.bewijs_bij_zaak, "toezicht/_bewijs.html")
        )
