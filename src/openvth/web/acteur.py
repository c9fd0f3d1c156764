"""The actor of a web request, computed once per request."""

from openvth.organisaties.selectors import SESSIE_ORGANISATIE, actor_voor, lidmaatschappen_van
from openvth.organisaties.toegang import Actor


def actor_van(request) -> Actor:
    if hasattr(request, "_openvth_actor"):
        return request._openvth_actor
    gebruiker = getattr(request, "user", None)
    if gebruiker is not None and gebruiker.is_authenticated and gebruiker.is_verified():  # second factor passed
        request._openvth_leden = lidmaatschappen_van(gebruiker)
        actor = actor_voor(
            gebruiker,
            organisatie_id=request.session.get(SESSIE_ORGANISATIE),
            request_id=getattr(request, "id", ""),
            leden=request._openvth_leden,
        )
    else:
        request._openvth_leden = []
        actor = Actor(request_id=getattr(request, "id", ""))
    request._openvth_actor = actor
    return actor
