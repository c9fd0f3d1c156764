"""The task id of a queued web import, so that a run whose task was lost is seen as stalled (docs/import.md)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("register", "0005_uitvoering_lijstindexen")]

    operations = [
        migrations.AddField(
            model_name="importrun", name="taak_id", field=models.CharField(blank=True, max_length=64)
        ),
    ]
