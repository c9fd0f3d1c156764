"""The production URLs and `/benchmark/kaal/<uuid>`: the detail endpoint's query and JSON without django-ninja."""

import json
from uuid import UUID

from django.http import Http404, HttpResponse
from django.urls import path

from openvth.conf.urls import urlpatterns as productie
from openvth.geo import crs as geocrs
from openvth.organisaties.fouten import NietGevonden
from openvth.register import selectors, services
from openvth.register.presentatie import uitvoeringen_dicts
from openvth.web.acteur import actor_van


def kaal(request, uuid: UUID):
    """Same selector (access policy, access log), same presentation, same bytes as the API's detail endpoint."""
    actor = actor_van(request)
    try:
        uitvoering = selectors.uitvoering_get(actor=actor, uuid=uuid)
    except NietGevonden:
        raise Http404 from None
    inhoud = json.dumps(uitvoeringen_dicts(actor, [uitvoering], geocrs.Crs.CRS84)[0], default=str, ensure_ascii=False)
    response = HttpResponse(inhoud, content_type="application/json")
    response["ETag"] = services.etag(uitvoering)
    return response


urlpatterns = [path("benchmark/kaal/<uuid:uuid>", kaal), *productie]
