"""Reading import runs: functional administrators see the runs of the organisation they act for."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import Rol
from openvth.organisaties.toegang import Actor

from ..models import Importrun

BEHEERDERS = (Rol.FUNCTIONEEL_BEHEERDER,)


def importrun_list(*, actor: Actor) -> QuerySet[Importrun]:
    """Raises GeenToestemming for anyone but a functional administrator (imports name files and people)."""
    toegang.vereis_rol(actor, BEHEERDERS)
    return Importrun.objects.filter(organisatie=actor.organisatie).order_by("-aangemaakt_op")


def importrun_get(*, actor: Actor, uuid: UUID) -> Importrun:
    run = importrun_list(actor=actor).filter(uuid=uuid).first()
    if run is None:
        raise NietGevonden()
    return run
