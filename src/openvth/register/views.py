"""The public register in the browser: search with a list and a map, and one page per location.

Every read goes through the register selectors with the actor of the request, so an anonymous visitor sees the
public register and staff see exactly what the access policy allows; non-public records shown are access-logged.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openvth.api.auth import AnoniemeLimiet
from openvth.api.problemen import probleem
from openvth.geo import bbox as geobbox
from openvth.organisaties import selectors as organisatie_selectors
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer, VerouderdeVersie
from openvth.organisaties.models import Soort
from openvth.organisaties.toegang import Actor
from openvth.web import bestanden, fouten
from openvth.web.acteur import actor_van
from openvth.web.paginering import BegrensdePaginator, gelogde_pagina

from . import export, kaart, selectors, services
from .models import Kwalificatie, Status

PER_PAGINA = 25
LIJST = "raadplegen register (lijst)"

_TEKST = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_KEUZE = {"class": "utrecht-select utrecht-select--html-select"}


def _datumveld(label):
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={**_TEKST, "type": "date"}, format="%Y-%m-%d")
    )


def _keuze(label, leeg, keuzes=()):
    return forms.ChoiceField(
        label=label, required=False, choices=[("", leeg), *keuzes], widget=forms.Select(attrs=_KEUZE)
    )


class ZoekForm(forms.Form):
    """The register's filters, shared by the result list and the map endpoint (the same query string)."""

    q = forms.CharField(
        label=gettext_lazy("Naam, adres of postcode"),
        required=False,
        min_length=2,
        max_length=100,
        widget=forms.TextInput(attrs={**_TEKST, "type": "search"}),
    )
    gemeente = _keuze(gettext_lazy("Gemeente"), gettext_lazy("Alle gemeenten"))
    activiteit = _keuze(gettext_lazy("Activiteit"), gettext_lazy("Alle activiteiten"))
    kwalificatie = _keuze(gettext_lazy("Kwalificatie"), gettext_lazy("Alle kwalificaties"), Kwalificatie.choices)
    status = _keuze(gettext_lazy("Status"), gettext_lazy("Alle statussen"), Status.choices)
    bevoegd_gezag = _keuze(gettext_lazy("Bevoegd gezag"), gettext_lazy("Alle bevoegde gezagen"))
    toezichtinstantie = _keuze(gettext_lazy("Toezichtinstantie"), gettext_lazy("Alle toezichtinstanties"))
    peildatum = _datumveld(gettext_lazy("Peildatum (leeg: vandaag)"))
    sorteer = forms.ChoiceField(
        label=gettext_lazy("Volgorde"),
        required=False,
        choices=[("registratie", gettext_lazy("Registratie")), ("naam", gettext_lazy("Naam VTH-object"))],
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    NIET_FILTERS = ("peildatum", "sorteer")

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        organisaties = organisatie_selectors.organisatie_list(actor=actor, peildatum=timezone.localdate())
        per_soort: dict[str, list[tuple[str, str]]] = {}
        for code, naam, soort in organisaties.values_list("code", "naam", "soort"):
            per_soort.setdefault(soort, []).append((code, naam))

        def groepen(*soorten):
            return [(Soort(soort).label, per_soort.get(soort, [])) for soort in soorten]

        self.fields["gemeente"].choices += per_soort.get(Soort.GEMEENTE, [])
        self.fields["bevoegd_gezag"].choices += groepen(Soort.GEMEENTE, Soort.PROVINCIE, Soort.WATERSCHAP, Soort.RIJK)
        self.fields["toezichtinstantie"].choices += groepen(
            Soort.OMGEVINGSDIENST, Soort.PROVINCIE, Soort.WATERSCHAP, Soort.RIJK, Soort.GEMEENTE
        )
        self.fields["activiteit"].choices += [
            (code, f"{code.removeprefix('bal-')} {naam}")
            for code, naam in selectors.activiteit_list(actor=actor).values_list("code", "naam")
        ]

    def filters(self, **extra) -> selectors.UitvoeringFilter:
        gegevens = self.cleaned_data if self.is_bound else {}
        velden = (naam for naam in self.fields if naam != "sorteer")
        return selectors.UitvoeringFilter(**{naam: gegevens.get(naam) or None for naam in velden}, **extra)

    def volgorde(self) -> str:
        """Registration order unless asked otherwise: an index walk, where the name order sorts every match."""
        return (self.cleaned_data.get("sorteer") if self.is_bound else None) or "registratie"

    def heeft_filters(self) -> bool:
        """Whether anything narrows the search (not just a date or an order): then the map opens on the results."""
        velden = (naam for naam in self.fields if naam not in self.NIET_FILTERS)
        return self.is_bound and any(self.cleaned_data.get(naam) for naam in velden)


class PeildatumForm(forms.Form):
    peildatum = _datumveld(gettext_lazy("Peildatum"))


def _register(actor: Actor, filters: selectors.UitvoeringFilter, volgorde: str = "naam"):
    return selectors.uitvoering_list(actor=actor, filters=filters, volgorde=volgorde)


def _met_labels(uitvoeringen):
    """Qualification codes as their (translated) labels, for display."""
    for u in uitvoeringen:
        u.kwalificatielabels = [Kwalificatie(k).label for k in u.kwalificaties if k in Kwalificatie.values]
    return uitvoeringen


def zoeken(request):
    actor = actor_van(request)
    form = ZoekForm(request.GET or None, actor=actor)
    context = {"form": form}
    if not form.is_bound or form.is_valid():
        qs = _register(actor, form.filters(), form.volgorde())
        # The list shows no party, so nothing is added beyond each row's object (`verwant=False`).
        pagina = gelogde_pagina(
            request,
            qs,
            PER_PAGINA,
            actor=actor,
            doel=LIJST,
            paginator=BegrensdePaginator,
            verwant=False,
            getoond=lambda rijen: {u.vth_object_id: u.vth_object for u in rijen}.values(),
        )
        pagina.object_list = _met_labels(pagina.object_list)
        parameters = request.GET.copy()
        parameters.pop("pagina", None)
        context |= {
            "pagina": pagina,
            "kaartbron": f"{reverse('register:kaart')}?{parameters.urlencode()}",
            "omvang": kaart.omvang(qs) if form.heeft_filters() else None,
            "peildatum": form.cleaned_data.get("peildatum") if form.is_bound else None,
            "grens_tekst": number_format(pagina.paginator.grens, force_grouping=True),
        }
    return render(request, "register/zoeken.html", context)


def exporteren(request, formaat: str):
    """The current search as a download (CSV, GeoJSON, or the Inspectieview delivery files), streamed.

    The same access policy and access log apply as on the page: `export.exporteer` reads through the selectors.
    """
    if formaat not in export.FORMATEN:
        raise Http404
    actor = actor_van(request)
    form = ZoekForm(request.GET or None, actor=actor)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(_("De zoekopdracht is ongeldig; pas de filters aan."))
    filters = form.filters()
    if actor.anoniem and (geweigerd := _anonieme_export_geweigerd(request, actor, filters)) is not None:
        return geweigerd
    response = StreamingHttpResponse(
        export.exporteer(actor=actor, formaat=formaat, filters=filters, doel=_("export vanuit het register")),
        content_type=export.MEDIATYPE[formaat],
    )
    naam = export.bestandsnaam(formaat, filters.peildatum)
    response["Content-Disposition"] = bestanden.content_disposition(naam)
    return response


def _anonieme_export_geweigerd(request, actor: Actor, filters: selectors.UitvoeringFilter):
    """An anonymous download is throttled per client address and holds at most OPENVTH_ANONIEM_EXPORT_MAX_RIJEN
    rows: unbounded and unthrottled, anyone could stream the national register (1.5 million rows) again and again.
    Staff exports are not bounded here: the access policy limits them and every non-public row is logged."""
    limiet = AnoniemeLimiet("export", "OPENVTH_ANONIEM_EXPORT_LIMIET")  # per request: it keeps state (threads)
    if not limiet.allow_request(request):
        wacht = int(limiet.wait() or 1) + 1
        melding = _("U heeft te veel downloads gevraagd. Probeer het over %(s)s seconden opnieuw.") % {"s": wacht}
        antwoord = render(request, "register/export_geweigerd.html", {"melding": melding}, status=429)
        antwoord["Retry-After"] = str(wacht)
        return antwoord
    grens = settings.OPENVTH_ANONIEM_EXPORT_MAX_RIJEN
    if _register(actor, filters, "registratie").order_by().values("pk")[: grens + 1].count() > grens:
        melding = _(
            "Deze download zou meer dan %(grens)s activiteiten bevatten. Verfijn de zoekvraag, bijvoorbeeld met een "
            "gemeente of een activiteit, en download dan opnieuw."
        ) % {"grens": number_format(grens, force_grouping=True)}
        return render(request, "register/export_geweigerd.html", {"melding": melding}, status=400)
    return None


def _zoom(waarde: str | None) -> int:
    if waarde and waarde.isascii() and waarde.isdigit() and int(waarde) <= kaart.MAX_ZOOM:
        return int(waarde)
    raise geobbox.GeoFout(
        "zoom", _("zoom moet een geheel getal van 0 tot en met %(max)s zijn") % {"max": kaart.MAX_ZOOM}
    )


def kaartgegevens(request):
    """The map's JSON for the visible box (`bbox`, CRS84) at zoom level `zoom`: points or clusters, never more."""
    actor = actor_van(request)
    form = ZoekForm(request.GET, actor=actor)
    fouten = [{"name": naam, "reason": " ".join(meldingen)} for naam, meldingen in form.errors.items()]
    rechthoek = zoom = None
    try:
        if not request.GET.get("bbox"):
            raise geobbox.GeoFout("bbox", _("bbox (minlon,minlat,maxlon,maxlat) is verplicht"))
        rechthoek = geobbox.parse_bbox(request.GET["bbox"])
    except geobbox.GeoFout as fout:
        fouten.append({"name": fout.parameter, "reason": fout.reden})
    try:
        zoom = _zoom(request.GET.get("zoom"))
    except geobbox.GeoFout as fout:
        fouten.append({"name": fout.parameter, "reason": fout.reden})
    if fouten:
        return probleem(
            request, 400, _("De kaart kan met deze parameters niet worden getekend."), invalid_params=fouten
        )
    beeld = selectors.uitvoering_kaartbeeld(actor=actor, filters=form.filters(rechthoek=rechthoek), zoom=zoom)
    return JsonResponse(beeld.inhoud)


def gemeentenamen(request):
    """Municipality names at their centres (public reference data) for every map's built-in base layer, most
    inhabitants first so that, where names would collide, the larger place keeps its label."""
    gemeenten = (
        organisatie_selectors.organisatie_list(
            actor=actor_van(request), soort=Soort.GEMEENTE, peildatum=timezone.localdate()
        )
        .filter(lat__isnull=False, lon__isnull=False)
        .order_by(F("inwoners").desc(nulls_last=True), "naam")
    )
    antwoord = JsonResponse({"gemeenten": list(gemeenten.values("naam", "lat", "lon"))})
    antwoord["Cache-Control"] = "public, max-age=86400"
    return antwoord


class UitvoeringWijzigForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Status.choices)
    kwalificaties = forms.MultipleChoiceField(
        label=gettext_lazy("Kwalificaties"),
        choices=Kwalificatie.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    legitimatie = forms.CharField(label=gettext_lazy("Vergunning of melding"), max_length=100, required=False)
    beeindigingsdatum = _datumveld(gettext_lazy("Beëindigingsdatum (bij beëindigen)"))
    geldig_vanaf = _datumveld(gettext_lazy("Wijziging gaat in op"))
    etag = forms.CharField(widget=forms.HiddenInput)


@require_POST
def uitvoering_wijzigen(request, uuid):
    """Change or end an activity execution from its location page: a new version, audited, never an edit."""
    actor = actor_van(request)
    huidig = selectors.uitvoering_get(actor=actor, uuid=uuid, doel="wijzigen register")
    terug = redirect("register:locatie", uuid=huidig.vth_object.locatie.uuid)
    form = UitvoeringWijzigForm(request.POST, prefix=str(uuid))
    if not form.is_valid():
        messages.error(
            request,
            _("De wijziging is niet opgeslagen: %(fouten)s")
            % {
                "fouten": "; ".join(
                    f"{form.fields[veld].label}: {' '.join(f)}" if veld in form.fields else " ".join(f)
                    for veld, f in form.errors.items()
                )
            },
        )
        return terug
    gegevens = form.cleaned_data
    try:
        services.uitvoering_wijzigen(
            actor=actor,
            uuid=uuid,
            verwachte_etag=gegevens["etag"],
            geldig_vanaf=gegevens["geldig_vanaf"],
            wijzigingen={
                "status": gegevens["status"],
                "kwalificaties": gegevens["kwalificaties"],
                "legitimatie": gegevens["legitimatie"],
                "beeindigingsdatum": gegevens["beeindigingsdatum"],
            },
        )
        messages.success(request, _("De wijziging is vastgelegd als nieuwe versie."))
    except VerouderdeVersie:
        messages.error(request, _("Iemand anders heeft deze activiteit intussen gewijzigd. Bekijk de nieuwe stand."))
    except (GeenToestemming, OngeldigeInvoer) as fout:
        messages.error(request, _("De wijziging is niet opgeslagen: %(fout)s") % {"fout": fouten.tekst(fout)})
    return terug


def locatie(request, uuid):
    actor = actor_van(request)
    plek = selectors.locatie_get(actor=actor, uuid=uuid)
    form = PeildatumForm(request.GET or None)
    peildatum = (form.cleaned_data.get("peildatum") if form.is_valid() else None) or timezone.localdate()
    if not form.is_bound:
        form = PeildatumForm(initial={"peildatum": peildatum})
    objecten = selectors.locatie_overzicht(actor=actor, locatie=plek, peildatum=peildatum)
    _met_labels(v for o in objecten for keten in (*o.geldig, *o.overig) for v in keten.versies)
    punt = {"lat": plek.lat, "lon": plek.lon, "naam": ", ".join(o.object.naam for o in objecten) or plek.adres}
    if actor.heeft_rol(*services.SCHRIJVERS):  # the service decides for real; this only offers the form
        for keten in (k for o in objecten for k in o.geldig):
            v = keten.versie
            if v.geldig_tot is None and v.afgevoerd_op is None:
                keten.wijzigform = UitvoeringWijzigForm(
                    prefix=str(v.uuid),
                    initial={
                        "status": v.status,
                        "kwalificaties": v.kwalificaties,
                        "legitimatie": v.legitimatie,
                        "beeindigingsdatum": v.beeindigingsdatum,
                        "geldig_vanaf": timezone.localdate(),
                        "etag": services.etag(v),
                    },
                )
    return render(
        request,
        "register/locatie.html",
        {"locatie": plek, "form": form, "peildatum": peildatum, "objecten": objecten, "punt": punt},
    )
