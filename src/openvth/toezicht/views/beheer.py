"""Checklists for functional administrators: inspection subjects and their inspection points."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.web.fouten import op_formulier, tekst

from .. import forms, selectors, services
from ._gemeen import ingelogd


@ingelogd
def checklists(request, actor: Actor):
    beheerder = actor.heeft_rol(*selectors.BEHEERDERS)
    soort = request.POST.get("soort") if request.method == "POST" else None
    onderwerp_form = forms.OnderwerpForm(
        request.POST if soort == "onderwerp" else None,
        prefix="onderwerp",
        initial={"geldig_vanaf": timezone.localdate()},
    )
    if soort == "onderwerp" and onderwerp_form.is_valid():
        d = onderwerp_form.cleaned_data
        try:
            with transaction.atomic():
                onderwerp = services.controleonderwerp_maken(
                    actor=actor,
                    activiteitcode=d["activiteitcode"],
                    naam=d["naam"],
                    volgorde=d["volgorde"],
                    geldig_vanaf=d["geldig_vanaf"],
                )
                if d["geldig_tot"]:
                    services.controleonderwerp_wijzigen(actor=actor, onderwerp=onderwerp, geldig_tot=d["geldig_tot"])
        except OngeldigeInvoer as fout:
            op_formulier(onderwerp_form, fout)
        else:
            messages.success(request, _("Het controle-onderwerp %(naam)s is toegevoegd.") % {"naam": onderwerp.naam})
            return redirect(reverse("toezicht:checklists") + f"#onderwerp-{onderwerp.pk}")
    gekozen = punt_form = None
    if soort == "punt":
        try:
            gekozen = selectors.controleonderwerp_get(actor=actor, pk=int(request.POST.get("onderwerp", "")))
        except ValueError:
            raise Http404 from None
        punt_form = forms.AandachtspuntForm(request.POST, prefix=f"punt{gekozen.pk}")
        if punt_form.is_valid():
            d = punt_form.cleaned_data
            try:
                services.aandachtspunt_maken(
                    actor=actor,
                    onderwerp=gekozen,
                    tekst=d["tekst"],
                    voorschrift=d["voorschrift"],
                    volgorde=d["volgorde"],
                )
            except OngeldigeInvoer as fout:
                op_formulier(punt_form, fout)
            else:
                messages.success(request, _("Het aandachtspunt is toegevoegd."))
                return redirect(reverse("toezicht:checklists") + f"#onderwerp-{gekozen.pk}")
    onderwerpen = list(selectors.controleonderwerp_list(actor=actor, alle=beheerder))
    for o in onderwerpen:
        o.punt_form = (
            punt_form if gekozen is not None and gekozen.pk == o.pk else forms.AandachtspuntForm(prefix=f"punt{o.pk}")
        )
        o.punten = [
            (
                p,
                forms.AandachtspuntForm(
                    prefix=f"wijzig{p.pk}",
                    initial={"tekst": p.tekst, "voorschrift": p.voorschrift, "volgorde": p.volgorde},
                ),
            )
            for p in o.aandachtspunten.all()
        ]
    return render(
        request,
        "toezicht/checklists.html",
        {
            "onderwerpen": onderwerpen,
            "onderwerp_form": onderwerp_form,
            "beheerder": beheerder,
            "vandaag": timezone.localdate(),
            "sectie": "checklists",
        },
    )


@require_POST
@ingelogd
def aandachtspunt_wijzigen(request, actor: Actor, pk: int):
    """Change an inspection point's text, rule or order (audited; findings keep pointing at it)."""
    punt = next(
        (
            p
            for o in selectors.controleonderwerp_list(actor=actor, alle=True)
            for p in o.aandachtspunten.all()
            if p.pk == pk
        ),
        None,
    )
    if punt is None:
        raise Http404
    form = forms.AandachtspuntForm(request.POST, prefix=f"wijzig{pk}")
    if not form.is_valid():
        messages.error(
            request,
            " ".join(f"{form.fields[v].label}: {' '.join(f)}" for v, f in form.errors.items() if v in form.fields)
            or _("De wijziging is ongeldig."),
        )
    else:
        d = form.cleaned_data
        try:
            services.aandachtspunt_wijzigen(
                actor=actor, punt=punt, tekst=d["tekst"], voorschrift=d["voorschrift"], volgorde=d["volgorde"]
            )
        except OngeldigeInvoer as fout:
            messages.error(request, tekst(fout))
        else:
            messages.success(request, _("Het aandachtspunt is gewijzigd."))
    return redirect(reverse("toezicht:checklists") + f"#onderwerp-{punt.onderwerp_id}")


@require_POST
@ingelogd
def onderwerp_beeindigen(request, actor: Actor, pk: int):
    onderwerp = selectors.controleonderwerp_get(actor=actor, pk=pk)
    form = forms.DatumForm(request.POST, prefix=f"einde{pk}")
    if not form.is_valid():
        messages.error(request, _("Geef een geldige einddatum."))
    else:
        try:
            services.controleonderwerp_wijzigen(actor=actor, onderwerp=onderwerp, geldig_tot=form.cleaned_data["datum"])
        except OngeldigeInvoer as fout:
            messages.error(request, tekst(fout))
        else:
            messages.success(request, _("Het controle-onderwerp %(naam)s is beëindigd.") % {"naam": onderwerp.naam})
    return redirect(reverse("toezicht:checklists") + f"#onderwerp-{pk}")
