"""Forms of the enforcement pages. They check the shape of the input; the services decide what the law allows.

The forms for workflow steps are built from the back end's transition table (`workflow.Overgang.params`), so a
page never hard-codes which step needs which data: a new parameter in the table shows up as a new field.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from openvth.regels import lhso
from openvth.web.termen import term

from . import codelijsten, selectors, termijnbronnen, workflow
from .models import Documentsoort, Herkomst, OvertredingStatus, Rechtsmiddelsoort, Rechtsmiddeluitkomst, Uitkomst

TEKST = {"class": "utrecht-textbox utrecht-textbox--html-input"}
VLAK = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
KEUZE = {"class": "utrecht-select utrecht-select--html-select"}
DATUM = {**TEKST, "type": "date"}


def datumveld(label, *, verplicht: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label, required=verplicht, widget=forms.DateInput(attrs=DATUM, format="%Y-%m-%d"), **kwargs
    )


# --- the LHSO wizard ----------------------------------------------------------------------------------------


_term = lazy(term, str)


def _klassen(enum) -> list[tuple[str, str]]:
    """`A — goedwillend`, the class name in the user's language (chosen per request, hence lazy)."""
    return [(k.value, format_lazy("{} — {}", k.value, _term(k.naam))) for k in enum]


class KlasseRadio(forms.RadioSelect):
    """Radio buttons whose definitions (shown beside each option) are announced with the option itself."""

    def create_option(self, name, value, *args, **kwargs):
        optie = super().create_option(name, value, *args, **kwargs)
        optie["attrs"]["aria-describedby"] = f"definitie-{name}-{value}"
        return optie


class PositioneringForm(forms.Form):
    """LHSO 2022 stap 1 and 2: behaviour (A–D) × consequence (1–4), and the circumstances that weigh in."""

    gedrag = forms.ChoiceField(label=_("Gedrag van de overtreder"), choices=_klassen(lhso.Gedrag), widget=KlasseRadio)
    gevolg = forms.ChoiceField(
        label=_("Gevolgen voor de fysieke leefomgeving"), choices=_klassen(lhso.Gevolg), widget=KlasseRadio
    )
    omstandigheden = forms.MultipleChoiceField(
        label=_("Verzwarende en verzachtende omstandigheden"),
        required=False,
        choices=[(o.value, _term(o.value)) for o in lhso.Omstandigheid],
        widget=forms.CheckboxSelectMultiple,
    )
    handhaving_geindiceerd = forms.BooleanField(label=_("Handhaving is aangewezen"), required=False, initial=True)
    reden_geen_handhaving = forms.CharField(
        label=_("Reden om niet te handhaven"), required=False, max_length=2000, widget=forms.Textarea(attrs=VLAK)
    )
    toelichting = forms.CharField(
        label=_("Toelichting op de positionering"), required=False, max_length=4000, widget=forms.Textarea(attrs=VLAK)
    )

    def clean(self):
        gegevens = super().clean()
        if not gegevens.get("handhaving_geindiceerd") and not (gegevens.get("reden_geen_handhaving") or "").strip():
            self.add_error("reden_geen_handhaving", _("Geef aan waarom handhaving niet is aangewezen."))
        if gegevens.get("handhaving_geindiceerd"):
            gegevens["reden_geen_handhaving"] = ""  # asked only when not enforcing: a hidden leftover is not kept
        return gegevens

    def opties(self, veld: str) -> list[tuple[object, str]]:
        """Each radio button of `veld` with the definition of its class (LHSO 2022 stap 1), for the wizard."""
        enum = lhso.Gedrag if veld == "gedrag" else lhso.Gevolg
        return [(knop, term(enum(knop.data["value"]).definitie)) for knop in self[veld]]


# --- a new violation ---------------------------------------------------------------------------------------


class VthObjectZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Naam, adres of postcode van het VTH-object"),
        min_length=2,
        max_length=100,
        widget=forms.TextInput(attrs={**TEKST, "type": "search"}),
    )


class OvertredingForm(forms.Form):
    herkomst = forms.ChoiceField(label=_("Herkomst"), choices=Herkomst.choices, widget=forms.Select(attrs=KEUZE))
    herkomst_referentie = forms.CharField(
        label=_("Kenmerk van de bevinding of het signaal"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs=TEKST),
    )
    activiteituitvoering = forms.ChoiceField(
        label=_("Activiteit (optioneel)"), required=False, widget=forms.Select(attrs=KEUZE)
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving van de overtreding"), max_length=4000, widget=forms.Textarea(attrs=VLAK)
    )
    voorschrift = forms.CharField(
        label=_("Overtreden voorschrift (artikel of vergunningvoorschrift)"),
        max_length=300,
        widget=forms.TextInput(attrs=TEKST),
    )
    geconstateerd_op = datumveld(_("Geconstateerd op"))

    def __init__(self, *args, uitvoeringen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activiteituitvoering"].choices = [("", _("Geen bepaalde activiteit")), *uitvoeringen]

    def clean_geconstateerd_op(self) -> date:
        dag = self.cleaned_data["geconstateerd_op"]
        if dag > timezone.localdate():
            raise forms.ValidationError(_("Een overtreding kan niet in de toekomst zijn geconstateerd."))
        return dag


# --- workflow steps, built from the transition table ------------------------------------------------------


class DuurWidget(forms.MultiWidget):
    """A legal period as number + unit (dagen, weken, maanden) instead of an ISO 8601 code."""

    use_fieldset = True

    def __init__(self, attrs=None):
        super().__init__(
            [
                forms.NumberInput(attrs={**TEKST, "min": 1, "max": 999, "aria-label": _("aantal")}),
                forms.Select(attrs={**KEUZE, "aria-label": _("eenheid")}, choices=self.EENHEDEN),
            ],
            attrs,
        )

    EENHEDEN = [("D", _("dagen")), ("W", _("weken")), ("M", _("maanden"))]

    def decompress(self, value):
        if value and value.startswith("P") and value[1:-1].isdigit():
            return [value[1:-1], value[-1]]
        return [None, "W"]


class DuurVeld(forms.MultiValueField):
    widget = DuurWidget

    def __init__(self, **kwargs):
        super().__init__(
            fields=[forms.IntegerField(min_value=1, max_value=999), forms.ChoiceField(choices=DuurWidget.EENHEDEN)],
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list):
        if not data_list or data_list[0] in (None, ""):
            if self.required:
                raise forms.ValidationError(_("Geef het aantal dagen, weken of maanden."))
            return ""
        return f"P{data_list[0]}{data_list[1] or 'W'}"


LABELS = {
    "hersteltermijn": _("Hersteltermijn"),
    "zienswijzetermijn": _("Zienswijzetermijn"),
    "instrument": _("Instrument"),
    "afzien_zienswijze": _("Wettelijke grond om niet te horen (Awb 4:8 lid 2, 4:11)"),
    "afzien_toelichting": _("Feiten die deze grond dragen"),
    "zienswijze_ontvangen_op": _("Zienswijze ontvangen op"),
    "zienswijze_gevraagd_op": _("Zienswijze gevraagd op"),
    "overtreding_beeindigd_op": _("Overtreding beëindigd op"),
    "belangenafweging": _("Waarom een dwangsom en geen bestuursdwang (Awb 5:32 lid 2)"),
    "strekking": _("Strekking van de last"),
    "begunstigingstermijn": _("Begunstigingstermijn"),
    "vorm": _("Vorm van de dwangsom"),
    "eenheid": _("Tijdseenheid"),
    "bedrag": _("Bedrag (euro)"),
    "maximum": _("Maximum (euro)"),
    "kenmerk": _("Kenmerk"),
    "hersteld_op": _("Hersteld op"),
    "reden": _("Reden"),
    "gedoogd_tot": _("Gedoogd tot en met"),
    "verbeurd_op": _("Verbeurd op"),
    "verbeurd_vanaf": _("Eerste dag van verbeurte"),
    "aantal": _("Aantal"),
    "omschrijving": _("Omschrijving"),
    "spoed_grond": _("Grond voor spoed"),
    "toegepast_op": _("Toegepast op"),
    "werking": _("Werking"),
    "reden_verbeurdatum": _("Reden voor de verbeurdatum"),
}


def _veld(param: workflow.Param) -> forms.Field:
    label = LABELS.get(param.naam, param.naam.replace("_", " ").capitalize())
    uitleg = term(param.uitleg)  # the table's Dutch text in the user's language (web/termen.py)
    algemeen = {"label": label, "required": param.verplicht, "help_text": uitleg}
    S = workflow.Soort
    if param.soort is S.DATUM:
        return datumveld(label, verplicht=param.verplicht, help_text=uitleg)
    if param.soort is S.DUUR:
        return DuurVeld(**algemeen)
    if param.soort is S.BEDRAG:
        return forms.DecimalField(
            min_value=0,
            max_digits=12,
            decimal_places=2,
            widget=forms.NumberInput(attrs={**TEKST, "step": "0.01"}),
            **algemeen,
        )
    if param.soort is S.GEHEEL:
        return forms.IntegerField(min_value=1, widget=forms.NumberInput(attrs=TEKST), **algemeen)
    if param.soort is S.KEUZE:
        # An instrument is chosen by its name, any other choice by its text in the user's language.
        keuzes = [(k, term(codelijsten.instrumentnaam(k) if param.naam == "instrument" else k)) for k in param.keuzes]
        return forms.ChoiceField(
            choices=keuzes if param.verplicht else [("", "—"), *keuzes], widget=forms.Select(attrs=KEUZE), **algemeen
        )
    if param.naam in ("reden", "omschrijving", "afzien_toelichting", "belangenafweging"):
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs=VLAK), **algemeen)
    return forms.CharField(max_length=300, widget=forms.TextInput(attrs=TEKST), **algemeen)


class StapForm(forms.Form):
    """One edge of the workflow table: the date of the step plus the parameters the table names for it.

    Give each edge on a page its own prefix: the prefix, not a hidden field, ties the input to the edge."""

    datum = datumveld(_("Datum van de stap"))

    def __init__(self, *args, naar: str, params: tuple[workflow.Param, ...], **kwargs):
        kwargs["initial"] = {"datum": timezone.localdate(), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.naar = naar
        self.naam_param = [p.naam for p in params]
        for param in params:
            self.fields[param.naam] = _veld(param)

    def gegevens(self) -> dict[str, object]:
        """The table's parameters as the services read them (durations as ISO 8601, amounts as text)."""
        uit = {}
        for naam in self.naam_param:
            waarde = self.cleaned_data.get(naam)
            if waarde in (None, ""):
                continue
            uit[naam] = str(waarde) if not isinstance(waarde, date) else waarde
        return uit


class PostForm(forms.Form):
    """A step in collecting one forfeiture; the choices are the steps the collection table allows from its state."""

    naar = forms.ChoiceField(label=_("Stap"), widget=forms.Select(attrs=KEUZE))
    datum = datumveld(_("Datum"))

    NAMEN = {
        workflow.VerbeurteFase.INVORDERINGSBESCHIKKING: _("invorderingsbeschikking (Awb 5:37)"),
        workflow.VerbeurteFase.AANMANING: _("aanmaning (Awb 4:112)"),
        workflow.VerbeurteFase.DWANGBEVEL: _("dwangbevel (Awb 4:117)"),
        workflow.VerbeurteFase.BETAALD: _("betaald"),
    }

    def __init__(self, *args, stappen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [(str(s), self.NAMEN.get(s, str(s))) for s in stappen]
        # The input of the collection steps offered (the hearing before an invorderingsbeschikking, Awb 4:8 lid 1);
        # optional here: the collection table's guard says what the chosen step needs.
        gekozen = {str(s) for s in stappen}
        self.params_per_stap: dict[str, list[str]] = {}
        for uit in workflow.VERBEURTE_OVERGANGEN.values():
            for naar, overgang in uit.items():
                if str(naar) not in gekozen:
                    continue
                self.params_per_stap[str(naar)] = [param.naam for param in overgang.params]
                for param in overgang.params:
                    self.fields[param.naam] = _veld(param)
                    self.fields[param.naam].required = False

    def gegevens(self) -> dict[str, object]:
        """The chosen step's input as the services read it (empty fields left out)."""
        namen = self.params_per_stap.get(self.cleaned_data["naar"], [])
        return {n: self.cleaned_data[n] for n in namen if self.cleaned_data.get(n) not in (None, "")}


class ZaakFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken op bedrijf, zaaknummer, voorschrift of omschrijving"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={**TEKST, "type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        widget=forms.Select(attrs=KEUZE),
        choices=[("", _("Alle statussen")), *OvertredingStatus.choices],
    )
    mijn = forms.BooleanField(label=_("Alleen zaken die ik behandel"), required=False)
    afstemming = forms.BooleanField(label=_("Alleen voor het afstemmingsoverleg"), required=False)

    def filters(self, actor) -> selectors.OvertredingFilter:
        """The page's filters as the list's one filter set, the same the API's `GET /overtredingen` builds from
        `q`, `status`, `mijn` and `afstemmingGewenst`: an unchecked box filters nothing, as an absent parameter."""
        d = self.cleaned_data
        return selectors.OvertredingFilter(
            q=d.get("q") or None,
            status=d.get("status") or None,
            behandelaar_id=actor.gebruiker_id if d.get("mijn") else None,
            afstemming_gewenst=True if d.get("afstemming") else None,
        )


# --- documents, templates, consultation, feed --------------------------------------------------------------


class DocumentForm(forms.Form):
    """A new letter; a voornemen also states the order it announces (Awb 4:8 with 5:32a, 5:32b), an
    invorderingsbeschikking names the forfeiture it decides on (Awb 5:37)."""

    soort = forms.ChoiceField(label=_("Soort brief"), choices=Documentsoort.choices, widget=forms.Select(attrs=KEUZE))
    maatregel = forms.ChoiceField(label=_("Bij maatregel"), required=False, widget=forms.Select(attrs=KEUZE))
    verbeurte = forms.ChoiceField(
        label=_("Verbeurte (invorderingsbeschikking)"), required=False, widget=forms.Select(attrs=KEUZE)
    )
    omschrijving = forms.CharField(
        label=_("Voorgenomen last: wat moet de overtreder doen (voornemen)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=VLAK),
    )
    begunstigingstermijn = forms.CharField(
        label=_("Voorgenomen begunstigingstermijn, bijv. P4W (voornemen)"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs=TEKST),
    )
    vorm = forms.ChoiceField(
        label=_("Vorm van de dwangsom (voornemen)"),
        required=False,
        choices=[
            ("", "—"),
            ("per tijdseenheid", _("per tijdseenheid")),
            ("per overtreding", _("per overtreding")),
            ("ineens", _("ineens")),
        ],
        widget=forms.Select(attrs=KEUZE),
    )
    eenheid = forms.ChoiceField(
        label=_("Tijdseenheid (voornemen)"),
        required=False,
        choices=[("", "—"), ("dag", _("dag")), ("week", _("week")), ("maand", _("maand"))],
        widget=forms.Select(attrs=KEUZE),
    )
    bedrag = forms.CharField(
        label=_("Bedrag per eenheid in euro (voornemen)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs=TEKST),
    )
    maximum = forms.CharField(
        label=_("Maximum in euro (voornemen)"), required=False, max_length=20, widget=forms.TextInput(attrs=TEKST)
    )

    def __init__(self, *args, maatregelen=(), verbeurten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maatregel"].choices = [("", _("Geen (alleen de overtreding)")), *maatregelen]
        self.fields["verbeurte"].choices = [("", "—"), *verbeurten]

    def last(self) -> dict:
        return {
            k: self.cleaned_data.get(k, "")
            for k in ("omschrijving", "begunstigingstermijn", "vorm", "eenheid", "bedrag", "maximum")
        }


class SjabloonForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200, widget=forms.TextInput(attrs=TEKST))
    inhoud = forms.CharField(
        label=_("Inhoud (HTML met Django-sjabloontaal)"),
        max_length=100_000,
        widget=forms.Textarea(attrs={**VLAK, "rows": 24, "spellcheck": "false", "class": VLAK["class"] + " ovth-code"}),
    )


class AfstemmingForm(forms.Form):
    datum = datumveld(_("Datum van het overleg"))
    deelnemers = forms.CharField(
        label=_("Deelnemers, één per regel: organisatiecode; naam; functie"),
        max_length=4000,
        widget=forms.Textarea(attrs=VLAK),
        help_text=_("bijvoorbeeld: om-fp; mr. A. de Vries; officier van justitie"),
    )
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Uitkomst.choices, widget=forms.Select(attrs=KEUZE))
    redenen = forms.CharField(label=_("Redenen"), max_length=4000, widget=forms.Textarea(attrs=VLAK))

    def clean_deelnemers(self) -> list[dict[str, str]]:
        deelnemers = []
        for nummer, regel in enumerate(self.cleaned_data["deelnemers"].splitlines(), start=1):
            if not regel.strip():
                continue
            delen = [d.strip() for d in regel.split(";")]
            if len(delen) != 3 or not all(delen):
                raise forms.ValidationError(_("Regel %(n)s: schrijf organisatiecode; naam; functie.") % {"n": nummer})
            deelnemers.append({"organisatie": delen[0], "naam": delen[1], "functie": delen[2]})
        return deelnemers


class ProcesverbaalForm(forms.Form):
    """The signed proces-verbaal as filed by the BOA (Sv art. 153 lid 2: dated and signed by the officer)."""

    nummer = forms.CharField(
        label=_("Nummer van het proces-verbaal"), max_length=60, widget=forms.TextInput(attrs=TEKST)
    )
    datum = datumveld(_("Dagtekening"))
    verbalisant = forms.CharField(
        label=_("Verbalisant (opsporingsambtenaar)"), max_length=200, widget=forms.TextInput(attrs=TEKST)
    )
    verbalisantnummer = forms.CharField(
        label=_("BOA-registratienummer of dienstnummer"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs=TEKST),
    )
    bestand = forms.FileField(
        label=_("Ondertekend proces-verbaal (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class AgendaTokenForm(forms.Form):
    naam = forms.CharField(
        label=_("Naam van het abonnement"),
        max_length=100,
        initial=_("Mijn agenda"),
        widget=forms.TextInput(attrs=TEKST),
    )
    dagen = forms.IntegerField(
        label=_("Geldig (dagen)"), min_value=1, max_value=366, initial=366, widget=forms.NumberInput(attrs=TEKST)
    )


class TermijnenForm(forms.Form):
    """Whose deadlines, which kinds (enforcement, or a registered source such as decision periods), which competent
    authority, and the year of the timeliness table. Every field may be left empty: the page then shows my own
    deadlines of every kind this year."""

    HANDHAVING = "handhaving"

    wie = forms.ChoiceField(
        label=_("Termijnen van"),
        choices=[("mijn", _("mijn zaken")), ("team", _("mijn team"))],
        required=False,
        widget=forms.Select(attrs=KEUZE),
    )
    soort = forms.ChoiceField(label=_("Soort"), required=False, widget=forms.Select(attrs=KEUZE))
    bevoegd_gezag = forms.CharField(
        label=_("Bevoegd gezag"), required=False, max_length=200, widget=forms.Select(attrs=KEUZE)
    )
    jaar = forms.IntegerField(
        label=_("Tijdigheid in jaar"), required=False, min_value=2000, widget=forms.NumberInput(attrs=TEKST)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The registered sources (termijnbronnen) are known only once the apps are ready: choices per form.
        self.fields["soort"].choices = [
            ("", _("alle")),
            (self.HANDHAVING, _("handhavingstermijnen")),
            *termijnbronnen.bronkeuzes(),
        ]
        jaar = self.fields["jaar"]
        jaar.max_value = timezone.localdate().year
        jaar.validators.append(MaxValueValidator(jaar.max_value))
        jaar.widget.attrs.update(min=2000, max=jaar.max_value)
        self.gezagen([])

    def gezagen(self, namen) -> None:
        """The competent authorities to choose from: those of the deadlines found, and the one asked for."""
        gekozen = (self.cleaned_data.get("bevoegd_gezag") if hasattr(self, "cleaned_data") else "") or ""
        keuzes = sorted(set(namen) | ({gekozen} if gekozen else set()))
        self.fields["bevoegd_gezag"].widget.choices = [("", _("alle")), *((n, n) for n in keuzes)]


class RechtsmiddelForm(forms.Form):
    """An objection, appeal or request for a provisional measure against the measure (Awb 5:35 lid 2, 6:16)."""

    soort = forms.ChoiceField(
        label=_("Rechtsmiddel"), choices=Rechtsmiddelsoort.choices, widget=forms.Select(attrs=KEUZE)
    )
    ingediend_op = datumveld(_("Ingediend op"))
    kenmerk = forms.CharField(
        label=_("Kenmerk (zaaknummer)"), max_length=100, required=False, widget=forms.TextInput(attrs=TEKST)
    )


class RechtsmiddelBeslissingForm(forms.Form):
    """The decision on a remedy; a granted provisional measure suspends collection (Awb 8:81)."""

    beslist_op = datumveld(_("Beslist op"))
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), choices=Rechtsmiddeluitkomst.choices, widget=forms.Select(attrs=KEUZE)
    )
    geschorst_tot = datumveld(_("Invordering geschorst tot en met (voorlopige voorziening)"), verplicht=False)
