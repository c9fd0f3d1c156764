"""Risk models and risk analyses: model versions, analysis runs, their distribution, comparison and map."""

from __future__ import annotations

import json
from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.web.fouten import op_formulier

from .. import forms, selectors, services
from ._gemeen import ingelogd, percentage

CRITERIA = {
    "activiteit": gettext_lazy("soort activiteit"),
    "ied": gettext_lazy("IED-installatie"),
    "seveso": gettext_lazy("Seveso-inrichting"),
    "zzs": gettext_lazy("zeer zorgwekkende stoffen"),
    "emissie": gettext_lazy("emissies"),
    "ongevalsrisico": gettext_lazy("ongevalsrisico"),
    "omgeving": gettext_lazy("gevoeligheid omgeving (woningen)"),
    "naleefhistorie": gettext_lazy("naleefhistorie"),
    "certificering": gettext_lazy("milieuzorg (EMAS / ISO 14001)"),
}


KENMERKEN = {
    "emissieklasse": gettext_lazy("emissieklasse"),
    "ongevalsrisico": gettext_lazy("ongevalsrisico"),
    "zzs": gettext_lazy("zeer zorgwekkende stoffen"),
    "certificering": gettext_lazy("milieuzorgcertificaat"),
    "woningen_250m": gettext_lazy("woningen binnen 250 m"),
}


def _criterium(naam: str) -> str:
    return str(CRITERIA.get(naam, naam))


@ingelogd
def risicoanalyses(request, actor: Actor):
    regio = actor.organisatie
    versies = list(selectors.risicomodelversie_list(actor=actor, regio=regio)) if regio else []
    form = forms.RisicoanalyseForm(request.POST or None, versies=versies, initial={"peildatum": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            analyse = services.risicoanalyse_uitvoeren(
                actor=actor,
                modelversie=selectors.risicomodelversie_get(actor=actor, uuid=UUID(form.cleaned_data["modelversie"])),
                peildatum=form.cleaned_data["peildatum"],
            )
        except OngeldigeInvoer as fout:
            op_formulier(form, fout)
        else:
            messages.success(
                request, _("De risicoanalyse is uitgevoerd: %(n)s objecten gescoord.") % {"n": analyse.aantal}
            )
            return redirect("toezicht:risicoanalyse", uuid=analyse.uuid)
    return render(
        request,
        "toezicht/risicoanalyses.html",
        {
            "analyses": selectors.risicoanalyse_list(actor=actor)[:100],
            "form": form,
            "versies": versies,
            "mag_draaien": actor.heeft_rol(*selectors.PLANNERS) and bool(versies),
            "sectie": "risicoanalyses",
        },
    )


@dataclass
class Klasseregel:
    nummer: int
    omschrijving: str
    van: float
    tot: float
    frequentie: int
    frequentie_ied: int
    aantal: int
    procent: int
    staaf: int


def _verdeling(analyse, model) -> list[Klasseregel]:
    totaal = sum(analyse.verdeling.values()) or 0
    grootste = max(analyse.verdeling.values(), default=0)
    return [
        Klasseregel(
            k.nummer,
            k.omschrijving,
            k.van,
            k.tot,
            k.frequentie_maanden,
            k.frequentie_maanden_ied,
            analyse.verdeling.get(str(k.nummer), 0),
            round(analyse.verdeling.get(str(k.nummer), 0) * 100 / totaal) if totaal else 0,
            percentage(analyse.verdeling.get(str(k.nummer), 0), grootste),
        )
        for k in model.klassen
    ]


def _vergelijking(actor: Actor, analyse) -> dict | None:
    v = analyse.vergelijking
    if not v:
        return None
    objecten = selectors.vthobject_selectie(
        actor=actor,
        uuids=[r["vth_object"] for r in v.get("grootste_verschuivingen", [])],
        doel="risicoanalyse: vergelijking",
    )
    return {
        **v,
        "redenen": {
            richting: sorted(
                ((_criterium(c), n) for c, n in v.get("hoofdreden", {}).get(richting, {}).items()), key=lambda r: -r[1]
            )
            for richting in ("omhoog", "omlaag")
        },
        "verschuivingen": [
            {**r, "object": objecten.get(r["vth_object"]), "reden_label": _criterium(r["reden"])}
            for r in v.get("grootste_verschuivingen", [])
        ],
    }


@ingelogd
def risicoanalyse(request, actor: Actor, uuid: UUID):
    """One run: distribution, top risks with their breakdown, the map, and what moved since the previous run."""
    analyse = selectors.risicoanalyse_get(actor=actor, uuid=uuid)
    model = selectors.risicomodel_van(analyse.modelversie)
    top = selectors.risicoscore_top(actor=actor, analyse=analyse, aantal=25, objecten_getoond=True)
    for score in top:
        uitsplitsing = selectors.pak_uit(score.uitsplitsing, model)
        score.onderdelen = [(_criterium(o.criterium), o) for o in uitsplitsing.onderdelen]
        score.woningen = uitsplitsing.woningen_250m
        score.overtredingen = uitsplitsing.overtredingen
    gegevens = dict(analyse.gegevens)
    for sleutel in ("gemeten", "afgeleid"):
        gegevens[sleutel] = [(str(KENMERKEN.get(k, k)), n) for k, n in analyse.gegevens.get(sleutel, {}).items()]
    return render(
        request,
        "toezicht/risicoanalyse.html",
        {
            "analyse": analyse,
            "model": model,
            "verdeling": _verdeling(analyse, model),
            "top": top,
            "vergelijking": _vergelijking(actor, analyse),
            "sectie": "risicoanalyses",
            "gegevens": gegevens,
            "kaartbron": reverse("toezicht:risicoanalyse_kaart", args=[analyse.uuid]),
        },
    )


KAART_LIMIET = 5_000


@ingelogd
def risicoanalyse_kaart(request, actor: Actor, uuid: UUID):
    """The map's points (highest risk first, at most KAART_LIMIET) with the class legend of the model."""
    analyse = selectors.risicoanalyse_get(actor=actor, uuid=uuid)
    model = selectors.risicomodel_van(analyse.modelversie)
    kaart = selectors.risicokaart(actor=actor, analyse=analyse, limiet=KAART_LIMIET)
    return JsonResponse(
        {
            "punten": [
                {
                    "lon": f["geometry"]["coordinates"][0],
                    "lat": f["geometry"]["coordinates"][1],
                    "naam": f["properties"]["naam"],
                    "klasse": f["properties"]["klasse"],
                    "score": f["properties"]["score"],
                    "url": reverse("toezicht:dossier", args=[f["id"]]),
                }
                for f in kaart["features"]
            ],
            "klassen": [{"klasse": k.nummer, "omschrijving": k.omschrijving} for k in model.klassen],
            "afgekapt": kaart["afgekapt"],
            "totaal": sum(analyse.verdeling.values()),
        }
    )


@ingelogd
def risicomodellen(request, actor: Actor):
    """The region's model versions; a planner uploads a new one, refused with the rule's reason when inconsistent."""
    form = forms.RisicomodelForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            versie = services.risicomodel_vastleggen(
                actor=actor, regio=actor.organisatie, definitie=form.cleaned_data["model"]
            )
        except OngeldigeInvoer as fout:
            op_formulier(form, fout, {"definitie": "definitie", "versie": "definitie"})
        else:
            messages.success(request, _("Risicomodel %(versie)s is vastgelegd.") % {"versie": versie.versie})
            return redirect("toezicht:risicomodel", uuid=versie.uuid)
    return render(
        request,
        "toezicht/risicomodellen.html",
        {
            "versies": selectors.risicomodelversie_list(actor=actor),
            "form": form,
            "sectie": "risicomodellen",
            "mag_vastleggen": actor.heeft_rol(*selectors.PLANNERS),
        },
    )


@ingelogd
def risicomodel(request, actor: Actor, uuid: UUID):
    versie = selectors.risicomodelversie_get(actor=actor, uuid=uuid)
    model = selectors.risicomodel_van(versie)
    gewichten = [(_criterium(c), w, _("impact")) for c, w in model.gewichten_impact.items()]
    gewichten += [(_criterium(c), w, _("prestatie")) for c, w in model.gewichten_prestatie.items()]
    return render(
        request,
        "toezicht/risicomodel.html",
        {
            "versie": versie,
            "model": model,
            "gewichten": gewichten,
            "sectie": "risicomodellen",
            "json": json.dumps(versie.definitie, indent=2, ensure_ascii=False),
        },
    )
