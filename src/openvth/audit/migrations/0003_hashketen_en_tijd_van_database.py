"""The hash chain, the database's time, and the append-only triggers on SQLite too (ADR 0022).

Existing rows are chained in id order, as `keten.rijg` would have. Then triggers on both engines refuse an insert
whose time is not the database clock's, and on SQLite (as migration 0002 does on PostgreSQL) every UPDATE and
every DELETE; only Django's flush may empty the tables there (`openvth_audit_legen()`, audit/keten.py).
A later migration that rebuilds one of these tables on SQLite drops its triggers with it and must create them
again: tests/audit/test_keten.py checks that they are there.
"""

from django.db import migrations, models
from django.db.models.functions import Now

from openvth.audit import keten

TABELLEN = {"auditgebeurtenis": "audit_auditgebeurtenis", "inzage": "audit_inzage"}
VENSTER = keten.VENSTER_SECONDEN

PG_TIJDSTIP = (
    "CREATE OR REPLACE FUNCTION openvth_tijdstip_van_database() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN IF NEW.tijdstip IS NULL OR NEW.tijdstip > clock_timestamp() "
    f"OR NEW.tijdstip < clock_timestamp() - make_interval(secs => {VENSTER}) THEN "
    "RAISE EXCEPTION 'openvth: tijdstip % op % komt niet van de database (alleen toevoegen, tijd van de database)', "
    "NEW.tijdstip, TG_TABLE_NAME; END IF; RETURN NEW; END $$"
)


def sqlite_triggers(tabel: str) -> list[str]:
    return [
        f"CREATE TRIGGER {tabel}_alleen_toevoegen_update BEFORE UPDATE ON {tabel} "
        f"BEGIN SELECT RAISE(ABORT, 'openvth: UPDATE op {tabel} is niet toegestaan (alleen toevoegen)'); END",
        f"CREATE TRIGGER {tabel}_alleen_toevoegen_delete BEFORE DELETE ON {tabel} WHEN NOT openvth_audit_legen() "
        f"BEGIN SELECT RAISE(ABORT, 'openvth: DELETE op {tabel} is niet toegestaan (alleen toevoegen)'); END",
        f"CREATE TRIGGER {tabel}_tijdstip_van_database BEFORE INSERT ON {tabel} "
        f"WHEN julianday(NEW.tijdstip) IS NULL OR julianday(NEW.tijdstip) > julianday('now') "
        f"OR julianday(NEW.tijdstip) < julianday('now') - {VENSTER} / 86400.0 "
        f"BEGIN SELECT RAISE(ABORT, 'openvth: tijdstip op {tabel} komt niet van de database (tijd van de database)'); "
        "END",
    ]


def _ketenen(apps, schema_editor):
    verbinding = schema_editor.connection
    for naam, tabel in TABELLEN.items():
        model = apps.get_model("audit", naam)
        if verbinding.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER {tabel}_alleen_toevoegen")
        namen = ["id", *(f.name for f in keten.ketenvelden(model))]
        vorige, partij = keten.NUL_HASH, []
        with verbinding.cursor() as c:
            for rij in model.objects.using(verbinding.alias).order_by("id").values(*namen).iterator(chunk_size=2000):
                nieuw = keten.rij_hash(model, rij, vorige)
                partij.append((vorige, nieuw, rij["id"]))
                vorige = nieuw
                if len(partij) == 2000:
                    c.executemany(f"UPDATE {tabel} SET vorige_hash = %s, hash = %s WHERE id = %s", partij)
                    partij = []
            if partij:
                c.executemany(f"UPDATE {tabel} SET vorige_hash = %s, hash = %s WHERE id = %s", partij)
        if verbinding.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER {tabel}_alleen_toevoegen")


def _maak_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TIJDSTIP, params=None)  # the % signs are RAISE placeholders
        for tabel in TABELLEN.values():
            schema_editor.execute(
                f"CREATE TRIGGER {tabel}_tijdstip_van_database BEFORE INSERT ON {tabel} "
                "FOR EACH ROW EXECUTE FUNCTION openvth_tijdstip_van_database()"
            )
    elif schema_editor.connection.vendor == "sqlite":
        for tabel in TABELLEN.values():
            for sql in sqlite_triggers(tabel):
                schema_editor.execute(sql, params=None)


def _verwijder_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for tabel in TABELLEN.values():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_tijdstip_van_database ON {tabel}")
        schema_editor.execute("DROP FUNCTION IF EXISTS openvth_tijdstip_van_database()")
    elif schema_editor.connection.vendor == "sqlite":
        for tabel in TABELLEN.values():
            for soort in ("alleen_toevoegen_update", "alleen_toevoegen_delete", "tijdstip_van_database"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_{soort}")


def _velden(model_name: str) -> list:
    return [
        migrations.AddField(
            model_name=model_name,
            name="vorige_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=model_name,
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name=model_name,
            name="tijdstip",
            field=models.DateTimeField(db_default=Now(), db_index=True, editable=False),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_alleen_toevoegen")]

    operations = [
        migrations.AlterModelOptions(
            name="auditgebeurtenis",
            options={
                "base_manager_name": "objects",
                "ordering": ["-tijdstip", "-id"],
                "verbose_name": "auditgebeurtenis",
                "verbose_name_plural": "auditgebeurtenissen",
            },
        ),
        migrations.AlterModelOptions(
            name="inzage",
            options={
                "base_manager_name": "objects",
                "ordering": ["-tijdstip", "-id"],
                "verbose_name": "inzage",
                "verbose_name_plural": "inzagelog",
            },
        ),
        *_velden("auditgebeurtenis"),
        *_velden("inzage"),
        migrations.RunPython(_ketenen, migrations.RunPython.noop),
        migrations.RunPython(_maak_triggers, _verwijder_triggers),
    ]
