"""The table of the shared database cache (settings.CACHETABEL), made by `migrate` so that every path that sets
up a database (`openvth demo`, the deployment steps of docs/beheer.md, the test database) has it; without it the
first anonymous API request would fail. Made even when Redis is configured, so switching back needs nothing."""

import io

from django.conf import settings
from django.core.management.commands.createcachetable import Command as MaakCachetabel
from django.db import migrations


def maak(apps, schema_editor):
    opdracht = MaakCachetabel(stdout=io.StringIO())
    opdracht.verbosity = 0
    opdracht.create_table(schema_editor.connection.alias, settings.CACHETABEL, False)


def verwijder(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(settings.CACHETABEL)}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(maak, verwijder)]
