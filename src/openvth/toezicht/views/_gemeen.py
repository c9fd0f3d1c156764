"""Shared helpers of the supervision pages: login/access wrapper, form errors, object lookup and bars."""

from __future__ import annotations

from functools import wraps
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from openvth.audit import services as audit
from openvth.handhaving import selectors as handhaving_selectors
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.toegang import Actor
from openvth.register import selectors as register_selectors
from openvth.web.acteur import actor_van


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


def vth_object_zoeken(actor: Actor, waarde: str):
    """A VTH-object the actor may see, by uuid or by its identification (namespace.lokaal_id)."""
    waarde = (waarde or "").strip()
    try:
        return register_selectors.vthobject_get(actor=actor, uuid=UUID(waarde), doel="plannen toezicht")
    except ValueError:
        pass
    namespace, _punt, lokaal = waarde.partition(".")
    obj = register_selectors.vthobject_list(actor=actor).filter(namespace=namespace, lokaal_id=lokaal).first()
    if obj is None:
        raise NietGevonden()
    audit.log_inzage(actor=actor, objecten=[obj], doel="plannen toezicht")
    return obj


def object_of_fout(actor: Actor, form, veld: str = "vth_object"):
    try:
        return vth_object_zoeken(actor, form.cleaned_data[veld])
    except NietGevonden:
        form.add_error(veld, _("Geen VTH-object gevonden met deze uuid of identificatie dat u mag inzien."))
        return None


def zaak_url(overtreding) -> str | None:
    """The enforcement case page of a violation, when the enforcement UI offers one."""
    try:
        return reverse("handhaving:overtreding", args=[overtreding.uuid])
    except NoReverseMatch:
        return None


def overtredingen_tonen(actor: Actor, bevindingen) -> None:
    """Attach each finding's violation only when the actor may see it (a chain partner may see a finding but
    not the enforcement case); shown violations are access-logged."""
    ids = {b.overtreding_id for b in bevindingen if b.overtreding_id}
    zichtbaar = {o.pk: o for o in handhaving_selectors.overtreding_list(actor=actor).filter(pk__in=ids)} if ids else {}
    for o in zichtbaar.values():
        o.zaak_url = zaak_url(o)
    for b in bevindingen:
        b.zichtbare_overtreding = zichtbaar.get(b.overtreding_id)
    audit.log_inzage(actor=actor, objecten=list(zichtbaar.values()), doel="toezicht: overtreding bij bevinding")


def percentage(deel, geheel) -> int:
    """0–100 for a bar's class (tz-p-N); never more than 100, at least 1 for a non-zero part."""
    if not geheel or not deel:
        return 0
    return max(1, min(100, round(float(deel) * 100 / float(geheel))))


def objecten_op_uuid(actor: Actor, uuids, doel: str) -> dict[str, object]:
    """The VTH-objects among `uuids` the actor may see, by uuid string; shown non-public ones are logged."""
    objecten = list(register_selectors.vthobject_list(actor=actor).filter(uuid__in=[u for u in uuids if u]))
    audit.log_inzage(actor=actor, objecten=objecten, doel=doel)
    return {str(o.uuid): o for o in objecten}
