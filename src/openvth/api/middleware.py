"""API-wide behaviour the routers cannot see: the API-Version header and problem details for errors that
happen outside an operation (unknown path 404, 405, an unhandled exception 500)."""

import logging

from django.conf import settings

from .problemen import PROBLEEM_TYPE, probleem

logger = logging.getLogger("openvth.api")
API_PADEN = ("/api/", "/ogc/")
_MELDINGEN = {
    404: "Deze resource bestaat niet.",
    405: "Deze methode is niet toegestaan op deze resource.",
    406: "Het gevraagde formaat (Accept) wordt niet ondersteund.",
    500: "Er ging iets mis aan onze kant; de fout is gelogd.",
}


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PADEN):
            return self.get_response(request)
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(PROBLEEM_TYPE):
            status = response.status_code
            extra = {"Allow": response["Allow"]} if status == 405 and response.has_header("Allow") else {}
            response = probleem(
                request, status, _MELDINGEN.get(status, "Het verzoek kon niet worden verwerkt."), headers=extra
            )
        response["API-Version"] = settings.OPENVTH_API_VERSIE
        return response

    def process_exception(self, request, exception):
        if not request.path.startswith(API_PADEN):
            return None
        logger.exception("Onverwachte fout in %s", request.path, exc_info=exception)
        return probleem(request, 500, _MELDINGEN[500])
