"""Who is calling: a bearer token (machine client), a verified browser session, or nobody (anonymous).

Each authenticator returns an `Actor`; handlers read it as `request.auth`.

CSRF protects a browser's ambient credential, the session cookie, and nothing else: it is checked only when the
session actually authenticates the request. A client without cookies, with a bearer token or with a stale or
half-logged-in session is not refused as a forgery; it is served anonymously where the operation is public and
gets 401 with `WWW-Authenticate` where it is not (RFC 9110 §11.6.1, RFC 6750 §3).

A token acts only within its scopes (docs/api.md): reading (GET, HEAD, OPTIONS) needs `lezen`; an unsafe method
on a non-public operation needs `schrijven`. A public unsafe operation (the LHSO advice, a calculation) needs none.
"""

import threading

from django.conf import settings
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle
from ninja.utils import check_csrf

from openvth.gedeeld.clientadres import client_adres
from openvth.organisaties.fouten import GeenToestemming
from openvth.organisaties.selectors import SESSIE_ORGANISATIE, TokenOngeldig, actor_voor, actor_voor_token
from openvth.organisaties.toegang import Actor

VEILIGE_METHODEN = frozenset({"GET", "HEAD", "OPTIONS"})
REALM = "openvth"


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ovth_…` — a token bound to one organisation and its scopes.

    `publiek`: the operation is open to anonymous callers too, so an unsafe method there changes nothing stored
    and needs no `schrijven`.
    """

    def __init__(self, *, publiek: bool = False):
        self.publiek = publiek
        super().__init__()

    def authenticate(self, request, token: str) -> Actor:
        try:
            actor = actor_voor_token(token, request_id=request.id)
        except TokenOngeldig as fout:
            raise AuthenticationError(401, str(fout)) from fout
        nodig = "lezen" if request.method in VEILIGE_METHODEN else None if self.publiek else "schrijven"
        if nodig is not None and nodig not in actor.scopes:
            raise GeenToestemming(f"Het token mist de scope '{nodig}'.")
        return actor


class SessieAuth(APIKeyCookie):
    """The browser's verified session (staff must have passed the second factor); CSRF is checked for it alone."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        # ninja checks CSRF here for every request, before knowing whether the cookie authenticates anything:
        # that refused cookieless and token clients with "CSRF check Failed". The check moves to `authenticate`.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        gebruiker = getattr(request, "user", None)
        if not key or gebruiker is None or not gebruiker.is_authenticated or not gebruiker.is_verified():
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF-controle mislukt: stuur het CSRF-token mee (header X-CSRFToken).")
        return actor_voor(gebruiker, organisatie_id=request.session.get(SESSIE_ORGANISATIE), request_id=request.id)


def anoniem(request) -> Actor:
    """Public endpoints: anyone may call, as an anonymous actor (public data only)."""
    if request.headers.get("Authorization"):
        raise AuthenticationError(401, "De Authorization-header is geen geldig Bearer-token.")
    return Actor(request_id=request.id)


def www_authenticate(request) -> str:
    """The challenge of a 401 (RFC 6750 §3): `invalid_token` when a bearer token was sent and refused."""
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        return f'Bearer realm="{REALM}", error="invalid_token"'
    return f'Bearer realm="{REALM}"'


class _PerDraad:
    """An attribute kept per thread: ninja keeps a request's throttle state (key, history, now) on the throttle
    object, which the threads of a gthread worker share, so one request could store another's history."""

    def __set_name__(self, eigenaar, naam):
        self.naam = naam

    def __get__(self, obj, eigenaar=None):
        return self if obj is None else getattr(obj._draad, self.naam, None)

    def __set__(self, obj, waarde):
        setattr(obj._draad, self.naam, waarde)


class AnoniemeLimiet(SimpleRateThrottle):
    """Throttle anonymous clients per client address; authenticated actors are accountable and not throttled here.

    The address is the one `ClientAdresMiddleware` determined (trusted proxies only), never ninja's default, which
    took the whole X-Forwarded-For header as the identity: a rotating header was a new client each time. The rate
    is a setting read live (`instelling`); the count lives in the shared cache, so it holds across workers.
    """

    key = _PerDraad()
    history = _PerDraad()
    now = _PerDraad()
    num_requests = _PerDraad()
    duration = _PerDraad()

    def __init__(self, scope: str = "anoniem", instelling: str = "OPENVTH_ANONIEM_LIMIET"):
        self._draad = threading.local()
        self.scope, self.instelling = scope, instelling
        super().__init__(getattr(settings, instelling))

    def allow_request(self, request) -> bool:
        self.num_requests, self.duration = self.parse_rate(getattr(settings, self.instelling))
        return super().allow_request(request)

    def get_ident(self, request) -> str:
        return client_adres(request)

    def get_cache_key(self, request):
        actor = getattr(request, "auth", None)
        if actor is not None and not actor.anoniem:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


PUBLIEK = [TokenAuth(publiek=True), SessieAuth(), anoniem]
INGELOGD = [TokenAuth(), SessieAuth()]
