"""Web forms of the supervision pages. They check shape only (required, type, range); the services decide what is
allowed and refuse bad input with `OngeldigeInvoer`, whose reasons the views put back on these forms' fields."""

from __future__ import annotations

import json

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Taakcategorie, Vertrouwelijkheid
from openvth.regels.lhso import Gedrag, Gevolg
from openvth.web.termen import term

from .models import Controletype, Ketenschakel, Reden, ResultaatBevinding

TEKST = {"class": "utrecht-textbox utrecht-textbox--html-input"}
KEUZE = {"class": "utrecht-select utrecht-select--html-select"}
VLAK = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
MAANDEN = [
    (1, _("januari")),
    (2, _("februari")),
    (3, _("maart")),
    (4, _("april")),
    (5, _("mei")),
    (6, _("juni")),
    (7, _("juli")),
    (8, _("augustus")),
    (9, _("september")),
    (10, _("oktober")),
    (11, _("november")),
    (12, _("december")),
]
MAX_BIJLAGE = 20 * 1024 * 1024  # the services check content and size again; this spares a useless upload


def datumveld(label, *, verplicht=True, **kwargs):
    return forms.DateField(
        label=label,
        required=verplicht,
        widget=forms.DateInput(attrs={**TEKST, "type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def tekstveld(label, *, verplicht=True, max_length=200, **kwargs):
    return forms.CharField(
        label=label, required=verplicht, max_length=max_length, widget=forms.TextInput(attrs=TEKST), **kwargs
    )


def keuzeveld(label, keuzes, *, verplicht=True, **kwargs):
    return forms.ChoiceField(
        label=label, required=verplicht, choices=keuzes, widget=forms.Select(attrs=KEUZE), **kwargs
    )


def objectveld():
    return tekstveld(
        _("VTH-object (uuid of identificatie)"),
        max_length=100,
        help_text=_("bijv. de uuid uit het dossier of nl-vthflo.odzob-1"),
    )


# --- risk analysis and model ---------------------------------------------------------------------------------


class RisicoanalyseForm(forms.Form):
    modelversie = keuzeveld(_("Risicomodelversie"), ())
    peildatum = datumveld(_("Peildatum"))

    def __init__(self, *args, versies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modelversie"].choices = [
            (str(v.uuid), f"{v.versie} ({v.regio.naam if v.regio else _('landelijk')}, {v.geldig_vanaf:%d-%m-%Y})")
            for v in versies
        ]


class RisicomodelForm(forms.Form):
    """A new version of the region's risk model, as the JSON of `regels/data/risicomodel_voorbeeld.json`."""

    bestand = forms.FileField(
        label=_("Risicomodel (JSON-bestand)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )
    definitie = forms.CharField(
        label=_("Of plak de JSON hier"),
        required=False,
        widget=forms.Textarea(attrs={**VLAK, "rows": 8, "spellcheck": "false"}),
    )

    def clean(self):
        gegevens = super().clean()
        bestand, tekst = gegevens.get("bestand"), (gegevens.get("definitie") or "").strip()
        if bestand and bestand.size > 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is groter dan 1 MB; een risicomodel is veel kleiner."))
        if bestand:
            tekst = bestand.read().decode("utf-8", errors="replace")
        if not tekst:
            raise forms.ValidationError(_("Kies een JSON-bestand of plak de JSON van het risicomodel."))
        try:
            gegevens["model"] = json.loads(tekst)
        except json.JSONDecodeError as fout:
            raise forms.ValidationError(
                _("Dit is geen geldige JSON (regel %(regel)s, kolom %(kolom)s): %(fout)s"),
                params={"regel": fout.lineno, "kolom": fout.colno, "fout": fout.msg},
            ) from None
        if not isinstance(gegevens["model"], dict):
            raise forms.ValidationError(_("De JSON moet één object zijn, met onder meer 'versie' en 'gewichten'."))
        return gegevens


# --- programme ----------------------------------------------------------------------------------------------


class ProgrammaForm(forms.Form):
    """Generate the programme of a year from a risk analysis and the capacity per expertise (one per line)."""

    risicoanalyse = keuzeveld(_("Risicoanalyse"), ())
    jaar = forms.IntegerField(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={**TEKST, "inputmode": "numeric"}),
    )
    capaciteit = forms.CharField(
        label=_("Capaciteit in VTH-uren per expertise"),
        help_text=_("Eén regel per expertise: naam, dubbele punt, uren. Bijvoorbeeld: milieu: 1200"),
        widget=forms.Textarea(attrs={**VLAK, "rows": 4}),
    )

    def __init__(self, *args, analyses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risicoanalyse"].choices = [
            (str(a.uuid), f"{a.peildatum:%d-%m-%Y} — {a.modelversie.versie}, {a.aantal} objecten") for a in analyses
        ]

    def clean_capaciteit(self) -> dict[str, float]:
        uren: dict[str, float] = {}
        for nummer, regel in enumerate(self.cleaned_data["capaciteit"].splitlines(), start=1):
            if not regel.strip():
                continue
            naam, teken, getal = regel.rpartition(":")
            naam = naam.strip()
            try:
                waarde = float(getal.strip().replace(",", "."))
            except ValueError:
                waarde = -1.0
            if not teken or not naam or waarde < 0:
                raise forms.ValidationError(
                    _("Regel %(nummer)s ('%(regel)s') is niet van de vorm 'expertise: uren'."),
                    params={"nummer": nummer, "regel": regel.strip()[:60]},
                )
            if naam in uren:
                raise forms.ValidationError(
                    _("De expertise '%(naam)s' staat twee keer in de lijst."), params={"naam": naam}
                )
            uren[naam] = waarde
        if not uren:
            raise forms.ValidationError(_("Geef voor ten minste één expertise de beschikbare uren."))
        return uren


class TaakToevoegenForm(forms.Form):
    vth_object = objectveld()
    inspectietype = keuzeveld(_("Soort controle"), ())
    maand = forms.TypedChoiceField(label=_("Maand"), choices=MAANDEN, coerce=int, widget=forms.Select(attrs=KEUZE))
    taakcategorie = keuzeveld(
        _("Taakcategorie"), [("", _("uit de activiteiten afleiden")), *Taakcategorie.choices], verplicht=False
    )
    expertise = tekstveld(_("Expertise"), max_length=60)

    def __init__(self, *args, inspectietypen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectietype"].choices = [(t, t) for t in inspectietypen]


class TaakVerschuivenForm(forms.Form):
    maand = forms.TypedChoiceField(label=_("Naar maand"), choices=MAANDEN, coerce=int, widget=forms.Select(attrs=KEUZE))


class RedenForm(forms.Form):
    reden = tekstveld(_("Reden"), max_length=300)


# --- controles ----------------------------------------------------------------------------------------------


class ObjectZoekForm(forms.Form):
    """Planning starts from the register: a name, address or postcode, as registering a violation does (issue 13);
    nobody types a uuid."""

    q = forms.CharField(
        label=_("Naam, adres of postcode van het VTH-object"),
        min_length=2,
        max_length=100,
        widget=forms.TextInput(attrs={**TEKST, "type": "search"}),
    )


class ControleForm(forms.Form):
    """Plan a controle ad hoc, with its CIM reason and the occasion (the programme plans its own). The object
    was chosen by a search first and travels hidden."""

    vth_object = forms.CharField(label=_("VTH-object"), max_length=100, widget=forms.HiddenInput)
    reden = keuzeveld(_("Reden"), [(r.value, r.label) for r in Reden if r not in (Reden.PROGRAMMA, Reden.HERCONTROLE)])
    toelichting = forms.CharField(
        label=_("Aanleiding"),
        max_length=2000,
        widget=forms.Textarea(attrs=VLAK),
        help_text=_("waarom deze controle buiten het programma om nodig is"),
    )
    controletype = keuzeveld(_("Soort controle"), Controletype.choices, initial=Controletype.INCIDENTEEL)
    aangekondigd = forms.TypedChoiceField(
        label=_("Aangekondigd"),
        coerce=lambda v: v == "ja",
        initial="nee",
        choices=[("nee", _("nee, onaangekondigd")), ("ja", _("ja, aangekondigd"))],
        widget=forms.RadioSelect,
    )
    gepland_op = datumveld(_("Gepland op"))
    ketenactie = keuzeveld(_("Ketenactie (ketentoezicht)"), (), verplicht=False)

    def __init__(self, *args, ketenacties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ketenactie"].choices = [
            ("", _("geen")),
            *((str(a.uuid), f"{a.keten.naam}: {a.naam}") for a in ketenacties),
        ]


class HercontroleForm(forms.Form):
    """A hercontrole of a violation; without a date the services take it from the warning or grace period."""

    overtreding = forms.CharField(label=_("Overtreding"), max_length=40, widget=forms.HiddenInput)
    gepland_op = datumveld(_("Gepland op (leeg: de dag na het einde van de termijn)"), verplicht=False)
    aangekondigd = forms.TypedChoiceField(
        label=_("Aangekondigd"),
        coerce=lambda v: v == "ja",
        initial="nee",
        choices=[("nee", _("nee, onaangekondigd")), ("ja", _("ja, aangekondigd"))],
        widget=forms.RadioSelect,
    )


class ToewijzenForm(forms.Form):
    toezichthouder = forms.TypedChoiceField(
        label=_("Toezichthouder"), choices=(), coerce=int, widget=forms.Select(attrs=KEUZE)
    )

    def __init__(self, *args, toezichthouders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toezichthouder"].choices = [("", _("Kies een toezichthouder")), *toezichthouders]


def _lhso_keuzes(enum) -> list[tuple[str, str]]:
    """`C — calculerend`, the class name in the user's language (web/termen.py; chosen per request, hence lazy)."""
    naam = lazy(term, str)
    return [("", _("— kies —")), *((k.value, format_lazy("{} — {}", k.value, naam(k.naam))) for k in enum)]


class BevindingForm(forms.Form):
    """One finding, for a checklist point or free; phone-first: radios for the result, the camera for a photo."""

    resultaat = forms.ChoiceField(
        label=_("Resultaat"),
        choices=ResultaatBevinding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een resultaat: een bevinding zonder resultaat wordt niet vastgelegd.")},
    )
    omschrijving = forms.CharField(
        label=_("Toelichting"), required=False, max_length=4000, widget=forms.Textarea(attrs=VLAK)
    )
    voorschrift = tekstveld(_("Voorschrift"), verplicht=False, max_length=300)
    vergunningvoorschrift = keuzeveld(
        _("Vergunningvoorschrift"),
        (),
        verplicht=False,
        help_text=_(
            "het voorschrift uit de vergunning waar de bevinding over gaat; zonder eigen tekst bij "
            "‘Voorschrift’ wordt het als ‘kenmerk voorschrift nummer’ genoemd"
        ),
    )
    gedrag = keuzeveld(_("Gedrag (LHSO)"), _lhso_keuzes(Gedrag), verplicht=False)
    gevolg = keuzeveld(_("Gevolg (LHSO)"), _lhso_keuzes(Gevolg), verplicht=False)
    foto = forms.FileField(
        label=_("Foto"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def __init__(self, *args, voorschriften=(), **kwargs):
        """`voorschriften`: (uuid, label) of the permit conditions in force at the controle's object on its day."""
        super().__init__(*args, **kwargs)
        self._voorschriftkeuzes = [("", _("— geen —")), *voorschriften]
        veld = self.fields["vergunningvoorschrift"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = self._voorschriftkeuzes

    @property
    def heeft_vergunningvoorschriften(self) -> bool:
        return len(self._voorschriftkeuzes) > 1

    def clean_foto(self):
        foto = self.cleaned_data.get("foto")
        if foto and foto.size > MAX_BIJLAGE:
            raise forms.ValidationError(_("De foto is groter dan 20 MB."))
        return foto


class BijlageForm(forms.Form):
    bestand = forms.FileField(
        label=_("Foto of document"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BIJLAGE:
            raise forms.ValidationError(_("Het bestand is groter dan 20 MB."))
        return bestand


class UitvoeringForm(forms.Form):
    uitgevoerd_op = datumveld(_("Uitgevoerd op"))
    uren_besteed = forms.DecimalField(
        label=_("Bestede uren"),
        min_value=0,
        max_value=999,
        decimal_places=1,
        widget=forms.NumberInput(attrs={**TEKST, "step": "0.5", "inputmode": "decimal"}),
    )


class DatumForm(forms.Form):
    datum = datumveld(_("Datum"))


# --- checklists and chains ----------------------------------------------------------------------------------


class OnderwerpForm(forms.Form):
    activiteitcode = tekstveld(
        _("Activiteitcode (of het begin ervan)"),
        max_length=40,
        help_text=_("bijv. bal-3.2.1; geldt ook voor de onderliggende activiteiten"),
    )
    naam = tekstveld(_("Controle-onderwerp"))
    volgorde = forms.IntegerField(
        label=_("Volgorde"), min_value=0, max_value=999, initial=0, widget=forms.NumberInput(attrs=TEKST)
    )
    geldig_vanaf = datumveld(_("Geldig vanaf"))
    geldig_tot = datumveld(_("Geldig tot"), verplicht=False)


class AandachtspuntForm(forms.Form):
    tekst = tekstveld(_("Controle-aandachtspunt"), max_length=500)
    voorschrift = tekstveld(_("Voorschrift (vindplaats)"), verplicht=False, max_length=300)
    volgorde = forms.IntegerField(
        label=_("Volgorde"), min_value=0, max_value=999, initial=0, widget=forms.NumberInput(attrs=TEKST)
    )


class VoorschriftKoppelForm(forms.Form):
    """The checklist items of one permit condition: points of attention and whole topics (checkboxes, grouped by
    topic on the page); the choices are the items of the condition's activities."""

    punten = forms.TypedMultipleChoiceField(
        label=_("Controle-aandachtspunten"), choices=(), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    onderwerpen = forms.TypedMultipleChoiceField(
        label=_("Hele controle-onderwerpen"),
        choices=(),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, onderwerpen=(), **kwargs):
        super().__init__(*args, **kwargs)
        punten, topics = self.fields["punten"], self.fields["onderwerpen"]
        assert isinstance(punten, forms.ChoiceField) and isinstance(topics, forms.ChoiceField)
        punten.choices = [(p.pk, p.tekst) for o in onderwerpen for p in o.aandachtspunten.all()]
        topics.choices = [(o.pk, o.naam) for o in onderwerpen]


class KetenForm(forms.Form):
    naam = tekstveld(_("Naam van de keten"))
    stroom = tekstveld(_("Stroom (bijv. afvalstroom of euralcode)"), verplicht=False)
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs=VLAK))


class SchakelForm(forms.Form):
    vth_object = objectveld()
    rol = keuzeveld(_("Rol in de keten"), Ketenschakel.Rol.choices)


class KetenactieForm(forms.Form):
    naam = tekstveld(_("Naam van de actie"))
    van = datumveld(_("Van"))
    tot = datumveld(_("Tot en met"))

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("van") and gegevens.get("tot") and gegevens["tot"] < gegevens["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return gegevens


class KetendelingForm(forms.Form):
    """The actor's organisation shares its chain findings with a partner (a sharing agreement, audited)."""

    ontvanger = forms.TypedChoiceField(label=_("Delen met"), choices=(), coerce=int, widget=forms.Select(attrs=KEUZE))
    plafond = keuzeveld(
        _("Tot en met vertrouwelijkheid"),
        [(v.value, v.label) for v in (Vertrouwelijkheid.INTERN, Vertrouwelijkheid.VERTROUWELIJK)],
    )
    grondslag = tekstveld(_("Wettelijke grondslag"), max_length=500)

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ontvanger"].choices = [(o.pk, o.naam) for o in partners]
