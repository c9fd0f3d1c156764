"""OGC API – Features over the public register: Part 1 (Core, GeoJSON, HTML, OAS 3.0) and Part 2 (CRS by reference).

Read-only, in JSON and GeoJSON, and in HTML for people with a browser (Part 1 §7.14, /req/html): `Accept: text/html`
or `f=html`, with a table and a map of the features; every JSON answer links its HTML alternate. Every read goes
through the register selectors as
the anonymous actor, never as whoever sends the request, so this view is the public register and nothing more:
no non-public record, and no party's name (natural persons are never public; the activity executions show no
party at all). An unknown query parameter is refused with 400 (/req/core/query-param-unknown), like everywhere in
the project; every error is RFC 9457 problem details.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import wraps
from uuid import UUID

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from openvth.api.problemen import domeinprobleem, probleem
from openvth.geo.bbox import GeoFout, RdBbox, parse_bbox
from openvth.geo.crs import NEDERLAND_WGS84, Crs, crs_uit_uri
from openvth.organisaties.fouten import Domeinfout, NietGevonden, OngeldigeInvoer
from openvth.organisaties.toegang import ANONIEM
from openvth.register import selectors
from openvth.register.presentatie import uitvoering_dict, vthobject_dict

from . import geojson, openapi

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"

CONFORMITEIT = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]
CRS_LIJST = [Crs.CRS84, Crs.RD, Crs.EPSG4326, Crs.ETRS89]
"""Every CRS the geo module can answer in; Part 2 (/req/crs/fc-crs-valid-value) allows only listed ones."""
OPSLAG_CRS = Crs.RD
GREGORIAANS = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"

LIMIET_STANDAARD = 10
LIMIET_MAX = 1000
OFFSET_MAX = 1_000_000_000
"""Beyond any real register, and well inside the 64-bit integer the database's OFFSET accepts."""

_DATUMTIJD = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parameterfout(parameter: str, reden: str) -> OngeldigeInvoer:
    """An invalid query parameter, for a 400 with `invalidParams` (named as in the URL)."""
    return OngeldigeInvoer(reden, {parameter: reden})


# --- datetime ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tijd:
    """The `datetime` parameter as an inclusive range of Dutch calendar days (None: unbounded), because the
    register's validity (`geldigVanaf` inclusive, `geldigTot` exclusive) is kept in whole days."""

    begin: date | None
    eind: date | None

    @property
    def moment(self) -> bool:
        return self.begin is not None and self.begin == self.eind

    def overlapt(self) -> Q:
        """Records whose validity shares at least one day with this range."""
        filter_ = Q()
        if self.eind is not None:
            filter_ &= Q(geldig_vanaf__isnull=True) | Q(geldig_vanaf__lte=self.eind)
        if self.begin is not None:
            filter_ &= Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=self.begin)
        return filter_


def _dag(waarde: str) -> date:
    """An RFC 3339 date-time (with offset) as its day in Europe/Amsterdam; a bare full-date is taken as that day."""
    waarde = waarde.strip().upper()
    try:
        if _DATUM.match(waarde):
            return date.fromisoformat(waarde)
        if _DATUMTIJD.match(waarde):
            return timezone.localtime(datetime.fromisoformat(waarde)).date()
    except ValueError:
        pass
    raise _parameterfout(
        "datetime",
        f"{waarde!r} is geen RFC 3339-datum-tijd met tijdzone, zoals 2024-03-01T12:00:00Z (of een datum 2024-03-01)",
    )


def parse_datetime(waarde: str | None) -> Tijd | None:
    """Parse `datetime` (Part 1 /req/core/fc-time-definition): an instant, or an interval with '..' or an empty
    string for an open end. None when the parameter is absent."""
    if waarde is None:
        return None
    if "/" not in waarde:
        dag = _dag(waarde)
        return Tijd(dag, dag)
    delen = waarde.split("/")
    if len(delen) != 2:
        raise _parameterfout("datetime", "een interval heeft precies één '/': begin/eind, met '..' voor een open kant")
    begin, eind = (None if deel.strip() in ("", "..") else _dag(deel) for deel in delen)
    if begin is None and eind is None:
        raise _parameterfout("datetime", "een interval moet aan minstens één kant begrensd zijn")
    if begin is not None and eind is not None and begin > eind:
        raise _parameterfout("datetime", "het begin van het interval ligt na het eind")
    return Tijd(begin, eind)


def _middernacht(dag: date | None) -> str | None:
    """Start of a Dutch day as an RFC 3339 date-time with its offset (validity starts and ends at local midnight)."""
    if dag is None:
        return None
    return timezone.make_aware(datetime.combine(dag, time.min)).isoformat()


# --- collections ------------------------------------------------------------------------------------------


def _exact_in_bbox(rechthoek: RdBbox | None, pad: str) -> Q:
    """The exact test of a lon/lat request box on stored lon/lat: the RD envelope the selectors filter on is a
    little larger than such a box (bbox.py), and /req/core/fc-bbox-response wants only what lies inside."""
    if rechthoek is None or rechthoek.verzoek is None or not rechthoek.crs.geografisch:
        return Q()
    a1, b1, a2, b2 = rechthoek.verzoek
    lon_min, lat_min, lon_max, lat_max = (b1, a1, b2, a2) if rechthoek.crs.lat_lon else (a1, b1, a2, b2)
    filter_ = Q(**{f"{pad}lat__gte": lat_min, f"{pad}lat__lte": lat_max})
    if lon_min <= lon_max:
        return filter_ & Q(**{f"{pad}lon__gte": lon_min, f"{pad}lon__lte": lon_max})
    return filter_ & (Q(**{f"{pad}lon__gte": lon_min}) | Q(**{f"{pad}lon__lte": lon_max}))


@dataclass(frozen=True)
class Collectie:
    """A feature collection: how to list, fetch and present its public records."""

    id: str
    titel: str
    beschrijving: str
    locatiepad: str
    lijst: Callable[[RdBbox | None, Tijd | None], QuerySet]
    geschiedenis: Callable[[], QuerySet]
    detail: Callable[[UUID], object]
    eigenschappen: Callable[[object, Crs], dict]
    """The full record, for `…/items/{id}`."""
    lijstfeature: Callable[[object, Crs], dict] | None = None
    """A feature in `…/items`, when it is not the full record: for activity executions the flat map summary
    (ADR 0019), whose full record is `…/items/{id}`."""

    def zoek(self, rechthoek: RdBbox | None, tijd: Tijd | None) -> QuerySet:
        return self.lijst(rechthoek, tijd).filter(_exact_in_bbox(rechthoek, self.locatiepad))

    def feature(self, record, crs: Crs, *, lijst: bool = False) -> dict:
        if lijst and self.lijstfeature is not None:
            return self.lijstfeature(record, crs)
        eigenschappen = self.eigenschappen(record, crs)
        return {
            "type": "Feature",
            "id": eigenschappen["id"],
            "geometry": eigenschappen.pop("geometrie"),
            "properties": eigenschappen,
        }

    def extent(self) -> dict:
        """Spatial extent of what the collection shows without filters; temporal extent of all public history."""
        pad = self.locatiepad
        ruimte = self.lijst(None, None).aggregate(
            minlon=Min(f"{pad}lon"), minlat=Min(f"{pad}lat"), maxlon=Max(f"{pad}lon"), maxlat=Max(f"{pad}lat")
        )
        bbox = (
            list(NEDERLAND_WGS84)
            if ruimte["minlon"] is None
            else [ruimte["minlon"], ruimte["minlat"], ruimte["maxlon"], ruimte["maxlat"]]
        )
        tijd = self.geschiedenis().aggregate(
            begin=Min("geldig_vanaf"),
            eind=Max("geldig_tot"),
            open_begin=Count("pk", filter=Q(geldig_vanaf__isnull=True)),
            open_eind=Count("pk", filter=Q(geldig_tot__isnull=True)),
        )
        interval = [
            None if tijd["open_begin"] else _middernacht(tijd["begin"]),
            None if tijd["open_eind"] else _middernacht(tijd["eind"]),
        ]
        return {
            "spatial": {"bbox": [bbox], "crs": Crs.CRS84.uri},
            "temporal": {"interval": [interval], "trs": GREGORIAANS},
        }


VOLGORDE = "registratie"
"""Features in order of registration (ADR 0018): a large bbox (tens of thousands of matches) is then sorted by an
integer of its own rows rather than by the VTH-object's name across a join (233–365 ms for 27,580 matches)."""


def _uitvoeringen(rechthoek: RdBbox | None, tijd: Tijd | None) -> QuerySet:
    """Today's register by default; an instant is the register on that day; an interval gives each activity
    execution once, in its latest public version valid at some time in the interval (feature ids stay unique)."""
    if tijd is None or tijd.moment:
        filters = selectors.UitvoeringFilter(rechthoek=rechthoek, peildatum=tijd.begin if tijd else None)
        return selectors.uitvoering_list(actor=ANONIEM, filters=filters, volgorde=VOLGORDE)
    versies = (
        selectors.uitvoering_list(
            actor=ANONIEM,
            filters=selectors.UitvoeringFilter(rechthoek=rechthoek, alle_versies=True),
            volgorde=VOLGORDE,
        )
        .filter(afgevoerd_op__isnull=True)
        .filter(tijd.overlapt())
    )
    laatste = versies.filter(uuid=OuterRef("uuid")).order_by("-versie").values("versie")[:1]
    return versies.filter(versie=Subquery(laatste))


def _uitvoering_geschiedenis() -> QuerySet:
    filters = selectors.UitvoeringFilter(alle_versies=True)
    return selectors.uitvoering_list(actor=ANONIEM, filters=filters, volgorde=VOLGORDE).filter(
        afgevoerd_op__isnull=True
    )


def _vthobjecten(rechthoek: RdBbox | None, tijd: Tijd | None) -> QuerySet:
    qs = selectors.vthobject_list(actor=ANONIEM, rechthoek=rechthoek)
    return qs.filter(tijd.overlapt()) if tijd else qs


COLLECTIES = {
    c.id: c
    for c in (
        Collectie(
            id="activiteituitvoeringen",
            titel="Milieubelastende activiteiten (openbaar register)",
            beschrijving=(
                "Activiteituitvoeringen uit het openbare register: welke milieubelastende activiteit waar "
                "vergund, gemeld of informatieplichtig is, met bevoegd gezag en toezichtinstantie. Zonder "
                "datetime de stand van vandaag; met datetime de stand op dat moment of, bij een interval, de "
                "laatste versie die in het interval gold. Alleen openbare gegevens; namen van betrokkenen niet. "
                "Elke feature in items is een samenvatting voor de kaart (codes, namen, adres, status, geldigheid); "
                "het volledige record staat op items/{id}."
            ),
            locatiepad="vth_object__locatie__",
            lijst=_uitvoeringen,
            geschiedenis=_uitvoering_geschiedenis,
            detail=lambda uuid: selectors.uitvoering_get(actor=ANONIEM, uuid=uuid, doel="OGC API Features"),
            eigenschappen=lambda record, crs: uitvoering_dict(record, crs, set()),
            lijstfeature=geojson.kaart_feature,
        ),
        Collectie(
            id="vth-objecten",
            titel="VTH-objecten (openbaar)",
            beschrijving=(
                "De openbare VTH-objecten (inrichtingen, locaties) waarop activiteiten worden uitgevoerd, met "
                "adres, gemeente, bevoegd gezag en uitvoerder. datetime filtert op de geldigheid van het object."
            ),
            locatiepad="locatie__",
            lijst=_vthobjecten,
            geschiedenis=lambda: selectors.vthobject_list(actor=ANONIEM),
            detail=lambda uuid: selectors.vthobject_get(actor=ANONIEM, uuid=uuid, doel="OGC API Features"),
            eigenschappen=vthobject_dict,
        ),
    )
}


def _collectie(collectie_id: str) -> Collectie:
    try:
        return COLLECTIES[collectie_id]
    except KeyError:
        raise NietGevonden(f"Collectie {collectie_id!r} bestaat niet; beschikbaar: {', '.join(COLLECTIES)}.") from None


# --- request handling -------------------------------------------------------------------------------------


def _aanvaardbaar(accept: str, aanbod: tuple[str, ...]) -> str | None:
    """Content negotiation (RFC 9110 §12.5.1): the offered type with the highest q, where the most specific
    matching media range decides each type's q; ties go to the earlier offer. None: nothing is acceptable."""
    bereiken = []
    for deel in accept.split(","):
        stukken = [stuk.strip() for stuk in deel.split(";")]
        if not stukken[0]:
            continue
        q = 1.0
        for parameter in stukken[1:]:
            naam, _, waarde = parameter.partition("=")
            if naam.strip().lower() == "q":
                try:
                    q = float(waarde)
                except ValueError:
                    q = 0.0
        bereiken.append((stukken[0].lower(), q))
    if not bereiken:
        return aanbod[0]
    beste, beste_q = None, 0.0
    for soort in aanbod:
        basis = soort.split(";")[0]
        hoofd = basis.split("/")[0]
        passend = [
            (specificiteit, q)
            for bereik, q in bereiken
            for specificiteit in [{basis: 2, f"{hoofd}/*": 1, "*/*": 0}.get(bereik)]
            if specificiteit is not None
        ]
        if passend:
            q = max(passend)[1]
            if q > beste_q:
                beste, beste_q = soort, q
    return beste


def _geheel(request, naam: str, standaard: int, minimum: int) -> int:
    waarde = request.GET.get(naam)
    if waarde is None:
        return standaard
    if not re.fullmatch(r"\s*\d+\s*", waarde):
        raise _parameterfout(naam, f"{naam} moet een geheel getal zijn (minimaal {minimum})")
    getal = int(waarde)
    if getal < minimum:
        raise _parameterfout(naam, f"{naam} moet minimaal {minimum} zijn")
    return getal


def _crs(waarde: str | None, parameter: str) -> Crs:
    try:
        return crs_uit_uri(waarde)
    except ValueError as fout:
        raise _parameterfout(parameter, str(fout)) from None


def _eindpunt(*parameters: str, aanbod: tuple[str, ...] = (JSON, HTML)):
    """GET/HEAD only (CSRF-exempt, so another method answers 405, not a CSRF 403). Refuse unknown parameters and
    an unknown `f`; negotiate the media type (`f=json` picks the first offer, `f=html` the HTML page) and hand it to
    the view; turn invalid input into 400 and absence into 404 problem details.

    HTML is offered last, so a client that names no type, or only */*, gets JSON; a browser names text/html."""
    bekend = {"f", *parameters}

    def decorator(view):
        @csrf_exempt
        @require_safe
        @wraps(view)
        def ogc_view(request, *args, **kwargs):
            onbekend = sorted(set(request.GET) - bekend)
            if onbekend:
                return probleem(
                    request,
                    400,
                    f"Onbekende queryparameter(s): {', '.join(onbekend)}. Toegestaan: {', '.join(sorted(bekend))}.",
                    soort="ongeldige-invoer",
                    invalid_params=[
                        {"name": naam, "code": "unknownParameter", "reason": "Onbekende parameter."}
                        for naam in onbekend
                    ],
                )
            formaten = {"json": aanbod[0], **({"html": HTML} if HTML in aanbod else {})}
            formaat = request.GET.get("f")
            if formaat is not None and formaat not in formaten:
                return domeinprobleem(
                    request, _parameterfout("f", f"f kent de waarden {' en '.join(map(repr, formaten))}")
                )
            soort = formaten[formaat] if formaat else _aanvaardbaar(request.headers.get("Accept", ""), aanbod)
            if soort is None:
                return probleem(
                    request,
                    406,
                    f"Deze resource is er alleen als {' of '.join(aanbod)}; vraag daarom of gebruik f=json.",
                    soort="niet-aanvaardbaar",
                )
            try:
                response = view(request, soort, *args, **kwargs)
            except GeoFout as fout:
                return _ongeldig(request, fout)
            except Domeinfout as fout:  # invalid input 400, absence 404: as the API (api.problemen)
                return domeinprobleem(request, fout)
            patch_vary_headers(response, ["Accept"])
            return response

        return ogc_view

    return decorator


def _ongeldig(request, fout: GeoFout) -> HttpResponse:
    return probleem(
        request,
        400,
        fout.reden,
        soort="ongeldige-invoer",
        invalid_params=[{"name": fout.parameter, "code": "invalid", "reason": fout.reden}],
    )


def _antwoord(inhoud: dict, soort: str, crs: Crs | None = None, *, features: list[str] | None = None) -> HttpResponse:
    """`features`: features the database already spelled as JSON text (geojson.py), put into the empty list that
    ends `inhoud` (its last key, "features")."""
    tekst = json.dumps(inhoud, ensure_ascii=False)
    if features is not None:
        tekst = tekst.removesuffix("]}") + ",".join(features) + "]}"
    response = HttpResponse(tekst, content_type=soort)
    if crs is not None:
        response["Content-Crs"] = f"<{crs.uri}>"
    return response


def _url(request, naam: str, *args) -> str:
    return request.build_absolute_uri(reverse(f"ogc:{naam}", args=args))


def _link(href: str, rel: str, soort: str, titel: str) -> dict:
    return {"href": href, "rel": rel, "type": soort, "title": titel}


def _met_f(request, formaat: str, href: str | None = None) -> str:
    """`href` (default: this request) with `f` set, keeping the other query parameters."""
    if href is None:
        query = request.GET.copy()
        query["f"] = formaat
        return request.build_absolute_uri(f"{request.path}?{query.urlencode(safe=',:/')}")
    return f"{href}{'&' if '?' in href else '?'}f={formaat}"


def _zelf_en_alternatief(request, soort: str, titel: str) -> list[dict]:
    """The self link in the answer's own type and its alternate in the other (/req/core/*-links, /rec/html)."""
    if soort == HTML:
        return [
            _link(_met_f(request, "html"), "self", HTML, titel),
            _link(_met_f(request, "json"), "alternate", JSON, f"{titel} (JSON)"),
        ]
    return [
        _link(request.build_absolute_uri(), "self", soort, titel),
        _link(_met_f(request, "html"), "alternate", HTML, f"{titel} (HTML)"),
    ]


def _pagina(request, sjabloon: str, inhoud: dict, titel: str, **extra) -> HttpResponse:
    """The HTML representation: the same content as the JSON, on the site's own page (ogc/templates)."""
    return render(request, f"ogc/{sjabloon}.html", {"inhoud": inhoud, "titel": titel, **extra})


def _collectie_dict(request, collectie: Collectie) -> dict:
    return {
        "id": collectie.id,
        "title": collectie.titel,
        "description": collectie.beschrijving,
        "links": [
            _link(_url(request, "collectie", collectie.id), "self", JSON, "Deze collectie"),
            _link(
                _met_f(request, "html", _url(request, "collectie", collectie.id)),
                "alternate",
                HTML,
                "Deze collectie (HTML)",
            ),
            _link(_url(request, "items", collectie.id), "items", GEOJSON, "De features (GeoJSON)"),
            _link(_met_f(request, "html", _url(request, "items", collectie.id)), "items", HTML, "De features (HTML)"),
        ],
        "extent": collectie.extent(),
        "itemType": "feature",
        "crs": [crs.uri for crs in CRS_LIJST],
        "storageCrs": OPSLAG_CRS.uri,
    }


# --- endpoints --------------------------------------------------------------------------------------------


@_eindpunt()
def landing(request, soort):
    inhoud = {
        "title": "OpenVTH – openbaar register milieubelastende activiteiten",
        "description": (
            "OGC API – Features (deel 1 Core met GeoJSON, HTML en OpenAPI 3.0, deel 2 CRS) op het openbare register: "
            "alleen openbare gegevens, alleen lezen. Antwoorden zijn JSON en GeoJSON, en HTML in de browser. "
            "Coördinaten standaard in CRS84, op verzoek in RD New (EPSG:28992), EPSG:4326 of EPSG:4258."
        ),
        "links": [
            *_zelf_en_alternatief(request, soort, "Deze pagina"),
            _link(_url(request, "api"), "service-desc", OPENAPI, "De API-definitie (OpenAPI 3.0)"),
            _link(_url(request, "conformance"), "conformance", JSON, "Ondersteunde conformiteitsklassen"),
            _link(_url(request, "collecties"), "data", JSON, "De collecties"),
            _link(_met_f(request, "html", _url(request, "collecties")), "data", HTML, "De collecties (HTML)"),
        ],
    }
    if soort == HTML:
        return _pagina(request, "landing", inhoud, inhoud["title"], landing=_url(request, "landing"))
    return _antwoord(inhoud, soort)


@_eindpunt(aanbod=(OPENAPI, JSON, HTML))
def api(request, soort):
    if soort == HTML:  # the same reference as /api/v1/docs (ADR 0026), over this document
        return _pagina(request, "api", {}, "OGC API – Features: API-definitie", document=_met_f(request, "json"))
    collecties = [(c.id, c.titel) for c in COLLECTIES.values()]
    document = openapi.document(
        server=_url(request, "landing").rstrip("/"),
        collecties=collecties,
        crs_lijst=[crs.uri for crs in CRS_LIJST],
        limiet_standaard=LIMIET_STANDAARD,
        limiet_max=LIMIET_MAX,
    )
    return _antwoord(document, soort)


@_eindpunt()
def conformance(request, soort):
    if soort == HTML:
        return _pagina(request, "conformance", {"conformsTo": CONFORMITEIT}, "Conformiteitsklassen")
    return _antwoord({"conformsTo": CONFORMITEIT}, soort)


@_eindpunt()
def collecties(request, soort):
    inhoud = {
        "links": _zelf_en_alternatief(request, soort, "De collecties"),
        "collections": [_collectie_dict(request, c) for c in COLLECTIES.values()],
    }
    if soort == HTML:
        return _pagina(request, "collecties", inhoud, "Collecties")
    return _antwoord(inhoud, soort)


@_eindpunt()
def collectie(request, soort, collectie_id: str):
    inhoud = _collectie_dict(request, _collectie(collectie_id))
    if soort == HTML:
        return _pagina(
            request,
            "collectie",
            inhoud,
            inhoud["title"],
            items=_met_f(request, "html", _url(request, "items", collectie_id)),
        )
    return _antwoord(inhoud, soort)


@_eindpunt("bbox", "bbox-crs", "crs", "datetime", "limit", "offset", aanbod=(GEOJSON, JSON, HTML))
def items(request, soort, collectie_id: str):
    collectie = _collectie(collectie_id)
    rechthoek = parse_bbox(request.GET.get("bbox"), request.GET.get("bbox-crs"))
    uitvoer = _crs(request.GET.get("crs"), "crs")
    if soort == HTML:
        uitvoer = Crs.CRS84  # the page's map and table show longitude and latitude
    tijd = parse_datetime(request.GET.get("datetime"))
    limiet = min(_geheel(request, "limit", LIMIET_STANDAARD, 1), LIMIET_MAX)  # /req/core/fc-limit-response-1
    offset = _geheel(request, "offset", 0, 0)
    if offset > OFFSET_MAX:
        raise _parameterfout("offset", f"offset mag hoogstens {OFFSET_MAX} zijn")

    qs = collectie.zoek(rechthoek, tijd)
    pagina_qs = qs[offset : offset + limiet]
    snel = collectie.id == "activiteituitvoeringen" and uitvoer in geojson.KAN
    # The database spells each feature (geojson.py); the rest of the page is built here as for any collection.
    features = (
        geojson.uitvoering_features(pagina_qs, uitvoer)
        if snel
        else [collectie.feature(record, uitvoer, lijst=True) for record in pagina_qs]
    )
    # A first page that is not full already says how many match: no second query over the same rows.
    totaal = len(features) if offset == 0 and len(features) < limiet else qs.count()

    def pagina(start: int) -> str:
        query = request.GET.copy()
        query["offset"] = str(start)
        query["limit"] = str(limiet)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode(safe=',:/')}")

    links = _zelf_en_alternatief(request, soort, "Deze pagina")
    if offset + len(features) < totaal:
        links.append(_link(pagina(offset + limiet), "next", soort, "Volgende pagina"))
    if offset > 0:
        links.append(_link(pagina(max(0, offset - limiet)), "prev", soort, "Vorige pagina"))
    links.append(_link(_url(request, "collectie", collectie.id), "collection", JSON, "De collectie"))
    if soort == HTML:
        return _items_pagina(
            request, collectie, links, totaal, offset, features if not snel else [json.loads(f) for f in features]
        )
    inhoud = {
        "type": "FeatureCollection",
        "timeStamp": timezone.now().isoformat(timespec="seconds").replace("+00:00", "Z"),
        "numberMatched": totaal,
        "numberReturned": len(features),
        "links": links,
        "features": [] if snel else features,
    }
    return _antwoord(inhoud, soort, uitvoer, features=features if snel else None)


@_eindpunt("crs", aanbod=(GEOJSON, JSON, HTML))
def item(request, soort, collectie_id: str, feature_id: str):
    collectie = _collectie(collectie_id)
    uitvoer = Crs.CRS84 if soort == HTML else _crs(request.GET.get("crs"), "crs")
    try:
        uuid = UUID(feature_id)
    except ValueError:
        raise NietGevonden(f"Feature {feature_id!r} bestaat niet in collectie {collectie.id!r}.") from None
    try:
        record = collectie.detail(uuid)
    except NietGevonden:
        raise NietGevonden(f"Feature {feature_id!r} bestaat niet in collectie {collectie.id!r}.") from None
    feature = collectie.feature(record, uitvoer)
    feature["links"] = [
        *_zelf_en_alternatief(request, soort, "Deze feature"),
        _link(_url(request, "collectie", collectie.id), "collection", JSON, "De collectie"),
    ]
    if soort == HTML:
        return _pagina(
            request,
            "item",
            feature,
            _samenvatting(feature)["naam"],
            collectie=collectie,
            eigenschappen=_vlak(feature["properties"]),
            kaartpunten=_kaartpunten(request, collectie, [feature]),
            items=_met_f(request, "html", _url(request, "items", collectie.id)),
        )
    return _antwoord(feature, soort, uitvoer)


# --- HTML ------------------------------------------------------------------------------------------------


def _tekst(waarde) -> str:
    if isinstance(waarde, dict):
        return ", ".join(str(v) for v in waarde.values() if v not in (None, ""))
    if isinstance(waarde, list):
        return "; ".join(_tekst(v) for v in waarde)
    return "" if waarde is None else str(waarde)


def _vlak(eigenschappen: dict, voor: str = "") -> list[tuple[str, str]]:
    """The properties as (name, text) rows, nested objects by dotted name: the item page's table."""
    rijen = []
    for naam, waarde in eigenschappen.items():
        if isinstance(waarde, dict) and waarde:
            rijen.extend(_vlak(waarde, f"{voor}{naam}."))
        else:
            rijen.append((f"{voor}{naam}", _tekst(waarde)))
    return rijen


def _samenvatting(feature: dict) -> dict:
    """Name, what and where of a feature of either collection (the list feature or the full record)."""
    e = feature.get("properties") or {}
    adres = e.get("adres") or (e.get("vthObject") or {}).get("adres") or e
    plaats = " ".join(str(adres.get(k) or "") for k in ("postcode", "woonplaats")).strip()
    straat = " ".join(str(adres.get(k) or "") for k in ("straat", "huisnummer", "huisletter")).strip()
    activiteit = e.get("activiteit")
    return {
        "id": feature.get("id"),
        "naam": e.get("vthObjectNaam") or (e.get("vthObject") or {}).get("naam") or e.get("naam") or feature.get("id"),
        "wat": e.get("activiteitNaam")
        or (activiteit.get("naam") if isinstance(activiteit, dict) else "")
        or e.get("type", ""),
        "waar": ", ".join(deel for deel in (straat, plaats) if deel),
        "status": e.get("status", ""),
    }


def _kaartpunten(request, collectie: Collectie, features: list[dict]) -> list[dict]:
    """The points for openvth/kaart.js: lon/lat (CRS84), name and the link to the item's page."""
    punten = []
    for feature in features:
        geometrie = feature.get("geometry") or {}
        if geometrie.get("type") != "Point":
            continue
        samen = _samenvatting(feature)
        lon, lat = geometrie["coordinates"][:2]
        href = _met_f(request, "html", _url(request, "item", collectie.id, feature["id"]))
        punten.append({"lat": lat, "lon": lon, "url": href, "naam": str(samen["naam"]), "code": samen["wat"]})
    return punten


def _items_pagina(request, collectie: Collectie, links: list[dict], totaal: int, offset: int, features: list[dict]):
    rijen = []
    for feature in features:
        samen = _samenvatting(feature)
        samen["href"] = _met_f(request, "html", _url(request, "item", collectie.id, feature["id"]))
        rijen.append(samen)
    inhoud = {"numberMatched": totaal, "numberReturned": len(features), "links": links}
    per_rel = {link["rel"]: link["href"] for link in links}
    return _pagina(
        request,
        "items",
        inhoud,
        collectie.titel,
        collectie=collectie,
        rijen=rijen,
        kaartpunten=_kaartpunten(request, collectie, features),
        van=offset + 1 if features else 0,
        tot=offset + len(features),
        volgende=per_rel.get("next"),
        vorige=per_rel.get("prev"),
        collectie_html=_met_f(request, "html", _url(request, "collectie", collectie.id)),
        json=_met_f(request, "json"),
    )
