"""Register list indexes: each filter's column(s) followed by `id` (ADR 0018).

The API's register list is ordered by registration (`id`) by default; with an equality filter on the leading
column(s) these indexes yield the matches in that order, so the first page is an index walk that stops after
pageSize rows. They replace the plain foreign-key indexes of gemeente, bevoegd_gezag, toezichtinstantie and
activiteit (and the (gemeente, status) index), which they serve as well; one more, (gemeente, activiteit, id),
is new: a municipality's executions of one activity, where PostgreSQL otherwise intersected bitmaps of both
columns (reading ~60,000 index entries of a common activity to find 50 rows).

The foreign keys get `db_index=False` in the model state only; their indexes are dropped by name here. Django's
own AlterField would rebuild the whole table on SQLite (1.6 million rows nationally) to drop an index.
"""

from django.db import migrations, models
from django.db.models.deletion import PROTECT

FK_VELDEN = ("gemeente", "bevoegd_gezag", "toezichtinstantie", "activiteit")


def _fk_indexen_weg(apps, schema_editor):
    model = apps.get_model("register", "Activiteituitvoering")
    tabel = model._meta.db_table
    for naam in FK_VELDEN:
        kolom = model._meta.get_field(naam).column
        index = schema_editor._create_index_name(tabel, [kolom])  # the name Django gave the field's index
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


def _fk_indexen_terug(apps, schema_editor):
    model = apps.get_model("register", "Activiteituitvoering")
    for naam in FK_VELDEN:
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[model._meta.get_field(naam)]))


def _statistieken(apps, schema_editor):
    """SQLite plans from `sqlite_stat1`, which knows an index only after ANALYZE (the generator runs it at its end;
    without rows for the new indexes the planner guesses). PostgreSQL keeps column statistics: nothing to do."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute('ANALYZE "register_activiteituitvoering"')


def _fk(naar, related_name):
    return models.ForeignKey(db_index=False, on_delete=PROTECT, related_name=related_name, to=naar)


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0001_initial"),
        ("register", "0004_postgresql_planner"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="activiteituitvoering", name="uitvoering_gemeente_status"),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_fk_indexen_weg, _fk_indexen_terug)],
            state_operations=[
                migrations.AlterField(
                    model_name="activiteituitvoering",
                    name="activiteit",
                    field=_fk("register.activiteit", "uitvoeringen"),
                ),
                migrations.AlterField(
                    model_name="activiteituitvoering",
                    name="bevoegd_gezag",
                    field=_fk("organisaties.organisatie", "+"),
                ),
                migrations.AlterField(
                    model_name="activiteituitvoering",
                    name="gemeente",
                    field=_fk("organisaties.organisatie", "+"),
                ),
                migrations.AlterField(
                    model_name="activiteituitvoering",
                    name="toezichtinstantie",
                    field=_fk("organisaties.organisatie", "+"),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="activiteituitvoering",
            index=models.Index(fields=["gemeente", "status", "id"], name="uitvoering_gemeente_status_id"),
        ),
        migrations.AddIndex(
            model_name="activiteituitvoering",
            index=models.Index(fields=["gemeente", "id"], name="uitvoering_gemeente_id"),
        ),
        migrations.AddIndex(
            model_name="activiteituitvoering",
            index=models.Index(fields=["gemeente", "activiteit", "id"], name="uitvoering_gemeente_act_id"),
        ),
        migrations.AddIndex(
            model_name="activiteituitvoering",
            index=models.Index(fields=["bevoegd_gezag", "id"], name="uitvoering_bevoegd_gezag_id"),
        ),
        migrations.AddIndex(
            model_name="activiteituitvoering",
            index=models.Index(fields=["toezichtinstantie", "id"], name="uitvoering_toezicht_id"),
        ),
        migrations.AddIndex(
            model_name="activiteituitvoering",
            index=models.Index(fields=["activiteit", "id"], name="uitvoering_activiteit_id"),
        ),
        migrations.RunPython(_statistieken, migrations.RunPython.noop),
    ]
