"""Shared helpers of the supervision pages: login/access wrapper, form errors, object lookup and bars."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.toegang import Actor
from openvth.web.acteur import actor_van

from .. import selectors


def ingelogd(view):
    """Staff pages: anonymous → log in; the view gets the actor. An invisible record (404) or an action not allowed
    (403 with the reason) is answered by web.fouten for every page."""

    @wraps(view)
    def omhulsel(request, *args, **kwargs):
        actor = actor_van(request)
        if actor.anoniem:
            return redirect_to_login(request.get_full_path())
        return view(request, actor, *args, **kwargs)

    return omhulsel


def object_of_fout(actor: Actor, form, veld: str = "vth_object"):
    try:
        return selectors.vthobject_treffer(actor=actor, zoekwaarde=form.cleaned_data[veld])
    except NietGevonden:
        form.add_error(veld, _("Geen VTH-object gevonden met deze uuid of identificatie dat u mag inzien."))
        return None


def zaak_url(overtreding) -> str | None:
    """The enforcement case page of a violation, when the enforcement UI offers one."""
    try:
        return reverse("handhaving:overtreding", args=[overtreding.uuid])
    except NoReverseMatch:
        return None


def bevindingen_tonen(actor: Actor, bevindingen, doel: str) -> list:
    """The findings as the supervision pages show them, each with the violation the actor may see and a link to
    its case; `selectors.bevinding_weergave` reads and logs them."""
    bevindingen = selectors.bevinding_weergave(actor=actor, bevindingen=bevindingen, doel=doel, overtredingen=True)
    for b in bevindingen:
        if b.zichtbare_overtreding is not None:
            b.zichtbare_overtreding.zaak_url = zaak_url(b.zichtbare_overtreding)
    return bevindingen


def percentage(deel, geheel) -> int:
    """0–100 for a bar's class (tz-p-N); never more than 100, at least 1 for a non-zero part."""
    if not geheel or not deel:
        return 0
    return max(1, min(100, round(float(deel) * 100 / float(geheel))))
