"""The findings' part of the data-quality report (`handhaving.datakwaliteit`): result, gedrag and gevolg of each
Bevinding against the CIM code lists, on the day of its inspection. Registered from `apps.py` (ADR 0017)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from openvth.handhaving.datakwaliteit import Codecontrole
from openvth.handhaving.models import Codelijst
from openvth.organisaties.toegang import Actor

from . import selectors


def _bevindingen(actor: Actor) -> QuerySet:
    return selectors.bevinding_list(actor=actor).select_related("controle", "overtreding")


def _beoordeelde_bevindingen(actor: Actor) -> QuerySet:
    return _bevindingen(actor).exclude(gedrag="").exclude(gevolg="")


def _bevindingsdag(b) -> date:
    """A finding counts on the day of its inspection, else the day it was recorded."""
    return b.controle.uitgevoerd_op or timezone.localdate(b.vastgelegd_op)


def _zaak(b) -> str:
    return str(b.overtreding.uuid) if b.overtreding_id else ""


CONTROLES = (
    Codecontrole("bevinding", Codelijst.RESULTAAT_BEVINDING, "resultaat", _bevindingen, _bevindingsdag, _zaak),
    Codecontrole("bevinding", Codelijst.GEDRAG, "gedrag", _beoordeelde_bevindingen, _bevindingsdag, _zaak),
    Codecontrole("bevinding", Codelijst.GEVOLG, "gevolg", _beoordeelde_bevindingen, _bevindingsdag, _zaak),
)
