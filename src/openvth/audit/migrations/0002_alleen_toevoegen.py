"""PostgreSQL triggers that refuse UPDATE and DELETE on the audit trail and the access log.

On SQLite (the embedded trial database) the ORM guard in models.py is the protection. TRUNCATE is left to the
table owner: production runs the application as a role that does not own these tables (docs/beheer.md), and
the test suite's flush between browser tests needs it.
"""

from django.db import migrations

TABELLEN = ("audit_auditgebeurtenis", "audit_inzage")
FUNCTIE = (
    "CREATE OR REPLACE FUNCTION openvth_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'openvth: % op % is niet toegestaan (alleen toevoegen)', TG_OP, TG_TABLE_NAME; END $$"
)


def _maak(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIE, params=None)  # the % signs are RAISE placeholders, not query parameters
    for tabel in TABELLEN:
        schema_editor.execute(
            f"CREATE TRIGGER {tabel}_alleen_toevoegen BEFORE UPDATE OR DELETE ON {tabel} "
            f"FOR EACH ROW EXECUTE FUNCTION openvth_alleen_toevoegen()"
        )


def _verwijder(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel in TABELLEN:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_alleen_toevoegen ON {tabel}")
    schema_editor.execute("DROP FUNCTION IF EXISTS openvth_alleen_toevoegen()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(_maak, _verwijder)]
