"""Database triggers that refuse UPDATE and DELETE on the audit trail and access log (SQLite and PostgreSQL)."""

from django.db import migrations

TABELLEN = ("audit_auditgebeurtenis", "audit_inzage")


def _maak(apps, schema_editor):
    verkoper = schema_editor.connection.vendor
    for tabel in TABELLEN:
        if verkoper == "postgresql":
            schema_editor.execute(
                "CREATE OR REPLACE FUNCTION openvth_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN RAISE EXCEPTION 'openvth: % op % is niet toegestaan (alleen toevoegen)', TG_OP, TG_TABLE_NAME; "
                "END $$"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {tabel}_alleen_toevoegen BEFORE UPDATE OR DELETE OR TRUNCATE ON {tabel} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION openvth_alleen_toevoegen()"
            )
        elif verkoper == "sqlite":
            for actie in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {tabel}_geen_{actie.lower()} BEFORE {actie} ON {tabel} "
                    f"BEGIN SELECT RAISE(ABORT, 'openvth: {actie} op {tabel} is niet toegestaan (alleen toevoegen)'); END"
                )
        else:
            raise RuntimeError(f"Geen alleen-toevoegen-trigger voor database {verkoper}")


def _verwijder(apps, schema_editor):
    verkoper = schema_editor.connection.vendor
    for tabel in TABELLEN:
        if verkoper == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_alleen_toevoegen ON {tabel}")
        else:
            for actie in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_geen_{actie}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(_maak, _verwijder)]
