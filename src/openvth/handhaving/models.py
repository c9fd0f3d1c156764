"""Enforcement records, named after the CIM VTH FLo: Overtreding, Interventiepositionering, Handhavingsmaatregel.

An Overtreding (violation) is found at one VTH-object (and, where known, one activity execution); its position
in the LHSO matrix is an append-only history of Interventiepositioneringen (re-classification never overwrites).
A Handhavingsmaatregel (measure) follows the administrative route as a workflow (`workflow.py`); each step is a
Maatregelstap. A last onder dwangsom keeps a ledger of Verbeurten. The criminal-law route records the
Afstemmingsoverleg and shares single cases with OM and police through a Zaakdeling.

Access: Overtreding carries the policy fields itself (bevoegd gezag, uitvoerder, gemeente, vertrouwelijkheid);
everything hanging under it reads them through `overtreding__…` (see apps.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Organisatie, Vertrouwelijkheid
from openvth.register.models import ZaakOpObject


class Herkomst(models.TextChoices):
    """Where a violation was first seen."""

    BEVINDING = "bevinding", _("bevinding bij een controle")
    SIGNAAL = "signaal", _("signaal of klacht")
    EIGEN_WAARNEMING = "eigen_waarneming", _("eigen waarneming")


class Strategie(models.TextChoices):
    """CIM `Strategie` of an Interventiepositionering (DOMAIN.md §6)."""

    LHSO = "LHSO", "LHSO"
    LHS = "LHS", "LHS"
    LBR = "LBR", "LBR"
    ANDERS = "anders", _("anders")


class OvertredingStatus(models.TextChoices):
    GECONSTATEERD = "geconstateerd", _("geconstateerd")
    IN_BEHANDELING = "in_behandeling", _("in behandeling")
    OPGEHEVEN = "opgeheven", _("opgeheven")
    GEDOOGD = "gedoogd", _("gedoogd")
    AFGESLOTEN = "afgesloten", _("afgesloten")


class Overtreding(ZaakOpObject):
    """A violation of one rule at one VTH-object; the case that measures hang under."""

    vth_object = models.ForeignKey("register.VthObject", on_delete=models.PROTECT, related_name="overtredingen")
    herkomst = models.CharField(max_length=20, choices=Herkomst.choices)
    herkomst_referentie = models.CharField(
        max_length=100, blank=True, help_text=_("kenmerk van de bevinding of het signaal")
    )
    omschrijving = models.TextField()
    voorschrift = models.CharField(
        _("overtreden voorschrift"), max_length=300, help_text=_("artikel of vergunningvoorschrift (Awb 5:9)")
    )
    geconstateerd_op = models.DateField()
    plaats = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=20, choices=OvertredingStatus.choices, default=OvertredingStatus.GECONSTATEERD, db_index=True
    )
    hersteld_op = models.DateField(
        null=True,
        blank=True,
        help_text=_("CIM Hersteldatum: de dag waarop is vastgesteld dat de overtreding is beëindigd"),
    )
    afstemming_gewenst = models.BooleanField(
        _("voor afstemmingsoverleg"), default=False, help_text=_("gemarkeerd voor het overleg met OM en politie")
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    zaaknummer = models.CharField(
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("leesbaar zaaknummer, eenmaal toegekend: HH-jaar-volgnummer"),
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("overtreding")
        verbose_name_plural = _("overtredingen")
        ordering = ["-geconstateerd_op", "-id"]

    def __str__(self) -> str:
        return f"{self.voorschrift} ({self.geconstateerd_op:%d-%m-%Y})"

    def save(self, *args, **kwargs):
        """Assign the case number once, whatever route created the case: year of registration and the row number
        (unique across organisations, never reused, readable over the phone — unlike the UUID)."""
        super().save(*args, **kwargs)
        if not self.zaaknummer:
            self.zaaknummer = zaaknummer_voor(self.aangemaakt_op.year, self.pk)
            type(self).objects.filter(pk=self.pk, zaaknummer__isnull=True).update(zaaknummer=self.zaaknummer)


def zaaknummer_voor(jaar: int, volgnummer: int) -> str:
    return f"HH-{jaar}-{volgnummer:06d}"


class Interventiepositionering(models.Model):
    """One classification of a violation in the LHSO matrix; append-only, the newest is current."""

    overtreding = models.ForeignKey(Overtreding, on_delete=models.PROTECT, related_name="posities")
    gedrag = models.CharField(max_length=1, help_text=_("A–D: gedrag van de overtreder"))
    gevolg = models.CharField(max_length=1, help_text=_("1–4: gevolgen voor de fysieke leefomgeving"))
    strategie = models.CharField(max_length=10, choices=Strategie.choices, default=Strategie.LHSO)
    handhaving_geindiceerd = models.BooleanField(default=True)
    reden_geen_handhaving = models.TextField(blank=True)
    omstandigheden = models.JSONField(default=list, blank=True)
    oorspronkelijke_cel = models.CharField(
        max_length=2, blank=True, help_text=_("cel vóór verzwarende en verzachtende omstandigheden en recidive")
    )
    spoor = models.CharField(max_length=60)
    instrumenten = models.JSONField(default=list, blank=True)
    tabelversie = models.CharField(max_length=60)
    motivering = models.TextField()
    vastgesteld_op = models.DateTimeField(auto_now_add=True)
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("interventiepositionering")
        verbose_name_plural = _("interventieposities")
        ordering = ["overtreding", "-vastgesteld_op", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(gedrag__in=list("ABCD")), name="positie_gedrag_a_d"),
            models.CheckConstraint(condition=Q(gevolg__in=list("1234")), name="positie_gevolg_1_4"),
            models.CheckConstraint(
                condition=Q(handhaving_geindiceerd=True) | ~Q(reden_geen_handhaving=""),
                name="positie_reden_bij_geen_handhaving",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cel} ({self.tabelversie})"

    @property
    def cel(self) -> str:
        return f"{self.gedrag}{self.gevolg}"


class MaatregelStatus(models.TextChoices):
    """CIM `Status handhavingsmaatregel` (DOMAIN.md §6)."""

    OPGELEGD = "opgelegd", _("opgelegd")
    IN_UITVOERING = "in_uitvoering", _("in uitvoering")
    UITGEVOERD = "uitgevoerd", _("uitgevoerd")
    UITGEWERKT = "uitgewerkt", _("uitgewerkt")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class Fase(models.TextChoices):
    """Place of a measure in the administrative route; the allowed edges are the table in `workflow.py`."""

    WAARSCHUWING = "waarschuwing", _("waarschuwing")
    VOORNEMEN = "voornemen", _("voornemen")
    BESLUIT_LOD = "besluit_lod", _("besluit last onder dwangsom")
    BESLUIT_LOB = "besluit_lob", _("besluit last onder bestuursdwang")
    HERCONTROLE = "hercontrole", _("hercontrole: overtreding voortgezet")
    VERBEURD = "verbeurd", _("dwangsom verbeurd")
    BESTUURSDWANG = "bestuursdwang", _("bestuursdwang toegepast")
    GENOMEN = "genomen", _("maatregel genomen")
    GEDOOGD = "gedoogd", _("gedoogd")
    UITGEVOERD = "uitgevoerd", _("uitgevoerd")
    UITGEWERKT = "uitgewerkt", _("uitgewerkt")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class Handhavingsmaatregel(models.Model):
    """One measure on a violation; `fase` is its place in the workflow table, `status` the CIM status."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    overtreding = models.ForeignKey(Overtreding, on_delete=models.PROTECT, related_name="maatregelen")
    instrument = models.CharField(max_length=60, help_text=_("code uit de codelijst Handhavingsinstrument"))
    fase = models.CharField(max_length=40, choices=Fase.choices)
    status = models.CharField(
        max_length=20, choices=MaatregelStatus.choices, default=MaatregelStatus.OPGELEGD, db_index=True
    )
    herstellend = models.BooleanField(default=True, help_text=_("herstelsanctie in de zin van Awb 5:2"))
    omschrijving = models.TextField(blank=True)
    opgelegd_op = models.DateField(null=True, blank=True)
    zienswijze_tot = models.DateField(null=True, blank=True)
    begunstigingstermijn_tot = models.DateField(null=True, blank=True)
    hercontrole_op = models.DateField(null=True, blank=True)
    gedoogd_tot = models.DateField(null=True, blank=True, help_text=_("einde van de gedoogbeschikking"))
    beeindigd_op = models.DateField(null=True, blank=True)
    # A last onder dwangsom (Awb 5:32b): form, amount per unit/violation or lump sum, the mandatory maximum.
    dwangsom_vorm = models.CharField(max_length=20, blank=True)
    dwangsom_eenheid = models.CharField(max_length=10, blank=True)
    dwangsom_bedrag = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    dwangsom_maximum = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    dwangsom_strekking = models.CharField(max_length=60, blank=True, help_text=_("waartoe de last strekt (Awb 5:32a)"))
    begunstigingstermijn = models.CharField(max_length=10, blank=True, help_text=_("ISO 8601-duur, bijv. P4W"))
    spoedeisend = models.CharField(
        max_length=20, blank=True, help_text=_("Awb 5:31 lid 1 of 2: spoedeisend, zonder begunstigingstermijn")
    )
    bestuursdwang_toegepast_op = models.DateField(
        null=True, blank=True, help_text=_("Awb 5:31 lid 2: dag waarop terstond is toegepast; het besluit volgde")
    )
    motivering = models.TextField(blank=True)
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("handhavingsmaatregel")
        verbose_name_plural = _("handhavingsmaatregelen")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dwangsom_bedrag__isnull=True)
                | Q(dwangsom_maximum__isnull=False, dwangsom_maximum__gte=models.F("dwangsom_bedrag")),
                name="dwangsom_maximum_verplicht_en_niet_lager",
            ),
            models.CheckConstraint(
                condition=Q(dwangsom_bedrag__isnull=True) | Q(dwangsom_bedrag__gt=0), name="dwangsom_bedrag_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} — {self.overtreding}"

    @property
    def vertrouwelijkheid(self) -> str:
        """The violation's level: the access log and policy treat a measure like its case."""
        return self.overtreding.vertrouwelijkheid


class Maatregelstap(models.Model):
    """One transition of a measure through the workflow table: who, when, why, and the term it started."""

    maatregel = models.ForeignKey(Handhavingsmaatregel, on_delete=models.PROTECT, related_name="stappen")
    van = models.CharField(max_length=40, blank=True)
    naar = models.CharField(max_length=40)
    datum = models.DateField()
    termijn_tot = models.DateField(null=True, blank=True)
    termijn_soort = models.CharField(max_length=40, blank=True)
    instrument = models.CharField(max_length=60, blank=True, help_text=_("het instrument na deze stap"))
    artikel = models.CharField(max_length=300, blank=True, help_text=_("de grondslag van de overgang"))
    gegevens = models.JSONField(default=dict, blank=True, help_text=_("de opgegeven gegevens van de stap"))
    motivering = models.TextField(blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("maatregelstap")
        verbose_name_plural = _("maatregelstappen")
        ordering = ["maatregel", "geregistreerd_op", "id"]

    def __str__(self) -> str:
        return f"{self.van or '—'} → {self.naar} ({self.datum:%d-%m-%Y})"


class Verbeurte(models.Model):
    """A forfeiture of a dwangsom (per unit of time or per violation) and its collection (Awb 5:33–5:37, 4:112)."""

    maatregel = models.ForeignKey(Handhavingsmaatregel, on_delete=models.PROTECT, related_name="verbeurten")
    datum = models.DateField(help_text=_("dag van verbeurte (bij een blok tijdseenheden: de laatste)"))
    verbeurd_vanaf = models.DateField(
        null=True, blank=True, help_text=_("eerste dag van een blok tijdseenheden; de verjaring telt hiervandaan")
    )
    aantal = models.PositiveIntegerField(default=1, help_text=_("tijdseenheden of overtredingen"))
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)
    betalen_voor = models.DateField(help_text=_("Awb 5:33: zes weken na verbeurte"))
    verjaart_op = models.DateField(help_text=_("Awb 5:35: een jaar na verbeurte"))
    verjaring_verlengd = models.BooleanField(
        default=False,
        help_text=_(
            "Awb 5:35 lid 2 / 5:37a lid 4: op verjaart_op loopt een rechtsmiddel of schorsing; de termijn "
            "loopt door tot daarop onherroepelijk is beslist"
        ),
    )
    invorderingsbeschikking_op = models.DateField(null=True, blank=True)
    aanmaning_op = models.DateField(null=True, blank=True)
    aanmaning_betalen_voor = models.DateField(null=True, blank=True, help_text=_("Awb 4:112: twee weken"))
    dwangbevel_op = models.DateField(null=True, blank=True)
    betaald_op = models.DateField(null=True, blank=True)
    geconstateerd_bij = models.CharField(max_length=100, blank=True, help_text=_("kenmerk van de hercontrole"))
    motivering = models.TextField(blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verbeurte")
        verbose_name_plural = _("verbeurten")
        ordering = ["maatregel", "datum", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="verbeurte_bedrag_positief"),
            # Awb 5:37: the invorderingsbeschikking precedes the aanmaning.
            models.CheckConstraint(
                condition=Q(aanmaning_op__isnull=True)
                | Q(invorderingsbeschikking_op__isnull=False, aanmaning_op__gte=models.F("invorderingsbeschikking_op")),
                name="verbeurte_invordering_voor_aanmaning",
            ),
            # Awb 4:117 lid 1: a dwangbevel only after the aanmaning.
            models.CheckConstraint(
                condition=Q(dwangbevel_op__isnull=True)
                | Q(aanmaning_op__isnull=False, dwangbevel_op__gte=models.F("aanmaning_op")),
                name="verbeurte_aanmaning_voor_dwangbevel",
            ),
        ]

    def __str__(self) -> str:
        return f"verbeurte {self.datum:%d-%m-%Y}: € {self.bedrag}"


class Rechtsmiddelsoort(models.TextChoices):
    BEZWAAR = "bezwaar", _("bezwaar")
    BEROEP = "beroep", _("beroep")
    HOGER_BEROEP = "hoger_beroep", _("hoger beroep")
    VOORLOPIGE_VOORZIENING = "voorlopige_voorziening", _("voorlopige voorziening")


class Rechtsmiddeluitkomst(models.TextChoices):
    GEGROND = "gegrond", _("gegrond")
    DEELS_GEGROND = "deels_gegrond", _("deels gegrond")
    ONGEGROND = "ongegrond", _("ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("niet-ontvankelijk")
    INGETROKKEN = "ingetrokken", _("ingetrokken")
    TOEGEWEZEN = "toegewezen", _("toegewezen (voorlopige voorziening)")
    AFGEWEZEN = "afgewezen", _("afgewezen (voorlopige voorziening)")


class Rechtsmiddel(models.Model):
    """An objection, appeal or request for a provisional measure against a measure (Awb 6:4, 8:1, 8:81).

    It extends the limitation of a forfeited dwangsom while open or pending (Awb 5:35 lid 2); it does not suspend the
    order or its collection (Awb 6:16), unless the court grants a provisional measure (`toegewezen`, until
    `geschorst_tot` or further notice), which also extends the limitation by its duration (Awb 5:37a lid 4).
    """

    maatregel = models.ForeignKey(Handhavingsmaatregel, on_delete=models.PROTECT, related_name="rechtsmiddelen")
    soort = models.CharField(max_length=30, choices=Rechtsmiddelsoort.choices)
    ingediend_op = models.DateField()
    beslist_op = models.DateField(null=True, blank=True, help_text=_("leeg: aanhangig"))
    uitkomst = models.CharField(max_length=20, choices=Rechtsmiddeluitkomst.choices, blank=True)
    geschorst_tot = models.DateField(
        null=True, blank=True, help_text=_("voorlopige voorziening toegewezen: invordering geschorst tot en met")
    )
    kenmerk = models.CharField(max_length=100, blank=True, help_text=_("zaaknummer van rechtbank of bezwaarcommissie"))
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rechtsmiddel")
        verbose_name_plural = _("rechtsmiddelen")
        ordering = ["maatregel", "ingediend_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(beslist_op__isnull=True) | Q(beslist_op__gte=models.F("ingediend_op")),
                name="rechtsmiddel_beslist_na_ingediend",
            ),
            models.CheckConstraint(
                condition=Q(beslist_op__isnull=True, uitkomst="") | Q(beslist_op__isnull=False) & ~Q(uitkomst=""),
                name="rechtsmiddel_uitkomst_bij_beslissing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} van {self.ingediend_op:%d-%m-%Y}"

    @property
    def vertrouwelijkheid(self) -> str:
        return self.maatregel.overtreding.vertrouwelijkheid


class Uitkomst(models.TextChoices):
    BESTUURSRECHTELIJK = "bestuursrechtelijk", _("bestuursrechtelijk")
    STRAFRECHTELIJK = "strafrechtelijk", _("strafrechtelijk")
    BEIDE = "beide", _("bestuursrechtelijk en strafrechtelijk")


class Afstemmingsoverleg(models.Model):
    """The consultation of authority, service, OM and police on one violation (samenwerkingsmodel)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    overtreding = models.ForeignKey(Overtreding, on_delete=models.PROTECT, related_name="afstemmingen")
    datum = models.DateField()
    deelnemers = models.JSONField(help_text=_("[{organisatie, naam, functie}]"))
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices)
    redenen = models.TextField()
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afstemmingsoverleg")
        verbose_name_plural = _("afstemmingsoverleggen")
        ordering = ["overtreding", "-datum", "-id"]

    def __str__(self) -> str:
        return f"afstemmingsoverleg {self.datum:%d-%m-%Y}: {self.get_uitkomst_display()}"


class Zaakdeling(models.Model):
    """One violation shared with one chain partner (OM, police) — the only way they see a case."""

    overtreding = models.ForeignKey(Overtreding, on_delete=models.PROTECT, related_name="delingen")
    ontvanger = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    gedeeld_op = models.DateTimeField(auto_now_add=True)
    gedeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reden = models.CharField(max_length=300, blank=True)
    afstemmingsoverleg = models.ForeignKey(
        Afstemmingsoverleg, on_delete=models.PROTECT, null=True, blank=True, related_name="delingen"
    )
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("zaakdeling")
        verbose_name_plural = _("zaakdelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["overtreding", "ontvanger"],
                condition=Q(ingetrokken_op__isnull=True),
                name="zaakdeling_een_actieve_per_ontvanger",
            )
        ]

    def __str__(self) -> str:
        return f"{self.overtreding} → {self.ontvanger}"


class Procesverbaal(models.Model):
    """An official report (proces-verbaal) on a violation, drawn up by an opsporingsambtenaar — a BOA of the
    authority or the service, or the police — and stored as the signed file with its particulars.

    Wetboek van Strafvordering (version 2026-01-01): art. 152 lid 1 (the officer draws up a report of the offence
    found), art. 153 lid 2 (drawn up personally, dated and signed: hence `datum` and `verbalisant`) and art. 156
    lid 1 (sent on to the hulpofficier or the officier van justitie — here: the case is shared with the OM).
    A report is evidence and is never changed: a correction is a new, supplementary report. It holds criminal-law
    data (AVG art. 10): always `strafrechtelijk` (set by the service), so only the own organisation's handhavers
    and managers and the OM or police the case is shared with read it — never through a mandate alone.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    overtreding = models.ForeignKey(Overtreding, on_delete=models.PROTECT, related_name="processen_verbaal")
    nummer = models.CharField(max_length=60, help_text=_("PV-nummer of registratienummer van de opsporingsdienst"))
    datum = models.DateField(help_text=_("dagtekening van het proces-verbaal (art. 153 lid 2 Sv)"))
    verbalisant = models.CharField(max_length=200, help_text=_("de opsporingsambtenaar die het opmaakte"))
    verbalisantnummer = models.CharField(
        max_length=40, blank=True, help_text=_("BOA-registratienummer of dienstnummer van de verbalisant")
    )
    bestand = models.FileField(upload_to="processen-verbaal/%Y/%m/")
    naam = models.CharField(max_length=200)
    mediatype = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    vertrouwelijkheid = models.CharField(
        max_length=20, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.STRAFRECHTELIJK
    )
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("proces-verbaal")
        verbose_name_plural = _("processen-verbaal")
        ordering = ["overtreding", "-datum", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["overtreding", "nummer"], name="procesverbaal_nummer_uniek_per_zaak")
        ]

    def __str__(self) -> str:
        return f"proces-verbaal {self.nummer} ({self.datum:%d-%m-%Y})"


class Codelijst(models.TextChoices):
    """The CIM code lists this module keeps with validity dates (datakwaliteit toezicht)."""

    HANDHAVINGSINSTRUMENT = "handhavingsinstrument", _("Handhavingsinstrument")
    GEDRAG = "gedrag", _("Gedrag (interventiematrix)")
    GEVOLG = "gevolg", _("Gevolg (interventiematrix)")
    RESULTAAT_BEVINDING = "resultaat_bevinding", _("Resultaat bevinding")


class Codelijstwaarde(models.Model):
    """One value of a CIM code list, valid from/until; records using unknown or expired codes are reported."""

    lijst = models.CharField(max_length=40, choices=Codelijst.choices)
    code = models.CharField(max_length=60)
    naam = models.CharField(max_length=200)
    toelichting = models.TextField(blank=True)
    zwaarte = models.PositiveSmallIntegerField(null=True, blank=True)
    categorie = models.CharField(max_length=60, blank=True)
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True, help_text=_("exclusief; leeg: onbepaald"))
    bron = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("codelijstwaarde")
        verbose_name_plural = _("codelijstwaarden")
        ordering = ["lijst", "code", "geldig_vanaf"]
        constraints = [models.UniqueConstraint(fields=["lijst", "code", "geldig_vanaf"], name="codelijst_uniek")]

    def __str__(self) -> str:
        return f"{self.lijst}:{self.code}"


class Documentsoort(models.TextChoices):
    WAARSCHUWING = "waarschuwing", _("waarschuwingsbrief")
    VOORNEMEN = "voornemen", _("voornemen last onder dwangsom")
    BESLUIT_LOD = "besluit_lod", _("besluit last onder dwangsom")
    INVORDERINGSBESCHIKKING = "invorderingsbeschikking", _("invorderingsbeschikking")


class Documentstatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    VERZONDEN = "verzonden", _("verzonden")


class Documentsjabloon(models.Model):
    """An editable letter template (Django template syntax) per organisation; no organisation = the default."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    soort = models.CharField(max_length=30, choices=Documentsoort.choices)
    titel = models.CharField(max_length=200)
    inhoud = models.TextField()
    versie = models.PositiveIntegerField(default=1)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("documentsjabloon")
        verbose_name_plural = _("documentsjablonen")
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "soort"], name="sjabloon_een_per_soort"),
            # NULLs are distinct in a unique index: one default per soort needs its own constraint.
            models.UniqueConstraint(
                fields=["soort"], condition=Q(organisatie__isnull=True), name="sjabloon_een_standaard_per_soort"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} v{self.versie}"


class Document(models.Model):
    """A letter of a case: a draft the jurist edits (each save a Documentversie) until a mandate holder sends it;
    the sent version is frozen. `html` and `pdf` are the current version exactly as produced."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    overtreding = models.ForeignKey(Overtreding, on_delete=models.PROTECT, related_name="documenten")
    maatregel = models.ForeignKey(
        Handhavingsmaatregel, on_delete=models.PROTECT, null=True, blank=True, related_name="documenten"
    )
    verbeurte = models.ForeignKey(
        "Verbeurte", on_delete=models.PROTECT, null=True, blank=True, related_name="documenten"
    )
    soort = models.CharField(max_length=30, choices=Documentsoort.choices)
    kenmerk = models.CharField(max_length=40, blank=True, help_text=_("ons kenmerk: zaaknummer/volgnummer"))
    status = models.CharField(max_length=20, choices=Documentstatus.choices, default=Documentstatus.CONCEPT)
    versie = models.PositiveIntegerField(default=1)
    datum = models.DateField(null=True, blank=True, help_text=_("dagtekening"))
    onderdelen = models.JSONField(default=list, blank=True, help_text=_("[{kop, tekst}]: de bewerkbare romp"))
    gegevens = models.JSONField(default=dict, blank=True, help_text=_("de voorgenomen last van een voornemen"))
    sjabloon = models.ForeignKey(Documentsjabloon, on_delete=models.PROTECT, related_name="+")
    sjabloonversie = models.PositiveIntegerField()
    html = models.TextField()
    pdf = models.BinaryField()
    ondertekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    persoonsmandaat = models.ForeignKey(
        "organisaties.Persoonsmandaat", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verzonden_op = models.DateTimeField(null=True, blank=True)
    gemaakt_op = models.DateTimeField(auto_now_add=True)
    gemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["overtreding", "-gemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="verzonden") | Q(verzonden_op__isnull=False, ondertekend_door__isnull=False),
                name="document_verzonden_ondertekend",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} — {self.overtreding}"


class Documentversie(models.Model):
    """One saved state of a letter: the draft as generated, each edit, and the version sent (append-only)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versies")
    versie = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Documentstatus.choices)
    onderdelen = models.JSONField(default=list)
    html = models.TextField()
    pdf = models.BinaryField()
    gemaakt_op = models.DateTimeField(auto_now_add=True)
    gemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["document", "versie"]
        constraints = [models.UniqueConstraint(fields=["document", "versie"], name="documentversie_uniek")]

    def __str__(self) -> str:
        return f"{self.document} v{self.versie}"
