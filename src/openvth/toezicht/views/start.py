"""The Toezicht entry page: a redirect to the section that fits the actor's role."""

from __future__ import annotations

from django.shortcuts import redirect

from openvth.organisaties.toegang import Actor

from .. import selectors
from ._gemeen import ingelogd


@ingelogd
def start(request, actor: Actor):
    """The Toezicht entry: the page that fits the role (planner → analyses, administrator → checklists, …)."""
    if actor.heeft_rol(*selectors.PLANNERS):
        return redirect("toezicht:risicoanalyses")
    if actor.heeft_rol(*selectors.TOEZICHTHOUDERS):
        return redirect("toezicht:controles")
    if actor.heeft_rol(*selectors.BEHEERDERS):
        return redirect("toezicht:checklists")
    return redirect("toezicht:ketens")
