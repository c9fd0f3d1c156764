"""Risk-based supervision, named after the CIM VTH FLo where it has names: Controle, Bevinding.

The flow: a regional Risicomodelversie (the data of `regels/risico.py`) → a Risicoanalyse run scoring every
VTH-object of the region (Risicoscore, with breakdown) → the yearly Uitvoeringsprogramma (Programmataak rows
within the Capaciteit per expertise) → Controles carried out by inspectors (Bevindingen per checklist point,
Bijlagen) → a non-compliant Bevinding creates or joins a `handhaving.Overtreding`; a hercontrole is a new
Controle linked to that violation. Ketens link VTH-objects of several organisations (ketentoezicht).

Access: Controle carries the policy fields itself; Bevinding and Bijlage read them through `controle__…`.
Risk analyses and programmes are planning products of one organisation (see selectors.py for who reads them).

Storage of scores (ADR 0016): a Risicoscore row holds the numbers (score, class, frequency) in columns and the
breakdown as a packed little-endian float32 vector (`uitsplitsing`, see `UITSPLITSING`), because formatting
JSON for 500,000 rows costs more than the whole risk computation; the selectors unpack it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Organisatie, Taakcategorie
from openvth.register.models import ZaakOpObject


class Risicomodelversie(models.Model):
    """One version of a region's risk model; `services.risicomodel_vastleggen` validates the JSON first."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    regio = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("leeg: landelijk model (alleen voor landelijke analyses vanaf de opdrachtregel)"),
    )
    versie = models.CharField(max_length=60)
    definitie = models.JSONField()
    geldig_vanaf = models.DateField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["regio", "-geldig_vanaf"]
        constraints = [models.UniqueConstraint(fields=["regio", "versie"], name="risicomodel_versie_uniek")]

    def __str__(self) -> str:
        return f"{self.regio} {self.versie}"


class Risicoanalyse(models.Model):
    """One run of the risk model over all VTH-objects of a region, kept with model version and date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    regio = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text=_("leeg: landelijk")
    )
    modelversie = models.ForeignKey(Risicomodelversie, on_delete=models.PROTECT, related_name="analyses")
    peildatum = models.DateField()
    vorige = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    aantal = models.PositiveIntegerField(default=0)
    verdeling = models.JSONField(default=dict, help_text=_("aantal objecten per risicoklasse"))
    gegevens = models.JSONField(
        default=dict, help_text=_("welke kenmerken gemeten, afgeleid of onbekend waren (datakwaliteit)")
    )
    vergelijking = models.JSONField(default=dict, help_text=_("verschil met de vorige analyse van de regio"))
    duur_s = models.FloatField(default=0)
    uitgevoerd_op = models.DateTimeField(auto_now_add=True)
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-uitgevoerd_op", "-id"]

    def __str__(self) -> str:
        return f"risicoanalyse {self.regio} {self.peildatum:%d-%m-%Y}"


# The packed breakdown of a Risicoscore: for each criterion of `regels.risico` (IMPACTCRITERIA, then
# PRESTATIECRITERIA) its value in [0, 1] and its contribution to the score, then the homes counted within 250 m
# and the number of violations in the compliance history: 2 × 9 + 2 = 20 float32 values, 80 bytes.
UITSPLITSING = ("waarden", "bijdragen", "woningen_250m", "overtredingen")
UITSPLITSING_LENGTE = 20


class Risicoscore(models.Model):
    """One VTH-object's score in one run; `uitsplitsing` holds the packed breakdown (see UITSPLITSING)."""

    # One index besides the primary key (ADR 0016): each index is maintained for every one of 500,000 rows a run,
    # and an index on the score (random order) doubled the write time; "top N" sorts one run's rows instead. The
    # references to register rows carry no database constraint (a per-row lookup on insert, +70 % write time):
    # the run reads those ids from their tables in the same transaction, and PROTECT is enforced by the ORM.
    analyse = models.ForeignKey(Risicoanalyse, on_delete=models.CASCADE, related_name="scores", db_index=False)
    vth_object = models.ForeignKey(
        "register.VthObject", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    bevoegd_gezag = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    activiteit = models.ForeignKey(
        "register.Activiteit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
        help_text=_("de activiteit met het hoogste basisrisico op het object"),
    )
    score = models.FloatField()
    klasse = models.PositiveSmallIntegerField()
    frequentie_maanden = models.PositiveSmallIntegerField()
    ied = models.BooleanField(default=False)
    basistaak = models.BooleanField(default=True)
    uitsplitsing = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["analyse", "vth_object"], name="risicoscore_uniek")]

    def __str__(self) -> str:
        return f"{self.vth_object_id}: {self.score:.1f} (klasse {self.klasse})"


class Uitvoeringsprogramma(models.Model):
    """The yearly execution programme of one service (or authority), generated from a risk analysis."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        VASTGESTELD = "vastgesteld", _("vastgesteld")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uitvoerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    risicoanalyse = models.ForeignKey(Risicoanalyse, on_delete=models.PROTECT, related_name="programmas")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)
    verslag = models.JSONField(default=dict, help_text=_("wat is ingepland en wat niet paste, per expertise"))
    vastgesteld_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["uitvoerder", "-jaar"]
        constraints = [models.UniqueConstraint(fields=["uitvoerder", "jaar"], name="programma_een_per_jaar")]

    def __str__(self) -> str:
        return f"uitvoeringsprogramma {self.uitvoerder} {self.jaar}"


class Capaciteit(models.Model):
    """Available VTH-hours of the service per expertise area for the programme year."""

    programma = models.ForeignKey(Uitvoeringsprogramma, on_delete=models.CASCADE, related_name="capaciteit")
    expertise = models.CharField(max_length=60)
    uren = models.DecimalField(max_digits=10, decimal_places=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programma", "expertise"], name="capaciteit_uniek")]

    def __str__(self) -> str:
        return f"{self.expertise}: {self.uren} uur"


class Programmataak(models.Model):
    """One planned inspection in the programme; a planner's removal keeps the row (`vervallen_op`) for the audit."""

    class Bron(models.TextChoices):
        RISICOANALYSE = "risicoanalyse", _("risicoanalyse")
        HANDMATIG = "handmatig", _("handmatig toegevoegd")
        MELDING = "melding", _("controle na melding")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Generated in bulk like Risicoscore (ADR 0016): no database constraint on the register references.
    programma = models.ForeignKey(Uitvoeringsprogramma, on_delete=models.CASCADE, related_name="taken")
    vth_object = models.ForeignKey(
        "register.VthObject", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    bevoegd_gezag = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    taakcategorie = models.CharField(max_length=20, choices=Taakcategorie.choices)
    expertise = models.CharField(max_length=60)
    inspectietype = models.CharField(max_length=60)
    maand = models.PositiveSmallIntegerField(help_text=_("geplande maand, 1–12"))
    normuren = models.DecimalField(max_digits=7, decimal_places=1)
    risicoklasse = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    bron = models.CharField(max_length=20, choices=Bron.choices)
    vervallen_op = models.DateTimeField(null=True, blank=True)
    vervallen_reden = models.CharField(max_length=300, blank=True)
    melding = models.ForeignKey(
        "vergunningen.Verzoek",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("bij een controle na melding: de afgehandelde melding die de taak voorstelde"),
    )

    class Meta:
        ordering = ["programma", "maand", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(maand__gte=1, maand__lte=12), name="taak_maand_1_12"),
            # A melding proposes one task: accepting it twice (two planners, two programmes) is refused here too.
            models.UniqueConstraint(
                fields=["melding"], condition=Q(melding__isnull=False), name="taak_een_per_melding"
            ),
            models.CheckConstraint(
                condition=Q(bron="melding", melding__isnull=False) | (~Q(bron="melding") & Q(melding__isnull=True)),
                name="taak_melding_alleen_bij_bron_melding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspectietype} {self.vth_object_id} ({self.maand})"


class Reden(models.TextChoices):
    """Reason for a Controle (CIM, DOMAIN.md §5)."""

    PROGRAMMA = "programma", _("uitvoeringsprogramma")
    PROJECT = "project", _("project")
    INCIDENT = "incident", _("incident")
    MELDING = "melding", _("melding")
    INFORMATIE = "informatie", _("informatie ontvangen")
    HANDHAVINGSVERZOEK = "handhavingsverzoek", _("handhavingsverzoek")
    HERCONTROLE = "hercontrole", _("hercontrole na overtreding")


class Controletype(models.TextChoices):
    """CIM reference list `Controletype` (CIM-VTH-FLO.md §4)."""

    ADMINISTRATIEF = "administratieve controle", _("administratieve controle")
    AUDIT = "audit", _("audit")
    DIGITAAL = "digitale controle", _("digitale controle")
    HANDHAVING = "handhavingscontrole", _("handhavingscontrole")
    HERCONTROLE = "hercontrole", _("hercontrole")
    INCIDENTEEL = "incidentele controle", _("incidentele controle")
    MEETCONTROLE = "meetcontrole", _("meetcontrole")
    OPLEVERING = "opleveringscontrole", _("opleveringscontrole")
    PERIODIEK = "periodieke controle", _("periodieke controle")
    THEMA = "themacontrole", _("themacontrole")


class ControleStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    UITGEVOERD = "uitgevoerd", _("uitgevoerd")
    AFGEROND = "afgerond", _("afgerond")
    VERVALLEN = "vervallen", _("vervallen")


class Controle(ZaakOpObject):
    """One assessment of compliance at a VTH-object, on site or administrative."""

    vth_object = models.ForeignKey("register.VthObject", on_delete=models.PROTECT, related_name="controles")
    reden = models.CharField(max_length=30, choices=Reden.choices)
    toelichting = models.TextField(blank=True, help_text=_("aanleiding, bij een ad-hoc-controle verplicht"))
    controletype = models.CharField(max_length=40, choices=Controletype.choices, default=Controletype.PERIODIEK)
    aangekondigd = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=ControleStatus.choices, default=ControleStatus.GEPLAND)
    gepland_op = models.DateField()
    uitgevoerd_op = models.DateField(null=True, blank=True)
    toezichthouder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    programmataak = models.ForeignKey(
        Programmataak, on_delete=models.PROTECT, null=True, blank=True, related_name="controles"
    )
    overtreding = models.ForeignKey(
        "handhaving.Overtreding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hercontroles",
        help_text=_("bij een hercontrole: de overtreding die wordt gecontroleerd"),
    )
    ketenactie = models.ForeignKey("Ketenactie", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    uren_besteed = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    ied = models.BooleanField(default=False, help_text=_("IED-installatie: rapporttermijnen van art. 23 lid 6"))
    rapport_verzonden_op = models.DateField(null=True, blank=True)
    openbaar_gemaakt_op = models.DateField(null=True, blank=True)
    rapport_uiterlijk_op = models.DateField(
        null=True, blank=True, help_text=_("IED art. 23 lid 6: rapport aan de exploitant binnen twee maanden")
    )
    openbaar_uiterlijk_op = models.DateField(
        null=True, blank=True, help_text=_("IED art. 23 lid 6: openbaar binnen vier maanden")
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("controle")
        verbose_name_plural = _("controles")
        ordering = ["-gepland_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reden="hercontrole") | Q(overtreding__isnull=False), name="hercontrole_heeft_overtreding"
            )
        ]

    def __str__(self) -> str:
        return f"controle {self.vth_object_id} {self.gepland_op:%d-%m-%Y}"


class Controleonderwerp(models.Model):
    """CIM Controle-onderwerp: a checklist topic for activities whose catalogue code starts with `activiteitcode`."""

    activiteitcode = models.CharField(max_length=40, db_index=True)
    naam = models.CharField(max_length=200)
    volgorde = models.PositiveSmallIntegerField(default=0)
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["activiteitcode", "volgorde", "id"]

    def __str__(self) -> str:
        return self.naam


class Controleaandachtspunt(models.Model):
    """CIM Controle-aandachtspunt: one point to check under a topic, with the rule it checks."""

    onderwerp = models.ForeignKey(Controleonderwerp, on_delete=models.PROTECT, related_name="aandachtspunten")
    tekst = models.CharField(max_length=500)
    voorschrift = models.CharField(max_length=300, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["onderwerp", "volgorde", "id"]

    def __str__(self) -> str:
        return self.tekst


class Voorschriftkoppeling(models.Model):
    """A permit condition (vergunningen.Voorschrift) linked to the checklist item that checks it: a point of
    attention, or a whole topic. The next controle at the permit's site shows the condition under that item."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    voorschrift = models.ForeignKey("vergunningen.Voorschrift", on_delete=models.PROTECT, related_name="+")
    aandachtspunt = models.ForeignKey(
        Controleaandachtspunt, on_delete=models.PROTECT, null=True, blank=True, related_name="voorschriftkoppelingen"
    )
    onderwerp = models.ForeignKey(
        Controleonderwerp, on_delete=models.PROTECT, null=True, blank=True, related_name="voorschriftkoppelingen"
    )
    gekoppeld_op = models.DateTimeField(auto_now_add=True)
    gekoppeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("voorschriftkoppeling")
        verbose_name_plural = _("voorschriftkoppelingen")
        ordering = ["voorschrift", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aandachtspunt__isnull=False, onderwerp__isnull=True)
                | Q(aandachtspunt__isnull=True, onderwerp__isnull=False),
                name="voorschriftkoppeling_punt_of_onderwerp",
            ),
            models.UniqueConstraint(
                fields=["voorschrift", "aandachtspunt"],
                condition=Q(aandachtspunt__isnull=False),
                name="voorschriftkoppeling_punt_uniek",
            ),
            models.UniqueConstraint(
                fields=["voorschrift", "onderwerp"],
                condition=Q(onderwerp__isnull=False),
                name="voorschriftkoppeling_onderwerp_uniek",
            ),
        ]

    def __str__(self) -> str:
        return f"voorschrift {self.voorschrift_id} → {'punt ' if self.aandachtspunt_id else 'onderwerp '}" + str(
            self.aandachtspunt_id or self.onderwerp_id
        )


class ResultaatBevinding(models.TextChoices):
    """CIM `Resultaat bevinding` (DOMAIN.md §5)."""

    NAGELEEFD = "voorschriften_nageleefd", _("voorschriften nageleefd")
    AKKOORD_NA_AANWIJZING = "akkoord_na_aanwijzing", _("akkoord na aanwijzing")
    OVERTREDEN = "niet_akkoord", _("niet akkoord, voorschriften overtreden")
    NADER_ONDERZOEK = "nader_onderzoek", _("nader onderzoek noodzakelijk")
    NIET_VAN_TOEPASSING = "niet_van_toepassing", _("voorschriften niet van toepassing")


class Bevinding(models.Model):
    """One finding of a Controle; with a Bevindingoordeel (LHSO gedrag/gevolg) when not compliant."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controle = models.ForeignKey(Controle, on_delete=models.PROTECT, related_name="bevindingen")
    volgnummer = models.PositiveSmallIntegerField(help_text=_("CIM Bevinding-volgnummer, vanaf 1 binnen de controle"))
    aandachtspunt = models.ForeignKey(
        Controleaandachtspunt, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resultaat = models.CharField(max_length=30, choices=ResultaatBevinding.choices)
    omschrijving = models.TextField(blank=True)
    voorschrift = models.CharField(max_length=300, blank=True)
    vergunningvoorschrift = models.ForeignKey(
        "vergunningen.Voorschrift",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("het vergunningvoorschrift dat de bevinding noemt (van kracht op de controledatum)"),
    )
    gedrag = models.CharField(max_length=1, blank=True)
    gevolg = models.CharField(max_length=1, blank=True)
    overtreding = models.ForeignKey(
        "handhaving.Overtreding", on_delete=models.PROTECT, null=True, blank=True, related_name="bevindingen"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["controle", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["controle", "volgnummer"], name="bevinding_volgnummer_uniek"),
            models.CheckConstraint(condition=Q(gedrag__in=["", "A", "B", "C", "D"]), name="bevinding_gedrag_a_d"),
            models.CheckConstraint(condition=Q(gevolg__in=["", "1", "2", "3", "4"]), name="bevinding_gevolg_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.get_resultaat_display()}: {self.omschrijving[:60]}"

    @property
    def vertrouwelijkheid(self) -> str:
        return self.controle.vertrouwelijkheid


class Bijlage(models.Model):
    """A photo or document attached to a Controle or one of its findings (content type checked on upload)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controle = models.ForeignKey(Controle, on_delete=models.PROTECT, related_name="bijlagen")
    bevinding = models.ForeignKey(Bevinding, on_delete=models.PROTECT, null=True, blank=True, related_name="bijlagen")
    bestand = models.FileField(upload_to="bijlagen/%Y/%m/")
    naam = models.CharField(max_length=200)
    mediatype = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    toegevoegd_op = models.DateTimeField(auto_now_add=True)
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["controle", "id"]

    def __str__(self) -> str:
        return self.naam


class Certificering(models.TextChoices):
    """Environmental management system of the operator (IED art. 23 lid 4 onder c: EMAS)."""

    GEEN = "geen", _("geen")
    ISO14001 = "iso14001", _("ISO 14001")
    EMAS = "emas", _("EMAS")


class Risicokenmerk(models.Model):
    """Measured risk features of a VTH-object, as recorded by an inspector or imported; empty = unknown.

    Append-only: a new record supersedes the previous from `geldig_vanaf`; the risk analysis uses the newest one
    valid on its peildatum and falls back to the documented proxies (docs/toezicht.md) for what is empty.
    """

    vth_object = models.ForeignKey("register.VthObject", on_delete=models.PROTECT, related_name="+")
    emissieklasse = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("0–3"))
    ongevalsrisico = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("0–3"))
    zzs = models.BooleanField(null=True, blank=True, help_text=_("gebruik of emissie van zeer zorgwekkende stoffen"))
    certificering = models.CharField(max_length=10, choices=Certificering.choices, blank=True)
    woningen_250m = models.PositiveIntegerField(null=True, blank=True)
    bron = models.CharField(max_length=300)
    geldig_vanaf = models.DateField()
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["vth_object", "-geldig_vanaf", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(emissieklasse__lte=3), name="kenmerk_emissieklasse_0_3"),
            models.CheckConstraint(condition=Q(ongevalsrisico__lte=3), name="kenmerk_ongevalsrisico_0_3"),
        ]

    def __str__(self) -> str:
        return f"risicokenmerken {self.vth_object_id} vanaf {self.geldig_vanaf:%d-%m-%Y}"


class Vergunningbehandelaar(models.Model):
    """Who prepared a permit for a VTH-object: they may not inspect it (separation of functions)."""

    vth_object = models.ForeignKey("register.VthObject", on_delete=models.PROTECT, related_name="+")
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kenmerk = models.CharField(max_length=100, help_text=_("kenmerk van de vergunning of aanvraag"))
    datum = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vth_object", "gebruiker", "kenmerk"], name="vergunningbehandelaar_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker_id} bereidde {self.kenmerk} voor"


class Keten(models.Model):
    """A chain of VTH-objects across organisations, e.g. a waste stream from producer to processor."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(max_length=200)
    stroom = models.CharField(max_length=200, blank=True, help_text=_("bijv. afvalstroom of euralcode"))
    beheerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    omschrijving = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Ketenschakel(models.Model):
    """One link of a chain: a VTH-object in a role (producer, collector, transporter, processor)."""

    class KetenRol(models.TextChoices):
        PRODUCENT = "producent", _("ontdoener/producent")
        INZAMELAAR = "inzamelaar", _("inzamelaar")
        TRANSPORTEUR = "transporteur", _("vervoerder")
        VERWERKER = "verwerker", _("verwerker")
        ANDERS = "anders", _("anders")

    Rol = KetenRol  # the class's name is its OpenAPI schema name: "Rol" is organisaties.Rol (staff roles)

    keten = models.ForeignKey(Keten, on_delete=models.CASCADE, related_name="schakels")
    vth_object = models.ForeignKey("register.VthObject", on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(max_length=20, choices=Rol.choices)
    volgorde = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["keten", "volgorde"]
        constraints = [models.UniqueConstraint(fields=["keten", "vth_object"], name="ketenschakel_object_eenmaal")]

    def __str__(self) -> str:
        return f"{self.keten}: {self.get_rol_display()}"


class Ketenactie(models.Model):
    """A coordinated supervision action along one chain; its controles' findings are shared with the partners."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    keten = models.ForeignKey(Keten, on_delete=models.PROTECT, related_name="acties")
    naam = models.CharField(max_length=200)
    van = models.DateField()
    tot = models.DateField()

    class Meta:
        ordering = ["keten", "-van"]

    def __str__(self) -> str:
        return self.naam
