"""The API reference page, in the site's own look (its template is web's): here, beside the API it describes, so
that web does not import api (ADR 0028)."""

from django.shortcuts import render

from .v1 import api


def api_documentatie(request):
    """The API reference: Swagger UI served from node_modules over /api/v1/openapi.json (ADR 0026), below a
    server-rendered introduction with the authentication section, which also reads without script."""
    return render(request, "web/api_documentatie.html", {"info": api.get_openapi_schema()["info"]})
