"""Who is calling: a bearer token (machine client), a verified browser session, or nobody (anonymous).

Each authenticator returns an `Actor`; handlers read it as `request.auth`.
"""

from django.conf import settings
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle

from openvth.organisaties.selectors import TokenOngeldig, actor_voor, actor_voor_token
from openvth.organisaties.toegang import Actor

SESSIE_ORGANISATIE = "openvth_organisatie"


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ovth_…` — a token bound to one organisation and its scopes."""

    def authenticate(self, request, token: str) -> Actor:
        try:
            return actor_voor_token(token, request_id=request.id)
        except TokenOngeldig as fout:
            raise AuthenticationError(401, str(fout)) from fout


class SessieAuth(APIKeyCookie):
    """The browser's session; CSRF is checked on unsafe methods. Staff must have passed the second factor."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        gebruiker = getattr(request, "user", None)
        if gebruiker is None or not gebruiker.is_authenticated:
            return None
        if not gebruiker.is_verified():
            return None
        return actor_voor(gebruiker, organisatie_id=request.session.get(SESSIE_ORGANISATIE), request_id=request.id)


def anoniem(request) -> Actor:
    """Public endpoints: anyone may call, as an anonymous actor (public data only)."""
    if request.headers.get("Authorization"):
        raise AuthenticationError(401, "De Authorization-header is geen geldig Bearer-token.")
    return Actor(request_id=request.id)


class AnoniemeLimiet(SimpleRateThrottle):
    """Throttle anonymous clients per address; authenticated actors are accountable and not throttled here."""

    scope = "anoniem"

    def __init__(self):
        super().__init__(settings.OPENVTH_ANONIEM_LIMIET)

    def allow_request(self, request) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.OPENVTH_ANONIEM_LIMIET)  # a setting, read live
        return super().allow_request(request)

    def get_cache_key(self, request):
        actor = getattr(request, "auth", None)
        if actor is not None and not actor.anoniem:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


PUBLIEK = [TokenAuth(), SessieAuth(), anoniem]
INGELOGD = [TokenAuth(), SessieAuth()]
