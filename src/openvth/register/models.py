"""The register of milieubelastende activiteiten, named after the CIM VTH FLo.

Activiteit (catalogue) · Locatie (geo-object with address, RD New) · VthObject · Betrokkene (natuurlijk persoon,
niet-natuurlijk persoon, vestiging) · Activiteituitvoering.

History: an Activiteituitvoering is a chain of versions sharing one `uuid`; each version has material validity
(`geldig_vanaf` inclusive, `geldig_tot` exclusive) and its registration time. A change closes the current
version and appends a new one, so "what was permitted here on 1 March" is a filter on the dates. A correction
on the same day supersedes the version instead (`afgevoerd_op`), which stays in the history.
"""

import re
import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Geldigheid, GeldigQuerySet, Organisatie, Vertrouwelijkheid


class Kwalificatie(models.TextChoices):
    """CIM enumeration `Kwalificatie activiteituitvoering`."""

    INFORMATIEPLICHT = "informatieplicht", _("informatieplicht")
    MELDINGSPLICHT = "meldingsplicht", _("meldingsplicht")
    TOEGESTAAN = "toegestaan", _("toegestaan")
    VERBOD = "verbod", _("verbod")
    VERGUNNINGPLICHT = "vergunningplicht", _("vergunningplicht")
    ZORGPLICHT = "zorgplicht", _("zorgplicht")


class Status(models.TextChoices):
    """CIM enumeration `Status activiteituitvoering`."""

    VOORGENOMEN = "voorgenomen", _("voorgenomen")
    REALISATIE = "realisatie", _("realisatie")
    UITVOERING = "uitvoering", _("uitvoering")
    GESTAAKT = "gestaakt", _("gestaakt")
    BEEINDIGD = "beeindigd", _("beëindigd")


class TypeVthObject(models.TextChoices):
    """Hoofdtype of the CIM reference list `Type VTH-object`."""

    INRICHTING = "inrichting", _("inrichting")
    BOUWWERK = "bouwwerk", _("bouwwerk")
    GEBIED = "gebied", _("gebied")
    INSTALLATIE = "installatie", _("installatie")


class SoortBetrokkene(models.TextChoices):
    NATUURLIJK_PERSOON = "natuurlijk_persoon", _("natuurlijk persoon")
    NIET_NATUURLIJK_PERSOON = "niet_natuurlijk_persoon", _("niet-natuurlijk persoon")
    VESTIGING = "vestiging", _("vestiging")


class Registratie(Geldigheid):
    """Material validity plus registration time: every register fact has both."""

    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        abstract = True


class Activiteit(Geldigheid):
    """Catalogue entry: a type of activity (Bal chapter 3 afdeling or paragraph), loaded from reference data."""

    code = models.CharField(max_length=40, unique=True)
    bovenliggende = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="onderliggende"
    )
    niveau = models.PositiveSmallIntegerField()
    naam = models.CharField(max_length=300)
    sector = models.CharField(max_length=200, blank=True)
    kwalificaties = models.JSONField(default=list)
    plichtartikelen = models.JSONField(
        default=dict, blank=True, help_text=_("de Bal-artikelen die een plicht scheppen, per plicht")
    )
    basistaak = models.BooleanField(null=True, help_text=_("leeg: onbekend"))
    ippc_seveso = models.BooleanField(default=False)
    waterschap = models.BooleanField(default=False)
    bron = models.TextField(blank=True)
    catalogusversie = models.CharField(max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def __str__(self) -> str:
        return f"{self.code} {self.naam}"


class Locatie(Registratie):
    """A place: BAG address where known, always RD New coordinates (derived WGS84 stored for speed)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bag_id = models.CharField(_("BAG-id"), max_length=16, blank=True, db_index=True)
    straat = models.CharField(_("naam openbare ruimte"), max_length=200, blank=True)
    huisnummer = models.PositiveIntegerField(null=True, blank=True)
    huisletter = models.CharField(max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(max_length=4, blank=True)
    postcode = models.CharField(max_length=6, blank=True, db_index=True)
    woonplaats = models.CharField(max_length=100, blank=True)
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    x = models.FloatField(_("RD x"))
    y = models.FloatField(_("RD y"))
    lon = models.FloatField()
    lat = models.FloatField()

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        indexes = [models.Index(fields=["x", "y"], name="locatie_xy")]

    def __str__(self) -> str:
        return self.adres or f"RD {self.x:.0f}, {self.y:.0f}"

    @property
    def adres(self) -> str:
        toevoeging = f"-{self.huisnummertoevoeging}" if self.huisnummertoevoeging else ""
        nummer = f"{self.huisnummer or ''}{self.huisletter}{toevoeging}"
        delen = [f"{self.straat} {nummer}".strip(), f"{postcode_weergave(self.postcode)} {self.woonplaats}".strip()]
        return ", ".join(d for d in delen if d)


_POSTCODE = re.compile(r"([1-9][0-9]{3}) ?([A-Za-z]{2})")


def postcode_weergave(postcode: str | None) -> str:
    """A Dutch postcode as people write it, `5611 LW` (four digits, a space, two capitals: PostNL's form); the
    stored value stays as given, and exports and the API keep it raw. Anything else is shown unchanged."""
    if treffer := _POSTCODE.fullmatch((postcode or "").strip()):
        return f"{treffer[1]} {treffer[2].upper()}"
    return postcode or ""


class Beschermd(models.Model):
    """The three fields the access policy reads (ARCHITECTURE.md §5)."""

    bevoegd_gezag = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    vertrouwelijkheid = models.CharField(
        max_length=20, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.OPENBAAR, db_index=True
    )

    class Meta:
        abstract = True


class Betrokkene(Beschermd, Registratie):
    """A party: natural person (personal data, never public), legal person, or KvK establishment (vestiging)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    soort = models.CharField(max_length=30, choices=SoortBetrokkene.choices)
    naam = models.CharField(max_length=500, help_text=_("naam, statutaire naam of eerste handelsnaam"))
    handelsnamen = models.JSONField(default=list, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    rsin = models.CharField(_("RSIN"), max_length=9, blank=True)
    kvk_nummer = models.CharField(_("KvK-nummer"), max_length=8, blank=True, db_index=True)
    vestigingsnummer = models.CharField(max_length=12, blank=True, db_index=True)
    sbi_codes = models.JSONField(_("SBI-activiteiten"), default=list, blank=True)
    hoofdvestiging = models.BooleanField(null=True)
    uitvoerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort="natuurlijk_persoon") | ~Q(vertrouwelijkheid="openbaar"),
                name="natuurlijk_persoon_nooit_openbaar",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class VthObject(Beschermd, Registratie):
    """The supervised object (site, installation, …): NEN3610 id, type, name, location."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    namespace = models.CharField(max_length=20, default="nl-vthflo")
    lokaal_id = models.CharField(max_length=60)
    type = models.CharField(max_length=20, choices=TypeVthObject.choices, default=TypeVthObject.INRICHTING)
    subtype = models.CharField(max_length=60, blank=True)
    naam = models.CharField(max_length=300)
    locatie = models.ForeignKey(Locatie, on_delete=models.PROTECT, related_name="vth_objecten")
    locatie_omschrijving = models.CharField(max_length=300, blank=True)
    uitvoerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    vestiging = models.ForeignKey(
        Betrokkene, on_delete=models.PROTECT, null=True, blank=True, related_name="vth_objecten"
    )
    ontstaansdatum = models.DateField(null=True, blank=True)
    beeindigingsdatum = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("VTH-object")
        verbose_name_plural = _("VTH-objecten")
        constraints = [models.UniqueConstraint(fields=["namespace", "lokaal_id"], name="vthobject_nen3610id")]

    def __str__(self) -> str:
        return self.naam


class UitvoeringQuerySet(GeldigQuerySet):
    def geldig_op(self, peildatum):
        """Materially valid on `peildatum`, as currently known (superseded corrections excluded)."""
        return super().geldig_op(peildatum).filter(afgevoerd_op__isnull=True)


class Activiteituitvoering(Beschermd, Registratie):
    """One version of a concrete activity at a VTH-object, for one bevoegd gezag and one toezichtinstantie."""

    uuid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    bron_systeem = models.CharField(max_length=60)
    bron_id = models.CharField(max_length=100)
    # The list filters' foreign keys are indexed together with `id` (Meta.indexes), not alone: ADR 0018.
    bevoegd_gezag = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", db_index=False)
    activiteit = models.ForeignKey(Activiteit, on_delete=models.PROTECT, related_name="uitvoeringen", db_index=False)
    vth_object = models.ForeignKey(VthObject, on_delete=models.PROTECT, related_name="uitvoeringen")
    uitvoerder_betrokkene = models.ForeignKey(
        Betrokkene,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uitvoeringen",
        help_text=_("CIM: wordt gedaan door"),
    )
    toezichtinstantie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", db_index=False)
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", db_index=False)
    omschrijving = models.CharField(max_length=500, blank=True)
    # Stored as ";meldingsplicht;vergunningplicht;" so that one substring filter works on every database.
    kwalificatiecodes = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, db_index=True)
    legitimatie = models.CharField(_("vergunning of melding"), max_length=100, blank=True)
    ontstaansdatum = models.DateField(null=True, blank=True)
    beeindigingsdatum = models.DateField(null=True, blank=True)
    versie = models.PositiveIntegerField(default=1)
    afgevoerd_op = models.DateTimeField(
        null=True, blank=True, help_text=_("gezet als een latere versie met dezelfde ingangsdatum deze verving")
    )

    objects = UitvoeringQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteituitvoering")
        verbose_name_plural = _("activiteituitvoeringen")
        indexes = [
            models.Index(fields=["bron_systeem", "bron_id"], name="uitvoering_bron"),
            models.Index(fields=["geldig_tot"], name="uitvoering_geldig_tot"),
            # Each list filter's column(s) followed by `id`: an equality filter then yields its rows in the API's
            # default order (registration, `id`), so the first page is an index walk that stops after pageSize
            # rows instead of reading and sorting every match (ADR 0018). They replace the plain foreign-key
            # indexes, which they serve as well (a leading column is an index of its own); (gemeente, activiteit)
            # keeps PostgreSQL from intersecting the bitmaps of both for "this activity in this municipality".
            models.Index(fields=["gemeente", "status", "id"], name="uitvoering_gemeente_status_id"),
            models.Index(fields=["gemeente", "id"], name="uitvoering_gemeente_id"),
            models.Index(fields=["gemeente", "activiteit", "id"], name="uitvoering_gemeente_act_id"),
            models.Index(fields=["bevoegd_gezag", "id"], name="uitvoering_bevoegd_gezag_id"),
            models.Index(fields=["toezichtinstantie", "id"], name="uitvoering_toezicht_id"),
            models.Index(fields=["activiteit", "id"], name="uitvoering_activiteit_id"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["uuid", "versie"], name="uitvoering_versie_uniek"),
            models.UniqueConstraint(
                fields=["bron_systeem", "bron_id"],
                condition=Q(geldig_tot__isnull=True, afgevoerd_op__isnull=True),
                name="uitvoering_een_actueel",
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_vanaf__isnull=True)
                | Q(geldig_tot__gt=F("geldig_vanaf")),
                name="uitvoering_geldigheid_volgorde",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activiteit.naam} — {self.vth_object.naam}"

    @property
    def kwalificaties(self) -> list[str]:
        return [k for k in self.kwalificatiecodes.split(";") if k]

    @kwalificaties.setter
    def kwalificaties(self, waarden) -> None:
        self.kwalificatiecodes = codeer_kwalificaties(waarden)


def codeer_kwalificaties(waarden) -> str:
    return ";" + ";".join(sorted(set(waarden))) + ";" if waarden else ""


from .importmodellen import *  # noqa: E402,F401,F403


class ZaakOpObject(models.Model):
    """The fields a supervision or enforcement record at a VTH-object carries for the access policy (who is the
    competent authority, who executes, where, how confidential) and the activity it concerns, if known."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bevoegd_gezag = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    uitvoerder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    vertrouwelijkheid = models.CharField(
        max_length=20, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.INTERN, db_index=True
    )
    activiteituitvoering = models.ForeignKey(
        Activiteituitvoering, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
