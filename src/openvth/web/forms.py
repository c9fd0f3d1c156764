from django import forms
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Soort
from openvth.organisaties.services import SCOPES


class OrganisatieFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken op naam of code"), required=False, max_length=100)
    soort = forms.ChoiceField(label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Soort.choices])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit uw authenticator-app of een herstelcode"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
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

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("vanaf") and gegevens.get("tot") and gegevens["tot"] < gegevens["vanaf"]:
            raise forms.ValidationError(_("De einddatum ligt vóór de begindatum."))
        return gegevens
