"""Execution programmes: generating, viewing and fixing a programme, and its tasks."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Taakcategorie
from openvth.organisaties.toegang import Actor
from openvth.web import bestanden
from openvth.web.fouten import op_formulier, tekst
from openvth.web.paginering import gelogde_pagina

from .. import forms, programma_export, selectors, services
from ..models import ControleStatus
from ..programma import STANDAARD_EXPERTISES
from ._gemeen import ingelogd, object_of_fout, percentage


@ingelogd
def programmas(request, actor: Actor):
    analyses = [
        a
        for a in selectors.risicoanalyse_list(actor=actor)[:50]
        if actor.organisatie and a.regio_id == actor.organisatie.pk
    ]
    volgend_jaar = timezone.localdate().year + 1
    form = forms.ProgrammaForm(request.POST or None, analyses=analyses, initial={"jaar": volgend_jaar})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            programma = services.programma_genereren(
                actor=actor,
                analyse=selectors.risicoanalyse_get(actor=actor, uuid=UUID(d["risicoanalyse"])),
                jaar=d["jaar"],
                capaciteit=d["capaciteit"],
            )
        except OngeldigeInvoer as fout:
            op_formulier(form, fout, {k: "capaciteit" for k in fout.velden if k.startswith("capaciteit")})
        else:
            messages.success(
                request,
                _("Het uitvoeringsprogramma %(jaar)s is gegenereerd: %(n)s taken.")
                % {"jaar": programma.jaar, "n": programma.verslag.get("taken", 0)},
            )
            return redirect("toezicht:programma", uuid=programma.uuid)
    return render(
        request,
        "toezicht/programmas.html",
        {
            "programmas": selectors.programma_list(actor=actor),
            "form": form,
            "sectie": "programmas",
            "mag_genereren": actor.heeft_rol(*selectors.PLANNERS) and bool(analyses),
            "expertises": list(dict.fromkeys(programma_expertises())),
        },
    )


def programma_expertises():
    """The expertise areas the generation assigns (its default table), as a hint for the capacity form."""
    return STANDAARD_EXPERTISES.values()


def _realisatie(realisatie: dict) -> dict:
    """Bars for the realisation table: planned hours, done (norm hours of done tasks are not known: count) and
    spent hours, each against the largest value in the table."""
    maanden = realisatie["per_maand"]
    grootste = max([float(m["normuren"]) for m in maanden] + [float(m["uren_besteed"]) for m in maanden] + [0])
    for m in maanden:
        m["staaf_gepland"] = percentage(m["normuren"], grootste)
        m["staaf_besteed"] = percentage(m["uren_besteed"], grootste)
        m["staaf_gedaan"] = percentage(m["uitgevoerd"], m["gepland"]) if m["gepland"] else 0
        m["naam"] = forms.MAANDEN[m["maand"] - 1][1]
    for r in realisatie["per_taakcategorie"]:
        r["label"] = (
            Taakcategorie(r["taakcategorie"]).label
            if r["taakcategorie"] in Taakcategorie.values
            else r["taakcategorie"]
        )
    return realisatie


@ingelogd
def programma(request, actor: Actor, uuid: UUID):
    """The programme: capacity per expertise, hours per category and authority, realisation, tasks per month."""
    programma = selectors.programma_get(actor=actor, uuid=uuid)
    model = selectors.risicomodel_van(programma.risicoanalyse.modelversie)
    try:
        maand = int(request.GET.get("maand", "")) if request.GET.get("maand") else None
    except ValueError:
        maand = None
    maand = maand if maand in range(1, 13) else None
    taken_qs = selectors.programmataak_list(actor=actor, programma=programma)
    per_expertise = {
        e: (n, u)
        for e, n, u in taken_qs.order_by()
        .values("expertise")
        .annotate(n=Count("id"), u=Sum("normuren"))
        .values_list("expertise", "n", "u")
    }
    verslag = programma.verslag.get("per_expertise", {})
    capaciteit = []
    for c in programma.capaciteit.all().order_by("expertise"):
        n, uren = per_expertise.get(c.expertise, (0, 0))
        capaciteit.append(
            {
                "expertise": c.expertise,
                "capaciteit": c.uren,
                "taken": n,
                "uren": uren or 0,
                "staaf": percentage(uren, c.uren),
                "over": bool(uren and uren > c.uren),
                "niet": verslag.get(c.expertise, {}),
            }
        )
    # The page shows each task's object (logged with what it shows along); a task itself is no record kind.
    taken = gelogde_pagina(
        request,
        taken_qs.filter(maand=maand) if maand else taken_qs.order_by("-score", "maand", "id"),
        50,
        actor=actor,
        doel="uitvoeringsprogramma: taken",
        getoond=lambda rijen: [t.vth_object for t in rijen],
    )
    planner = (
        actor.heeft_rol(*selectors.PLANNERS) and actor.organisatie and actor.organisatie.pk == programma.uitvoerder_id
    )
    controleplanner = actor.heeft_rol(*selectors.CONTROLEPLANNERS)
    met_controle = set(
        selectors.controle_list(actor=actor)
        .filter(programmataak__in=[t.pk for t in taken])
        .exclude(status=ControleStatus.VERVALLEN)
        .values_list("programmataak_id", flat=True)
    )
    for t in taken:
        t.heeft_controle = t.pk in met_controle
    niet_ingepland = programma.verslag.get("hoogste_niet_ingepland", [])[:20]
    objecten = selectors.vthobject_selectie(
        actor=actor, uuids=[r["vth_object"] for r in niet_ingepland], doel="uitvoeringsprogramma: niet ingepland"
    )
    return render(
        request,
        "toezicht/programma.html",
        {
            "programma": programma,
            "capaciteit": capaciteit,
            "maand": maand,
            "maanden": forms.MAANDEN,
            "maandnaam": forms.MAANDEN[maand - 1][1] if maand else "",
            "realisatie": _realisatie(selectors.programma_realisatie(actor=actor, programma=programma)),
            "taken": taken,
            "pagina": taken,
            "planner": planner,
            "controleplanner": controleplanner,
            "verschuif_form": forms.TaakVerschuivenForm(),
            "toevoeg_form": forms.TaakToevoegenForm(
                prefix="taak", inspectietypen=list(model.normuren), initial={"maand": maand or 1}
            ),
            "niet_ingepland": [{**r, "object": objecten.get(r["vth_object"])} for r in niet_ingepland],
            "meldingvoorstellen": selectors.meldingvoorstellen(actor=actor, programma=programma),
            "verslag": programma.verslag,
            "sectie": "programmas",
        },
    )


@ingelogd
def programma_downloaden(request, actor: Actor, uuid: UUID, formaat: str):
    """The programme for adoption by the competent authority, as CSV or PDF (`programma_export`)."""
    programma = selectors.programma_get(actor=actor, uuid=uuid)
    gegevens = programma_export.gegevens(actor=actor, programma=programma)
    if formaat == "csv":
        antwoord = HttpResponse(programma_export.csv_tekst(gegevens), content_type="text/csv; charset=utf-8")
    else:
        antwoord = HttpResponse(programma_export.pdf(gegevens), content_type="application/pdf")
    antwoord["Content-Disposition"] = bestanden.content_disposition(programma_export.bestandsnaam(gegevens, formaat))
    return antwoord


def _taak_terug(taak, request):
    terug = request.POST.get("terug", "")
    if terug.startswith("/toezicht/programmas/"):
        return redirect(terug)
    return redirect("toezicht:programma", uuid=taak.programma.uuid)


@require_POST
@ingelogd
def taak_verschuiven(request, actor: Actor, uuid: UUID):
    taak = selectors.programmataak_get(actor=actor, uuid=uuid)
    form = forms.TaakVerschuivenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een maand van januari tot en met december."))
    else:
        try:
            services.programmataak_verschuiven(actor=actor, taak=taak, maand=form.cleaned_data["maand"])
        except OngeldigeInvoer as fout:
            messages.error(request, tekst(fout))
        else:
            messages.success(
                request,
                _("%(naam)s is verschoven naar %(maand)s.")
                % {"naam": taak.vth_object.naam, "maand": forms.MAANDEN[form.cleaned_data["maand"] - 1][1]},
            )
    return _taak_terug(taak, request)


@require_POST
@ingelogd
def taak_vervallen(request, actor: Actor, uuid: UUID):
    taak = selectors.programmataak_get(actor=actor, uuid=uuid)
    form = forms.RedenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef de reden waarom de taak uit het programma gaat."))
    else:
        try:
            services.programmataak_vervallen(actor=actor, taak=taak, reden=form.cleaned_data["reden"])
        except OngeldigeInvoer as fout:
            messages.error(request, tekst(fout))
        else:
            messages.success(request, _("%(naam)s is uit het programma gehaald.") % {"naam": taak.vth_object.naam})
    return _taak_terug(taak, request)


@require_POST
@ingelogd
def taak_controle(request, actor: Actor, uuid: UUID):
    """Plan the controle of a programme task (first day of its month); the inspector is chosen on its page."""
    taak = selectors.programmataak_get(actor=actor, uuid=uuid)
    try:
        controle = services.controle_plannen_uit_taak(actor=actor, taak=taak)
    except OngeldigeInvoer as fout:
        messages.error(request, tekst(fout))
        return _taak_terug(taak, request)
    messages.success(request, _("De controle is gepland. Wijs nu de toezichthouder toe."))
    return redirect("toezicht:controle", uuid=controle.uuid)


@require_POST
@ingelogd
def taak_toevoegen(request, actor: Actor, uuid: UUID):
    programma = selectors.programma_get(actor=actor, uuid=uuid)
    model = selectors.risicomodel_van(programma.risicoanalyse.modelversie)
    form = forms.TaakToevoegenForm(request.POST, prefix="taak", inspectietypen=list(model.normuren))
    if form.is_valid():
        obj = object_of_fout(actor, form)
        if obj is not None:
            d = form.cleaned_data
            try:
                taak = services.programmataak_maken(
                    actor=actor,
                    programma=programma,
                    vth_object=obj,
                    inspectietype=d["inspectietype"],
                    maand=d["maand"],
                    expertise=d["expertise"],
                    taakcategorie=d["taakcategorie"] or None,
                )
            except OngeldigeInvoer as fout:
                op_formulier(form, fout)
            else:
                messages.success(request, _("%(naam)s is aan het programma toegevoegd.") % {"naam": obj.naam})
                return redirect(reverse("toezicht:programma", args=[programma.uuid]) + f"?maand={taak.maand}")
    for veld, fouten in form.errors.items():
        label = form.fields[veld].label if veld in form.fields else ""
        messages.error(request, f"{label}: {' '.join(fouten)}" if label else " ".join(fouten))
    return redirect("toezicht:programma", uuid=programma.uuid)


@require_POST
@ingelogd
def programma_vaststellen(request, actor: Actor, uuid: UUID):
    programma = selectors.programma_get(actor=actor, uuid=uuid)
    try:
        services.programma_vaststellen(actor=actor, programma=programma)
    except OngeldigeInvoer as fout:
        messages.error(request, tekst(fout))
    else:
        messages.success(request, _("Het uitvoeringsprogramma %(jaar)s is vastgesteld.") % {"jaar": programma.jaar})
    return redirect("toezicht:programma", uuid=programma.uuid)


@require_POST
@ingelogd
def melding_aannemen(request, actor: Actor, uuid: UUID, melding: UUID):
    """Accept a proposed controle after notification as a task of this programme (in the month of the start)."""
    programma = selectors.programma_get(actor=actor, uuid=uuid)
    voorstel = selectors.meldingvoorstel_get(actor=actor, programma=programma, uuid=melding)
    try:
        taak = services.programmataak_uit_melding(actor=actor, programma=programma, melding=voorstel.melding)
    except OngeldigeInvoer as fout:
        messages.error(request, tekst(fout))
        return redirect(reverse("toezicht:programma", args=[programma.uuid]) + "#meldingen-kop")
    messages.success(
        request,
        _("De controle na melding %(nummer)s bij %(naam)s is opgenomen in %(maand)s.")
        % {
            "nummer": voorstel.melding.verzoeknummer,
            "naam": taak.vth_object.naam,
            "maand": forms.MAANDEN[taak.maand - 1][1],
        },
    )
    return redirect(reverse("toezicht:programma", args=[programma.uuid]) + f"?maand={taak.maand}#taken-kop")
