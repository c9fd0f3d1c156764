from django.apps import AppConfig


class ToegangsproefConfig(AppConfig):
    """A minimal record kind in the exact shape ARCHITECTURE.md §5 prescribes, for testing the policy itself.

    Real kinds (register, toezicht, handhaving) register the same way and join the matrix automatically.
    """

    name = "tests.toegangsproef"
    label = "toegangsproef"

    def ready(self):
        from openvth.organisaties import toegang

        from . import selectors
        from .models import Proefrecord

        toegang.registreer(
            toegang.Recordsoort(
                sleutel="toegangsproef.proefrecord",
                model=Proefrecord,
                gemeente="gemeente",
                lijst=selectors.proefrecord_list,
                detail=selectors.proefrecord_get,
            )
        )
