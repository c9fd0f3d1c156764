"""Enforcement in the browser: case list, new violation, LHSO wizard, case page with its workflow steps and
ledger, letters, the deadline dashboard, the agenda feed and the letter templates.

Views are thin: reads go through the selectors (access policy and access log), writes through the services
(permission, validation, audit). A refused write shows the reasons next to the form that caused it.
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.toegang import Actor
from openvth.regels import lhso
from openvth.register import selectors as register_selectors
from openvth.web import bestanden, fouten
from openvth.web.acteur import actor_van
from openvth.web.foutoverzicht import foutoverzicht
from openvth.web.termen import term

from . import (
    codelijsten,
    datakwaliteit,
    documenten,
    forms,
    ical,
    selectors,
    services,
    termijnbronnen,
    tijdlijn,
    workflow,
)
from .models import Codelijst, Document, Documentsoort, Interventiepositionering, Rechtsmiddel, Verbeurte

PER_PAGINA = 25
ZAAKROLLEN = (Rol.HANDHAVER, Rol.TOEZICHTHOUDER, Rol.MANAGER, Rol.KETENPARTNER)  # who works with cases
HANDHAVINGSTERMIJNROLLEN = (Rol.HANDHAVER, Rol.MANAGER, Rol.TOEZICHTHOUDER)  # whose work has enforcement deadlines
# Who opens the deadline page: those with enforcement deadlines, and permit officers for their decision periods.
TERMIJNROLLEN = (*HANDHAVINGSTERMIJNROLLEN, Rol.VERGUNNINGVERLENER)
DASHBOARDDAGEN = (7, 30)


def _toegang(request, rollen) -> Actor | HttpResponse:
    """The actor, or the answer for someone who may not be here: log in first, or 403 without the role."""
    actor = actor_van(request)
    if actor.anoniem:
        return redirect_to_login(request.get_full_path())
    if not actor.heeft_rol(*rollen):
        return fouten.geen_toegang(request, _("Uw rol in deze organisatie geeft geen toegang tot handhavingszaken."))
    return actor


def _overtreding(actor: Actor, uuid: UUID, doel: str = "behandelen handhavingszaak"):
    return selectors.overtreding_get(actor=actor, uuid=uuid, doel=doel)


# --- the list ------------------------------------------------------------------------------------------------


def overzicht(request):
    actor = _toegang(request, ZAAKROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    form = forms.ZaakFilterForm(request.GET or None)
    laatste = Interventiepositionering.objects.filter(overtreding=OuterRef("pk")).order_by("-vastgesteld_op", "-id")
    qs = selectors.overtreding_list(actor=actor, filters=form.filters(actor) if form.is_valid() else None).annotate(
        cel_gedrag=Subquery(laatste.values("gedrag")[:1]), cel_gevolg=Subquery(laatste.values("gevolg")[:1])
    )
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    pagina.object_list = selectors.overtreding_weergave(
        actor=actor, zaken=pagina.object_list, doel="overzicht handhavingszaken"
    )
    return render(
        request,
        "handhaving/overzicht.html",
        {
            "form": form,
            "pagina": pagina,
            "mag_aanmaken": actor.heeft_rol(*services.CONSTATEERDERS),
            "mag_termijnen": actor.heeft_rol(*TERMIJNROLLEN),
        },
    )


# --- a new violation -----------------------------------------------------------------------------------------


def overtreding_nieuw(request):
    """Step 1: find the VTH-object in the register; step 2: describe the violation found there."""
    actor = _toegang(request, services.CONSTATEERDERS)
    if isinstance(actor, HttpResponse):
        return actor
    gekozen = request.GET.get("vth_object") or request.POST.get("vth_object")
    if not gekozen:
        zoek = forms.VthObjectZoekForm(request.GET or None)
        objecten = (
            register_selectors.vthobject_zoekresultaat(
                actor=actor, q=zoek.cleaned_data["q"], doel="overtreding registreren"
            )
            if zoek.is_valid()
            else []
        )
        return render(request, "handhaving/overtreding_nieuw.html", {"zoek": zoek, "objecten": objecten})
    try:
        obj = register_selectors.vthobject_get(actor=actor, uuid=UUID(gekozen), doel="overtreding registreren")
    except ValueError:  # not a uuid; a hidden or absent object is the 404 page too (web.fouten)
        raise Http404 from None
    uitvoeringen = register_selectors.vthobject_uitvoeringen(
        actor=actor, vth_object=obj, doel="overtreding registreren"
    )
    keuzes = [(str(u.uuid), f"{u.activiteit.code.removeprefix('bal-')} {u.activiteit.naam}") for u in uitvoeringen]
    form = forms.OvertredingForm(
        request.POST or None, uitvoeringen=keuzes, initial={"geconstateerd_op": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        uitvoering = uitvoeringen.filter(uuid=d["activiteituitvoering"]).first() if d["activiteituitvoering"] else None
        try:
            overtreding = services.overtreding_maken(
                actor=actor,
                vth_object=obj,
                activiteituitvoering=uitvoering,
                herkomst=d["herkomst"],
                herkomst_referentie=d["herkomst_referentie"],
                omschrijving=d["omschrijving"],
                voorschrift=d["voorschrift"],
                geconstateerd_op=d["geconstateerd_op"],
            )
        except (OngeldigeInvoer, GeenToestemming, NietGevonden) as fout:
            if str(fout):
                fouten.op_formulier(form, fout, boven=False)
            else:
                form.add_error(None, _("U mag hier geen overtreding registreren."))
        else:
            messages.success(
                request, _("De overtreding is geregistreerd. Positioneer haar nu in de interventiematrix.")
            )
            return redirect("handhaving:positioneren", uuid=overtreding.uuid)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "handhaving/overtreding_nieuw.html", {"object": obj, "form": form}, status=status)


# --- the LHSO wizard -----------------------------------------------------------------------------------------


def _matrix(tabel: lhso.Interventietabel, gekozen: str, na_omstandigheden: str) -> list[dict]:
    """The 4×4 interventiematrix as the LHSO draws it: behaviour A–D left to right, consequences from 4
    (aanzienlijk) at the top to 1 (vrijwel nihil) at the bottom; each cell with its track from the table."""
    return [
        {
            "gevolg": gevolg,
            "cellen": [
                {
                    "code": f"{g.value}{gevolg.value}",
                    "gedrag": g,
                    "spoor": tabel.cellen[lhso.Cel(g, gevolg)].spoor.value,
                    "gekozen": f"{g.value}{gevolg.value}" == gekozen,
                    "advies": f"{g.value}{gevolg.value}" == na_omstandigheden != gekozen,
                }
                for g in lhso.Gedrag
            ],
        }
        for gevolg in reversed(list(lhso.Gevolg))
    ]


def positioneren(request, uuid):
    """LHSO 2022 stap 1–3: choose behaviour and consequence (with their definitions), see the advice, save.

    Without JavaScript, "Advies bekijken" asks the server; with it, the advice follows every choice (wizard.js).
    """
    actor = _toegang(request, services.CONSTATEERDERS)
    if isinstance(actor, HttpResponse):
        return actor
    overtreding = _overtreding(actor, uuid, doel="positioneren overtreding")
    huidig = overtreding.posities.order_by("-vastgesteld_op", "-id").first()
    initial = (
        {
            "gedrag": huidig.gedrag,
            "gevolg": huidig.gevolg,
            "omstandigheden": huidig.omstandigheden,
            "handhaving_geindiceerd": huidig.handhaving_geindiceerd,
        }
        if huidig
        else {"handhaving_geindiceerd": True}
    )
    form = forms.PositioneringForm(request.POST or None, initial=initial)
    eerdere = services.eerdere_overtredingen(overtreding)  # recidive, as the service will count it
    advies = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if request.POST.get("actie") == "advies":
            tabel = services.interventietabel_voor(overtreding.bevoegd_gezag, overtreding.geconstateerd_op)
            advies = lhso.advies(
                gedrag=d["gedrag"],
                gevolg=d["gevolg"],
                tabel=tabel,
                peildatum=overtreding.geconstateerd_op,
                omstandigheden=d["omstandigheden"],
                eerdere_overtredingen=eerdere,
                overtredingsdatum=overtreding.geconstateerd_op,
            )
        else:
            try:
                positie = services.overtreding_positioneren(
                    actor=actor,
                    overtreding=overtreding,
                    gedrag=d["gedrag"],
                    gevolg=d["gevolg"],
                    omstandigheden=d["omstandigheden"],
                    handhaving_geindiceerd=d["handhaving_geindiceerd"],
                    reden_geen_handhaving=d["reden_geen_handhaving"],
                    toelichting=d["toelichting"],
                )
            except (OngeldigeInvoer, GeenToestemming) as fout:
                fouten.op_formulier(form, fout, boven=False)
            else:
                messages.success(request, _("Gepositioneerd in cel %(cel)s.") % {"cel": positie.cel})
                return redirect("handhaving:overtreding", uuid=overtreding.uuid)
    status = 400 if form.is_bound and form.errors else 200
    gekozen = (
        f"{form.data.get('gedrag', '')}{form.data.get('gevolg', '')}" if form.is_bound else huidig.cel if huidig else ""
    )
    return render(
        request,
        "handhaving/positioneren.html",
        {
            "overtreding": overtreding,
            "form": form,
            "advies": advies,
            "huidig": huidig,
            "matrix": _matrix(
                services.interventietabel_voor(overtreding.bevoegd_gezag, overtreding.geconstateerd_op),
                gekozen,
                advies.cel.code if advies else "",
            ),
            "geen_handhaving": form.is_bound
            and not form.data.get("handhaving_geindiceerd")
            or not form.is_bound
            and huidig is not None
            and not huidig.handhaving_geindiceerd,
            "gedrag_opties": form.opties("gedrag"),
            "gevolg_opties": form.opties("gevolg"),
            # The wizard's script shows the advice of the API, whose tracks and instruments are Dutch data.
            "termen": {
                tekst: term(tekst)
                for tekst in (
                    *(s.value for s in lhso.Spoor),
                    *codelijsten.codelijst(Codelijst.HANDHAVINGSINSTRUMENT).values_list("naam", flat=True),
                )
            },
            # Dates and flags only: the count may include cases this user may not see, so no identifiers leave.
            "eerdere": [
                {"datum": e.datum.isoformat(), "gesanctioneerd": e.gesanctioneerd, "relevant": e.relevant}
                for e in eerdere
            ],
        },
        status=status,
    )


# --- the case page -------------------------------------------------------------------------------------------


def _stapform(m, naar: str, overgang: workflow.Overgang, data=None) -> forms.StapForm:
    return forms.StapForm(data, naar=naar, params=overgang.params, prefix=f"m{m.pk}-{naar}")


def _postform(post_id: int, stappen, data=None) -> forms.PostForm:
    return forms.PostForm(data, stappen=stappen, prefix=f"p{post_id}", initial={"datum": timezone.localdate()})


def _zaakpagina(request, actor: Actor, overtreding, *, status: int = 200, bezet: dict | None = None):
    """Render the case page; `bezet` holds a bound form that failed, shown in its place with its reasons."""
    bezet = bezet or {}
    weergaven = tijdlijn.maatregelen(overtreding)
    mag_handhaven = actor.heeft_rol(*services.HANDHAVERS)
    for w in weergaven:
        w.rechtsmiddelen = [  # objections and appeals; a decision form for a pending one (Awb 5:35 lid 2)
            (
                r,
                bezet.get(("beslissing", r.pk)) or forms.RechtsmiddelBeslissingForm(prefix=f"rb{r.pk}")
                if mag_handhaven and r.beslist_op is None
                else None,
            )
            for r in w.maatregel.rechtsmiddelen.order_by("ingediend_op", "id")
        ]
        if mag_handhaven and w.maatregel.opgelegd_op:
            w.rechtsmiddelform = bezet.get(("rechtsmiddel", w.maatregel.pk)) or forms.RechtsmiddelForm(
                prefix=f"r{w.maatregel.pk}"
            )
        if not mag_handhaven:
            continue
        w.formulieren = [
            (naar, overgang, bezet.get(("stap", w.maatregel.pk, naar)) or _stapform(w.maatregel, naar, overgang))
            for naar, overgang in w.overgangen
        ]
        w.posten = [
            (
                post,
                bezet.get(("post", post.id)) or _postform(post.id, post.volgende_stappen)
                if post.volgende_stappen
                else None,
            )
            for post in (w.grootboek.posten if w.grootboek else ())
        ]
    context = {
        "overtreding": overtreding,
        "posities": list(overtreding.posities.order_by("-vastgesteld_op", "-id")),
        "maatregelen": weergaven,
        "tijdlijn": tijdlijn.tijdlijn(overtreding, [w.maatregel for w in weergaven]),
        "documenten": list(overtreding.documenten.select_related("maatregel").order_by("-gemaakt_op")),
        "afstemmingen": list(overtreding.afstemmingen.order_by("-datum", "-id")),
        "delingen": list(overtreding.delingen.select_related("ontvanger").filter(ingetrokken_op__isnull=True)),
        "mag_handhaven": mag_handhaven,
        "mag_positioneren": actor.heeft_rol(*services.CONSTATEERDERS),
        "mag_afstemmen": actor.heeft_rol(Rol.HANDHAVER, Rol.KETENPARTNER),
        "documentform": bezet.get("document") or _documentform(overtreding),
        "afstemmingform": bezet.get("afstemming") or _afstemmingform(initial={"datum": timezone.localdate()}),
        "vandaag": timezone.localdate(),
        "foutoverzicht": foutoverzicht(*bezet.values()),
        **_bewijscontext(actor, overtreding, bezet),
    }
    return render(request, "handhaving/overtreding.html", context, status=status)


def _bewijscontext(actor: Actor, overtreding, bezet: dict) -> dict:
    """The Bewijs section: processen-verbaal and the evidence of higher apps (findings, photos, reports), each read
    through its own policy and logged — what OM and police see of a case shared with them (docs/handhaving.md)."""
    processen_verbaal, onderdelen = selectors.bewijs_get(actor=actor, overtreding=overtreding)
    return {
        "processen_verbaal": processen_verbaal,
        "bewijs": onderdelen,
        "mag_pv_vastleggen": actor.heeft_rol(*services.CONSTATEERDERS),
        "pvform": bezet.get("procesverbaal") or forms.ProcesverbaalForm(initial={"datum": timezone.localdate()}),
    }


def overtreding(request, uuid):
    actor = _toegang(request, ZAAKROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    return _zaakpagina(request, actor, _overtreding(actor, uuid))


def _terug(overtreding, anker: str = "") -> HttpResponse:
    return redirect(reverse("handhaving:overtreding", args=[overtreding.uuid]) + (f"#{anker}" if anker else ""))


def _maatregel(actor: Actor, uuid: UUID):
    return selectors.maatregel_get(actor=actor, uuid=uuid)


@require_POST
def maatregel_stap(request, uuid):
    """One edge of the workflow table for a measure; the table decides whether it exists, the service whether its
    guards hold."""
    actor = _toegang(request, ZAAKROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    m = _maatregel(actor, uuid)
    naar = request.POST.get("naar", "")
    overgang = workflow.mogelijke_overgangen(m.fase).get(naar)
    if overgang is None:
        messages.error(
            request,
            _("Deze stap is niet (meer) mogelijk: %(reden)s.") % {"reden": workflow.niet_in_tabel(m.fase, naar)},
        )
        return _terug(m.overtreding, f"maatregel-{m.uuid}")
    form = _stapform(m, naar, overgang, request.POST)
    if form.is_valid():
        try:
            services.maatregel_stap_zetten(
                actor=actor, maatregel=m, naar=naar, datum=form.cleaned_data["datum"], gegevens=form.gegevens()
            )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout, boven=False)
        else:
            messages.success(request, _("Stap vastgelegd: %(naam)s.") % {"naam": term(overgang.naam)})
            return _terug(m.overtreding, f"maatregel-{m.uuid}")
    return _zaakpagina(request, actor, m.overtreding, status=400, bezet={("stap", m.pk, naar): form})


@require_POST
def invordering(request, uuid):
    """A collection step (invorderingsbeschikking, aanmaning, dwangbevel, betaald) on one forfeiture; the steps
    offered are the ledger's `volgende_stappen`, the collection table's edges out of the forfeiture's state."""
    actor = _toegang(request, ZAAKROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    m = _maatregel(actor, uuid)
    posten = {p.id: p for p in selectors.grootboek_voor(m).posten}
    post = posten.get(int(request.POST["verbeurte"])) if request.POST.get("verbeurte", "").isdigit() else None
    if post is None:
        messages.error(request, _("Kies de verbeurte waarvoor deze stap geldt."))
        return _terug(m.overtreding, f"maatregel-{m.uuid}")
    form = _postform(post.id, post.volgende_stappen, request.POST)
    if form.is_valid():
        try:
            services.verbeurte_stap_zetten(
                actor=actor,
                maatregel=m,
                naar=form.cleaned_data["naar"],
                datum=form.cleaned_data["datum"],
                verbeurten=[post.id],
                gegevens=form.gegevens(),
            )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout, boven=False)
        else:
            messages.success(request, _("Invorderingsstap vastgelegd: %(stap)s.") % {"stap": form.cleaned_data["naar"]})
            return _terug(m.overtreding, f"maatregel-{m.uuid}")
    return _zaakpagina(request, actor, m.overtreding, status=400, bezet={("post", post.id): form})


@require_POST
def rechtsmiddel(request, uuid):
    """Record an objection or appeal against a measure, or the decision on one; the limitation is recomputed."""
    actor = _toegang(request, ZAAKROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    m = _maatregel(actor, uuid)
    r = None
    if request.POST.get("rechtsmiddel", "").isdigit():
        r = Rechtsmiddel.objects.filter(maatregel=m, pk=int(request.POST["rechtsmiddel"])).first()
        if r is None:
            raise Http404
        form, sleutel = forms.RechtsmiddelBeslissingForm(request.POST, prefix=f"rb{r.pk}"), ("beslissing", r.pk)
    else:
        form, sleutel = forms.RechtsmiddelForm(request.POST, prefix=f"r{m.pk}"), ("rechtsmiddel", m.pk)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if r is None:
                services.rechtsmiddel_vastleggen(
                    actor=actor, maatregel=m, soort=d["soort"], ingediend_op=d["ingediend_op"], kenmerk=d["kenmerk"]
                )
            else:
                services.rechtsmiddel_beslissen(
                    actor=actor,
                    rechtsmiddel=r,
                    beslist_op=d["beslist_op"],
                    uitkomst=d["uitkomst"],
                    geschorst_tot=d["geschorst_tot"],
                )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout, boven=False)
        else:
            messages.success(request, _("Rechtsmiddel vastgelegd; de verjaring is opnieuw berekend."))
            return _terug(m.overtreding, f"maatregel-{m.uuid}")
    return _zaakpagina(request, actor, m.overtreding, status=400, bezet={sleutel: form})


def maatregel_nieuw(request, uuid):
    """Choose an instrument (the current position's advice first), then its first step from the table."""
    actor = _toegang(request, services.HANDHAVERS)
    if isinstance(actor, HttpResponse):
        return actor
    overtreding = _overtreding(actor, uuid)
    positie = overtreding.posities.order_by("-vastgesteld_op", "-id").first()
    geadviseerd = [i["code"] if isinstance(i, dict) else str(i) for i in (positie.instrumenten if positie else [])]
    instrumenten = {w.code: w.naam for w in codelijsten.codelijst(Codelijst.HANDHAVINGSINSTRUMENT)}
    keuzes = [(c, instrumenten[c]) for c in geadviseerd if c in instrumenten]
    keuzes += [(c, n) for c, n in instrumenten.items() if c not in geadviseerd]
    instrument = request.POST.get("instrument") or request.GET.get("instrument")
    stappen, formulieren = [], []
    if instrument in instrumenten:
        stappen = tijdlijn.eerste_stappen(instrument, overtreding)
        naar_gekozen = request.POST.get("naar")
        for naar, overgang in stappen:
            data = request.POST if request.method == "POST" and naar == naar_gekozen else None
            form = forms.StapForm(data, naar=naar, params=overgang.params, prefix=f"nieuw-{naar}")
            if data is not None and form.is_valid():
                try:
                    m = services.maatregel_maken(
                        actor=actor,
                        overtreding=overtreding,
                        instrument=instrument,
                        datum=form.cleaned_data["datum"],
                        naar=naar,
                        gegevens=form.gegevens(),
                    )
                except (OngeldigeInvoer, GeenToestemming) as fout:
                    fouten.op_formulier(form, fout, boven=False)
                else:
                    messages.success(request, _("Maatregel vastgelegd: %(naam)s.") % {"naam": term(overgang.naam)})
                    return _terug(overtreding, f"maatregel-{m.uuid}")
            formulieren.append((naar, overgang, form))
    elif instrument:
        messages.error(request, _("Onbekend of niet meer geldig instrument."))
    status = 400 if any(f.errors for _n, _o, f in formulieren) else 200
    return render(
        request,
        "handhaving/maatregel_nieuw.html",
        {
            "overtreding": overtreding,
            "positie": positie,
            "keuzes": keuzes,
            "geadviseerd": set(geadviseerd),
            "instrument": instrument if instrument in instrumenten else None,
            "instrumentnaam": instrumenten.get(instrument or ""),
            "formulieren": formulieren,
        },
        status=status,
    )


def _afstemmingform(data=None, **kwargs) -> forms.AfstemmingForm:
    """Own ids (the field names stay those of the API): the proces-verbaal form on the same page has a `datum` too,
    and a link in the error summary must reach this one."""
    return forms.AfstemmingForm(data, auto_id="id_afstemming_%s", **kwargs)


@require_POST
def afstemming(request, uuid):
    """Put the case on the consultation's agenda, or record the consultation's outcome (samenwerkingsmodel)."""
    actor = _toegang(request, ZAAKROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    overtreding = _overtreding(actor, uuid)
    if request.POST.get("actie") == "markeren":
        try:
            services.overtreding_markeren_voor_afstemming(
                actor=actor, overtreding=overtreding, reden=request.POST.get("reden", "")
            )
            messages.success(request, _("De zaak staat op de agenda van het afstemmingsoverleg."))
        except (OngeldigeInvoer, GeenToestemming) as fout:
            messages.error(request, fouten.tekst(fout))
        return _terug(overtreding, "afstemming")
    form = _afstemmingform(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.afstemmingsoverleg_vastleggen(
                actor=actor,
                overtreding=overtreding,
                datum=d["datum"],
                deelnemers=d["deelnemers"],
                uitkomst=d["uitkomst"],
                redenen=d["redenen"],
            )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout, boven=False)
        else:
            messages.success(request, _("Het afstemmingsoverleg is vastgelegd."))
            return _terug(overtreding, "afstemming")
    return _zaakpagina(request, actor, overtreding, status=400, bezet={"afstemming": form})


@require_POST
def deling_intrekken(request, uuid, ontvanger):
    """Withdraw the case from OM or police at once (access rule 4); the box must be ticked, as the partner loses
    the case on its next request."""
    actor = _toegang(request, services.HANDHAVERS)
    if isinstance(actor, HttpResponse):
        return actor
    overtreding = _overtreding(actor, uuid, doel="deling intrekken")
    deling = (
        overtreding.delingen.select_related("ontvanger")
        .filter(ontvanger__code__iexact=ontvanger, ingetrokken_op__isnull=True)
        .first()
    )
    if deling is None:
        raise Http404
    if request.POST.get("bevestig") != "ja":
        messages.error(request, _("Bevestig dat %(org)s de zaak niet meer mag zien.") % {"org": deling.ontvanger.naam})
        return _terug(overtreding, "afstemming")
    try:
        services.zaakdeling_intrekken(actor=actor, deling=deling, reden=request.POST.get("reden", ""))
        messages.success(
            request,
            _("De deling met %(org)s is ingetrokken; de zaak is voor hen niet meer zichtbaar.")
            % {"org": deling.ontvanger.naam},
        )
    except (OngeldigeInvoer, GeenToestemming) as fout:
        messages.error(request, fouten.tekst(fout))
    return _terug(overtreding, "afstemming")


# --- evidence: the proces-verbaal ----------------------------------------------------------------------------


@require_POST
def procesverbaal_nieuw(request, uuid):
    actor = _toegang(request, services.CONSTATEERDERS)
    if isinstance(actor, HttpResponse):
        return actor
    overtreding = _overtreding(actor, uuid, doel="proces-verbaal vastleggen")
    form = forms.ProcesverbaalForm(request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            pv = services.procesverbaal_vastleggen(
                actor=actor,
                overtreding=overtreding,
                nummer=d["nummer"],
                datum=d["datum"],
                verbalisant=d["verbalisant"],
                verbalisantnummer=d["verbalisantnummer"],
                inhoud=d["bestand"].read(),
                naam=d["bestand"].name or "",
            )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout, boven=False)
        else:
            messages.success(request, _("Proces-verbaal %(nummer)s is vastgelegd.") % {"nummer": pv.nummer})
            return _terug(overtreding, "bewijs")
    return _zaakpagina(request, actor, overtreding, status=400, bezet={"procesverbaal": form})


def procesverbaal_pdf(request, uuid):
    """The stored PV file, to who may read it (strafrechtelijk: own handhavers and managers, OM and police with
    the case shared); served like an attachment (a download, sandboxed, never cached)."""
    actor = actor_van(request)
    if actor.anoniem:
        return redirect_to_login(request.get_full_path())
    pv = selectors.procesverbaal_get(actor=actor, uuid=uuid, doel="raadplegen proces-verbaal")
    return bestanden.bijlage_antwoord(pv.bestand.open("rb"), naam=pv.naam, mediatype=pv.mediatype)


# --- letters -------------------------------------------------------------------------------------------------


def _verbeurtekeuzes(overtreding) -> dict[str, Verbeurte]:
    return {str(v.pk): v for v in Verbeurte.objects.filter(maatregel__overtreding=overtreding).order_by("datum", "id")}


def _documentform(overtreding, data=None) -> forms.DocumentForm:
    maatregelen = [(str(m.uuid), f"{m.instrument} — {m.get_fase_display()}") for m in overtreding.maatregelen.all()]
    verbeurten = [
        (k, f"{v.datum:%d-%m-%Y}: {documenten.euro(v.bedrag)}") for k, v in _verbeurtekeuzes(overtreding).items()
    ]
    return forms.DocumentForm(data, maatregelen=maatregelen, verbeurten=verbeurten)


@require_POST
def document_maken(request, uuid):
    actor = _toegang(request, ZAAKROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    overtreding = _overtreding(actor, uuid)
    maatregelen = {str(m.uuid): m for m in overtreding.maatregelen.all()}
    form = _documentform(overtreding, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            document = documenten.document_maken(
                actor=actor,
                overtreding=overtreding,
                soort=d["soort"],
                maatregel=maatregelen.get(d["maatregel"]),
                verbeurte=_verbeurtekeuzes(overtreding).get(d["verbeurte"]),
                last=form.last(),
            )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout, boven=False)
        else:
            messages.success(
                request,
                _("Het concept is opgesteld: %(soort)s %(kenmerk)s.")
                % {"soort": document.get_soort_display(), "kenmerk": document.kenmerk},
            )
            return redirect("handhaving:document", uuid=document.uuid)
    return _zaakpagina(request, actor, overtreding, status=400, bezet={"document": form})


def document(request, uuid):
    """One letter: its versions, and for a draft the editor (a heading and text per section) and the send button.

    Saving makes a new version; sending needs the mandate for this kind of letter (the service says who has it).
    """
    actor = _toegang(request, ZAAKROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    brief = _document(request, uuid)
    fout, status = "", 200
    if request.method == "POST":
        actie = request.POST.get("actie")
        try:
            if actie == "opslaan":
                onderdelen = [
                    {"kop": k, "tekst": t}
                    for k, t in zip(request.POST.getlist("kop"), request.POST.getlist("tekst"), strict=False)
                ]
                versie = request.POST.get("versie", "")
                brief = documenten.document_wijzigen(
                    actor=actor,
                    document=brief,
                    onderdelen=onderdelen,
                    verwachte_versie=int(versie) if versie.isdigit() else None,
                )
                messages.success(request, _("Versie %(versie)s is opgeslagen.") % {"versie": brief.versie})
            elif actie == "verzenden":
                brief = documenten.document_verzenden(actor=actor, document=brief)
                messages.success(request, _("De brief is ondertekend en verzonden; hij is nu bevroren."))
            else:
                raise OngeldigeInvoer(_("Onbekende actie."), {})
        except (OngeldigeInvoer, GeenToestemming) as e:
            fout, status = fouten.tekst(e), 400 if isinstance(e, OngeldigeInvoer) else 403
        else:
            return redirect("handhaving:document", uuid=brief.uuid)
    houders = documenten.mandaathouders(brief, timezone.localdate())
    return render(
        request,
        "handhaving/document.html",
        {
            "brief": brief,
            "overtreding": brief.overtreding,
            "fout": fout,
            "versies": brief.versies.order_by("-versie").select_related("gemaakt_door"),
            "bewerkbaar": brief.status == "concept" and actor.heeft_rol(*documenten.MAKERS),
            "houders": houders,
            "mag_verzenden": any(h.gebruiker_id == actor.gebruiker_id for h in houders),
        },
        status=status,
    )


def _document(request, uuid) -> Document:
    actor = actor_van(request)
    if actor.anoniem:
        raise Http404
    return documenten.document_get(actor=actor, uuid=uuid)


# The stored letter is a self-contained page with its own print style: shown in a sandbox that runs no script
# and loads nothing, whatever an edited template contains.
@csp_replace(
    {
        "default-src": ["'none'"],
        "script-src": ["'none'"],
        "connect-src": ["'none'"],
        "font-src": ["'none'"],
        "form-action": ["'none'"],
        "style-src": ["'unsafe-inline'"],
        "img-src": ["data:"],
        "sandbox": [""],
    }
)
def document_html(request, uuid):
    document = _document(request, uuid)
    return HttpResponse(document.html, content_type="text/html; charset=utf-8")


def document_pdf(request, uuid):
    document = _document(request, uuid)
    antwoord = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    naam = f"{document.soort}-{document.kenmerk.replace('/', '-')}-v{document.versie}.pdf"
    antwoord["Content-Disposition"] = bestanden.content_disposition(naam, inline=True)
    return antwoord


# --- the deadline dashboard ------------------------------------------------------------------------------------


MAX_BRONTERMIJNEN = 50
"""At most this many decision periods (the soonest) on the page, as many as a person works through; the page says
how many more there are and how to narrow down; the feed and the API have them all."""


def termijnen(request):
    """What expires, for me or my team: overdue first, then within 7 and within 30 days. Enforcement deadlines and
    those of the registered sources (the decision periods of requests, ADR 0029) side by side, and below them the
    timeliness of decisions per competent authority in a year."""
    actor = _toegang(request, TERMIJNROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    form = forms.TermijnenForm(request.GET or None)
    form.is_valid()  # an invalid field shows its error and falls back to its default below
    keuze = getattr(form, "cleaned_data", {})
    wie = keuze.get("wie") or "mijn"
    soort = keuze.get("soort") or ""
    gezag = keuze.get("bevoegd_gezag") or ""
    vandaag = timezone.localdate()
    jaar = keuze.get("jaar") or vandaag.year
    tot = vandaag + timedelta(days=DASHBOARDDAGEN[-1])
    items: list[termijnbronnen.Termijnitem] = []
    gezagen: set[str] = set()
    weggelaten = 0
    if wie == "team" and actor.organisatie is None:
        messages.info(request, _("U treedt voor geen enkele organisatie op."))
    else:
        behandelaar = actor.gebruiker_id if wie == "mijn" else None
        organisatie = actor.organisatie if wie == "team" else None
        if soort in ("", forms.TermijnenForm.HANDHAVING) and actor.heeft_rol(*HANDHAVINGSTERMIJNROLLEN):
            eigen, namen = _handhavingstermijnen(actor, tot, behandelaar, organisatie, gezag)
            items += eigen
            gezagen |= namen
        if soort != forms.TermijnenForm.HANDHAVING:
            overzicht = termijnbronnen.termijnen(
                actor=actor,
                tot=tot,
                doel="termijnenoverzicht",
                organisatie=organisatie,
                behandelaar=behandelaar,
                peildatum=vandaag,
                soorten=[soort] if soort else None,
                bevoegd_gezag=gezag,
                maximum=MAX_BRONTERMIJNEN,
            )
            items += overzicht.items
            gezagen |= overzicht.gezagen
            weggelaten = overzicht.weggelaten
    form.gezagen(gezagen)
    items.sort(key=termijnbronnen.volgorde)
    week = vandaag + timedelta(days=DASHBOARDDAGEN[0])
    groepen = [
        ("verlopen", _("Verlopen"), [i for i in items if i.datum < vandaag]),
        ("week", _("Binnen 7 dagen"), [i for i in items if vandaag <= i.datum <= week]),
        ("maand", _("Binnen 30 dagen"), [i for i in items if i.datum > week]),
    ]
    tijdigheid = None
    tijdigheid_mogelijk = soort != forms.TermijnenForm.HANDHAVING and any(
        b.tijdigheid for b in termijnbronnen.bronnen()
    )
    # Counting a year's decisions of every authority is the page's dearest part: only when asked for (a year given).
    if tijdigheid_mogelijk and keuze.get("jaar"):
        tijdigheid = [
            r
            for r in termijnbronnen.tijdigheid(actor=actor, jaar=jaar, peildatum=vandaag)
            if not gezag or r.bevoegd_gezag == gezag
        ]
    return render(
        request,
        "handhaving/termijnen.html",
        {
            "form": form,
            "wie": wie,
            "groepen": groepen,
            "vandaag": vandaag,
            "aantal": len(items),
            "tijdigheid": tijdigheid,
            "tijdigheid_mogelijk": tijdigheid_mogelijk,
            "jaar": jaar,
            "weggelaten": weggelaten,
            "maximum": MAX_BRONTERMIJNEN,
        },
    )


def _handhavingstermijnen(
    actor: Actor, tot: date, behandelaar: int | None, organisatie: Organisatie | None, gezag: str
) -> tuple[list[termijnbronnen.Termijnitem], set[str]]:
    """The enforcement deadlines as the page's generic items (kept to the competent authority `gezag` when given),
    the cases and measures shown access-logged; and every authority among them before that filter."""
    signalen = selectors.termijn_list(actor=actor, behandelaar=behandelaar, organisatie=organisatie, tot=tot)
    zaken = {
        o.uuid: o for o in selectors.overtreding_list(actor=actor).filter(uuid__in={s.overtreding for s in signalen})
    }
    namen = {o.bevoegd_gezag.naam for o in zaken.values()}
    if gezag:
        signalen = [s for s in signalen if s.overtreding in zaken and zaken[s.overtreding].bevoegd_gezag.naam == gezag]
    getoond = selectors.overtreding_weergave(
        actor=actor,
        zaken=[zaken[u] for u in {s.overtreding for s in signalen} if u in zaken],
        maatregelen=selectors.maatregel_list(actor=actor).filter(
            uuid__in={s.maatregel for s in signalen if s.maatregel}
        ),
        doel="termijnenoverzicht",
    )
    per_uuid = {o.uuid: o for o in getoond}
    items = []
    for s in signalen:
        zaak = per_uuid.get(s.overtreding)
        link = reverse("handhaving:overtreding", args=[s.overtreding])
        items.append(
            termijnbronnen.Termijnitem(
                bron=forms.TermijnenForm.HANDHAVING,
                soort=str(s.soort),
                datum=s.datum,
                kenmerk=(zaak.zaaknummer if zaak else "") or "",
                titel=s.omschrijving,
                link=f"{link}#maatregel-{s.maatregel}" if s.maatregel else link,
                bevoegd_gezag=zaak.bevoegd_gezag.naam if zaak else "",
                verlopen=s.verlopen,
                opgeschort=False,
                motivering=s.motivering,
                sleutel=f"handhaving.maatregel:{s.maatregel or s.overtreding}",
                onderwerp=getattr(zaak, "bedrijf", ""),
                plaats=getattr(zaak, "plaats", ""),
            )
        )
    return items, namen


# --- the agenda feed -------------------------------------------------------------------------------------------


def agenda(request):
    """Subscribe a calendar app to one's own deadlines: a feed URL shown once, revocable."""
    actor = _toegang(request, ical.LEZERS)
    if isinstance(actor, HttpResponse):
        return actor
    form = forms.AgendaTokenForm(request.POST or None)
    adres = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, sleutel = ical.agendatoken_maken(
                actor=actor, naam=form.cleaned_data["naam"], dagen=form.cleaned_data["dagen"]
            )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout, boven=False)
        else:
            adres = request.build_absolute_uri(reverse("handhaving:agenda_feed", args=[sleutel]))
            form = forms.AgendaTokenForm()
    return render(
        request,
        "handhaving/agenda.html",
        {
            "form": form,
            "adres": adres,
            "tokens": ical.agendatoken_list(actor=actor),
            "vooruit": ical.VOORUIT_DAGEN,
        },
    )


@require_POST
def agenda_intrekken(request, uuid):
    actor = _toegang(request, ical.LEZERS)
    if isinstance(actor, HttpResponse):
        return actor
    token = ical.agendatoken_intrekken(actor=actor, uuid=uuid)
    messages.success(request, _("Het agenda-abonnement %(naam)s is ingetrokken.") % {"naam": token.naam})
    return redirect("handhaving:agenda")


def agenda_feed(request, sleutel: str):
    """The iCalendar feed; an unknown, revoked or expired token answers 404 (nothing to learn from it)."""
    try:
        actor = ical.actor_voor_feed(sleutel)
    except ical.FeedOngeldig:
        raise Http404 from None
    inhoud = ical.agenda(actor=actor, basis_url=request.build_absolute_uri("/"))
    antwoord = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["Content-Disposition"] = bestanden.content_disposition("handhavingstermijnen.ics", inline=True)
    return antwoord


# --- letter templates (functional administrator) ---------------------------------------------------------------


def sjablonen(request):
    actor = _toegang(request, documenten.BEHEERDERS)
    if isinstance(actor, HttpResponse):
        return actor
    eigen = documenten.sjabloon_list(actor=actor)
    rijen = [(soort, eigen[soort], documenten.standaardsjabloon(soort)) for soort in Documentsoort]
    return render(request, "handhaving/sjablonen.html", {"rijen": rijen})


def sjabloon(request, soort: str):
    """Edit the acting organisation's own template; saving a template that does not compile is refused."""
    actor = _toegang(request, documenten.BEHEERDERS)
    if isinstance(actor, HttpResponse):
        return actor
    if soort not in Documentsoort.values:
        raise Http404
    soort = Documentsoort(soort)
    eigen = documenten.sjabloon_list(actor=actor)[soort]
    basis = eigen or documenten.standaardsjabloon(soort)
    form = forms.SjabloonForm(
        request.POST or None, initial={"titel": basis.titel, "inhoud": basis.inhoud} if basis else {}
    )
    if request.method == "POST" and form.is_valid():
        try:
            opgeslagen = documenten.sjabloon_opslaan(
                actor=actor, soort=soort, titel=form.cleaned_data["titel"], inhoud=form.cleaned_data["inhoud"]
            )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout, boven=False)
        else:
            messages.success(
                request, _("Het sjabloon is opgeslagen als versie %(versie)s.") % {"versie": opgeslagen.versie}
            )
            return redirect("handhaving:sjablonen")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "handhaving/sjabloon.html",
        {
            "soort": soort,
            "eigen": eigen,
            "basis": basis,
            "form": form,
            "gegevens": documenten.beschikbare_gegevens(),
        },
        status=status,
    )


# --- uniform definitions: the CIM code lists and the data-quality report ---------------------------------------

DATAKWALITEITROLLEN = (Rol.HANDHAVER, Rol.TOEZICHTHOUDER, Rol.MANAGER, Rol.FUNCTIONEEL_BEHEERDER)


def datakwaliteit_pagina(request):
    """The code lists with their validity, and every visible record that uses an unknown or expired code."""
    actor = _toegang(request, DATAKWALITEITROLLEN)
    if isinstance(actor, HttpResponse):
        return actor
    verslag = datakwaliteit.rapport(actor=actor)
    lijsten = [
        (lijst.label, list(codelijsten.codelijst(lijst.value).order_by("code", "geldig_vanaf"))) for lijst in Codelijst
    ]
    return render(request, "handhaving/datakwaliteit.html", {"verslag": verslag, "lijsten": lijsten})
