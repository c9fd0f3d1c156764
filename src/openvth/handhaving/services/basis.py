"""What every enforcement service shares: roles, refusals, the write check on a case, ETags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

from django.utils import timezone

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.models import Rol
from openvth.organisaties.services import OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.regels import termijnen
from openvth.register.services import VerouderdeVersie

from ..models import (
    Handhavingsmaatregel,
    Overtreding,
)

HANDHAVERS = (Rol.HANDHAVER,)
CONSTATEERDERS = (Rol.HANDHAVER, Rol.TOEZICHTHOUDER)
OVERTREDING_VELDEN = (
    "bevoegd_gezag",
    "uitvoerder",
    "gemeente",
    "vertrouwelijkheid",
    "vth_object",
    "activiteituitvoering",
    "herkomst",
    "herkomst_referentie",
    "omschrijving",
    "voorschrift",
    "geconstateerd_op",
    "plaats",
    "status",
    "hersteld_op",
    "afstemming_gewenst",
    "behandelaar",
)


class OvergangGeweigerd(OngeldigeInvoer):
    """A transition the table forbids or whose guard fails; `velden` names the field and the reason."""


def _vandaag() -> date:
    return timezone.localdate()


def _weiger(velden: Mapping[str, str], melding: str | None = None) -> NoReturn:
    raise OngeldigeInvoer(melding or " ".join(f"{k}: {v}." for k, v in velden.items()), dict(velden))


def _vereis_eigen(actor: Actor, overtreding: Overtreding, rollen: Sequence[str]) -> None:
    """A write on a case: the one write rule (`toegang.vereis_schrijven`) — visible (else 404), and the actor acts
    for its authority or service or a mandated service (not for a criminal-law case); sharing agreements and
    shared cases give reading rights only (403)."""
    toegang.vereis_schrijven(actor, overtreding, rollen)


def _overtreding_vergrendeld(overtreding: Overtreding) -> Overtreding:
    return Overtreding.objects.select_for_update().get(pk=overtreding.pk)


def etag(record: Overtreding | Handhavingsmaatregel) -> str:
    """The version of a case or measure for If-Match: every write on it (or its ledger) changes `gewijzigd_op`."""
    return f'"{record.uuid}-{int(record.gewijzigd_op.timestamp() * 1_000_000)}"'


def _vergelijk(record, verwachte_etag: str | None) -> None:
    """412 semantics: a write based on a version someone else has since changed is refused (nothing stored)."""
    if verwachte_etag is not None and verwachte_etag != etag(record):
        raise VerouderdeVersie(f"De actuele versie is {etag(record)}; haal hem opnieuw op.")


def _overtreding_status(actor: Actor, overtreding: Overtreding, status: str, **velden: Any) -> None:
    voor = audit.momentopname(overtreding, OVERTREDING_VELDEN)
    overtreding.status = status
    for k, v in velden.items():
        setattr(overtreding, k, v)
    overtreding.save()
    audit.schrijf(
        actor=actor,
        actie="overtreding.status",
        object=overtreding,
        voor=voor,
        na=audit.momentopname(overtreding, OVERTREDING_VELDEN),
    )


def _json(gegevens: Mapping[str, Any]) -> dict[str, Any]:
    """The step's input as stored: durations in ISO 8601, amounts and dates as text."""
    return {
        k: v.iso
        if isinstance(v, termijnen.Duur)
        else v.isoformat()
        if isinstance(v, date)
        else str(v)
        if isinstance(v, Decimal)
        else v
        for k, v in gegevens.items()
    }
