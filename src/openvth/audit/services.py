"""Writing the audit trail and the access log. Called by every domain service and selector."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.forms.models import model_to_dict

from openvth.organisaties.models import Vertrouwelijkheid
from openvth.organisaties.toegang import Actor, recordsoort_van

from .middleware import huidige_request_id
from .models import Auditgebeurtenis, Inzage

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


def log_inzage(*, actor: Actor, objecten: Iterable[Model], doel: str, veld: str = "vertrouwelijkheid") -> int:
    """Log each non-public record in `objecten` that `actor` just read. Public records are not logged."""
    objecten = [obj for obj in objecten if getattr(obj, veld, Vertrouwelijkheid.OPENBAAR) != Vertrouwelijkheid.OPENBAAR]
    if not objecten:
        return 0
    soort = recordsoort_van(type(objecten[0]))
    regels = [
        Inzage(
            actor_id=actor.gebruiker_id,
            actor_naam=actor.gebruikersnaam,
            organisatie_id=actor.organisatie.pk if actor.organisatie else None,
            organisatie_naam=actor.organisatie.naam if actor.organisatie else "",
            object_soort=obj._meta.label_lower,
            object_id=_object_id(obj),
            object_omschrijving=str(obj)[:300],
            vertrouwelijkheid=getattr(obj, veld),
            bevoegd_gezag_id=getattr(obj, f"{soort.bevoegd_gezag}_id", None),
            uitvoerder_id=getattr(obj, f"{soort.uitvoerder}_id", None),
            doel=doel[:200],
            request_id=actor.request_id or huidige_request_id.get(),
        )
        for obj in objecten
    ]
    Inzage.objects.bulk_create(regels)
    return len(regels)
