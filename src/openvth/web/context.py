"""What every page needs: the acting actor and the organisations the user can switch between."""

from django.conf import settings

from openvth.organisaties.models import Rol

from .acteur import actor_van


def shell(request):
    actor = actor_van(request)
    return {
        "actor": actor,
        "rollen": sorted(str(Rol(r).label) for r in actor.rollen),
        "lidmaatschappen": getattr(request, "_openvth_leden", []),
        "tile_url": settings.OPENVTH_TILE_URL,
        "tile_attributie": settings.OPENVTH_TILE_ATTRIBUTIE,
    }
