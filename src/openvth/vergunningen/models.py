"""Requests (CIM VERZOEK), the procedure that decides on them, the decisions (BESLUIT), the permissions they grant
(TOESTEMMING) with their conditions (voorschriften), and the letters of a case (issue 15, docs/vergunningen.md).

A Verzoek is identified by Verzoeknummer + Verzoekvolgnummer (CIM): a supplement or a withdrawal is a new
volgnummer of the same number, never a change of an earlier one. Its kind (`soort`) is one of the four CIM request
kinds, chosen by the STAM Plichttype (CIM §5.3 rule 12); a toestemmingsaanvraag names what permission it asks for
(`subsoort`). The competent authority and the executing service are derived from the location and the activities
as the register derives them (`register.bevoegdheid`), and `afleiding` keeps why.

Access: a Verzoek carries the policy fields itself (bevoegd gezag, uitvoerder, vertrouwelijkheid; its municipality
through its location); a Verzoekactiviteit reads them through `verzoek__…` (see apps.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Organisatie, Vertrouwelijkheid


class Verzoeksoort(models.TextChoices):
    """The four CIM request kinds (VERZOEK is ingediend d.m.v.)."""

    TOESTEMMINGSAANVRAAG = "toestemmingsaanvraag", _("toestemmingsaanvraag")
    ACTIVITEITMELDING = "activiteitmelding", _("activiteitmelding")
    ACTIVITEITINFORMATIE = "activiteitinformatie", _("activiteitinformatie")
    INFORMATIE_ONGEWOON_VOORVAL = "informatie_ongewoon_voorval", _("informatie ongewoon voorval")


class Aanvraagsoort(models.TextChoices):
    """What a toestemmingsaanvraag asks for (STAM Plichttype: aanvraag vergunning, maatwerkvoorschrift,
    toestemming gelijkwaardige maatregel)."""

    OMGEVINGSVERGUNNING = "omgevingsvergunning", _("omgevingsvergunning")
    MAATWERKVOORSCHRIFT = "maatwerkvoorschrift", _("maatwerkvoorschrift")
    GELIJKWAARDIGE_MAATREGEL = "gelijkwaardige_maatregel", _("gelijkwaardige maatregel")


class Verzoekdoel(models.TextChoices):
    """STAM `Doel` of a VERZOEK: the first volgnummer submits, later ones supplement or withdraw."""

    INDIENEN = "indienen", _("indienen")
    AANVULLEN = "aanvullen", _("aanvullen")
    INTREKKEN = "intrekken", _("intrekken")


class Verzoekbron(models.TextChoices):
    """How the request reached us."""

    FORMULIER = "formulier", _("formulier")
    API = "api", "API"
    OMGEVINGSLOKET = "omgevingsloket", _("Omgevingsloket")


class Verzoekstatus(models.TextChoices):
    """Where a request stands in its procedure (`procedure.py` holds the table of steps between them)."""

    ONTVANGEN = "ontvangen", _("ontvangen")
    IN_BEHANDELING = "in_behandeling", _("in behandeling")
    OPGESCHORT = "opgeschort", _("opgeschort (aanvulling gevraagd)")
    TER_INZAGE = "ter_inzage", _("ontwerpbesluit ter inzage")
    BESLOTEN = "besloten", _("besloten")
    ONHERROEPELIJK = "onherroepelijk", _("onherroepelijk")
    AFGEHANDELD = "afgehandeld", _("afgehandeld")
    BUITEN_BEHANDELING = "buiten_behandeling", _("buiten behandeling gesteld")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


OPEN_STATUSSEN = (
    Verzoekstatus.ONTVANGEN,
    Verzoekstatus.IN_BEHANDELING,
    Verzoekstatus.OPGESCHORT,
    Verzoekstatus.TER_INZAGE,
)
"""A request in one of these still awaits its decision: its decision period runs, is suspended, or has passed."""


class Procedure(models.TextChoices):
    """Ow afdeling 16.5: the regular procedure (par. 16.5.2) or the extended one (Awb afdeling 3.4, Ow art. 16.65)."""

    REGULIER = "regulier", _("reguliere voorbereidingsprocedure")
    UITGEBREID = "uitgebreid", _("uitgebreide voorbereidingsprocedure (Awb afdeling 3.4)")


class Verzoek(models.Model):
    """One volgnummer of a request as received: its kind, place, applicant, activities and who handles it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verzoeknummer = models.CharField(
        max_length=13, help_text=_("Omgevingsloket: jjjjmmdd99999; anders RSIN en volgnummer")
    )
    verzoekvolgnummer = models.CharField(max_length=3, help_text=_("001 voor het verzoek, hoger voor aanvullingen"))
    soort = models.CharField(max_length=30, choices=Verzoeksoort.choices)
    subsoort = models.CharField(max_length=30, choices=Aanvraagsoort.choices, blank=True)
    doel = models.CharField(max_length=10, choices=Verzoekdoel.choices, default=Verzoekdoel.INDIENEN)
    ontvangen_op = models.DateField(help_text=_("de dag van ontvangst: daarna loopt de beslistermijn"))
    omschrijving = models.TextField(blank=True)
    aanvrager = models.ForeignKey(
        "register.Betrokkene", on_delete=models.PROTECT, related_name="verzoeken", help_text=_("CIM: initiatiefnemer")
    )
    locatie = models.ForeignKey("register.Locatie", on_delete=models.PROTECT, related_name="verzoeken")
    bevoegd_gezag = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    uitvoerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    afleiding = models.TextField(help_text=_("waarom dit bevoegd gezag en deze uitvoerder"))
    vertrouwelijkheid = models.CharField(
        max_length=20, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.INTERN, db_index=True
    )
    bijlagen = models.JSONField(default=list, blank=True, help_text=_("naam, mediatype en SHA-256 per bijlage"))
    bron = models.CharField(max_length=20, choices=Verzoekbron.choices)
    bericht = models.JSONField(null=True, blank=True, help_text=_("het ontvangen bericht, zoals het binnenkwam"))
    bericht_sha256 = models.CharField(max_length=64, blank=True, help_text=_("SHA-256 van het bericht"))
    status = models.CharField(max_length=20, choices=Verzoekstatus.choices, default=Verzoekstatus.ONTVANGEN)
    geregistreerd_op = models.DateTimeField(auto_now_add=True)
    # The procedure, on the first volgnummer only (a supplement or withdrawal belongs to it: `procedure.py`).
    vth_object = models.ForeignKey(
        "register.VthObject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("het VTH-object waarop het besluit de registratie bijwerkt"),
    )
    procedure = models.CharField(max_length=12, choices=Procedure.choices, blank=True)
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    instemming_vereist = models.BooleanField(
        default=False, help_text=_("het voorgenomen besluit behoeft instemming (Ow art. 16.16): 12 weken")
    )
    verlenging_weken = models.PositiveSmallIntegerField(default=0)
    beslistermijn_tot = models.DateField(
        null=True, blank=True, help_text=_("laatste dag van de beslistermijn, berekend met regels/termijnen")
    )
    termijn_motivering = models.TextField(blank=True)
    aanvang_activiteit = models.DateField(null=True, blank=True, help_text=_("bij een melding: beoogd begin"))
    te_laat_gemeld = models.BooleanField(default=False)
    afgehandeld_op = models.DateField(null=True, blank=True)
    tijdig = models.BooleanField(null=True, blank=True, help_text=_("besloten binnen de beslistermijn"))
    ingebreke_gesteld_op = models.DateField(
        null=True, blank=True, help_text=_("ingebrekestelling wegens niet tijdig beslissen (Awb 4:17 lid 3)")
    )

    class Meta:
        verbose_name = _("verzoek")
        verbose_name_plural = _("verzoeken")
        ordering = ["-ontvangen_op", "-id"]
        indexes = [
            models.Index(fields=["bevoegd_gezag", "id"], name="verzoek_bevoegd_gezag_id"),
            models.Index(fields=["uitvoerder", "id"], name="verzoek_uitvoerder_id"),
            # The deadline view: open requests of an organisation by the last day of their period.
            models.Index(fields=["uitvoerder", "status", "beslistermijn_tot"], name="verzoek_uitvoerder_termijn"),
            models.Index(fields=["bevoegd_gezag", "status", "beslistermijn_tot"], name="verzoek_gezag_termijn"),
            # Timeliness per authority and year: the decided requests of a year by the day they were decided.
            models.Index(fields=["afgehandeld_op", "bevoegd_gezag"], name="verzoek_afgehandeld_gezag"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["verzoeknummer", "verzoekvolgnummer"], name="verzoek_nummer_volgnummer"),
            models.CheckConstraint(
                condition=Q(soort="toestemmingsaanvraag", subsoort__gt="")
                | (~Q(soort="toestemmingsaanvraag") & Q(subsoort="")),
                name="verzoek_subsoort_alleen_bij_toestemmingsaanvraag",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verzoeknummer}-{self.verzoekvolgnummer} {self.get_soort_display()}"


class Verzoekactiviteit(models.Model):
    """An activity of the catalogue that a request concerns (CIM: betreft uitvoering van type van ACTIVITEIT)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verzoek = models.ForeignKey(Verzoek, on_delete=models.PROTECT, related_name="activiteiten")
    activiteit = models.ForeignKey("register.Activiteit", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("verzoekactiviteit")
        verbose_name_plural = _("verzoekactiviteiten")
        ordering = ["verzoek_id", "activiteit__code"]
        constraints = [models.UniqueConstraint(fields=["verzoek", "activiteit"], name="verzoekactiviteit_uniek")]

    def __str__(self) -> str:
        return f"{self.verzoek} — {self.activiteit.code}"


class Procedurestap(models.Model):
    """One step of a request's procedure as it was set: the table row (`handeling`), its day, input and reasons."""

    verzoek = models.ForeignKey(Verzoek, on_delete=models.PROTECT, related_name="stappen")
    handeling = models.CharField(max_length=40)
    van = models.CharField(max_length=20, choices=Verzoekstatus.choices)
    naar = models.CharField(max_length=20, choices=Verzoekstatus.choices)
    datum = models.DateField()
    gegevens = models.JSONField(default=dict, blank=True)
    motivering = models.TextField(blank=True, help_text=_("de grondslag en de berekende termijnen"))
    gezet_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["verzoek", "datum", "id"]

    def __str__(self) -> str:
        return f"{self.verzoek_id} {self.handeling} {self.datum:%d-%m-%Y}"


class Aanvullingsverzoek(models.Model):
    """The applicant was asked to supplement the request (Awb 4:5): the period is suspended from the day after
    until the day it is supplemented or the time given lapses unused (Awb 4:15 lid 1 onder a)."""

    verzoek = models.ForeignKey(Verzoek, on_delete=models.PROTECT, related_name="aanvullingsverzoeken")
    gevraagd_op = models.DateField()
    aanvullen_voor = models.DateField(help_text=_("laatste dag van de termijn die de aanvrager kreeg"))
    omschrijving = models.TextField(help_text=_("welke gegevens en bescheiden ontbreken"))
    aangevuld_op = models.DateField(null=True, blank=True)
    ongebruikt = models.BooleanField(default=False, help_text=_("de termijn verstreek zonder aanvulling"))
    aanvulling = models.ForeignKey(
        Verzoek, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text=_("het volgnummer")
    )

    class Meta:
        ordering = ["verzoek", "gevraagd_op", "id"]

    def __str__(self) -> str:
        return f"aanvulling {self.verzoek_id} gevraagd {self.gevraagd_op:%d-%m-%Y}"

    @property
    def open(self) -> bool:
        return self.aangevuld_op is None and not self.ongebruikt


class Adviessoort(models.TextChoices):
    ADVIES = "advies", _("advies (Ow art. 16.15)")
    INSTEMMING = "instemming", _("instemming (Ow art. 16.16)")


class Adviesuitkomst(models.TextChoices):
    ADVIES = "advies", _("advies gegeven")
    INSTEMMING = "instemming", _("instemming verleend")
    WEIGERING = "weigering", _("instemming geweigerd")
    GEEN_REACTIE = "geen_reactie", _("geen reactie binnen de termijn")


class Adviesverzoek(models.Model):
    """Another body is asked for advice or consent on the intended decision, with its own period."""

    verzoek = models.ForeignKey(Verzoek, on_delete=models.PROTECT, related_name="adviesverzoeken")
    adviseur = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(max_length=12, choices=Adviessoort.choices)
    grondslag = models.CharField(max_length=300, help_text=_("het artikel dat advies of instemming voorschrijft"))
    gevraagd_op = models.DateField()
    reageren_voor = models.DateField()
    beantwoord_op = models.DateField(null=True, blank=True)
    uitkomst = models.CharField(max_length=14, choices=Adviesuitkomst.choices, blank=True)
    toelichting = models.TextField(blank=True)

    class Meta:
        ordering = ["verzoek", "gevraagd_op", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.adviseur} op {self.verzoek_id}"


class Besluitsoort(models.TextChoices):
    """What a decision does with a TOESTEMMING (CIM BESLUIT)."""

    VERLENEN = "verlenen", _("verlenen")
    WIJZIGEN = "wijzigen", _("wijzigen")
    REVISIE = "revisie", _("revisie (alle voorschriften opnieuw)")
    WEIGEREN = "weigeren", _("weigeren")
    INTREKKEN = "intrekken", _("intrekken")


class Besluitstatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd (vier ogen)")
    TER_INZAGE = "ter_inzage", _("ontwerp ter inzage")
    BEKENDGEMAAKT = "bekendgemaakt", _("genomen en bekendgemaakt")
    ONHERROEPELIJK = "onherroepelijk", _("onherroepelijk")
    VERVALLEN = "vervallen", _("vervallen")


class Besluit(models.Model):
    """A decision on a request, or its draft (`ontwerp`, Awb 3:11): drafted by one officer, approved by another
    (four eyes), signed under the mandate register and made known; then the objection period runs (Awb 6:7)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verzoek = models.ForeignKey(Verzoek, on_delete=models.PROTECT, related_name="besluiten")
    soort = models.CharField(max_length=12, choices=Besluitsoort.choices)
    ontwerp = models.BooleanField(default=False, help_text=_("ontwerpbesluit (Awb 3:11), geen besluit"))
    status = models.CharField(max_length=16, choices=Besluitstatus.choices, default=Besluitstatus.CONCEPT)
    kenmerk = models.CharField(max_length=40, unique=True)
    motivering = models.TextField(help_text=_("de deugdelijke motivering (Awb 3:46)"))
    betreft_toestemming = models.ForeignKey(
        "Toestemming",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wijzigingsbesluiten",
        help_text=_("bij wijzigen, revisie of intrekken: de toestemming die het besluit verandert"),
    )
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opgesteld_op = models.DateTimeField(auto_now_add=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)
    ondertekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    persoonsmandaat = models.ForeignKey(
        "organisaties.Persoonsmandaat", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bekendgemaakt_op = models.DateField(null=True, blank=True, help_text=_("bij een ontwerp: dag van terinzagelegging"))
    zienswijzen_tot = models.DateField(null=True, blank=True)
    in_werking_op = models.DateField(null=True, blank=True)
    bezwaartermijn_tot = models.DateField(null=True, blank=True)
    bezwaar_ontvangen_op = models.DateField(null=True, blank=True)
    onherroepelijk_op = models.DateField(null=True, blank=True)
    termijn_motivering = models.TextField(blank=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["verzoek", "id"]
        indexes = [models.Index(fields=["status", "bezwaartermijn_tot"], name="besluit_status_bezwaar")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="goedgekeurd") | ~Q(goedgekeurd_door=F("opgesteld_door")),
                name="besluit_vier_ogen",
            ),
        ]

    def __str__(self) -> str:
        return f"{'ontwerp' if self.ontwerp else 'besluit'} {self.kenmerk}"

    @property
    def vertrouwelijkheid(self) -> str:
        """As confidential as its request: the access log reads it (ADR 0023)."""
        return self.verzoek.vertrouwelijkheid


class Toestemmingstatus(models.TextChoices):
    VAN_KRACHT = "van_kracht", _("van kracht")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class Toestemming(models.Model):
    """CIM TOESTEMMING: the permission a decision granted for activities at a VTH-object, with its conditions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    soort = models.CharField(max_length=30, choices=Aanvraagsoort.choices)
    kenmerk = models.CharField(max_length=40, unique=True, help_text=_("het kenmerk van het verlenende besluit"))
    vth_object = models.ForeignKey("register.VthObject", on_delete=models.PROTECT, related_name="+")
    bevoegd_gezag = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    uitvoerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    vertrouwelijkheid = models.CharField(
        max_length=20, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.INTERN
    )
    activiteiten = models.ManyToManyField("register.Activiteit", related_name="+")
    verleend_bij = models.OneToOneField(Besluit, on_delete=models.PROTECT, related_name="verleende_toestemming")
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True, help_text=_("exclusief; gezet bij intrekking"))
    status = models.CharField(max_length=12, choices=Toestemmingstatus.choices, default=Toestemmingstatus.VAN_KRACHT)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-geldig_vanaf", "id"]
        indexes = [models.Index(fields=["vth_object", "geldig_vanaf"], name="toestemming_object_vanaf")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.kenmerk}"


class Voorschrift(models.Model):
    """A condition (voorschrift) of a decision; once the decision is in force it belongs to the permission and
    applies from `geldig_vanaf` until a later decision changes or ends it (`geldig_tot`, exclusive)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    besluit = models.ForeignKey(Besluit, on_delete=models.PROTECT, related_name="voorschriften")
    toestemming = models.ForeignKey(
        Toestemming, on_delete=models.PROTECT, null=True, blank=True, related_name="voorschriften"
    )
    nummer = models.CharField(max_length=20, help_text=_("zoals in het besluit: 1, 1.2, 3a"))
    tekst = models.TextField()
    activiteit = models.ForeignKey(
        "register.Activiteit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geldig_vanaf = models.DateField(null=True, blank=True)
    geldig_tot = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("voorschrift")
        verbose_name_plural = _("voorschriften")
        ordering = ["besluit", "id"]
        constraints = [models.UniqueConstraint(fields=["besluit", "nummer"], name="voorschrift_nummer_uniek")]

    def __str__(self) -> str:
        return f"voorschrift {self.nummer} ({self.besluit.kenmerk})"

    @property
    def vertrouwelijkheid(self) -> str:
        """As confidential as its request: the access log reads it (ADR 0023)."""
        return self.besluit.verzoek.vertrouwelijkheid


class Briefsoort(models.TextChoices):
    ONTVANGSTBEVESTIGING = "ontvangstbevestiging", _("ontvangstbevestiging (Awb 4:3a)")
    AANVULLING = "aanvulling", _("verzoek om aanvulling (Awb 4:5)")
    VERLENGING = "verlenging", _("verlenging van de beslistermijn")
    ONTWERPBESLUIT = "ontwerpbesluit", _("ontwerpbesluit (Awb 3:11)")
    BESLUIT = "besluit", _("besluit")
    KENNISGEVING = "kennisgeving", _("kennisgeving (Awb 3:12, 3:42)")


class Brief(models.Model):
    """A letter of a request as it was sent: its HTML and PDF are frozen at sending (the file the reader got)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verzoek = models.ForeignKey(Verzoek, on_delete=models.PROTECT, related_name="brieven")
    besluit = models.ForeignKey(Besluit, on_delete=models.PROTECT, null=True, blank=True, related_name="brieven")
    soort = models.CharField(max_length=24, choices=Briefsoort.choices)
    kenmerk = models.CharField(max_length=50)
    datum = models.DateField()
    onderwerp = models.CharField(max_length=300)
    html = models.TextField()
    pdf = models.BinaryField()
    gemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ondertekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    persoonsmandaat = models.ForeignKey(
        "organisaties.Persoonsmandaat", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["verzoek", "datum", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.kenmerk}"

    @property
    def vertrouwelijkheid(self) -> str:
        """As confidential as its request: the access log reads it (ADR 0023)."""
        return self.verzoek.vertrouwelijkheid
