"""Append-only audit trail and access log, chained by hash (ADR 0010, ADR 0022).

Neither table has a foreign key: a row survives its actor, organisation and object, and can never be
cascaded away. The ORM refuses every update and delete, through the default and the base manager alike.
Database triggers refuse UPDATE and DELETE, on PostgreSQL since migration 0002 (ADR 0010) and on SQLite since
migration 0003, which also added, on both, the trigger that refuses an insert with a time other than the
database's (ADR 0022). Two ways past the triggers are left on purpose, for Django's `flush` (the test suite
between browser tests, an operator's reset of the whole database): TRUNCATE on PostgreSQL, which no trigger
traps and only the tables' owner may run (ADR 0010; production runs as a role that does not own them,
docs/beheer.md), and on SQLite a DELETE inside `flush` alone (`keten.legen_toegestaan`). What the owner or a
database superuser can still do, the hash chain reveals (`openvth audit verify`).
"""

from django.db import models, transaction
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from . import keten


class AlleenToevoegen(Exception):
    """Audit and access-log rows are append-only."""


_GEWIJZIGD = "Auditregels kunnen niet worden gewijzigd."
_VERWIJDERD = "Auditregels kunnen niet worden verwijderd."


class AlleenToevoegenQuerySet(models.QuerySet):
    """Insert only: every insert is chained (keten.rijg), every path to UPDATE or DELETE refuses."""

    def _insert(self, objs, fields, returning_fields=None, raw=False, using=None, on_conflict=None, **kwargs):
        if on_conflict is not None:
            raise AlleenToevoegen(_GEWIJZIGD)
        if not raw and any(obj.pk is not None for obj in objs):
            raise AlleenToevoegen("Het id van een auditregel kiest de database: de keten volgt de volgorde van id.")
        using = using or self.db
        with transaction.atomic(using=using, savepoint=False):
            if not raw:
                keten.rijg(self.model, objs, using)
            return super()._insert(objs, fields, returning_fields, raw, using, on_conflict, **kwargs)

    _insert.alters_data = True
    _insert.queryset_only = False

    def update(self, **kwargs):
        raise AlleenToevoegen(_GEWIJZIGD)

    def _update(self, values):
        raise AlleenToevoegen(_GEWIJZIGD)

    _update.queryset_only = False

    def bulk_update(self, objs, fields, batch_size=None):
        raise AlleenToevoegen(_GEWIJZIGD)

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AlleenToevoegen(_GEWIJZIGD)

    def delete(self):
        raise AlleenToevoegen(_VERWIJDERD)

    def _raw_delete(self, using):
        raise AlleenToevoegen(_VERWIJDERD)


class AlleenToevoegenModel(models.Model):
    # Set by the database in the chaining step, checked by a trigger; db_default serves a plain-SQL insert.
    tijdstip = models.DateTimeField(db_default=Now(), editable=False, db_index=True)
    vorige_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        abstract = True
        base_manager_name = "objects"  # Django's own paths (save, related access) use the guarded manager too

    def save(self, *, force_insert=False, force_update=False, using=None, update_fields=None):
        if not self._state.adding or force_update or update_fields is not None:
            raise AlleenToevoegen(_GEWIJZIGD)
        super().save(force_insert=True, using=using)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen(_VERWIJDERD)


class Auditgebeurtenis(AlleenToevoegenModel):
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

    class Meta(AlleenToevoegenModel.Meta):
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_naam} {self.actie} {self.object_soort}:{self.object_id}"


class Inzage(AlleenToevoegenModel):
    """One read of one non-public record: who saw what, for which purpose, when."""

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

    class Meta(AlleenToevoegenModel.Meta):
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_naam} zag {self.object_soort}:{self.object_id}"
