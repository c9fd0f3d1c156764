"""Assembly of API v1: one NinjaAPI, its error handlers and the OpenAPI document as the linter wants it."""

from __future__ import annotations

import json
from functools import wraps

from django.conf import settings
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import path, reverse
from django.views.decorators.http import require_GET
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from openvth.geo.bbox import GeoFout
from openvth.handhaving.api import router as handhaving_router
from openvth.organisaties.api import router as organisaties_router
from openvth.organisaties.fouten import Domeinfout, NietGevonden
from openvth.register.api import router as register_router
from openvth.toezicht.api import router as toezicht_router
from openvth.vergunningen.api import router as vergunningen_router

from .auth import AnoniemeLimiet, www_authenticate
from .openapi import AUTHENTICATIE, BEVEILIGING, VOORBEELDEN
from .problemen import PROBLEEM_SCHEMA, PROBLEEM_TYPE, domeinprobleem, probleem

FOUTCODES = {
    "400": "Ongeldige invoer (zie invalidParams).",
    "401": "Niet of niet geldig geauthenticeerd.",
    "403": "Geen toestemming voor deze handeling.",
    "404": "Niet gevonden (of niet zichtbaar voor u).",
    "406": "Gevraagd formaat niet ondersteund.",
    "429": "Te veel verzoeken; zie Retry-After.",
    "500": "Interne fout.",
}


def _antwoorden(ruw: dict) -> dict:
    """Responses by status code as a string. ninja keys its own by int and `openapi_extra` by string, so one
    answer can arrive twice (200 and "200"): their media types are merged, not the one dropped for the other."""
    antwoorden: dict = {}
    for code, antwoord in ruw.items():
        samen = antwoorden.setdefault(str(code), {})
        inhoud = {**samen.get("content", {}), **antwoord.get("content", {})}
        samen.update(antwoord)
        if inhoud:
            samen["content"] = inhoud
    return antwoorden


class OpenVthApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Paths relative to the server URL (which carries /v1), problem+json errors, API-Version headers."""
        schema = super().get_openapi_schema(path_prefix="", path_params=path_params)
        schema["servers"] = [{"url": "/api/v1", "description": "Deze installatie"}]
        componenten = schema.setdefault("components", {})
        componenten.setdefault("headers", {})["API-Version"] = {
            "description": "De volledige versie van de API (semver).",
            "schema": {"type": "string", "example": settings.OPENVTH_API_VERSIE},
        }
        componenten.setdefault("schemas", {})["Probleem"] = {"title": "Probleem", **PROBLEEM_SCHEMA}
        for naam, omschrijving in BEVEILIGING.items():
            componenten.setdefault("securitySchemes", {}).setdefault(naam, {})["description"] = omschrijving
        for naam, voorbeeld in VOORBEELDEN.items():
            componenten["schemas"][naam]["example"] = voorbeeld  # `example`: the one Spectral checks
        for pad in schema["paths"].values():
            for operatie in pad.values():
                antwoorden = operatie["responses"] = _antwoorden(operatie.get("responses", {}))
                for code, omschrijving in FOUTCODES.items():
                    if code == "404" and not (operatie.get("parameters") or "requestBody" in operatie):
                        continue  # an identifier in the path, the query or the body can name an absent record
                    antwoorden.setdefault(code, {"description": omschrijving})
                for code, antwoord in antwoorden.items():
                    if code.startswith(("4", "5")):
                        antwoord["content"] = {PROBLEEM_TYPE: {"schema": {"$ref": "#/components/schemas/Probleem"}}}
                    else:
                        antwoord.setdefault("headers", {})["API-Version"] = {"$ref": "#/components/headers/API-Version"}
        return schema

    def _get_urls(self):
        """Ninja's root view redirects to `docs_url`, which is None here (the page is `api.documentatie`), so
        `GET /api/v1/` ended in a 500 on a redirect to `/api/v1/None`. The root answers an index of links instead;
        the URL name stays `api-root` because ninja reverses it for the OpenAPI path prefix."""
        urls = [u for u in super()._get_urls() if getattr(u, "name", None) != "api-root"]
        return [*urls, path("", api_root, name="api-root")]


@require_GET
def api_root(request):
    """The API's entry point: what it is and where its description is (no operation, so not in the document)."""

    def link(naam: str) -> str:
        return request.build_absolute_uri(reverse(naam))

    return JsonResponse(
        {
            "title": api.title,
            "version": settings.OPENVTH_API_VERSIE,
            "_links": {
                "self": {"href": request.build_absolute_uri(request.path)},
                "openapi": {"href": link("api-v1:openapi-json"), "type": "application/json"},
                "documentatie": {"href": link("api-documentatie"), "type": "text/html"},
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


api = OpenVthApi(
    title="OpenVTH API",
    version=settings.OPENVTH_API_VERSIE,
    description=(
        "De gedeelde API van het VTH-stelsel: organisaties, register, toezicht en handhaving. "
        "Volgt de NL API Design Rules; fouten zijn RFC 9457 problem details.\n\n" + AUTHENTICATIE
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,  # served by api.documentatie with local assets: ninja's page loads a CDN and inline script (CSP)
    throttle=[AnoniemeLimiet()],
    openapi_extra={
        "info": {
            "contact": {
                "name": settings.OPENVTH_API_CONTACT[0],
                "email": settings.OPENVTH_API_CONTACT[1],
                "url": settings.OPENVTH_API_CONTACT[2],
            },
            "license": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
        },
    },
)


def _invalid_params(fouten: list[dict]) -> list[dict[str, str]]:
    uit = []
    for fout in fouten:
        plaats = [
            str(deel)
            for deel in fout.get("loc", ())
            if deel not in ("query", "body", "path", "filters", "data", "payload")
        ]
        naam = ".".join(plaats) or "request"
        code = {"extra_forbidden": "unknownParameter", "missing": "required"}.get(
            fout.get("type", ""), fout.get("type", "invalid")
        )
        reden = (
            "Onbekende parameter." if fout.get("type") == "extra_forbidden" else fout.get("msg", "Ongeldige waarde.")
        )
        uit.append({"name": naam, "code": code, "reason": reden})
    return uit


@api.exception_handler(ValidationError)
def _validatie(request, exc: ValidationError):
    return probleem(
        request, 400, "De invoer is ongeldig.", soort="ongeldige-invoer", invalid_params=_invalid_params(exc.errors)
    )


@api.exception_handler(Domeinfout)
def _domeinfout(request, exc: Domeinfout):
    return domeinprobleem(request, exc)


@api.exception_handler(GeoFout)
def _geo(request, exc: GeoFout):
    naam = {"bbox-crs": "bboxCrs"}.get(exc.parameter, exc.parameter)
    return probleem(
        request,
        400,
        exc.reden,
        soort="ongeldige-invoer",
        invalid_params=[{"name": naam, "code": "invalid", "reason": exc.reden}],
    )


@api.exception_handler(Http404)
def _niet_gevonden(request, exc: Http404):
    return domeinprobleem(request, NietGevonden())


@api.exception_handler(AuthenticationError)
def _authenticatie(request, exc: AuthenticationError):
    detail = exc.message if exc.message != "Unauthorized" else "Log in of gebruik een geldig Bearer-token."
    return probleem(
        request, 401, detail, soort="niet-geauthenticeerd", headers={"WWW-Authenticate": www_authenticate(request)}
    )


@api.exception_handler(Throttled)
def _throttled(request, exc: Throttled):
    wacht = int(exc.wait or 1) + 1
    return probleem(
        request,
        429,
        f"Te veel verzoeken; probeer het over {wacht} s opnieuw.",
        soort="te-veel-verzoeken",
        headers={"Retry-After": str(wacht)},
    )


@api.exception_handler(MultiPartParserError)
def _multipart(request, exc: MultiPartParserError):
    return probleem(request, 400, f"De multipart-body is onleesbaar: {exc}", soort="ongeldige-invoer")


@api.exception_handler(HttpError)
def _http(request, exc: HttpError):
    return probleem(request, exc.status_code, str(exc))


# Query parameters that standards spell differently from the ADR's camelCase: accepted under both names.
QUERY_ALIASSEN = {"bbox-crs": "bboxCrs"}


def _weiger_onbekende_parameters(run):
    """Decorate an operation's `run` so that an undeclared query parameter answers 400, never ignored."""
    operatie = run.__self__
    bekend = {
        naam
        for model in operatie.models
        if model.__ninja_param_source__ == "query"
        for naam in getattr(model, "__ninja_flatten_map__", {})
    }

    @wraps(run)
    def strikt(request, *args, **kwargs):
        if "\x00" in request.path or any("\x00" in n + "".join(request.GET.getlist(n)) for n in request.GET):
            # PostgreSQL cannot compare or store a NUL character: refused here, the same on every engine
            return probleem(request, 400, "De URL bevat een NUL-teken (%00).", soort="ongeldige-invoer")
        if any(alias in request.GET for alias in QUERY_ALIASSEN):
            request.GET = request.GET.copy()
            for alias, naam in QUERY_ALIASSEN.items():
                if alias in request.GET:
                    request.GET.setlist(naam, request.GET.pop(alias))
        onbekend = sorted(set(request.GET) - bekend)
        if onbekend:
            return probleem(
                request,
                400,
                "Onbekende queryparameter(s): " + ", ".join(onbekend) + ".",
                soort="ongeldige-invoer",
                invalid_params=[
                    {"name": n, "code": "unknownParameter", "reason": "Onbekende parameter."} for n in onbekend
                ],
            )
        return run(request, *args, **kwargs)

    return strikt


api.add_decorator(_weiger_onbekende_parameters, mode="view")
api.add_router("/", organisaties_router)
api.add_router("/", register_router)
api.add_router("/", handhaving_router)
api.add_router("/", toezicht_router)
api.add_router("/", vergunningen_router)


def openapi_tekst() -> str:
    """The OpenAPI document as `openvth export_openapi` writes it to `openapi.json`."""
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
