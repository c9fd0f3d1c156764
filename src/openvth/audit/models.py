"""Append-only audit trail and access log.

Neither table has a foreign key: a row survives its actor, organisation and object, and can never be
cascaded away. The ORM refuses update and delete here; database triggers (migration 0002) refuse them on
SQLite and PostgreSQL alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlleenToevoegen(Exception):
    """Audit and access-log rows are append-only."""


class AlleenToevoegenQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AlleenToevoegen("Auditregels kunnen niet worden gewijzigd.")

    def delete(self):
        raise AlleenToevoegen("Auditregels kunnen niet worden verwijderd.")

    _raw_delete = delete


class AlleenToevoegenModel(models.Model):
    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("Auditregels kunnen niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Auditregels kunnen niet worden verwijderd.")


class Auditgebeurtenis(AlleenToevoegenModel):
    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_naam = models.CharField(max_length=150, blank=True)
    organisatie_id = models.BigIntegerField(null=True, blank=True)
    organisatie_naam = models.CharField(max_length=200, blank=True)
    actie = models.CharField(max_length=80, db_index=True)
    object_soort = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64, db_index=True)
    object_omschrijving = models.CharField(max_length=300, blank=True)
    voor = models.JSONField(null=True, blank=True)
    na = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_naam} {self.actie} {self.object_soort}:{self.object_id}"


class Inzage(AlleenToevoegenModel):
    """One read of one non-public record: who saw what, for which purpose, when."""

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_naam = models.CharField(max_length=150, blank=True, db_index=True)
    organisatie_id = models.BigIntegerField(null=True, blank=True)
    organisatie_naam = models.CharField(max_length=200, blank=True)
    object_soort = models.CharField(max_length=80, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    object_omschrijving = models.CharField(max_length=300, blank=True)
    vertrouwelijkheid = models.CharField(max_length=20, blank=True)
    # The record's own organisations, so their privacy officers see who read their records.
    bevoegd_gezag_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    uitvoerder_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    doel = models.CharField(max_length=200)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_naam} zag {self.object_soort}:{self.object_id}"
