"""Forms of the permit officer's pages. They check the shape of the input; the services decide what the law allows.

The form of a procedure step is built from the step's row in the table (`procedure.HANDELINGEN[...].params`), so a
new parameter in the table shows up as a new field, as for the enforcement workflow. Domain errors name their fields
as the services do (`activiteiten.0`, `locatie.punt`, `voorschriften.1.tekst`); `VELDNAMEN` and the index maps
below put each one on the field that caused it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openvth.geo.crs import Crs
from openvth.handhaving.bewakers import Param, Soort
from openvth.handhaving.forms import KEUZE, TEKST, VLAK, datumveld
from openvth.organisaties.models import Vertrouwelijkheid
from openvth.register.models import SoortBetrokkene

from .bericht import Aanvrageropgave, Bijlage, Locatieopgave, Verzoekgegevens
from .besluiten import Voorschriftopgave
from .models import Aanvraagsoort, Adviessoort, Adviesuitkomst, Besluitsoort, Procedure, Verzoeksoort, Verzoekstatus

ACTIVITEITRIJEN = 3
"""Activity selects on the intake form; a request for more activities comes through the portal or the API."""
MAX_BIJLAGE = 50 * 1024 * 1024

# --- the work queue --------------------------------------------------------------------------------------------


class WerkvoorraadForm(forms.Form):
    wie = forms.ChoiceField(
        label=_("Verzoeken van"),
        required=False,
        choices=[
            ("mijn", _("mij, en nieuwe zonder behandelaar")),
            ("team", _("mijn team")),
        ],
        widget=forms.Select(attrs=KEUZE),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle openstaande")), ("alle", _("Alle statussen")), *Verzoekstatus.choices],
        widget=forms.Select(attrs=KEUZE),
    )
    soort = forms.ChoiceField(
        label=_("Soort verzoek"),
        required=False,
        choices=[("", _("Alle soorten")), *Verzoeksoort.choices],
        widget=forms.Select(attrs=KEUZE),
    )
    q = forms.CharField(
        label=_("Zoeken op verzoeknummer of omschrijving"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={**TEKST, "type": "search"}),
    )


# --- intake ------------------------------------------------------------------------------------------------------


class MeerdereBestanden(forms.ClearableFileInput):
    allow_multiple_selected = True


class BijlagenVeld(forms.FileField):
    """Several files at once; each is fingerprinted (name, media type, SHA-256), its content is not kept here."""

    widget = MeerdereBestanden

    def clean(self, data, initial=None):
        bestanden = data if isinstance(data, list | tuple) else [data] if data else []
        uit = []
        for bestand in bestanden:
            bestand = super().clean(bestand, initial)
            if bestand.size > MAX_BIJLAGE:
                raise forms.ValidationError(_("%(naam)s is groter dan 50 MB.") % {"naam": bestand.name})
            sha = hashlib.sha256()
            for blok in bestand.chunks():
                sha.update(blok)
            uit.append(
                Bijlage(
                    naam=(bestand.name or "bijlage")[:200],
                    mediatype=(bestand.content_type or "application/octet-stream")[:100],
                    sha256=sha.hexdigest(),
                )
            )
        return tuple(uit)


class IntakeForm(forms.Form):
    """A request received by post, e-mail or at the desk, taken in by staff (source `formulier`)."""

    verzoeknummer = forms.CharField(
        label=_("Verzoeknummer"),
        max_length=13,
        help_text=_("Een voorstel; het Omgevingsloket schrijft jjjjmmdd99999. Alleen letters en cijfers."),
        widget=forms.TextInput(attrs={**TEKST, "autocomplete": "off", "spellcheck": "false"}),
    )
    soort = forms.ChoiceField(label=_("Soort verzoek"), choices=Verzoeksoort.choices, widget=forms.Select(attrs=KEUZE))
    subsoort = forms.ChoiceField(
        label=_("Wat wordt aangevraagd"),
        required=False,
        choices=[("", _("— (geen aanvraag)")), *Aanvraagsoort.choices],
        help_text=_("Alleen bij een toestemmingsaanvraag."),
        widget=forms.Select(attrs=KEUZE),
    )
    ontvangen_op = datumveld(
        _("Ontvangen op"), help_text=_("De dag van ontvangst; daarna loopt de beslistermijn (Awb 4:13).")
    )
    aanvang_activiteit = datumveld(
        _("Beoogd begin van de activiteit"),
        verplicht=False,
        help_text=_("Alleen bij een melding: wie later dan vier weken vooraf meldt, wordt gemarkeerd (Ow art. 4.4)."),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, max_length=4000, widget=forms.Textarea(attrs=VLAK)
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={**TEKST, "autocomplete": "off"}),
    )
    huisnummer = forms.IntegerField(
        label=_("Huisnummer"), required=False, min_value=1, max_value=99999, widget=forms.NumberInput(attrs=TEKST)
    )
    huisletter = forms.CharField(
        label=_("Huisletter"), required=False, max_length=1, widget=forms.TextInput(attrs=TEKST)
    )
    huisnummertoevoeging = forms.CharField(
        label=_("Toevoeging"), required=False, max_length=4, widget=forms.TextInput(attrs=TEKST)
    )
    straat = forms.CharField(label=_("Straat"), required=False, max_length=200, widget=forms.TextInput(attrs=TEKST))
    woonplaats = forms.CharField(
        label=_("Woonplaats"), required=False, max_length=100, widget=forms.TextInput(attrs=TEKST)
    )
    rd_x = forms.FloatField(
        label=_("RD x (meter)"),
        required=False,
        help_text=_("Voor een adres dat het register nog niet kent: het punt in RD New (EPSG:28992)."),
        widget=forms.NumberInput(attrs={**TEKST, "step": "any"}),
    )
    rd_y = forms.FloatField(
        label=_("RD y (meter)"), required=False, widget=forms.NumberInput(attrs={**TEKST, "step": "any"})
    )
    gemeente = forms.ChoiceField(
        label=_("Gemeente"),
        required=False,
        help_text=_("Leeg: afgeleid uit een bekend adres. Nodig bij een nieuwe locatie."),
        widget=forms.Select(attrs=KEUZE),
    )
    aanvrager_soort = forms.ChoiceField(
        label=_("Soort aanvrager"), choices=SoortBetrokkene.choices, widget=forms.Select(attrs=KEUZE)
    )
    aanvrager_naam = forms.CharField(label=_("Naam aanvrager"), max_length=500, widget=forms.TextInput(attrs=TEKST))
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={**TEKST, "inputmode": "numeric"}),
    )
    vestigingsnummer = forms.CharField(
        label=_("Vestigingsnummer"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={**TEKST, "inputmode": "numeric"}),
    )
    vertrouwelijkheid = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        initial=Vertrouwelijkheid.INTERN,
        choices=[c for c in Vertrouwelijkheid.choices if c[0] != Vertrouwelijkheid.STRAFRECHTELIJK],
        help_text=_("Een verzoek van een natuurlijk persoon is ten minste vertrouwelijk (AVG)."),
        widget=forms.Select(attrs=KEUZE),
    )
    bijlagen = BijlagenVeld(
        label=_("Bijlagen"),
        required=False,
        help_text=_(
            "Van elk bestand worden naam, soort en SHA-256-vingerafdruk vastgelegd; het bestand zelf blijft in het "
            "archief waar het binnenkwam."
        ),
    )

    def __init__(self, *args, activiteiten: Iterable = (), gemeenten: Iterable = (), **kwargs):
        super().__init__(*args, **kwargs)
        groepen: dict[str, list[tuple[str, str]]] = {}
        for a in activiteiten:
            kop = a.bovenliggende.naam if a.bovenliggende else _("Overig")
            groepen.setdefault(str(kop), []).append((a.code, f"{a.code.removeprefix('bal-')} {a.naam}"))
        keuzes = [("", _("— kies een activiteit —")), *groepen.items()]
        # Activities go before the place: insert after the description.
        velden = list(self.fields.items())
        plek = [n for n, _v in velden].index("postcode")
        nieuw = {
            f"activiteit_{i}": forms.ChoiceField(
                label=_("Activiteit %(n)s") % {"n": i + 1},
                required=i == 0,
                choices=keuzes,
                help_text=_("Uit de Bal-catalogus (hoofdstuk 3, paragraaf).") if i == 0 else "",
                widget=forms.Select(attrs=KEUZE),
            )
            for i in range(ACTIVITEITRIJEN)
        }
        self.fields = dict(velden[:plek] + list(nieuw.items()) + velden[plek:])
        cast(forms.ChoiceField, self.fields["gemeente"]).choices = [
            ("", _("— afleiden uit het adres —")),
            *((g.code, g.naam) for g in gemeenten),
        ]
        self.activiteitvelden: list[str] = []

    GROEPEN = (
        (
            _("Het verzoek"),
            ("verzoeknummer", "soort", "subsoort", "ontvangen_op", "aanvang_activiteit", "omschrijving"),
        ),
        (_("Activiteiten"), tuple(f"activiteit_{i}" for i in range(ACTIVITEITRIJEN))),
        (
            _("Locatie"),
            ("postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "straat", "woonplaats", "rd_x", "rd_y")
            + ("gemeente",),
        ),
        (_("Aanvrager"), ("aanvrager_soort", "aanvrager_naam", "kvk_nummer", "vestigingsnummer")),
        (_("Vertrouwelijkheid en bijlagen"), ("vertrouwelijkheid", "bijlagen")),
    )

    def groepen(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in the fieldsets the page shows them in."""
        return [(str(titel), [self[n] for n in namen]) for titel, namen in self.GROEPEN]

    def clean(self):
        d = super().clean()
        codes = [d.get(f"activiteit_{i}") for i in range(ACTIVITEITRIJEN)]
        gezien: set[str] = set()
        for i, code in enumerate(codes):
            if code and code in gezien:
                self.add_error(f"activiteit_{i}", _("Deze activiteit staat er al."))
            gezien.add(code or "")
        if (d.get("rd_x") is None) != (d.get("rd_y") is None):
            self.add_error("rd_y" if d.get("rd_y") is None else "rd_x", _("Geef x én y, of geen van beide."))
        if d.get("soort") == Verzoeksoort.TOESTEMMINGSAANVRAAG and not d.get("subsoort"):
            self.add_error("subsoort", _("Kies wat wordt aangevraagd."))
        return d

    def gegevens(self) -> Verzoekgegevens:
        """The form as the intake service reads it; remembers which field each activity index came from."""
        d = self.cleaned_data
        self.activiteitvelden = [f"activiteit_{i}" for i in range(ACTIVITEITRIJEN) if d.get(f"activiteit_{i}")]
        punt = (Crs.RD, d["rd_x"], d["rd_y"]) if d.get("rd_x") is not None and d.get("rd_y") is not None else None
        return Verzoekgegevens(
            verzoeknummer=d["verzoeknummer"].strip(),
            verzoekvolgnummer="001",
            soort=d["soort"],
            subsoort=d["subsoort"] if d["soort"] == Verzoeksoort.TOESTEMMINGSAANVRAAG else "",
            ontvangen_op=d["ontvangen_op"],
            activiteiten=tuple(d[v] for v in self.activiteitvelden),
            locatie=Locatieopgave(
                postcode=d["postcode"].replace(" ", "").upper(),
                huisnummer=d["huisnummer"],
                huisletter=d["huisletter"].strip(),
                huisnummertoevoeging=d["huisnummertoevoeging"].strip(),
                straat=d["straat"].strip(),
                woonplaats=d["woonplaats"].strip(),
                gemeente=d["gemeente"],
                punt=punt,
            ),
            aanvrager=Aanvrageropgave(
                soort=d["aanvrager_soort"],
                naam=d["aanvrager_naam"].strip(),
                kvk_nummer=d["kvk_nummer"].strip(),
                vestigingsnummer=d["vestigingsnummer"].strip(),
            ),
            omschrijving=d["omschrijving"].strip(),
            bijlagen=d.get("bijlagen") or (),
            vertrouwelijkheid=d["vertrouwelijkheid"],
            aanvang_activiteit=d.get("aanvang_activiteit"),
        )

    def veldnamen(self) -> dict[str, str]:
        """Domain field → form field, for `web.fouten.op_formulier`."""
        namen = dict(VELDNAMEN)
        for i, veld in enumerate(self.activiteitvelden):
            namen[f"activiteiten.{i}"] = veld
        namen["activiteiten"] = "activiteit_0"
        return namen


VELDNAMEN = {
    "locatie.postcode": "postcode",
    "locatie.huisnummer": "huisnummer",
    "locatie.huisletter": "huisletter",
    "locatie.huisnummertoevoeging": "huisnummertoevoeging",
    "locatie.straat": "straat",
    "locatie.woonplaats": "woonplaats",
    "locatie.gemeente": "gemeente",
    "locatie.punt": "rd_x",
    "locatie.punt.coordinaten": "rd_x",
    "locatie": "postcode",
    "aanvrager": "aanvrager_naam",
    "aanvrager.soort": "aanvrager_soort",
    "aanvrager.naam": "aanvrager_naam",
    "aanvrager.kvk_nummer": "kvk_nummer",
    "aanvrager.vestigingsnummer": "vestigingsnummer",
    "verzoekvolgnummer": "verzoeknummer",
    "doel": "verzoeknummer",
}


# --- procedure steps, built from the table ----------------------------------------------------------------------

STAPNAMEN = {
    "in_behandeling_nemen": _("In behandeling nemen"),
    "aanvulling_vragen": _("Aanvulling vragen (opschorten)"),
    "aanvulling_ontvangen": _("Aanvulling ontvangen"),
    "aanvultermijn_verstreken": _("Aanvultermijn ongebruikt verstreken"),
    "buiten_behandeling_stellen": _("Buiten behandeling stellen"),
    "verlengen": _("Beslistermijn verlengen"),
    "advies_vragen": _("Advies of instemming vragen"),
    "advies_ontvangen": _("Advies of instemming ontvangen"),
    "ontwerp_ter_inzage": _("Ontwerpbesluit ter inzage leggen"),
    "besluit_bekendmaken": _("Besluit nemen en bekendmaken"),
    "bezwaar_ontvangen": _("Bezwaar ontvangen"),
    "onherroepelijk_worden": _("Onherroepelijk"),
    "ingebrekestelling_ontvangen": _("Ingebrekestelling ontvangen"),
    "afhandelen": _("Melding of informatie afhandelen"),
    "intrekken": _("Ingetrokken door de aanvrager"),
}
"""The steps of `procedure.HANDELINGEN` by their name in the user's language (the table keeps its Dutch)."""

PARAMLABELS = {
    "procedure": _("Procedure"),
    "instemming_vereist": _("Behoeft het besluit instemming?"),
    "aanvullen_voor": _("Aanvullen uiterlijk op"),
    "omschrijving": _("Wat ontbreekt"),
    "aangevuld_op": _("Aangevuld op"),
    "weken": _("Aantal weken verlenging"),
    "reden": _("Reden"),
    "adviseur": _("Adviseur (organisatiecode)"),
    "soort": _("Advies of instemming"),
    "grondslag": _("Grondslag (artikel)"),
    "reageren_voor": _("Reageren uiterlijk op"),
    "adviesverzoek": _("Adviesverzoek"),
    "uitkomst": _("Uitkomst"),
    "beantwoord_op": _("Beantwoord op"),
    "toelichting": _("Toelichting"),
    "ontvangen_op": _("Ontvangen op"),
}
PARAMUITLEG = {
    "procedure": _("Regulier: acht weken (Ow art. 16.64). Uitgebreid: ontwerp ter inzage, zes maanden (Awb afd. 3.4)."),
    "instemming_vereist": _("Ja: de reguliere beslistermijn is twaalf weken (Ow art. 16.64 lid 1)."),
    "aanvullen_voor": _("De laatste dag waarop de aanvrager kan aanvullen (Awb 4:5)."),
    "omschrijving": _("Welke gegevens en bescheiden ontbreken."),
    "aangevuld_op": _("De dag waarop de aanvulling binnenkwam."),
    "weken": _("Eenmaal, ten hoogste zes weken."),
    "adviseur": _("Bijvoorbeeld de code van een waterschap of provincie."),
    "grondslag": _("Het artikel dat advies of instemming voorschrijft."),
    "reageren_voor": _("De laatste dag voor het advies of de instemming."),
    "beantwoord_op": _("De dag van de reactie."),
    "ontvangen_op": _("De dag waarop het stuk binnenkwam."),
}
KEUZELABELS: dict[str, dict[str, object]] = {
    "procedure": dict(Procedure.choices),
    "instemming_vereist": {"ja": _("ja"), "nee": _("nee")},
    "soort": dict(Adviessoort.choices),
    "uitkomst": dict(Adviesuitkomst.choices),
}
LANGE_TEKST = {"omschrijving", "reden", "toelichting"}


def _veld(param: Param, adviesverzoeken: list[tuple[str, str]]) -> forms.Field:
    label = PARAMLABELS.get(param.naam, param.naam.replace("_", " ").capitalize())
    algemeen: dict[str, Any] = {
        "label": label,
        "required": param.verplicht,
        "help_text": PARAMUITLEG.get(param.naam, ""),
    }
    if param.naam == "adviesverzoek":
        return forms.TypedChoiceField(
            coerce=int, choices=[("", "—"), *adviesverzoeken], widget=forms.Select(attrs=KEUZE), **algemeen
        )
    if param.soort is Soort.DATUM:
        return datumveld(label, verplicht=param.verplicht, help_text=algemeen["help_text"])
    if param.soort is Soort.GEHEEL:
        return forms.IntegerField(min_value=1, widget=forms.NumberInput(attrs=TEKST), **algemeen)
    if param.soort is Soort.KEUZE:
        labels = KEUZELABELS.get(param.naam, {})
        keuzes = [(k, labels.get(k, k)) for k in param.keuzes]
        return forms.ChoiceField(
            choices=keuzes if param.verplicht else [("", "—"), *keuzes], widget=forms.Select(attrs=KEUZE), **algemeen
        )
    if param.naam in LANGE_TEKST:
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs=VLAK), **algemeen)
    attrs = {**TEKST, "list": "organisatiecodes", "autocomplete": "off"} if param.naam == "adviseur" else TEKST
    return forms.CharField(max_length=300, widget=forms.TextInput(attrs=attrs), **algemeen)


class StapForm(forms.Form):
    """One step of the procedure table: its date plus the parameters the table names for it."""

    datum = datumveld(_("Datum van de stap"), help_text=_("De dag waarop de stap is gezet; niet in de toekomst."))

    def __init__(self, *args, params: tuple[Param, ...], adviesverzoeken: list[tuple[str, str]] = (), **kwargs):  # type: ignore[assignment]
        kwargs["initial"] = {"datum": timezone.localdate(), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.naam_param = [p.naam for p in params]
        for param in params:
            self.fields[param.naam] = _veld(param, list(adviesverzoeken))

    def gegevens(self) -> dict[str, object]:
        """The table's parameters as `stap_zetten` reads them (dates as ISO text, empty fields left out)."""
        uit: dict[str, object] = {}
        for naam in self.naam_param:
            waarde = self.cleaned_data.get(naam)
            if waarde in (None, ""):
                continue
            uit[naam] = waarde.isoformat() if isinstance(waarde, date) else waarde
        return uit


# --- the decision draft -----------------------------------------------------------------------------------------


class BesluitForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort besluit"), choices=Besluitsoort.choices, widget=forms.Select(attrs=KEUZE))
    ontwerp = forms.BooleanField(
        label=_("Ontwerpbesluit (ter inzage, Awb 3:11)"),
        required=False,
        help_text=_("Alleen in de uitgebreide procedure: eerst het ontwerp, na de zienswijzen het besluit."),
    )
    betreft_toestemming = forms.ChoiceField(
        label=_("Toestemming die het besluit wijzigt of intrekt"), required=False, widget=forms.Select(attrs=KEUZE)
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        max_length=20000,
        help_text=_("Een besluit berust op een deugdelijke motivering (Awb 3:46)."),
        widget=forms.Textarea(attrs={**VLAK, "rows": 6}),
    )

    def __init__(self, *args, uitgebreid: bool, toestemmingen: Iterable[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if not uitgebreid:
            del self.fields["ontwerp"]
        cast(forms.ChoiceField, self.fields["betreft_toestemming"]).choices = [
            ("", _("— geen (verlenen of weigeren) —")),
            *toestemmingen,
        ]


class VoorschriftForm(forms.Form):
    nummer = forms.CharField(
        label=_("Nummer"), required=False, max_length=20, widget=forms.TextInput(attrs={**TEKST, "size": 6})
    )
    tekst = forms.CharField(
        label=_("Tekst van het voorschrift"), required=False, max_length=8000, widget=forms.Textarea(attrs=VLAK)
    )
    activiteit = forms.ChoiceField(label=_("Bij activiteit"), required=False, widget=forms.Select(attrs=KEUZE))

    def __init__(self, *args, activiteiten: Iterable[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["activiteit"]).choices = [("", _("— het hele besluit —")), *activiteiten]

    def leeg(self) -> bool:
        d = getattr(self, "cleaned_data", {})
        return not (d.get("nummer") or "").strip() and not (d.get("tekst") or "").strip()


class BasisVoorschriften(forms.BaseFormSet):
    def opgaven(self) -> tuple[list[Voorschriftopgave], list[int]]:
        """The filled rows as the service reads them, and for each the index of its form (for the errors)."""
        opgaven, rijen = [], []
        for i, form in enumerate(self.forms):
            if form.leeg():
                continue
            d = form.cleaned_data
            opgaven.append(Voorschriftopgave(d["nummer"], d["tekst"], d.get("activiteit") or ""))
            rijen.append(i)
        return opgaven, rijen


VOORSCHRIFTRIJEN = 5
VoorschriftFormSet = forms.formset_factory(
    VoorschriftForm, formset=BasisVoorschriften, extra=VOORSCHRIFTRIJEN, max_num=500, absolute_max=500
)
