"""Writing the audit trail and the access log. Called by every domain service and selector."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.forms.models import model_to_dict

from openvth.organisaties.models import Vertrouwelijkheid
from openvth.organisaties.toegang import Actor, Recordsoort, mag_zien, recordsoort_van, recordsoorten, zichtbaar

from .models import Auditgebeurtenis, Inzage

# The id of the request being served, set by `middleware.RequestIdMiddleware`: events written without an actor's
# own request id (a service called deep inside the request) still carry it.
huidige_request_id: ContextVar[str] = ContextVar("openvth_request_id", default="")

# Field names whose values never reach the audit trail (credentials, secrets, personal identifiers).
GEVOELIG = frozenset(
    {"password", "wachtwoord", "sleutel", "sleutel_hash", "token", "secret", "key", "bsn", "otp", "recovery"}
)
GEMASKEERD = "***"


def _json(waarde: Any) -> Any:
    if isinstance(waarde, Mapping):
        return {str(k): (GEMASKEERD if _gevoelig(str(k)) else _json(v)) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple | set | frozenset):
        return [_json(v) for v in waarde]
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal | uuid.UUID):
        return str(waarde)
    if isinstance(waarde, Model):
        return str(waarde.pk)
    try:
        json.dumps(waarde)
        return waarde
    except TypeError:
        return str(waarde)


def _gevoelig(naam: str) -> bool:
    naam = naam.lower()
    return any(deel in naam for deel in GEVOELIG)


def momentopname(obj: Model, velden: Iterable[str] | None = None) -> dict[str, Any]:
    """The state of `obj` for a before/after pair, sensitive fields masked."""
    return _json(model_to_dict(obj, fields=list(velden) if velden else None) | {"id": obj.pk})


def _object_id(obj: Model) -> str:
    return str(getattr(obj, "uuid", None) or obj.pk)


def schrijf(
    *, actor: Actor, actie: str, object: Model, voor: Mapping | None = None, na: Mapping | None = None
) -> Auditgebeurtenis:
    """Append one audit event; call inside the service's transaction so both commit or neither does."""
    return Auditgebeurtenis.objects.create(
        actor_id=actor.gebruiker_id,
        actor_naam=actor.gebruikersnaam,
        organisatie_id=actor.organisatie.pk if actor.organisatie else None,
        organisatie_naam=actor.organisatie.naam if actor.organisatie else "",
        actie=actie,
        object_soort=object._meta.label_lower,
        object_id=_object_id(object),
        object_omschrijving=str(object)[:300],
        voor=_json(voor) if voor is not None else None,
        na=_json(na) if na is not None else None,
        request_id=actor.request_id or huidige_request_id.get(),
    )


# Purpose prefix of an access-log row for a refused read (404 on a record that exists, 403): the privacy officer
# sees attempts as well as reads. The model has no column for it; the prefix is the one convention (docs/toegang.md).
GEWEIGERD = "geweigerd"

# A request logs each record once, however many helpers show it (a list and its related records, a page and its
# map): request id -> keys already logged. Outside a request (CLI, tasks) every call logs.
_gelogd: ContextVar[tuple[str, set[tuple[str, int]]] | None] = ContextVar("openvth_inzage_gelogd", default=None)


def _al_gelogd(request_id: str) -> set[tuple[str, int]]:
    if not request_id:
        return set()
    staat = _gelogd.get()
    if staat is None or staat[0] != request_id:
        staat = (request_id, set())
        _gelogd.set(staat)
    return staat[1]


def _waarde(obj: Model, pad: str):
    """Follow a policy path (`controle__bevoegd_gezag`) to its value on `obj`; the `_id` of a relation."""
    *tussen, laatste = pad.split("__")
    for deel in tussen:
        obj = getattr(obj, deel, None)
        if obj is None:
            return None
    try:
        veld = obj._meta.get_field(laatste)
    except FieldDoesNotExist:
        return None
    return getattr(obj, veld.attname)


def _vertrouwelijkheid(obj: Model, soort: Recordsoort) -> str:
    niveau = getattr(obj, "vertrouwelijkheid", None) or _waarde(obj, soort.vertrouwelijkheid)
    return niveau or Vertrouwelijkheid.OPENBAAR


@cache
def _relaties(model: type[Model]) -> tuple:
    """The foreign keys of `model` to other record kinds under the policy: what a record shows along with itself."""
    soorten = {s.model for s in recordsoorten().values()}
    return tuple(f for f in model._meta.concrete_fields if f.is_relation and f.related_model in soorten)


def _verwant(actor: Actor, objecten: list[Model]) -> list[Model]:
    """The non-public records one step away from `objecten` (a controle's object, an execution's party, a measure's
    case, a risk score's object): an answer shows them with the record (name, link, address), so they are read too,
    whether or not the policy lets the actor open them. Parties are the exception: their names show only to who may
    see them. One query per related kind, none when the related record is loaded and public."""
    ids: dict[type[Model], set[int]] = defaultdict(set)
    for obj in objecten:
        for veld in _relaties(type(obj)):
            pk = getattr(obj, veld.attname)
            if pk is None:
                continue
            if veld.is_cached(obj):
                verwant = veld.get_cached_value(obj)
                if getattr(verwant, "vertrouwelijkheid", None) == Vertrouwelijkheid.OPENBAAR:
                    continue
            ids[veld.related_model].add(pk)
    uit: list[Model] = []
    for model, pks in ids.items():
        soort = recordsoort_van(model)
        qs = model._default_manager.filter(pk__in=pks).exclude(**{soort.vertrouwelijkheid: Vertrouwelijkheid.OPENBAAR})
        if model._meta.label_lower == "register.betrokkene":  # a party's name shows only to who may see it
            qs = zichtbaar(actor, qs)
        uit += list(qs)
    return uit


def _regel(actor: Actor, obj: Model, soort: Recordsoort, doel: str, request_id: str) -> Inzage:
    return Inzage(
        actor_id=actor.gebruiker_id,
        actor_naam=actor.gebruikersnaam,
        organisatie_id=actor.organisatie.pk if actor.organisatie else None,
        organisatie_naam=actor.organisatie.naam if actor.organisatie else "",
        object_soort=obj._meta.label_lower,
        object_id=_object_id(obj),
        object_omschrijving=str(obj)[:300],
        vertrouwelijkheid=_vertrouwelijkheid(obj, soort),
        bevoegd_gezag_id=_waarde(obj, soort.bevoegd_gezag),
        uitvoerder_id=_waarde(obj, soort.uitvoerder),
        doel=doel[:200],
        request_id=request_id,
    )


def log_inzage(
    *, actor: Actor, objecten: Iterable[Model], doel: str, veld: str = "vertrouwelijkheid", verwant: bool = True
) -> int:
    """Log each non-public record in `objecten` (rows of any model; those of a record kind count) that `actor` just
    read, and (with `verwant`) the non-public records they show along (`_verwant`), also for a public record.
    Public records are not logged; a record already logged in this request is not logged again. All rows go in one
    bulk insert: a page of a hundred records is one statement (SQLite: one per 70 rows), not a hundred."""
    alle = list(objecten)
    soorten = {s.model for s in recordsoorten().values()}
    objecten = [
        obj
        for obj in alle
        if type(obj) in soorten and getattr(obj, veld, Vertrouwelijkheid.OPENBAAR) != Vertrouwelijkheid.OPENBAAR
    ]
    if verwant and alle and not actor.anoniem:  # a public execution can still show a natural person
        objecten += _verwant(actor, alle)
    if not objecten:
        return 0
    request_id = actor.request_id or huidige_request_id.get()
    gelogd = _al_gelogd(request_id)
    regels = []
    for obj in objecten:
        sleutel = (obj._meta.label_lower, obj.pk)
        if sleutel in gelogd:
            continue
        gelogd.add(sleutel)
        regels.append(_regel(actor, obj, recordsoort_van(type(obj)), doel, request_id))
    Inzage.objects.bulk_create(regels)
    return len(regels)


def log_geweigerd(*, actor: Actor, objecten: Iterable[Model], handeling: str) -> int:
    """Log refused reads of existing records (404 for a record the actor may not see, 403 for a missing role):
    who tried, which record, when. The record's own organisations find the attempt in their access log."""
    request_id = actor.request_id or huidige_request_id.get()
    regels = [
        _regel(actor, obj, recordsoort_van(type(obj)), f"{GEWEIGERD}: {handeling}", request_id) for obj in objecten
    ]
    Inzage.objects.bulk_create(regels)
    return len(regels)


# Records addressed in a URL that are not a record kind themselves but belong to one (an attachment to its
# controle, a letter to its case): a refused attempt on them is an attempt on their owner.
_ONDERDELEN = {"toezicht.bijlage": "controle", "handhaving.document": "overtreding"}


def _uuids(waarden) -> set[uuid.UUID]:
    uit = set()
    for waarde in waarden:
        try:
            uit.add(waarde if isinstance(waarde, uuid.UUID) else uuid.UUID(str(waarde)))
        except ValueError:
            continue
    return uit


def _actor_van_verzoek(request) -> Actor:
    """The actor the view acted as: the API's `request.auth`, the web's per-request actor, else the bare user."""
    for naam in ("auth", "_openvth_actor"):
        actor = getattr(request, naam, None)
        if isinstance(actor, Actor):
            return actor
    gebruiker = getattr(request, "user", None)
    if gebruiker is not None and gebruiker.is_authenticated:
        return Actor(gebruiker_id=gebruiker.pk, gebruikersnaam=gebruiker.get_username(), request_id=request.id)
    return Actor(request_id=getattr(request, "id", ""))


def log_geweigerd_verzoek(request, status: int) -> int:
    """After a 403 or 404: log the refusal for each record addressed by uuid in the URL that exists and (for a 404)
    that the actor may not see. One place for the API, the web pages, the feeds and the downloads alike, so no view
    can forget it; a 404 for a record that does not exist, or that the actor sees (a version on another date), is
    not a refusal. Costs a few primary-key lookups, on error answers only."""
    match = getattr(request, "resolver_match", None)
    uuids = _uuids(match.kwargs.values()) if match else set()
    if not uuids:
        return 0
    actor = _actor_van_verzoek(request)
    gevonden: list[Model] = []
    for soort in recordsoorten().values():
        gevonden += list(soort.model._default_manager.filter(uuid__in=uuids).order_by("pk"))
    for label, ouder in _ONDERDELEN.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        gevonden += [getattr(o, ouder) for o in model._default_manager.filter(uuid__in=uuids).select_related(ouder)]
    eenmaal = {(type(o), o.uuid): o for o in gevonden}.values()  # an execution's versions: once, the latest
    if status == 404:
        eenmaal = [o for o in eenmaal if not mag_zien(actor, o)]
    return log_geweigerd(actor=actor, objecten=eenmaal, handeling=f"{request.method} /{match.route}")
