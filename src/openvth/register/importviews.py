"""Import pages for functional administrators: upload, progress with the summary, the quality report (CSV), and
resuming a run that stalled or failed.

Thin: the work happens in `importeren.verwerken` as a background task; these views store, queue and show.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from openvth.web import bestanden
from openvth.web.acteur import actor_van

from .importeren import selectors, verwerken, wachtrij
from .importeren.lezen import OngeldigBestand, maximale_grootte, te_groot
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


class Uploadgrens(FileUploadHandler):
    """Stops reading an upload as soon as it is known to exceed OPENVTH_IMPORT_MAX_MB: from the request's length,
    else while the bytes arrive. Django's own limits do not bound a file (DATA_UPLOAD_MAX_MEMORY_SIZE counts form
    fields only, FILE_UPLOAD_MAX_MEMORY_SIZE decides memory or a temporary file), so without this a 50 GB upload
    would be written to the temporary folder before the form saw it. Nothing is kept; the page says why."""

    def __init__(self, request=None):
        super().__init__(request)
        self.grens = maximale_grootte()
        self.gezien = 0  # the size known so far: the request's length, or the bytes read
        self.te_groot = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.gezien = content_length or 0
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.gezien > self.grens + 64 * 1024:  # the form's other fields and the multipart framing are small
            self._stop(self.gezien)

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.grens:
            self._stop(start + len(raw_data))
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) holds the file

    def _stop(self, grootte: int):
        self.gezien, self.te_groot = grootte, True
        raise StopUpload(connection_reset=True)


def _beheerder(request):
    """The acting functional administrator, or the answer for anyone else (log in, or the shared refusal)."""
    actor = actor_van(request)
    if actor.anoniem:
        return None, redirect_to_login(request.get_full_path())
    selectors.importrun_list(actor=actor)  # anyone else: GeenToestemming, the shared 403 page (web.fouten)
    return actor, None


@csrf_exempt  # only to install the upload limit before the CSRF check reads the body; `_upload` checks CSRF
def upload(request):
    grens = Uploadgrens(request)
    request.upload_handlers.insert(0, grens)
    return _upload(request, grens)


@csrf_protect
def _upload(request, grens: Uploadgrens):
    actor, antwoord = _beheerder(request)
    if antwoord is not None:
        return antwoord
    form = ImportForm(request.POST or None, request.FILES or None)
    if grens.te_groot:
        form.is_valid()
        form.errors.pop("bestand", None)
        form.add_error("bestand", te_groot(grens.gezien))
        return _uploadpagina(request, actor, form, status=413)
    if request.method == "POST" and form.is_valid():
        try:
            run = wachtrij.importrun_starten(
                actor=actor,
                upload=form.cleaned_data["bestand"],
                profiel=profiel_laden(form.cleaned_data["profiel"]),
                bron_systeem=form.cleaned_data["bron_systeem"] or None,
            )
        except (OngeldigBestand, ProfielFout) as fout:
            form.add_error(None, str(fout))
        else:
            return redirect("importeren:voortgang", uuid=run.uuid)
    return _uploadpagina(request, actor, form, status=200)


def _uploadpagina(request, actor, form, *, status: int):
    runs = list(selectors.importrun_list(actor=actor)[:20])
    for run in runs:
        run.stilgevallen = not run.klaar and wachtrij.stilgevallen(run)
    fouten = profielen_en_fouten()[1]
    context = {"form": form, "runs": runs, "profielfouten": fouten}
    return render(request, "register/import_upload.html", context, status=status)


def _run(request, uuid):
    actor, antwoord = _beheerder(request)
    if antwoord is not None:
        return None, antwoord
    return selectors.importrun_get(actor=actor, uuid=uuid), None


def voortgang(request, uuid):
    run, antwoord = _run(request, uuid)
    if antwoord is not None:
        return antwoord
    resultaten = [(r.value, r.label, getattr(run, r.value)) for r in Resultaat]
    stilgevallen = not run.klaar and wachtrij.stilgevallen(run)
    return render(
        request,
        "register/import_voortgang.html",
        {
            "run": run,
            "resultaten": resultaten,
            "redenen": verwerken.redenen_met_label(run),
            "verversen": None if run.klaar or stilgevallen else VERVERSEN_SECONDEN,
            "duur": run.duur.total_seconds() if run.duur else None,
            "stilgevallen": stilgevallen,
            "hervatbaar": not wachtrij.waarom_niet_hervatbaar(run),
        },
    )


@require_POST
def hervatten(request, uuid):
    """Queue a stalled or failed run again; the progress page shows it continue (or why it cannot)."""
    run, antwoord = _run(request, uuid)
    if antwoord is not None:
        return antwoord
    try:
        wachtrij.importrun_hervatten(actor=actor_van(request), uuid=run.uuid)
    except wachtrij.NietHervatbaar as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("De import is hervat: hij gaat verder na de laatst vastgelegde batch."))
    return redirect("importeren:voortgang", uuid=run.uuid)


def rapport(request, uuid):
    run, antwoord = _run(request, uuid)
    if antwoord is not None:
        return antwoord
    antwoord = StreamingHttpResponse(verwerken.rapport_csv(run), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = bestanden.content_disposition(f"import-{run.uuid}-kwaliteit.csv")
    return antwoord
