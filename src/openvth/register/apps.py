from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "openvth.register"
    verbose_name = _("Register milieubelastende activiteiten")

    def ready(self):
        # Here, not at the top: models (and what imports them) load only once the app registry is ready.
        from openvth.organisaties import toegang

        from . import selectors
        from .models import Activiteituitvoering, Betrokkene, VthObject

        toegang.registreer(
            toegang.Recordsoort(
                sleutel="register.activiteituitvoering",
                model=Activiteituitvoering,
                uitvoerder="toezichtinstantie",
                gemeente="gemeente",
                lijst=selectors.uitvoering_list,
                detail=selectors.uitvoering_get,
                omschrijving="Activiteituitvoeringen (het register)",
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="register.vthobject",
                model=VthObject,
                gemeente="locatie__gemeente",
                lijst=selectors.vthobject_list,
                detail=selectors.vthobject_get,
                omschrijving="VTH-objecten",
            )
        )
        toegang.registreer(
            toegang.Recordsoort(
                sleutel="register.betrokkene",
                model=Betrokkene,
                lijst=selectors.betrokkene_list,
                detail=selectors.betrokkene_get,
                omschrijving="Betrokkenen (personen, rechtspersonen, vestigingen)",
            )
        )
