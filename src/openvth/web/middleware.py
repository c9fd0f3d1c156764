"""Request plumbing for the whole site: the client's address behind trusted proxies, and the second factor.

`ClientAdresMiddleware` runs first and replaces `REMOTE_ADDR` with the client's address as `gedeeld.clientadres`
determines it from the trusted proxies' `X-Forwarded-For` entries, so throttling, the log-in lock-out
(django-axes) and gunicorn's access log (which reads the same WSGI environ after the response) all key on the same
address; the peer's own address is kept as `openvth.peer_addr`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from openvth.gedeeld.clientadres import PEER, bepaal_client_adres

VRIJ = ("/static/", "/i18n/", "/api/")


class ClientAdresMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if PEER not in request.META:
            request.META[PEER] = request.META.get("REMOTE_ADDR", "")
            request.META["REMOTE_ADDR"] = bepaal_client_adres(request.META)
        return self.get_response(request)


class TweeFactorMiddleware:
    """Staff must pass the second factor: a logged-in user who has not yet verified a TOTP or recovery code
    can reach only the second-factor pages and log-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gebruiker = request.user
        if (
            gebruiker.is_authenticated
            and not gebruiker.is_verified()
            and not request.path.startswith(VRIJ)
            and request.path
            not in {reverse("web:tweede_factor"), reverse("web:tweede_factor_instellen"), reverse("web:uitloggen")}
        ):
            return redirect(f"{reverse('web:tweede_factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
