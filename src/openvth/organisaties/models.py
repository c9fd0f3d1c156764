"""Organisations, their work areas, people and roles, mandates and sharing agreements.

Names follow the CIM VTH FLo (VTH-INSTANTIE) and GLOSSARY.md. Temporal facts carry geldig_vanaf/geldig_tot
(inclusive start, exclusive end) because omgevingsdiensten merge and memberships change.
"""

import hashlib
import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    GEMEENTE = "gemeente", _("gemeente")
    PROVINCIE = "provincie", _("provincie")
    WATERSCHAP = "waterschap", _("waterschap")
    RIJK = "rijk", _("rijk")
    OMGEVINGSDIENST = "omgevingsdienst", _("omgevingsdienst")
    KETENPARTNER = "ketenpartner", _("ketenpartner")


BEVOEGDE_GEZAGEN = (Soort.GEMEENTE, Soort.PROVINCIE, Soort.WATERSCHAP, Soort.RIJK)


class Rol(models.TextChoices):
    TOEZICHTHOUDER = "toezichthouder", _("toezichthouder")
    HANDHAVER = "handhaver", _("handhaver")
    VERGUNNINGVERLENER = "vergunningverlener", _("vergunningverlener")
    ADVISEUR = "adviseur", _("adviseur")
    PLANNER = "planner", _("planner")
    MANAGER = "manager", _("manager")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("functioneel beheerder")
    PRIVACY_OFFICER = "privacy_officer", _("privacy officer")
    KETENPARTNER = "ketenpartner", _("ketenpartner")


class Vertrouwelijkheid(models.TextChoices):
    """Confidentiality levels, ordered from open to closed (ARCHITECTURE.md §5)."""

    OPENBAAR = "openbaar", _("openbaar")
    INTERN = "intern", _("intern")
    VERTROUWELIJK = "vertrouwelijk", _("vertrouwelijk")
    STRAFRECHTELIJK = "strafrechtelijk", _("strafrechtelijk")

    @classmethod
    def rang(cls, niveau: str) -> int:
        return list(cls.values).index(niveau)


class Taakcategorie(models.TextChoices):
    BASISTAAK = "basistaak", _("basistaak")
    PLUSTAAK = "plustaak", _("plustaak")


class GeldigQuerySet(models.QuerySet):
    def geldig_op(self, peildatum: date) -> "GeldigQuerySet":
        return self.filter(
            Q(geldig_vanaf__isnull=True) | Q(geldig_vanaf__lte=peildatum),
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=peildatum),
        )


class Geldigheid(models.Model):
    geldig_vanaf = models.DateField(_("geldig vanaf"), null=True, blank=True)
    geldig_tot = models.DateField(_("geldig tot"), null=True, blank=True, help_text=_("exclusief"))

    objects = GeldigQuerySet.as_manager()

    class Meta:
        abstract = True

    def geldig_op(self, peildatum: date) -> bool:
        return (self.geldig_vanaf is None or self.geldig_vanaf <= peildatum) and (
            self.geldig_tot is None or self.geldig_tot > peildatum
        )


class Organisatie(Geldigheid):
    """A VTH-instantie or chain partner. `code` is the CBS code (GM…, PV…) or the project slug."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=40, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, db_index=True)
    naam = models.CharField(_("naam"), max_length=200)
    afkorting = models.CharField(_("afkorting"), max_length=20, blank=True)
    cbs_code = models.CharField(_("CBS-code"), max_length=6, blank=True, db_index=True)
    oin = models.CharField(_("OIN"), max_length=20, blank=True, help_text=_("Organisatie-identificatienummer"))
    provincie = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeenten",
        limit_choices_to={"soort": Soort.PROVINCIE},
    )
    opvolger = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="voorgangers")
    inwoners = models.PositiveIntegerField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    opmerking = models.TextField(blank=True)

    class Meta:
        ordering = ["soort", "naam"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_vanaf__isnull=True)
                | Q(geldig_tot__gt=models.F("geldig_vanaf")),
                name="organisatie_geldigheid_volgorde",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_bevoegd_gezag(self) -> bool:
        return self.soort in BEVOEGDE_GEZAGEN


class Werkgebiedlid(Geldigheid):
    """A municipality or province in the work area of an omgevingsdienst (a GR participant)."""

    omgevingsdienst = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="werkgebied")
    lid = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="omgevingsdiensten")
    afgeleid = models.BooleanField(default=False, help_text=_("afgeleid uit indirect bewijs"))
    bron = models.TextField(blank=True)

    class Meta:
        verbose_name = _("werkgebiedlid")
        verbose_name_plural = _("werkgebied")
        constraints = [models.UniqueConstraint(fields=["omgevingsdienst", "lid"], name="werkgebiedlid_uniek")]

    def __str__(self) -> str:
        return f"{self.omgevingsdienst} — {self.lid}"


class Lidmaatschap(Geldigheid):
    """A person works for an organisation in one or more roles."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="leden")
    rollen = models.JSONField(default=list)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["gebruiker", "organisatie"], name="lidmaatschap_uniek")]

    def __str__(self) -> str:
        return f"{self.gebruiker} @ {self.organisatie}"


class Mandaat(Geldigheid):
    """A competent authority mandates an omgevingsdienst for task categories (Awb 10:1 ff.)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mandaatgever = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="gegeven_mandaten")
    mandaatnemer = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="ontvangen_mandaten")
    taakcategorieen = models.JSONField(default=list)
    besluit = models.CharField(_("mandaatbesluit"), max_length=300, blank=True)
    ondermandaat_toegestaan = models.BooleanField(
        _("ondermandaat toegestaan"),
        default=False,
        help_text=_("Awb 10:9 lid 1: de mandaatgever staat toe dat de dienst ondermandaat verleent aan medewerkers"),
    )

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")

    def __str__(self) -> str:
        return f"{self.mandaatgever} → {self.mandaatnemer}"


class Bevoegdheid(models.TextChoices):
    """Kinds of enforcement letter a person can hold a mandate for (the mandate register's rows).

    A voornemen and a waarschuwing are no decisions (Awb 1:3); signing them on behalf of the body is a machtiging,
    to which the mandate rules apply alike (Awb 10:12).
    """

    WAARSCHUWING = "waarschuwing", _("waarschuwing ondertekenen (machtiging, Awb 10:12)")
    VOORNEMEN = "voornemen", _("voornemen tot een last ondertekenen (machtiging, Awb 10:12)")
    BESLUIT_LOD = "besluit_lod", _("besluit last onder dwangsom nemen (Awb 5:32)")
    INVORDERINGSBESCHIKKING = "invorderingsbeschikking", _("invorderingsbeschikking nemen (Awb 5:37)")
    BESLUIT_VERGUNNING = (
        "besluit_vergunning",
        _("op een aanvraag om toestemming beslissen: ontwerp, besluit en verlenging ondertekenen (Awb 10:1)"),
    )


class Persoonsmandaat(Geldigheid):
    """A person may sign kinds of letters in the name of a competent body: the mandate register (Awb 10:1–10:12).

    Either a mandate to an official of the body itself (Awb 10:3), or an ondermandaat under an organisation mandate
    to an omgevingsdienst that allows one (`mandaat`, Awb 10:9). The letter then says on whose behalf it was signed
    (Awb 10:10) and prints `functie` under the name.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mandaatgever = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="persoonsmandaten")
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandaten")
    functie = models.CharField(_("functie"), max_length=200, help_text=_("zoals onder de ondertekening gedrukt"))
    bevoegdheden = models.JSONField(default=list, help_text=_("waarden van Bevoegdheid"))
    mandaat = models.ForeignKey(
        Mandaat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ondermandaten",
        help_text=_("het mandaat aan de omgevingsdienst waaronder dit ondermandaat valt (Awb 10:9)"),
    )
    besluit = models.CharField(_("(onder)mandaatbesluit"), max_length=300)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("persoonsmandaat")
        verbose_name_plural = _("persoonsmandaten")
        ordering = ["mandaatgever", "gebruiker", "-geldig_vanaf"]

    def __str__(self) -> str:
        return f"{self.gebruiker} namens {self.mandaatgever}"


class Afspraakstatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("voorgesteld")
    ACTIEF = "actief", _("actief")


class DeelafspraakQuerySet(GeldigQuerySet):
    def geldig_op(self, peildatum: date) -> "DeelafspraakQuerySet":
        """In force on `peildatum`: within its dates, approved, and not ended.

        An ended agreement grants nothing from the moment it was ended, whatever `peildatum` asks: ending withdraws
        consent to share, it is not a date to look back past (ADR 0020).
        """
        return super().geldig_op(peildatum).filter(status=Afspraakstatus.ACTIEF, beeindigd_op__isnull=True)


class Deelafspraak(Geldigheid):
    """Organisation `ontvanger` may read record kind `recordsoort` of organisation `verstrekker`.

    Made by `deelafspraak_maken`: `voorgesteld` until the verstrekker consents (or a second administrator
    approves) when one person alone may not decide it; ended at once by `deelafspraak_beeindigen` (ADR 0020).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ontvanger = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="ontvangen_deelafspraken")
    verstrekker = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="gegeven_deelafspraken")
    recordsoort = models.CharField(max_length=80)
    regio = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("beperkt tot deze gemeente, provincie of dit werkgebied"),
    )
    plafond = models.CharField(
        _("vertrouwelijkheidsplafond"),
        max_length=20,
        choices=Vertrouwelijkheid.choices,
        default=Vertrouwelijkheid.INTERN,
    )
    grondslag = models.TextField(_("wettelijke grondslag"))
    status = models.CharField(max_length=20, choices=Afspraakstatus.choices, default=Afspraakstatus.ACTIEF)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    voorgesteld_namens = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="voorgestelde_deelafspraken"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    beeindigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beeindigingsreden = models.TextField(_("reden van beëindiging"), blank=True)

    objects = DeelafspraakQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelafspraak")
        verbose_name_plural = _("deelafspraken")

    def __str__(self) -> str:
        return f"{self.verstrekker} → {self.ontvanger}: {self.recordsoort}"

    @property
    def wacht_op(self) -> str:
        """Who must still approve a proposal, in words (ADR 0020); empty when nothing is awaited."""
        if self.status != Afspraakstatus.VOORGESTELD or self.beeindigd_op is not None:
            return ""
        if self.voorgesteld_namens_id != self.verstrekker_id:
            return f"instemming van een functioneel beheerder of manager van {self.verstrekker.naam}"
        return f"een tweede functioneel beheerder of manager van {self.verstrekker.naam}"

    def geldig_op(self, peildatum: date) -> bool:
        return self.status == Afspraakstatus.ACTIEF and self.beeindigd_op is None and super().geldig_op(peildatum)


class ApiToken(models.Model):
    """A bearer token for a machine client: bound to one organisation and scopes, stored as a hash only."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(max_length=100)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="api_tokens")
    scopes = models.JSONField(default=list)
    prefix = models.CharField(max_length=12, db_index=True)
    sleutel_hash = models.CharField(max_length=64, unique=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    verloopt = models.DateTimeField()
    ingetrokken = models.DateTimeField(null=True, blank=True)
    laatst_gebruikt = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-aangemaakt"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.prefix}…)"

    @staticmethod
    def hash(sleutel: str) -> str:
        # A token is 256 random bits, so a fast hash is enough: there is nothing to brute-force.
        return hashlib.sha256(sleutel.encode()).hexdigest()
