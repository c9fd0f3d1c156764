"""Web shell: log-in with a second factor, acting organisation, organisations with a map, tokens, access log.

Views are thin: they call selectors and services, and render.
"""

from __future__ import annotations

import secrets

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.audit import selectors as audit_selectors
from openvth.audit import services as audit
from openvth.organisaties import selectors, services, toegang
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.models import Afspraakstatus, Soort

from . import fouten
from .acteur import actor_van
from .forms import (
    BeeindigForm,
    CodeForm,
    DeelafspraakBeeindigForm,
    DeelafspraakForm,
    InzageFilterForm,
    MandaatForm,
    OrganisatieFilterForm,
    PersoonsmandaatForm,
    TokenForm,
)
from .inzageverzoek import leesbaar

HERSTELCODES = 10


def start(request):
    return render(request, "web/start.html")


class Inloggen(LoginView):
    template_name = "web/inloggen.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Each role lands on its work: an inspector in the field on *Mijn controles*, not the generic start page
        (issue 13). The second factor, asked next, keeps this as its `next`."""
        rollen = selectors.actor_voor(self.request.user).rollen
        if "toezichthouder" in rollen:
            return reverse("toezicht:controles")
        return super().get_default_redirect_url()


@require_POST
def uitloggen(request):
    logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("web:start")


def _ingelogd_of_inloggen(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def tweede_factor(request):
    if (antwoord := _ingelogd_of_inloggen(request)) is not None:
        return antwoord
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("web:tweede_factor_instellen")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat = match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if apparaat is not None:
            _tweede_factor_geslaagd(request, apparaat)
            return redirect(_veilig_vervolg(request.GET.get("next")))
        wacht = _wachttijd(request.user) if form.cleaned_data["code"].strip().isdigit() else None
        if wacht is not None:  # a right code is refused too while django-otp slows guessing down: say so
            form.add_error("code", _("Te veel pogingen. Probeer het over %(s)s seconden opnieuw.") % {"s": wacht})
        else:
            form.add_error("code", _("Deze code is onjuist of verlopen."))
    return render(request, "web/tweede_factor.html", {"form": form})


def _tweede_factor_geslaagd(request, apparaat) -> None:
    """Mark the session verified and give it a new id: the session now carries full staff rights, so an id that
    was known before (fixed by an attacker, or seen while only the password had been given) must not carry them.
    Django rotates the id at the password step only (`login`); django-otp's `login` does not."""
    otp_login(request, apparaat)
    request.session.cycle_key()


def _wachttijd(gebruiker) -> int | None:
    """Seconds to wait when django-otp slows down guessing after wrong codes (it doubles the delay each time)."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()
    if apparaat is None:
        return None
    toegestaan, gegevens = apparaat.verify_is_allowed()
    if toegestaan:
        return None
    tot = (gegevens or {}).get("locked_until")
    return max(1, int((tot - timezone.now()).total_seconds()) + 1) if tot else 1


def _veilig_vervolg(volgende: str | None) -> str:
    return volgende if volgende and volgende.startswith("/") and not volgende.startswith("//") else "/"


def tweede_factor_instellen(request):
    """First log-in: link an authenticator app (TOTP, RFC 6238) and receive one-time recovery codes."""
    if (antwoord := _ingelogd_of_inloggen(request)) is not None:
        return antwoord
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("web:tweede_factor")
    apparaat, _nieuw = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if apparaat.verify_token(form.cleaned_data["code"].replace(" ", "")):
            codes = _bevestig(request, apparaat)
            _tweede_factor_geslaagd(request, apparaat)
            return render(request, "web/herstelcodes.html", {"codes": codes})
        form.add_error("code", _("Deze code is onjuist of verlopen."))
    qr = segno.make(apparaat.config_url, error="m").svg_inline(scale=4, title=_("QR-code voor uw authenticator-app"))
    geheim = apparaat.config_url.split("secret=")[1].split("&")[0]
    return render(request, "web/tweede_factor_instellen.html", {"form": form, "qr": qr, "geheim": geheim})


@transaction.atomic
def _bevestig(request, apparaat: TOTPDevice) -> list[str]:
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    herstel, _nieuw = StaticDevice.objects.get_or_create(user=request.user, name="herstelcodes")
    herstel.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(HERSTELCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=herstel, token=code) for code in codes)
    actor = actor_van(request)
    audit.schrijf(
        actor=actor,
        actie="tweede_factor.ingesteld",
        object=request.user,
        na={"apparaat": apparaat.name, "herstelcodes": len(codes)},
    )
    return codes


@require_POST
def optreden_voor(request):
    actor = actor_van(request)
    if actor.anoniem:
        return redirect("web:inloggen")
    try:
        gekozen = int(request.POST.get("organisatie", ""))
    except ValueError:
        gekozen = None
    leden = {lid.organisatie_id: lid.organisatie for lid in selectors.lidmaatschappen_van(request.user)}
    if gekozen not in leden:
        messages.error(request, _("U bent geen lid van die organisatie."))
    else:
        request.session[selectors.SESSIE_ORGANISATIE] = gekozen
        messages.success(request, _("U treedt nu op voor %(org)s.") % {"org": leden[gekozen].naam})
    return redirect(_veilig_vervolg(request.POST.get("terug")))


def organisaties(request):
    actor = actor_van(request)
    form = OrganisatieFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.organisatie_list(actor=actor, soort=filters.get("soort") or None, q=filters.get("q") or None)
    pagina = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    gemeenten = [
        {"naam": g.naam, "code": g.code, "lat": g.lat, "lon": g.lon, "url": f"/organisaties/{g.uuid}"}
        for g in selectors.organisatie_list(actor=actor, soort=Soort.GEMEENTE)
        if g.lat is not None
    ]
    return render(request, "web/organisaties.html", {"form": form, "pagina": pagina, "kaartpunten": gemeenten})


def organisatie(request, uuid):
    actor = actor_van(request)
    org = selectors.organisatie_get(actor=actor, uuid=uuid)
    return render(
        request,
        "web/organisatie.html",
        {
            "org": org,
            "werkgebied": selectors.werkgebied_list(actor=actor, organisatie=org),
            "diensten": org.omgevingsdiensten.select_related("omgevingsdienst"),
        },
    )


def tokens(request):
    actor = actor_van(request)
    if actor.anoniem:
        return redirect_to_login(request.get_full_path())
    form = TokenForm(request.POST or None)
    nieuw = None
    if request.method == "POST" and form.is_valid():
        if actor.organisatie is None:
            messages.error(request, _("U treedt voor geen enkele organisatie op."))
        else:
            try:
                _token, nieuw = services.token_maken(
                    actor=actor,
                    gebruiker=request.user,
                    organisatie=actor.organisatie,
                    naam=form.cleaned_data["naam"],
                    scopes=form.cleaned_data["scopes"],
                    dagen=form.cleaned_data["dagen"],
                )
                form = TokenForm()
            except OngeldigeInvoer as fout:
                fouten.op_formulier(form, fout, velden=False)
    return render(
        request, "web/tokens.html", {"form": form, "nieuw": nieuw, "tokens": selectors.token_list(actor=actor)}
    )


@require_POST
def token_intrekken(request, uuid):
    actor = actor_van(request)
    token = selectors.token_get(actor=actor, uuid=uuid)
    services.token_intrekken(actor=actor, token=token)
    messages.success(request, _("Token %(naam)s is ingetrokken.") % {"naam": token.naam})
    return redirect("web:tokens")


def inzagelog(request):
    actor = actor_van(request)
    if actor.anoniem:
        return redirect_to_login(request.get_full_path())
    form = InzageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = audit_selectors.inzage_list(actor=actor, **{k: v for k, v in filters.items() if v})  # 403: web.fouten
    pagina = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "web/inzagelog.html", {"form": form, "pagina": pagina, "regels": leesbaar(pagina)})


def afspraken(request):
    """Mandates and sharing agreements of the acting organisation; its administrators record and end them."""
    actor = actor_van(request)
    if actor.anoniem:
        return redirect_to_login(request.get_full_path())
    org = actor.organisatie
    mandaat_form = MandaatForm(request.POST if request.POST.get("soort") == "mandaat" else None, prefix="m")
    gevers, medewerkers = selectors.mandaatregister_keuzes(actor=actor)
    persoon_form = PersoonsmandaatForm(
        request.POST if request.POST.get("soort") == "persoonsmandaat" else None,
        prefix="p",
        gevers=gevers,
        medewerkers=medewerkers,
    )
    deel_form = DeelafspraakForm(
        request.POST if request.POST.get("soort") == "deelafspraak" else None,
        prefix="d",
        recordsoorten=toegang.recordsoorten(),
    )
    if request.method == "POST":
        try:
            if mandaat_form.is_bound and mandaat_form.is_valid():
                d = mandaat_form.cleaned_data
                services.mandaat_maken(
                    actor=actor,
                    mandaatgever=org,
                    mandaatnemer=d["mandaatnemer"],
                    taakcategorieen=d["taakcategorieen"],
                    geldig_vanaf=d["geldig_vanaf"],
                    besluit=d["besluit"],
                    ondermandaat_toegestaan=d["ondermandaat_toegestaan"],
                )
                messages.success(request, _("Het mandaat is vastgelegd."))
                return redirect("web:afspraken")
            if persoon_form.is_bound and persoon_form.is_valid():
                services.persoonsmandaat_maken(actor=actor, **persoon_form.cleaned_data)
                messages.success(request, _("Het mandaat is in het mandaatregister vastgelegd."))
                return redirect("web:afspraken")
            if deel_form.is_bound and deel_form.is_valid():
                d = deel_form.cleaned_data
                afspraak = services.deelafspraak_maken(
                    actor=actor,
                    ontvanger=d["ontvanger"],
                    verstrekker=d["verstrekker"] or org,
                    recordsoort=d["recordsoort"],
                    plafond=d["plafond"],
                    regio=d["regio"],
                    geldig_vanaf=d["geldig_vanaf"],
                    geldig_tot=d["geldig_tot"],
                    grondslag=d["grondslag"],
                )
                if afspraak.status == Afspraakstatus.VOORGESTELD:
                    messages.success(
                        request,
                        _("De deelafspraak is voorgesteld; zij geldt pas na %(wie)s.") % {"wie": afspraak.wacht_op},
                    )
                else:
                    messages.success(request, _("De deelafspraak is vastgelegd."))
                return redirect("web:afspraken")
        except GeenToestemming as fout:
            messages.error(request, fouten.tekst(fout))
        except OngeldigeInvoer as fout:
            gebonden = next((f for f in (mandaat_form, persoon_form) if f.is_bound), deel_form)
            fouten.op_formulier(gebonden, fout, velden=False)
    return render(
        request,
        "web/afspraken.html",
        {
            "mandaten": selectors.mandaat_list(actor=actor),
            "deelafspraken": selectors.deelafspraak_list(actor=actor),
            "mandaat_form": mandaat_form if org and org.is_bevoegd_gezag else None,
            "persoonsmandaten": selectors.persoonsmandaat_list(actor=actor),
            "persoon_form": persoon_form if gevers.exists() else None,
            "deel_form": deel_form,
            "mag_beheren": actor.heeft_rol(*services.BEHEERDERS),
            "beeindig_form": BeeindigForm(),
        },
    )


@require_POST
def deelafspraak_goedkeuren(request, uuid):
    """Consent to (or second approval of) a proposed sharing agreement; the service says who may (ADR 0020)."""
    actor = actor_van(request)
    afspraak = selectors.afspraak_get(actor=actor, soort="deelafspraak", uuid=uuid)
    try:
        services.deelafspraak_goedkeuren(actor=actor, afspraak=afspraak)
        messages.success(request, _("De deelafspraak is goedgekeurd en geldt vanaf nu."))
    except (GeenToestemming, OngeldigeInvoer) as fout:
        messages.error(request, fouten.tekst(fout))
    return redirect("web:afspraken")


@require_POST
def afspraak_beeindigen(request, soort, uuid):
    actor = actor_van(request)
    afspraak = selectors.afspraak_get(actor=actor, soort=soort, uuid=uuid)
    if soort == "deelafspraak":  # a sharing agreement ends at once, with a reason (ADR 0020)
        reden = DeelafspraakBeeindigForm(request.POST)
        try:
            if not reden.is_valid():
                raise OngeldigeInvoer(_("Geef de reden van de beëindiging."))
            services.deelafspraak_beeindigen(actor=actor, afspraak=afspraak, reden=reden.cleaned_data["reden"])
            messages.success(request, _("De deelafspraak is beëindigd; zij geeft vanaf nu geen toegang meer."))
        except (GeenToestemming, OngeldigeInvoer) as fout:
            messages.error(request, fouten.tekst(fout))
        return redirect("web:afspraken")
    form = BeeindigForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een geldige datum."))
        return redirect("web:afspraken")
    try:
        services.afspraak_beeindigen(actor=actor, afspraak=afspraak, per=form.cleaned_data["per"])
        messages.success(request, _("De afspraak is beëindigd."))
    except (GeenToestemming, OngeldigeInvoer) as fout:
        messages.error(request, fouten.tekst(fout))
    return redirect("web:afspraken")
