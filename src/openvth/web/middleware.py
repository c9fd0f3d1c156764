"""Staff must pass the second factor: a logged-in user who has not yet verified a TOTP or recovery code
can reach only the second-factor pages and log-out."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

VRIJ = ("/static/", "/i18n/", "/api/")


class TweeFactorMiddleware:
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
