"""Import runs: progress, counts and the per-row quality report of one file imported with one profile.

A run is updated inside the same transaction as each batch it commits, so after a crash (even kill -9) the run
says exactly how far the register got: the next run of the same file resumes after `verwerkt` rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Organisatie

__all__ = ["Importbatch", "Importrun", "Importstatus", "Resultaat"]


class Importstatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("in de wachtrij")
    BEZIG = "bezig", _("bezig")
    VOLTOOID = "voltooid", _("voltooid")
    GEWEIGERD = "geweigerd", _("bestand geweigerd")
    MISLUKT = "mislukt", _("mislukt")
    VOORTGEZET = "voortgezet", _("voortgezet in een nieuwe import")


class Resultaat(models.TextChoices):
    """What happened to one row."""

    AANGEMAAKT = "aangemaakt", _("aangemaakt")
    GEWIJZIGD = "gewijzigd", _("gewijzigd")
    ONGEWIJZIGD = "ongewijzigd", _("ongewijzigd")
    GEWEIGERD = "geweigerd", _("geweigerd")


class Importrun(models.Model):
    """One import of one file (identified by its SHA-256) with one profile, by one actor."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    digest = models.CharField(max_length=64, db_index=True)  # SHA-256 of the file
    bestandsnaam = models.CharField(max_length=255)
    pad = models.CharField(max_length=1000, blank=True)  # the stored upload (web)
    profiel = models.CharField(max_length=60)
    profielversie = models.CharField(max_length=20)
    bron_systeem = models.CharField(max_length=60)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    gebruikersnaam = models.CharField(max_length=150)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, null=True, related_name="+")
    status = models.CharField(max_length=20, choices=Importstatus.choices, default=Importstatus.WACHTRIJ)
    melding = models.TextField(blank=True)
    batchgrootte = models.PositiveIntegerField(default=1000)
    totaal = models.PositiveIntegerField(null=True, blank=True)
    verwerkt = models.PositiveIntegerField(default=0)  # rows in committed batches: where a re-run resumes
    laatste_batch = models.PositiveIntegerField(default=0)
    aangemaakt = models.PositiveIntegerField(default=0)
    gewijzigd = models.PositiveIntegerField(default=0)
    ongewijzigd = models.PositiveIntegerField(default=0)
    geweigerd = models.PositiveIntegerField(default=0)
    redenen = models.JSONField(default=dict)  # refused rows per reason code
    verwerkingstijd = models.FloatField(default=0.0)  # seconds spent in committed batches (for rows/s)
    eigenaar = models.CharField(max_length=200, blank=True)  # host:pid of the importing process
    # The background task of a web run (django-tasks result id): a queued run whose task is gone or ended without
    # touching the run is stalled, not waiting (wachtrij.stilgevallen).
    taak_id = models.CharField(max_length=64, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gestart_op = models.DateTimeField(null=True, blank=True)
    bijgewerkt_op = models.DateTimeField(null=True, blank=True)
    voltooid_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["digest", "profiel", "bron_systeem"], name="importrun_hervatten")]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.profiel})"

    @property
    def klaar(self) -> bool:
        return self.status != Importstatus.WACHTRIJ and self.status != Importstatus.BEZIG

    @property
    def rijen_per_seconde(self) -> float | None:
        return self.verwerkt / self.verwerkingstijd if self.verwerkingstijd else None

    @property
    def duur(self):
        if self.gestart_op is None:
            return None
        return (self.voltooid_op or self.bijgewerkt_op or self.gestart_op) - self.gestart_op


class Importbatch(models.Model):
    """One committed batch: its rows' results, written in the batch's own transaction (the report's source)."""

    run = models.ForeignKey(Importrun, on_delete=models.CASCADE, related_name="batches")
    nummer = models.PositiveIntegerField()
    eerste_rij = models.PositiveIntegerField()  # index of the first data row, from 0
    aantal = models.PositiveIntegerField()
    # [[regel, bron_id, resultaat, [redenen], uuid], ...]: compact, and one row per batch instead of per row.
    rapport = models.JSONField(default=list)
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run", "nummer"]
        constraints = [models.UniqueConstraint(fields=["run", "nummer"], name="importbatch_uniek")]

    def __str__(self) -> str:
        return f"{self.run} #{self.nummer}"
