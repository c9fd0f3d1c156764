"""Permit conditions on the checklist: the page where a permit officer or inspector links each condition in force at
a site to the checklist items that check it (issue 15 item 5)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.register import selectors as register_selectors
from openvth.web.fouten import tekst

from .. import forms, selectors, services
from ._gemeen import ingelogd

DOEL = "toezicht: vergunningvoorschriften koppelen aan de checklist"


def _peildatum(waarde: str | None) -> date:
    """The day whose conditions the page shows (a controle links here with its own); today when absent or unreadable."""
    try:
        return date.fromisoformat(waarde or "")
    except ValueError:
        return timezone.localdate()


@ingelogd
def vergunningvoorschriften(request, actor: Actor, uuid: UUID):
    """The conditions in force at the object on the day asked, each with the checklist items of its activities."""
    obj = register_selectors.vthobject_get(actor=actor, uuid=uuid, doel=DOEL)
    peildatum = _peildatum(request.GET.get("peildatum"))
    regels = []
    for k in selectors.vergunningvoorschriften_koppelbaar(actor=actor, vth_object=obj, peildatum=peildatum):
        form = forms.VoorschriftKoppelForm(
            prefix=f"v{k.voorschrift.pk}",
            onderwerpen=k.onderwerpen,
            initial={"punten": sorted(k.gekoppelde_punten), "onderwerpen": sorted(k.gekoppelde_onderwerpen)},
        )
        regels.append({"k": k, "form": form})
    return render(
        request,
        "toezicht/vergunningvoorschriften.html",
        {
            "obj": obj,
            "peildatum": peildatum,
            "regels": regels,
            "mag_koppelen": actor.heeft_rol(*services.KOPPELAARS),
        },
    )


@require_POST
@ingelogd
def voorschrift_koppelen(request, actor: Actor, uuid: UUID):
    """Save the checklist items of one condition (within the topics the page offered); back to the page."""
    voorschrift = selectors.vergunningvoorschrift_get(actor=actor, uuid=uuid, doel=DOEL)
    if voorschrift.toestemming is None:
        raise Http404
    obj = voorschrift.toestemming.vth_object
    peildatum = _peildatum(request.POST.get("peildatum"))
    onderwerpen = selectors.koppelbare_onderwerpen(actor=actor, voorschrift=voorschrift, peildatum=peildatum)
    form = forms.VoorschriftKoppelForm(request.POST, prefix=f"v{voorschrift.pk}", onderwerpen=onderwerpen)
    terug = reverse("toezicht:vergunningvoorschriften", args=[obj.uuid]) + f"?peildatum={peildatum.isoformat()}"
    if not form.is_valid():
        messages.error(request, _("Kies alleen aandachtspunten en onderwerpen uit de lijst bij dit voorschrift."))
        return redirect(terug + f"#voorschrift-{voorschrift.uuid}")
    d = form.cleaned_data
    try:
        services.voorschrift_koppelen(
            actor=actor,
            voorschrift=voorschrift,
            aandachtspunten=[p for o in onderwerpen for p in o.aandachtspunten.all() if p.pk in d["punten"]],
            onderwerpen=[o for o in onderwerpen if o.pk in d["onderwerpen"]],
            binnen=onderwerpen,
        )
    except OngeldigeInvoer as fout:
        messages.error(request, tekst(fout))
    else:
        messages.success(
            request,
            _("De checklist bij %(voorschrift)s is opgeslagen.")
            % {"voorschrift": selectors.voorschrift_aanduiding(voorschrift)},
        )
    return redirect(terug + f"#voorschrift-{voorschrift.uuid}")
