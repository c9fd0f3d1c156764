"""Import pages for functional administrators: upload, progress with the summary, the quality report (CSV).

Thin: the work happens in `importeren.verwerken` as a background task; these views store, queue and show.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.toegang import GeenToestemming, NietGevonden
from openvth.web import bestanden
from openvth.web.acteur import actor_van

from .importeren import selectors, verwerken
from .importeren.lezen import OngeldigBestand
from .importeren.profiel import ProfielFout, profiel_laden, profielen, profielen_en_fouten
from .models import Resultaat

VERVERSEN_SECONDEN = 2


class ImportForm(forms.Form):
    profiel = forms.ChoiceField(label=_("Profiel"))
    bestand = forms.FileField(
        label=_("Bestand (CSV, JSON of GeoJSON)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,.geojson,.txt"}),
    )
    bron_systeem = forms.CharField(label=_("Bronsysteem (leeg: dat van het profiel)"), required=False, max_length=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profiel"].choices = [
            (naam, f"{naam} {p.versie} — {p.omschrijving}") for naam, p in sorted(profielen().items())
        ]


def _beheerder(request):
    """The acting functional administrator, or the answer for anyone else (log in, or the shared refusal)."""
    actor = actor_van(request)
    if actor.anoniem:
        return None, redirect_to_login(request.get_full_path())
    try:
        selectors.importrun_list(actor=actor)
    except GeenToestemming as fout:
        return None, render(request, "web/geen_toegang.html", {"melding": str(fout)}, status=403)
    return actor, None


def upload(request):
    actor, antwoord = _beheerder(request)
    if antwoord is not None:
        return antwoord
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = verwerken.importrun_starten(
                actor=actor,
                upload=form.cleaned_data["bestand"],
                profiel=profiel_laden(form.cleaned_data["profiel"]),
                bron_systeem=form.cleaned_data["bron_systeem"] or None,
            )
        except (OngeldigBestand, ProfielFout) as fout:
            form.add_error(None, str(fout))
        else:
            return redirect("importeren:voortgang", uuid=run.uuid)
    runs = selectors.importrun_list(actor=actor)[:20]
    fouten = profielen_en_fouten()[1]
    return render(request, "register/import_upload.html", {"form": form, "runs": runs, "profielfouten": fouten})


def _run(request, uuid):
    actor, antwoord = _beheerder(request)
    if antwoord is not None:
        return None, antwoord
    try:
        return selectors.importrun_get(actor=actor, uuid=uuid), None
    except NietGevonden:
        raise Http404 from None


def voortgang(request, uuid):
    run, antwoord = _run(request, uuid)
    if antwoord is not None:
        return antwoord
    resultaten = [(r.value, r.label, getattr(run, r.value)) for r in Resultaat]
    return render(
        request,
        "register/import_voortgang.html",
        {
            "run": run,
            "resultaten": resultaten,
            "redenen": verwerken.redenen_met_label(run),
            "verversen": None if run.klaar else VERVERSEN_SECONDEN,
            "duur": run.duur.total_seconds() if run.duur else None,
        },
    )


def rapport(request, uuid):
    run, antwoord = _run(request, uuid)
    if antwoord is not None:
        return antwoord
    antwoord = StreamingHttpResponse(verwerken.rapport_csv(run), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = bestanden.content_disposition(f"import-{run.uuid}-kwaliteit.csv")
    return antwoord
