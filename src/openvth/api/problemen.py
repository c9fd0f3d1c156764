"""RFC 9457 problem details: the one shape of every API error (NL API Design Rules, /core/error-handling)."""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.http import HttpResponse
from django.utils.encoding import escape_uri_path

from openvth.organisaties.fouten import (
    Domeinfout,
    GeenToestemming,
    NietGevonden,
    OngeldigeInvoer,
    VerouderdeVersie,
    per_soort,
)

PROBLEEM_TYPE = "application/problem+json"
TYPE_BASIS = "urn:openvth:probleem:"

PROBLEEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}
"""The problem schema for OpenAPI documents (API v1 and the OGC API view)."""


def probleem(
    request,
    status: int,
    detail: str,
    *,
    titel: str | None = None,
    soort: str | None = None,
    invalid_params: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """A problem+json response. `instance` is the request path, percent-encoded as the URI reference its schema
    promises (a path may hold any character); `type` names the problem, not the status."""
    inhoud = {
        "type": TYPE_BASIS + (soort or str(status)),
        "title": titel or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": escape_uri_path(request.path),
    }
    if invalid_params:
        inhoud["invalidParams"] = invalid_params
    response = HttpResponse(json.dumps(inhoud, ensure_ascii=False), status=status, content_type=PROBLEEM_TYPE)
    response["API-Version"] = settings.OPENVTH_API_VERSIE
    for naam, waarde in (headers or {}).items():
        response[naam] = waarde
    return response


def camel(naam: str) -> str:
    """A field name as the API spells it: the domain's snake_case in camelCase (`geldig_vanaf` → `geldigVanaf`).

    The one place where a domain error's field names meet the API's spelling. Split on underscores only, so a
    name that is already one word, a path (`deelnemers.0.organisatie`) or a query parameter's own spelling
    (`bbox-crs`) passes unchanged."""
    eerste, *rest = naam.split("_")
    return eerste + "".join(deel[:1].upper() + deel[1:] for deel in rest)


def _ongeldige_invoer(request, fout: OngeldigeInvoer) -> HttpResponse:
    params = [{"name": camel(veld), "code": "invalid", "reason": reden} for veld, reden in fout.velden.items()]
    return probleem(request, 400, fout.tekst(camel), soort="ongeldige-invoer", invalid_params=params or None)


def _niet_gevonden(request, fout: NietGevonden) -> HttpResponse:
    return probleem(request, 404, str(fout) or "Niet gevonden.", soort="niet-gevonden")


def _geen_toestemming(request, fout: GeenToestemming) -> HttpResponse:
    return probleem(request, 403, str(fout) or "Geen toestemming.", soort="geen-toestemming")


def _verouderde_versie(request, fout: VerouderdeVersie) -> HttpResponse:
    return probleem(request, 412, str(fout) or "Intussen gewijzigd.", soort="verouderde-versie")


PROBLEMEN: dict[type[Domeinfout], Callable[..., HttpResponse]] = {
    OngeldigeInvoer: _ongeldige_invoer,
    NietGevonden: _niet_gevonden,
    GeenToestemming: _geen_toestemming,
    VerouderdeVersie: _verouderde_versie,
}
"""Each kind of domain error as a problem (API v1 and the OGC API alike); tests/api checks that none is missing."""


def domeinprobleem(request, fout: Domeinfout) -> HttpResponse:
    """The problem details for a domain error, by its nearest kind in `PROBLEMEN`."""
    return per_soort(PROBLEMEN, fout, "api.problemen.PROBLEMEN")(request, fout)


def if_match_openapi() -> dict:
    """The OpenAPI of a write under If-Match: the required header and the two answers it adds."""
    return {
        "parameters": [
            {
                "name": "If-Match",
                "in": "header",
                "required": True,
                "schema": {"type": "string"},
                "description": "De ETag van de versie die u wijzigt.",
            }
        ],
        "responses": {
            "412": {"description": "Intussen gewijzigd; haal de actuele versie op."},
            "428": {"description": "If-Match ontbreekt."},
        },
    }
