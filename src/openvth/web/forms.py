from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Bevoegdheid, Organisatie, Soort, Taakcategorie, Vertrouwelijkheid
from openvth.organisaties.services import SCOPES


class OrganisatieFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken op naam of code"), required=False, max_length=100)
    soort = forms.ChoiceField(label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Soort.choices])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit uw authenticator-app of een herstelcode"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class TokenForm(forms.Form):
    naam = forms.CharField(label=_("Naam van het token"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=list(SCOPES.items()), widget=forms.CheckboxSelectMultiple, initial=["lezen"]
    )
    dagen = forms.IntegerField(label=_("Geldig (dagen)"), min_value=1, max_value=366, initial=90)


class InzageFilterForm(forms.Form):
    wie = forms.CharField(label=_("Gebruiker"), required=False, max_length=150)
    object_id = forms.CharField(label=_("Record (id of omschrijving)"), required=False, max_length=64)
    vanaf = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    geweigerd = forms.BooleanField(label=_("Alleen geweigerde pogingen"), required=False)

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("vanaf") and gegevens.get("tot") and gegevens["tot"] < gegevens["vanaf"]:
            raise forms.ValidationError(_("De einddatum ligt vóór de begindatum."))
        return gegevens


class MandaatForm(forms.Form):
    mandaatnemer = forms.ModelChoiceField(
        label=_("Omgevingsdienst"), queryset=Organisatie.objects.filter(soort=Soort.OMGEVINGSDIENST).order_by("naam")
    )
    taakcategorieen = forms.MultipleChoiceField(
        label=_("Taken"), choices=Taakcategorie.choices, widget=forms.CheckboxSelectMultiple, initial=["basistaak"]
    )
    geldig_vanaf = forms.DateField(label=_("Geldig vanaf"), widget=forms.DateInput(attrs={"type": "date"}))
    besluit = forms.CharField(label=_("Mandaatbesluit (vindplaats)"), max_length=300)
    ondermandaat_toegestaan = forms.BooleanField(
        label=_("De dienst mag ondermandaat verlenen aan medewerkers (Awb 10:9 lid 1)"), required=False
    )


class PersoonsmandaatForm(forms.Form):
    """A row of the mandate register: who signs which letters in whose name (Awb 10:3, 10:9)."""

    mandaatgever = forms.ModelChoiceField(label=_("Namens (bevoegd gezag)"), queryset=Organisatie.objects.none())
    gebruiker = forms.ModelChoiceField(label=_("Medewerker"), queryset=None)
    functie = forms.CharField(label=_("Functie (onder de handtekening)"), max_length=200)
    bevoegdheden = forms.MultipleChoiceField(
        label=_("Mag ondertekenen"), choices=Bevoegdheid.choices, widget=forms.CheckboxSelectMultiple
    )
    besluit = forms.CharField(label=_("(Onder)mandaatbesluit (vindplaats)"), max_length=300)
    geldig_vanaf = forms.DateField(label=_("Geldig vanaf"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, gevers, medewerkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandaatgever"].queryset = gevers
        self.fields["gebruiker"].queryset = medewerkers
        self.fields["gebruiker"].label_from_instance = lambda g: g.get_full_name() or g.get_username()


class DeelafspraakForm(forms.Form):
    verstrekker = forms.ModelChoiceField(
        label=_("Organisatie wier gegevens gedeeld worden"),
        required=False,
        queryset=Organisatie.objects.order_by("naam"),
        help_text=_("Leeg: uw eigen organisatie. Een andere organisatie moet instemmen voordat de afspraak geldt."),
    )
    ontvanger = forms.ModelChoiceField(
        label=_("Ontvangende organisatie"), queryset=Organisatie.objects.order_by("naam")
    )
    recordsoort = forms.ChoiceField(label=_("Soort gegevens"), choices=())
    plafond = forms.ChoiceField(label=_("Tot en met vertrouwelijkheid"), choices=Vertrouwelijkheid.choices[1:])
    regio = forms.ModelChoiceField(
        label=_("Alleen in (gemeente, provincie of werkgebied)"),
        required=False,
        queryset=Organisatie.objects.filter(
            soort__in=[Soort.GEMEENTE, Soort.PROVINCIE, Soort.OMGEVINGSDIENST]
        ).order_by("naam"),
    )
    geldig_vanaf = forms.DateField(label=_("Geldig vanaf"), widget=forms.DateInput(attrs={"type": "date"}))
    geldig_tot = forms.DateField(label=_("Geldig tot"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    grondslag = forms.CharField(label=_("Wettelijke grondslag"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, recordsoorten: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recordsoort"].choices = [(k, s.omschrijving or k) for k, s in sorted(recordsoorten.items())]


class BeeindigForm(forms.Form):
    per = forms.DateField(label=_("Beëindigen per"), widget=forms.DateInput(attrs={"type": "date"}))


class DeelafspraakBeeindigForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=2000)
