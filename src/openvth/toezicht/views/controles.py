"""Inspections: the inspector's list, the inspection page, findings, attachments, steps, the report PDF."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.handhaving import selectors as handhaving_selectors
from openvth.organisaties.fouten import NietGevonden, OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.regels.lhso import Gedrag, Gevolg
from openvth.register import selectors as register_selectors
from openvth.web import bestanden
from openvth.web.fouten import op_formulier, tekst
from openvth.web.templatetags.datums import datum_lang

from .. import forms, rapport, selectors, services
from ..models import ControleStatus, ResultaatBevinding
from ._gemeen import bevindingen_tonen, ingelogd, object_of_fout, zaak_url

LHSO = {"lhso_gedrag": list(Gedrag), "lhso_gevolg": list(Gevolg)}


@dataclass
class Groep:
    sleutel: str
    titel: str
    leeg: str
    controles: list


@ingelogd
def controles(request, actor: Actor):
    """The inspector's list: today first, then overdue, coming, and carried out but not yet closed."""
    alle = request.GET.get("alle") == "1"
    vandaag = timezone.localdate()
    lijst = selectors.controle_werkvoorraad(actor=actor, alle=alle)
    for c in lijst:
        termijnen = selectors.ied_termijnen(c, peildatum=vandaag)
        c.ied_te_laat = termijnen.rapport_te_laat or termijnen.openbaar_te_laat
    gepland = [c for c in lijst if c.status == ControleStatus.GEPLAND]
    groepen = [
        Groep(
            "vandaag",
            _("Vandaag"),
            _("Vandaag staat er niets gepland."),
            [c for c in gepland if c.gepland_op == vandaag],
        ),
        Groep(
            "achterstallig",
            _("Achterstallig"),
            _("Geen achterstallige controles."),
            [c for c in gepland if c.gepland_op < vandaag],
        ),
        Groep("komend", _("Komend"), _("Geen controles gepland."), [c for c in gepland if c.gepland_op > vandaag]),
        Groep(
            "af_te_ronden",
            _("Uitgevoerd, nog af te ronden"),
            _("Niets af te ronden."),
            [c for c in lijst if c.status == ControleStatus.UITGEVOERD],
        ),
    ]
    return render(
        request,
        "toezicht/controles.html",
        {
            "groepen": groepen,
            "alle": alle,
            "mag_plannen": actor.heeft_rol(*selectors.CONTROLEPLANNERS),
        },
    )


def _kandidaten(actor: Actor, controle) -> tuple[list, list[tuple[int, str]]]:
    kandidaten = selectors.toezichthouder_kandidaten(actor=actor, controle=controle)
    keuzes = []
    for k in kandidaten:
        label = k.naam
        if not k.toegestaan:
            label = _("%(naam)s — niet toegestaan: functiescheiding") % {"naam": k.naam}
        elif k.waarschuwing:
            label = _("%(naam)s — let op: rotatie") % {"naam": k.naam}
        keuzes.append((k.gebruiker_id, label))
    return kandidaten, keuzes


def _voorschriftkeuzes(voorschriften) -> list[tuple[str, str]]:
    """The permit conditions a finding may cite, as (uuid, "<kenmerk> voorschrift <nummer>: text…")."""
    return [
        (str(v.uuid), f"{selectors.voorschrift_aanduiding(v)}: {Truncator(v.tekst).chars(90)}") for v in voorschriften
    ]


def _foutoverzicht(gebonden: dict) -> list[dict]:
    """The error summary at the top of the page (NL Design System): each error with a link to its field, so a refused
    photo deep in the checklist is not hidden below the fold."""
    regels = []
    for form in gebonden.values():
        if form is None or not form.errors:
            continue
        for naam, fouten in form.errors.items():
            veld = form[naam] if naam in form.fields else None
            anker = (veld.id_for_label or f"{veld.auto_id}_0") if veld is not None else ""
            for fout in fouten:
                regels.append({"label": veld.label if veld is not None else "", "tekst": fout, "anker": anker})
    return regels


def _controlepagina(request, actor: Actor, controle, *, gebonden: dict | None = None, bestand_kwijt: bool = False):
    """The inspection page; `gebonden` holds a form that came back with errors, by its key. `bestand_kwijt`: a file
    was chosen on that form, and no browser keeps a file input across a reload, so the page says to pick it again."""
    gebonden = gebonden or {}
    bevindingen = bevindingen_tonen(
        actor,
        selectors.bevinding_list(actor=actor, controle=controle).order_by("volgnummer", "id"),
        "toezicht: bevindingen van de controle",
    )
    bijlagen = list(selectors.bijlage_list(actor=actor, controle=controle).order_by("id"))
    fotos = defaultdict(list)
    for bijlage in bijlagen:
        bijlage.is_afbeelding = bijlage.mediatype in bestanden.INLINE_AFBEELDINGEN
        if bijlage.bevinding_id:
            fotos[bijlage.bevinding_id].append(bijlage)
    for b in bevindingen:
        b.fotos = fotos.get(b.pk, [])
    per_punt = {b.aandachtspunt_id: b for b in bevindingen if b.aandachtspunt_id}
    open_ = controle.status in (ControleStatus.GEPLAND, ControleStatus.UITGEVOERD)
    checklist = []
    onderwerpen = selectors.checklist(actor=actor, controle=controle)
    vergunning = selectors.checklist_voorschriften(actor=actor, controle=controle, onderwerpen=onderwerpen)
    for v in vergunning.alle:  # a display attribute for the template, not a model field
        setattr(v, "aanduiding", selectors.voorschrift_aanduiding(v))  # noqa: B010
    voorschriftkeuzes = _voorschriftkeuzes(vergunning.alle)
    for onderwerp in onderwerpen:
        punten = []
        for punt in onderwerp.aandachtspunten.all():
            sleutel = f"p{punt.pk}"
            gekoppeld = vergunning.per_punt.get(punt.pk, [])
            initial = {"voorschrift": punt.voorschrift}
            if len(gekoppeld) == 1:  # the point checks one permit condition: cite it unless the inspector changes it
                initial = {
                    "voorschrift": selectors.voorschrift_aanduiding(gekoppeld[0]),
                    "vergunningvoorschrift": str(gekoppeld[0].uuid),
                }
            form = gebonden.get(sleutel) or forms.BevindingForm(
                prefix=sleutel, initial=initial, voorschriften=voorschriftkeuzes
            )
            punten.append({"punt": punt, "bevinding": per_punt.get(punt.pk), "form": form, "voorschriften": gekoppeld})
        checklist.append(
            {"onderwerp": onderwerp, "punten": punten, "voorschriften": vergunning.per_onderwerp.get(onderwerp.pk, [])}
        )
    toewijs_form = None
    kandidaten = []
    # An assigned inspector on a phone does not need the assignment form; planners and managers always get it.
    if controle.status == ControleStatus.GEPLAND and (
        actor.heeft_rol(*selectors.PLANNERS)
        or (actor.heeft_rol(*selectors.CONTROLEPLANNERS) and controle.toezichthouder_id is None)
    ):
        kandidaten, keuzes = _kandidaten(actor, controle)
        toewijs_form = gebonden.get("toewijzen") or forms.ToewijzenForm(
            prefix="toewijzen", toezichthouders=keuzes, initial={"toezichthouder": controle.toezichthouder_id}
        )
    hercontrole_van = selectors.controle_zaak(actor=actor, controle=controle)
    if hercontrole_van is not None:
        hercontrole_van.zaak_url = zaak_url(hercontrole_van)
    vandaag = timezone.localdate()
    context = {
        "controle": controle,
        "hercontrole_van": hercontrole_van,
        "open": open_,
        "checklist": checklist,
        "bevindingen": bevindingen,
        "bijlagen": bijlagen,
        "vrije_form": gebonden.get("vrij") or forms.BevindingForm(prefix="vrij", voorschriften=voorschriftkeuzes),
        "overige_voorschriften": vergunning.overige,
        "mag_koppelen": bool(vergunning.alle) and actor.heeft_rol(*services.KOPPELAARS),
        "controledag": selectors.controledag(controle),
        "bijlage_form": gebonden.get("bijlage") or forms.BijlageForm(prefix="bijlage"),
        "uitvoering_form": gebonden.get("uitvoering")
        or forms.UitvoeringForm(
            prefix="uitvoering",
            initial={"uitgevoerd_op": controle.uitgevoerd_op or vandaag, "uren_besteed": controle.uren_besteed},
        ),
        "verzonden_form": gebonden.get("verzonden") or forms.DatumForm(prefix="verzonden", initial={"datum": vandaag}),
        "openbaar_form": gebonden.get("openbaar") or forms.DatumForm(prefix="openbaar", initial={"datum": vandaag}),
        "vervallen_form": gebonden.get("vervallen") or forms.RedenForm(prefix="vervallen"),
        "mag_plannen": actor.heeft_rol(*selectors.CONTROLEPLANNERS),
        "toewijs_form": toewijs_form,
        "kandidaten": kandidaten,
        "termijnen": selectors.ied_termijnen(controle, peildatum=vandaag),
        "foutoverzicht": _foutoverzicht(gebonden),
        "bestand_kwijt": bestand_kwijt,
        "toezichthouder_naam": selectors.gebruiker_naam(controle.toezichthouder_id),
        **LHSO,
    }
    return render(request, "toezicht/controle.html", context)


@ingelogd
def controle(request, actor: Actor, uuid: UUID):
    return _controlepagina(request, actor, selectors.controle_get(actor=actor, uuid=uuid))


def _terug(controle, anker: str = ""):
    return redirect(reverse("toezicht:controle", args=[controle.uuid]) + (f"#{anker}" if anker else ""))


@require_POST
@ingelogd
def bevinding_nieuw(request, actor: Actor, uuid: UUID):
    """Record a finding (with its photo, in one transaction: a photo that is not an image stores nothing)."""
    controle = selectors.controle_get(actor=actor, uuid=uuid, doel="vastleggen bevinding")
    punt = None
    if request.POST.get("punt"):
        try:
            punt_id = int(request.POST["punt"])
        except ValueError:
            raise Http404 from None
        punt = next(
            (
                p
                for o in selectors.checklist(actor=actor, controle=controle)
                for p in o.aandachtspunten.all()
                if p.pk == punt_id
            ),
            None,
        )
        if punt is None:
            raise Http404
    sleutel = f"p{punt.pk}" if punt else "vrij"
    in_werking = selectors.voorschriften_in_werking(
        actor=actor, vth_object_id=controle.vth_object_id, peildatum=selectors.controledag(controle)
    )
    form = forms.BevindingForm(
        request.POST, request.FILES, prefix=sleutel, voorschriften=_voorschriftkeuzes(in_werking)
    )
    if form.is_valid():
        d = form.cleaned_data
        vergunningvoorschrift = next((v for v in in_werking if str(v.uuid) == d["vergunningvoorschrift"]), None)
        try:
            with transaction.atomic():
                bevinding = services.bevinding_vastleggen(
                    actor=actor,
                    controle=controle,
                    resultaat=d["resultaat"],
                    omschrijving=d["omschrijving"],
                    voorschrift=d["voorschrift"],
                    aandachtspunt=punt,
                    gedrag=d["gedrag"],
                    gevolg=d["gevolg"],
                    vergunningvoorschrift=vergunningvoorschrift,
                )
                if d["foto"]:
                    services.bijlage_maken(
                        actor=actor,
                        controle=controle,
                        naam=d["foto"].name,
                        inhoud=d["foto"].read(),
                        soort="foto",
                        bevinding=bevinding,
                    )
        except OngeldigeInvoer as fout:
            op_formulier(form, fout, namen={"bestand": "foto"})
        else:
            if bevinding.overtreding_id:
                messages.warning(
                    request,
                    _("Bevinding %(n)s is vastgelegd; zij is als overtreding geregistreerd.")
                    % {"n": bevinding.volgnummer},
                )
            else:
                messages.success(request, _("Bevinding %(n)s is vastgelegd.") % {"n": bevinding.volgnummer})
            return _terug(controle, "bevindingen-kop")
    return _controlepagina(request, actor, controle, gebonden={sleutel: form}, bestand_kwijt=bool(request.FILES))


@require_POST
@ingelogd
def bijlage_nieuw(request, actor: Actor, uuid: UUID):
    controle = selectors.controle_get(actor=actor, uuid=uuid, doel="toevoegen bijlage")
    form = forms.BijlageForm(request.POST, request.FILES, prefix="bijlage")
    if form.is_valid():
        bestand = form.cleaned_data["bestand"]
        inhoud = bestand.read()
        soort = "document" if inhoud.startswith(b"%PDF-") else "foto"
        try:
            services.bijlage_maken(actor=actor, controle=controle, naam=bestand.name, inhoud=inhoud, soort=soort)
        except OngeldigeInvoer as fout:
            op_formulier(form, fout)
        else:
            messages.success(request, _("De bijlage %(naam)s is toegevoegd.") % {"naam": bestand.name})
            return _terug(controle, "bijlagen-kop")
    return _controlepagina(request, actor, controle, gebonden={"bijlage": form}, bestand_kwijt=bool(request.FILES))


@ingelogd
def bijlage(request, actor: Actor, uuid: UUID):
    """An attachment, served only to who may see its controle."""
    stuk = selectors.bijlage_get(actor=actor, uuid=uuid)
    if request.GET.get("formaat") == "klein" and stuk.mediatype in bestanden.INLINE_AFBEELDINGEN:
        with stuk.bestand.open("rb") as bestand:
            klein = bestanden.miniatuur(bestand)
        if klein is not None:
            return bestanden.bijlage_antwoord(klein, naam=stuk.naam, mediatype="image/jpeg")
    return bestanden.bijlage_antwoord(stuk.bestand.open("rb"), naam=stuk.naam, mediatype=stuk.mediatype)


def _stap(request, actor: Actor, uuid: UUID, sleutel: str, formklasse, uitvoeren, gelukt: str, namen=None):
    """One step on a controle (execution, report sent, …): a small form, a service, back to the page."""
    controle = selectors.controle_get(actor=actor, uuid=uuid, doel="bijwerken controle")
    form = formklasse(request.POST, prefix=sleutel) if formklasse else None
    if form is None or form.is_valid():
        try:
            uitvoeren(controle, form.cleaned_data if form else {})
        except OngeldigeInvoer as fout:
            if form is None:
                messages.error(request, tekst(fout))
                return _terug(controle)
            op_formulier(form, fout, namen)
        else:
            messages.success(request, gelukt)
            return _terug(controle)
    return _controlepagina(request, actor, controle, gebonden={sleutel: form}, bestand_kwijt=bool(request.FILES))


@require_POST
@ingelogd
def controle_uitvoering(request, actor: Actor, uuid: UUID):
    return _stap(
        request,
        actor,
        uuid,
        "uitvoering",
        forms.UitvoeringForm,
        lambda c, d: services.controle_uitvoeren(
            actor=actor, controle=c, uitgevoerd_op=d["uitgevoerd_op"], uren_besteed=d["uren_besteed"]
        ),
        _("De uitvoering is vastgelegd."),
    )


@require_POST
@ingelogd
def controle_afronden(request, actor: Actor, uuid: UUID):
    return _stap(
        request,
        actor,
        uuid,
        "afronden",
        None,
        lambda c, d: services.controle_afronden(actor=actor, controle=c),
        _("De controle is afgerond."),
    )


@require_POST
@ingelogd
def rapport_verzonden(request, actor: Actor, uuid: UUID):
    return _stap(
        request,
        actor,
        uuid,
        "verzonden",
        forms.DatumForm,
        lambda c, d: services.rapportverzending_vastleggen(actor=actor, controle=c, op=d["datum"]),
        _("Het rapport is gemarkeerd als verzonden."),
        {"rapport_verzonden_op": "datum"},
    )


@require_POST
@ingelogd
def rapport_openbaar(request, actor: Actor, uuid: UUID):
    return _stap(
        request,
        actor,
        uuid,
        "openbaar",
        forms.DatumForm,
        lambda c, d: services.openbaarmaking_vastleggen(actor=actor, controle=c, op=d["datum"]),
        _("Het rapport is gemarkeerd als openbaar gemaakt."),
        {"openbaar_gemaakt_op": "datum"},
    )


@require_POST
@ingelogd
def controle_toewijzen(request, actor: Actor, uuid: UUID):
    controle = selectors.controle_get(actor=actor, uuid=uuid, doel="toewijzen controle")
    _kandidaten_lijst, keuzes = _kandidaten(actor, controle)
    form = forms.ToewijzenForm(request.POST, prefix="toewijzen", toezichthouders=keuzes)
    if form.is_valid():
        try:
            toewijzing = services.toezichthouder_toewijzen(
                actor=actor, controle=controle, toezichthouder_id=form.cleaned_data["toezichthouder"]
            )
        except OngeldigeInvoer as fout:
            op_formulier(form, fout)
        else:
            naam = selectors.gebruiker_naam(form.cleaned_data["toezichthouder"])
            messages.success(request, _("%(naam)s is toegewezen.") % {"naam": naam})
            if toewijzing.waarschuwing:
                messages.warning(request, toewijzing.waarschuwing)
            return _terug(controle)
    return _controlepagina(request, actor, controle, gebonden={"toewijzen": form})


@require_POST
@ingelogd
def controle_vervallen(request, actor: Actor, uuid: UUID):
    return _stap(
        request,
        actor,
        uuid,
        "vervallen",
        forms.RedenForm,
        lambda c, d: services.controle_vervallen(actor=actor, controle=c, reden=d["reden"]),
        _("De controle is vervallen."),
    )


@ingelogd
def controle_rapport(request, actor: Actor, uuid: UUID):
    """The report to the operator as PDF, from what the actor may see of this controle."""
    controle = selectors.controle_get(actor=actor, uuid=uuid, doel="opmaken rapport aan exploitant")
    bevindingen = bevindingen_tonen(
        actor,
        selectors.bevinding_list(actor=actor, controle=controle).order_by("volgnummer", "id"),
        "toezicht: bevindingen van de controle",
    )
    fotos = defaultdict(list)
    for stuk in selectors.bijlage_list(actor=actor, controle=controle).filter(mediatype__startswith="image/"):
        if stuk.bevinding_id:
            with stuk.bestand.open("rb") as bestand:
                fotos[stuk.bevinding_id].append(rapport.Foto(stuk.naam, stuk.mediatype, bestand.read()))
    obj = controle.vth_object
    vestiging = selectors.vthobject_vestiging(actor=actor, vth_object=obj, doel="opmaken rapport aan exploitant")
    activiteiten = register_selectors.vthobject_uitvoeringen(
        actor=actor, vth_object=obj, peildatum=controle.uitgevoerd_op, doel="opmaken rapport aan exploitant"
    )
    gegevens = rapport.Rapportgegevens(
        kenmerk=rapport.kenmerk((controle.uitgevoerd_op or controle.gepland_op).year, controle.pk),
        uitvoerder=controle.uitvoerder.naam,
        bevoegd_gezag=controle.bevoegd_gezag.naam,
        object_naam=obj.naam,
        adres=obj.locatie.adres,
        vestiging=vestiging.naam if vestiging else "",
        kvk=vestiging.kvk_nummer if vestiging else "",
        reden=str(controle.get_reden_display()),
        aangekondigd=controle.aangekondigd,
        uitgevoerd_op=controle.uitgevoerd_op,
        toezichthouder=selectors.gebruiker_naam(controle.toezichthouder_id),
        bevindingen=tuple(
            rapport.Rapportbevinding(
                onderwerp=b.aandachtspunt.onderwerp.naam if b.aandachtspunt else "",
                aandachtspunt=b.aandachtspunt.tekst if b.aandachtspunt else "",
                resultaat=str(b.get_resultaat_display()),
                nageleefd=b.resultaat != ResultaatBevinding.OVERTREDEN,
                omschrijving=b.omschrijving,
                voorschrift=b.voorschrift,
                overtreding=(b.zichtbare_overtreding.zaaknummer or "") if b.zichtbare_overtreding else "",
                fotos=tuple(fotos.get(b.pk, ())),
            )
            for b in bevindingen
        ),
        ied=controle.ied,
        rapport_uiterlijk=controle.rapport_uiterlijk_op,
        openbaar_uiterlijk=controle.openbaar_uiterlijk_op,
        opgemaakt_op=timezone.localtime(),
        activiteiten=tuple(dict.fromkeys(u.activiteit.naam for u in activiteiten)),
    )
    antwoord = HttpResponse(rapport.pdf(gegevens), content_type="application/pdf")
    antwoord["Content-Disposition"] = bestanden.content_disposition(rapport.bestandsnaam(gegevens))
    return antwoord


@ingelogd
def controle_nieuw(request, actor: Actor):
    """Plan a controle ad hoc (with its reason) or a hercontrole of a violation; the inspector is chosen next.

    Planning starts from a search in the register by name, address or postcode (issue 13): the chosen object, or
    the violation picked from that object's open cases, travels as a hidden field, never typed."""
    soort = request.POST.get("soort") if request.method == "POST" else None
    vandaag = timezone.localdate()
    acties = [a for k in selectors.keten_list(actor=actor) for a in k.acties.filter(tot__gte=vandaag)]
    ketenactie = request.GET.get("ketenactie", "")
    gekozen_overtreding = (
        request.POST.get("her-overtreding") if soort == "hercontrole" else request.GET.get("overtreding", "")
    ) or ""
    gekozen_object = (request.POST.get("adhoc-vth_object") if soort == "adhoc" else request.GET.get("object", "")) or ""
    adhoc = forms.ControleForm(
        request.POST if soort == "adhoc" else None,
        prefix="adhoc",
        ketenacties=acties,
        initial={"vth_object": gekozen_object, "gepland_op": vandaag + timedelta(days=1), "ketenactie": ketenactie},
    )
    her = forms.HercontroleForm(
        request.POST if soort == "hercontrole" else None, prefix="her", initial={"overtreding": gekozen_overtreding}
    )
    nieuw = None
    if soort == "adhoc" and adhoc.is_valid():
        obj = object_of_fout(actor, adhoc)
        if obj is not None:
            d = adhoc.cleaned_data
            actie = selectors.ketenactie_get(actor=actor, uuid=UUID(d["ketenactie"])) if d["ketenactie"] else None
            try:
                nieuw = services.controle_plannen(
                    actor=actor,
                    vth_object=obj,
                    gepland_op=d["gepland_op"],
                    reden=d["reden"],
                    controletype=d["controletype"],
                    aangekondigd=d["aangekondigd"],
                    toelichting=d["toelichting"],
                    ketenactie=actie,
                )
            except OngeldigeInvoer as fout:
                op_formulier(adhoc, fout)
    elif soort == "hercontrole" and her.is_valid():
        d = her.cleaned_data
        try:
            overtreding = handhaving_selectors.overtreding_get(
                actor=actor, uuid=UUID(d["overtreding"].strip()), doel="plannen hercontrole"
            )
        except (ValueError, NietGevonden):
            her.add_error("overtreding", _("Geen overtreding gevonden die u mag inzien."))
        else:
            try:
                nieuw = services.hercontrole_plannen(
                    actor=actor, overtreding=overtreding, gepland_op=d["gepland_op"], aangekondigd=d["aangekondigd"]
                )
            except OngeldigeInvoer as fout:
                op_formulier(her, fout)
    if nieuw is not None:
        messages.success(
            request,
            _("De controle is gepland op %(datum)s. Wijs nu de toezichthouder toe.")
            % {"datum": datum_lang(nieuw.gepland_op)},
        )
        return redirect("toezicht:controle", uuid=nieuw.uuid)
    context = {"adhoc": adhoc, "her": her, "sectie": "controles", "ketenactie": ketenactie}
    context.update(_plankeuze(actor, gekozen_object, gekozen_overtreding, soort, request.GET))
    return render(request, "toezicht/controle_nieuw.html", context)


def _plankeuze(actor: Actor, gekozen_object: str, gekozen_overtreding: str, soort: str | None, query) -> dict:
    """What the planning page plans for: a violation (hercontrole), an object (ad hoc, or a hercontrole of one of
    its open cases), or nothing yet, then the register search."""
    if gekozen_overtreding:
        try:
            overtreding = handhaving_selectors.overtreding_get(
                actor=actor, uuid=UUID(gekozen_overtreding.strip()), doel="plannen hercontrole"
            )
        except (ValueError, NietGevonden):
            if soort == "hercontrole":  # refused above, with its reason on the form
                return {"overtreding_onbekend": True}
            raise Http404 from None
        return {"overtreding": overtreding, "object": overtreding.vth_object}
    if gekozen_object:
        try:
            obj = selectors.vthobject_treffer(actor=actor, zoekwaarde=gekozen_object)
        except NietGevonden:
            if soort == "adhoc":  # refused above, with its reason on the form
                return {"object_onbekend": True}
            raise Http404 from None
        return {"object": obj, "open_zaken": selectors.vthobject_open_zaken(actor=actor, vth_object=obj)}
    zoek = forms.ObjectZoekForm(query if "q" in query else None)
    objecten = (
        register_selectors.vthobject_zoekresultaat(actor=actor, q=zoek.cleaned_data["q"], doel="plannen toezicht")
        if zoek.is_valid()
        else []
    )
    return {"zoek": zoek, "objecten": objecten}
