"""What every supervision service shares: the confidentiality levels, the LHSO axes, refusals."""

from __future__ import annotations

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Vertrouwelijkheid
from openvth.regels.lhso import Gedrag, Gevolg

V = Vertrouwelijkheid
GEDRAG = tuple(g.value for g in Gedrag)  # A–D (LHSO 2022 stap 1)
GEVOLG = tuple(g.value for g in Gevolg)  # 1–4
OPEN_OVERTREDING = ("geconstateerd", "in_behandeling")


def ongeldig(melding: str, veld: str, reden: str | None = None) -> OngeldigeInvoer:
    """The refusal of one field: `velden` names it with the reason (the message itself when none is given)."""
    return OngeldigeInvoer(melding, {veld: reden or melding})
