"""The permit officer's pages: the work queue, intake of a request, the case page with its timeline, one step of
the procedure, the decision draft with its conditions, four-eyes approval, and the letters as they were sent.

Views are thin, as in enforcement: reads go through the selectors (access policy and access log), writes through
the services (`verzoek_maken`, `stap_zetten`, `besluit_opstellen`, `besluit_goedkeuren`), and a refused write shows
its reasons at the fields that caused them with an error summary on top; nothing is stored then, because each
service is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import F, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openvth.organisaties import selectors as organisatie_selectors
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Rol, Soort
from openvth.organisaties.toegang import Actor
from openvth.regels.sancties import euro
from openvth.register import selectors as register_selectors
from openvth.web import bestanden, fouten
from openvth.web.acteur import actor_van
from openvth.web.foutoverzicht import foutoverzicht
from openvth.web.paginering import gelogde_pagina

from . import besluiten, brieven, forms, procedure, selectors, services, stappen
from .models import (
    OPEN_STATUSSEN,
    Besluit,
    Besluitstatus,
    Procedure,
    Toestemmingstatus,
    Verzoek,
    Verzoekbron,
    Verzoekdoel,
    Verzoeksoort,
    Verzoekstatus,
)

PER_PAGINA = 25
LEZERS = (Rol.VERGUNNINGVERLENER, Rol.MANAGER)
"""Who works with requests: the permit officers, and the managers who approve decisions (four eyes)."""


def _toegang(request, rollen) -> Actor | HttpResponse:
    """The actor, or the answer for someone who may not be here: log in first, or 403 without the role."""
    actor = actor_van(request)
    if actor.anoniem:
        return redirect_to_login(request.get_full_path())
    if not actor.heeft_rol(*rollen):
        return fouten.geen_toegang(request, _("Uw rol in deze organisatie geeft geen toegang tot vergunningverlening."))
    return actor


def _terug(verzoek: Verzoek, anker: str = "") -> HttpResponse:
    return redirect(reverse("vergunningen:verzoek", args=[verzoek.uuid]) + (f"#{anker}" if anker else ""))


@dataclass(frozen=True)
class Termijnstand:
    """The decision period of a request as a page shows it: a date, and in words whether it passed or is on hold."""

    datum: date | None
    verlopen: bool
    opgeschort: bool
    zonder: str = ""
    """Why there is no date: no decision follows, or the procedure is not chosen yet."""


def _termijnstand(verzoek: Verzoek, vandaag: date) -> Termijnstand:
    open_ = verzoek.status in OPEN_STATUSSEN
    return Termijnstand(
        datum=verzoek.beslistermijn_tot,
        verlopen=bool(open_ and verzoek.beslistermijn_tot and verzoek.beslistermijn_tot < vandaag),
        opgeschort=verzoek.status == Verzoekstatus.OPGESCHORT,
        zonder=""
        if verzoek.beslistermijn_tot
        else _("procedure nog niet gekozen")
        if verzoek.soort == Verzoeksoort.TOESTEMMINGSAANVRAAG and not verzoek.procedure
        else _("geen beslistermijn"),
    )


# --- the work queue -----------------------------------------------------------------------------------------------


def werkvoorraad(request):
    """My requests (and new ones nobody handles yet) or my team's, open ones by default, the nearest last day of
    the decision period first."""
    actor = _toegang(request, LEZERS)
    if isinstance(actor, HttpResponse):
        return actor
    form = forms.WerkvoorraadForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    wie, status = d.get("wie") or "mijn", d.get("status") or ""
    qs = selectors.verzoek_list(
        actor=actor,
        filters=selectors.VerzoekFilter(
            soort=d.get("soort") or None, status=status if status not in ("", "alle") else None, q=d.get("q") or None
        ),
    ).filter(doel=Verzoekdoel.INDIENEN)
    if status == "":
        qs = qs.filter(status__in=OPEN_STATUSSEN)
    if wie == "mijn":
        qs = qs.filter(Q(behandelaar_id=actor.gebruiker_id) | Q(behandelaar__isnull=True))
    elif actor.organisatie is not None:
        qs = qs.filter(Q(bevoegd_gezag=actor.organisatie) | Q(uitvoerder=actor.organisatie))
    qs = qs.select_related("locatie", "locatie__gemeente", "bevoegd_gezag").order_by(
        F("beslistermijn_tot").asc(nulls_last=True), "-ontvangen_op", "-id"
    )
    pagina = gelogde_pagina(request, qs, PER_PAGINA, actor=actor, doel="werkvoorraad vergunningen")
    vandaag = timezone.localdate()
    rijen = [(v, _termijnstand(v, vandaag)) for v in pagina.object_list]
    return render(
        request,
        "vergunningen/werkvoorraad.html",
        {
            "form": form,
            "pagina": pagina,
            "rijen": rijen,
            "wie": wie,
            "mag_intake": actor.heeft_rol(*services.VERZOEKBEHANDELAARS),
        },
    )


# --- intake -------------------------------------------------------------------------------------------------------


def _voorstel_nummer(actor: Actor) -> str:
    """A request number for a form intake: F, the day, and the next of that day's numbers the actor can see (the
    service refuses a number already taken, also one the actor cannot see)."""
    voorvoegsel = f"F{timezone.localdate():%Y%m%d}"
    bestaand = (
        selectors.verzoek_list(actor=actor, filters=selectors.VerzoekFilter(q=voorvoegsel))
        .filter(verzoeknummer__startswith=voorvoegsel)
        .values_list("verzoeknummer", flat=True)
    )
    volgende = max((int(n[9:]) for n in bestaand if n[9:].isdigit()), default=0) + 1
    return f"{voorvoegsel}{volgende:04d}"


def nieuw(request):
    """Take in a request received by post, e-mail or at the desk (source `formulier`)."""
    actor = _toegang(request, services.VERZOEKBEHANDELAARS)
    if isinstance(actor, HttpResponse):
        return actor
    vandaag = timezone.localdate()
    form = forms.IntakeForm(
        request.POST or None,
        request.FILES or None,
        initial={"verzoeknummer": _voorstel_nummer(actor), "ontvangen_op": vandaag},
        activiteiten=register_selectors.activiteit_list(actor=actor, niveau=2),
        gemeenten=organisatie_selectors.organisatie_list(actor=actor, soort=Soort.GEMEENTE, peildatum=vandaag),
    )
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = services.verzoek_maken(actor=actor, gegevens=form.gegevens(), bron=Verzoekbron.FORMULIER)
        except OngeldigeInvoer as fout:
            fouten.op_formulier(form, fout, form.veldnamen())
        except NietGevonden:  # the number belongs to a request of an organisation the actor does not work for
            form.add_error("verzoeknummer", _("Dit verzoeknummer is al in gebruik; kies een ander."))
        except GeenToestemming as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(
                request,
                _("Verzoek %(nummer)s is ontvangen en geregistreerd.") % {"nummer": verzoek.verzoeknummer},
            )
            return redirect("vergunningen:verzoek", uuid=verzoek.uuid)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "vergunningen/nieuw.html",
        {"form": form, "foutoverzicht": foutoverzicht(form)},
        status=status,
    )


# --- the case page ------------------------------------------------------------------------------------------------


def _stapnaam(handeling: str) -> str:
    return str(forms.STAPNAMEN.get(handeling, handeling.replace("_", " ")))


def verzoek(request, uuid: UUID):
    actor = _toegang(request, LEZERS)
    if isinstance(actor, HttpResponse):
        return actor
    v = selectors.verzoek_zaak(actor=actor, uuid=uuid)
    vandaag = timezone.localdate()
    eerste = v.doel == Verzoekdoel.INDIENEN
    mag_behandelen = actor.heeft_rol(*stappen.BEHANDELAARS)
    mogelijk = procedure.mogelijke_handelingen(stappen.zaak_van(v)) if eerste and mag_behandelen else {}
    besluitenlijst = [
        {
            "besluit": b,
            "voorschriften": list(b.voorschriften.all()),
            "zelf_opgesteld": b.opgesteld_door_id == actor.gebruiker_id,
            "mag_goedkeuren": b.status == Besluitstatus.CONCEPT and actor.heeft_rol(*besluiten.GOEDKEURDERS),
        }
        for b in v.besluiten.all()
    ]
    volgnummers = selectors.andere_volgnummers(actor=actor, verzoek=v, doel="behandelen verzoek")
    zichtbaar = register_selectors.zichtbare_betrokkenen(actor=actor, ids={v.aanvrager_id})
    context = {
        "verzoek": v,
        "termijn": _termijnstand(v, vandaag),
        "termijnregels": [r for r in v.termijn_motivering.splitlines() if r.strip()],
        "dwangsom": (dwangsom := selectors.dwangsom_niet_tijdig(v, vandaag)),
        "dwangsom_bedrag": euro(Decimal(dwangsom.bedrag_cent) / 100) if dwangsom else "",
        "afleiding": [r for r in v.afleiding.splitlines() if r.strip()],
        "aanvrager_zichtbaar": v.aanvrager_id in zichtbaar,
        "stappen": [
            {
                "stap": s,
                "naam": _stapnaam(s.handeling),
                "artikel": (s.motivering.splitlines() or [""])[0],
                "regels": [r for r in s.motivering.splitlines()[1:] if r.strip()],
            }
            for s in v.stappen.all()
        ],
        "mogelijk": [(k, _stapnaam(k), h) for k, h in mogelijk.items()],
        "besluiten": besluitenlijst,
        "mag_besluit_opstellen": eerste
        and v.soort == Verzoeksoort.TOESTEMMINGSAANVRAAG
        and v.status in procedure.OPEN - {Verzoekstatus.ONTVANGEN}
        and actor.heeft_rol(*besluiten.OPSTELLERS),
        "volgnummers": volgnummers,
        "vandaag": vandaag,
    }
    return render(request, "vergunningen/verzoek.html", context)


# --- one step of the procedure ------------------------------------------------------------------------------------


def _adviesverzoeken(v: Verzoek) -> list[tuple[str, str]]:
    return [
        (
            str(a.pk),
            _("%(adviseur)s: %(soort)s, reageren uiterlijk %(datum)s")
            % {
                "adviseur": a.adviseur.naam,
                "soort": a.get_soort_display(),
                "datum": a.reageren_voor.strftime("%d-%m-%Y"),
            },
        )
        for a in v.adviesverzoeken.all()
        if a.beantwoord_op is None
    ]


def stap(request, uuid: UUID, handeling: str):
    """The form of one step the table allows now; posting it sets the step (`stappen.stap_zetten`)."""
    actor = _toegang(request, stappen.BEHANDELAARS)
    if isinstance(actor, HttpResponse):
        return actor
    v = selectors.verzoek_zaak(actor=actor, uuid=uuid, doel="procedurestap verzoek")
    h = procedure.mogelijke_handelingen(stappen.zaak_van(v)).get(handeling) if v.doel == Verzoekdoel.INDIENEN else None
    if h is None:
        messages.error(
            request,
            _("De stap '%(stap)s' is in de status '%(status)s' niet mogelijk.")
            % {"stap": _stapnaam(handeling), "status": v.get_status_display()},
        )
        return _terug(v, "volgende-stappen")
    form = forms.StapForm(request.POST or None, params=h.params, adviesverzoeken=_adviesverzoeken(v))
    if request.method == "POST" and form.is_valid():
        try:
            stappen.stap_zetten(
                actor=actor,
                verzoek=v,
                handeling=handeling,
                datum=form.cleaned_data["datum"],
                gegevens=form.gegevens(),
            )
        except (OngeldigeInvoer, GeenToestemming) as fout:
            fouten.op_formulier(form, fout)
        else:
            messages.success(request, _("Stap vastgelegd: %(stap)s.") % {"stap": _stapnaam(handeling)})
            return _terug(v, "tijdlijn")
    organisaties = (
        organisatie_selectors.organisatie_list(actor=actor, peildatum=timezone.localdate()).exclude(
            pk=v.bevoegd_gezag_id
        )
        if "adviseur" in form.fields
        else []
    )
    return render(
        request,
        "vergunningen/stap.html",
        {
            "verzoek": v,
            "handeling": h,
            "naam": _stapnaam(handeling),
            "form": form,
            "organisaties": organisaties,
            "foutoverzicht": foutoverzicht(form),
            "brieven": h.brieven,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- the decision draft and its approval --------------------------------------------------------------------------


def _voorschriftrijen(data, totaal: int) -> list[dict[str, Any]]:
    """The rows typed so far (for 'more rows'): raw input, empty rows left out."""
    rijen = []
    for i in range(totaal):
        rij = {k: data.get(f"v-{i}-{k}", "") for k in ("nummer", "tekst", "activiteit")}
        if rij["nummer"].strip() or rij["tekst"].strip():
            rijen.append(rij)
    return rijen


def besluit(request, uuid: UUID):
    """Draft a decision (or, in the extended procedure, the draft decision) with its conditions."""
    actor = _toegang(request, besluiten.OPSTELLERS)
    if isinstance(actor, HttpResponse):
        return actor
    v = selectors.verzoek_zaak(actor=actor, uuid=uuid, doel="besluit opstellen")
    activiteiten = [
        (va.activiteit.code, f"{va.activiteit.code.removeprefix('bal-')} {va.activiteit.naam}")
        for va in v.activiteiten.all()
    ]
    toestemmingen = {
        str(t.uuid): t
        for t in (
            selectors.toestemming_list(actor=actor, vth_object=v.vth_object_id).filter(
                status=Toestemmingstatus.VAN_KRACHT, bevoegd_gezag_id=v.bevoegd_gezag_id
            )
            if v.vth_object_id
            else []
        )
    }
    uitgebreid = v.procedure == Procedure.UITGEBREID
    keuzes = [(k, f"{t.kenmerk} ({t.get_soort_display()})") for k, t in toestemmingen.items()]
    data = request.POST if request.method == "POST" else None
    form = forms.BesluitForm(data, uitgebreid=uitgebreid, toestemmingen=keuzes)
    formset = forms.VoorschriftFormSet(data, prefix="v", form_kwargs={"activiteiten": activiteiten})
    if data is not None and data.get("actie") == "meer":
        totaal = int(data.get("v-TOTAL_FORMS", "0")) if data.get("v-TOTAL_FORMS", "").isdigit() else 0
        form = forms.BesluitForm(
            initial={k: data.get(k, "") for k in ("soort", "motivering", "betreft_toestemming")}
            | {"ontwerp": bool(data.get("ontwerp"))},
            uitgebreid=uitgebreid,
            toestemmingen=keuzes,
        )
        formset = forms.VoorschriftFormSet(
            prefix="v",
            initial=_voorschriftrijen(data, min(totaal, 500)),
            form_kwargs={"activiteiten": activiteiten},
        )
    elif data is not None and form.is_valid() and formset.is_valid():
        opgaven, rijen = cast(forms.BasisVoorschriften, formset).opgaven()
        d = form.cleaned_data
        try:
            nieuw_besluit = besluiten.besluit_opstellen(
                actor=actor,
                verzoek=v,
                soort=d["soort"],
                motivering=d["motivering"],
                voorschriften=opgaven,
                ontwerp=bool(d.get("ontwerp")),
                betreft_toestemming=toestemmingen.get(d.get("betreft_toestemming") or ""),
            )
        except OngeldigeInvoer as fout:
            rest = {}
            for veld, reden in fout.velden.items():
                delen = veld.split(".")
                if (
                    len(delen) == 3
                    and delen[0] == "voorschriften"
                    and delen[1].isdigit()
                    and int(delen[1]) < len(rijen)
                ):
                    formset.forms[rijen[int(delen[1])]].add_error(delen[2], reden)
                else:
                    rest[veld] = reden
            fouten.op_formulier(form, OngeldigeInvoer(fout.melding, rest) if rest else OngeldigeInvoer(fout.melding))
        except GeenToestemming as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(
                request,
                _("Het concept %(kenmerk)s is opgesteld. Een tweede vergunningverlener keurt het goed.")
                % {"kenmerk": nieuw_besluit.kenmerk},
            )
            return _terug(v, f"besluit-{nieuw_besluit.uuid}")
    afgewezen = bool(
        data is not None and data.get("actie") != "meer" and (form.errors or any(f.errors for f in formset))
    )
    return render(
        request,
        "vergunningen/besluit.html",
        {
            "verzoek": v,
            "form": form,
            "formset": formset,
            "uitgebreid": uitgebreid,
            "kan_besluiten": v.soort == Verzoeksoort.TOESTEMMINGSAANVRAAG
            and v.status in procedure.OPEN - {Verzoekstatus.ONTVANGEN},
            "foutoverzicht": foutoverzicht(form, *formset.forms) if afgewezen else [],
        },
        status=400 if afgewezen else 200,
    )


@require_POST
def besluit_goedkeuren(request, uuid: UUID):
    """The second pair of eyes approves a concept; the one who drafted it gets the reason it cannot."""
    actor = _toegang(request, besluiten.GOEDKEURDERS)
    if isinstance(actor, HttpResponse):
        return actor
    b: Besluit = selectors.besluit_get(actor=actor, uuid=uuid, doel="besluit goedkeuren")
    try:
        besluiten.besluit_goedkeuren(actor=actor, besluit=b)
    except GeenToestemming as fout:
        messages.error(request, str(fout))
    except OngeldigeInvoer as fout:
        messages.error(request, fouten.tekst(fout))
    else:
        messages.success(request, _("Besluit %(kenmerk)s is goedgekeurd.") % {"kenmerk": b.kenmerk})
    return _terug(b.verzoek, f"besluit-{b.uuid}")


# --- letters --------------------------------------------------------------------------------------------------------


def _brief(request, uuid: UUID):
    actor = actor_van(request)
    if actor.anoniem:
        raise NietGevonden()
    return selectors.brief_get(actor=actor, uuid=uuid)


# The letter as it was sent is a self-contained page with its own print style: shown in a sandbox that runs no
# script and loads nothing.
BRIEF_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'none'"],
    "connect-src": ["'none'"],
    "font-src": ["'none'"],
    "form-action": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "sandbox": [""],
}


def brief_html(request, uuid: UUID):
    antwoord = HttpResponse(_brief(request, uuid).html, content_type="text/html; charset=utf-8")
    # What `csp.decorators.csp_replace` does; its typing admits only views without URL arguments.
    setattr(antwoord, "_csp_replace", BRIEF_CSP)  # noqa: B010
    return antwoord


def brief_pdf(request, uuid: UUID):
    brief = _brief(request, uuid)
    antwoord = HttpResponse(brieven.brief_pdf(brief), content_type="application/pdf")
    naam = f"{brief.soort}-{brief.kenmerk.replace('/', '-')}.pdf"
    antwoord["Content-Disposition"] = bestanden.content_disposition(naam, inline=True)
    return antwoord
