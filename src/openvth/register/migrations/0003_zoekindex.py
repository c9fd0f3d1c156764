"""Full-text search index of VTH-objects (name, street, place, postcode), kept current by triggers.

SQLite: an FTS5 table (unicode61 tokenizer, diacritics removed) whose rowid is the VTH-object's id.
PostgreSQL: a table of tsvectors with a GIN index; each document holds the words as written ('simple', for
prefix search) and their Dutch stems ('dutch', so "bakkerijen" finds "Bakkerij"). Triggers on both tables keep
it current for every writer (services, importer, generator, admin), so no code path can forget it; ADR 0014.
"""

from django.db import migrations

DOCUMENT = "{o}.naam || ' ' || {l}.straat || ' ' || {l}.woonplaats || ' ' || {l}.postcode"

SQLITE = [
    "CREATE VIRTUAL TABLE register_zoekindex USING fts5(tekst, tokenize = 'unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER register_zoekindex_object_nieuw AFTER INSERT ON register_vthobject BEGIN
        INSERT INTO register_zoekindex (rowid, tekst)
        SELECT new.id, {DOCUMENT.format(o="new", l="l")} FROM register_locatie l WHERE l.id = new.locatie_id;
    END""",
    f"""CREATE TRIGGER register_zoekindex_object_gewijzigd AFTER UPDATE OF naam, locatie_id ON register_vthobject
    BEGIN
        DELETE FROM register_zoekindex WHERE rowid = old.id;
        INSERT INTO register_zoekindex (rowid, tekst)
        SELECT new.id, {DOCUMENT.format(o="new", l="l")} FROM register_locatie l WHERE l.id = new.locatie_id;
    END""",
    """CREATE TRIGGER register_zoekindex_object_weg AFTER DELETE ON register_vthobject BEGIN
        DELETE FROM register_zoekindex WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER register_zoekindex_locatie AFTER UPDATE OF straat, woonplaats, postcode ON register_locatie
    BEGIN
        DELETE FROM register_zoekindex WHERE rowid IN (SELECT id FROM register_vthobject WHERE locatie_id = new.id);
        INSERT INTO register_zoekindex (rowid, tekst)
        SELECT o.id, {DOCUMENT.format(o="o", l="new")} FROM register_vthobject o WHERE o.locatie_id = new.id;
    END""",
    f"""INSERT INTO register_zoekindex (rowid, tekst)
        SELECT o.id, {DOCUMENT.format(o="o", l="l")} FROM register_vthobject o
        JOIN register_locatie l ON l.id = o.locatie_id""",
]
SQLITE_TERUG = [
    "DROP TRIGGER register_zoekindex_locatie",
    "DROP TRIGGER register_zoekindex_object_weg",
    "DROP TRIGGER register_zoekindex_object_gewijzigd",
    "DROP TRIGGER register_zoekindex_object_nieuw",
    "DROP TABLE register_zoekindex",
]

POSTGRESQL = [
    """CREATE FUNCTION register_zoekdocument(tekst text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS
        $$ SELECT to_tsvector('simple', tekst) || to_tsvector('dutch', tekst) $$""",
    """CREATE TABLE register_zoekindex (vth_object_id bigint PRIMARY KEY, document tsvector NOT NULL)""",
    "CREATE INDEX register_zoekindex_document ON register_zoekindex USING gin (document)",
    f"""CREATE FUNCTION register_zoekindex_object() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM register_zoekindex WHERE vth_object_id = OLD.id;
            RETURN NULL;
        END IF;
        INSERT INTO register_zoekindex (vth_object_id, document)
        SELECT NEW.id, register_zoekdocument({DOCUMENT.format(o="NEW", l="l")})
        FROM register_locatie l WHERE l.id = NEW.locatie_id
        ON CONFLICT (vth_object_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER register_zoekindex_object AFTER INSERT OR DELETE OR UPDATE OF naam, locatie_id
        ON register_vthobject FOR EACH ROW EXECUTE FUNCTION register_zoekindex_object()""",
    f"""CREATE FUNCTION register_zoekindex_locatie() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE register_zoekindex z SET document = register_zoekdocument({DOCUMENT.format(o="o", l="NEW")})
        FROM register_vthobject o WHERE o.locatie_id = NEW.id AND z.vth_object_id = o.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER register_zoekindex_locatie AFTER UPDATE OF straat, woonplaats, postcode
        ON register_locatie FOR EACH ROW EXECUTE FUNCTION register_zoekindex_locatie()""",
    f"""INSERT INTO register_zoekindex (vth_object_id, document)
        SELECT o.id, register_zoekdocument({DOCUMENT.format(o="o", l="l")}) FROM register_vthobject o
        JOIN register_locatie l ON l.id = o.locatie_id""",
]
POSTGRESQL_TERUG = [
    "DROP TRIGGER register_zoekindex_locatie ON register_locatie",
    "DROP FUNCTION register_zoekindex_locatie()",
    "DROP TRIGGER register_zoekindex_object ON register_vthobject",
    "DROP FUNCTION register_zoekindex_object()",
    "DROP TABLE register_zoekindex",
    "DROP FUNCTION register_zoekdocument(text)",
]


def _uitvoeren(opdrachten):
    def uitvoeren(apps, schema_editor):
        for sql in opdrachten[schema_editor.connection.vendor]:
            schema_editor.execute(sql, params=None)

    return uitvoeren


class Migration(migrations.Migration):
    dependencies = [("register", "0002_importruns")]

    operations = [
        migrations.RunPython(
            _uitvoeren({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _uitvoeren({"sqlite": SQLITE_TERUG, "postgresql": POSTGRESQL_TERUG}),
        ),
    ]
