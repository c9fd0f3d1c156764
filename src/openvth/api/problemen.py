"""RFC 9457 problem details: the one shape of every API error (NL API Design Rules, /core/error-handling)."""

from __future__ import annotations

import json
from http import HTTPStatus

from django.conf import settings
from django.http import HttpResponse

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
    """A problem+json response. `instance` is the request path; `type` names the problem, not the status."""
    inhoud = {
        "type": TYPE_BASIS + (soort or str(status)),
        "title": titel or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if invalid_params:
        inhoud["invalidParams"] = invalid_params
    response = HttpResponse(json.dumps(inhoud, ensure_ascii=False), status=status, content_type=PROBLEEM_TYPE)
    response["API-Version"] = settings.OPENVTH_API_VERSIE
    for naam, waarde in (headers or {}).items():
        response[naam] = waarde
    return response
