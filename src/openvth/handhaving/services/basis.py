"""What every enforcement service shares: roles, refusals, locking a case, ETags. The write check on a case is the
one write rule, `toegang.vereis_schrijven`: visible (else 404), and the actor acts for its authority or service or
a mandated service (not for a criminal-law case); sharing agreements and shared cases give reading only (403)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NoReturn

from django.utils import timezone

from openvth.organisaties.fouten import OngeldigeInvoer, VerouderdeVersie
from openvth.organisaties.models import Rol

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


def vandaag() -> date:
    return timezone.localdate()


def weiger(velden: Mapping[str, str], melding: str | None = None) -> NoReturn:
    raise OngeldigeInvoer(melding, velden)  # without a message: each field and its reason, as each edge spells it


def overtreding_vergrendeld(overtreding: Overtreding) -> Overtreding:
    return Overtreding.objects.select_for_update().get(pk=overtreding.pk)


def etag(record: Overtreding | Handhavingsmaatregel) -> str:
    """The version of a case or measure for If-Match: every write on it (or its ledger) changes `gewijzigd_op`."""
    return f'"{record.uuid}-{int(record.gewijzigd_op.timestamp() * 1_000_000)}"'


def vergelijk_etag(record, verwachte_etag: str | None) -> None:
    """412 semantics: a write based on a version someone else has since changed is refused (nothing stored)."""
    if verwachte_etag is not None and verwachte_etag != etag(record):
        raise VerouderdeVersie(f"De actuele versie is {etag(record)}; haal hem opnieuw op.")
