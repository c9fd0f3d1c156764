"""Chains: the list of chains, one chain with its links, sharing agreements, actions and findings."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.web.fouten import op_formulier

from .. import forms, selectors, services
from ._gemeen import bevindingen_tonen, ingelogd, object_of_fout


@ingelogd
def ketens(request, actor: Actor):
    form = forms.KetenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            keten = services.keten_maken(
                actor=actor, naam=d["naam"], stroom=d["stroom"], omschrijving=d["omschrijving"]
            )
        except OngeldigeInvoer as fout:
            op_formulier(form, fout)
        else:
            messages.success(request, _("De keten %(naam)s is aangemaakt.") % {"naam": keten.naam})
            return redirect("toezicht:keten", uuid=keten.uuid)
    return render(
        request,
        "toezicht/ketens.html",
        {
            "ketens": selectors.keten_list(actor=actor),
            "form": form,
            "sectie": "ketens",
            "mag_maken": actor.heeft_rol(*selectors.KETENBEHEERDERS),
        },
    )


@ingelogd
def keten(request, actor: Actor, uuid: UUID):
    keten = selectors.keten_get(actor=actor, uuid=uuid)
    soort = request.POST.get("soort") if request.method == "POST" else None
    schakel_form = forms.SchakelForm(request.POST if soort == "schakel" else None, prefix="schakel")
    actie_form = forms.KetenactieForm(request.POST if soort == "actie" else None, prefix="actie")
    if soort == "schakel" and schakel_form.is_valid():
        obj = object_of_fout(actor, schakel_form)
        if obj is not None:
            try:
                services.ketenschakel_maken(
                    actor=actor, keten=keten, vth_object=obj, rol=schakel_form.cleaned_data["rol"]
                )
            except OngeldigeInvoer as fout:
                op_formulier(schakel_form, fout)
            else:
                messages.success(request, _("%(naam)s is aan de keten toegevoegd.") % {"naam": obj.naam})
                return redirect("toezicht:keten", uuid=keten.uuid)
    partners = selectors.ketenpartners(actor=actor, keten=keten)
    eigen = actor.organisatie.pk if actor.organisatie else None
    mijn_deling = next((p for p in partners if p.organisatie.pk == eigen), None)
    kandidaten = [
        p.organisatie
        for p in partners
        if mijn_deling and p.organisatie.pk != eigen and mijn_deling.organisatie.code not in p.ontvangt_van
    ]
    deling_form = forms.KetendelingForm(
        request.POST if soort == "deling" else None, prefix="deling", partners=kandidaten
    )
    if soort == "deling" and deling_form.is_valid():
        d = deling_form.cleaned_data
        ontvanger = next(o for o in kandidaten if o.pk == d["ontvanger"])
        try:
            afspraak = services.ketendeling_afspreken(
                actor=actor, keten=keten, ontvanger=ontvanger, grondslag=d["grondslag"], plafond=d["plafond"]
            )
        except OngeldigeInvoer as fout:
            op_formulier(deling_form, fout)
        except GeenToestemming as fout:
            op_formulier(deling_form, fout)
        else:
            if afspraak.wacht_op:  # above `intern` a second administrator approves first (ADR 0020)
                messages.success(
                    request, _("De deelafspraak is voorgesteld; zij geldt pas na %(wie)s.") % {"wie": afspraak.wacht_op}
                )
            else:
                messages.success(
                    request,
                    _("%(naam)s ziet voortaan de bevindingen van uw organisatie in deze keten.")
                    % {"naam": ontvanger.naam},
                )
            return redirect("toezicht:keten", uuid=keten.uuid)
    if soort == "actie" and actie_form.is_valid():
        d = actie_form.cleaned_data
        try:
            services.ketenactie_maken(actor=actor, keten=keten, naam=d["naam"], van=d["van"], tot=d["tot"])
        except OngeldigeInvoer as fout:
            op_formulier(actie_form, fout)
        else:
            messages.success(request, _("De ketenactie %(naam)s is gepland.") % {"naam": d["naam"]})
            return redirect("toezicht:keten", uuid=keten.uuid)
    bevindingen = bevindingen_tonen(
        actor,
        selectors.keten_bevindingen(actor=actor, keten=keten).order_by(
            "controle__gepland_op", "controle_id", "volgnummer"
        ),
        "ketentoezicht: bevindingen van de keten",
    )
    acties = list(keten.acties.all())
    controles = selectors.keten_controles(actor=actor, keten=keten)
    beheerder = actor.organisatie is not None and keten.beheerder_id == actor.organisatie.pk
    return render(
        request,
        "toezicht/keten.html",
        {
            "keten": keten,
            "schakels": selectors.ketenschakel_list(actor=actor, keten=keten),
            "acties": acties,
            "controles": controles,
            "bevindingen": bevindingen,
            "partners": partners,
            "deling_form": deling_form if kandidaten else None,
            "beheerder": beheerder and actor.heeft_rol(*selectors.KETENBEHEERDERS),
            "schakel_form": schakel_form,
            "actie_form": actie_form,
            "sectie": "ketens",
            "mag_plannen": actor.heeft_rol(*selectors.CONTROLEPLANNERS),
        },
    )
